#include "app/api_tokens.h"

#include <cctype>

#include "app/accounts.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "store/security_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

constexpr const char* kRefused = "The API token is not valid: it is unknown or has been revoked";

std::vector<std::string> SplitScopes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : ",") + s;
  return out;
}

Result<void> OnlyAdministrators(const std::optional<Actor>& by) {
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can manage API tokens"));
  return {};
}

}  // namespace

Result<CreatedApiToken> CreateApiToken(AppContext& ctx, const std::optional<Actor>& by, const NewApiToken& token) {
  if (auto allowed = OnlyAdministrators(by); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (token.name.empty() || token.name.size() > 100) errors.push_back({"name", "Enter a name of up to 100 characters"});
  for (char c : token.name)
    if (std::iscntrl(static_cast<unsigned char>(c))) {
      errors.push_back({"name", "A name may not hold control characters"});
      break;
    }
  if (token.scopes.empty()) errors.push_back({"scopes", "Give at least one scope"});
  for (const auto& scope : token.scopes)
    if (!IsTokenScope(scope)) errors.push_back({"scopes", "There is no scope called '" + scope + "'"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  const Instant now = ctx.clock.Now();
  CreatedApiToken created;
  created.token = std::string(kApiTokenPrefix) + RandomToken();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserByUsername(*tx, token.username);
  if (!user || !user->active)
    return std::unexpected(Error::InvalidField("username", "There is no active account with that username"));
  store::ApiTokenRecord record;
  record.name = token.name;
  record.user_id = user->id;
  record.token_hash = audit::Sha256Hex(created.token);
  record.scopes = JoinScopes(token.scopes);
  record.created_at = now;
  created.id = store::InsertApiToken(*tx, record);
  audit::Append(*tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                      "api_token.created", "api_token", std::to_string(created.id),
                      {{"name", token.name}, {"user", user->username}, {"scopes", record.scopes}}});
  tx->Commit();
  return created;
}

Result<std::vector<ApiTokenInfo>> ListApiTokens(AppContext& ctx, const std::optional<Actor>& by) {
  if (auto allowed = OnlyAdministrators(by); !allowed) return std::unexpected(allowed.error());
  std::vector<ApiTokenInfo> out;
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  for (const auto& t : store::ListApiTokens(*tx))
    out.push_back({t.id, t.name, t.username, SplitScopes(t.scopes), t.created_at, t.revoked_at, t.last_used_at});
  return out;
}

Result<void> RevokeApiToken(AppContext& ctx, const std::optional<Actor>& by, std::int64_t id) {
  if (auto allowed = OnlyAdministrators(by); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto token = store::FindApiTokenById(*tx, id);
  if (!token) return std::unexpected(Error::NotFound("There is no API token with that number"));
  if (token->revoked_at) return {};
  store::RevokeApiToken(*tx, id, now);
  audit::Append(*tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                      "api_token.revoked", "api_token", std::to_string(id), {{"name", token->name}}});
  tx->Commit();
  return {};
}

std::int64_t RevokeTokensOfUser(store::Transaction& tx, const std::optional<Actor>& by, std::int64_t user_id,
                                Instant now, const std::string& because) {
  std::int64_t revoked = 0;
  for (const auto& token : store::ListUnrevokedApiTokensOfUser(tx, user_id)) {
    store::RevokeApiToken(tx, token.id, now);
    audit::Append(tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                       "api_token.revoked", "api_token", std::to_string(token.id),
                       {{"name", token.name}, {"because", because}}});
    ++revoked;
  }
  return revoked;
}

Result<TokenUse> UseApiToken(AppContext& ctx, const std::string& token, const std::string& method,
                             const std::string& path) {
  if (!token.starts_with(kApiTokenPrefix) || token.size() > 100)
    return std::unexpected(Error::Unauthenticated(kRefused));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto record = store::FindApiTokenByHash(*tx, audit::Sha256Hex(token));
  if (!record || record->revoked_at) return std::unexpected(Error::Unauthenticated(kRefused));
  auto user = store::FindUserById(*tx, record->user_id);
  if (!user || !user->active) return std::unexpected(Error::Unauthenticated(kRefused));
  store::TouchApiToken(*tx, record->id, now);
  audit::Append(*tx, {now, user->id, user->username, "api_token.used", "api_token", std::to_string(record->id),
                      {{"method", method}, {"path", path}}});
  tx->Commit();
  TokenUse use;
  use.actor = Actor{user->id, user->username, user->display_name,
                    RoleFromId(user->role).value_or(Role::kContactOfficer), user->team_id};
  use.actor.token_scopes = SplitScopes(record->scopes);
  use.token_id = record->id;
  return use;
}

}  // namespace fd::app
