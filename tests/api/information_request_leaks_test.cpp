// Requests for information, over real HTTP (Hertfordshire pack), after the data protection review
// (docs/decisions.md "Requests for information: no referrer, one address, evidence for a doubt"):
// a contact opened to process a request does not make its requester a referrer (IR-1, IR-3, IR-8);
// every address an answer goes to is exactly one (IR-2, IR-6); a doubt about who asks goes only with
// a note of the evidence (IR-10); only IR-2 and IR-6 wait for an e-mail address (IR-8, IR-9 answered
// by post); answered and refused requests stay findable; and the small points: words not ids,
// "Not used" items, empty "Sent to", absolute links, every bad field at once, a parent is no former
// recipient (IR-1), and when the request was received.
#include "api_fixture.h"

#include <set>

#include "calendar/local_time.h"
#include "notify/outbox.h"
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class InformationRequestLeaks : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    mia_ = store::InsertPerson(*tx, {0, "Mia", "Example", "2017-05-14", "", "orchard-way-12", true, false, {}, {}, false,
                                     false, "Contact in 2024: information and advice"});
    parent_ = store::InsertPerson(*tx, {0, "Sam", "Example", "1990-08-21", "", "orchard-way-12", false, false, {}, {},
                                        false, false, "Parent"});
    tx->Commit();
  }

  static json Request(const std::string& type, const std::string& organisation, const std::string& email) {
    return {{"type", type},
            {"requester_name", "Jo Duty"},
            {"requester_organisation", organisation},
            {"requester_email", email},
            {"subject_first_names", "Mia"},
            {"subject_last_name", "Example"},
            {"subject_date_of_birth", "2017-05-14"},
            {"details", "Is the child known?"}};
  }
  static std::string Api(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/information-requests/" + std::to_string(id) + rest;
  }
  static std::string Page(std::int64_t id, const std::string& rest = "") {
    return "/information-requests/" + std::to_string(id) + rest;
  }
  std::int64_t Create(HttpClient& client, const json& body) {
    auto created = client.SendJson("POST", "/api/v1/information-requests", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }
  std::vector<notify::OutboxRow> Outbox(const std::string& type, std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return notify::ListOutbox(*tx, type, id);
  }
  std::int64_t Count(const std::string& sql, std::vector<store::Value> params) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }
  HttpReply PostForm(HttpClient& client, const std::string& path,
                     std::vector<std::pair<std::string, std::string>> fields) {
    fields.insert(fields.begin(), {"csrf_token", client.csrf_token});
    return client.Send("POST", path, FormBody(fields), {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  static std::string MessageFor(const HttpReply& reply, const std::string& field) {
    const json body = reply.Json();  // kept: at() returns a reference into it
    for (const auto& e : body.at("errors"))
      if (e.at("field") == field) return e.at("message").get<std::string>();
    return "";
  }

  std::int64_t mia_ = 0, parent_ = 0;
};

// RULE IR-1, IR-3, IR-8: a request about a closed child opens a contact to process it, and the
// contact says so (API and page), linked both ways; but its requester is no referrer: no
// acknowledgement, no status link, no acknowledgement clock, and once the contact is decided no
// outcome e-mail and no call to tell them. Both a housing request with signed consent (IR-5) and
// another council's Section 47 check (IR-2), from addresses frontdoor could e-mail.
TEST_F(InformationRequestLeaks, IR1_IR3_AContactOpenedForARequestDoesNotMakeTheRequesterAReferrer) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  json housing = Request("non-safeguarding", "Dacorum Housing", "rents@dacorum.gov.uk");
  housing["signed_parental_consent"] = true;
  json section47 = Request("section-47-confirmation", "Essex County Council", "duty@essex.gov.uk");
  for (const json& body : {housing, section47}) {
    const std::int64_t id = Create(officer, body);
    auto routed = officer.SendJson("POST", Api(id, "/decide"), json::object());
    ASSERT_EQ(routed.status, 200) << routed.body;
    ASSERT_EQ(routed.Json().at("routed").at("route"), "contact") << routed.body;
    const std::int64_t contact = routed.Json().at("routed").at("contact_id");
    const std::string reference = routed.Json().at("reference");

    auto opened = worker.Get("/api/v1/contacts/" + std::to_string(contact));
    ASSERT_EQ(opened.status, 200) << opened.body;
    EXPECT_EQ(opened.Json().at("information_request").at("id"), id);
    EXPECT_EQ(opened.Json().at("information_request").at("reference"), reference);
    auto page = worker.Get("/contacts/" + std::to_string(contact));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("id=\"for-information-request\""), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/information-requests/" + std::to_string(id) + "\""), std::string::npos);
    EXPECT_NE(officer.Get(Page(id)).body.find("href=\"/contacts/" + std::to_string(contact) + "\""), std::string::npos);

    EXPECT_TRUE(Outbox("contact", contact).empty()) << Outbox("contact", contact).at(0).purpose;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM status_links WHERE contact_id = ?", {contact}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM deadlines WHERE record_type = 'contact' AND record_id = ? AND timescale = "
                    "'acknowledgement'",
                    {contact}),
              0);

    // The household questions (KCR-6) are asked while screening: a request's contact has no answers.
    const std::string base = "/api/v1/contacts/" + std::to_string(contact);
    auto started = PostWithVersion(worker, base + "/screening/start", json::object(), opened.Json().at("version"));
    ASSERT_EQ(started.status, 200) << started.body;
    auto household = worker.SendJson(
        "PUT", base + "/screening",
        {{"household", {{"domestic_abuse", "no"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                        {"learning_difficulties", "not_known"}}},
         {"version", started.Json().at("version")}});
    ASSERT_EQ(household.status, 200) << household.body;
    ScreenAndDecide(worker, manager, contact,
                    {{"outcome", "families-first"},
                     {"children", {0}},
                     {"rationale", "Support with debt"},
                     {"next_steps", "Families First worker to contact mother about debt and housing support"}});
    EXPECT_TRUE(Outbox("contact", contact).empty()) << Outbox("contact", contact).at(0).body;
    EXPECT_TRUE(worker.Get("/api/v1/referrers-to-tell").Json().at("calls").empty());
    // The requester's e-mails are the request's own: none so far (it has not been answered).
    for (const auto& e : Outbox("information_request", id))
      EXPECT_EQ(e.body.find("Families First"), std::string::npos) << e.body;
  }
}

// RULE IR-2, IR-6: an answer goes to exactly one .gov.uk address. A list (comma or semicolon), as
// the answer's "to", a corrected reply address or the requester's own, is refused naming its field
// and saying it is a list; an empty "to" is named too; one address is accepted.
TEST_F(InformationRequestLeaks, IR2_IR6_AnAnswerGoesToExactlyOneGovUkAddress) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::int64_t id = Create(officer, Request("immigration", "UK Visas and Immigration", "cw@homeoffice.gov.uk"));
  ASSERT_EQ(officer.SendJson("POST", Api(id, "/decide"), json::object()).Json().at("status"), "routed");
  const json item = {{"kind", "known"}, {"text", "Known to children's services: the case is closed."}};
  for (const char* list : {"b@gmail.com, caseworker@homeoffice.gov.uk", "b@gmail.com;x@gov.uk",
                           "caseworker@homeoffice.gov.uk b@gmail.com"}) {
    auto answered = officer.SendJson("POST", Api(id, "/answer"), {{"items", {item}}, {"to", list}, {"channel", "email"}});
    ASSERT_EQ(answered.status, 422) << list << answered.body;
    EXPECT_TRUE(NamesField(answered, "to")) << list;
    auto fixed = officer.SendJson("POST", Api(id, "/evidence"), {{"reply_email", list}});
    ASSERT_EQ(fixed.status, 422) << list << fixed.body;
    EXPECT_TRUE(NamesField(fixed, "reply_email")) << list;
    auto recorded = officer.SendJson("POST", "/api/v1/information-requests",
                                     Request("immigration", "UK Visas and Immigration", list));
    ASSERT_EQ(recorded.status, 422) << list;
    EXPECT_TRUE(NamesField(recorded, "requester_email")) << list;
  }
  auto listed = officer.SendJson("POST", Api(id, "/answer"),
                                 {{"items", {item}}, {"to", "b@gmail.com, caseworker@homeoffice.gov.uk"}, {"channel", "email"}});
  EXPECT_NE(MessageFor(listed, "to").find("not a list"), std::string::npos) << listed.body;
  auto empty = officer.SendJson("POST", Api(id, "/answer"), {{"items", {item}}, {"to", ""}, {"channel", "email"}});
  ASSERT_EQ(empty.status, 422);
  EXPECT_NE(MessageFor(empty, "to").find("Enter the e-mail address"), std::string::npos) << empty.body;
  auto one = officer.SendJson("POST", Api(id, "/answer"),
                              {{"items", {item}}, {"to", "caseworker@homeoffice.gov.uk"}, {"channel", "email"}});
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json().at("status"), "answered");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_shared WHERE request_id = ?", {id}), 1);
}

// RULE IR-10: "identity in doubt" is withdrawn (or the identity marked verified while in doubt) only
// with a note saying what evidence was given; without one it is refused naming the note, in the API
// and on the page (the error summary links the note, the ticks kept). With it, the note is in the
// evidence log and the audit event, and only then may the request go ahead.
TEST_F(InformationRequestLeaks, IR10_WithdrawingIdentityInDoubtNeedsTheEvidence) {
  auto officer = SignedIn(Role::kContactOfficer);
  json body = Request("immigration", "UK Visas and Immigration", "cw@homeoffice.gov.uk");
  body["identity_in_doubt"] = true;
  const std::int64_t id = Create(officer, body);
  auto returned = officer.SendJson("POST", Api(id, "/decide"), json::object());
  ASSERT_EQ(returned.Json().at("status"), "returned") << returned.body;
  EXPECT_EQ(returned.Json().at("decision").at("missing").at(0).at("rule"), "IR-10");

  for (const json& update : {json{{"identity_in_doubt", false}}, json{{"identity_verified", true}},
                             json{{"identity_in_doubt", false}, {"note", "  "}}}) {
    auto refused = officer.SendJson("POST", Api(id, "/evidence"), update);
    ASSERT_EQ(refused.status, 422) << update.dump() << refused.body;
    EXPECT_NE(MessageFor(refused, "note").find("IR-10"), std::string::npos) << refused.body;
  }
  auto page = PostForm(officer, Page(id, "/evidence"), {{"reply_email", "cw@homeoffice.gov.uk"}, {"note", ""}});
  ASSERT_EQ(page.status, 422) << page.body;
  EXPECT_NE(page.body.find("href=\"#evidence-note\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("IR-10"), std::string::npos);
  auto still = officer.Get(Api(id));
  EXPECT_TRUE(still.Json().at("evidence").at("identity_in_doubt").get<bool>());
  EXPECT_TRUE(still.Json().at("decision").at("returned").get<bool>());

  const std::string note = "Warrant card and team e-mail from the Home Office checked by phone";
  auto withdrawn = officer.SendJson("POST", Api(id, "/evidence"), {{"identity_in_doubt", false}, {"note", note}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  bool logged = false;
  const json withdrawn_body = withdrawn.Json();
  for (const auto& e : withdrawn_body.at("evidence_log"))
    logged = logged || (e.at("kind") == "identity-in-doubt withdrawn" && e.at("detail") == note);
  EXPECT_TRUE(logged) << withdrawn.body;
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  auto events = tx->Query("SELECT changes FROM audit_events WHERE action = 'information_request.evidence_recorded' AND "
                          "record_id = ?",
                          {std::to_string(id)});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(json::parse(events[0].Text(0)).at("identity_evidence"), note);
  EXPECT_EQ(officer.SendJson("POST", Api(id, "/decide"), json::object()).Json().at("status"), "routed");
}

// RULE IR-8: a solicitor's request from an address frontdoor may not e-mail is routed all the same
// (the legal helpdesk is told, with a link it can open: absolute, on the public address), and is
// answered by post; the requester's address is kept, and only e-mail to it is refused (KCR-5).
TEST_F(InformationRequestLeaks, IR8_ACourtRequestFromAnAddressNotSecureGoesAheadByPost) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::int64_t id = Create(officer, Request("court-or-solicitor", "Smith & Co Solicitors", "c@smithco.co.uk"));
  auto routed = officer.SendJson("POST", Api(id, "/decide"), json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.Json().at("status"), "routed") << routed.body;
  EXPECT_FALSE(routed.Json().at("decision").at("channel").at("email_allowed").get<bool>());
  auto helpdesk = Outbox("information_request", id);
  ASSERT_EQ(helpdesk.size(), 1u);
  EXPECT_EQ(helpdesk[0].purpose, "legal-helpdesk");
  EXPECT_NE(helpdesk[0].body.find(ctx_->public_url + "/information-requests/" + std::to_string(id)), std::string::npos)
      << helpdesk[0].body;
  EXPECT_EQ(helpdesk[0].body.find(": /information-requests/"), std::string::npos) << helpdesk[0].body;

  const json item = {{"kind", "known"}, {"text", "Known to children's services: the case is closed."}};
  auto emailed = officer.SendJson("POST", Api(id, "/answer"),
                                  {{"items", {item}}, {"to", "c@smithco.co.uk"}, {"channel", "email"}});
  ASSERT_EQ(emailed.status, 422) << emailed.body;
  EXPECT_TRUE(NamesField(emailed, "to"));
  auto posted = officer.SendJson("POST", Api(id, "/answer"),
                                 {{"items", {item}}, {"to", "Smith & Co, 1 High Street, Hertford"}, {"channel", "post"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.Json().at("status"), "answered");
  EXPECT_EQ(posted.Json().at("requester").at("email"), "c@smithco.co.uk");
}

// RULE IR-9, IR-10: a subject access request needs no organisation, its identity check speaks of the
// person's own identity (not "a statutory agency"), and once the DPO has verified it, it is answered
// by post though the person's address is a private one, which is kept.
TEST_F(InformationRequestLeaks, IR9_ASubjectAccessRequestIsAnsweredByPostWithoutAnOrganisation) {
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  json body = Request("subject-access", "", "sam.jones@gmail.com");
  body.erase("requester_organisation");
  body["subject_first_names"] = "Sam";
  body["subject_last_name"] = "Jones";
  body["subject_date_of_birth"] = "1990-08-21";
  const std::int64_t id = Create(dpo, body);
  ASSERT_NE(id, 0);
  auto read = dpo.Get(Api(id));
  ASSERT_EQ(read.status, 200) << read.body;
  std::string needed;
  const json read_body = read.Json();
  for (const auto& m : read_body.at("decision").at("missing")) needed += m.at("needed").get<std::string>();
  EXPECT_NE(needed.find("person's own identity"), std::string::npos) << needed;
  EXPECT_EQ(needed.find("statutory agency"), std::string::npos) << needed;
  EXPECT_EQ(needed.find(".gov.uk"), std::string::npos) << needed;
  auto page = dpo.Get(Page(id));
  EXPECT_NE(page.body.find("own identity is verified"), std::string::npos);
  EXPECT_EQ(page.body.find("statutory agency"), std::string::npos);
  auto form = dpo.Get("/information-requests/new");
  EXPECT_NE(form.body.find("Not needed for a subject access request"), std::string::npos);

  ASSERT_EQ(dpo.SendJson("POST", Api(id, "/decide"), json::object()).Json().at("routed").at("route"),
            "data-protection-team");
  ASSERT_EQ(dpo.SendJson("POST", Api(id, "/evidence"), {{"identity_verified", true}, {"note", "Passport seen"}}).status,
            200);
  auto posted = dpo.SendJson("POST", Api(id, "/answer"),
                             {{"items", {{{"kind", "report"}, {"text", "Copies of the records 2001-2006"}}}},
                              {"to", "Sam Jones, 3 Mill Lane, Hertford"},
                              {"channel", "post"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.Json().at("status"), "answered");
  EXPECT_EQ(posted.Json().at("requester").at("email"), "sam.jones@gmail.com");

  // Every other kind still needs the organisation.
  json other = Request("court-or-solicitor", "", "c@smithco.co.uk");
  auto refused = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/information-requests", other);
  ASSERT_EQ(refused.status, 422);
  EXPECT_TRUE(NamesField(refused, "requester_organisation"));
}

// IR-9 and every queue: answered and refused requests stay findable. The DPO's answered subject
// access request leaves the open list but is in "Answered or refused" (API ?status=closed, and the
// page's tab); the front door's refused request likewise; an unknown status is named.
TEST_F(InformationRequestLeaks, IR9_AnsweredAndRefusedRequestsStayFindable) {
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto officer = SignedIn(Role::kContactOfficer);
  json body = Request("subject-access", "", "sam.jones@example.com");
  body["identity_verified"] = true;
  const std::int64_t sar = Create(dpo, body);
  ASSERT_EQ(dpo.SendJson("POST", Api(sar, "/decide"), json::object()).status, 200);
  ASSERT_EQ(dpo.SendJson("POST", Api(sar, "/answer"),
                         {{"items", {{{"kind", "report"}, {"text", "Copies"}}}}, {"to", "Sam, by hand"}, {"channel", "in-person"}})
                .status,
            200);
  const std::string sar_reference = dpo.Get(Api(sar)).Json().at("reference");
  EXPECT_TRUE(dpo.Get("/api/v1/information-requests?queue=data-protection-team").Json().at("items").empty());
  auto closed = dpo.Get("/api/v1/information-requests?queue=data-protection-team&status=closed");
  ASSERT_EQ(closed.status, 200) << closed.body;
  ASSERT_EQ(closed.Json().at("items").size(), 1u);
  EXPECT_EQ(closed.Json().at("items").at(0).at("reference"), sar_reference);
  auto page = dpo.Get("/information-requests");  // the DPO's own queue by default
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find(sar_reference), std::string::npos);
  EXPECT_NE(page.body.find("queue=data-protection-team&amp;status=closed"), std::string::npos) << page.body;
  auto past = dpo.Get("/information-requests?queue=data-protection-team&status=closed");
  ASSERT_EQ(past.status, 200);
  EXPECT_NE(past.body.find(sar_reference), std::string::npos);

  const std::int64_t refused = Create(officer, Request("other-agency", "Acme Lettings", "desk@acme.example"));
  ASSERT_EQ(officer.SendJson("POST", Api(refused, "/refuse"), {{"reason", "No consent form"}}).status, 200);
  for (const char* queue : {"mine", "front-door"}) {
    EXPECT_TRUE(officer.Get(std::string("/api/v1/information-requests?queue=") + queue).Json().at("items").empty());
    auto finished = officer.Get(std::string("/api/v1/information-requests?queue=") + queue + "&status=closed");
    ASSERT_EQ(finished.status, 200);
    EXPECT_EQ(finished.Json().at("items").size(), 1u) << queue;
  }
  EXPECT_EQ(officer.Get("/api/v1/information-requests?queue=all").Json().at("items").size(), 2u);
  auto bad = officer.Get("/api/v1/information-requests?queue=mine&status=old");
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(NamesField(bad, "status"));
}

// The small points (IR-1, IR-3, IR-10): the kind of request named in words, not ids; an answer
// item left "Not used" with words is named on its own row of the form; an API request reports every
// bad field at once; a parent known only as "Parent" is no former recipient of services (IR-1).
TEST_F(InformationRequestLeaks, IR3_IR10_ErrorsSpeakInWordsAndNameEveryField) {
  auto officer = SignedIn(Role::kContactOfficer);
  json gossip = Request("gossip", "Kent Police", "pc@kent.police.uk");
  auto unknown = officer.SendJson("POST", "/api/v1/information-requests", gossip);
  ASSERT_EQ(unknown.status, 422);
  const std::string kind_message = MessageFor(unknown, "type");
  EXPECT_NE(kind_message.find("Choose the kind of request"), std::string::npos);
  for (const char* id : {"known-to-services", "section-47-confirmation", "court-or-solicitor"})
    EXPECT_EQ(kind_message.find(id), std::string::npos) << kind_message;

  json both = Request("court-or-solicitor", "Smith & Co", "c@smithco.cjsm.net");
  both["subject_date_of_birth"] = "2017-02-30";
  both["person_id"] = "seven";
  auto every = officer.SendJson("POST", "/api/v1/information-requests", both);
  ASSERT_EQ(every.status, 422);
  EXPECT_TRUE(NamesField(every, "person_id")) << every.body;
  EXPECT_TRUE(NamesField(every, "subject_date_of_birth")) << every.body;

  const std::int64_t id = Create(officer, Request("court-or-solicitor", "Smith & Co", "c@smithco.cjsm.net"));
  ASSERT_EQ(officer.SendJson("POST", Api(id, "/decide"), json::object()).status, 200);
  auto not_used = PostForm(officer, Page(id, "/answer"),
                           {{"items[0].kind", "known"}, {"items[0].text", "Known: closed."},
                            {"items[2].kind", ""}, {"items[2].text", "The mother was evicted"},
                            {"to", "c@smithco.cjsm.net"}, {"channel", "email"}});
  ASSERT_EQ(not_used.status, 422) << not_used.body;
  EXPECT_NE(not_used.body.find("href=\"#items-2-kind\""), std::string::npos) << not_used.body;
  EXPECT_NE(not_used.body.find("Not used"), std::string::npos);
  EXPECT_EQ(not_used.body.find("&quot;&quot; may not be shared"), std::string::npos);
  EXPECT_EQ(not_used.body.find("\"\" may not be shared"), std::string::npos);
  auto no_one = PostForm(officer, Page(id, "/answer"),
                         {{"items[0].kind", "known"}, {"items[0].text", "Known: closed."}, {"to", ""}, {"channel", "post"}});
  ASSERT_EQ(no_one.status, 422);
  EXPECT_NE(no_one.body.find("href=\"#to\""), std::string::npos) << no_one.body;

  json parent = Request("known-to-services", "Herts Police", "pc@herts.police.uk");
  parent["subject_first_names"] = "Sam";
  parent["subject_date_of_birth"] = "1990-08-21";
  parent["safeguarding_purpose"] = true;
  const std::int64_t about_parent = Create(officer, parent);
  auto routed = officer.SendJson("POST", Api(about_parent, "/decide"), json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.Json().at("subject").at("person_id"), parent_);
  EXPECT_EQ(routed.Json().at("routed").at("route"), "front-door") << routed.body;
  EXPECT_EQ(routed.Json().at("routed").at("register_state"), "known-as-adult");
  EXPECT_EQ(routed.Json().at("routed").at("route_note").get<std::string>().find("adult contact is opened"),
            std::string::npos);
}

// A request records when it was received: the time the user gives (an e-mail read later), never in
// the future, in the API and on the form, which offers now.
TEST_F(InformationRequestLeaks, IR4_ARequestRecordsWhenItWasReceived) {
  auto officer = SignedIn(Role::kContactOfficer);
  json earlier = Request("court-or-solicitor", "Smith & Co", "c@smithco.cjsm.net");
  const Instant two_hours_ago = clock_.Now() - std::chrono::hours(2);
  earlier["received_at"] = FormatUtc(std::chrono::floor<std::chrono::seconds>(two_hours_ago));
  auto recorded = officer.SendJson("POST", "/api/v1/information-requests", earlier);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(recorded.Json().at("received_at"), FormatUtc(std::chrono::floor<std::chrono::seconds>(two_hours_ago)));
  json future = earlier;
  future["received_at"] = FormatUtc(std::chrono::floor<std::chrono::seconds>(clock_.Now() + std::chrono::hours(3)));
  auto refused = officer.SendJson("POST", "/api/v1/information-requests", future);
  ASSERT_EQ(refused.status, 422);
  EXPECT_NE(MessageFor(refused, "received_at").find("future"), std::string::npos) << refused.body;

  auto form = officer.Get("/information-requests/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("id=\"received_date\""), std::string::npos);
  const std::string tomorrow =
      calendar::FormatLocalIso(clock_.Now() + std::chrono::hours(30), "Europe/London").substr(0, 10);
  auto page = PostForm(officer, "/information-requests/new",
                       {{"type", "court-or-solicitor"}, {"requester_name", "Jo Duty"},
                        {"requester_organisation", "Smith & Co"}, {"subject_last_name", "Example"},
                        {"received_date", tomorrow}, {"received_time", "09:00"}});
  ASSERT_EQ(page.status, 422) << page.body;
  EXPECT_NE(page.body.find("href=\"#received_date\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"" + tomorrow + "\""), std::string::npos);  // kept as typed
}

}  // namespace
}  // namespace fd::testing
