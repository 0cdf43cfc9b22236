// KCR-14 and issue 8 point 2 over HTTP: a member of the public's identity is disclosed outside the
// front door only on their recorded consent or a team manager's authorisation (never the manager's
// own request), and every disclosure is recorded and audited without the referrer's identity.
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "mia_example.h"
#include "store/retention_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

// application/x-www-form-urlencoded, every byte but letters and digits escaped.
std::string Form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out += '&';
    out += key + '=';
    for (unsigned char ch : value) {
      if (std::isalnum(ch)) out += static_cast<char>(ch);
      else out += fmt::format("%{:02X}", ch);
    }
  }
  return out;
}

json Disclosure(const std::string& basis) {
  return {{"recipient_name", "Ms Head"},
          {"recipient_organisation", "Orchard Primary School"},
          {"reason", "The school will arrange support for the child and needs to know who raised it"},
          {"basis", basis}};
}

const char* const kSecrets[] = {"Jo Neighbour", "07700 900123", "jo.neighbour@example.com"};

class ReferrerDisclosure : public ApiTest {
 protected:
  std::int64_t Record(const std::string& type = "member_of_public") {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/contacts", JoAboutMia(type));
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().at("id").get<std::int64_t>();
  }
  static std::string Api(std::int64_t id, const std::string& what) {
    return "/api/v1/contacts/" + std::to_string(id) + "/" + what;
  }
  // The payloads of the audit events of `action` about the contact.
  std::vector<std::string> Payloads(std::int64_t id, const std::string& action) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    std::vector<std::string> out;
    for (const auto& row : tx->Query("SELECT changes FROM audit_events WHERE action = ? AND record_type = 'contact' "
                                     "AND record_id = ? ORDER BY seq",
                                     {action, std::to_string(id)}))
      out.push_back(row.Text(0));
    return out;
  }
  std::int64_t Count(const std::string& table, std::int64_t id) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    if (table == "referrer_consents")
      return tx->Query("SELECT COUNT(*) FROM referrer_consents WHERE contact_id = ?", {id}).at(0).Int(0);
    return tx->Query("SELECT COUNT(*) FROM referrer_disclosures WHERE contact_id = ?", {id}).at(0).Int(0);
  }
};

// RULE KCR-14: with no consent on record the disclosure is refused, naming the field and the evidence needed.
TEST_F(ReferrerDisclosure, KCR14_RefusedWithoutConsentNamingTheEvidenceNeeded) {
  const auto id = Record();
  auto worker = SignedIn(Role::kSocialWorker);
  auto refused = worker.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto errors = refused.Json().at("errors");
  ASSERT_EQ(errors.size(), 1u) << refused.body;
  EXPECT_EQ(errors[0].at("field"), "basis");
  const auto message = errors[0].at("message").get<std::string>();
  EXPECT_NE(message.find("no consent from the referrer on record"), std::string::npos) << message;
  EXPECT_NE(message.find("record their consent"), std::string::npos) << message;
  for (const char* secret : kSecrets) EXPECT_EQ(refused.body.find(secret), std::string::npos);
  EXPECT_EQ(Count("referrer_disclosures", id), 0);
  EXPECT_TRUE(Payloads(id, "referrer.identity_disclosed").empty());

  auto missing = worker.SendJson("POST", Api(id, "referrer-disclosures"), json::object());
  ASSERT_EQ(missing.status, 422);
  std::set<std::string> fields;
  const auto missing_body = missing.Json();
  for (const auto& e : missing_body.at("errors")) fields.insert(e.at("field").get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"recipient_name", "recipient_organisation", "reason", "basis"}));
  auto mistyped = worker.SendJson("POST", Api(id, "referrer-disclosures"), {{"recipient_name", 4}, {"whom", "x"}});
  ASSERT_EQ(mistyped.status, 422);
  EXPECT_EQ(mistyped.Json().at("errors").size(), 2u);
}

// RULE KCR-14: a later "no" withdraws an earlier "yes".
TEST_F(ReferrerDisclosure, KCR14_RefusedAfterConsentWithdrawn) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  ASSERT_EQ(officer
                .SendJson("POST", Api(id, "referrer-consent"),
                          {{"given", "yes"}, {"method", "phone"}, {"covers", "May be named to the school"}})
                .status,
            201);
  auto no = officer.SendJson("POST", Api(id, "referrer-consent"), {{"given", "no"}, {"method", "in-writing"}});
  ASSERT_EQ(no.status, 201) << no.body;
  EXPECT_EQ(no.Json().at("consent").at("given"), "no");
  auto refused = officer.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "basis");
  const auto message = refused.Json().at("errors").at(0).at("message").get<std::string>();
  EXPECT_NE(message.find("was no"), std::string::npos) << message;
  EXPECT_NE(message.find("withdrew their earlier consent"), std::string::npos) << message;
  EXPECT_EQ(Count("referrer_disclosures", id), 0);

  auto invalid = officer.SendJson("POST", Api(id, "referrer-consent"), {{"given", "yes"}, {"method", "e-mail"}});
  ASSERT_EQ(invalid.status, 422);
  std::set<std::string> fields;
  const auto invalid_body = invalid.Json();
  for (const auto& e : invalid_body.at("errors")) fields.insert(e.at("field").get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"method", "covers"}));
}

// RULE KCR-14: on the referrer's yes the disclosure goes: the answer gives the identity to pass on,
// and the disclosure is recorded (to whom, why, basis, by whom, when) and audited.
TEST_F(ReferrerDisclosure, KCR14_AllowedWithConsentRecordedAndAudited) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  auto consent = officer.SendJson("POST", Api(id, "referrer-consent"),
                                  {{"given", "yes"}, {"method", "phone"}, {"covers", "May be named to the school"}});
  ASSERT_EQ(consent.status, 201) << consent.body;
  const auto consent_id = consent.Json().at("consent").at("id").get<std::int64_t>();

  auto worker = SignedIn(Role::kSocialWorker);
  auto disclosed = worker.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
  ASSERT_EQ(disclosed.status, 201) << disclosed.body;
  const auto body = disclosed.Json();
  EXPECT_EQ(body.at("referrer").at("name"), "Jo Neighbour");
  EXPECT_EQ(body.at("referrer").at("phone"), "07700 900123");
  EXPECT_EQ(body.at("disclosure").at("basis"), "referrer-consent");
  EXPECT_EQ(body.at("disclosure").at("consent_id"), consent_id);
  EXPECT_EQ(body.at("disclosure").at("disclosed_by"), "Test social_worker");

  auto list = worker.Get(Api(id, "referrer-disclosures"));
  ASSERT_EQ(list.status, 200) << list.body;
  const auto record = list.Json();
  EXPECT_EQ(record.at("identity_protected"), true);
  ASSERT_EQ(record.at("consents").size(), 1u);
  EXPECT_EQ(record.at("consents").at(0).at("recorded_by"), "Test contact_officer");
  ASSERT_EQ(record.at("disclosures").size(), 1u);
  const auto d = record.at("disclosures").at(0);
  EXPECT_EQ(d.at("recipient_name"), "Ms Head");
  EXPECT_EQ(d.at("recipient_organisation"), "Orchard Primary School");
  EXPECT_EQ(d.at("basis"), "referrer-consent");
  EXPECT_FALSE(d.at("disclosed_at").get<std::string>().empty());
  for (const char* secret : kSecrets) EXPECT_EQ(list.body.find(secret), std::string::npos) << secret;

  const auto audited = Payloads(id, "referrer.identity_disclosed");
  ASSERT_EQ(audited.size(), 1u);
  const auto payload = json::parse(audited[0]);
  EXPECT_EQ(payload.at("basis"), "referrer-consent");
  EXPECT_EQ(payload.at("consent_id"), consent_id);
  EXPECT_EQ(payload.at("recipient_organisation"), "Orchard Primary School");
  EXPECT_EQ(Payloads(id, "referrer.consent_recorded").size(), 1u);
  EXPECT_EQ(Count("referrer_disclosures", id), 1);
}

// RULE KCR-14: a team manager authorises with a reason at a colleague's request — never their own;
// others cannot claim a manager's authorisation.
TEST_F(ReferrerDisclosure, KCR14_ManagerAuthorisationNeverOnesOwn) {
  const auto id = Record();
  auto authorised = Disclosure("manager-authorisation");
  authorised["requested_by"] = "social_worker";
  authorised["authorisation_reason"] = "Court order of 2 May requires the referrer to be named";

  auto worker = SignedIn(Role::kSocialWorker);
  auto claimed = worker.SendJson("POST", Api(id, "referrer-disclosures"), authorised);
  ASSERT_EQ(claimed.status, 422) << claimed.body;
  EXPECT_EQ(claimed.Json().at("errors").at(0).at("field"), "basis");
  EXPECT_NE(claimed.body.find("Only a team manager"), std::string::npos);

  auto manager = SignedIn(Role::kTeamManager);
  auto own = authorised;
  own["requested_by"] = "team_manager";
  auto refused = manager.SendJson("POST", Api(id, "referrer-disclosures"), own);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "requested_by");
  EXPECT_NE(refused.body.find("cannot authorise your own request"), std::string::npos);
  auto no_reason = authorised;
  no_reason.erase("authorisation_reason");
  auto unexplained = manager.SendJson("POST", Api(id, "referrer-disclosures"), no_reason);
  ASSERT_EQ(unexplained.status, 422);
  EXPECT_EQ(unexplained.Json().at("errors").at(0).at("field"), "authorisation_reason");
  EXPECT_EQ(Count("referrer_disclosures", id), 0);

  // The referrer said no; a court order outweighs it, authorised by a manager at a colleague's request.
  ASSERT_EQ(worker.SendJson("POST", Api(id, "referrer-consent"), {{"given", "no"}, {"method", "in-person"}}).status,
            201);
  auto disclosed = manager.SendJson("POST", Api(id, "referrer-disclosures"), authorised);
  ASSERT_EQ(disclosed.status, 201) << disclosed.body;
  EXPECT_EQ(disclosed.Json().at("referrer").at("name"), "Jo Neighbour");
  const auto d = disclosed.Json().at("disclosure");
  EXPECT_EQ(d.at("basis"), "manager-authorisation");
  EXPECT_EQ(d.at("authorised_by"), "Test team_manager");
  EXPECT_EQ(d.at("requested_by"), "Test social_worker");
  EXPECT_EQ(d.at("consent_id"), nullptr);

  // A second manager's request, authorised by the first.
  ASSERT_TRUE(app::CreateUser(*ctx_, std::nullopt,
                              {"second_manager", "Second Manager", "", Role::kTeamManager, "Front Door", kTestPassword})
                  .has_value());
  auto for_manager = authorised;
  for_manager["requested_by"] = "second_manager";
  EXPECT_EQ(manager.SendJson("POST", Api(id, "referrer-disclosures"), for_manager).status, 201);
  auto hub_request = authorised;
  hub_request["requested_by"] = "hub_adviser";  // may not ask for the identity at all
  auto hub_refused = manager.SendJson("POST", Api(id, "referrer-disclosures"), hub_request);
  ASSERT_EQ(hub_refused.status, 422);
  EXPECT_EQ(hub_refused.Json().at("errors").at(0).at("field"), "requested_by");

  const auto audited = Payloads(id, "referrer.identity_disclosed");
  ASSERT_EQ(audited.size(), 2u);
  const auto payload = json::parse(audited[0]);
  EXPECT_EQ(payload.at("basis"), "manager-authorisation");
  EXPECT_NE(payload.at("authorised_by"), payload.at("requested_by"));
}

// RULE KCR-14: a professional's identity is not protected: consent and disclosure do not apply.
TEST_F(ReferrerDisclosure, KCR14_ProfessionalReferrerNotApplicable) {
  const auto id = Record("school");
  auto officer = SignedIn(Role::kContactOfficer);
  auto consent = officer.SendJson("POST", Api(id, "referrer-consent"),
                                  {{"given", "yes"}, {"method", "phone"}, {"covers", "anything"}});
  ASSERT_EQ(consent.status, 409) << consent.body;
  EXPECT_NE(consent.body.find("professional"), std::string::npos);
  auto disclosed = officer.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
  ASSERT_EQ(disclosed.status, 409) << disclosed.body;
  EXPECT_NE(disclosed.body.find("nothing to disclose"), std::string::npos);
  auto list = officer.Get(Api(id, "referrer-disclosures"));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json().at("identity_protected"), false);
}

// RULE KCR-14: hub advisers, analysts and the data protection officer may record or disclose none of
// it (the data protection officer only reads the list); an unknown contact is 404.
TEST_F(ReferrerDisclosure, KCR14_RefusedRoles) {
  const auto id = Record();
  for (Role role : {Role::kHubAdviser, Role::kAnalyst, Role::kDataProtectionOfficer}) {
    auto client = SignedIn(role);
    EXPECT_EQ(client.SendJson("POST", Api(id, "referrer-consent"), {{"given", "yes"}, {"method", "phone"},
                                                                    {"covers", "school"}})
                  .status,
              403)
        << RoleId(role);
    auto disclosed = client.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
    EXPECT_EQ(disclosed.status, 403) << RoleId(role);
    for (const char* secret : kSecrets) EXPECT_EQ(disclosed.body.find(secret), std::string::npos);
    // The data protection officer keeps the ledger and may read the list (it holds no identity).
    EXPECT_EQ(client.Get(Api(id, "referrer-disclosures")).status, role == Role::kDataProtectionOfficer ? 200 : 403)
        << RoleId(role);
    const std::string page = "/contacts/" + std::to_string(id) + "/referrer";
    EXPECT_EQ(client.Send("POST", page + "/consent", Form({{"csrf_token", client.csrf_token}, {"given", "yes"}}),
                          kForm)
                  .status,
              403)
        << RoleId(role);
    EXPECT_EQ(client.Send("POST", page + "/disclosures", Form({{"csrf_token", client.csrf_token}}), kForm).status,
              403)
        << RoleId(role);
  }
  EXPECT_EQ(Count("referrer_consents", id), 0);
  auto worker = SignedIn(Role::kSocialWorker);
  EXPECT_EQ(worker.Get(Api(id + 1000, "referrer-disclosures")).status, 404);
  EXPECT_EQ(worker.SendJson("POST", Api(id + 1000, "referrer-disclosures"), Disclosure("referrer-consent")).status,
            404);
  EXPECT_EQ(worker.SendJson("POST", Api(id + 1000, "referrer-consent"), {{"given", "no"}, {"method", "phone"}}).status,
            404);
}

// RULE KCR-14: the page records consent and discloses, with the error summary and the input kept.
TEST_F(ReferrerDisclosure, KCR14_PageFormsKeepInputAndShowErrors) {
  const auto id = Record();
  const std::string page = "/contacts/" + std::to_string(id) + "/referrer";
  auto officer = SignedIn(Role::kContactOfficer);
  auto shown = officer.Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Consent to share the referrer's identity"), std::string::npos);
  EXPECT_NE(shown.body.find("Disclose the referrer's identity"), std::string::npos);
  EXPECT_NE(shown.body.find("action=\"" + page + "/consent\""), std::string::npos);
  EXPECT_NE(shown.body.find("action=\"" + page + "/disclosures\""), std::string::npos);
  std::size_t csrf_fields = 0;
  for (auto pos = shown.body.find("name=\"csrf_token\""); pos != std::string::npos;
       pos = shown.body.find("name=\"csrf_token\"", pos + 1))
    ++csrf_fields;
  EXPECT_GE(csrf_fields, 3u);  // reveal, consent, disclosure (the layout's sign-out may add one)
  EXPECT_EQ(shown.body.find("requested_by"), std::string::npos);  // a manager's fields: managers only

  // The same disclosure is asked for before and after the referrer's consent is recorded.
  auto disclose_to_school = [&] {
    return officer.Send("POST", page + "/disclosures",
                        Form({{"csrf_token", officer.csrf_token},
                              {"recipient_name", "Ms Head"},
                              {"recipient_organisation", "Orchard Primary School"},
                              {"disclosure_reason", "Support at school"},
                              {"basis", "referrer-consent"}}),
                        kForm);
  };
  // Disclosing with no consent: the summary names the basis, and what was typed stays.
  auto refused = disclose_to_school();
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(refused.body.find("href=\"#basis\""), std::string::npos);
  EXPECT_NE(refused.body.find("no consent from the referrer on record"), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Orchard Primary School\""), std::string::npos);
  EXPECT_NE(refused.body.find(">Support at school</textarea>"), std::string::npos);
  for (const char* secret : kSecrets) EXPECT_EQ(refused.body.find(secret), std::string::npos);

  // A yes without what it covers: refused, the choices kept.
  auto incomplete = officer.Send(
      "POST", page + "/consent", Form({{"csrf_token", officer.csrf_token}, {"given", "yes"}, {"method", "in-person"}}),
      kForm);
  ASSERT_EQ(incomplete.status, 422) << incomplete.body;
  EXPECT_NE(incomplete.body.find("href=\"#covers\""), std::string::npos);
  EXPECT_NE(incomplete.body.find("value=\"in-person\" checked"), std::string::npos);
  EXPECT_NE(incomplete.body.find("value=\"yes\" checked"), std::string::npos);

  auto recorded = officer.Send("POST", page + "/consent",
                               Form({{"csrf_token", officer.csrf_token},
                                     {"given", "yes"},
                                     {"method", "in-person"},
                                     {"covers", "May be named to the school"}}),
                               kForm);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  EXPECT_EQ(recorded.Header("location"), page + "?done=consent-yes#consent");
  auto after = officer.Get(page + "?done=consent-yes");
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("The referrer&apos;s consent was recorded"), std::string::npos);
  EXPECT_NE(after.body.find("May be named to the school"), std::string::npos);

  auto disclosed = disclose_to_school();
  ASSERT_EQ(disclosed.status, 200) << disclosed.body;
  EXPECT_NE(disclosed.body.find("Jo Neighbour"), std::string::npos);  // the disclosure itself
  EXPECT_NE(disclosed.body.find("Ms Head, Orchard Primary School"), std::string::npos);

  auto listed = officer.Get(page);
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("Ms Head, Orchard Primary School"), std::string::npos);
  for (const char* secret : kSecrets) EXPECT_EQ(listed.body.find(secret), std::string::npos) << secret;

  // A manager sees the authorisation fields; their own request is refused with the input kept.
  auto manager = SignedIn(Role::kTeamManager);
  auto own = manager.Send("POST", page + "/disclosures",
                          Form({{"csrf_token", manager.csrf_token},
                                {"recipient_name", "DC Smith"},
                                {"recipient_organisation", "Hertfordshire Police"},
                                {"disclosure_reason", "Witness statement"},
                                {"basis", "manager-authorisation"},
                                {"requested_by", "team_manager"},
                                {"authorisation_reason", "Court order"}}),
                          kForm);
  ASSERT_EQ(own.status, 422) << own.body;
  EXPECT_NE(own.body.find("href=\"#requested_by\""), std::string::npos);
  EXPECT_NE(own.body.find("value=\"team_manager\""), std::string::npos);
  EXPECT_NE(own.body.find("value=\"manager-authorisation\" checked"), std::string::npos);
  EXPECT_NE(own.body.find(">Court order</textarea>"), std::string::npos);
}

// RULE KCR-14: the consent and disclosure audit events carry ids, the basis and the organisation,
// never the referrer's identity (nor what the consent says, which may name them).
TEST_F(ReferrerDisclosure, KCR14_IdentityNeverInTheAuditPayloads) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  ASSERT_EQ(officer
                .SendJson("POST", Api(id, "referrer-consent"),
                          {{"given", "yes"}, {"method", "phone"}, {"covers", "Jo Neighbour may be named to the school"}})
                .status,
            201);
  ASSERT_EQ(officer.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent")).status, 201);
  auto manager = SignedIn(Role::kTeamManager);
  auto authorised = Disclosure("manager-authorisation");
  authorised["requested_by"] = "contact_officer";
  authorised["authorisation_reason"] = "Court order naming Jo Neighbour";
  ASSERT_EQ(manager.SendJson("POST", Api(id, "referrer-disclosures"), authorised).status, 201);

  std::size_t events = 0;
  for (const char* action : {"referrer.consent_recorded", "referrer.identity_disclosed"})
    for (const auto& payload : Payloads(id, action)) {
      ++events;
      for (const char* secret : kSecrets) EXPECT_EQ(payload.find(secret), std::string::npos) << action << ": " << payload;
      EXPECT_EQ(payload.find("Neighbour"), std::string::npos) << payload;
    }
  EXPECT_EQ(events, 3u);
}

// RULE KCR-14 (issue 12 point 2): a disclosure of the referrer's identity through the page is a row of
// the lawful-basis ledger: what kind of details went (never the details), to whom, on what basis, by
// whom, when, about the contact's children; so the data protection officer finds it on the linked
// child's disclosures, and reads the contact's list with no identity and no free text.
TEST_F(ReferrerDisclosure, KCR14_DisclosureIsInTheLedgerForTheDataProtectionOfficer) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  auto consent = officer.SendJson("POST", Api(id, "referrer-consent"),
                                  {{"given", "yes"}, {"method", "phone"}, {"covers", "Jo Neighbour may be named"}});
  ASSERT_EQ(consent.status, 201) << consent.body;
  const std::string page = "/contacts/" + std::to_string(id) + "/referrer";
  auto disclosed = officer.Send("POST", page + "/disclosures",
                                Form({{"csrf_token", officer.csrf_token},
                                      {"recipient_name", "Ms Head"},
                                      {"recipient_organisation", "Orchard Primary School"},
                                      {"disclosure_reason", "Support at school"},
                                      {"basis", "referrer-consent"}}),
                                kForm);
  ASSERT_LT(disclosed.status, 400) << disclosed.body;

  auto person = SignedIn(Role::kSocialWorker)
                    .SendJson("POST", "/api/v1/people",
                              {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                               {"gender", "female"}, {"address", "12 Orchard Way"}});
  ASSERT_EQ(person.status, 201) << person.body;
  const auto person_id = person.Json().at("id").get<std::int64_t>();
  auto linked = officer.SendJson("POST", Api(id, "children/0/person"), {{"person_id", person_id}});
  ASSERT_EQ(linked.status, 200) << linked.body;

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto listed = dpo.Get("/api/v1/people/" + std::to_string(person_id) + "/disclosures");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto ledger = listed.Json().at("disclosures");
  ASSERT_EQ(ledger.size(), 1u) << listed.body;
  const auto& row = ledger.at(0);
  EXPECT_EQ(row.at("direction"), "out");
  EXPECT_EQ(row.at("cause").at("kind"), "referrer-disclosure");
  EXPECT_EQ(row.at("lawful_basis"), "consent");
  EXPECT_EQ(row.at("counterpart"), "Ms Head, Orchard Primary School");
  const auto items = row.at("items").get<std::vector<std::string>>();
  EXPECT_EQ(items, (std::vector<std::string>{"referrer_name", "referrer_phone", "referrer_email"})) << listed.body;
  for (const char* secret : kSecrets) EXPECT_EQ(listed.body.find(secret), std::string::npos) << secret;
  auto person_page = dpo.Get("/people/" + std::to_string(person_id) + "/disclosures");
  ASSERT_EQ(person_page.status, 200);
  EXPECT_NE(person_page.body.find("Orchard Primary School"), std::string::npos);
  for (const char* secret : kSecrets) EXPECT_EQ(person_page.body.find(secret), std::string::npos) << secret;

  auto list = dpo.Get(Api(id, "referrer-disclosures"));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().at("free_text_withheld"), true);
  EXPECT_EQ(list.Json().at("disclosures").size(), 1u);
  EXPECT_EQ(list.body.find("Neighbour"), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("Support at school"), std::string::npos) << list.body;
  // Those who may see the identity still read the free text.
  EXPECT_NE(officer.Get(Api(id, "referrer-disclosures")).body.find("Support at school"), std::string::npos);
}

// RULE KCR-14: the form sent again (a refresh, a double click, the back button) shows the disclosure
// just recorded and records no second disclosure, but its second look at the identity is audited
// (referrer.identity_viewed); the API answers the repeat 200 with the same disclosure. A
// different recipient is a new disclosure.
TEST_F(ReferrerDisclosure, KCR14_ResentDisclosureIsRecordedOnce) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  ASSERT_EQ(officer
                .SendJson("POST", Api(id, "referrer-consent"),
                          {{"given", "yes"}, {"method", "phone"}, {"covers", "May be named to the school"}})
                .status,
            201);
  const std::string page = "/contacts/" + std::to_string(id) + "/referrer/disclosures";
  const auto form = Form({{"csrf_token", officer.csrf_token},
                          {"recipient_name", "Ms Head"},
                          {"recipient_organisation", "Orchard Primary School"},
                          {"disclosure_reason", "Support at school"},
                          {"basis", "referrer-consent"}});
  auto first = officer.Send("POST", page, form, kForm);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body.find("already-recorded"), std::string::npos);
  auto again = officer.Send("POST", page, form, kForm);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(again.body.find("Jo Neighbour"), std::string::npos);
  EXPECT_NE(again.body.find("id=\"already-recorded\""), std::string::npos);
  EXPECT_EQ(Count("referrer_disclosures", id), 1);
  const auto disclosed = Payloads(id, "referrer.identity_disclosed");
  ASSERT_EQ(disclosed.size(), 1u);
  // Not a second disclosure, but a second look at the identity: audited as one, naming the disclosure.
  const auto looks = Payloads(id, "referrer.identity_viewed");
  ASSERT_EQ(looks.size(), 1u);
  const json look = json::parse(looks.at(0));
  EXPECT_EQ(look.at("reason"), "Support at school");
  EXPECT_EQ(look.at("disclosure_id"), json::parse(disclosed.at(0)).at("disclosure_id"));

  auto api_first = officer.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
  ASSERT_EQ(api_first.status, 201) << api_first.body;
  auto api_again = officer.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent"));
  ASSERT_EQ(api_again.status, 200) << api_again.body;
  EXPECT_EQ(api_again.Json().at("disclosure").at("id"), api_first.Json().at("disclosure").at("id"));
  EXPECT_EQ(api_again.Json().at("referrer").at("name"), "Jo Neighbour");
  EXPECT_EQ(Count("referrer_disclosures", id), 2);  // the API's reason differs from the page's
  EXPECT_EQ(Payloads(id, "referrer.identity_disclosed").size(), 2u);
  EXPECT_EQ(Payloads(id, "referrer.identity_viewed").size(), 2u);  // the API's repeat is a look too

  auto other = Disclosure("referrer-consent");
  other["recipient_name"] = "Mr Deputy";
  EXPECT_EQ(officer.SendJson("POST", Api(id, "referrer-disclosures"), other).status, 201);
  EXPECT_EQ(Count("referrer_disclosures", id), 3);
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM disclosures WHERE cause_kind = 'referrer-disclosure'").at(0).Int(0), 3);
}

// Retention: the consent answers and disclosures go with their contact (FK-safe purge).
TEST_F(ReferrerDisclosure, KCR14_PurgedWithTheContact) {
  const auto id = Record();
  auto officer = SignedIn(Role::kContactOfficer);
  ASSERT_EQ(officer
                .SendJson("POST", Api(id, "referrer-consent"),
                          {{"given", "yes"}, {"method", "phone"}, {"covers", "May be named to the school"}})
                .status,
            201);
  ASSERT_EQ(officer.SendJson("POST", Api(id, "referrer-disclosures"), Disclosure("referrer-consent")).status, 201);
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    ASSERT_TRUE(store::PurgeContact(*tx, id));
    tx->Commit();
  }
  EXPECT_EQ(Count("referrer_consents", id), 0);
  EXPECT_EQ(Count("referrer_disclosures", id), 0);
}

}  // namespace
}  // namespace fd::testing
