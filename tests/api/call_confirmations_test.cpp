// HCR-15 from the professional's side (app/call_confirmations.h), over real HTTP against the real
// service: the reference of their call quoted on their written request (portal page and API, and a
// contact officer's contact in writing) records the call's written confirmation; a wrong one keeps
// the referral and tells staff, never the sender; the e-mail after the call asks for the written
// request; an officer with no address to e-mail is told to ask on the call; Kent ignores the field.
#include <regex>

#include "api_fixture.h"
#include "http/message.h"
#include "procedures_fixture.h"
#include "support/smtp_sink.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};
const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

class CallConfirmations : public ApiTest {
 protected:
  void Configure(service::ServiceOptions& options) override {
    options.smtp_url = sink_.url();
    options.smtp_from = "frontdoor@hertfordshire.gov.uk";
  }

  // A contact recorded by a contact officer; returns its JSON.
  json Record(const json& contact) {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/contacts", contact);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  // The contact the portal recorded, read by a contact officer (the receipt carries no id).
  json Stored(const std::string& reference) {
    auto officer = SignedIn(Role::kContactOfficer);
    const json items = officer.Get("/api/v1/contacts?page=1&page_size=100").Json().at("items");
    for (const auto& item : items)
      if (item.at("reference") == reference)
        return officer.Get("/api/v1/contacts/" + std::to_string(item.at("id").get<std::int64_t>())).Json();
    ADD_FAILURE() << "no stored contact " << reference;
    return json::object();
  }

  // The body of the e-mail to `address` whose subject has `subject` (waits, bounded, for it).
  std::string MailTo(const std::string& address, const std::string& subject) {
    for (int i = 0; i < 100; ++i) {
      for (const auto& m : sink_.Messages())
        if (m.recipients == std::vector<std::string>{address} && Has(m.DecodedSubject(), subject))
          return m.DecodedBody();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no e-mail \"" << subject << "\" to " << address;
    return "";
  }

  SmtpSink sink_;
};

std::string Path(const json& contact) { return "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()); }

// PC Jo Webb about Ava: by phone, or in writing, as the officer records it or on the portal.
json PoliceContact(const std::string& channel, const std::string& email = "jo.webb@herts.pnn.police.uk") {
  json referrer = {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"}};
  if (!email.empty()) referrer["email"] = email;
  else referrer["phone"] = "01632 960 777";
  json contact = {{"referrer", referrer},
                  {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"},
                                             {"date_of_birth", "2016-03-02"}, {"gender", "female"}}})},
                  {"concern", "Domestic incident attended last night; child present."},
                  {"intake", {{"channel", channel},
                              {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"},
                                             {"substance_misuse", "no"}, {"learning_difficulties", "no"}}}}}};
  if (channel == "portal") contact["intake"].erase("channel");
  return contact;
}

json PortalRequestQuoting(const std::string& reference) {
  json request = PoliceContact("portal");
  request["intake"]["call_reference"] = reference;
  return request;
}

const json* Timescale(const json& deadlines, const std::string& timescale) {
  for (const auto& d : deadlines)
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

std::string WrittenState(HttpClient& client, const json& call) {
  const json contact = client.Get(Path(call)).Json();
  const json* written = Timescale(contact.at("deadlines"), "written-confirmation");
  return written ? written->at("state").get<std::string>() : "none";
}

std::int64_t AuditCount(store::Store& store, const std::string& action, std::int64_t record) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return static_cast<std::int64_t>(
      tx->Query("SELECT 1 FROM audit_events WHERE action = ? AND record_id = ?", {action, std::to_string(record)}).size());
}

// The portal's answer with what differs from request to request (reference, times, links) taken out:
// what is left must not depend on whether the quoted reference matched anything.
std::string ReceiptShape(const HttpReply& reply) {
  json receipt = reply.Json();
  receipt.erase("reference");
  receipt.erase("received_at");
  receipt.erase("status_link");
  return receipt.dump();
}

// RULE HCR-15: the professional's written request quoting their call's reference, sent on the
// portal, is that call's written confirmation: the deadline met, audited on the call, both contacts
// linked for the worker; the request itself stays to be screened.
TEST_F(CallConfirmations, HCR15_APortalRequestQuotingTheCallRecordsItsConfirmation) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone"));
  const std::string reference = call.at("reference");
  auto officer = SignedIn(Role::kContactOfficer);
  ASSERT_EQ(WrittenState(officer, call), "open");

  // Quoted as people type it: lower case, spaces around.
  std::string typed = " " + reference + " ";
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto sent = Client().Send("POST", "/api/v1/portal/contacts", PortalRequestQuoting(typed).dump(), kJson);
  ASSERT_EQ(sent.status, 201) << sent.body;
  // The receipt says nothing of the call: only the reference of this request.
  EXPECT_FALSE(Has(sent.body, reference)) << sent.body;

  EXPECT_EQ(WrittenState(officer, call), "met");
  const json written = Stored(sent.Json().at("reference"));
  EXPECT_EQ(written.at("intake").at("call_reference"), reference);
  const json& link = written.at("written_confirmation_of");
  ASSERT_TRUE(link.at("call").is_object()) << written.dump();
  EXPECT_EQ(link.at("call").at("reference"), reference);
  EXPECT_TRUE(Has(link.at("note"), "close it as a duplicate of " + reference)) << link.dump();
  EXPECT_EQ(written.at("state"), "received");  // still the worker's to screen
  const json confirmed = officer.Get(Path(call)).Json().at("confirmed_in_writing_by");
  ASSERT_EQ(confirmed.size(), 1u);
  EXPECT_EQ(confirmed[0].at("reference"), written.at("reference"));
  EXPECT_EQ(AuditCount(*store_, "contact.written_confirmation", call.at("id")), 1);
  EXPECT_EQ(AuditCount(*store_, "contact.call_reference", written.at("id")), 1);

  // Both pages show the link.
  const std::string call_page = officer.Get("/contacts/" + std::to_string(call.at("id").get<std::int64_t>())).body;
  EXPECT_TRUE(Has(call_page, "Confirmed in writing by")) << call_page;
  EXPECT_TRUE(Has(call_page, written.at("reference").get<std::string>()));
  const std::string written_page =
      officer.Get("/contacts/" + std::to_string(written.at("id").get<std::int64_t>())).body;
  EXPECT_TRUE(Has(written_page, "href=\"/contacts/" + std::to_string(call.at("id").get<std::int64_t>()) + "\""));

  // Closing it as a duplicate afterwards records nothing twice.
  auto worker = SignedIn(Role::kSocialWorker);
  auto closed = worker.SendJson("POST", Path(written) + "/duplicate-of",
                                {{"contact", reference}, {"reason", "PC Webb's written request"},
                                 {"version", written.at("version")}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(AuditCount(*store_, "contact.written_confirmation", call.at("id")), 1);
}

// RULE HCR-15: a reference that names no call awaiting this referrer's confirmation keeps the
// referral, records nothing on any other contact, and tells staff on the contact; the sender's
// receipt is the same as for a right one, so the field tells an outsider nothing about contacts.
TEST_F(CallConfirmations, HCR15_AWrongReferenceKeepsTheReferralAndTellsOnlyStaff) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone"));
  // Another professional's call, awaiting its confirmation too.
  json school_call = PoliceContact("phone", "dsl@riverside.hertfordshire.gov.uk");
  school_call["referrer"] = {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                             {"email", "dsl@riverside.hertfordshire.gov.uk"}};
  const json other = Record(school_call);
  auto officer = SignedIn(Role::kContactOfficer);

  auto right = Client().Send("POST", "/api/v1/portal/contacts",
                             PortalRequestQuoting(call.at("reference")).dump(), kJson);
  ASSERT_EQ(right.status, 201) << right.body;
  const std::vector<std::pair<std::string, std::string>> wrong{
      {"FD-1999-000001", "no contact has that reference"},
      {other.at("reference"), "another referrer"},
      {call.at("reference"), "not awaiting its written confirmation"},  // confirmed by the first
      {"my call this morning", "no contact has that reference"}};
  for (const auto& [quoted, why] : wrong) {
    SCOPED_TRACE(quoted);
    auto sent = Client().Send("POST", "/api/v1/portal/contacts", PortalRequestQuoting(quoted).dump(), kJson);
    ASSERT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(ReceiptShape(sent), ReceiptShape(right));
    const json stored = Stored(sent.Json().at("reference"));
    EXPECT_EQ(stored.at("state"), "received");
    EXPECT_TRUE(stored.at("written_confirmation_of").at("call").is_null()) << stored.dump();
    const std::string note = stored.at("written_confirmation_of").at("note");
    EXPECT_TRUE(Has(note, why)) << note;
    EXPECT_TRUE(Has(note, "no written confirmation was recorded")) << note;
    const std::string page = officer.Get("/contacts/" + std::to_string(stored.at("id").get<std::int64_t>())).body;
    EXPECT_TRUE(Has(page, "Phone call it confirms")) << page;
  }
  EXPECT_EQ(WrittenState(officer, other), "open");  // another's call is untouched
  EXPECT_EQ(officer.Get(Path(other)).Json().at("confirmed_in_writing_by").size(), 0u);
  EXPECT_EQ(officer.Get(Path(call)).Json().at("confirmed_in_writing_by").size(), 1u);
}

// RULE HCR-15: a contact officer recording the professional's e-mail quoting the call's reference
// records the confirmation as the portal does; a call quoting a reference confirms nothing.
TEST_F(CallConfirmations, HCR15_AnOfficerRecordingTheWrittenRequestQuotingTheCall) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone"));
  json phoned_again = PoliceContact("phone");
  phoned_again["intake"]["call_reference"] = call.at("reference");
  const json again = Record(phoned_again);
  EXPECT_TRUE(again.at("written_confirmation_of").at("call").is_null()) << again.dump();
  EXPECT_TRUE(Has(again.at("written_confirmation_of").at("note"), "did not come in writing"));
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(WrittenState(officer, call), "open");

  json emailed = PoliceContact("email");
  emailed["intake"]["call_reference"] = call.at("reference");
  const json written = Record(emailed);
  ASSERT_TRUE(written.at("written_confirmation_of").at("call").is_object()) << written.dump();
  EXPECT_EQ(written.at("written_confirmation_of").at("call").at("id"), call.at("id"));
  EXPECT_EQ(WrittenState(officer, call), "met");

  // Not text: refused naming the field, as every field is.
  json not_text = PoliceContact("email");
  not_text["intake"]["call_reference"] = 12;
  auto refused = officer.SendJson("POST", "/api/v1/contacts", not_text);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(NamesField(refused, "intake.call_reference")) << refused.body;
}

// RULE HCR-15: the professional who phoned and gave a secure address is e-mailed what to send, by
// when, with the reference to quote and the portal's address; the officer's receipt page says so.
TEST_F(CallConfirmations, HCR15_TheCallersEmailAsksForTheWrittenRequest) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone"));
  const std::string reference = call.at("reference");
  const std::string body = MailTo("jo.webb@herts.pnn.police.uk", "follow your contact");
  EXPECT_TRUE(Has(body, "Please confirm your call in writing by")) << body;
  EXPECT_TRUE(Has(body, "within 24 hours of it")) << body;
  EXPECT_TRUE(Has(body, "/request-for-support")) << body;
  EXPECT_TRUE(Has(body, "give " + reference + " as the reference of your phone call")) << body;
  EXPECT_TRUE(Has(body, "Families First Assessment")) << body;

  auto officer = SignedIn(Role::kContactOfficer);
  const std::string page =
      officer.Get("/contacts/" + std::to_string(call.at("id").get<std::int64_t>()) + "?recorded=1").body;
  EXPECT_TRUE(Has(page, "id=\"written-confirmation-emailed\"")) << page;
  EXPECT_FALSE(Has(page, "id=\"ask-for-written-confirmation\""));

  // A written contact is not asked to confirm itself.
  Record(PoliceContact("email", "other.officer@herts.pnn.police.uk"));
  const std::string ack = MailTo("other.officer@herts.pnn.police.uk", "");
  EXPECT_FALSE(Has(ack, "Please confirm your call in writing")) << ack;
}

// RULE HCR-15: with no address frontdoor may e-mail, the officer's receipt page tells them to ask
// for the written request on the call, with the reference and where to send it.
TEST_F(CallConfirmations, HCR15_WithoutAnEmailTheOfficerAsksOnTheCall) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone", ""));
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string page =
      officer.Get("/contacts/" + std::to_string(call.at("id").get<std::int64_t>()) + "?recorded=1").body;
  EXPECT_TRUE(Has(page, "id=\"ask-for-written-confirmation\"")) << page;
  EXPECT_TRUE(Has(page, "Ask PC Jo Webb to confirm this call in writing by")) << page;
  EXPECT_TRUE(Has(page, call.at("reference").get<std::string>() + " as the reference of their phone call"));
  EXPECT_TRUE(Has(page, "/request-for-support"));
  // Only on the receipt: the page opened later does not repeat it.
  const std::string later = officer.Get("/contacts/" + std::to_string(call.at("id").get<std::int64_t>())).body;
  EXPECT_FALSE(Has(later, "id=\"ask-for-written-confirmation\""));
}

// RULE HCR-15: the portal form asks for the call's reference and keeps what was typed when the form
// is refused for another field; sent, it confirms the call.
TEST_F(CallConfirmations, HCR15_ThePortalFormKeepsTheCallReferenceOnAnError) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone"));
  const std::string reference = call.at("reference");
  auto visitor = Client();
  EXPECT_TRUE(Has(visitor.Get("/request-for-support").body, "name=\"call_reference\""));
  Fields fields{{"child_count", "1"},
                {"referrer_type", "police"},
                {"referrer_name", "PC Jo Webb"},
                {"referrer_agency", "Hertfordshire Constabulary"},
                {"referrer_email", "jo.webb@herts.pnn.police.uk"},
                {"children-0-first_names", "Ava"},
                {"children-0-last_name", "Example"},
                {"children-0-dob-day", "2"},
                {"children-0-dob-month", "3"},
                {"children-0-dob-year", "2016"},
                {"call_reference", reference},
                {"concern", ""},  // left out: refused
                {"action", "send"}};
  auto refused = visitor.Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "govuk-error-summary"));
  EXPECT_TRUE(Has(refused.body, "name=\"call_reference\" type=\"text\" value=\"" + reference + "\"")) << refused.body;
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(WrittenState(officer, call), "open");

  for (auto& [k, v] : fields)
    if (k == "concern") v = "Domestic incident attended last night; child present.";
  auto sent = visitor.Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(Has(sent.body, "Reference of your phone call"));  // their own record of what they sent
  EXPECT_EQ(WrittenState(officer, call), "met");
}

// RULE HCR-15: the call's reference is a field of the contact: every contact's JSON shows it as kept
// (the answer to recording it, the contact read later, the audit of its creation), from the field
// itself or from the intake items where clients sent it before, which do not keep it; one too long is
// refused naming the field.
TEST_F(CallConfirmations, HCR15_TheContactsJsonShowsTheCallReference) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  json emailed = PoliceContact("email");
  emailed["intake"]["call_reference"] = " fd-2026-999999 ";
  const json recorded = Record(emailed);
  EXPECT_EQ(recorded.at("intake").at("call_reference"), "FD-2026-999999");
  const json read = officer.Get(Path(recorded)).Json();
  EXPECT_EQ(read.at("intake").at("call_reference"), "FD-2026-999999");
  EXPECT_EQ(read.at("written_confirmation_of").at("call_reference"), "FD-2026-999999");
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    const auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.created' AND record_id = ?",
                                {std::to_string(recorded.at("id").get<std::int64_t>())});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(json::parse(rows[0].Text(0)).at("intake").at("call_reference"), "FD-2026-999999");
  }

  // Where clients sent it before it was a field: read as the same, not kept among the items.
  json as_item = PoliceContact("email");
  as_item["intake"]["information"] = {{"call_reference", "fd-2026-999998"}, {"parental_responsibility", "Mother"}};
  const json from_item = Record(as_item);
  EXPECT_EQ(from_item.at("intake").at("call_reference"), "FD-2026-999998");
  EXPECT_EQ(from_item.at("intake").at("information"), json({{"parental_responsibility", "Mother"}}));
  EXPECT_FALSE(officer.Get(Path(from_item)).Json().at("intake").at("information").contains("call_reference"));

  // None quoted: empty, and nothing became of it.
  const json without = Record(PoliceContact("email"));
  EXPECT_EQ(without.at("intake").at("call_reference"), "");
  EXPECT_TRUE(officer.Get(Path(without)).Json().at("written_confirmation_of").is_null());

  json too_long = PoliceContact("email");
  too_long["intake"]["call_reference"] = std::string(41, '7');
  auto refused = officer.SendJson("POST", "/api/v1/contacts", too_long);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(NamesField(refused, "intake.call_reference")) << refused.body;
}

// RULE HCR-15: the staff form takes the call's reference as the API does, keeps it when the form is
// refused, and records it on the contact in writing, which confirms the call.
TEST_F(CallConfirmations, HCR15_TheStaffFormRecordsTheCallReference) {
  DuringOpeningHours();
  const json call = Record(PoliceContact("phone"));
  const std::string reference = call.at("reference");
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string blank = officer.Get("/contacts/new").body;
  EXPECT_TRUE(Has(blank, "name=\"call_reference\"")) << blank;
  Fields fields{{"csrf_token", FirstCapture(blank, "name=\"csrf_token\" value=\"([^\"]+)\"")},
                {"child_count", "1"},
                {"channel", "email"},
                {"referrer_type", "police"},
                {"referrer_name", "PC Jo Webb"},
                {"referrer_agency", "Hertfordshire Constabulary"},
                {"referrer_email", "jo.webb@herts.pnn.police.uk"},
                {"children-0-first_names", "Ava"},
                {"children-0-last_name", "Example"},
                {"children-0-dob-day", "2"},
                {"children-0-dob-month", "3"},
                {"children-0-dob-year", "2016"},
                {"concern", "PC Webb's written request, confirming her call."},
                {"call_reference", std::string(41, '7')},
                {"action", "record"}};
  auto refused = officer.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "href=\"#call_reference\"")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "value=\"" + std::string(41, '7') + "\""));

  for (auto& [k, v] : fields)
    if (k == "call_reference") v = " " + reference + " ";
  auto recorded = officer.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  const std::string location = recorded.Header("location");
  std::smatch id;
  ASSERT_TRUE(std::regex_search(location, id, std::regex("/contacts/([0-9]+)"))) << location;
  const json written = officer.Get("/api/v1/contacts/" + id[1].str()).Json();
  EXPECT_EQ(written.at("intake").at("call_reference"), reference);
  EXPECT_EQ(written.at("written_confirmation_of").at("call").at("id"), call.at("id"));
  EXPECT_EQ(WrittenState(officer, call), "met");
}

using KentCallReferences = KentApiTest;

// RULE HCR-15 is Hertfordshire's: Kent's forms do not ask for a call's reference, and one sent over
// the API is ignored (not refused: a referral is never turned away over it, nor kept without use).
TEST_F(KentCallReferences, HCR15_KentNeitherAsksForNorUsesACallReference) {
  DuringOpeningHours();
  EXPECT_FALSE(Has(Client().Get("/request-for-support").body, "call_reference"));
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_FALSE(Has(officer.Get("/contacts/new").body, "call_reference"));

  json phoned = PoliceContact("phone", "jo.webb@kent.police.uk");
  auto call = officer.SendJson("POST", "/api/v1/contacts", phoned);
  ASSERT_EQ(call.status, 201) << call.body;
  json request = PoliceContact("portal", "jo.webb@kent.police.uk");
  request["intake"]["call_reference"] = call.Json().at("reference");
  auto sent = Client().Send("POST", "/api/v1/portal/contacts", request.dump(), kJson);
  ASSERT_EQ(sent.status, 201) << sent.body;
  json emailed = PoliceContact("email", "jo.webb@kent.police.uk");
  emailed["intake"]["call_reference"] = call.Json().at("reference");
  auto written = officer.SendJson("POST", "/api/v1/contacts", emailed);
  ASSERT_EQ(written.status, 201) << written.body;
  EXPECT_EQ(written.Json().at("intake").at("call_reference"), "");
  EXPECT_TRUE(written.Json().at("written_confirmation_of").is_null());
  EXPECT_EQ(officer.Get(Path(call.Json())).Json().at("confirmed_in_writing_by").size(), 0u);
}

}  // namespace
}  // namespace fd::testing
