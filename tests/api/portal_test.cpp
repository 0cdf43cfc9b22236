// The public Request for Support portal (page and API) and the staff form's intake questions, over
// real HTTP against the real service. The fixture's pack is Hertfordshire's (HCR rules).
#include <regex>
#include <set>

#include "api_fixture.h"
#include "http/message.h"
#include "portal_receipt.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};
constexpr const char* kHertsUrgentAdvice = "Otherwise call the Customer Service Centre on 0300 123 4043";

std::string Form(const Fields& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    if (!body.empty()) body += '&';
    body += http::PercentEncode(k);
    body += '=';
    body += http::PercentEncode(v);
  }
  return body;
}

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// A member of the public, named, with one child.
Fields PublicRequest() {
  return {{"child_count", "1"},
          {"referrer_type", "member_of_public"},
          {"referrer_name", "Jo Neighbour"},
          {"referrer_email", "jo@example.org"},
          {"children-0-first_names", "Sam"},
          {"children-0-last_name", "Example"},
          {"concern", "Shouting every night.\nSam was outside at midnight."},
          {"household-domestic_abuse", "yes"},
          {"action", "send"}};
}

// Every error in the summary links to an element that is on the page.
void ExpectErrorLinksResolve(const std::string& body) {
  static const std::regex link("<li><a href=\"#([^\"]+)\">");
  int links = 0;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), link); it != std::sregex_iterator(); ++it) {
    ++links;
    const std::string id = (*it)[1].str();
    EXPECT_TRUE(Has(body, "id=\"" + id + "\"")) << "the error summary links to #" << id << ", which is not on the page";
  }
  EXPECT_GT(links, 0) << "no error summary links";
}

// The summary lists the errors in the order the page asks (GOV.UK error summary): each link's input
// stands lower on the page than the one before.
void ExpectSummaryInPageOrder(const std::string& body) {
  static const std::regex link("<li><a href=\"#([^\"]+)\">([^<]*)</a>");
  std::size_t previous = 0;
  std::string previous_message;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), link); it != std::sregex_iterator(); ++it) {
    const std::size_t at = body.find("id=\"" + (*it)[1].str() + "\"");
    ASSERT_NE(at, std::string::npos) << (*it)[1].str();
    EXPECT_GE(at, previous) << "\"" << (*it)[2].str() << "\" is listed after \"" << previous_message
                            << "\" but asked before it on the page";
    previous = at;
    previous_message = (*it)[2].str();
  }
}

// WCAG 1.3.1, 3.3.1: every box marked in error is described by its error message (after its hint, if
// it has one), so a screen reader says what is wrong on reaching it; a date's boxes by their fieldset.
void ExpectEveryMarkedBoxDescribedByItsError(const std::string& body) {
  static const std::regex marked("<(input|textarea|select) class=\"[^\"]*--error[^\"]*\" id=\"([^\"]+)\"[^>]*>");
  static const std::regex described("aria-describedby=\"([^\"]*)\"");
  static const std::regex date_box("(.*)-(day|month|year)");
  const auto described_by = [](const std::string& tag, const std::string& id) {
    std::smatch ids;
    if (!std::regex_search(tag, ids, described)) return false;
    const std::string list = " " + ids[1].str() + " ";
    return list.find(" " + id + " ") != std::string::npos;
  };
  int boxes = 0;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), marked); it != std::sregex_iterator(); ++it) {
    ++boxes;
    const std::string tag = (*it)[0].str(), id = (*it)[2].str();
    std::smatch date;
    if (std::regex_match(id, date, date_box)) {
      const std::string group = date[1].str();
      EXPECT_TRUE(Has(body, "id=\"" + group + "-error\"")) << id;
      bool found = false;
      static const std::regex fieldset("<fieldset[^>]*>");
      for (auto f = std::sregex_iterator(body.begin(), body.end(), fieldset); f != std::sregex_iterator(); ++f)
        found = found || described_by((*f)[0].str(), group + "-error");
      EXPECT_TRUE(found) << "no fieldset is described by " << group << "-error";
    } else {
      EXPECT_TRUE(Has(body, "id=\"" + id + "-error\"")) << id;
      EXPECT_TRUE(described_by(tag, id + "-error")) << tag;
    }
  }
  EXPECT_GT(boxes, 0) << "no box is marked in error";
}

// The contact the portal recorded, read back by a signed-in contact officer: the receipt carries
// no id, so it is found in the list by its reference.
json StoredContact(HttpClient& officer, const std::string& reference) {
  auto list = officer.Get("/api/v1/contacts?page=1&page_size=100");
  EXPECT_EQ(list.status, 200) << list.body;
  const json items = list.Json().at("items");
  for (const auto& item : items)
    if (item.at("reference") == reference) {
      auto one = officer.Get("/api/v1/contacts/" + std::to_string(item.at("id").get<std::int64_t>()));
      EXPECT_EQ(one.status, 200) << one.body;
      return one.Json();
    }
  ADD_FAILURE() << "no stored contact with reference " << reference;
  return json::object();
}

std::int64_t StoredCount(HttpClient& officer) {
  auto list = officer.Get("/api/v1/contacts?page=1&page_size=1");
  EXPECT_EQ(list.status, 200) << list.body;
  return list.Json().at("total").get<std::int64_t>();
}

using PortalPages = ApiTest;
using PortalApi = ApiTest;

// RULE HCR-16: the portal is open to anyone, with no sign-in, and offers the pack's indicators.
TEST_F(PortalPages, HCR16_TheFormRendersWithoutSignIn) {
  DuringOpeningHours();  // HCR-18: out of hours the urgent advice names the out-of-hours service instead
  auto visitor = Client();
  auto page = visitor.Get("/request-for-support");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page.body, "Request support for a child"));
  EXPECT_TRUE(Has(page.body, "action=\"/request-for-support\""));
  EXPECT_FALSE(Has(page.body, "csrf_token"));
  EXPECT_FALSE(Has(page.body, "Signed in as"));
  // HCR-12/13: the pack's indicators as checkboxes, and the urgent advice ready (hidden) for the script.
  EXPECT_TRUE(Has(page.body, "The child is at imminent risk of significant harm"));
  EXPECT_TRUE(Has(page.body, "name=\"indicators\" type=\"checkbox\" value=\"imminent-risk\""));
  EXPECT_TRUE(Has(page.body, "id=\"urgent-warning\" hidden"));
  EXPECT_TRUE(Has(page.body, kHertsUrgentAdvice));
  // KCR-6: the household questions; HCR-20: anonymity's limits are explained.
  EXPECT_TRUE(Has(page.body, "Domestic abuse in the household"));
  EXPECT_TRUE(Has(page.body, "a court can order us to say who told us"));
  // The header leads back to the portal, not to the staff sign-in.
  EXPECT_TRUE(Has(page.body, "href=\"/request-for-support\" class=\"govuk-header__link"));
}

// RULE KCR-18: when the database fails, a member of the public who sent the form gets a page (not
// JSON their browser shows as text) saying nothing was saved, with what they typed shown back to
// copy. (The API keeps problem+json: ContactsApi.AStorageFaultIs503AndNothingIsHalfWritten.)
TEST_F(PortalPages, KCR18_ADatabaseFaultShowsBackWhatWasTyped) {
  store_->FailFromNowOn(true);
  auto visitor = Client();
  Fields fields = PublicRequest();
  fields.emplace_back("csrf_token", "secret-token-value");
  fields.emplace_back("form_key", "k-123");
  for (auto& [name, value] : fields)
    if (name == "concern") value = "My neighbour's children <b>are left alone</b> every night";
  auto reply = visitor.Send("POST", "/request-for-support", Form(fields),
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "text/html"}});
  EXPECT_EQ(reply.status, 503);
  EXPECT_TRUE(Has(reply.Header("content-type"), "text/html")) << reply.Header("content-type");
  EXPECT_FALSE(reply.Header("retry-after").empty());
  EXPECT_TRUE(Has(reply.body, "Nothing was saved")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "My neighbour&#39;s children &lt;b&gt;are left alone&lt;/b&gt; every night")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "Jo Neighbour"));
  EXPECT_FALSE(Has(reply.body, "secret-token-value"));

  store_->FailFromNowOn(false);
}

// RULE HCR-16: a member of the public is given their reference and the time at once, with what they sent.
TEST_F(PortalPages, HCR16_AValidPublicRequestGivesTheReferenceAndTime) {
  auto visitor = Client();
  auto reply = visitor.Send("POST", "/request-for-support", Form(PublicRequest()), kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(Has(reply.body, "govuk-panel--confirmation"));
  EXPECT_TRUE(Has(reply.body, "Request received"));
  const std::string reference = ReferenceIn(reply.body);
  ASSERT_FALSE(reference.empty());
  EXPECT_TRUE(std::regex_search(reply.body, std::regex("Received \\d{1,2} \\w+ \\d{4} at")));
  EXPECT_TRUE(Has(reply.body, "An acknowledgement e-mail with your reference is on its way to jo@example.org"));
  EXPECT_TRUE(Has(reply.body, "Sam was outside at midnight."));
  EXPECT_TRUE(Has(reply.body, "Domestic abuse in the household"));
  EXPECT_FALSE(Has(reply.body, "govuk-warning-text"));  // no indicator, no urgent advice

  auto officer = SignedIn(Role::kContactOfficer);
  const json stored = StoredContact(officer, reference);
  EXPECT_EQ(stored.at("intake").at("channel"), "portal");
  EXPECT_EQ(stored.at("recorded_by").at("name"), "Request for Support portal");
  EXPECT_EQ(stored.at("intake").at("household").at("domestic_abuse"), "yes");
  EXPECT_EQ(stored.at("urgent"), false);
}

// RULE HCR-12, HCR-13: a ticked significant-harm indicator gives the urgent advice (999 and the
// pack's words) on the receipt, and the contact is recorded as urgent.
TEST_F(PortalPages, HCR12_HCR13_AnIndicatorGivesTheUrgentAdviceAndAnUrgentContact) {
  DuringOpeningHours();  // HCR-18: out of hours the receipt says the centre is closed instead
  auto visitor = Client();
  Fields fields = PublicRequest();
  fields.push_back({"indicators", "unexplained-injuries"});
  fields.push_back({"indicators", "imminent-risk"});
  auto reply = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(Has(reply.body, "govuk-warning-text"));
  EXPECT_TRUE(Has(reply.body, "call 999"));
  EXPECT_TRUE(Has(reply.body, kHertsUrgentAdvice));
  EXPECT_TRUE(Has(reply.body, "Injuries with no reasonable explanation"));
  const std::string reference = ReferenceIn(reply.body);
  ASSERT_FALSE(reference.empty());

  auto officer = SignedIn(Role::kContactOfficer);
  const json stored = StoredContact(officer, reference);
  EXPECT_EQ(stored.at("urgent"), true);
  EXPECT_EQ(stored.at("intake").at("indicators"), json({"unexplained-injuries", "imminent-risk"}));
}

// RULE HCR-20: a member of the public may stay anonymous only having confirmed they understand its
// limits; otherwise the form comes back (422) with everything typed kept.
TEST_F(PortalPages, HCR20_AnonymousWithoutTheLimitsConfirmedIsRefusedKeepingInput) {
  auto visitor = Client();
  auto officer = SignedIn(Role::kContactOfficer);
  Fields fields = PublicRequest();
  fields.push_back({"referrer_anonymous", "yes"});
  fields.push_back({"indicators", "disclosed-abuse"});
  fields.push_back({"information-parental_responsibility", "Mother <only>"});
  auto reply = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "govuk-error-summary"));
  EXPECT_TRUE(Has(reply.body, "href=\"#anonymity_limits_explained\""));
  EXPECT_TRUE(Has(reply.body, "a court may order us to say who you are"));
  ExpectErrorLinksResolve(reply.body);
  // Everything typed is kept (and escaped).
  EXPECT_TRUE(Has(reply.body, "id=\"referrer_anonymous\" name=\"referrer_anonymous\" type=\"checkbox\" value=\"yes\" checked"));
  EXPECT_TRUE(Has(reply.body, "Shouting every night.\nSam was outside at midnight.</textarea>"));
  EXPECT_TRUE(Has(reply.body, "value=\"Sam\""));
  EXPECT_TRUE(Has(reply.body, "value=\"jo@example.org\""));
  EXPECT_TRUE(Has(reply.body, "value=\"disclosed-abuse\" checked"));
  EXPECT_TRUE(Has(reply.body, "id=\"household-domestic_abuse\" name=\"household-domestic_abuse\" type=\"radio\" value=\"yes\" checked"));
  EXPECT_TRUE(Has(reply.body, "Mother &lt;only&gt;</textarea>"));
  // The indicator was ticked, so the urgent advice is already showing on the returned form.
  EXPECT_TRUE(Has(reply.body, "id=\"urgent-warning\">"));
  EXPECT_EQ(StoredCount(officer), 0);

  // With the limits confirmed, the anonymous request is accepted, and nothing identifying is kept.
  fields.push_back({"anonymity_limits_explained", "yes"});
  auto accepted = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_TRUE(Has(accepted.body, "Member of the public, staying anonymous"));
  EXPECT_TRUE(Has(accepted.body, "We will not send you an e-mail"));
  const json stored = StoredContact(officer, ReferenceIn(accepted.body));
  EXPECT_EQ(stored.at("referrer").at("anonymous"), true);
  EXPECT_EQ(stored.at("referrer").at("name"), "");
  EXPECT_EQ(stored.at("intake").at("anonymity_limits_explained"), true);
}

// RULE HCR-21: a professional cannot be anonymous, even with the limits ticked.
TEST_F(PortalPages, HCR21_AProfessionalAskingForAnonymityIsRefused) {
  auto visitor = Client();
  auto officer = SignedIn(Role::kContactOfficer);
  Fields fields = PublicRequest();
  fields[1] = {"referrer_type", "school"};
  fields.push_back({"referrer_agency", "Riverside Primary"});
  fields.push_back({"referrer_anonymous", "yes"});
  fields.push_back({"anonymity_limits_explained", "yes"});
  auto reply = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "href=\"#referrer_anonymous\""));
  EXPECT_TRUE(Has(reply.body, "Professionals cannot stay anonymous"));
  EXPECT_TRUE(Has(reply.body, "value=\"Riverside Primary\""));
  EXPECT_TRUE(Has(reply.body, "id=\"referrer_type-school\" name=\"referrer_type\" type=\"radio\" value=\"school\" checked"));
  ExpectErrorLinksResolve(reply.body);
  EXPECT_EQ(StoredCount(officer), 0);
  // Without the limits ticked, still only the one error: anonymity is refused, so its limits are moot.
  fields.pop_back();
  auto unticked = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(unticked.status, 422) << unticked.body;
  EXPECT_TRUE(Has(unticked.body, "Professionals cannot stay anonymous"));
  EXPECT_FALSE(Has(unticked.body, "href=\"#anonymity_limits_explained\""));
}

// A member of the public who leaves their name empty is told how to fix it: a name, or the box.
TEST_F(PortalPages, HCR20_ANamelessPublicRequestSaysToGiveANameOrTickTheBox) {
  auto visitor = Client();
  Fields fields = PublicRequest();
  fields[2] = {"referrer_name", ""};
  auto reply = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "Enter your name, or tick the box to stay anonymous"));
  EXPECT_FALSE(Has(reply.body, "only a member of the public may stay anonymous"));
}

// With no session there is no CSRF token, so the portal reads form posts only: any other body is refused.
TEST_F(PortalPages, ABodyThatIsNotAFormPostIsRefused) {
  auto visitor = Client();
  auto officer = SignedIn(Role::kContactOfficer);
  auto json_body = visitor.Send("POST", "/request-for-support", Form(PublicRequest()), {{"Content-Type", "application/json"}});
  EXPECT_EQ(json_body.status, 415);
  auto multipart = visitor.Send("POST", "/request-for-support", Form(PublicRequest()),
                                {{"Content-Type", "multipart/form-data; boundary=x"}});
  EXPECT_EQ(multipart.status, 415);
  auto none = visitor.Send("POST", "/request-for-support", Form(PublicRequest()));
  EXPECT_EQ(none.status, 415);
  EXPECT_EQ(StoredCount(officer), 0);
}

// "Add another child" works without JavaScript and keeps what was typed.
TEST_F(PortalPages, AddingAChildKeepsEverythingTyped) {
  auto visitor = Client();
  Fields fields = PublicRequest();
  fields.back() = {"action", "add-child"};
  auto reply = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(Has(reply.body, "id=\"children-1-first_names\""));
  EXPECT_TRUE(Has(reply.body, "value=\"Sam\""));
  EXPECT_TRUE(Has(reply.body, "Sam was outside at midnight.</textarea>"));
}

// A child box added once too often (or by Enter in a text box, on browsers without JavaScript)
// neither stops the form being sent nor can only be got rid of by starting again: an empty box is
// left out, any other box after the first can be removed, and a box's errors say which child.
TEST_F(PortalPages, AnExtraChildBoxIsLeftOutWhenEmptyAndCanBeRemoved) {
  auto visitor = Client();
  Fields two = PublicRequest();
  two.front() = {"child_count", "3"};
  two.insert(two.begin() + 1, {{"children-1-first_names", "Lee"}, {"children-1-last_name", "Example"}});
  two.back() = {"action", "remove-child-1"};
  auto removed = visitor.Send("POST", "/request-for-support", Form(two), kFormHeaders);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_FALSE(Has(removed.body, "value=\"Lee\""));
  EXPECT_TRUE(Has(removed.body, "id=\"children-1-first_names\""));  // the third box is now the second
  EXPECT_FALSE(Has(removed.body, "id=\"children-2-first_names\""));
  EXPECT_TRUE(Has(removed.body, "value=\"Sam\""));
  EXPECT_TRUE(Has(removed.body, "Remove child 2"));
  EXPECT_FALSE(Has(removed.body, "Remove child 1"));  // never the first

  Fields half = PublicRequest();
  half.front() = {"child_count", "2"};
  half.insert(half.begin() + 1, {"children-1-school", "Riverside Primary"});
  auto refused = visitor.Send("POST", "/request-for-support", Form(half), kFormHeaders);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "href=\"#children-1-first_names\">Child 2: ")) << refused.body;

  Fields empty_second = PublicRequest();
  empty_second.front() = {"child_count", "2"};
  empty_second.insert(empty_second.begin() + 1, {"children-1-gender", "not_known"});
  auto sent = visitor.Send("POST", "/request-for-support", Form(empty_second), kFormHeaders);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string reference = ReferenceIn(sent.body);
  ASSERT_FALSE(reference.empty()) << sent.body;
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredContact(officer, reference).at("children").size(), 1u);
}

// WCAG 1.3.1, 3.3.1 and the GOV.UK error summary: a health professional's request with a mistake in
// nearly every box. Each box is described by its error; the summary follows the page (the sender, then
// the form, then each child's boxes in order), says which child every time, child 1 too, links HCR-3's
// "add the details" to the box that needs them, and says a 2-digit year is one.
// RULE HCR-3 RULE HCR-17
TEST_F(PortalPages, HCR3_HCR17_EveryErrorIsReadAtItsBoxAndListedInPageOrder) {
  auto visitor = Client();
  const Fields fields{{"child_count", "2"},
                      {"referrer_type", "health"},
                      {"referrer_name", "Dr Jo Green"},
                      {"referrer_phone", "not a phone"},
                      {"referrer_email", "jo at surgery"},
                      {"children-0-dob-day", "27"},
                      {"children-0-dob-month", "3"},
                      {"children-0-dob-year", "19"},
                      {"children-0-gender", "unknown-value"},
                      {"children-0-address", std::string(600, 'x')},
                      {"children-1-first_names", "Lee"},
                      {"children-1-nhs_number", "123"},
                      {"harm_by_another_child", "yes"},
                      {"action", "send"}};
  auto refused = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const std::string& b = refused.body;
  ExpectErrorLinksResolve(b);
  ExpectSummaryInPageOrder(b);
  ExpectEveryMarkedBoxDescribedByItsError(b);
  EXPECT_TRUE(Has(b, "id=\"referrer_phone\" name=\"referrer_phone\" type=\"tel\" value=\"not a phone\" autocomplete=\"tel\" "
                     "aria-describedby=\"referrer_phone-error\">")) << b;
  EXPECT_TRUE(Has(b, "aria-describedby=\"referrer_email-hint referrer_email-error\""));
  EXPECT_TRUE(Has(b, "aria-describedby=\"concern-hint concern-error\""));
  EXPECT_TRUE(Has(b, "aria-describedby=\"children-0-dob-hint children-0-dob-error\""));
  EXPECT_TRUE(Has(b, "aria-describedby=\"children-1-nhs_number-hint children-1-nhs_number-error\""));
  EXPECT_TRUE(Has(b, "aria-describedby=\"children-0-address-error\""));
  EXPECT_TRUE(Has(b, "aria-describedby=\"children-0-gender-error\""));
  // Child 1's errors say so, as child 2's do.
  EXPECT_TRUE(Has(b, "href=\"#children-0-first_names\">Child 1: ")) << b;
  EXPECT_TRUE(Has(b, "href=\"#children-1-nhs_number\">Child 2: "));
  // GOV.UK's date input: a 2-digit year is named, only the year box is marked, and the link goes to it.
  EXPECT_TRUE(Has(b, "href=\"#children-0-dob-year\">Child 1: Year must include 4 numbers</a>")) << b;
  EXPECT_TRUE(Has(b, "govuk-input--width-2\" id=\"children-0-dob-day\""));
  EXPECT_TRUE(Has(b, "govuk-input--width-4 govuk-input--error\" id=\"children-0-dob-year\""));
  // HCR-3: the details of the child who caused the harm go in child 2's box, where it says which child.
  EXPECT_TRUE(Has(b, "href=\"#children-1-role\">Harm by another child: ")) << b;
  EXPECT_TRUE(Has(b, "aria-describedby=\"children-error\">"));
}

// A date with a box left empty says which box, as GOV.UK's date input does.
TEST_F(PortalPages, ADateWithABoxLeftEmptySaysWhichBox) {
  auto visitor = Client();
  Fields fields = PublicRequest();
  fields.insert(fields.begin() + 1, {{"children-0-dob-day", "27"}, {"children-0-dob-year", "2019"}});
  auto refused = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "href=\"#children-0-dob-month\">Child 1: Date of birth must include a month</a>")) << refused.body;
  // With one child, HCR-3's missing child is added with "Add another child".
  Fields harm = PublicRequest();
  harm.insert(harm.begin() + 1, {"harm_by_another_child", "yes"});
  auto hcr3 = visitor.Send("POST", "/request-for-support", Form(harm), kFormHeaders);
  ASSERT_EQ(hcr3.status, 422) << hcr3.body;
  EXPECT_TRUE(Has(hcr3.body, "href=\"#add-child\">Harm by another child: ")) << hcr3.body;
  ExpectErrorLinksResolve(hcr3.body);
}

// WCAG 1.3.5: the portal's boxes about the sender say what they are for, so a browser can fill them
// in; the staff form's are a caller's details, typed by an officer, and are not filled in.
TEST_F(PortalPages, TheSendersOwnBoxesSayWhatTheyAreFor) {
  auto page = Client().Get("/request-for-support");
  ASSERT_EQ(page.status, 200);
  for (auto [name, purpose] : {std::pair{"referrer_name", "name"}, std::pair{"referrer_role", "organization-title"},
                               std::pair{"referrer_agency", "organization"}, std::pair{"referrer_phone", "tel"},
                               std::pair{"referrer_email", "email"}})
    EXPECT_TRUE(std::regex_search(page.body, std::regex(std::string("id=\"") + name + "\"[^>]*autocomplete=\"" + purpose + "\"")))
        << name;
}

// WCAG 2.4.3, 4.1.3: "Add another child" and "Remove child N" show the form again with the keyboard
// where it was working (the new child's first box, or the children after a removal) and a status line
// saying what happened, not at the top of the page with nothing said. No JavaScript.
TEST_F(PortalPages, AddingOrRemovingAChildKeepsTheKeyboardThereAndSaysSo) {
  auto visitor = Client();
  Fields fields = PublicRequest();
  fields.back() = {"action", "add-child"};
  auto added = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_TRUE(Has(added.body, "id=\"children-status\" role=\"status\">Child 2 added</p>")) << added.body;
  EXPECT_TRUE(std::regex_search(added.body, std::regex("id=\"children-1-first_names\"[^>]*aria-describedby=\"children-status\" autofocus>")));
  EXPECT_FALSE(Has(added.body, "id=\"children-0-first_names\" name=\"children-0-first_names\" type=\"text\" value=\"Sam\" autocomplete=\"off\" spellcheck=\"false\" autofocus"));

  Fields three = PublicRequest();
  three.front() = {"child_count", "3"};
  three.insert(three.begin() + 1, {{"children-1-first_names", "Lee"}, {"children-2-first_names", "Ash"}});
  three.back() = {"action", "remove-child-1"};
  auto removed = visitor.Send("POST", "/request-for-support", Form(three), kFormHeaders);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(Has(removed.body, "id=\"children-status\" role=\"status\" tabindex=\"-1\" autofocus>Child 2 removed</p>"))
      << removed.body;
  EXPECT_FALSE(Has(removed.body, "value=\"Lee\""));
  EXPECT_TRUE(Has(removed.body, "value=\"Ash\""));
  EXPECT_EQ(removed.body.find(" autofocus"), removed.body.rfind(" autofocus"));  // one place only

  // Sent for real, the form shows no such line.
  auto sent = visitor.Send("POST", "/request-for-support", Form(PublicRequest()), kFormHeaders);
  ASSERT_EQ(sent.status, 200);
  EXPECT_FALSE(Has(sent.body, "children-status"));
}

// WCAG 1.4.10: a long e-mail address on the receipt wraps within a 320 px screen instead of
// widening the page (static CSS, for body text and summary lists everywhere).
TEST_F(PortalPages, LongWordsWrapInBodyTextAndSummaryLists) {
  auto css = Client().Get("/static/app.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_TRUE(std::regex_search(css.body, std::regex("\\.govuk-body,[^{]*\\.govuk-summary-list__value[^{]*\\{ overflow-wrap: anywhere; \\}")))
      << css.body;
}

// A request sent twice from the same form (a double click, a refresh of the receipt, the back button)
// is recorded once: the second answer is the first receipt, saying so, and nobody is e-mailed twice.
TEST_F(PortalPages, TheSameRequestSentTwiceIsRecordedOnce) {
  auto visitor = Client();
  const auto blank = visitor.Get("/request-for-support");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(blank.body, match, std::regex("name=\"form_key\" value=\"([A-Za-z0-9_-]{16,})\"")));
  Fields fields = PublicRequest();
  fields.insert(fields.begin(), {"form_key", match[1].str()});
  auto first = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(first.status, 200) << first.body;
  auto again = visitor.Send("POST", "/request-for-support", Form(fields), kFormHeaders);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(ReferenceIn(again.body), ReferenceIn(first.body));
  EXPECT_FALSE(Has(first.body, "You sent this request before"));
  EXPECT_TRUE(Has(again.body, "You sent this request before"));
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredCount(officer), 1);
}

json PortalJson() {
  return {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}}},
          {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
          {"concern", "Shouting every night."},
          {"intake", {{"household", {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"}}}}}};
}

// RULE HCR-16: over the API, a resend with the same Idempotency-Key gets the first receipt again.
TEST_F(PortalApi, HCR16_AResendWithTheSameIdempotencyKeyIsRecordedOnce) {
  auto caller = Client();
  auto first = caller.Send("POST", "/api/v1/portal/contacts", PortalJson().dump(),
                           {{"Content-Type", "application/json"}, {"Idempotency-Key", "portal-7f3a"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("idempotent-replayed"), "false");
  auto again = caller.Send("POST", "/api/v1/portal/contacts", PortalJson().dump(),
                           {{"Content-Type", "application/json"}, {"Idempotency-Key", "portal-7f3a"}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(again.Json().at("reference"), first.Json().at("reference"));
  auto bad = caller.Send("POST", "/api/v1/portal/contacts", PortalJson().dump(),
                         {{"Content-Type", "application/json"}, {"Idempotency-Key", "has space"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredCount(officer), 1);
}

// RULE HCR-16: the public API answers 201 with the receipt and nothing else of the contact.
TEST_F(PortalApi, HCR16_ASubmissionAnswersWithTheReceiptOnly) {
  auto caller = Client();  // no session, no CSRF token
  auto reply = caller.SendJson("POST", "/api/v1/portal/contacts", PortalJson());
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json receipt = reply.Json();
  std::set<std::string> keys;
  for (const auto& [key, value] : receipt.items()) keys.insert(key);
  // When the front door opens again is given only while it is closed (HCR-18), by the clock.
  EXPECT_EQ(keys.erase("front_door_opens") == 1, receipt.at("front_door_open") == false) << reply.body;
  // What happens next, and whether a red form was returned (HCR-9): of what they sent, not of the child;
  // whether the front door is open, and when the decision is due (HCR-18, KCR-8, CAL-3).
  EXPECT_EQ(keys, (std::set<std::string>{"reference", "received_at", "urgent", "urgent_advice",
                                         "acknowledgement_emailed", "returned", "what_happens_next",
                                         "front_door_open", "decision_due"}));
  EXPECT_TRUE(std::regex_match(receipt.at("reference").get<std::string>(), std::regex("FD-\\d{4}-\\d{6}")));
  const std::string received = receipt.at("received_at");
  EXPECT_TRUE(received.ends_with("+00:00") || received.ends_with("+01:00")) << received;  // CAL-1
  EXPECT_EQ(receipt.at("urgent"), false);
  EXPECT_EQ(receipt.at("urgent_advice"), "");
  EXPECT_EQ(receipt.at("acknowledgement_emailed"), false);  // a phone number only
  EXPECT_FALSE(Has(reply.body, "Shouting"));

  auto officer = SignedIn(Role::kContactOfficer);
  const json stored = StoredContact(officer, receipt.at("reference"));
  EXPECT_EQ(stored.at("intake").at("channel"), "portal");
  EXPECT_EQ(stored.at("intake").at("household").at("mental_illness"), "not_known");
}

// RULE HCR-12 RULE HCR-27: a portal contact has no recorder's team, so it belongs to the front door's
// team (configuration `intake.team`): its deadlines are on that team's list, not on nobody's.
TEST_F(PortalApi, HCR12_HCR27_APortalContactsDeadlinesAreOnTheFrontDoorTeamsList) {
  auto caller = Client();
  json body = PortalJson();
  body["intake"]["indicators"] = json::array({"police-protection"});
  auto reply = caller.SendJson("POST", "/api/v1/portal/contacts", body);
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto worker = SignedIn(Role::kSocialWorker);  // in the "Front Door" team
  const json stored = StoredContact(worker, reply.Json().at("reference"));
  auto team = worker.Get("/api/v1/deadlines?scope=team");
  ASSERT_EQ(team.status, 200) << team.body;
  const json items = team.Json().at("items");
  std::set<std::string> listed;
  for (const auto& d : items)
    if (d.at("record").at("id") == stored.at("id")) listed.insert(d.at("timescale").get<std::string>());
  // The test pack (Hertfordshire's) has no immediate-protection timescale: an indicator at receipt
  // starts its 24 hours to decide on a strategy discussion and Section 47 enquiries (HCR-32).
  EXPECT_EQ(listed, (std::set<std::string>{"acknowledgement", "decision", "section-47-decision"})) << team.body;
}

// RULE HCR-12, HCR-13: over the API too, an indicator makes the contact urgent and returns the advice.
TEST_F(PortalApi, HCR12_HCR13_AnIndicatorReturnsTheUrgentAdvice) {
  DuringOpeningHours();  // HCR-18: out of hours the receipt says the centre is closed instead
  auto caller = Client();
  json body = PortalJson();
  body["intake"]["indicators"] = json::array({"police-protection"});
  body["referrer"]["email"] = "jo@example.org";
  auto reply = caller.SendJson("POST", "/api/v1/portal/contacts", body);
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.Json().at("urgent"), true);
  EXPECT_TRUE(Has(reply.Json().at("urgent_advice").get<std::string>(), "999"));
  EXPECT_TRUE(Has(reply.Json().at("urgent_advice").get<std::string>(), kHertsUrgentAdvice));
  EXPECT_EQ(reply.Json().at("acknowledgement_emailed"), true);
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredContact(officer, reply.Json().at("reference")).at("urgent"), true);
}

// RULE HCR-20, HCR-21: the API refuses (422, naming the field) an anonymous professional, anonymity
// without its limits confirmed and an indicator the pack does not have; nothing is stored.
TEST_F(PortalApi, HCR20_HCR21_InvalidSubmissionsAre422NamingTheField) {
  auto caller = Client();
  json professional = PortalJson();
  professional["referrer"] = {{"type", "school"}, {"anonymous", true}, {"agency", "Riverside Primary"}};
  professional["intake"]["anonymity_limits_explained"] = true;
  auto refused = caller.SendJson("POST", "/api/v1/portal/contacts", professional);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  EXPECT_TRUE(NamesField(refused, "referrer.anonymous"));

  json anonymous = PortalJson();
  anonymous["referrer"] = {{"type", "member_of_public"}, {"anonymous", true}};
  auto unexplained = caller.SendJson("POST", "/api/v1/portal/contacts", anonymous);
  ASSERT_EQ(unexplained.status, 422) << unexplained.body;
  EXPECT_TRUE(NamesField(unexplained, "intake.anonymity_limits_explained"));

  json unknown = PortalJson();
  unknown["intake"]["indicators"] = json::array({"imminent-risk", "not-an-indicator"});
  auto bad_indicator = caller.SendJson("POST", "/api/v1/portal/contacts", unknown);
  ASSERT_EQ(bad_indicator.status, 422) << bad_indicator.body;
  EXPECT_TRUE(NamesField(bad_indicator, "intake.indicators[1]"));

  auto not_json = caller.Send("POST", "/api/v1/portal/contacts", "referrer_type=school", kFormHeaders);
  EXPECT_EQ(not_json.status, 415);

  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredCount(officer), 0);
}

// --- the limit per address ------------------------------------------------------------------------

// RULE KCR-8 RULE HCR-27: every portal request makes a contact with a decision deadline (and may
// e-mail an address the sender chose), so one address may send 10 in an hour (`portal.requests_per_hour`);
// the 11th is 429 with Retry-After, nothing is recorded, and the answer says to phone the front door.
// Requests sent back for a correction do not count; the page and the API share the allowance; an
// hour later the address may send again.
TEST_F(PortalApi, KCR8_HCR27_TheEleventhRequestInAnHourFromOneAddressIs429AndSaysToPhone) {
  DuringOpeningHours();  // HCR-18: out of hours whom to call is the out-of-hours service, not the centre
  auto caller = Client();
  json anonymous = PortalJson();
  anonymous["referrer"] = {{"type", "member_of_public"}, {"anonymous", true}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(caller.SendJson("POST", "/api/v1/portal/contacts", anonymous).status, 422);
  for (int i = 0; i < 10; ++i) {
    auto sent = caller.SendJson("POST", "/api/v1/portal/contacts", PortalJson());
    ASSERT_EQ(sent.status, 201) << "request " << i + 1 << ": " << sent.body;
  }
  auto refused = caller.SendJson("POST", "/api/v1/portal/contacts", PortalJson());
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  const int retry_after = std::stoi(refused.Header("retry-after"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 3600);
  const std::string detail = refused.Json().at("detail");
  EXPECT_TRUE(Has(detail, "phone us")) << detail;
  EXPECT_TRUE(Has(detail, kHertsUrgentAdvice)) << detail;  // the pack's words, with its number
  EXPECT_FALSE(Has(refused.body, "Shouting"));              // nothing of the request is echoed

  auto page = caller.Send("POST", "/request-for-support", Form(PublicRequest()), kFormHeaders);
  EXPECT_EQ(page.status, 429);
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredCount(officer), 10);

  clock_.Advance(std::chrono::hours{1});
  EXPECT_EQ(caller.SendJson("POST", "/api/v1/portal/contacts", PortalJson()).status, 201);
  EXPECT_EQ(StoredCount(officer), 11);
}

// RULE KCR-8 RULE HCR-27: on the page, a request over the limit is 429 with Retry-After and the form
// again with everything typed in it, saying it was not sent and to phone: a concern about a child is
// never silently lost.
TEST_F(PortalPages, KCR8_HCR27_ARequestOverTheLimitKeepsWhatWasTypedAndSaysToPhone) {
  DuringOpeningHours();  // HCR-18: out of hours whom to call is the out-of-hours service, not the centre
  auto visitor = Client();
  for (int i = 0; i < 10; ++i) {
    auto sent = visitor.Send("POST", "/request-for-support", Form(PublicRequest()), kFormHeaders);
    ASSERT_EQ(sent.status, 200) << "request " << i + 1;
    ASSERT_TRUE(Has(sent.body, "Request received"));
  }
  auto refused = visitor.Send("POST", "/request-for-support", Form(PublicRequest()), kFormHeaders);
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_FALSE(refused.Header("retry-after").empty());
  EXPECT_TRUE(Has(refused.body, "Your request has not been sent"));
  EXPECT_TRUE(Has(refused.body, "Everything you wrote is still in the form below"));
  EXPECT_TRUE(Has(refused.body, kHertsUrgentAdvice));
  EXPECT_FALSE(Has(refused.body, "Request received"));
  // What they typed, in the form, to copy or send later.
  EXPECT_TRUE(Has(refused.body, "Sam was outside at midnight.</textarea>")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "value=\"Jo Neighbour\""));
  EXPECT_TRUE(Has(refused.body, "value=\"jo@example.org\""));
  EXPECT_TRUE(Has(refused.body, "value=\"Sam\""));
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(StoredCount(officer), 10);
}

// --- the staff form's intake questions -----------------------------------------------------------

std::string SignInThroughPage(HttpClient& client) {
  auto reply = client.Send("POST", "/sign-in",
                           Form({{"username", "contact_officer"}, {"password", kTestPassword}, {"next", "/"}}), kFormHeaders);
  EXPECT_EQ(reply.status, 303);
  auto form = client.Get("/contacts/new");
  std::smatch match;
  std::regex token("name=\"csrf_token\" value=\"([^\"]+)\"");
  EXPECT_TRUE(std::regex_search(form.body, match, token));
  return match.size() > 1 ? match[1].str() : "";
}

std::string SummaryRow(const std::string& key, const std::string& value) {
  return "<dt class=\"govuk-summary-list__key\">" + key + "</dt><dd class=\"govuk-summary-list__value\">" + value + "</dd>";
}

using PagesIntake = ApiTest;

// RULE KCR-6: the household questions are asked and answered yes, no or not known.
// RULE HCR-3: harm by another child, with that child recorded in their role.
// RULE HCR-17: the child's NHS number is taken and kept.
// RULE HCR-12: an indicator on the staff form makes the contact urgent.
// RULE KCR-7: the contact page shows the checklist, each item given or missing.
TEST_F(PagesIntake, KCR6_HCR3_HCR17_TheStaffFormsIntakeRoundTripsOntoTheContactPage) {
  auto client = Client();
  const std::string csrf = SignInThroughPage(client);
  auto reply = client.Send("POST", "/contacts",
                           Form({{"csrf_token", csrf},
                                 {"child_count", "2"},
                                 {"channel", "email"},
                                 {"form", "red"},  // a safeguarding concern (HCR-11)
                                 {"referrer_type", "school"},
                                 {"referrer_name", "Priya Shah"},
                                 {"referrer_agency", "Riverside Primary"},
                                 {"referrer_phone", "01632 960 001"},  // KCR-17: not a secure address
                                 {"referrer_email", "dsl@riverside.example.sch.uk"},
                                 {"passing_on_concern_of", "Ms Green, teaching assistant"},
                                 {"children-0-first_names", "Mia"},
                                 {"children-0-last_name", "Example"},
                                 {"children-0-nhs_number", "943 476 5919"},
                                 {"children-0-role", "subject"},
                                 {"children-1-first_names", "Leo"},
                                 {"children-1-last_name", "Older"},
                                 {"children-1-role", "harming_child"},
                                 {"harm_by_another_child", "yes"},
                                 {"concern", "Mia has bruises she says Leo caused."},
                                 {"indicators", "unexplained-injuries"},
                                 {"household-domestic_abuse", "yes"},
                                 {"household-mental_illness", "no"},
                                 {"household-substance_misuse", "not_known"},
                                 {"household-learning_difficulties", "no"},
                                 {"information-parental_responsibility", "Mother, Ann Example"},
                                 {"action", "record"}}),
                           kFormHeaders);
  ASSERT_EQ(reply.status, 303) << reply.body;
  auto page = client.Get(reply.Header("location"));
  ASSERT_EQ(page.status, 200);
  const std::string& b = page.body;
  EXPECT_TRUE(Has(b, "<strong class=\"govuk-tag govuk-tag--red\">Urgent</strong>"));
  EXPECT_TRUE(Has(b, "Where it went"));
  EXPECT_TRUE(Has(b, "E-mail"));
  EXPECT_TRUE(Has(b, "Red form: child protection"));
  EXPECT_TRUE(Has(b, "Ms Green, teaching assistant"));
  // KCR-6
  EXPECT_TRUE(Has(b, SummaryRow("Domestic abuse in the household", "Yes")));
  EXPECT_TRUE(Has(b, SummaryRow("Mental illness in the household", "No")));
  EXPECT_TRUE(Has(b, SummaryRow("Substance misuse in the household", "Not known")));
  // HCR-12: the indicator by its label in the pack.
  EXPECT_TRUE(Has(b, "<li>Injuries with no reasonable explanation</li>"));
  // HCR-3 and HCR-17
  EXPECT_TRUE(Has(b, "Leo Older"));
  EXPECT_TRUE(Has(b, "Child said to have caused the harm"));
  EXPECT_TRUE(Has(b, "943 476 5919"));
  // KCR-7
  EXPECT_TRUE(Has(b, "Who holds parental responsibility</dt><dd class=\"govuk-summary-list__value\"><strong class=\"govuk-tag govuk-tag--green\">Given</strong>"));
  EXPECT_TRUE(Has(b, "Mother, Ann Example"));
  EXPECT_TRUE(Has(b, "Special needs and communication</dt><dd class=\"govuk-summary-list__value\"><strong class=\"govuk-tag govuk-tag--yellow\">Missing</strong>"));

  // And the same over the API.
  auto id = reply.Header("location").substr(std::string("/contacts/").size());
  id = id.substr(0, id.find('?'));
  auto stored = client.Get("/api/v1/contacts/" + id).Json();
  EXPECT_EQ(stored.at("urgent"), true);
  EXPECT_EQ(stored.at("intake").at("channel"), "email");
  EXPECT_EQ(stored.at("intake").at("household").at("learning_difficulties"), "no");
  EXPECT_EQ(stored.at("children").at(0).at("nhs_number"), "9434765919");
  EXPECT_EQ(stored.at("children").at(1).at("role"), "harming_child");
  EXPECT_EQ(stored.at("intake").at("harm_by_another_child"), true);
}

// A refused staff form keeps every intake answer and links each error to an input on the page.
TEST_F(PagesIntake, HCR3_HCR17_RefusedIntakeAnswersAreKeptAndEveryErrorLinksToItsInput) {
  auto client = Client();
  const std::string csrf = SignInThroughPage(client);
  auto reply = client.Send("POST", "/contacts",
                           Form({{"csrf_token", csrf},
                                 {"child_count", "2"},
                                 {"channel", "in_person"},
                                 {"form", "red"},                        // a member of the public: no forms
                                 {"referrer_type", "member_of_public"},
                                 {"referrer_name", "Jo Neighbour"},
                                 {"referrer_phone", "01632 960 001"},
                                 {"children-0-first_names", "Mia"},
                                 {"children-0-nhs_number", "943 476 5918"},  // wrong check digit
                                 {"children-0-dob-day", "31"},                // 31 February
                                 {"children-0-dob-month", "2"},
                                 {"children-0-dob-year", "2019"},
                                 {"children-1-first_names", "Leo"},
                                 {"children-1-role", "harming_child"},     // but harm by another child not ticked
                                 {"allegation_against_professional", "yes"},
                                 {"concern", "Worried."},
                                 {"indicators", "no-such-indicator"},
                                 {"household-domestic_abuse", "maybe"},
                                 {"household-mental_illness", "not_known"},
                                 {"hub_consultation", std::string(1200, 'x')},
                                 {"information-identity", "White British, English"},
                                 {"action", "record"}}),
                           kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  const std::string& b = reply.body;
  for (const char* id : {"#form", "#children-0-nhs_number", "#harm_by_another_child", "#indicators",
                         "#household-domestic_abuse", "#hub_consultation"})
    EXPECT_TRUE(Has(b, std::string("href=\"") + id + "\"")) << id;
  ExpectErrorLinksResolve(b);
  ExpectSummaryInPageOrder(b);
  ExpectEveryMarkedBoxDescribedByItsError(b);
  EXPECT_TRUE(Has(b, "id=\"channel-in_person\" name=\"channel\" type=\"radio\" value=\"in_person\" checked"));
  EXPECT_TRUE(Has(b, "id=\"form-red\" name=\"form\" type=\"radio\" value=\"red\" checked"));
  EXPECT_TRUE(Has(b, "value=\"943 476 5918\""));
  EXPECT_TRUE(Has(b, "<option value=\"harming_child\" selected>"));
  EXPECT_TRUE(Has(b, "id=\"allegation_against_professional\" name=\"allegation_against_professional\" type=\"checkbox\" value=\"yes\" checked"));
  EXPECT_TRUE(Has(b, "id=\"household-mental_illness-not_known\" name=\"household-mental_illness\" type=\"radio\" value=\"not_known\" checked"));
  EXPECT_TRUE(Has(b, "White British, English</textarea>"));
  EXPECT_TRUE(Has(b, "<details class=\"govuk-details\" open>"));  // the checklist opens when it holds answers
  // The date message gives the example as the boxes take it, not the API's ISO form.
  EXPECT_TRUE(Has(b, "Date of birth must be a real date, like 27 3 2019"));
  EXPECT_FALSE(Has(b, "2019-03-27"));
  EXPECT_TRUE(Has(b, "href=\"#children-0-dob-day\""));
}

// The staff form's add and remove keep the officer's place as the portal's do, and its boxes about the
// caller are never filled in from the officer's browser (WCAG 1.3.5 is about the user's own details).
TEST_F(PagesIntake, AddingAChildOnTheStaffFormKeepsThePlaceAndCallerBoxesStayOff) {
  auto client = Client();
  const std::string csrf = SignInThroughPage(client);
  auto form = client.Get("/contacts/new");
  for (const char* name : {"referrer_name", "referrer_agency", "referrer_phone", "referrer_email"})
    EXPECT_TRUE(std::regex_search(form.body, std::regex(std::string("id=\"") + name + "\"[^>]*autocomplete=\"off\""))) << name;
  auto added = client.Send("POST", "/contacts",
                           Form({{"csrf_token", csrf}, {"child_count", "2"}, {"children-0-first_names", "Mia"},
                                 {"action", "add-child"}}),
                           kFormHeaders);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_TRUE(Has(added.body, "role=\"status\">Child 3 added</p>"));
  EXPECT_TRUE(std::regex_search(added.body, std::regex("id=\"children-2-first_names\"[^>]*autofocus>")));
  auto removed = client.Send("POST", "/contacts",
                             Form({{"csrf_token", csrf}, {"child_count", "2"}, {"children-0-first_names", "Mia"},
                                   {"action", "remove-child-1"}}),
                             kFormHeaders);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(Has(removed.body, "role=\"status\" tabindex=\"-1\" autofocus>Child 2 removed</p>"));
}

}  // namespace
}  // namespace fd::testing
