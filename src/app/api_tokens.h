// API tokens for system integrations (docs/api.md "Bearer tokens"). A token acts for one user, only
// within its scopes (app/permissions.h) and never beyond that user's role; it is shown once when
// created and the store keeps only its SHA-256. Revoked tokens are refused. Every use is audited
// with the token's id, never the token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "store/store.h"

namespace fd::app {

// Every token starts with this, so secret scanners and people recognise one when it leaks.
inline constexpr std::string_view kApiTokenPrefix = "fdt_";

struct NewApiToken {
  std::string name;                 // what the integration is, e.g. "police-referrals"
  std::string username;             // the account it acts for
  std::vector<std::string> scopes;  // at least one, each from AllTokenScopes()
};

struct CreatedApiToken {
  std::int64_t id = 0;
  std::string token;  // shown once; never stored or logged
};

struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  std::string username;
  std::vector<std::string> scopes;
  Instant created_at;
  std::optional<Instant> revoked_at;
  std::optional<Instant> last_used_at;
};

// Creates a token (an administrator, or the CLI acting as the system). Errors: kForbidden;
// kInvalid naming "name", "username" or "scopes". Audits api_token.created.
Result<CreatedApiToken> CreateApiToken(AppContext& ctx, const std::optional<Actor>& by, const NewApiToken& token);
// Every token, revoked ones included, oldest first. Errors: kForbidden.
Result<std::vector<ApiTokenInfo>> ListApiTokens(AppContext& ctx, const std::optional<Actor>& by);
// Revokes a token for good. Errors: kForbidden; kNotFound. Revoking twice is not an error.
// Audits api_token.revoked (the first time).
Result<void> RevokeApiToken(AppContext& ctx, const std::optional<Actor>& by, std::int64_t id);

// Revokes, in `tx`, every token of the user not yet revoked, each audited api_token.revoked as
// RevokeApiToken does, with `because` (the account change that called for it, e.g. "user.disabled").
// Returns how many. For a leaver (SetAccountActive, app/account_changes.h): enabling the account
// again must not bring back a token left in a script or on a laptop.
std::int64_t RevokeTokensOfUser(store::Transaction& tx, const std::optional<Actor>& by, std::int64_t user_id,
                                Instant now, const std::string& because);

struct TokenUse {
  Actor actor;  // the token's user, with actor.token_scopes set to the token's scopes
  std::int64_t token_id = 0;
};
// Resolves a bearer token for one request and audits the use (api_token.used: token id, method and
// path). Errors: kUnauthenticated when the token is unknown, revoked, or its user is inactive.
Result<TokenUse> UseApiToken(AppContext& ctx, const std::string& token, const std::string& method,
                             const std::string& path);

}  // namespace fd::app
