// Correcting a contact's child after receipt (app/child_corrections.h): a contact officer mistypes a
// name or a date of birth on the phone, or the referrer rings back with the right NHS number. The
// corrected details are what the rules that depend on them use from then on: the register match
// (HCR-5), the other contacts about the same child and the record checks (KCR-10, HCR-30); intake's
// checks apply (HCR-17); the history is kept, and after the decision nothing is corrected.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

class ChildCorrections : public ApiTest {
 protected:
  // Jayden Sample's case is open to Lee Locality of the North Locality team; Amara Okafor is on the
  // register with no case open.
  void SetUp() override {
    ApiTest::SetUp();
    auto id = app::CreateUser(*ctx_, std::nullopt,
                              {"lee", "Lee Locality", "", Role::kSocialWorker, "North Locality", kTestPassword});
    ASSERT_TRUE(id) << id.error().message;
    lee_id_ = *id;
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Jayden', 'Sample', '2016-04-03', 1, ?)",
                {lee_id_});
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth) VALUES ('Amara', 'Okafor', '2014-06-01')");
    amara_id_ = tx->Query("SELECT id FROM people WHERE first_names = 'Amara'").at(0).Int(0);
    tx->Commit();
  }

  static json About(const std::string& first, const std::string& last, const std::string& dob) {
    json body = ScreenableSchoolContact();
    body["children"] = json::array({{{"first_names", first}, {"last_name", last}, {"date_of_birth", dob},
                                     {"gender", "male"}, {"address", "4 Mill Lane"}}});
    return body;
  }

  std::int64_t Record(HttpClient& officer, const json& body) {
    auto created = officer.SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }

  static std::string Path(std::int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }

  static HttpReply Correct(HttpClient& client, std::int64_t id, json body, std::int64_t version, int child = 0) {
    body["version"] = version;
    return client.SendJson("PUT", Path(id) + "/children/" + std::to_string(child), body);
  }

  static std::int64_t VersionOf(HttpClient& client, std::int64_t id) {
    return client.Get(Path(id)).Json().at("version").get<std::int64_t>();
  }

  HttpClient As(const std::string& username) {
    HttpClient client = Client();
    EXPECT_EQ(client.SignIn(username, kTestPassword).status, 201);
    return client;
  }

  static HttpReply PostForm(HttpClient& client, const std::string& path, const std::string& fields) {
    return client.Send("POST", path, "csrf_token=" + http::PercentEncode(client.csrf_token) + "&" + fields,
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  }

  std::int64_t lee_id_ = 0;
  std::int64_t amara_id_ = 0;
};

// RULE HCR-5: "Jaden" typed for "Jayden": receipt found no open case and the front door held the
// contact. The corrected name matches Jayden's record, open to Lee: from then on only Lee and Lee's
// team managers work the contact, the contact says why, and Lee is told. The history is on the contact.
TEST_F(ChildCorrections, HCR5_CorrectingAMistypedNameFindsTheOpenCaseOfTheChild) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto officer = SignedIn(Role::kContactOfficer);
  const std::int64_t id = Record(officer, About("Jaden", "Sample", "2016-04-03"));
  ASSERT_EQ(officer.Get(Path(id)).Json().at("queue"), "front-door");

  auto corrected = Correct(officer, id, {{"first_names", "Jayden"}, {"reason", "The referrer spelt the name again"}}, 1);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  const json answer = corrected.Json();
  EXPECT_EQ(answer.at("children")[0].at("first_names"), "Jayden");
  EXPECT_EQ(answer.at("version"), 2);
  EXPECT_EQ(answer.at("allocated_user_id"), lee_id_) << answer.dump();
  EXPECT_TRUE(Has(answer.at("routing_note"), "Details corrected: Jayden Sample is open to Lee Locality"))
      << answer.dump();

  const json contact = officer.Get(Path(id)).Json();
  ASSERT_EQ(contact.at("child_corrections").size(), 1u) << contact.dump();
  const json history = contact.at("child_corrections")[0];
  EXPECT_EQ(history.at("child"), 0);
  EXPECT_EQ(history.at("changes"), json::array({{{"field", "first_names"}, {"from", "Jaden"}, {"to", "Jayden"}}}));
  EXPECT_EQ(history.at("reason"), "The referrer spelt the name again");
  EXPECT_EQ(history.at("corrected_by").at("name"), "Test contact_officer");
  EXPECT_TRUE(history.at("link_to_check").is_null());

  auto front_door_worker = SignedIn(Role::kSocialWorker);
  auto refused = PostWithVersion(front_door_worker, Path(id) + "/screening/start", json::object(), 2);
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto lee = As("lee");
  EXPECT_TRUE(Has(lee.Get("/").body, contact.at("reference").get<std::string>()));
  EXPECT_EQ(PostWithVersion(lee, Path(id) + "/screening/start", json::object(), 2).status, 200);

  // Audited with the old and new values and why.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.child_corrected' AND record_id = ?",
                              {std::to_string(id)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(Has(rows[0].Text(0), "Jaden")) << rows[0].Text(0);
  EXPECT_TRUE(Has(rows[0].Text(0), "The referrer spelt the name again")) << rows[0].Text(0);
}

// RULE KCR-10 RULE HCR-30: a date of birth mistyped hid the other contact about the same child. Once
// corrected, each contact lists the other; the record checks already run are kept but say they were
// run on the details before, and count as not done until they are run again.
TEST_F(ChildCorrections, KCR10_HCR30_CorrectedDetailsFindTheSameChildAndEarlierChecksSaySo) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t first = Record(officer, About("Elijah", "Penton", "2015-03-02"));
  const std::int64_t second = Record(officer, About("Elijah", "Penton", "2015-02-03"));
  const std::string first_ref = officer.Get(Path(first)).Json().at("reference");
  EXPECT_TRUE(worker.Get(Path(second)).Json().at("other_contacts_about_child").empty());

  auto started = PostWithVersion(worker, Path(second) + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  auto checked = PostWithVersion(worker, Path(second) + "/record-checks", json::object(), started.Json().at("version"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_FALSE(checked.Json().at("record_checks")[0].at("run_on_earlier_details").get<bool>());

  auto corrected = Correct(worker, second, {{"date_of_birth", "2015-03-02"}, {"reason", "Day and month swapped"}},
                           checked.Json().at("version"));
  ASSERT_EQ(corrected.status, 200) << corrected.body;

  bool listed = false;
  const json others = worker.Get(Path(second)).Json().at("other_contacts_about_child");
  for (const auto& o : others) listed |= o.at("reference") == first_ref;
  EXPECT_TRUE(listed) << others.dump();

  const json workflow = worker.Get(Path(second) + "/workflow").Json();
  ASSERT_EQ(workflow.at("record_checks").size(), 1u) << workflow.dump();
  EXPECT_TRUE(workflow.at("record_checks")[0].at("run_on_earlier_details").get<bool>()) << workflow.dump();
  EXPECT_FALSE(workflow.at("record_checks")[0].at("details_corrected_at").is_null());
  for (const auto& t : workflow.at("tasks")) {
    if (t.at("id") == "record_checks") {
      EXPECT_FALSE(t.at("done").get<bool>()) << workflow.dump();
    }
  }
  // The screening page says so beside the check.
  EXPECT_TRUE(Has(worker.Get("/contacts/" + std::to_string(second) + "/screening").body,
                  "Run on the details before they were corrected"));

  auto again = PostWithVersion(worker, Path(second) + "/record-checks", json::object(), workflow.at("version"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.Json().at("record_checks")[0].at("run_on_earlier_details").get<bool>());
}

// RULE HCR-5: a register link made before the correction is kept; where the corrected details now
// disagree with the record, the contact carries the link warning for a worker to check, until the
// child is linked again.
TEST_F(ChildCorrections, HCR5_ALinkMadeBeforeIsKeptAndFlaggedWhenTheCorrectedDetailsDisagree) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t id = Record(officer, About("Amara", "Okafor", "2014-06-01"));
  auto linked = worker.SendJson("POST", Path(id) + "/children/0/person", {{"person_id", amara_id_}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_TRUE(linked.Json().at("warnings").empty());

  auto corrected = Correct(worker, id, {{"date_of_birth", "2014-01-06"}, {"reason", "Read from the school's records"}},
                           VersionOf(worker, id));
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  ASSERT_EQ(corrected.Json().at("link_warnings").size(), 1u) << corrected.body;
  EXPECT_EQ(corrected.Json().at("link_warnings")[0].at("field"), "date_of_birth");
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT person_id FROM contact_children WHERE contact_id = ?", {id}).at(0).Int(0), amara_id_);
  }
  const json check = worker.Get(Path(id)).Json().at("child_corrections")[0].at("link_to_check");
  EXPECT_EQ(check.at("person_id"), amara_id_) << check.dump();
  EXPECT_EQ(check.at("differs"), json::array({"date_of_birth"}));

  const std::string page = worker.Get("/contacts/" + std::to_string(id)).body;
  EXPECT_TRUE(Has(page, "date of birth is not the child")) << page;
  EXPECT_TRUE(Has(page, "date of birth 01/06/2014 → 06/01/2014 (Read from the school")) << page;

  // Linked again after checking: the flag goes, the history stays.
  ASSERT_EQ(worker.SendJson("POST", Path(id) + "/children/0/person", {{"person_id", amara_id_}}).status, 200);
  const json after = worker.Get(Path(id)).Json().at("child_corrections");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_TRUE(after[0].at("link_to_check").is_null()) << after.dump();
}

// RULE HCR-17: a correction is checked as intake checks the child: the NHS number's check digit, a
// date of birth of a child on the day of the contact, an expected date within the pregnancy's window,
// and a health contact keeps the child's NHS number (Hertfordshire's pack). Why is required, the
// version must be the one looked at, and a child not on the contact is not found.
TEST_F(ChildCorrections, HCR17_CorrectionsAreCheckedAsAtIntake) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::int64_t id = Record(officer, About("Mia", "Example", "2017-05-14"));
  const json why = {{"reason", "Rang back"}};
  auto with = [&](json fields) {
    fields.update(why);
    return fields;
  };
  auto bad_nhs = Correct(officer, id, with({{"nhs_number", "943 476 5918"}}), 1);
  EXPECT_EQ(bad_nhs.status, 422) << bad_nhs.body;
  EXPECT_TRUE(NamesField(bad_nhs, "nhs_number")) << bad_nhs.body;
  auto adult = Correct(officer, id, with({{"date_of_birth", "2001-05-14"}}), 1);
  EXPECT_EQ(adult.status, 422);
  EXPECT_TRUE(NamesField(adult, "date_of_birth")) << adult.body;
  auto far = Correct(officer, id, with({{"date_of_birth", ""}, {"expected_date", "2031-01-01"}}), 1);
  EXPECT_EQ(far.status, 422);
  EXPECT_TRUE(NamesField(far, "expected_date")) << far.body;
  auto no_reason = Correct(officer, id, {{"nhs_number", "943 476 5919"}}, 1);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(NamesField(no_reason, "reason")) << no_reason.body;
  auto nothing = Correct(officer, id, with({{"first_names", "Mia"}}), 1);
  EXPECT_EQ(nothing.status, 422) << nothing.body;
  auto unknown = Correct(officer, id, with({{"school", "Riverside"}}), 1);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "school")) << unknown.body;
  EXPECT_EQ(Correct(officer, id, with({{"nhs_number", "943 476 5919"}}), 1, 3).status, 404);
  EXPECT_EQ(officer.Get(Path(id)).Json().at("version"), 1);  // nothing refused was written

  ASSERT_EQ(Correct(officer, id, with({{"nhs_number", "943 476 5919"}}), 1).status, 200);
  auto stale = Correct(officer, id, with({{"address", "5 Mill Lane"}}), 1);
  EXPECT_EQ(stale.status, 409) << stale.body;

  // A health contact in Hertfordshire gives the child's NHS number, and a correction keeps it.
  json health = About("Noah", "Example", "2018-02-02");
  health["referrer"] = {{"type", "health"}, {"name", "Dr Ann Lee"}, {"agency", "Lister Hospital"},
                        {"phone", "01438 000 001"}, {"email", "ann.lee@nhs.example"}};
  health["children"][0]["nhs_number"] = "943 476 5919";
  health["intake"]["channel"] = "phone";
  const std::int64_t from_health = Record(officer, health);
  auto cleared = Correct(officer, from_health, with({{"nhs_number", ""}}), 1);
  EXPECT_EQ(cleared.status, 422) << cleared.body;
  EXPECT_TRUE(NamesField(cleared, "nhs_number")) << cleared.body;
}

// After the decision, a correction is refused with a 409 that says why and what to do; a contact
// officer corrects only until screening starts, and an analyst not at all.
TEST_F(ChildCorrections, AfterTheDecisionCorrectionsAreRefusedSayingWhatToDo) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t id = Record(officer, About("Mia", "Example", "2017-05-14"));
  auto analyst = SignedIn(Role::kAnalyst);
  EXPECT_EQ(Correct(analyst, id, {{"first_names", "Maya"}, {"reason", "x"}}, 1).status, 403);
  auto started = PostWithVersion(worker, Path(id) + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  auto officer_late = Correct(officer, id, {{"first_names", "Maya"}, {"reason", "Rang back"}}, 2);
  EXPECT_EQ(officer_late.status, 409) << officer_late.body;
  EXPECT_TRUE(Has(officer_late.Json().at("detail"), "social worker screening it")) << officer_late.body;
  ASSERT_EQ(Correct(worker, id, {{"first_names", "Maya"}, {"reason", "Rang back"}}, 2).status, 200);

  ScreenAndDecide(worker, manager, id,
                  {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                   {"next_steps", "Families First worker to contact the mother"}});
  if (HasFatalFailure()) return;
  auto refused = Correct(manager, id, {{"last_name", "Exampel"}, {"reason", "Rang back"}}, VersionOf(manager, id));
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(Has(refused.Json().at("detail"), "has been decided")) << refused.body;
  EXPECT_TRUE(Has(refused.Json().at("detail"), "people register")) << refused.body;
  // The page offers no correction any more, and its form says the same.
  const std::string page = "/contacts/" + std::to_string(id);
  EXPECT_FALSE(Has(manager.Get(page).body, "/children/0/correct"));
  auto form = manager.Get(page + "/children/0/correct");
  EXPECT_EQ(form.status, 409);
  EXPECT_TRUE(Has(form.body, "has been decided")) << form.body;
}

// The page: "Correct details" beside each child, a GOV.UK form prefilled with what was recorded and a
// required "Why"; the contact page then says who corrected what, when and why.
TEST_F(ChildCorrections, HCR5_ThePageCorrectsTheChildAndShowsWhoWhenAndWhy) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::int64_t id = Record(officer, About("Jaden", "Sample", "2016-04-03"));
  const std::string page = "/contacts/" + std::to_string(id);
  const std::string form_path = page + "/children/0/correct";
  EXPECT_TRUE(Has(officer.Get(page).body, "href=\"" + form_path + "\"")) << officer.Get(page).body;

  auto form = officer.Get(form_path);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form.body, "value=\"Jaden\"")) << form.body;
  EXPECT_TRUE(Has(form.body, "name=\"dob-year\" type=\"text\" inputmode=\"numeric\" value=\"2016\"")) << form.body;

  const std::string fields = "version=1&first_names=Jayden&last_name=Sample&dob-day=3&dob-month=4&dob-year=2016"
                             "&due-day=&due-month=&due-year=&gender=male&nhs_number=&address=4+Mill+Lane";
  auto refused = PostForm(officer, form_path, fields + "&reason=");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "Say why the details are corrected")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "value=\"Jayden\"")) << refused.body;  // what was typed, kept

  auto posted = PostForm(officer, form_path, fields + "&reason=Spelt+again+by+the+referrer");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string shown = officer.Get(posted.Header("location")).body;
  EXPECT_TRUE(Has(shown, "Child&#39;s details corrected") || Has(shown, "Child's details corrected")) << shown;
  EXPECT_TRUE(Has(shown, "Corrected by Test contact_officer on ")) << shown;
  EXPECT_TRUE(Has(shown, "first names Jaden → Jayden (Spelt again by the referrer)")) << shown;
  EXPECT_TRUE(Has(shown, "Details corrected: Jayden Sample is open to Lee Locality")) << shown;
}

}  // namespace
}  // namespace fd::testing
