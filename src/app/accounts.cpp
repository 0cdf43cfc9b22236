#include "app/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "app/account_changes.h"
#include "app/common_passwords.h"
#include "app/device_cookies.h"
#include "app/password_reset.h"
#include "app/remembered_browsers.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "store/remembered_browser_records.h"
#include "store/security_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

const char* kSignInFailed = "Enter a correct username and password";

// An unknown username is verified against a hash of the same cost as real ones, so both failures
// take the same time. Made once per cost, on first use.
const std::string& DecoyHash(PasswordHashing hashing) {
  if (hashing == PasswordHashing::kFastForTests) {
    static const std::string fast = HashPassword(RandomToken(), hashing);
    return fast;
  }
  static const std::string interactive = HashPassword(RandomToken(), hashing);
  return interactive;
}

void EnsureSodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not start");
}

Actor ActorFrom(const store::UserRecord& user) {
  return Actor{user.id, user.username, user.display_name, RoleFromId(user.role).value_or(Role::kContactOfficer),
               user.team_id};
}

// Longer than any username can be (60): anything longer is refused without being counted.
constexpr std::size_t kMaxUsernameInput = 200;

// "Too many attempts: try again after 09:45", in the authority's local time, rounded up to the minute.
std::string TryAgainAfter(const AppContext& ctx, Instant until, bool address) {
  const Instant shown = std::chrono::ceil<std::chrono::minutes>(until);
  const std::string local = calendar::FormatLocalIso(shown, ctx.time_zone);  // 2026-11-24T09:45:00+00:00
  return fmt::format("Too many attempts{}: try again after {}", address ? " from your network" : "",
                     local.substr(11, 5));
}

// When `address` has failed kAddressFailureLimit times within the window: the time the oldest of
// those leaves the window. Nullopt when the address is unknown or not throttled.
std::optional<Instant> AddressThrottledUntil(store::Transaction& tx, const std::string& address, Instant now) {
  if (address.empty()) return std::nullopt;
  const Instant since = now - kFailureWindow;
  if (store::CountFailuresFromAddress(tx, address, since) < kAddressFailureLimit) return std::nullopt;
  auto nth = store::NthRecentFailureFromAddress(tx, address, since, kAddressFailureLimit);
  return nth.value_or(now) + kFailureWindow;
}

// Who is signing in, as far as throttling goes: an untrusted client (device empty), or the trusted
// browser whose device cookie names this username.
struct Client {
  std::string address;
  DeviceCheck device;
  std::optional<std::int64_t> browser_id = std::nullopt;  // trusted: its row in remembered_browsers
  bool trusted() const { return device.trust == DeviceTrust::kTrusted; }
};

// The device cookie offered, checked against the key in the store (none yet: no trust), and then
// against the browsers still remembered: a genuine cookie whose browser was forgotten (or voided by
// a new password or a disabled account) counts as no cookie.
Client ClientOf(store::Transaction& tx, const std::string& address, const std::string& device_cookie,
                const std::string& username, Instant now) {
  if (device_cookie.empty()) return {address, {}};
  Client client{address, CheckDeviceCookie(store::ReadDeviceCookieKey(tx), device_cookie, username, now)};
  if (!client.trusted()) return client;
  auto browser = store::FindRememberedBrowser(tx, client.device.device);
  if (!browser || browser->expires_at <= now) return {address, {DeviceTrust::kForgotten, ""}};
  client.browser_id = browser->id;
  return client;
}

// After a successful sign-in: the browser is remembered with its fresh cookie (`device`), as a new
// browser or, when it offered a remembered one, as the same browser renewed.
void RememberBrowser(store::Transaction& tx, const Client& client, std::int64_t user_id, const std::string& device,
                     const std::string& user_agent, Instant now) {
  store::DeleteExpiredRememberedBrowsers(tx, user_id, now);
  const std::string description = BrowserDescription(user_agent);
  const Instant expires_at = now + kDeviceCookieLifetime;
  if (client.browser_id) store::RenewRememberedBrowser(tx, *client.browser_id, device, description, now, expires_at);
  else store::InsertRememberedBrowser(tx, {0, device, user_id, description, now, now, expires_at});
}

// Why this client is refused before its password is checked, if it is: its address is throttled, or
// it is a trusted browser locked on its own, or an untrusted client and the username is locked.
std::optional<std::string> Refusal(const AppContext& ctx, store::Transaction& tx, const std::string& username,
                                   const Client& client, Instant now) {
  if (auto until = AddressThrottledUntil(tx, client.address, now)) return TryAgainAfter(ctx, *until, true);
  if (client.trusted()) {
    if (auto lock = store::FindDeviceLock(tx, client.device.device); lock && lock->locked_until > now)
      return TryAgainAfter(ctx, lock->locked_until, false);
  } else if (auto lock = store::FindSignInLock(tx, username); lock && lock->locked_until > now) {
    return TryAgainAfter(ctx, lock->locked_until, false);
  }
  return std::nullopt;
}

// Counts one failed sign-in, locks the username to untrusted clients, or the trusted browser alone,
// (or throttles the address) when it reaches its limit, audits, and returns the answer to give: the
// generic one, or "try again after" once locked.
Error RecordFailure(AppContext& ctx, const std::string& username, const Client& client,
                    const std::optional<store::UserRecord>& user, std::string_view reason, Instant now) {
  // The typed username is kept in the audit only when it names an account: people type passwords
  // into the username box.
  const std::string who = user ? user->username : "(not an account)";
  const std::string record_id = user ? std::to_string(user->id) : "";
  const std::string& address = client.address;
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  store::DeleteFailuresBefore(*tx, now - std::chrono::hours(24));  // the audit log keeps the history
  if (client.trusted()) store::InsertDeviceFailure(*tx, client.device.device, username, address, now);
  else store::InsertSignInFailure(*tx, username, address, now);
  audit::Append(*tx, {now, std::nullopt, "anonymous", "login.failed", "user", record_id,
                      {{"username", who}, {"address", address}, {"reason", std::string(reason)},
                       {"device_cookie", std::string(DeviceTrustName(client.device.trust))},
                       {"device", client.device.device}}});
  std::optional<Instant> locked_until;
  if (client.trusted()) {
    // A trusted browser's own count: failures before its last unlock or success no longer count.
    Instant since = now - kFailureWindow;
    if (auto floor = store::FindDeviceLock(*tx, client.device.device); floor && floor->locked_until > since)
      since = floor->locked_until;
    const std::int64_t failures = store::CountFailuresFromDevice(*tx, client.device.device, since);
    if (failures >= kDeviceFailureLimit) {
      locked_until = now + kLockDuration;
      store::UpsertDeviceLock(*tx, {client.device.device, username, now, *locked_until});
      audit::Append(*tx, {now, std::nullopt, "system", "device.locked", "user", record_id,
                          {{"username", who}, {"device", client.device.device}, {"failures", failures},
                           {"until", FormatUtc(*locked_until)}}});
    }
  } else {
    // Failures before the last unlock, successful sign-in or expired lock no longer count.
    Instant since = now - kFailureWindow;
    if (auto floor = store::FindSignInLock(*tx, username); floor && floor->locked_until > since)
      since = floor->locked_until;
    const std::int64_t failures = store::CountFailuresForUsername(*tx, username, since);
    if (failures >= kAccountFailureLimit) {
      locked_until = now + kLockDuration;
      store::UpsertSignInLock(*tx, {username, now, *locked_until});
      audit::Append(*tx, {now, std::nullopt, "system", "account.locked", "user", record_id,
                          {{"username", who}, {"failures", failures}, {"until", FormatUtc(*locked_until)},
                           {"clients", "untrusted"}}});
    }
  }
  std::optional<Instant> address_until;
  if (!address.empty() && store::CountFailuresFromAddress(*tx, address, now - kFailureWindow) == kAddressFailureLimit) {
    address_until = AddressThrottledUntil(*tx, address, now);
    audit::Append(*tx, {now, std::nullopt, "system", "login.throttled", "address", address,
                        {{"address", address}, {"until", FormatUtc(address_until.value_or(now))}}});
  }
  tx->Commit();
  if (locked_until) return Error::Unauthenticated(TryAgainAfter(ctx, *locked_until, false));
  if (address_until) return Error::Unauthenticated(TryAgainAfter(ctx, *address_until, true));
  return Error::Unauthenticated(kSignInFailed);
}

}  // namespace

std::optional<std::string> CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return fmt::format("A password must be at least {} characters long", kMinPasswordLength);
  if (password.size() > kMaxPasswordLength)
    return fmt::format("A password must be {} characters or fewer", kMaxPasswordLength);
  if (IsCommonPassword(password))
    return "That password is on a list of common passwords that attackers try first: choose another";
  return std::nullopt;
}

Result<void> SetPassword(AppContext& ctx, const std::optional<Actor>& by, const std::string& username,
                         const std::string& password, bool change_required) {
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can set passwords"));
  if (auto problem = CheckPassword(password)) return std::unexpected(Error::InvalidField("password", *problem));
  const std::string hash = HashPassword(password, ctx.password_hashing);  // slow: done before taking the write lock
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserByUsername(*tx, username);
  if (!user) return std::unexpected(Error::NotFound("There is no account with that username"));
  ReplacePassword(*tx, by, *user, hash, change_required, nlohmann::json::object(), now);
  tx->Commit();
  return {};
}

Result<void> ChangeOwnPassword(AppContext& ctx, const Actor& actor, const OwnPasswordChange& change) {
  if (change.current.empty()) return std::unexpected(Error::InvalidField("current_password", "Enter your current password"));
  if (auto problem = CheckPassword(change.replacement))
    return std::unexpected(Error::InvalidField("new_password", *problem));
  // The same again would leave an administrator's password one they still know.
  if (change.replacement == change.current)
    return std::unexpected(Error::InvalidField("new_password", "Choose a new password, not the one you have now"));
  const Instant now = ctx.clock.Now();
  std::optional<store::UserRecord> user;
  Client client;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    client = ClientOf(*tx, change.address, change.device_cookie, actor.username, now);
    // Locked out: refused before the password is checked, as at sign-in, so a stolen session cannot
    // go on guessing. The user's own trusted browser is held only by its own lock, as at sign-in.
    if (client.trusted()) {
      if (auto lock = store::FindDeviceLock(*tx, client.device.device); lock && lock->locked_until > now)
        return std::unexpected(Error::InvalidField("current_password", TryAgainAfter(ctx, lock->locked_until, false)));
    } else if (auto lock = store::FindSignInLock(*tx, actor.username); lock && lock->locked_until > now) {
      return std::unexpected(Error::InvalidField("current_password", TryAgainAfter(ctx, lock->locked_until, false)));
    }
    user = store::FindUserById(*tx, actor.user_id);
  }
  if (!user || !user->active) return std::unexpected(Error::Unauthenticated("Your session has ended: sign in again"));
  if (change.current.size() > kMaxPasswordLength || !VerifyPassword(user->password_hash, change.current)) {
    Error counted = RecordFailure(ctx, user->username, client, user, "wrong_current_password", now);
    return std::unexpected(Error::InvalidField(
        "current_password", counted.message == kSignInFailed ? "Your current password is not right" : counted.message));
  }
  const std::string hash = HashPassword(change.replacement, ctx.password_hashing);  // slow: before the write lock
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  store::UpdatePasswordHash(*tx, user->id, hash);
  const std::int64_t ended = store::DeleteOtherSessionsForUser(*tx, user->id, audit::Sha256Hex(change.session_token));
  // Every browser too, this one included: whoever knew the old password may have signed in from
  // theirs. This browser is remembered again at its next sign-in.
  const std::int64_t forgotten = ForgetBrowsersOfUser(*tx, actor, *user, kForgottenOwnPasswordChanged, now);
  audit::Append(*tx, {now, user->id, user->username, "user.password_changed", "user", std::to_string(user->id),
                      {{"username", user->username}, {"own", true}, {"other_sessions_ended", ended},
                       {"browsers_forgotten", forgotten}}});
  // Their own now: nobody else knows it.
  if (store::ClearPasswordChange(*tx, user->id))
    audit::Append(*tx, {now, user->id, user->username, "user.must_change_password_cleared", "user",
                        std::to_string(user->id), {{"username", user->username}}});
  tx->Commit();
  return {};
}

namespace {

// Argon2id at the interactive limits allocates 64 MiB for about a third of a second. The server runs
// many more handler threads than cores (they mostly wait on the disk), so without a bound a burst of
// sign-ins could hold handler threads × 64 MiB at once; with it, at most two hashes a core run at a
// time (256 MiB on two cores) and the others wait their turn, which costs them no more time than
// sharing the cores would. The bound is the machine's, so it is one for the process.
class PasswordHashSlot {
 public:
  PasswordHashSlot() { Slots().acquire(); }
  ~PasswordHashSlot() { Slots().release(); }
  PasswordHashSlot(const PasswordHashSlot&) = delete;
  PasswordHashSlot& operator=(const PasswordHashSlot&) = delete;

 private:
  static std::counting_semaphore<>& Slots() {
    static std::counting_semaphore<> slots(2 * std::max(1u, std::thread::hardware_concurrency()));
    return slots;
  }
};

}  // namespace

std::string HashPassword(const std::string& password, PasswordHashing hashing) {
  EnsureSodium();
  PasswordHashSlot slot;
  char hash[crypto_pwhash_STRBYTES];
  const bool fast = hashing == PasswordHashing::kFastForTests;
  if (crypto_pwhash_str(hash, password.data(), password.size(),
                        fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a password");
  return hash;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  PasswordHashSlot slot;
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

Result<SignedIn> SignIn(AppContext& ctx, const std::string& username, const std::string& password,
                        const SignInFrom& from) {
  if (username.empty() || password.empty() || username.size() > kMaxUsernameInput ||
      password.size() > kMaxPasswordLength)
    return std::unexpected(Error::Unauthenticated(kSignInFailed));
  const Instant now = ctx.clock.Now();
  std::optional<store::UserRecord> user;
  std::optional<std::string> refusal;
  Client client;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    client = ClientOf(*tx, from.address, from.device_cookie, username, now);
    // Refused before the password is checked, and not counted again, so a throttled client learns
    // nothing and cannot extend its own lock-out.
    refusal = Refusal(ctx, *tx, username, client, now);
    if (!refusal) user = store::FindUserByUsername(*tx, username);
  }
  if (refusal) return std::unexpected(Error::Unauthenticated(*refusal));
  // Verify against a fixed hash when the user is unknown so both failures take the same time.
  const bool password_ok = VerifyPassword(user ? user->password_hash : DecoyHash(ctx.password_hashing), password);
  if (!user || !password_ok || !user->active) {
    const char* reason = !user ? "unknown_user" : !password_ok ? "wrong_password" : "inactive_account";
    return std::unexpected(RecordFailure(ctx, username, client, user, reason, now));
  }

  SignedIn result{RandomToken(), RandomToken(), ActorFrom(*user), "", user->must_change_password};
  const std::string fresh_key = NewDeviceCookieKey();  // used only when the store has no key yet
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  // Session rotation: whatever session the browser held before is ended, and the new token is fresh,
  // so a token planted before sign-in (session fixation) never becomes a signed-in session.
  if (!from.previous_session_token.empty() && from.previous_session_token.size() <= 100)
    store::DeleteSession(*tx, audit::Sha256Hex(from.previous_session_token));
  // A successful sign-in wipes the slate of the clients it speaks for: an untrusted client's success
  // clears the username's count (it was not locked, or it would not have got here); a trusted
  // browser's clears its own count only, and leaves a lock on untrusted clients in place, or a
  // stranger could guess five more each time the worker signs in.
  if (client.trusted()) {
    if (store::CountFailuresFromDevice(*tx, client.device.device, now - kFailureWindow) > 0)
      store::UpsertDeviceLock(*tx, {client.device.device, user->username, now, now});
  } else if (store::CountFailuresForUsername(*tx, username, now - kFailureWindow) > 0) {
    store::UpsertSignInLock(*tx, {username, now, now});
  }
  // This browser is trusted for this user from now on, with a fresh cookie (and so a fresh count).
  const std::string key = store::EnsureDeviceCookieKey(*tx, fresh_key, now);
  result.device_cookie = MakeDeviceCookie(key, user->username, now);
  RememberBrowser(*tx, client, user->id, CheckDeviceCookie(key, result.device_cookie, user->username, now).device,
                  from.user_agent, now);
  store::InsertSession(*tx, {audit::Sha256Hex(result.session_token), user->id, result.csrf_token, now, now,
                             now + std::chrono::duration_cast<std::chrono::seconds>(kSessionIdleLimit)});
  audit::Append(*tx, {now, user->id, user->username, "login.succeeded", "user", std::to_string(user->id),
                      {{"address", from.address},
                       {"device_cookie", std::string(DeviceTrustName(client.device.trust))},
                       {"device", client.device.device}}});
  tx->Commit();
  return result;
}

Result<Unlocked> UnlockAccount(AppContext& ctx, const std::optional<Actor>& by, const std::string& username) {
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can unlock accounts"));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserByUsername(*tx, username);
  if (!user) return std::unexpected(Error::NotFound("There is no account with that username"));
  auto lock = store::FindSignInLock(*tx, username);
  const bool was_locked = lock && lock->locked_until > now;
  // An expired lock row is the floor below which failures no longer count (see store/security_records.h).
  store::UpsertSignInLock(*tx, {username, lock ? lock->locked_at : now, now});
  const std::int64_t browsers_unlocked = store::UnlockDevicesOfUsername(*tx, username, now);
  audit::Append(*tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                      "account.unlocked", "user", std::to_string(user->id),
                      {{"username", user->username}, {"was_locked", was_locked},
                       {"trusted_browsers_unlocked", browsers_unlocked}}});
  tx->Commit();
  return Unlocked{was_locked, browsers_unlocked};
}

std::optional<Instant> LockedUntil(AppContext& ctx, const std::string& username) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto lock = store::FindSignInLock(*tx, username);
  if (!lock || lock->locked_until <= ctx.clock.Now()) return std::nullopt;
  return lock->locked_until;
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
  return Session{ActorFrom(*user), session->csrf_token, user->must_change_password};
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

std::vector<FieldError> NewUserErrors(const AppContext& ctx, const NewUser& user) {
  std::vector<FieldError> errors;
  if (user.username.empty() || user.username.size() > 60) errors.push_back({"username", "Enter a username of up to 60 characters"});
  for (char c : user.username)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      errors.push_back({"username", "A username may use only letters, numbers, '.', '-' and '_'"});
      break;
    }
  if (user.display_name.empty()) errors.push_back({"display_name", "Enter the person's name"});
  // Optional, but an address that cannot be one ("x") would be kept and shown as if it were.
  if (!user.email.empty() && (user.email.size() > 254 || !LooksLikeEmail(user.email)))
    errors.push_back({"email", "Enter the e-mail address in the correct format, like name@example.gov.uk"});
  if (auto problem = CheckPassword(user.password)) errors.push_back({"password", *problem});
  // Issue 12: a partner user sees one agency's checks, so the agency is part of the account.
  const auto& agencies = ctx.procedures.PackAt(ctx.clock.Now()).partner_agencies;
  if (user.role == Role::kPartner) {
    const bool known = std::any_of(agencies.begin(), agencies.end(),
                                   [&](const policy::PartnerAgency& a) { return a.id == user.agency; });
    if (user.agency.empty()) errors.push_back({"agency", "Choose the partner agency this user works for"});
    else if (!known) errors.push_back({"agency", fmt::format("\"{}\" is not one of the partner agencies", user.agency)});
  } else if (!user.agency.empty()) {
    errors.push_back({"agency", "Only a partner agency user belongs to an agency"});
  }
  return errors;
}

Result<std::int64_t> CreateUser(AppContext& ctx, const std::optional<Actor>& by, const NewUser& user) {
  std::vector<FieldError> errors = NewUserErrors(ctx, user);
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can create accounts"));
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  const std::string hash = HashPassword(user.password, ctx.password_hashing);  // slow: done before taking the write lock
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  // "Worker" beside "worker" would be two accounts a reader takes for one (sign-in stays exact).
  if (store::UsernameTakenIgnoringCase(*tx, user.username))
    return std::unexpected(Error::InvalidField("username", "That username is already taken"));
  store::UserRecord record;
  record.username = user.username;
  record.display_name = user.display_name;
  record.email = user.email;
  record.role = std::string(RoleId(user.role));
  if (!user.team.empty()) record.team_id = store::EnsureTeam(*tx, user.team);
  record.password_hash = hash;
  record.agency = user.agency;
  const std::int64_t id = store::InsertUser(*tx, record, now);
  audit::Append(*tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                      "user.created", "user", std::to_string(id),
                      {{"username", user.username}, {"display_name", user.display_name}, {"role", record.role},
                       {"team", user.team},
                       {"agency", user.agency}}});
  // An administrator typed the first password and knows it.
  if (by || user.must_change_password) {
    record.id = id;
    RequireOwnPassword(*tx, by, record, "account_created", now);
  }
  tx->Commit();
  return id;
}

}  // namespace fd::app
