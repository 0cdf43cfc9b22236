// KCR-14 over HTTP: a member of the public's identity is withheld from every contact answer and
// page, and shown only to a role that may call them back, with a reason, audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "mia_example.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

class ReferrerIdentity : public ApiTest {
 protected:
  std::int64_t Record() {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/contacts", JoAboutMia());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().at("id").get<std::int64_t>();
  }
};

// RULE KCR-14: no contact answer, list or page carries the member of the public's name, phone or e-mail.
TEST_F(ReferrerIdentity, KCR14_WithheldFromEveryAnswerAndPage) {
  const auto id = Record();
  for (Role role : {Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser, Role::kCpChair}) {
    auto client = SignedIn(role);
    std::vector<std::string> targets{"/api/v1/contacts/" + std::to_string(id), "/contacts/" + std::to_string(id)};
    // Hub advisers and chairs open a contact but do not list them (app/permissions.cpp).
    if (role == Role::kSocialWorker || role == Role::kTeamManager)
      targets.insert(targets.end(), {"/api/v1/contacts", "/contacts"});
    for (const std::string& target : targets) {
      auto reply = client.Get(target);
      ASSERT_EQ(reply.status, 200) << target;
      for (const char* secret : {"Jo Neighbour", "07700 900123", "jo.neighbour@example.com"})
        EXPECT_EQ(reply.body.find(secret), std::string::npos) << RoleId(role) << " " << target << " shows " << secret;
    }
  }
  auto worker = SignedIn(Role::kSocialWorker);
  auto shown = worker.Get("/api/v1/contacts/" + std::to_string(id)).Json();
  EXPECT_EQ(shown.at("referrer").at("identity_withheld"), true);
  EXPECT_EQ(shown.at("referrer").at("type"), "member_of_public");
}

// RULE KCR-14: a social worker asks with a reason and sees it; the look is audited with the reason;
// a hub adviser may not; no reason is refused naming the field.
TEST_F(ReferrerIdentity, KCR14_ShownWithAReasonToThoseWhoMayAndAudited) {
  const auto id = Record();
  const std::string path = "/api/v1/contacts/" + std::to_string(id) + "/referrer-identity";
  auto worker = SignedIn(Role::kSocialWorker);
  auto no_reason = worker.SendJson("POST", path, json::object());
  ASSERT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(no_reason.Json().at("errors").at(0).at("field"), "reason");
  auto hub = SignedIn(Role::kHubAdviser);
  EXPECT_EQ(hub.SendJson("POST", path, {{"reason", "curious"}}).status, 403);

  auto shown = worker.SendJson("POST", path, {{"reason", "To call them back about what they heard"}});
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json().at("referrer").at("name"), "Jo Neighbour");
  EXPECT_EQ(shown.Json().at("referrer").at("phone"), "07700 900123");
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT actor, changes FROM audit_events WHERE action = 'referrer.identity_viewed' AND "
                        "record_id = ?",
                        {std::to_string(id)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "social_worker");
  EXPECT_NE(rows[0].Text(1).find("To call them back"), std::string::npos);
}

// RULE KCR-14: the page asks why, keeps what was typed when it is refused, and shows the details.
TEST_F(ReferrerIdentity, KCR14_ThePageAsksWhyThenShowsTheDetails) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string page = "/contacts/" + std::to_string(id);
  auto contact = officer.Get(page);
  EXPECT_NE(contact.body.find(page + "/referrer"), std::string::npos);  // the link to ask
  auto form = officer.Get(page + "/referrer");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Why do you need the referrer"), std::string::npos);
  const std::string long_reason(600, 'x');
  auto refused = officer.Send("POST", page + "/referrer", "csrf_token=" + officer.csrf_token + "&reason=" + long_reason,
                              kForm);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find(long_reason), std::string::npos);  // kept
  auto shown = officer.Send("POST", page + "/referrer",
                            "csrf_token=" + officer.csrf_token + "&reason=To+acknowledge+the+contact", kForm);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Jo Neighbour"), std::string::npos);
  EXPECT_NE(shown.body.find("07700 900123"), std::string::npos);
  auto hub = SignedIn(Role::kHubAdviser);
  EXPECT_EQ(hub.Get(page + "/referrer").status, 403);
  EXPECT_EQ(hub.Get(page).body.find(page + "/referrer"), std::string::npos);  // no link for them
}

}  // namespace
}  // namespace fd::testing
