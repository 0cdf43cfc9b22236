#include "app/accounts.h"

#include <sodium.h>

#include <cctype>
#include <cstring>
#include <stdexcept>

#include "audit/audit_log.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

const char* kSignInFailed = "Enter a correct username and password";

void EnsureSodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not start");
}

Actor ActorFrom(const store::UserRecord& user) {
  return Actor{user.id, user.username, user.display_name, RoleFromId(user.role).value_or(Role::kContactOfficer),
               user.team_id};
}

}  // namespace

std::string HashPassword(const std::string& password) {
  EnsureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a password");
  return hash;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<SignedIn> SignIn(AppContext& ctx, const std::string& username, const std::string& password) {
  if (username.empty() || password.empty() || username.size() > 200 || password.size() > 1024)
    return std::unexpected(Error::Unauthenticated(kSignInFailed));
  std::optional<store::UserRecord> user;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    user = store::FindUserByUsername(*tx, username);
  }
  // Verify against a fixed hash when the user is unknown so both failures take the same time.
  static const std::string kDecoyHash = HashPassword(RandomToken());
  const bool password_ok = VerifyPassword(user ? user->password_hash : kDecoyHash, password);
  if (!user || !password_ok || !user->active) return std::unexpected(Error::Unauthenticated(kSignInFailed));

  const Instant now = ctx.clock.Now();
  SignedIn result{RandomToken(), RandomToken(), ActorFrom(*user)};
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  store::InsertSession(*tx, {audit::Sha256Hex(result.session_token), user->id, result.csrf_token, now, now,
                             now + std::chrono::duration_cast<std::chrono::seconds>(kSessionIdleLimit)});
  audit::Append(*tx, {now, user->id, user->username, "user.signed_in", "user", std::to_string(user->id), {}});
  tx->Commit();
  return result;
}

Result<Session> ResolveSession(AppContext& ctx, const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 100)
    return std::unexpected(Error::Unauthenticated("Sign in to continue"));
  const std::string token_hash = audit::Sha256Hex(session_token);
  const Instant now = ctx.clock.Now();
  std::optional<store::SessionRecord> session;
  std::optional<store::UserRecord> user;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    session = store::FindSession(*tx, token_hash);
    if (session) user = store::FindUserById(*tx, session->user_id);
  }
  if (!session || !user || !user->active || session->expires_at <= now ||
      session->created_at + kSessionAbsoluteLimit <= now)
    return std::unexpected(Error::Unauthenticated("Your session has ended: sign in again"));
  // Slide the idle expiry, but write at most once a minute per session rather than on every request.
  if (now - session->last_seen_at >= std::chrono::minutes(1)) {
    auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
    store::TouchSession(*tx, token_hash, now,
                        now + std::chrono::duration_cast<std::chrono::seconds>(kSessionIdleLimit));
    tx->Commit();
  }
  return Session{ActorFrom(*user), session->csrf_token};
}

void SignOut(AppContext& ctx, const std::string& session_token) {
  const std::string token_hash = audit::Sha256Hex(session_token);
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto session = store::FindSession(*tx, token_hash);
  if (!session) return;
  store::DeleteSession(*tx, token_hash);
  auto user = store::FindUserById(*tx, session->user_id);
  audit::Append(*tx, {ctx.clock.Now(), session->user_id, user ? user->username : "unknown", "user.signed_out",
                      "user", std::to_string(session->user_id), {}});
  tx->Commit();
}

Result<std::int64_t> CreateUser(AppContext& ctx, const std::optional<Actor>& by, const NewUser& user) {
  std::vector<FieldError> errors;
  if (user.username.empty() || user.username.size() > 60) errors.push_back({"username", "Enter a username of up to 60 characters"});
  for (char c : user.username)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      errors.push_back({"username", "A username may use only letters, numbers, '.', '-' and '_'"});
      break;
    }
  if (user.display_name.empty()) errors.push_back({"display_name", "Enter the person's name"});
  if (user.password.size() < kMinPasswordLength)
    errors.push_back({"password", "A password must be at least 12 characters long"});
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can create accounts"));
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  const std::string hash = HashPassword(user.password);  // slow: done before taking the write lock
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (store::FindUserByUsername(*tx, user.username))
    return std::unexpected(Error::InvalidField("username", "That username is already taken"));
  store::UserRecord record;
  record.username = user.username;
  record.display_name = user.display_name;
  record.email = user.email;
  record.role = std::string(RoleId(user.role));
  if (!user.team.empty()) record.team_id = store::EnsureTeam(*tx, user.team);
  record.password_hash = hash;
  const std::int64_t id = store::InsertUser(*tx, record, now);
  audit::Append(*tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                      "user.created", "user", std::to_string(id),
                      {{"username", user.username}, {"display_name", user.display_name}, {"role", record.role},
                       {"team", user.team}}});
  tx->Commit();
  return id;
}

}  // namespace fd::app
