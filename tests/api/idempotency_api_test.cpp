// Idempotency keys on POST /api/v1/contacts (issue 12 point 4; docs/api.md "Idempotency keys"): a
// police or health system that resends a contact gets the first answer again, never a second
// contact, whether it resends one after another or many at once.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "app/api_tokens.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class Idempotency : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto created = app::CreateApiToken(*ctx_, std::nullopt, {"police-referrals", "contact_officer", {"contacts:write"}});
    ASSERT_TRUE(created);
    token_ = created->token;
  }
  std::map<std::string, std::string> Headers(const std::string& key) const {
    return {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}, {"Idempotency-Key", key}};
  }
  HttpReply Post(const json& body, const std::string& key) {
    return Client().Send("POST", "/api/v1/contacts", body.dump(), Headers(key));
  }
  std::int64_t Contacts() {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0);
  }
  std::string token_;
};

TEST_F(Idempotency, ResendingThreeTimesCreatesOneContact) {
  const json body = ScreenableSchoolContact();
  auto first = Post(body, "police-2026-000123");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("idempotent-replayed"), "false");
  const auto id = first.Json().at("id").get<std::int64_t>();
  for (int i = 0; i < 3; ++i) {
    auto again = Post(body, "police-2026-000123");
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.Header("idempotent-replayed"), "true");
    EXPECT_EQ(again.Json().at("id").get<std::int64_t>(), id);
    EXPECT_EQ(again.Json().at("reference"), first.Json().at("reference"));
    EXPECT_EQ(again.Header("location"), first.Header("location"));
  }
  EXPECT_EQ(Contacts(), 1);
  // A key of its own is a new contact.
  auto other = Post(body, "police-2026-000124");
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_NE(other.Json().at("id").get<std::int64_t>(), id);
  EXPECT_EQ(Contacts(), 2);
}

// Spacing and key order are not a different request: the body is compared in canonical JSON.
TEST_F(Idempotency, TheSameBodyWrittenDifferentlyIsTheSameRequest) {
  const json body = ScreenableSchoolContact();
  auto first = Post(body, "k-1");
  ASSERT_EQ(first.status, 201) << first.body;
  auto spaced = Client().Send("POST", "/api/v1/contacts", body.dump(2), Headers("k-1"));
  ASSERT_EQ(spaced.status, 201) << spaced.body;
  EXPECT_EQ(spaced.Header("idempotent-replayed"), "true");
  EXPECT_EQ(Contacts(), 1);
}

TEST_F(Idempotency, TheSameKeyWithADifferentBodyIsRefusedAndCreatesNothing) {
  json body = ScreenableSchoolContact();
  ASSERT_EQ(Post(body, "k-2").status, 201);
  body["concern"] = "Something else altogether.";
  auto reused = Post(body, "k-2");
  ASSERT_EQ(reused.status, 422) << reused.body;
  EXPECT_EQ(reused.Header("content-type"), "application/problem+json");
  EXPECT_TRUE(NamesField(reused, "Idempotency-Key")) << reused.body;
  EXPECT_NE(reused.body.find("already used for a different contact"), std::string::npos) << reused.body;
  EXPECT_EQ(Contacts(), 1);
}

// Keys belong to the account that sent them: another integration may use the same text.
TEST_F(Idempotency, KeysArePerIntegration) {
  auto health = app::CreateApiToken(*ctx_, std::nullopt, {"health", "social_worker", {"contacts:write"}});
  ASSERT_TRUE(health);
  const json body = ScreenableSchoolContact();
  ASSERT_EQ(Post(body, "shared-key").status, 201);
  auto theirs = Client().Send("POST", "/api/v1/contacts", body.dump(),
                              {{"Authorization", "Bearer " + health->token},
                               {"Content-Type", "application/json"},
                               {"Idempotency-Key", "shared-key"}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_EQ(theirs.Header("idempotent-replayed"), "false");
  EXPECT_EQ(Contacts(), 2);
}

TEST_F(Idempotency, AMalformedKeyIsRefused) {
  const json body = ScreenableSchoolContact();
  for (const std::string& key : {std::string(""), std::string(256, 'k'), std::string("has space")}) {
    auto reply = Post(body, key);
    EXPECT_EQ(reply.status, 422) << key << ": " << reply.body;
    EXPECT_TRUE(NamesField(reply, "Idempotency-Key")) << reply.body;
  }
  EXPECT_EQ(Contacts(), 0);
}

// An invalid contact stores no key: once corrected, the same key records it.
TEST_F(Idempotency, AnInvalidContactStoresNoKey) {
  json body = ScreenableSchoolContact();
  body["children"] = json::array();
  ASSERT_EQ(Post(body, "k-3").status, 422);
  auto fixed = Post(ScreenableSchoolContact(), "k-3");
  ASSERT_EQ(fixed.status, 201) << fixed.body;
  EXPECT_EQ(fixed.Header("idempotent-replayed"), "false");
}

// Eight resends at once, each on its own connection: one contact, every answer naming it, exactly
// one of them the first.
TEST_F(Idempotency, ConcurrentResendsCreateOneContact) {
  const json body = ScreenableSchoolContact();
  constexpr int kSenders = 8;
  std::vector<HttpReply> replies(kSenders);
  std::vector<std::thread> senders;
  for (int i = 0; i < kSenders; ++i)
    senders.emplace_back([&, i] { replies[i] = Post(body, "police-2026-concurrent"); });
  for (auto& t : senders) t.join();
  std::set<std::int64_t> ids;
  int first = 0;
  for (const auto& reply : replies) {
    ASSERT_EQ(reply.status, 201) << reply.body;
    ids.insert(reply.Json().at("id").get<std::int64_t>());
    if (reply.Header("idempotent-replayed") == "false") ++first;
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(Contacts(), 1);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.created'").at(0).Int(0), 1);
}

// Without the header nothing changes: each post is a contact.
TEST_F(Idempotency, WithoutAKeyEachPostIsAContact) {
  const json body = ScreenableSchoolContact();
  std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + token_},
                                                {"Content-Type", "application/json"}};
  ASSERT_EQ(Client().Send("POST", "/api/v1/contacts", body.dump(), headers).status, 201);
  auto second = Client().Send("POST", "/api/v1/contacts", body.dump(), headers);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(second.Header("idempotent-replayed"), "");
  EXPECT_EQ(Contacts(), 2);
}

}  // namespace
}  // namespace fd::testing
