// What the data protection officer can see and prove of requests for information (the DPO's review
// of section 8, findings 4, 6 and 7), over real HTTP with the Hertfordshire pack:
//   4. every answer that shows the request (recording it, evidence, the decision…) is a read, on the
//      DPO's record-access page for the child; recording one is a search of the register;
//   6. each disclosure is on the lawful basis its request rests on (consent, public task, subject
//      access), and the API may choose only where more than one is lawful;
//   7. the ledger names the request's IR- reference with a link; the DPO reads any request read-only
//      (with a refusal of their own for working it) and finds a person by name or IR- reference.
#include "api_fixture.h"

#include "http/message.h"
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

class InformationRequestDpo : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    const auto worker = tx->Query("SELECT id, team_id FROM users WHERE username = 'social_worker'").at(0);
    tia_ = store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, worker.Int(0),
                                     worker.OptionalInt(1), true, false, "Child protection plan since 2026"});
    mia_ = store::InsertPerson(*tx, {0, "Mia", "Example", "2017-05-14", "", "orchard-way-12", true, false, {}, {}, false,
                                     false, "Contact in 2024: information and advice"});
    tx->Commit();
  }

  static json Request(const std::string& type, const std::string& first, const std::string& last,
                      const std::string& dob) {
    return {{"type", type},
            {"requester_name", "Jo Duty"},
            {"requester_organisation", "Dacorum Borough Council"},
            {"requester_email", "jo.duty@dacorum.gov.uk"},
            {"subject_first_names", first},
            {"subject_last_name", last},
            {"subject_date_of_birth", dob},
            {"details", "Is the child known?"}};
  }

  static std::string Path(const HttpReply& created) {
    return "/api/v1/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  }

  std::int64_t Count(const std::string& sql) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql).at(0).Int(0);
  }

  // The disclosures about `person` on the DPO's ledger (API).
  json Ledger(std::int64_t person) {
    auto dpo = SignedIn(Role::kDataProtectionOfficer);
    auto listed = dpo.Get("/api/v1/people/" + std::to_string(person) + "/disclosures");
    EXPECT_EQ(listed.status, 200) << listed.body;
    return listed.Json().at("disclosures");
  }

  std::int64_t tia_ = 0, mia_ = 0;
};

// RULE IR-3 (finding 4): every API answer that shows the request — recording it, evidence (even one
// that changes nothing), the decision — shows the child's involvement and earlier disclosures, so
// each is a read on the DPO's record-access page for the child; recording it looked the child up on
// the register, audited as a search of it. A refused step shows nothing and is not a read.
TEST_F(InformationRequestDpo, IR3_EveryAnswerShowingTheRequestIsAReadOnTheChildsAccessRecord) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::int64_t searches = Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.searched'");
  auto created = officer.SendJson("POST", "/api/v1/information-requests",
                                  Request("known-to-services", "Tia", "Sample", "2012-10-03"));
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(created.Json().at("subject").at("person_id"), tia_);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.searched'"), searches + 1);
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    const auto row = tx->Query("SELECT changes FROM audit_events WHERE action = 'person.searched' ORDER BY seq DESC").at(0);
    const json search = json::parse(row.Text(0));
    EXPECT_EQ(search.at("for"), "information-request");
    EXPECT_EQ(search.at("shown"), json::array({tia_}));
    EXPECT_EQ(row.Text(0).find("Sample"), std::string::npos);  // the fields, never the values
  }
  const std::string path = Path(created);
  ASSERT_EQ(officer.SendJson("POST", path + "/evidence", {{"consent", false}}).status, 200);  // changes nothing
  ASSERT_EQ(officer.SendJson("POST", path + "/evidence", {{"safeguarding_purpose", true}}).status, 200);
  ASSERT_EQ(officer.SendJson("POST", path + "/evidence", {{"note", ""}}).status, 422);  // nothing shown
  auto routed = officer.SendJson("POST", path + "/decide", json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto access = dpo.Get("/api/v1/people/" + std::to_string(tia_) + "/record-access");
  ASSERT_EQ(access.status, 200) << access.body;
  ASSERT_EQ(access.Json().at("total"), 4) << access.body;  // recorded, two evidence answers, decided
  for (const auto& view : access.Json().at("views")) {
    EXPECT_EQ(view.at("kind"), "information-request");
    EXPECT_EQ(view.at("record"), created.Json().at("reference"));
    EXPECT_EQ(view.at("role"), "contact_officer");
  }
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  std::vector<std::string> after;
  for (const auto& row : tx->Query("SELECT changes FROM audit_events WHERE action = 'information-request.viewed' "
                                   "ORDER BY seq"))
    after.push_back(json::parse(row.Text(0)).at("after").get<std::string>());
  EXPECT_EQ(after, (std::vector<std::string>{"recorded", "evidence", "evidence", "decide"}));
}

// RULE IR-5 (finding 6): Housing's rent-arrears request rests on signed parental consent, so its
// answer is disclosed on consent, not public task; the API may not state a basis when only one is
// lawful, and is told which one and why.
TEST_F(InformationRequestDpo, IR5_ASignedConsentRequestIsDisclosedOnConsent) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = Request("non-safeguarding", "Mia", "Example", "2017-05-14");
  body["signed_parental_consent"] = true;
  auto created = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = Path(created);
  const json bases = created.Json().at("decision").at("lawful_bases");
  ASSERT_EQ(bases.size(), 1u) << bases.dump();
  EXPECT_EQ(bases.at(0).at("id"), "consent");
  ASSERT_EQ(officer.SendJson("POST", path + "/decide", json::object()).status, 200);
  auto form = officer.Get("/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>()));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("chosen by the request's rule): Consent"), std::string::npos) << form.body;
  EXPECT_EQ(form.body.find("name=\"lawful_basis\""), std::string::npos);
  json answer = {{"items", {{{"kind", "known"}, {"text", "Known: closed; a contact in 2024"}}}},
                 {"to", "jo.duty@dacorum.gov.uk"},
                 {"channel", "email"},
                 {"lawful_basis", "public-task"}};
  auto stated = officer.SendJson("POST", path + "/answer", answer);
  ASSERT_EQ(stated.status, 422) << stated.body;
  EXPECT_EQ(stated.Json().at("errors").at(0).at("field"), "lawful_basis");
  EXPECT_NE(stated.Json().at("errors").at(0).at("message").get<std::string>().find("one lawful basis only"),
            std::string::npos);
  answer.erase("lawful_basis");
  auto sent = officer.SendJson("POST", path + "/answer", answer);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const json ledger = Ledger(mia_);
  ASSERT_EQ(ledger.size(), 1u) << ledger.dump();
  EXPECT_EQ(ledger.at(0).at("lawful_basis"), "consent");
  EXPECT_EQ(ledger.at(0).at("cause").at("reference"), created.Json().at("reference"));
}

// RULE IR-3 and IR-2 (finding 6): a statutory agency that gives both a safeguarding purpose and written
// consent may be answered on either, and the sender chooses (a basis the request does not allow is
// refused naming the field); a Section 47 confirmation rests on the public task.
TEST_F(InformationRequestDpo, IR3_BothGroundsGivenTheSenderChoosesTheBasis) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = Request("known-to-services", "Mia", "Example", "2017-05-14");
  body["safeguarding_purpose"] = true;
  body["consent"] = true;
  auto created = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const json bases = created.Json().at("decision").at("lawful_bases");
  ASSERT_EQ(bases.size(), 2u) << bases.dump();
  EXPECT_EQ(bases.at(0).at("id"), "public-task");
  EXPECT_EQ(bases.at(1).at("id"), "consent");
  const std::string path = Path(created);
  ASSERT_EQ(officer.SendJson("POST", path + "/decide", json::object()).status, 200);
  const std::string page = "/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto form = officer.Get(page);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"lawful_basis\" type=\"radio\" value=\"public-task\" checked"), std::string::npos)
      << form.body;
  EXPECT_NE(form.body.find("name=\"lawful_basis\" type=\"radio\" value=\"consent\""), std::string::npos);
  // On the page too: a basis the request does not allow comes back on the form, named.
  auto refused = officer.Send("POST", page + "/answer",
                              "csrf_token=" + officer.csrf_token +
                                  "&items%5B0%5D.kind=known&items%5B0%5D.text=Known&to=jo.duty%40dacorum.gov.uk"
                                  "&channel=email&lawful_basis=section-47",
                              kForm);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(refused.body.find("is not a lawful basis for this request"), std::string::npos);
  json answer = {{"items", {{{"kind", "known"}, {"text", "Known: closed"}}}},
                 {"to", "jo.duty@dacorum.gov.uk"},
                 {"channel", "email"},
                 {"lawful_basis", "section-47"}};
  auto wrong = officer.SendJson("POST", path + "/answer", answer);
  ASSERT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(wrong.Json().at("errors").at(0).at("field"), "lawful_basis");
  answer["lawful_basis"] = "consent";
  ASSERT_EQ(officer.SendJson("POST", path + "/answer", answer).status, 200);

  auto s47 = Request("section-47-confirmation", "Mia", "Example", "2017-05-14");
  auto confirmed = officer.SendJson("POST", "/api/v1/information-requests", s47);
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  ASSERT_EQ(officer.SendJson("POST", Path(confirmed) + "/decide", json::object()).status, 200);
  ASSERT_EQ(officer
                .SendJson("POST", Path(confirmed) + "/answer",
                          {{"items", {{{"kind", "known"}, {"text", "Known"}}}},
                           {"to", "jo.duty@dacorum.gov.uk"},
                           {"channel", "email"}})
                .status,
            200);
  const json ledger = Ledger(mia_);
  ASSERT_EQ(ledger.size(), 2u) << ledger.dump();
  EXPECT_EQ(ledger.at(0).at("lawful_basis"), "consent");
  EXPECT_EQ(ledger.at(1).at("lawful_basis"), "public-task");
}

// RULE IR-9 (finding 6): a subject access answer is disclosed on the subject's right of access.
TEST_F(InformationRequestDpo, IR9_ASubjectAccessAnswerIsDisclosedOnTheRightOfAccess) {
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  json body = Request("subject-access", "Mia", "Example", "2017-05-14");
  body["requester_name"] = "Ann Example";
  body["requester_organisation"] = "Mia's mother, for her";
  body.erase("requester_email");
  body["identity_verified"] = true;
  auto created = dpo.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(dpo.SendJson("POST", Path(created) + "/decide", json::object()).status, 200);
  auto sent = dpo.SendJson("POST", Path(created) + "/answer",
                           {{"items", {{{"kind", "chronology"}, {"text", "2024: contact, information and advice"}}}},
                            {"to", "Ann Example, 12 Orchard Way"},
                            {"channel", "post"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  const json ledger = Ledger(mia_);
  ASSERT_EQ(ledger.size(), 1u) << ledger.dump();
  EXPECT_EQ(ledger.at(0).at("lawful_basis"), "subject-access");
  auto page = dpo.Get("/people/" + std::to_string(mia_) + "/disclosures");
  EXPECT_NE(page.body.find("right of access"), std::string::npos);
}

// RULE IR-3 (finding 7): the DPO's ledger names the request by its IR- reference with a link; the DPO
// reads the front door's request whole (API and page, audited) with no form to work it, and is
// refused working it in words of their own; /record-access finds the child by the IR- reference and
// by name, with or without the date of birth.
TEST_F(InformationRequestDpo, IR3_TheDpoReadsTheRequestBehindADisclosureAndFindsItsChild) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = Request("known-to-services", "Mia", "Example", "2017-05-14");
  body["safeguarding_purpose"] = true;
  auto created = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string reference = created.Json().at("reference");
  const std::string id = std::to_string(created.Json().at("id").get<std::int64_t>());
  ASSERT_EQ(officer.SendJson("POST", Path(created) + "/decide", json::object()).status, 200);
  ASSERT_EQ(officer
                .SendJson("POST", Path(created) + "/answer",
                          {{"items", {{{"kind", "known"}, {"text", "Known: closed"}}}},
                           {"to", "jo.duty@dacorum.gov.uk"},
                           {"channel", "email"}})
                .status,
            200);

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto ledger = dpo.Get("/people/" + std::to_string(mia_) + "/disclosures");
  ASSERT_EQ(ledger.status, 200);
  EXPECT_NE(ledger.body.find("href=\"/information-requests/" + id + "\""), std::string::npos) << ledger.body;
  EXPECT_NE(ledger.body.find("Request for information " + reference), std::string::npos);
  EXPECT_EQ(ledger.body.find("information-request " + id), std::string::npos);

  auto read = dpo.Get("/api/v1/information-requests/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json().at("details"), "Is the child known?");
  EXPECT_FALSE(read.Json().at("can_answer").get<bool>());
  auto page = dpo.Get("/information-requests/" + id);
  ASSERT_EQ(page.status, 200);
  for (const char* form : {"id=\"evidence-form\"", "id=\"decide-form\"", "id=\"answer-form\"", "id=\"refuse-form\""})
    EXPECT_EQ(page.body.find(form), std::string::npos) << form;
  auto work = dpo.SendJson("POST", "/api/v1/information-requests/" + id + "/refuse", {{"reason", "No"}});
  ASSERT_EQ(work.status, 403) << work.body;
  EXPECT_NE(work.body.find("may read this request but not"), std::string::npos) << work.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'information-request.viewed' AND "
                  "actor = 'data_protection_officer'"),
            2);

  const std::string access = "/people/" + std::to_string(mia_) + "/record-access";
  for (const std::string& typed : {reference, std::string("mia example"), std::string("Mia Example 2017-05-14"),
                                  std::string("Mia Example 14/05/2017")}) {
    auto found = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=" + http::PercentEncode(typed),
                          kForm);
    EXPECT_EQ(found.status, 303) << typed << found.body;
    EXPECT_EQ(found.Header("location"), access) << typed;
  }
  auto nobody = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=Mia+Example+2017-05-15",
                         kForm);
  EXPECT_EQ(nobody.status, 422);
  EXPECT_NE(nobody.body.find("No one on the register has that name and date of birth"), std::string::npos);
  EXPECT_NE(nobody.body.find("Mia Example 2017-05-15"), std::string::npos);  // kept as typed
  auto unknown = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=IR-1999-000001", kForm);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("no request for information with that reference"), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
