// A contact closed as a duplicate by mistake is reopened by a team manager (app/duplicates.h
// ReopenDuplicate; docs/decisions.md "Reopening a duplicate"), and the referrers of a decided contact's
// duplicates are told its outcome as its own referrer is (HCR-24, KCR-17). Over real HTTP, API and page.
#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

// A neighbour's phone call about the school's child, closed as a duplicate of the school's contact,
// whose decision is then authorised: the set-up of every test of the duplicate's referrer call.
class DuplicateReopening : public ApiTest {
 protected:
  struct DecidedOriginal {
    HttpClient worker;
    HttpClient manager;
    json original;
    json duplicate;
  };
  DecidedOriginal NeighboursDuplicateOfADecidedContact();
};


std::string Path(const json& contact) { return "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()); }
std::string Page(const json& contact) { return "/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()); }

json Record(HttpClient& officer, json body) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  EXPECT_EQ(created.status, 201) << created.body;
  return created.Json();
}

// The school's contact, as another referrer would send it about the same child.
json FromReferrer(json referrer) {
  json body = ScreenableSchoolContact();
  body["referrer"] = std::move(referrer);
  return body;
}

const json kNeighbourByPhone = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}};
const json kPoliceByEmail = {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"},
                             {"email", "jo.webb@herts.pnn.police.uk"}};
const json kDecision = {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                        {"next_steps", "Families First worker to contact the mother"}};

HttpReply Close(HttpClient& client, const json& duplicate, const json& original) {
  return client.SendJson("POST", Path(duplicate) + "/duplicate-of",
                         {{"contact", original.at("reference")},
                          {"reason", "Same incident"},
                          {"version", client.Get(Path(duplicate)).Json().at("version")}});
}

HttpReply Reopen(HttpClient& client, const json& contact, const std::string& reason) {
  return client.SendJson("POST", Path(contact) + "/reopen-duplicate",
                         {{"reason", reason}, {"version", client.Get(Path(contact)).Json().at("version")}});
}

const json* Timescale(const json& deadlines, const std::string& timescale) {
  for (const auto& d : deadlines)
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

bool Listed(HttpClient& client, const std::string& path, const json& contact) {
  return client.Get(path).body.find(contact.at("reference").get<std::string>()) != std::string::npos;
}

DuplicateReopening::DecidedOriginal DuplicateReopening::NeighboursDuplicateOfADecidedContact() {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  DecidedOriginal d{SignedIn(Role::kSocialWorker), SignedIn(Role::kTeamManager),
                    Record(officer, ScreenableSchoolContact()), Record(officer, FromReferrer(kNeighbourByPhone))};
  EXPECT_EQ(Close(d.worker, d.duplicate, d.original).status, 200);
  ScreenAndDecide(d.worker, d.manager, d.original.at("id"), kDecision);
  return d;
}

// RULE HCR-27 RULE HCR-18: reopened by a team manager with a reason, the contact returns to the stage
// it was closed at and to its queue, its decision deadline (HCR-27) comes back with its original due
// time, the link goes from both contacts, and it is audited with who, when and why. Refused: 403 for
// other roles, 422 with no reason, 409 for a contact that is not a duplicate.
TEST_F(DuplicateReopening, HCR27_AReopenedDuplicateReturnsToItsStageQueueAndDeadlines) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json original = Record(officer, ScreenableSchoolContact());
  const json duplicate = Record(officer, FromReferrer(kPoliceByEmail));
  ASSERT_EQ(worker.SendJson("POST", Path(duplicate) + "/screening/start",
                            {{"version", worker.Get(Path(duplicate)).Json().at("version")}})
                .status,
            200);
  const json before = worker.Get(Path(duplicate)).Json();
  ASSERT_NE(Timescale(before.at("deadlines"), "decision"), nullptr) << before.dump();
  const json decision_due = Timescale(before.at("deadlines"), "decision")->at("due_at");
  ASSERT_EQ(Close(worker, duplicate, original).status, 200);
  EXPECT_FALSE(Listed(manager, "/api/v1/contacts?queue=front-door&page_size=100", duplicate));

  // Refusals.
  EXPECT_EQ(Reopen(worker, duplicate, "Not the same incident").status, 403);
  EXPECT_EQ(Reopen(officer, duplicate, "Not the same incident").status, 403);
  auto no_reason = Reopen(manager, duplicate, "  ");
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_TRUE(NamesField(no_reason, "reason")) << no_reason.body;
  auto not_duplicate = Reopen(manager, original, "Not the same incident");
  EXPECT_EQ(not_duplicate.status, 409) << not_duplicate.body;
  EXPECT_NE(not_duplicate.body.find("not closed as a duplicate"), std::string::npos) << not_duplicate.body;
  EXPECT_EQ(worker.Get(Path(duplicate)).Json().at("state"), "duplicate");  // nothing changed

  auto reopened = Reopen(manager, duplicate, "A different incident: the police attended another address");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  const json view = reopened.Json();
  EXPECT_EQ(view.at("state"), "screening");  // the stage it was closed at
  EXPECT_TRUE(view.at("duplicate_of").is_null());
  EXPECT_EQ(view.at("reopened").at("state"), "screening");
  const json* restored = Timescale(view.at("reopened").at("deadlines_restored"), "decision");
  ASSERT_NE(restored, nullptr) << view.dump();
  EXPECT_EQ(restored->at("due_at"), decision_due);  // its original due time, not a new one
  EXPECT_EQ(restored->at("breached"), false);
  const json after = worker.Get(Path(duplicate)).Json();
  ASSERT_NE(Timescale(after.at("deadlines"), "decision"), nullptr) << after.dump();
  EXPECT_EQ(Timescale(after.at("deadlines"), "decision")->at("due_at"), decision_due);
  EXPECT_EQ(Timescale(after.at("deadlines"), "decision")->at("state"), "open");
  EXPECT_TRUE(worker.Get(Path(original) + "/workflow").Json().at("duplicates").empty());
  EXPECT_TRUE(Listed(manager, "/api/v1/contacts?queue=front-door&page_size=100", duplicate));
  EXPECT_TRUE(Listed(manager, "/api/v1/deadlines?scope=all&page_size=200", duplicate));
  // Not a duplicate now: a second reopening is refused.
  EXPECT_EQ(Reopen(manager, duplicate, "Again").status, 409);

  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT actor, changes, at FROM audit_events WHERE action = 'contact.duplicate_reopened' AND "
                        "record_id = ?",
                        {std::to_string(duplicate.at("id").get<std::int64_t>())});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "team_manager");
  EXPECT_FALSE(rows[0].Text(2).empty());
  const json changes = json::parse(rows[0].Text(1));
  EXPECT_EQ(changes.at("reason"), "A different incident: the police attended another address");
  EXPECT_EQ(changes.at("original").at("reference"), original.at("reference"));
  EXPECT_EQ(changes.at("to_state"), "screening");
}

// RULE HCR-27: a deadline whose due time passed while the contact was closed comes back breached, and
// the page says so; the contact page offers the form to a team manager only, keeps a refused reason,
// and both pages drop the link.
TEST_F(DuplicateReopening, HCR27_ADeadlinePastWhileClosedIsBreachedAndThePageSaysSo) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto closer = SignedIn(Role::kSocialWorker);
  const json original = Record(officer, ScreenableSchoolContact());
  const json duplicate = Record(officer, FromReferrer(kPoliceByEmail));
  ASSERT_EQ(Close(closer, duplicate, original).status, 200);
  clock_.Advance(std::chrono::hours(24 * 21));  // past the decision's one working day (HCR-27)
  auto worker = SignedIn(Role::kSocialWorker);  // signed in after the weeks pass
  auto manager = SignedIn(Role::kTeamManager);

  EXPECT_EQ(worker.Get(Page(duplicate)).body.find("Reopen: it is not a duplicate"), std::string::npos);
  auto shown = manager.Get(Page(duplicate));
  ASSERT_EQ(shown.status, 200);
  ASSERT_NE(shown.body.find("Reopen: it is not a duplicate"), std::string::npos) << shown.body;
  const std::string csrf = FirstCapture(shown.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  const std::string form = shown.body.substr(shown.body.find("reopen-duplicate\" novalidate"));
  const std::string version = FirstCapture(form, "name=\"version\" value=\"([0-9]+)\"");
  ASSERT_FALSE(version.empty());

  auto refused = manager.Send("POST", Page(duplicate) + "/reopen-duplicate",
                              FormBody({{"csrf_token", csrf}, {"version", version}, {"reason", ""}}), kFormHeaders);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("href=\"#reopen-reason\""), std::string::npos) << refused.body;

  auto done = manager.Send("POST", Page(duplicate) + "/reopen-duplicate",
                           FormBody({{"csrf_token", csrf}, {"version", version}, {"reason", "Another incident"}}),
                           kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  auto after = manager.Get(Page(duplicate) + "?reopened_duplicate=1");
  EXPECT_NE(after.body.find("Contact reopened"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("passed while it was closed and are breached"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("HCR-27"), std::string::npos);
  EXPECT_EQ(after.body.find("Closed as a duplicate of"), std::string::npos);
  EXPECT_EQ(manager.Get(Page(original)).body.find("id=\"duplicate-list\""), std::string::npos);
  const json view = worker.Get(Path(duplicate)).Json();
  ASSERT_NE(Timescale(view.at("deadlines"), "decision"), nullptr) << view.dump();
  EXPECT_EQ(Timescale(view.at("deadlines"), "decision")->at("state"), "breached");
}

// RULE HCR-24 RULE KCR-17: the referrer's status link stops following the original once reopened.
TEST_F(DuplicateReopening, HCR24_KCR17_AReopenedDuplicatesStatusLinkIsItsOwn) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json original = Record(officer, ScreenableSchoolContact());
  const json duplicate = Record(officer, FromReferrer(kPoliceByEmail));
  ASSERT_EQ(Close(worker, duplicate, original).status, 200);
  ASSERT_EQ(Reopen(manager, duplicate, "Another incident").status, 200);
  ScreenAndDecide(worker, manager, original.at("id"), kDecision);
  if (HasFatalFailure()) return;
  // The original's decision is not the reopened contact's: no outcome for its referrer, no call.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_TRUE(tx->Query("SELECT 1 FROM outbox WHERE record_type = 'contact' AND record_id = ? AND purpose = 'outcome'",
                        {duplicate.at("id").get<std::int64_t>()})
                  .empty());
  EXPECT_TRUE(tx->Query("SELECT 1 FROM contact_duplicates WHERE contact_id = ?", {duplicate.at("id").get<std::int64_t>()})
                  .empty());
  EXPECT_EQ(worker.Get(Path(duplicate)).Json().at("state"), "received");
}

// RULE HCR-24 RULE KCR-17: when the original's decision is authorised, a duplicate whose referrer is
// another person with only a phone number is rung by the proposer, as the original's would be, with
// the words for their type (a member of the public: not what was decided); the call is in the ledger
// about the original's children. A reopened duplicate's call not yet made is withdrawn.
TEST_F(DuplicateReopening, HCR24_KCR17_ADuplicatesReferrerWithOnlyAPhoneIsRung) {
  auto [worker, manager, original, duplicate] = NeighboursDuplicateOfADecidedContact();
  if (HasFatalFailure()) return;

  auto mine = worker.Get("/api/v1/referrers-to-tell");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json calls = mine.Json().at("calls");
  const json* call = nullptr;
  for (const auto& c : calls)
    if (c.at("contact_id") == duplicate.at("id")) call = &c;
  ASSERT_NE(call, nullptr) << mine.body;
  EXPECT_NE(call->at("tell").get<std::string>().find("but not what was decided"), std::string::npos) << *call;
  EXPECT_NE(call->at("tell").get<std::string>().find("duplicate of " + original.at("reference").get<std::string>()),
            std::string::npos)
      << *call;
  auto told = worker.SendJson("POST", Path(duplicate) + "/referrer-call",
                              json{{"note", "Rang Jo: told the concern was looked at and acted on"}});
  ASSERT_EQ(told.status, 200) << told.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT d.counterpart FROM disclosures d WHERE d.cause_id = ?",
                        {std::to_string(duplicate.at("id").get<std::int64_t>()) + ":outcome-call"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "the referrer (a member of the public), by phone");
}

TEST_F(DuplicateReopening, HCR24_KCR17_AReopenedDuplicatesCallNotYetMadeIsWithdrawn) {
  auto [worker, manager, original, duplicate] = NeighboursDuplicateOfADecidedContact();
  if (HasFatalFailure()) return;
  ASSERT_EQ(worker.Get(Path(duplicate) + "/referrer-call").status, 200);
  ASSERT_EQ(Reopen(manager, duplicate, "Another incident").status, 200);
  EXPECT_EQ(worker.Get(Path(duplicate) + "/referrer-call").status, 404);
}

// RULE HCR-24 RULE KCR-17: a duplicate's e-mail-able referrer who is another person is e-mailed the
// outcome under their own reference, by their type; the same person (a written confirmation of their
// own call) hears it once, from the original.
TEST_F(DuplicateReopening, HCR24_KCR17_ADuplicatesOtherReferrerIsEmailedTheOutcomeOnce) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  json call = FromReferrer(kPoliceByEmail);
  call["intake"]["channel"] = "phone";
  const json original = Record(officer, call);
  const json written = Record(officer, FromReferrer(kPoliceByEmail));  // the same officer, in writing
  const json school = Record(officer, ScreenableSchoolContact());      // another referrer
  ASSERT_EQ(Close(worker, written, original).status, 200);
  ASSERT_EQ(Close(worker, school, original).status, 200);
  ScreenAndDecide(worker, manager, original.at("id"), kDecision);
  if (HasFatalFailure()) return;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto outcome = [&](const json& c) {
    return tx->Query("SELECT subject, body FROM outbox WHERE record_type = 'contact' AND record_id = ? AND "
                     "purpose = 'outcome'",
                     {c.at("id").get<std::int64_t>()});
  };
  EXPECT_EQ(outcome(original).size(), 1u);
  EXPECT_TRUE(outcome(written).empty()) << "the same officer is told once, as the original's referrer";
  const auto to_school = outcome(school);
  ASSERT_EQ(to_school.size(), 1u);
  EXPECT_NE(to_school[0].Text(0).find(school.at("reference").get<std::string>()), std::string::npos);
  EXPECT_NE(to_school[0].Text(1).find("Families First worker to contact the mother"), std::string::npos);
  EXPECT_EQ(tx->Query("SELECT 1 FROM disclosures WHERE cause_id = ?",
                      {std::to_string(school.at("id").get<std::int64_t>()) + ":outcome"})
                .size(),
            1u);
}

// RULE CAL-2 RULE CAL-3: a deadline counted past the bank-holiday list (which ends on 31 December
// 2028) keeps its "check this date" mark across closing as a duplicate and reopening: in the JSON and
// on the contact page, without waiting for the next server start.
TEST_F(DuplicateReopening, CAL2_CAL3_AReopenedDuplicatesDeadlineKeepsItsCheckThisDateNote) {
  const Instant friday = *ParseUtc("2028-12-29T14:00:00Z");  // a Friday afternoon: opening hours
  clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(friday - clock_.Now()));
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json original = Record(officer, ScreenableSchoolContact());
  const json duplicate = Record(officer, FromReferrer(kPoliceByEmail));
  const auto flagged = [&](const json& contact) {
    const json view = worker.Get(Path(contact)).Json();
    const json* decision = Timescale(view.at("deadlines"), "decision");
    EXPECT_NE(decision, nullptr) << view.dump();
    if (!decision) return false;
    EXPECT_EQ(decision->at("due_at_local").get<std::string>().substr(0, 10), "2029-01-01");
    return decision->at("counted_without_bank_holidays").get<bool>() &&
           decision->at("bank_holidays_known_until") == "2028-12-31";
  };
  ASSERT_TRUE(flagged(duplicate));
  ASSERT_EQ(Close(worker, duplicate, original).status, 200);
  ASSERT_EQ(Reopen(manager, duplicate, "A different incident").status, 200);

  EXPECT_TRUE(flagged(duplicate));
  const std::string note = "Bank holidays after 31 December 2028 are not known: check this date";
  auto page = worker.Get(Page(duplicate));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(note), std::string::npos) << page.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM deadlines_not_applicable_past_bank_holidays").at(0).Int(0), 0);
}

// RULE HCR-24 RULE KCR-17: a duplicate's referrer rung with its original's outcome, the duplicate then
// reopened and decided on its own: its own decision opens a call again ("once a decision as to the
// outcome of the contact has been made, the referrer will be contacted again"). The API and the page
// show the new call to make, with the first call kept as it was recorded.
TEST_F(DuplicateReopening, HCR24_KCR17_AReopenedDuplicateDecidedOnItsOwnRingsItsReferrerAgain) {
  auto [worker, manager, original, duplicate] = NeighboursDuplicateOfADecidedContact();
  if (HasFatalFailure()) return;
  const std::string first_note = "Rang Jo: told the concern was looked at and acted on";
  ASSERT_EQ(worker.SendJson("POST", Path(duplicate) + "/referrer-call", json{{"note", first_note}}).status, 200);
  const json first = worker.Get(Path(duplicate) + "/referrer-call").Json();
  ASSERT_EQ(first.at("told"), true);
  ASSERT_EQ(Reopen(manager, duplicate, "A different incident").status, 200);
  // The call made is not withdrawn: it was made.
  EXPECT_EQ(worker.Get(Path(duplicate) + "/referrer-call").Json().at("told"), true);

  ScreenAndDecide(worker, manager, duplicate.at("id"), kDecision);
  if (HasFatalFailure()) return;
  auto current = worker.Get(Path(duplicate) + "/referrer-call");
  ASSERT_EQ(current.status, 200) << current.body;
  const json call = current.Json();
  EXPECT_EQ(call.at("told"), false) << call.dump();
  EXPECT_NE(call.at("decision_id"), first.at("decision_id")) << call.dump();
  EXPECT_EQ(call.at("tell").get<std::string>().find("duplicate of"), std::string::npos) << call.dump();
  ASSERT_EQ(call.at("earlier").size(), 1u) << call.dump();
  EXPECT_EQ(call.at("earlier")[0].at("decision_id"), first.at("decision_id"));
  EXPECT_EQ(call.at("earlier")[0].at("told"), true);
  EXPECT_EQ(call.at("earlier")[0].at("told_at"), first.at("told_at"));
  EXPECT_EQ(call.at("earlier")[0].at("note"), first_note);
  bool to_ring = false;
  const json mine = worker.Get("/api/v1/referrers-to-tell").Json();
  for (const auto& c : mine.at("calls"))
    to_ring = to_ring || c.at("contact_id") == duplicate.at("id");
  EXPECT_TRUE(to_ring);

  auto page = worker.Get(Page(duplicate));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Told earlier, of another decision"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find(first_note), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/contacts/" + std::to_string(duplicate.at("id").get<std::int64_t>()) +
                           "/referrer-call\""),
            std::string::npos)
      << "the new call has its form";

  const std::string second_note = "Rang Jo again: told the concern was looked at and acted on";
  auto told = worker.SendJson("POST", Path(duplicate) + "/referrer-call", json{{"note", second_note}});
  ASSERT_EQ(told.status, 200) << told.body;
  EXPECT_EQ(told.Json().at("told"), true);
  EXPECT_EQ(told.Json().at("note"), second_note);
  EXPECT_EQ(told.Json().at("earlier").size(), 1u);
}

// RULE HCR-24 RULE KCR-17: the two calls to a reopened duplicate's referrer (its original's outcome,
// then its own) are two entries in the data protection officer's disclosure ledger, told apart by
// their references: the first keeps the reference every call had, the second names its decision.
TEST_F(DuplicateReopening, HCR24_KCR17_EachCallToAReopenedDuplicatesReferrerHasItsOwnLedgerReference) {
  auto [worker, manager, original, duplicate] = NeighboursDuplicateOfADecidedContact();
  if (HasFatalFailure()) return;
  // Mia on the register, both contacts' child linked to her: the ledger is read by person.
  auto person = worker.SendJson("POST", "/api/v1/people",
                                {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                 {"gender", "female"}});
  ASSERT_EQ(person.status, 201) << person.body;
  const std::int64_t mia = person.Json().at("id");
  for (const json* contact : {&original, &duplicate}) {
    auto linked = worker.SendJson("POST", Path(*contact) + "/children/0/person", {{"person_id", mia}});
    ASSERT_EQ(linked.status, 200) << linked.body;
  }
  ASSERT_EQ(worker.SendJson("POST", Path(duplicate) + "/referrer-call", json{{"note", "Rang Jo"}}).status, 200);
  ASSERT_EQ(Reopen(manager, duplicate, "A different incident").status, 200);
  ScreenAndDecide(worker, manager, duplicate.at("id"), kDecision);
  if (HasFatalFailure()) return;
  const std::int64_t second_decision = worker.Get(Path(duplicate) + "/referrer-call").Json().at("decision_id");
  ASSERT_EQ(worker.SendJson("POST", Path(duplicate) + "/referrer-call", json{{"note", "Rang Jo again"}}).status, 200);

  auto ledger = SignedIn(Role::kDataProtectionOfficer).Get("/api/v1/people/" + std::to_string(mia) + "/disclosures");
  ASSERT_EQ(ledger.status, 200) << ledger.body;
  const std::string call = std::to_string(duplicate.at("id").get<std::int64_t>()) + ":outcome-call";
  std::vector<std::string> references;
  const json entries = ledger.Json().at("disclosures");  // kept: the loop must not run over a destroyed temporary
  for (const auto& entry : entries)
    if (entry.at("counterpart") == "the referrer (a member of the public), by phone")
      references.push_back(entry.at("cause").at("id"));
  EXPECT_EQ(references, (std::vector<std::string>{call, call + ":decision-" + std::to_string(second_decision)}))
      << ledger.body;
}

// RULE HCR-24 RULE KCR-17: a duplicate's referrer e-mailed the original's outcome, then reopened and
// decided on its own, is e-mailed the new outcome too (it was dropped as a resend of the first), and
// the ledger has an entry for each e-mail, the second naming its decision.
TEST_F(DuplicateReopening, HCR24_KCR17_AReopenedDuplicateDecidedOnItsOwnEmailsItsReferrerAgain) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json original = Record(officer, ScreenableSchoolContact());
  const json police = Record(officer, FromReferrer(kPoliceByEmail));
  ASSERT_EQ(Close(worker, police, original).status, 200);
  ScreenAndDecide(worker, manager, original.at("id"), kDecision);
  if (HasFatalFailure()) return;
  ASSERT_EQ(Reopen(manager, police, "A different incident").status, 200);
  json own = kDecision;
  own["next_steps"] = "Early help worker to visit the family";
  ScreenAndDecide(worker, manager, police.at("id"), own);
  if (HasFatalFailure()) return;

  auto tx = store_->Begin(store::TransactionMode::kRead);
  const std::int64_t id = police.at("id");
  const auto emails = tx->Query("SELECT idempotency_key, body FROM outbox WHERE record_type = 'contact' AND "
                                "record_id = ? AND purpose = 'outcome' ORDER BY id",
                                {id});
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[0].Text(0), "contact:" + std::to_string(id) + ":outcome");
  EXPECT_NE(emails[1].Text(0), emails[0].Text(0));
  EXPECT_NE(emails[1].Text(1).find("Early help worker to visit the family"), std::string::npos) << emails[1].Text(1);
  const auto entries = tx->Query("SELECT cause_id FROM disclosures WHERE cause_id LIKE ? ORDER BY id",
                                 {std::to_string(id) + ":outcome%"});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].Text(0), std::to_string(id) + ":outcome");
  EXPECT_NE(entries[1].Text(0).find(std::to_string(id) + ":outcome:decision-"), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
