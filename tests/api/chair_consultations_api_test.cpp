// Child Protection Chair consultations over real HTTP, under Kent's pack, with the outbox worker
// sending to a real SMTP sink: request (CPC-1, CPC-7, CPC-8), allocate (CPC-2), contacted (CPC-3),
// record (CPC-4, CPC-5), and no decision anywhere (CPC-6).
#include <set>
#include <thread>

#include "api_fixture.h"
#include "chair_consultation_request.h"
#include "procedures_fixture.h"
#include "calendar/local_time.h"
#include "domain/chair_consultation.h"
#include "domain/contact.h"
#include "domain/instant.h"
#include "http/message.h"
#include "support/smtp_sink.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class ChairConsultationsApi : public ApiTestUnderProcedures {
 protected:
  // The fixture starts on Hertfordshire's pack, which has no CP chair consultations: swap in Kent's
  // before the service starts (the users were created against the store, not the pack).
  void Configure(service::ServiceOptions& options) override {
    UseProcedures("kent");
    options.smtp_url = sink_.url();
    options.smtp_from = "frontdoor@kent.gov.uk";
  }

  static std::int64_t UserId(HttpClient& client) { return client.Get("/api/v1/session").Json().at("user").at("id"); }

  static std::string UtcIn(std::chrono::seconds offset) {
    return FormatUtc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + offset);
  }

  SmtpSink sink_;
};

json Request() {
  return ChairConsultationRequestAboutTia("Case 88412");
}

json Record(const std::string& held_at) {
  json body = {{"held_at", held_at}};
  for (const char* id : {"previous_cp", "previous_cin", "previous_proceedings", "previous_cla", "brief_history",
                         "prevention_work", "other_agencies", "family_safety_plan"})
    body[id] = "None known";
  body["brief_history"] = "Working well: school. Worries: weekends.";
  return body;
}

std::set<std::string> Fields(const HttpReply& reply) {
  std::set<std::string> out;
  const json body = reply.Json();  // kept: the loop must not run over a destroyed temporary
  for (const auto& e : body.at("errors")) out.insert(e.at("field").get<std::string>());
  return out;
}

// RULE CPC-1 RULE CPC-2 RULE CPC-3 RULE CPC-4 RULE CPC-5 RULE CPC-6: the whole flow over HTTP. The
// area's inbox gets the request by SMTP without the child's details; the coordinator allocates to
// the chair once; the chair arranges it and records it under the headings; a "decision" is refused.
TEST_F(ChairConsultationsApi, CPC1_To_CPC6_RequestAllocateArrangeRecord) {
  auto worker = SignedIn(Role::kSocialWorker);
  // Tia is on the register, so the request puts the consultation on her record (CPC-4).
  ASSERT_EQ(worker.SendJson("POST", "/api/v1/people",
                            {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"}})
                .status,
            201);
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201) << created.body;
  const json c = created.Json();
  const std::int64_t id = c.at("id");
  const std::string base = "/api/v1/chair-consultations/" + std::to_string(id);
  EXPECT_EQ(created.Header("location"), base);
  EXPECT_EQ(c.at("reference"), "CPC-000001");
  EXPECT_EQ(c.at("status"), "requested");
  EXPECT_EQ(c.at("area").at("name"), "North and West Kent");
  EXPECT_TRUE(c.at("flags").empty());
  EXPECT_EQ(c.at("decision_note"),
            "The district social work team remains responsible for the decision, including whether to hold an "
            "initial child protection conference.");
  EXPECT_EQ(c.at("headings").size(), 8u);

  // CPC-1: the e-mail to the area's inbox, over SMTP.
  ASSERT_TRUE(sink_.WaitForMessages(1, std::chrono::seconds(10)));
  const auto messages = sink_.Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].recipients, std::vector<std::string>{"cpcconsultationsnw@kent.gov.uk"});
  const std::string body = messages[0].DecodedBody();
  EXPECT_NE(messages[0].DecodedSubject().find("CPC-000001"), std::string::npos);
  EXPECT_NE(body.find("/chair-consultations/" + std::to_string(id)), std::string::npos) << body;
  // The link is absolute, from the configured address: a relative one in an e-mail leads nowhere.
  EXPECT_NE(body.find(ctx_->public_url + "/chair-consultations/" + std::to_string(id)), std::string::npos) << body;
  EXPECT_EQ(body.find("Tia"), std::string::npos) << body;
  EXPECT_EQ(body.find("2012-10-03"), std::string::npos) << body;

  // CPC-2: a social worker cannot allocate; the coordinator allocates to the chair, once.
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t chair_id = UserId(chair);
  EXPECT_EQ(worker.SendJson("POST", base + "/allocate", {{"chair_user_id", chair_id}}).status, 403);
  auto listed = coordinator.Get("/api/v1/chair-consultations");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json().at("items").at(0).at("id"), id);
  auto to_worker = coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(worker)}});
  ASSERT_EQ(to_worker.status, 422) << to_worker.body;
  EXPECT_EQ(Fields(to_worker), std::set<std::string>{"chair_user_id"});
  auto allocated = coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", chair_id}});
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  EXPECT_EQ(allocated.Json().at("status"), "allocated");
  EXPECT_EQ(allocated.Json().at("allocated_chair").at("id"), chair_id);
  const json contact_deadline = allocated.Json().at("deadlines").at(0);
  EXPECT_EQ(contact_deadline.at("rule"), "CPC-3") << contact_deadline.dump();
  EXPECT_EQ(coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", chair_id}}).status, 409);

  // CPC-3: the chair records the contact and the time arranged.
  auto contacted = chair.SendJson("POST", base + "/contacted", {{"arranged_for", UtcIn(std::chrono::hours(1))}});
  ASSERT_EQ(contacted.status, 200) << contacted.body;
  EXPECT_EQ(contacted.Json().at("status"), "arranged");
  EXPECT_EQ(chair.SendJson("POST", base + "/contacted", {{"arranged_for", UtcIn(std::chrono::hours(2))}}).status, 409);

  // CPC-6: there is no decision to record; CPC-5: every heading is needed.
  json with_decision = Record(UtcIn(std::chrono::seconds(0)));
  with_decision["decision"] = "Hold an ICPC";
  auto refused = chair.SendJson("POST", base + "/record", with_decision);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Fields(refused), std::set<std::string>{"decision"});
  EXPECT_NE(refused.body.find("CPC-6"), std::string::npos) << refused.body;
  json missing = Record(UtcIn(std::chrono::seconds(0)));
  missing.erase("family_safety_plan");
  auto incomplete = chair.SendJson("POST", base + "/record", missing);
  ASSERT_EQ(incomplete.status, 422) << incomplete.body;
  EXPECT_EQ(Fields(incomplete), std::set<std::string>{"family_safety_plan"});

  // CPC-4, CPC-5: recorded under the headings; the worker sees it with the CPC-6 note.
  auto recorded = chair.SendJson("POST", base + "/record", Record(UtcIn(std::chrono::seconds(0))));
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  auto seen = worker.Get(base);
  ASSERT_EQ(seen.status, 200);
  const json r = seen.Json();
  EXPECT_EQ(r.at("status"), "recorded");
  EXPECT_EQ(r.at("record").at("previous_cp"), "None known");
  EXPECT_EQ(r.at("record").at("brief_history"), "Working well: school. Worries: weekends.");
  EXPECT_EQ(r.at("retention_class"), "child-record");
  EXPECT_FALSE(r.at("review_on").get<std::string>().empty());
  EXPECT_FALSE(r.contains("decision"));
  EXPECT_EQ(r.at("deadlines").size(), 2u);
  for (const auto& d : r.at("deadlines")) EXPECT_EQ(d.at("state"), "met") << d.dump();
  EXPECT_EQ(chair.SendJson("POST", base + "/record", Record(UtcIn(std::chrono::seconds(0)))).status, 409);
}

// RULE CPC-8: after the decision to hold an initial child protection conference, 422 with the rule
// and the route; nothing is opened.
TEST_F(ChairConsultationsApi, CPC8_RefusedWithTheRuleAndRoute) {
  auto worker = SignedIn(Role::kSocialWorker);
  json body = Request();
  body["icpc_decision_made"] = true;
  auto refused = worker.SendJson("POST", "/api/v1/chair-consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  EXPECT_EQ(refused.Json().at("rule"), "CPC-8");
  EXPECT_NE(refused.Json().at("route").get<std::string>().find("already decided to hold an ICPC; no consultation"),
            std::string::npos);
  EXPECT_TRUE(worker.Get("/api/v1/chair-consultations").Json().at("items").empty());
}

// RULE CPC-7: a request after a strategy discussion is accepted and flagged.
TEST_F(ChairConsultationsApi, CPC7_FlaggedAfterAStrategyDiscussion) {
  auto manager = SignedIn(Role::kTeamManager);
  json body = Request();
  body["area"] = "south-east";
  body["strategy_discussion_held"] = true;
  body["strategy_discussion_date"] = "2024-11-20";
  auto created = manager.SendJson("POST", "/api/v1/chair-consultations", body);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(created.Json().at("flags").size(), 1u);
  EXPECT_EQ(created.Json().at("flags").at(0).at("rule"), "CPC-7");
  ASSERT_TRUE(sink_.WaitForMessages(1, std::chrono::seconds(10)));
  EXPECT_EQ(sink_.Messages().at(0).recipients, std::vector<std::string>{"cpcconsultationsse@kent.gov.uk"});
}

// Unknown fields are refused by name, wrong types named, other roles refused, others' consultations
// not found.
TEST_F(ChairConsultationsApi, InputIsCheckedFieldByField) {
  auto worker = SignedIn(Role::kSocialWorker);
  json body = Request();
  body["decision"] = "ICPC";
  body["icpc_decision_made"] = "no";
  auto refused = worker.SendJson("POST", "/api/v1/chair-consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Fields(refused), (std::set<std::string>{"decision", "icpc_decision_made"}));
  json empty = json::object();
  auto missing = worker.SendJson("POST", "/api/v1/chair-consultations", empty);
  ASSERT_EQ(missing.status, 422);
  EXPECT_TRUE(Fields(missing).contains("strategy_discussion_held"));
  EXPECT_EQ(SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/chair-consultations", Request()).status, 403);
  // A reference in frontdoor's own form must be a contact here; a case number from elsewhere is kept.
  json unknown = Request();
  unknown["contact_reference"] = "FD-2026-999999";
  auto no_contact = worker.SendJson("POST", "/api/v1/chair-consultations", unknown);
  ASSERT_EQ(no_contact.status, 422) << no_contact.body;
  EXPECT_EQ(Fields(no_contact), (std::set<std::string>{"contact_reference"}));
  EXPECT_NE(no_contact.body.find("There is no contact FD-2026-999999"), std::string::npos);
  auto contact = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(contact.status, 201) << contact.body;
  json known = Request();
  known["contact_reference"] = contact.Json().at("reference");
  EXPECT_EQ(worker.SendJson("POST", "/api/v1/chair-consultations", known).status, 201);
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get("/api/v1/chair-consultations").status, 403);

  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/chair-consultations/" + std::to_string(created.Json().at("id").get<int>());
  EXPECT_EQ(SignedIn(Role::kCpChair).Get(path).status, 404);  // not allocated to this chair
  EXPECT_EQ(worker.Get("/api/v1/chair-consultations/99999").status, 404);
  // The chair cannot arrange what is not allocated to them: 404, as reading it.
  EXPECT_EQ(SignedIn(Role::kCpChair).SendJson("POST", path + "/contacted", {{"arranged_for", "2030-01-01T10:00:00Z"}}).status,
            404);
}

// RULE CPC-2 RULE CPC-3: a chair who falls ill must not block the consultation: the coordinator
// gives it to another chair, who takes over the open CPC-3 deadline as it stands (not restarted);
// audited; the first chair no longer sees it; the same chair again, or a recorded one, is 409.
TEST_F(ChairConsultationsApi, CPC2_TheCoordinatorReallocatesToAnotherChair) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string base = "/api/v1/chair-consultations/" + std::to_string(id);
  auto second = app::CreateUser(*ctx_, std::nullopt,
                                {"chair2", "Second Chair", "", Role::kCpChair, "Front Door", kTestPassword, ""});
  ASSERT_TRUE(second.has_value());
  auto chair = SignedIn(Role::kCpChair);
  HttpClient chair2(service_->port());
  ASSERT_EQ(chair2.SignIn("chair2", kTestPassword).status, 201);
  auto coordinator = SignedIn(Role::kCpCoordinator);

  auto first = coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(chair)}});
  ASSERT_EQ(first.status, 200) << first.body;
  const json due = first.Json().at("deadlines").at(0).at("due_at");
  auto moved = coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(chair2)}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json().at("status"), "allocated");
  EXPECT_EQ(moved.Json().at("allocated_chair").at("id"), UserId(chair2));
  ASSERT_EQ(moved.Json().at("deadlines").size(), 1u);
  EXPECT_EQ(moved.Json().at("deadlines").at(0).at("due_at"), due);  // CPC-3's clock runs on
  EXPECT_EQ(coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(chair2)}}).status, 409);

  // The new chair has it in their list and deadline queue; the first chair no longer does.
  EXPECT_EQ(chair2.Get("/api/v1/chair-consultations").Json().at("items").size(), 1u);
  EXPECT_TRUE(chair.Get("/api/v1/chair-consultations").Json().at("items").empty());
  EXPECT_NE(chair2.Get("/deadlines").body.find(created.Json().at("reference").get<std::string>()), std::string::npos);
  EXPECT_EQ(chair.Get(base).status, 404);
  EXPECT_EQ(chair.SendJson("POST", base + "/contacted", {{"arranged_for", UtcIn(std::chrono::hours(1))}}).status, 404);
  ASSERT_EQ(chair2.SendJson("POST", base + "/contacted", {{"arranged_for", UtcIn(std::chrono::hours(1))}}).status, 200);

  // Arranged, it can still move (the record deadline goes with it); recorded, it cannot.
  ASSERT_EQ(coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(chair)}}).status, 200);
  ASSERT_EQ(chair.SendJson("POST", base + "/record", Record(UtcIn(std::chrono::seconds(0)))).status, 200);
  auto late = coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(chair2)}});
  EXPECT_EQ(late.status, 409) << late.body;

  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'chair_consultation.reallocated'").at(0).Int(0), 2);
}

// RULE CPC-1: the consultation is for "a social work manager and social worker": the requesting
// worker's team manager reads it; a manager of another team does not (404, as for a wrong number).
TEST_F(ChairConsultationsApi, CPC1_TheRequestersTeamManagerReadsIt) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/chair-consultations/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto manager = SignedIn(Role::kTeamManager);
  auto listed = manager.Get("/api/v1/chair-consultations");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json().at("items").size(), 1u) << listed.body;
  EXPECT_EQ(manager.Get(path).status, 200);
  EXPECT_EQ(manager.Get(path.substr(std::string("/api/v1").size())).status, 200);  // the page too

  ASSERT_TRUE(app::CreateUser(*ctx_, std::nullopt,
                              {"manager2", "Other Manager", "", Role::kTeamManager, "Children in Need", kTestPassword, ""})
                  .has_value());
  HttpClient other(service_->port());
  ASSERT_EQ(other.SignIn("manager2", kTestPassword).status, 201);
  EXPECT_TRUE(other.Get("/api/v1/chair-consultations").Json().at("items").empty());
  EXPECT_EQ(other.Get(path).status, 404);
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// The pages over real HTTP, as a browser without JavaScript uses them: 303 after each step, 422 with
// the input kept, 409 when the step was already done, 403 for a refused role.
class ChairConsultationPages : public ChairConsultationsApi {
 protected:
  static HttpReply Post(HttpClient& client, const std::string& path,
                        std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf_token", client.csrf_token);
    std::string body;
    for (const auto& [k, v] : fields) {
      if (!body.empty()) body += '&';
      body += http::PercentEncode(k);
      body += '=';
      body += http::PercentEncode(v);
    }
    return client.Send("POST", path, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  static bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }
};

TEST_F(ChairConsultationPages, StepsAnswer303_422_409_403) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto form = worker.Get("/chair-consultations/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, "North and West Kent") && Has(form, "South and East Kent"));
  EXPECT_TRUE(Has(form, "remains responsible for the decision"));

  auto refused = Post(worker, "/chair-consultations", {{"child_first_names", "Tia"}, {"reason", "Neglect"}});
  ASSERT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused, "govuk-error-summary") && Has(refused, "href=\"#area\"") &&
              Has(refused, "href=\"#child-dob-day\""));
  EXPECT_TRUE(Has(refused, "value=\"Tia\""));  // kept

  const std::vector<std::pair<std::string, std::string>> request = {
      {"area", "north-west"},  {"child_first_names", "Tia"},       {"child_last_name", "Sample"},
      {"child_dob-day", "3"},  {"child_dob-month", "10"},          {"child_dob-year", "2012"},
      {"reason", "Neglect"},   {"strategy_discussion_held", "no"}, {"icpc_decision_made", "no"}};
  auto created = Post(worker, "/chair-consultations", request);
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_EQ(created.Header("location"), "/chair-consultations/1?requested=1");
  auto icpc = request;
  icpc.back().second = "yes";
  auto cpc8 = Post(worker, "/chair-consultations", icpc);
  EXPECT_EQ(cpc8.status, 200);
  EXPECT_TRUE(Has(cpc8, "No consultation requested") && Has(cpc8, "CPC-8"));

  auto chair = SignedIn(Role::kCpChair);
  const std::string chair_id = std::to_string(UserId(chair));
  EXPECT_EQ(Post(worker, "/chair-consultations/1/allocate", {{"chair_user_id", chair_id}}).status, 403);
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto show = coordinator.Get("/chair-consultations/1");
  ASSERT_EQ(show.status, 200);
  EXPECT_TRUE(Has(show, "Test cp_chair"));  // offered in the chair list
  EXPECT_EQ(Post(coordinator, "/chair-consultations/1/allocate", {{"chair_user_id", ""}}).status, 422);
  auto allocated = Post(coordinator, "/chair-consultations/1/allocate", {{"chair_user_id", chair_id}});
  ASSERT_EQ(allocated.status, 303) << allocated.body;
  EXPECT_EQ(allocated.Header("location"), "/chair-consultations/1?allocated=1");
  auto again = Post(coordinator, "/chair-consultations/1/allocate", {{"chair_user_id", chair_id}});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again, "already been allocated"));
  // CPC-2: once allocated, the coordinator's page offers to give it to another chair.
  EXPECT_TRUE(Has(coordinator.Get("/chair-consultations/1"), "Give it to another chair"));

  // When it is arranged for: an hour from now as the chair types it, the date in GOV.UK's boxes and
  // the time beside them.
  const std::string soon = calendar::FormatLocalIso(std::chrono::floor<std::chrono::seconds>(
      std::chrono::system_clock::now() + std::chrono::hours(1)));
  std::vector<std::pair<std::string, std::string>> arranged = {{"arranged_for-day", soon.substr(8, 2)},
                                                               {"arranged_for-month", soon.substr(5, 2)},
                                                               {"arranged_for-year", soon.substr(0, 4)},
                                                               {"arranged_for-time", "soon"}};
  auto bad = Post(chair, "/chair-consultations/1/contacted", arranged);
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad, "value=\"soon\"") && Has(bad, "href=\"#arranged_for-time\"")) << bad.body;
  arranged.back().second = soon.substr(11, 5);
  ASSERT_EQ(Post(chair, "/chair-consultations/1/contacted", arranged).status, 303);
  EXPECT_EQ(Post(chair, "/chair-consultations/1/contacted", arranged).status, 409);

  // The record form lists the eight headings in the procedure's order.
  auto record_form = chair.Get("/chair-consultations/1");
  ASSERT_EQ(record_form.status, 200);
  std::size_t at = 0;
  for (const auto& h : ChairConsultationHeadings()) {
    const auto next = record_form.body.find(std::string(h.title), at);
    ASSERT_NE(next, std::string::npos) << h.title;
    at = next;
  }
  // When it was held, this minute as the chair types it: the date in GOV.UK's boxes, the time beside.
  const std::string held = calendar::FormatLocalIso(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  std::vector<std::pair<std::string, std::string>> record = {{"held_at-day", held.substr(8, 2)},
                                                             {"held_at-month", held.substr(5, 2)},
                                                             {"held_at-year", held.substr(0, 4)},
                                                             {"held_at-time", held.substr(11, 5)}};
  for (const auto& h : ChairConsultationHeadings()) record.emplace_back(std::string(h.id), "None known");
  record.back().second = "";
  auto missing = Post(chair, "/chair-consultations/1/record", record);
  ASSERT_EQ(missing.status, 422);
  EXPECT_TRUE(Has(missing, "href=\"#record-family-safety-plan\""));
  record.back().second = "Grandmother visits at weekends";
  ASSERT_EQ(Post(chair, "/chair-consultations/1/record", record).status, 303);
  auto recorded = worker.Get("/chair-consultations/1");
  ASSERT_EQ(recorded.status, 200);
  EXPECT_TRUE(Has(recorded, "Record of the consultation") && Has(recorded, "Grandmother visits at weekends"));
  EXPECT_EQ(Post(chair, "/chair-consultations/1/record", record).status, 409);
}

// A deadline queue or the dashboard links a CP Chair consultation only for those who may open it
// (the coordinator, its chair, the worker who asked and their team manager, CPC-1): a hub adviser, a
// contact officer and another team's manager see its reference as plain text, not a link that
// answers 403 or 404.
TEST_F(ChairConsultationsApi, ListsLinkAConsultationOnlyForThoseWhoMayOpenIt) {
  ASSERT_TRUE(app::CreateUser(*ctx_, std::nullopt,
                              {"manager2", "Other Manager", "", Role::kTeamManager, "Children in Need", kTestPassword, ""})
                  .has_value());
  auto other_manager = [&] {
    HttpClient client(service_->port());
    EXPECT_EQ(client.SignIn("manager2", kTestPassword).status, 201);
    return client;
  };
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string href = "href=\"/chair-consultations/" + std::to_string(created.Json().at("id").get<std::int64_t>()) + "\"";
  const std::string reference = created.Json().at("reference");
  // Allocating it opens its deadline (CPC-3).
  auto chair = SignedIn(Role::kCpChair);
  ASSERT_EQ(SignedIn(Role::kCpCoordinator)
                .SendJson("POST", "/api/v1/chair-consultations/" + std::to_string(created.Json().at("id").get<std::int64_t>()) +
                                      "/allocate",
                          {{"chair_user_id", UserId(chair)}})
                .status,
            200);
  for (Role role : {Role::kHubAdviser, Role::kContactOfficer}) {
    auto queue = SignedIn(role).Get("/deadlines?scope=all");
    ASSERT_EQ(queue.status, 200) << RoleId(role);
    EXPECT_NE(queue.body.find(reference), std::string::npos) << RoleId(role);
    EXPECT_EQ(queue.body.find(href), std::string::npos) << RoleId(role);
  }
  auto other_queue = other_manager().Get("/deadlines?scope=all");
  ASSERT_EQ(other_queue.status, 200);
  EXPECT_NE(other_queue.body.find(reference), std::string::npos);
  EXPECT_EQ(other_queue.body.find(href), std::string::npos);
  for (Role role : {Role::kSocialWorker, Role::kCpCoordinator, Role::kCpChair, Role::kTeamManager}) {
    EXPECT_NE(SignedIn(role).Get("/deadlines?scope=all").body.find(href), std::string::npos) << RoleId(role);
  }

  using namespace std::chrono;
  const sys_days today = floor<days>(clock_.Now());
  const std::string period = "from=" + FormatIsoDate(year_month_day{today - days{3}}) +
                             "&to=" + FormatIsoDate(year_month_day{today});
  auto manager = other_manager();
  auto records = manager.Get("/dashboard/records?figure=consultations-by-type&" + period);
  ASSERT_EQ(records.status, 200) << records.body;
  EXPECT_NE(records.body.find(reference), std::string::npos) << records.body;
  EXPECT_EQ(records.body.find(href), std::string::npos);
  auto json_records = manager.Get("/api/v1/dashboard/records?figure=consultations-by-type&" + period);
  ASSERT_EQ(json_records.status, 200) << json_records.body;
  const json items = json_records.Json().at("items");
  ASSERT_EQ(items.size(), 1u) << json_records.body;
  EXPECT_TRUE(items.at(0).at("link").is_null()) << json_records.body;
  EXPECT_NE(SignedIn(Role::kTeamManager).Get("/dashboard/records?figure=consultations-by-type&" + period).body.find(href),
            std::string::npos);
}

int CountOf(store::Store& store, const std::string& sql, const store::Params& params) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return static_cast<int>(tx->Query(sql, params).at(0).Int(0));
}

const json* ItemOf(const json& list, std::int64_t id) {
  for (const auto& item : list.at("items"))
    if (item.at("id") == id) return &item;
  return nullptr;
}

// RULE CPC-2 RULE CPC-3: allocating a consultation tells the chair at once, on their home page, with
// the time their 24 hours run to; a consultation given to another chair tells that chair. Staff
// notices are not e-mailed, so the outbox holds only the request to the area's inbox.
TEST_F(ChairConsultationsApi, CPC2_CPC3_TheChairIsToldOfTheAllocation) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string base = "/api/v1/chair-consultations/" + std::to_string(id);
  const std::string link = "/chair-consultations/" + std::to_string(id);
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t chair_id = UserId(chair);
  EXPECT_EQ(CountOf(*store_, "SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {chair_id}), 0);
  auto allocated = coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", chair_id}});
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  EXPECT_EQ(CountOf(*store_, "SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?", {chair_id, link}), 1);
  const std::string home = chair.Get("/").body;
  EXPECT_NE(home.find("Child Protection Chair consultation CPC-000001 allocated to you: contact the social worker by"),
            std::string::npos)
      << home;
  EXPECT_EQ(CountOf(*store_, "SELECT COUNT(*) FROM outbox WHERE record_type = 'chair-consultation'", {}), 1);

  // The duty chair changes: the new chair is told too.
  auto other = app::CreateUser(*ctx_, std::nullopt, {"chair2", "Cass Chair", "", Role::kCpChair, "", kTestPassword});
  ASSERT_TRUE(other.has_value());
  ASSERT_EQ(coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", *other}}).status, 200);
  EXPECT_EQ(CountOf(*store_, "SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?", {*other, link}), 1);
}

// RULE CPC-2 RULE CPC-3: the coordinator's list shows what is due next and marks it "Overdue", on the
// page and in the JSON: a request awaiting a chair with how long it has waited, late after a day (the
// procedure names no time for allocation); an allocated one with the chair's 24 hours to make contact.
TEST_F(ChairConsultationsApi, CPC2_CPC3_TheListsShowWhatIsDueAndWhatIsOverdue) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto waiting = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  auto allocated = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(waiting.status, 201) << waiting.body;
  ASSERT_EQ(allocated.status, 201) << allocated.body;
  const std::int64_t waiting_id = waiting.Json().at("id"), allocated_id = allocated.Json().at("id");
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t chair_id = UserId(chair);
  ASSERT_EQ(coordinator
                .SendJson("POST", "/api/v1/chair-consultations/" + std::to_string(allocated_id) + "/allocate",
                          {{"chair_user_id", chair_id}})
                .status,
            200);

  json list = coordinator.Get("/api/v1/chair-consultations").Json();
  const json* w = ItemOf(list, waiting_id);
  const json* a = ItemOf(list, allocated_id);
  ASSERT_TRUE(w && a) << list.dump();
  EXPECT_EQ(w->at("next_due").at("timescale"), "chair-allocation") << w->dump();
  EXPECT_EQ(w->at("next_due").at("rule"), "CPC-2");
  EXPECT_EQ(*ParseUtc(w->at("next_due").at("due_at").get<std::string>()) -
                *ParseUtc(w->at("requested_at").get<std::string>()),
            std::chrono::hours(24));
  EXPECT_EQ(w->at("overdue"), false);
  EXPECT_EQ(a->at("next_due").at("timescale"), "chair-contact") << a->dump();
  EXPECT_EQ(a->at("next_due").at("rule"), "CPC-3");
  EXPECT_EQ(a->at("overdue"), false);
  std::string page = coordinator.Get("/chair-consultations").body;
  EXPECT_NE(page.find("Waiting less than a minute"), std::string::npos) << page;
  EXPECT_NE(page.find("Allocate it to the duty chair by "), std::string::npos) << page;
  EXPECT_NE(page.find("CP chair contacts the requesting social worker by "), std::string::npos) << page;
  EXPECT_EQ(page.find(">Overdue<"), std::string::npos) << page;

  clock_.Advance(std::chrono::hours(25));
  coordinator = SignedIn(Role::kCpCoordinator);  // signed in again after the day passes
  chair = SignedIn(Role::kCpChair);
  list = coordinator.Get("/api/v1/chair-consultations").Json();
  EXPECT_EQ(ItemOf(list, waiting_id)->at("overdue"), true) << list.dump();
  EXPECT_EQ(ItemOf(list, allocated_id)->at("overdue"), true) << list.dump();
  page = coordinator.Get("/chair-consultations").body;
  EXPECT_NE(page.find("Waiting 25 hours"), std::string::npos) << page;
  EXPECT_NE(page.find(">Overdue<"), std::string::npos) << page;
  const json mine = chair.Get("/api/v1/chair-consultations").Json();
  ASSERT_EQ(mine.at("items").size(), 1u) << mine.dump();
  EXPECT_EQ(mine.at("items").at(0).at("overdue"), true);
  EXPECT_NE(chair.Get("/chair-consultations").body.find(">Overdue<"), std::string::npos);

  // Met: nothing overdue on the chair's consultation; the record's 48 hours are next.
  const auto arranged = chair.SendJson("POST", "/api/v1/chair-consultations/" + std::to_string(allocated_id) +
                                                   "/contacted",
                                       {{"arranged_for", UtcIn(std::chrono::hours(25 + 2))}});
  ASSERT_EQ(arranged.status, 200) << arranged.body;
  const json after = chair.Get("/api/v1/chair-consultations").Json().at("items").at(0);
  EXPECT_EQ(after.at("next_due").at("timescale"), "chair-record") << after.dump();
  EXPECT_EQ(after.at("overdue"), false);
}

// Those who may not read Child Protection Chair consultations are told so, not that they may not
// request them.
TEST_F(ChairConsultationsApi, CPC2_OtherRolesAreToldTheyMayNotReadThem) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations", Request());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json().at("id").get<std::int64_t>());
  for (Role role : {Role::kContactOfficer, Role::kHubAdviser, Role::kDataProtectionOfficer, Role::kAnalyst,
                    Role::kAdministrator}) {
    auto client = SignedIn(role);
    for (const std::string& path : {"/api/v1/chair-consultations/" + id, std::string("/api/v1/chair-consultations")}) {
      auto refused = client.Get(path);
      ASSERT_EQ(refused.status, 403) << RoleId(role) << " " << path;
      const std::string detail = refused.Json().at("detail");
      EXPECT_NE(detail.find("does not allow you to read Child Protection Chair consultations"), std::string::npos)
          << detail;
      EXPECT_EQ(detail.find("request"), std::string::npos) << detail;
    }
    EXPECT_NE(client.Get("/chair-consultations/" + id).body.find("read Child Protection Chair consultations"),
              std::string::npos)
        << RoleId(role);
  }
}

}  // namespace
}  // namespace fd::testing
