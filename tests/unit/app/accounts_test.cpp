#include "app/accounts.h"

#include "app_fixture.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

using AccountsTest = AppTest;

TEST_F(AccountsTest, SignInWithTheRightPasswordGivesASession) {
  UserWithRole(Role::kSocialWorker);
  auto signed_in = SignIn(ctx_, "social_worker", kPassword);
  ASSERT_TRUE(signed_in.has_value());
  EXPECT_EQ(signed_in->actor.role, Role::kSocialWorker);
  EXPECT_GE(signed_in->session_token.size(), 40u);
  auto session = ResolveSession(ctx_, signed_in->session_token);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->actor.username, "social_worker");
  EXPECT_EQ(session->csrf_token, signed_in->csrf_token);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  UserWithRole(Role::kSocialWorker);
  auto wrong_password = SignIn(ctx_, "social_worker", "not the password");
  auto unknown_user = SignIn(ctx_, "nobody", kPassword);
  ASSERT_FALSE(wrong_password.has_value());
  ASSERT_FALSE(unknown_user.has_value());
  EXPECT_EQ(wrong_password.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong_password.error().message, unknown_user.error().message);
}

TEST_F(AccountsTest, PasswordsAreStoredAsArgon2idHashes) {
  UserWithRole(Role::kTeamManager);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const std::string hash = tx->Query("SELECT password_hash FROM users WHERE username = 'team_manager'").at(0).Text(0);
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find(kPassword), std::string::npos);
}

// Test fixtures hash at libsodium's least cost to make their accounts quickly; a deployment never
// can: the context's default, and HashPassword's, is the interactive cost (64 MiB, two passes).
TEST_F(AccountsTest, DeploymentsHashAtTheInteractiveCostAndTheCostTravelsInTheHash) {
  const AppContext deployed{*store_, clock_, *procedures_, "Europe/London"};
  EXPECT_EQ(deployed.password_hashing, PasswordHashing::kInteractive);
  const std::string strong = HashPassword(kPassword);
  EXPECT_NE(strong.find("m=65536,t=2"), std::string::npos) << strong;
  const std::string fast = HashPassword(kPassword, PasswordHashing::kFastForTests);
  EXPECT_EQ(fast.find("m=65536"), std::string::npos) << fast;
  EXPECT_TRUE(VerifyPassword(strong, kPassword));
  EXPECT_TRUE(VerifyPassword(fast, kPassword));
  EXPECT_FALSE(VerifyPassword(strong, "not the password"));
}

TEST_F(AccountsTest, TheStoreKeepsOnlyAHashOfTheSessionToken) {
  UserWithRole(Role::kSocialWorker);
  auto signed_in = SignIn(ctx_, "social_worker", kPassword);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_TRUE(tx->Query("SELECT 1 FROM sessions WHERE token_hash = ?", {signed_in->session_token}).empty());
  EXPECT_EQ(tx->Query("SELECT 1 FROM sessions WHERE token_hash = ?", {audit::Sha256Hex(signed_in->session_token)})
                .size(),
            1u);
}

TEST_F(AccountsTest, SessionsEndWhenIdleAndAfterTheAbsoluteLimit) {
  UserWithRole(Role::kSocialWorker);
  auto signed_in = SignIn(ctx_, "social_worker", kPassword);
  const Instant start = clock_.Now();
  clock_.Set(start + std::chrono::minutes(100));
  EXPECT_TRUE(ResolveSession(ctx_, signed_in->session_token).has_value());  // slides the idle expiry
  clock_.Set(start + std::chrono::minutes(200));
  EXPECT_TRUE(ResolveSession(ctx_, signed_in->session_token).has_value());
  clock_.Set(start + std::chrono::minutes(200 + 121));
  EXPECT_FALSE(ResolveSession(ctx_, signed_in->session_token).has_value());  // idle too long

  auto again = SignIn(ctx_, "social_worker", kPassword);
  for (int minutes = 60; minutes < 12 * 60; minutes += 60) {
    clock_.Set(clock_.Now() + std::chrono::minutes(60));
    ASSERT_TRUE(ResolveSession(ctx_, again->session_token).has_value()) << minutes;
  }
  clock_.Set(clock_.Now() + std::chrono::minutes(61));
  EXPECT_FALSE(ResolveSession(ctx_, again->session_token).has_value());  // 12 hours since sign-in
}

TEST_F(AccountsTest, SignOutEndsTheSessionAndIsAudited) {
  UserWithRole(Role::kSocialWorker);
  auto signed_in = SignIn(ctx_, "social_worker", kPassword);
  SignOut(ctx_, signed_in->session_token);
  EXPECT_FALSE(ResolveSession(ctx_, signed_in->session_token).has_value());
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action IN ('login.succeeded','user.signed_out')")
                .at(0)
                .Int(0),
            2);
}

TEST_F(AccountsTest, CreateUserRefusesWeakPasswordsDuplicatesAndNonAdministrators) {
  auto weak = CreateUser(ctx_, std::nullopt, {"sam", "Sam", "", Role::kSocialWorker, "", "short"});
  ASSERT_FALSE(weak.has_value());
  EXPECT_EQ(weak.error().fields.at(0).field, "password");
  UserWithRole(Role::kSocialWorker);
  auto duplicate =
      CreateUser(ctx_, std::nullopt, {"social_worker", "Sam", "", Role::kSocialWorker, "", "long enough password"});
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().fields.at(0).field, "username");
  auto by_worker = CreateUser(ctx_, UserWithRole(Role::kSocialWorker),
                              {"new", "New", "", Role::kAdministrator, "", "long enough password"});
  ASSERT_FALSE(by_worker.has_value());
  EXPECT_EQ(by_worker.error().code, ErrorCode::kForbidden);
}

TEST(Tokens, AreRandomAndComparedInConstantTime) {
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace fd::app
