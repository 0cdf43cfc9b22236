// Sign-in hardening (docs/security.md "Sign-in and sessions", ASVS V2/V3): throttling and lock-out
// kept in the store, session rotation and expiry, the password rules, and API tokens.
#include <algorithm>

#include "app/accounts.h"
#include "app/api_tokens.h"
#include "app/common_passwords.h"
#include "app/permissions.h"
#include "app_fixture.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

using SignInHardening = AppTest;

std::int64_t CountAudit(store::Store& store, const std::string& action) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
}

// ASVS V2.2.1: five failures in 15 minutes lock the account for 15 minutes, and then even the right
// password is refused with a "try again after" time; the lock ends by itself.
TEST_F(SignInHardening, FiveFailuresLockTheAccountForFifteenMinutes) {
  UserWithRole(Role::kSocialWorker);
  const SignInFrom from{"192.0.2.10", ""};
  for (int i = 1; i <= 4; ++i) {
    auto failed = SignIn(ctx_, "social_worker", "wrong password " + std::to_string(i), from);
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().message, "Enter a correct username and password");
    clock_.Set(clock_.Now() + std::chrono::minutes(1));
  }
  auto fifth = SignIn(ctx_, "social_worker", "wrong password 5", from);  // 10:04 UTC = 10:04 in London
  ASSERT_FALSE(fifth.has_value());
  EXPECT_EQ(fifth.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(fifth.error().message, "Too many attempts: try again after 10:19");
  EXPECT_EQ(CountAudit(*store_, "account.locked"), 1);

  clock_.Set(clock_.Now() + std::chrono::minutes(14));
  auto locked = SignIn(ctx_, "social_worker", kPassword, from);
  ASSERT_FALSE(locked.has_value());
  EXPECT_EQ(locked.error().message, "Too many attempts: try again after 10:19");
  EXPECT_TRUE(LockedUntil(ctx_, "social_worker").has_value());

  clock_.Set(clock_.Now() + std::chrono::minutes(1));
  EXPECT_TRUE(SignIn(ctx_, "social_worker", kPassword, from).has_value());
}

// Failures spread beyond the window do not lock; a successful sign-in wipes the count.
TEST_F(SignInHardening, OnlyFailuresWithinTheWindowCountAndSuccessResetsThem) {
  UserWithRole(Role::kSocialWorker);
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(SignIn(ctx_, "social_worker", "wrong password").has_value());
  clock_.Set(clock_.Now() + std::chrono::minutes(16));
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(SignIn(ctx_, "social_worker", "wrong password").has_value());
  ASSERT_TRUE(SignIn(ctx_, "social_worker", kPassword).has_value());
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(SignIn(ctx_, "social_worker", "wrong password").has_value());
  EXPECT_TRUE(SignIn(ctx_, "social_worker", kPassword).has_value());
  EXPECT_EQ(CountAudit(*store_, "account.locked"), 0);
}

// No user enumeration: an unknown username is answered and locked exactly like a real one.
TEST_F(SignInHardening, AnUnknownUsernameIsThrottledExactlyLikeARealOne) {
  UserWithRole(Role::kSocialWorker);
  std::vector<std::string> real, unknown;
  for (int i = 0; i < 6; ++i) {
    real.push_back(SignIn(ctx_, "social_worker", "wrong password").error().message);
    unknown.push_back(SignIn(ctx_, "no_such_person", "wrong password").error().message);
  }
  EXPECT_EQ(real, unknown);
  EXPECT_TRUE(real.back().starts_with("Too many attempts: try again after")) << real.back();
}

// Password spraying: many usernames from one address. The twentieth failure within 15 minutes
// refuses that address (every username) until the oldest of them is 15 minutes old.
TEST_F(SignInHardening, TwentyFailuresFromOneAddressThrottleThatAddress) {
  UserWithRole(Role::kSocialWorker);
  const SignInFrom attacker{"198.51.100.7", ""};
  for (int i = 0; i < 19; ++i)
    ASSERT_EQ(SignIn(ctx_, "user" + std::to_string(i), "Summer2026!!", attacker).error().message,
              "Enter a correct username and password");
  auto twentieth = SignIn(ctx_, "user19", "Summer2026!!", attacker);
  EXPECT_EQ(twentieth.error().message, "Too many attempts from your network: try again after 10:15");
  EXPECT_EQ(CountAudit(*store_, "login.throttled"), 1);
  // Even the right password for a real account is refused from that address, but not from another.
  EXPECT_FALSE(SignIn(ctx_, "social_worker", kPassword, attacker).has_value());
  EXPECT_TRUE(SignIn(ctx_, "social_worker", kPassword, {"203.0.113.1", ""}).has_value());
  clock_.Set(clock_.Now() + std::chrono::minutes(15));
  EXPECT_TRUE(SignIn(ctx_, "social_worker", kPassword, attacker).has_value());
}

// The lock-out is in the store: a second node (or the same one after a restart) sees it.
TEST_F(SignInHardening, TheLockOutHoldsAcrossNodesAndRestarts) {
  UserWithRole(Role::kSocialWorker);
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(SignIn(ctx_, "social_worker", "wrong password").has_value());
  auto other_store_ptr = store_->OpenAnother();
  store::Store& other_store = *other_store_ptr;
  FixedClock other_clock(clock_.Now() + std::chrono::minutes(5));
  AppContext other{other_store, other_clock, *procedures_, "Europe/London"};
  auto refused = SignIn(other, "social_worker", kPassword);
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(refused.error().message.starts_with("Too many attempts")) << refused.error().message;
}

// An administrator (or the CLI as the system) can unlock; nobody else can. Audited.
TEST_F(SignInHardening, AnAdministratorCanUnlockAnAccount) {
  UserWithRole(Role::kSocialWorker);
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(SignIn(ctx_, "social_worker", "wrong password").has_value());
  auto by_manager = UnlockAccount(ctx_, UserWithRole(Role::kTeamManager), "social_worker");
  ASSERT_FALSE(by_manager.has_value());
  EXPECT_EQ(by_manager.error().code, ErrorCode::kForbidden);
  EXPECT_FALSE(SignIn(ctx_, "social_worker", kPassword).has_value());
  ASSERT_TRUE(UnlockAccount(ctx_, UserWithRole(Role::kAdministrator), "social_worker").has_value());
  EXPECT_FALSE(LockedUntil(ctx_, "social_worker").has_value());
  EXPECT_TRUE(SignIn(ctx_, "social_worker", kPassword).has_value());
  EXPECT_EQ(CountAudit(*store_, "account.unlocked"), 1);
  EXPECT_EQ(UnlockAccount(ctx_, std::nullopt, "nobody").error().code, ErrorCode::kNotFound);
}

// Audited events, and no password in any of them (ASVS V7.1.1).
TEST_F(SignInHardening, SignInsAreAuditedWithoutThePassword) {
  UserWithRole(Role::kSocialWorker);
  const std::string secret = "my secret attempt";
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(SignIn(ctx_, "social_worker", secret, {"192.0.2.1", ""}).has_value());
  ASSERT_FALSE(SignIn(ctx_, "typed-my-password-here", secret, {"192.0.2.1", ""}).has_value());
  clock_.Set(clock_.Now() + std::chrono::minutes(16));
  ASSERT_TRUE(SignIn(ctx_, "social_worker", kPassword, {"192.0.2.1", ""}).has_value());
  EXPECT_EQ(CountAudit(*store_, "login.failed"), 6);
  EXPECT_EQ(CountAudit(*store_, "account.locked"), 1);
  EXPECT_EQ(CountAudit(*store_, "login.succeeded"), 1);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT changes FROM audit_events")) {
    EXPECT_EQ(row.Text(0).find(secret), std::string::npos) << row.Text(0);
    EXPECT_EQ(row.Text(0).find(kPassword), std::string::npos) << row.Text(0);
    // A username that names no account may be a password typed in the wrong box: not kept.
    EXPECT_EQ(row.Text(0).find("typed-my-password-here"), std::string::npos) << row.Text(0);
  }
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM sign_in_failures WHERE username = ?", {secret}).at(0).Int(0), 0);
}

// ASVS V3.2.1: a new token at every sign-in; a token presented before sign-in is ended, never reused.
TEST_F(SignInHardening, SignInRotatesTheSession) {
  UserWithRole(Role::kSocialWorker);
  auto first = SignIn(ctx_, "social_worker", kPassword);
  ASSERT_TRUE(first.has_value());
  auto second = SignIn(ctx_, "social_worker", kPassword, {"", first->session_token});
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->session_token, first->session_token);
  EXPECT_NE(second->csrf_token, first->csrf_token);
  EXPECT_FALSE(ResolveSession(ctx_, first->session_token).has_value());
  EXPECT_TRUE(ResolveSession(ctx_, second->session_token).has_value());
}

// ASVS V2.1.1, V2.1.7: at least 12 characters and not on the shipped list of common passwords.
TEST_F(SignInHardening, PasswordsMustBeLongAndNotCommon) {
  EXPECT_GT(CommonPasswordCount(), 40'000u);
  EXPECT_TRUE(IsCommonPassword("qwertyuiopasdfghjkl"));
  EXPECT_TRUE(IsCommonPassword("1Qaz2Wsx3Edc"));  // letter case does not help
  EXPECT_FALSE(IsCommonPassword(kPassword));
  EXPECT_TRUE(CheckPassword("short").has_value());
  EXPECT_TRUE(CheckPassword("qwertyuiopasdfghjkl").has_value());
  EXPECT_FALSE(CheckPassword(kPassword).has_value());

  auto common = CreateUser(ctx_, std::nullopt, {"sam", "Sam", "", Role::kSocialWorker, "", "1qaz2wsx3edc4rfv"});
  ASSERT_FALSE(common.has_value());
  EXPECT_EQ(common.error().fields.at(0).field, "password");
  EXPECT_NE(common.error().fields.at(0).message.find("common"), std::string::npos);
  auto too_short = CreateUser(ctx_, std::nullopt, {"sam", "Sam", "", Role::kSocialWorker, "", "elevenchars"});
  ASSERT_FALSE(too_short.has_value());
  EXPECT_NE(too_short.error().fields.at(0).message.find("at least 12"), std::string::npos);

  UserWithRole(Role::kSocialWorker);
  auto changed_to_common = SetPassword(ctx_, std::nullopt, "social_worker", "passwordpassword");
  ASSERT_FALSE(changed_to_common.has_value());
  EXPECT_EQ(changed_to_common.error().fields.at(0).field, "password");
}

// Changing a password ends every session of that account, and the new one works.
TEST_F(SignInHardening, SettingAPasswordEndsTheSessions) {
  UserWithRole(Role::kSocialWorker);
  auto before = SignIn(ctx_, "social_worker", kPassword);
  ASSERT_TRUE(SetPassword(ctx_, std::nullopt, "social_worker", "a much better passphrase").has_value());
  EXPECT_FALSE(ResolveSession(ctx_, before->session_token).has_value());
  EXPECT_FALSE(SignIn(ctx_, "social_worker", kPassword).has_value());
  EXPECT_TRUE(SignIn(ctx_, "social_worker", "a much better passphrase").has_value());
  EXPECT_EQ(SetPassword(ctx_, UserWithRole(Role::kTeamManager), "social_worker", "another good passphrase")
                .error()
                .code,
            ErrorCode::kForbidden);
}

// API tokens: hashed at rest, limited to their scopes and their user's role, revocable, audited by id.
TEST_F(SignInHardening, ApiTokensAreHashedScopedRevocableAndAudited) {
  UserWithRole(Role::kSocialWorker);
  auto created = CreateApiToken(ctx_, std::nullopt, {"police-referrals", "social_worker", {"contacts:read"}});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(created->token.starts_with("fdt_"));
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    const auto rows = tx->Query("SELECT token_hash FROM api_tokens");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Text(0), audit::Sha256Hex(created->token));
    for (const auto& row : tx->Query("SELECT changes FROM audit_events"))
      EXPECT_EQ(row.Text(0).find(created->token), std::string::npos);
  }
  auto use = UseApiToken(ctx_, created->token, "GET", "/api/v1/contacts");
  ASSERT_TRUE(use.has_value());
  EXPECT_TRUE(Authorise(use->actor, Action::kListContacts).has_value());
  EXPECT_FALSE(Authorise(use->actor, Action::kRecordContact).has_value());  // the role may; the scope may not
  EXPECT_EQ(CountAudit(*store_, "api_token.used"), 1);

  // A scope never widens the role: an analyst's token with contacts:read still cannot read contacts.
  UserWithRole(Role::kAnalyst);
  auto analyst = CreateApiToken(ctx_, std::nullopt, {"stats", "analyst", {"contacts:read"}});
  EXPECT_FALSE(Authorise(UseApiToken(ctx_, analyst->token, "GET", "/").value().actor, Action::kListContacts));

  ASSERT_TRUE(RevokeApiToken(ctx_, std::nullopt, created->id).has_value());
  auto revoked = UseApiToken(ctx_, created->token, "GET", "/api/v1/contacts");
  ASSERT_FALSE(revoked.has_value());
  EXPECT_EQ(revoked.error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(UseApiToken(ctx_, "fdt_made-up", "GET", "/").has_value());

  auto bad_scope = CreateApiToken(ctx_, std::nullopt, {"x", "social_worker", {"everything"}});
  ASSERT_FALSE(bad_scope.has_value());
  EXPECT_EQ(bad_scope.error().fields.at(0).field, "scopes");
  EXPECT_EQ(CreateApiToken(ctx_, UserWithRole(Role::kTeamManager), {"x", "social_worker", {"contacts:read"}})
                .error()
                .code,
            ErrorCode::kForbidden);
  auto listed = ListApiTokens(ctx_, std::nullopt);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_TRUE(listed->at(0).revoked_at.has_value());
}

// Every scope names real actions, and the ones that need a person are in none.
TEST(TokenScopes, NeverAllowDecisionsMergesRestrictionsUsersOrTheAudit) {
  for (auto scope : AllTokenScopes()) {
    EXPECT_TRUE(IsTokenScope(scope));
    for (Action a : {Action::kAuthoriseDecision, Action::kAuthoriseSharing, Action::kMergePeople,
                     Action::kRestrictPerson, Action::kViewUsers, Action::kVerifyAudit,
                     Action::kTriagePoliceNotifications})
      EXPECT_FALSE(TokenScopeAllows(scope, a)) << scope << " " << ActionId(a);
  }
}

}  // namespace
}  // namespace fd::app
