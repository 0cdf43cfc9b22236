// What the public portal tells the person who sent a concern: the receipt page, the API's receipt,
// the e-mail and the status link all say what is true of their contact (a returned red form, a
// concern passed to the LADO), and nothing of the family: whether the child's case is open never
// shows. Over real HTTP against the real service with its outbox sending to a real SMTP sink. The
// fixture's pack is Hertfordshire's.
#include <regex>

#include "email_fixture.h"
#include "domain/consultation_number.h"
#include "http/message.h"
#include "portal_receipt.h"
#include "school_red_form.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};
const json kHousehold = {{"domestic_abuse", "not_known"}, {"mental_illness", "not_known"},
                         {"substance_misuse", "not_known"}, {"learning_difficulties", "not_known"}};

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// The page or e-mail with what differs from one contact to the next (its reference, its times, its
// link, the child and the e-mail address) taken out: what is left must not tell one child from another.
std::string Generic(std::string text) {
  for (const char* varying : {"FD-\\d{4}-\\d{6}", "/status/[A-Za-z0-9_-]{43}", "\\d{1,2} \\w+ \\d{4}( at [0-9:apm]+)?",
                              "Sample|Example|Tia|Sam", "value=\"[^\"]*\"", "nonce=\"[^\"]*\"",
                              "[a-z.]+@[a-z.]+"})
    text = std::regex_replace(text, std::regex(varying), "…");
  return text;
}

// A member of the public, with their own address, about one named child born 3 October 2012.
Fields PublicAbout(const std::string& first, const std::string& last, const std::string& email) {
  return {{"child_count", "1"},
          {"referrer_type", "member_of_public"},
          {"referrer_name", "Jo Neighbour"},
          {"referrer_email", email},
          {"children-0-first_names", first},
          {"children-0-last_name", last},
          {"children-0-dob-day", "3"},
          {"children-0-dob-month", "10"},
          {"children-0-dob-year", "2012"},
          {"concern", "Shouting every night."},
          {"household-domestic_abuse", "yes"},
          {"action", "send"}};
}

class PortalFeedback : public ApiTestWithEmail {
 protected:
  // Tia Sample, born 3 October 2012, is on the register with a case open to a social worker.
  void OpenCaseForTia() {
    auto worker = SignedIn(Role::kSocialWorker);
    const std::int64_t worker_id = worker.Get("/api/v1/session").Json().at("user").at("id");
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?)",
                {worker_id});
    tx->Commit();
  }

  json StoredContact(const std::string& reference) {
    auto officer = SignedIn(Role::kContactOfficer);
    auto list = officer.Get("/api/v1/contacts?page=1&page_size=100");
    const json items = list.Json().at("items");  // kept: a range over a temporary's member would dangle
    for (const auto& item : items)
      if (item.at("reference") == reference)
        return officer.Get("/api/v1/contacts/" + std::to_string(item.at("id").get<std::int64_t>())).Json();
    ADD_FAILURE() << "no contact " << reference;
    return json::object();
  }

  static std::string PathOf(const std::string& url) {
    const auto at = url.find("/status/");
    return at == std::string::npos ? url : url.substr(at);
  }
};

// RULE HCR-9: a school's red form with no hub consultation and no imminent risk is returned, and the
// receipt page says so: returned, why, and to consult the Hub first. With an address frontdoor may not
// e-mail (a school's own domain) the page is all they get, so it must say it.
TEST_F(PortalFeedback, HCR9_AReturnedRedFormsReceiptSaysItWasReturnedAndToConsultTheHub) {
  auto reply = Client().Send("POST", "/request-for-support", FormBody(SchoolRedForm("sam.head@hill.herts.sch.uk")),
                             kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string reference = ReferenceIn(reply.body);
  ASSERT_FALSE(reference.empty());
  EXPECT_EQ(StoredContact(reference).at("queue"), "returned");
  EXPECT_TRUE(Has(reply.body, "<title>Your red form has been returned")) << reply.body;
  const std::string next = WhatHappensNextOn(reply.body);
  EXPECT_TRUE(Has(next, "We have not progressed the child protection (red) form you sent")) << next;
  EXPECT_TRUE(Has(next, "consult the Consultation Hub before sending a red form")) << next;
  EXPECT_TRUE(Has(next, "Please call the Hub")) << next;
  EXPECT_FALSE(Has(reply.body, "A social worker will look"));
  EXPECT_FALSE(Has(reply.body, "Request received"));
  EXPECT_TRUE(Has(reply.body, "We will not send you an e-mail about this request"));
  EXPECT_TRUE(Has(reply.body, "call 999"));  // and how to say it is urgent after all
  EXPECT_FALSE(Has(reply.body, "id=\"status-link\""));
}

// RULE HCR-9: with a secure address the page says an e-mail saying so is coming (not an
// acknowledgement), the e-mail says the same, and the API's receipt says it was returned.
TEST_F(PortalFeedback, HCR9_AReturnedRedFormsPageEmailAndApiReceiptAgree) {
  auto reply = Client().Send("POST", "/request-for-support", FormBody(SchoolRedForm("sam.head@herts.gov.uk")),
                             kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string reference = ReferenceIn(reply.body);
  EXPECT_TRUE(Has(reply.body, "An e-mail saying so, with your reference, is on its way to sam.head@herts.gov.uk"))
      << reply.body;
  EXPECT_FALSE(Has(reply.body, "An acknowledgement e-mail"));
  EXPECT_FALSE(Has(reply.body, "A social worker will look"));
  const std::string email = EmailTo("sam.head@herts.gov.uk", reference);
  EXPECT_TRUE(Has(email, WhatHappensNextOn(reply.body))) << email;

  auto sent = Client().SendJson("POST", "/api/v1/portal/contacts", SchoolRedFormForTheApi());
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.Json().at("returned"), true);
  EXPECT_TRUE(Has(sent.Json().at("what_happens_next").get<std::string>(), "Consultation Hub"));
  EXPECT_FALSE(sent.Json().contains("status_link"));
}

// RULE KCR-17 RULE HCR-24: a concern about a child whose case is open goes at receipt to the
// allocated worker (HCR-5), but the sender is told exactly what a sender about any other child is
// told, on the receipt, in the e-mail and on the status page, until a decision: anyone can send one,
// so anything else would tell them whether the child is known.
TEST_F(PortalFeedback, KCR17_HCR24_NothingTheSenderSeesSaysWhetherTheChildIsKnown) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  OpenCaseForTia();
  auto known = Client().Send("POST", "/request-for-support", FormBody(PublicAbout("Tia", "Sample", "jo@example.org")),
                             kFormHeaders);
  auto unknown = Client().Send("POST", "/request-for-support", FormBody(PublicAbout("Sam", "Example", "al@example.org")),
                               kFormHeaders);
  ASSERT_EQ(known.status, 200) << known.body;
  ASSERT_EQ(unknown.status, 200) << unknown.body;
  const std::string known_ref = ReferenceIn(known.body), unknown_ref = ReferenceIn(unknown.body);
  ASSERT_EQ(StoredContact(known_ref).at("queue"), "allocated-worker");
  ASSERT_EQ(StoredContact(unknown_ref).at("queue"), "front-door");

  EXPECT_EQ(WhatHappensNextOn(known.body), WhatHappensNextOn(unknown.body));
  EXPECT_EQ(Generic(known.body), Generic(unknown.body));
  const std::string known_email = EmailTo("jo@example.org", known_ref);
  const std::string unknown_email = EmailTo("al@example.org", unknown_ref);
  EXPECT_EQ(Generic(known_email), Generic(unknown_email));

  std::smatch link;
  static const std::regex status_link("id=\"status-link\" href=\"([^\"]+)\"");
  ASSERT_TRUE(std::regex_search(known.body, link, status_link));
  const std::string known_link = PathOf(link[1]);
  ASSERT_TRUE(std::regex_search(unknown.body, link, status_link));
  const std::string unknown_link = PathOf(link[1]);

  const auto looks_alike = [&](const char* when) {
    auto a = Client().Get("/api/v1" + known_link).Json(), b = Client().Get("/api/v1" + unknown_link).Json();
    EXPECT_EQ(a.at("stage"), "received") << when;
    EXPECT_EQ(a.at("stage"), b.at("stage")) << when;
    EXPECT_EQ(a.at("summary"), b.at("summary")) << when;
    EXPECT_FALSE(a.contains("passed_to")) << when;
    EXPECT_EQ(Generic(Client().Get(known_link).body), Generic(Client().Get(unknown_link).body)) << when;
  };
  looks_alike("at receipt");
  // Nor does the front door's screening of the other one show: only the decision does.
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t unknown_id = StoredContact(unknown_ref).at("id");
  const std::string base = "/api/v1/contacts/" + std::to_string(unknown_id);
  auto started =
      PostWithVersion(worker, base + "/screening/start", json::object(), worker.Get(base).Json().at("version"));
  ASSERT_EQ(started.status, 200) << started.body;
  looks_alike("while the other is screened");
}

// RULE KCR-17 RULE HCR-24: the same for a sender who says they are a professional (the portal cannot
// check it): their link, shown on the receipt, says "Received" and nothing of where it went.
TEST_F(PortalFeedback, KCR17_HCR24_ASenderCallingThemselvesAProfessionalIsNotToldEither) {
  OpenCaseForTia();
  Fields fields = PublicAbout("Tia", "Sample", "a.teacher@herts.gov.uk");
  fields[1] = {"referrer_type", "school"};
  fields.push_back({"referrer_agency", "Hill Primary School"});
  fields.push_back({"form", "green"});
  auto reply = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_EQ(StoredContact(ReferenceIn(reply.body)).at("queue"), "allocated-worker");
  EXPECT_TRUE(Has(WhatHappensNextOn(reply.body), "A social worker will look at what you told us")) << reply.body;
  // A professional's link will show the outcome, and the portal cannot check who sent it: the link is
  // never on the page, only in the e-mail to the address given.
  EXPECT_FALSE(Has(reply.body, "id=\"status-link\"")) << reply.body;
  EXPECT_FALSE(Has(reply.body, "/status/")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "is in your e-mail. It is sent only to the address you gave")) << reply.body;
  std::smatch link;
  const std::string email = EmailTo("a.teacher@herts.gov.uk", ReferenceIn(reply.body));
  ASSERT_TRUE(std::regex_search(email, link, std::regex("(/status/[A-Za-z0-9_-]+)"))) << email;
  auto status = Client().Get("/api/v1" + std::string(link[1]));
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.Json().at("stage"), "received");
  EXPECT_FALSE(Has(status.body, "already working with the child"));
  EXPECT_FALSE(Has(Client().Get(link[1]).body, "Passed on"));
}

// RULE KCR-17 RULE KCR-5: through the API too, a professional's receipt never carries their status
// link, which will show the outcome; it says the link went to the e-mail address given. A member of the
// public's receipt carries theirs, which never shows an outcome.
TEST_F(PortalFeedback, KCR17_AProfessionalsStatusLinkGoesOnlyByEmail) {
  json professional = {{"referrer", {{"type", "school"}, {"name", "Ann Teacher"}, {"agency", "Hill Primary School"},
                                     {"email", "ann.teacher@herts.gov.uk"}, {"phone", "01438 000000"}}},
                       {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}}})},
                       {"concern", "Ava said her stepfather hit her."},
                       {"intake", {{"form", "green"}, {"household", kHousehold}}}};
  auto sent = Client().SendJson("POST", "/api/v1/portal/contacts", professional);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_FALSE(sent.Json().contains("status_link")) << sent.body;
  EXPECT_EQ(sent.Json().value("status_link_emailed_only", false), true) << sent.body;
  EXPECT_FALSE(Has(sent.body, "/status/")) << sent.body;
  const std::string email = EmailTo("ann.teacher@herts.gov.uk", sent.Json().at("reference"));
  EXPECT_TRUE(std::regex_search(email, std::regex("/status/[A-Za-z0-9_-]+"))) << email;

  auto public_sent = Client().SendJson(
      "POST", "/api/v1/portal/contacts",
      {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"email", "jo.nb@example.org"}}},
       {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
       {"concern", "The boys next door are left alone all night."},
       {"intake", {{"household", kHousehold}}}});
  ASSERT_EQ(public_sent.status, 201) << public_sent.body;
  EXPECT_TRUE(public_sent.Json().contains("status_link")) << public_sent.body;
  EXPECT_FALSE(public_sent.Json().contains("status_link_emailed_only")) << public_sent.body;
}

// RULE HCR-33 RULE HCR-4: a concern about an adult who works with children goes to the LADO, and the
// receipt, the e-mail and the status page all say so, in the same words.
TEST_F(PortalFeedback, HCR33_AConcernAboutAnAdultWhoWorksWithChildrenIsSaidToGoToTheLado) {
  Fields fields = PublicAbout("Sam", "Example", "jo@example.org");
  fields.push_back({"allegation_against_professional", "yes"});
  auto reply = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string reference = ReferenceIn(reply.body);
  ASSERT_EQ(StoredContact(reference).at("queue"), "lado");
  const std::string next = WhatHappensNextOn(reply.body);
  EXPECT_TRUE(Has(next, "Local Authority Designated Officer (LADO)")) << next;
  EXPECT_FALSE(Has(reply.body, "A social worker will look"));
  const std::string email = EmailTo("jo@example.org", reference);
  EXPECT_TRUE(Has(email, next)) << email;
  EXPECT_FALSE(Has(email, "A social worker will look")) << email;

  std::smatch link;
  ASSERT_TRUE(std::regex_search(reply.body, link, std::regex("id=\"status-link\" href=\"([^\"]+)\"")));
  auto status = Client().Get("/api/v1" + PathOf(link[1]));
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.Json().at("stage"), "passed-on");
  EXPECT_EQ(status.Json().at("summary"), next);
  EXPECT_TRUE(Has(status.Json().at("passed_to").get<std::string>(), "LADO"));
  EXPECT_TRUE(Has(Client().Get(PathOf(link[1])).body, next));

  auto api = Client().SendJson(
      "POST", "/api/v1/portal/contacts",
      {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"email", "jo.n@example.org"}}},
       {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
       {"concern", "The football coach hits the boys."},
       {"intake", {{"allegation_against_professional", true}, {"household", kHousehold}}}});
  ASSERT_EQ(api.status, 201) << api.body;
  EXPECT_EQ(api.Json().at("what_happens_next"), next);
  EXPECT_TRUE(Has(api.Json().at("passed_to").get<std::string>(), "LADO"));
}

// RULE HCR-12: the urgent advice on the public pages names no rule (staff pages may), and the
// acknowledgement writes its date as people do.
TEST_F(PortalFeedback, HCR12_HCR22_PublicTextHasNoRuleIdsAndDatesAreWrittenOut) {
  DuringOpeningHours();  // HCR-18: out of hours the receipt says the centre is closed instead
  auto form = Client().Get("/request-for-support");
  EXPECT_TRUE(Has(form.body, "say it is urgent"));
  EXPECT_FALSE(Has(form.body, "(HCR-")) << form.body;
  Fields fields = PublicAbout("Sam", "Example", "jo@example.org");
  fields.push_back({"indicators", "imminent-risk"});
  auto reply = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(Has(reply.body, "say it is urgent"));
  EXPECT_FALSE(Has(reply.body, "(HCR-")) << reply.body;
  const std::string email = EmailTo("jo@example.org", ReferenceIn(reply.body));
  EXPECT_TRUE(std::regex_search(email, std::regex("a child on \\d{1,2} (January|February|March|April|May|June|July|"
                                                  "August|September|October|November|December) \\d{4} and")))
      << email;
  EXPECT_FALSE(std::regex_search(email, std::regex("\\d{4}-\\d{2}-\\d{2}"))) << email;
}

// RULE HCR-12: the page saying a request over the limit was not sent has no rule id either, and its
// title says it is an error.
TEST_F(PortalFeedback, HCR12_TheNotSentPageIsTitledAsAnErrorAndNamesNoRule) {
  DuringOpeningHours();  // HCR-18: out of hours whom to call is the out-of-hours service, not the centre
  auto visitor = Client();
  const std::string request = FormBody(PublicAbout("Sam", "Example", "jo@example.org"));
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(visitor.Send("POST", "/request-for-support", request, kFormHeaders).status, 200);
  auto refused = visitor.Send("POST", "/request-for-support", request, kFormHeaders);
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_TRUE(Has(refused.body, "<title>Error: ")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "say it is urgent"));
  EXPECT_FALSE(Has(refused.body, "(HCR-"));
}

// RULE HCR-21: a professional who ticked "stay anonymous" and gave every detail is told to untick
// the box (on the portal, and in the staff form's words to staff).
TEST_F(PortalFeedback, HCR21_AProfessionalTickingAnonymousIsToldToUntickIt) {
  Fields fields = SchoolRedForm("sam.head@herts.gov.uk");
  fields.push_back({"referrer_anonymous", "yes"});
  fields.push_back({"anonymity_limits_explained", "yes"});
  auto reply = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "Professionals cannot stay anonymous: untick “I am a member of the public and I want "
                              "to stay anonymous”"))
      << reply.body;
  EXPECT_FALSE(Has(reply.body, "enter your name and contact details"));

  auto officer = SignedIn(Role::kContactOfficer);
  auto staff = officer.SendJson(
      "POST", "/api/v1/contacts",
      {{"referrer", {{"type", "school"}, {"name", "Sam Head"}, {"agency", "Hill Primary School"}, {"anonymous", true},
                     {"phone", "01438 000000"}}},
       {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}}})},
       {"concern", "Ava said her stepfather hit her."},
       {"intake", {{"channel", "phone"}, {"household", kHousehold}}}});
  ASSERT_EQ(staff.status, 422) << staff.body;
  EXPECT_TRUE(Has(staff.body, "untick \u201cThe member of the public asks to stay anonymous\u201d")) << staff.body;
}

// RULE HCR-17: on the portal the health professional is spoken to ("You must give…"); staff keep
// "Health contacts must…" (authority_rules_test).
TEST_F(PortalFeedback, HCR17_ThePortalSpeaksToTheHealthProfessional) {
  Fields fields = PublicAbout("Sam", "Example", "gp@nhs.net");
  fields[1] = {"referrer_type", "health"};
  fields.push_back({"referrer_agency", "Hill Surgery"});
  auto reply = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "You must give the child&apos;s NHS number")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "You must use the red form")) << reply.body;
  EXPECT_FALSE(Has(reply.body, "Health contacts"));
}

// RULE HCR-10: a mistyped consultation number is checked against "the number you were given": it is
// often read out on the phone, with no e-mail to check against.
TEST_F(PortalFeedback, HCR10_AMistypedConsultationNumberSaysToCheckTheNumberGiven) {
  const std::uint8_t bytes[] = {1, 2, 3, 4, 5};
  // Not a number; then a good number nobody was given.
  for (const std::string& number : {std::string("CN-12"), MakeConsultationNumber(bytes)}) {
    Fields fields = SchoolRedForm("sam.head@herts.gov.uk");
    fields.push_back({"consultation_number", number});
    auto reply = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
    ASSERT_EQ(reply.status, 422) << number << reply.body;
    EXPECT_TRUE(Has(reply.body, "check the number you were given")) << number << reply.body;
    EXPECT_FALSE(Has(reply.body, "e-mail confirming")) << number;
  }
}

}  // namespace
}  // namespace fd::testing
