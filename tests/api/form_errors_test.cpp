// Every staff form answers bad input with the same page: 422 (or 409 for a stale version), a GOV.UK
// error summary naming the field, the message beside it, and what the person typed still in the
// inputs; never a 500 nor the bare error page (README "bad input", docs/decisions.md "Every form
// re-shown with its errors"). One table, over real HTTP as a browser without JavaScript sends a form:
// a new form is one row.
#include <regex>

#include "api_fixture.h"
#include "chair_consultation_request.h"
#include "colleagues.h"
#include "hub_consultation_request.h"
#include "procedures_fixture.h"
#include "screening_answers.h"
#include "calendar/local_time.h"
#include "domain/text.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

// What the contact the form works on must have gone through first.
enum class Stage {
  kNone,         // no contact: the page stands alone
  kAtFrontDoor,  // received in the front door's queue
  kScreening,    // screened by the fixture's social worker (answers, record checks), not completed
  kScreened,     // screening completed: ready for a decision
  kProposed,     // a decision proposed, waiting for a manager
  kPassedOn,     // passed at receipt to Tia's allocated worker, Lee (HCR-5)
  kNotInformed,  // screened, the parents not informed: sharing waits for a manager (KCR-15, HCR-26)
  kCrime,        // screened, a crime possible: the police are to be told
  kConsultation, // not a contact: a consultation requested of the hub, "{id}" its number
  kRingReferrer, // decided; its referrer, a neighbour with only a phone, is to be rung (HCR-24)
  kAskedAbout,   // not a contact: a police request for information received, "{id}" its number
  kDuplicate,    // closed as a duplicate of another contact at the front door
  kFromThePublic, // at the front door; its referrer a neighbour, whose identity is withheld (KCR-14)
  kCheckAsked,    // not a contact: a check asked of the police from screening, "{id}" its number
  kPoliceQueue,   // not a contact: a police notification awaiting triage, "{id}" its number
  kToAnswer,      // not a contact: a request for information about Tia routed to Lee, "{id}" its number
  kToReview,      // the same, its answer proposed by Lee and waiting for a manager's review
  kTiasAddress,     // not a contact: an address on Tia's register record, "{id}" its number
  kTiasInvolvement, // not a contact: an involvement on Tia's register record, "{id}" its number
  kChairRequested,  // (Kent) not a contact: a CP chair consultation requested, "{id}" its number
  kChairAllocated,  // (Kent) the same, allocated by the coordinator to the chair
  kChairArranged,   // (Kent) the same, arranged by the chair with the social worker
};

struct FormCase {
  std::string form;      // in users' words, for the failure message
  Stage stage;
  std::string who;       // the username that signs in (the fixture's users are named by role)
  std::string page;      // the page that shows the form; "{id}" is the contact's id
  std::string action;    // where it posts
  Fields fields;         // a good answer, as typed ("{id}", "{person}" as in the page's path)
  std::string spoil;     // the field spoiled; "" when the only bad input is a stale version
  std::string spoiled;   // its bad value ("" = left empty)
  std::string message;   // a fragment of the message expected
  enum Version {
    kNoVersion,  // the form carries none
    kChecked,    // the form carries the contact's version and the step checks it: a stale one is tried too
    kCarried,    // carried, but the step does not move the contact on, so it does not check it
  } version;
};

// Over every free-text limit in the forms (the longest, a screening answer, is 10,000 characters).
const std::string kTooLong(10001, 'x');

// The force's CSV (docs/api.md "Police notifications"): the header, then `rows` notifications.
constexpr const char* kPoliceCsvHeader =
    "force_reference,risk_level,notified_at,officer,officer_email,incident_summary,children,adults\n";
std::string PoliceCsv(int rows) {
  std::string csv = kPoliceCsvHeader;
  for (int row = 1; row <= rows; ++row)
    csv += "KNT-" + std::to_string(row) +
           ",medium,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,Argument,Leo|Example,\n";
  return csv;
}

std::vector<FormCase> Forms() {
  const Fields answers = ScreeningAnswersTyped();
  return {
      // RULE HCR-5: the finding: a bad note gave an error page.
      {"Recorded on the child's record (too long)", Stage::kPassedOn, "lee", "/contacts/{id}",
       "/contacts/{id}/recorded-on-child-record", {{"note", "Put on the record of Tia today"}}, "note", kTooLong,
       "must be", FormCase::kChecked},
      {"Recorded on the child's record (control characters)", Stage::kPassedOn, "lee", "/contacts/{id}",
       "/contacts/{id}/recorded-on-child-record", {{"note", "Put on the record of Tia"}}, "note", "Put on\x01 record",
       "control characters", FormCase::kChecked},
      {"Hand over", Stage::kPassedOn, "nia", "/contacts/{id}/hand-over", "/contacts/{id}/hand-over",
       {{"worker", "sam"}, {"reason", "Lee is off sick"}}, "reason", "", "Enter why it is handed over", FormCase::kChecked},
      {"Chase", Stage::kAtFrontDoor, "contact_officer", "/contacts/{id}", "/contacts/{id}/chase",
       {{"chase_note", "The school rang to ask"}}, "chase_note", kTooLong, "must be", FormCase::kNoVersion},
      {"Acknowledgement", Stage::kAtFrontDoor, "contact_officer", "/contacts/{id}", "/contacts/{id}/acknowledgement",
       {{"method", "email"}, {"note", "Told by e-mail"}}, "note", kTooLong, "must be", FormCase::kNoVersion},
      {"Duplicate of", Stage::kAtFrontDoor, "team_manager", "/contacts/{id}", "/contacts/{id}/duplicate-of",
       {{"contact", "{other}"}, {"reason", "The school sent it twice"}}, "reason", kTooLong, "must be", FormCase::kChecked},
      {"Reopen a duplicate", Stage::kDuplicate, "team_manager", "/contacts/{id}", "/contacts/{id}/reopen-duplicate",
       {{"reason", "Another incident"}}, "reason", kTooLong, "must be", FormCase::kChecked},
      {"Screening allocation", Stage::kAtFrontDoor, "team_manager", "/contacts/{id}/screening-allocation",
       "/contacts/{id}/screening-allocation", {{"worker", "social_worker"}}, "worker", "", "Choose the social worker", FormCase::kChecked},
      {"Screening answers", Stage::kScreening, "social_worker", "/contacts/{id}/screening", "/contacts/{id}/screening",
       answers, "answers.nature", kTooLong, "must be", FormCase::kChecked},
      {"Record checks", Stage::kScreening, "social_worker", "/contacts/{id}/screening", "/contacts/{id}/record-checks",
       {}, "", "", "", FormCase::kChecked},
      {"Agency checks", Stage::kScreening, "social_worker", "/contacts/{id}/screening", "/contacts/{id}/agency-checks",
       // When they were asked: this minute, in the date boxes and the time box.
       {{"agency", "Elm Primary"},
        {"asked_person", "Priya Shah"},
        {"asked_at-day", "{now-day}"},
        {"asked_at-month", "{now-month}"},
        {"asked_at-year", "{now-year}"},
        {"asked_at-time", "{now-time}"},
        {"response", "Known to them"}},
       "asked_at-day", "32", "The date they were asked must be a real date", FormCase::kChecked},
      {"Decision", Stage::kScreened, "social_worker", "/contacts/{id}/decision", "/contacts/{id}/decision/check",
       {{"outcome", "no-further-action"},
        {"children", "0"},
        {"rationale", "Needs are met by early help"},
        {"next_steps", "Advice to the school"}},
       "rationale", "", "Enter the reasons for the decision", FormCase::kChecked},
      {"Send back", Stage::kProposed, "team_manager", "/contacts/{id}/decision", "/contacts/{id}/decision/return",
       {{"reason", "Say more about what the school saw"}}, "reason", "", "Say why the proposal is returned",
       FormCase::kChecked},
      {"Correct child details", Stage::kAtFrontDoor, "social_worker", "/contacts/{id}/children/0/correct",
       "/contacts/{id}/children/0/correct",
       {{"first_names", "Ava"}, {"last_name", "Example"}, {"reason", "The school spelt it wrongly"}}, "reason", "",
       "Say why the details are corrected", FormCase::kChecked},
      {"Sharing authorisation", Stage::kNotInformed, "team_manager", "/contacts/{id}/screening",
       "/contacts/{id}/sharing-authorisation", {{"reason", "Telling them would put Ava at risk"}}, "reason", kTooLong,
       "must be", FormCase::kChecked},
      {"Police notification", Stage::kCrime, "social_worker", "/contacts/{id}/screening",
       "/contacts/{id}/police-notification", {{"police_reference", "HC/2026/4411"}, {"note", "Rang the police"}},
       "police_reference", std::string(101, '4'), "must be", FormCase::kChecked},
      {"New contact", Stage::kNone, "contact_officer", "/contacts/new", "/contacts",
       {{"form_key", "{on the form}"},
        {"child_count", "1"},
        {"referrer_type", "member_of_public"},
        {"referrer_anonymous", "yes"},
        {"anonymity_limits_explained", "yes"},
        {"children-0-first_names", "Sam"},
        {"children-0-dob-day", "31"},
        {"children-0-dob-month", "2"},
        {"concern", "Shouting heard every night."},
        {"action", "record"}},
       "children-0-dob-year", "2026", "real date", FormCase::kNoVersion},
      {"End the status links", Stage::kAtFrontDoor, "team_manager", "/contacts/{id}/status-links/revoke",
       "/contacts/{id}/status-links/revoke", {{"reason", "Sent to the wrong address"}}, "reason", kTooLong, "1000 characters or fewer",
       FormCase::kNoVersion},
      {"Referrer told", Stage::kRingReferrer, "social_worker", "/contacts/{id}", "/contacts/{id}/referrer-call",
       {{"note", "Rang Jo and told her it was looked at"}}, "note", "", "Enter", FormCase::kNoVersion},
      {"Start screening", Stage::kAtFrontDoor, "social_worker", "/contacts/{id}/screening",
       "/contacts/{id}/screening/start", {}, "", "", "", FormCase::kChecked},
      {"Complete screening", Stage::kScreening, "social_worker", "/contacts/{id}/screening/check",
       "/contacts/{id}/screening/complete", {}, "", "", "", FormCase::kChecked},
      {"Agency check request", Stage::kScreening, "social_worker", "/contacts/{id}/screening",
       "/contacts/{id}/agency-check-requests",
       {{"agency", "health"}, {"children", "0"}, {"question", "Is Ava known to you?"}, {"lawful_basis", "x"}},
       "question", "", "Enter what you are asking the agency", FormCase::kCarried},
      {"Authorise decision", Stage::kProposed, "team_manager", "/contacts/{id}/decision",
       "/contacts/{id}/decision/authorise", {}, "", "", "", FormCase::kChecked},
      {"Consultation request", Stage::kNone, "hub_adviser", "/consultations/new", "/consultations/new",
       {{"type", "hub"},
        {"consultee_name", "Priya Shah"},
        {"consultee_organisation", "Elm Primary"},
        {"consultee_phone", "01632 960 001"},
        {"caller_type", "school"},
        {"child.first_names", "Mia"},
        {"child.last_name", "Example"},
        {"child-date_of_birth-day", "31"},
        {"child-date_of_birth-month", "2"},
        {"summary", "Mia came in hungry again."}},
       "child-date_of_birth-year", "2016", "Date of birth must be a real date", FormCase::kNoVersion},
      {"Information request", Stage::kNone, "contact_officer", "/information-requests/new", "/information-requests/new",
       {{"type", "known-to-services"}, {"details", "Is the child known to you?"}}, "details", kTooLong, "must be",
       FormCase::kNoVersion},
      {"Find a child (a search, sent with GET)", Stage::kNone, "social_worker", "/people/search", "GET /people/search",
       {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth-day", "31"}, {"date_of_birth-month", "2"}},
       "date_of_birth-year", "2016", "Date of birth must be a real date", FormCase::kNoVersion},
      {"Annex A report (sent with GET)", Stage::kNone, "analyst", "/reports", "GET /reports/annex-a",
       {{"list", "1"}, {"from-day", "31"}, {"from-month", "2"}, {"to-day", "1"}, {"to-month", "3"}, {"to-year", "2026"},
        {"format", "csv"}},
       "from-year", "2026", "real date", FormCase::kNoVersion},
      {"CIN census return (sent with GET)", Stage::kNone, "analyst", "/reports", "GET /reports/cin-census",
       {{"year", "2026"}}, "year", "26x", "Enter the census year", FormCase::kNoVersion},
      {"Performance dashboard (sent with GET)", Stage::kNone, "analyst", "/dashboard", "GET /dashboard",
       {{"from-day", "31"}, {"from-month", "2"}, {"to-day", "1"}, {"to-month", "3"}, {"to-year", "2026"}},
       "from-year", "2026", "Enter the first day of the period as a date", FormCase::kNoVersion},
      {"Refuse a request for information", Stage::kAskedAbout, "contact_officer", "/information-requests/{id}",
       "/information-requests/{id}/refuse", {{"reason", "We hold nothing we may share"}}, "reason", kTooLong, "must be",
       FormCase::kNoVersion},
      {"Evidence for a request for information", Stage::kAskedAbout, "contact_officer", "/information-requests/{id}",
       "/information-requests/{id}/evidence", {{"reasons", "To safeguard Mia"}, {"note", "Rang to check"}}, "reasons",
       kTooLong, "must be", FormCase::kNoVersion},
      {"Another name", Stage::kNone, "social_worker", "/people/{person}/names/new", "/people/{person}/names",
       {{"kind", "previous"}, {"first_names", "Tiana"}, {"last_name", "Smith"}}, "from_date-month", "13", "as a real date", FormCase::kNoVersion},
      {"An address", Stage::kNone, "social_worker", "/people/{person}/addresses/new", "/people/{person}/addresses",
       {{"address", "4 Mill Lane, Hertford"}, {"postcode", "SG14 1AA"}}, "from_date-year", "x", "as a real date", FormCase::kNoVersion},
      {"A relationship", Stage::kNone, "social_worker", "/people/{person}/relationships/new",
       "/people/{person}/relationships", {{"relation", "parent"}, {"related_person_id", "x"}}, "related_person_id",
       "x", "person number as digits", FormCase::kNoVersion},
      {"An involvement", Stage::kNone, "social_worker", "/people/{person}/involvements/new",
       "/people/{person}/involvements", {{"kind", "assessment"}, {"summary", "Child and family assessment"}}, "started_on-day", "32",
       "as a real date", FormCase::kNoVersion},
      {"Merge records", Stage::kNone, "team_manager", "/people/{person}/merge", "/people/{person}/merge",
       {{"merged_person_id", "x"}, {"reason", "The same girl twice"}}, "merged_person_id", "x", "Enter the person number", FormCase::kNoVersion},
      {"End an address", Stage::kTiasAddress, "social_worker", "/people/{person}/addresses/{id}/end",
       "/people/{person}/addresses/{id}/end", {{"to_date-day", "31"}, {"to_date-month", "2"}}, "to_date-year", "2026",
       "as a real date", FormCase::kNoVersion},
      {"End an involvement", Stage::kTiasInvolvement, "lee", "/people/{person}/involvements/{id}/end",
       "/people/{person}/involvements/{id}/end", {{"ended_on-day", "31"}, {"ended_on-month", "2"}}, "ended_on-year",
       "2026", "as a real date", FormCase::kNoVersion},
      // RULE KCR-10: the child is one on the register, or a new person (a button): refused, it gave the
      // bare error page.
      {"Is this child known?", Stage::kAtFrontDoor, "social_worker", "/contacts/{id}",
       "/contacts/{id}/children/0/person",
       {{"person_id", "{person}"}}, "person_id", "x", "Choose a record or a new person", FormCase::kNoVersion},
      {"New person", Stage::kNone, "social_worker", "/people/new", "/people",
       {{"first_names", "Mia"}, {"last_name", "Jones"}, {"date_of_birth-day", "31"}, {"date_of_birth-month", "2"},
        {"date_of_birth-year", "2016"}},
       "date_of_birth-day", "31", "as a real date", FormCase::kNoVersion},
      // The administrator's accounts (docs/decisions.md "Administering accounts on the pages"): a team
      // typed in the wrong case makes no second team; a role that is none is refused, shown as sent.
      {"Add an account (a team differing only in case)", Stage::kNone, "administrator", "/users/new", "/users",
       {{"display_name", "Sam Jones"}, {"username", "sam.jones"}, {"email", "sam@example.gov.uk"},
        {"role", "social_worker"}, {"team", "Front Door"}, {"password", "a long first passphrase"},
        {"password_again", "a long first passphrase"}},
       "team", "front door", "did you mean Front Door?", FormCase::kNoVersion},
      {"Add an account (an unknown role)", Stage::kNone, "administrator", "/users/new", "/users",
       {{"display_name", "Sam Jones"}, {"username", "sam.jones"}, {"role", "social_worker"},
        {"team", "Front Door"}, {"password", "a long first passphrase"},
        {"password_again", "a long first passphrase"}},
       "role", "chief", "There is no role called", FormCase::kNoVersion},
      // docs/decisions.md "A leaver's work, and the administrator's other tools": the e-mail's form, a
      // username another account has in another case, the page's own words for a new team.
      {"Add an account (an e-mail that cannot be one)", Stage::kNone, "administrator", "/users/new", "/users",
       {{"display_name", "Sam Jones"}, {"username", "sam.jones"}, {"email", "sam@example.gov.uk"},
        {"role", "social_worker"}, {"team", "Front Door"}, {"password", "a long first passphrase"},
        {"password_again", "a long first passphrase"}},
       "email", "x", "Enter the e-mail address in the correct format", FormCase::kNoVersion},
      {"Add an account (a username taken in another case)", Stage::kNone, "administrator", "/users/new", "/users",
       {{"display_name", "Sam Jones"}, {"username", "sam.jones"}, {"role", "social_worker"}, {"team", "Front Door"},
        {"password", "a long first passphrase"}, {"password_again", "a long first passphrase"}},
       "username", "Social_Worker", "That username is already taken", FormCase::kNoVersion},
      {"Move a user to a team that is not there", Stage::kNone, "administrator", "/users/1", "/users/1/team",
       {{"team", "Front Door"}}, "team", "Duty Team", "tick &quot;It is a new team: create it&quot;",
       FormCase::kNoVersion},
      {"Change a user's role (an unknown role)", Stage::kNone, "administrator", "/users/1", "/users/1/role",
       {{"role", "team_manager"}}, "role", "chief", "There is no role called", FormCase::kNoVersion},
      {"Move a user to a team (differing only in case)", Stage::kNone, "administrator", "/users/1", "/users/1/team",
       {{"team", "Duty Team"}}, "team", "front door", "did you mean Front Door?", FormCase::kNoVersion},
      {"Change password", Stage::kNone, "social_worker", "/account/password", "/account/password",
       {{"current_password", ""}, {"new_password", "a much longer new passphrase"},
        {"new_password_again", "a much longer new passphrase"}},
       "current_password", "", "Enter your current password", FormCase::kNoVersion},
      {"Record access", Stage::kNone, "data_protection_officer", "/record-access", "/record-access",
       {{"person", "x"}}, "person", "x", "first and last names (and their date of birth)", FormCase::kNoVersion},
      // RULE KCR-14: the reason-giving look at a member of the public's identity, their consent, a disclosure.
      {"Referrer's details (why they are needed)", Stage::kFromThePublic, "social_worker", "/contacts/{id}/referrer",
       "/contacts/{id}/referrer", {{"reason", "To ring her back about what she heard"}}, "reason", "",
       "Enter why you need the referrer", FormCase::kNoVersion},
      {"Referrer's consent", Stage::kFromThePublic, "social_worker", "/contacts/{id}/referrer",
       "/contacts/{id}/referrer/consent",
       {{"given", "yes"}, {"method", "phone"}, {"covers", "Her name to the school's safeguarding lead"}}, "method", "",
       "Select how the referrer gave their answer", FormCase::kNoVersion},
      {"Disclose the referrer's identity", Stage::kFromThePublic, "social_worker", "/contacts/{id}/referrer",
       "/contacts/{id}/referrer/disclosures",
       {{"recipient_name", "Ms Head"},
        {"recipient_organisation", "Orchard Primary School"},
        {"disclosure_reason", "The school will support the child and needs to know who raised it"},
        {"basis", "referrer-consent"}},
       "recipient_name", "", "Enter", FormCase::kNoVersion},
      // RULE HCR-13: a reason over its limit showed its message but no error summary.
      {"Fast-track", Stage::kAtFrontDoor, "social_worker", "/contacts/{id}", "/contacts/{id}/fast-track",
       {{"reason", "Her father threatened her last night"}}, "reason", kTooLong, "must be", FormCase::kNoVersion},
      // RULE KCR-9: a partner agency's answer to a check asked of it.
      {"A partner agency's answer", Stage::kCheckAsked, "partner", "/partner/checks/{id}", "/partner/checks/{id}",
       {{"answer", "Two call-outs in March; no charges."}}, "answer", "", "Enter", FormCase::kNoVersion},
      // The upload takes the force's CSV pasted as text (docs/decisions.md "The upload page takes pasted
      // CSV"): a file in another encoding, the wrong columns, more rows than a batch may hold.
      {"Police notification upload (not UTF-8)", Stage::kNone, "contact_officer", "/police-notifications/upload",
       "/police-notifications/upload", {{"csv", PoliceCsv(1)}}, "csv",
       std::string(kPoliceCsvHeader) +
           "KNT-90,high,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,Zo\xEB,Leo|Example,\n",
       "The file is not UTF-8", FormCase::kNoVersion},
      {"Police notification upload (wrong columns)", Stage::kNone, "contact_officer", "/police-notifications/upload",
       "/police-notifications/upload", {{"csv", PoliceCsv(1)}}, "csv",
       "reference,when,risk\nKNT-91,2026-01-10T22:15:00Z,high\n", "The CSV header has no force_reference column",
       FormCase::kNoVersion},
      {"Police notification upload (too many rows)", Stage::kNone, "contact_officer", "/police-notifications/upload",
       "/police-notifications/upload", {{"csv", PoliceCsv(1)}}, "csv", PoliceCsv(20'001), "A batch may hold up to",
       FormCase::kNoVersion},
      {"Police notification triage", Stage::kPoliceQueue, "team_manager", "/police-notifications",
       "/police-notifications/decisions",
       {{"ids", "{id}"}, {"decision", "information-only"}, {"reason", "Information only, no children's services role"}},
       "reason", "", "Enter", FormCase::kNoVersion},
      // RULE IR-7: the answer to a request for information, and a manager's review of it.
      {"Answer a request for information", Stage::kToAnswer, "lee", "/information-requests/{id}",
       "/information-requests/{id}/answer",
       {{"items[0].kind", "chronology"}, {"items[0].text", "2026-01-12: a child protection plan"},
        {"to", "ash@cafcass.gov.uk"}, {"channel", "email"}},
       "to", "ash@example.com", "may be e-mailed only to an address ending", FormCase::kNoVersion},
      {"Review the answer to a request for information", Stage::kToReview, "team_manager", "/information-requests/{id}",
       "/information-requests/{id}/review", {{"decision", "return"}, {"note", "Say which plan"}}, "note", "", "Enter",
       FormCase::kNoVersion},
      // Last: the hub's line may be closed now, and these move the clock on until it opens.
      {"Consultation: check the register", Stage::kConsultation, "hub_adviser", "/consultations/{id}",
       "/consultations/{id}/register-check",
       {{"child.first_names", "Mia"}, {"child.last_name", "Example"}, {"child-date_of_birth-day", "31"},
        {"child-date_of_birth-month", "2"}},
       "child-date_of_birth-year", "2016", "Date of birth must be a real date", FormCase::kNoVersion},
      {"Consultation: the advice", Stage::kConsultation, "hub_adviser", "/consultations/{id}", "/consultations/{id}/record",
       {{"questions", "Is hunger on its own enough?"}, {"advice", "Talk to the family first."}}, "advice", kTooLong,
       "must be", FormCase::kNoVersion},
  };
}

class FormErrors : public ApiTestUnderProcedures {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    DuringOpeningHours();
    std::map<std::string, std::int64_t> ids;
    ASSERT_NO_FATAL_FAILURE(AddColleagues(*ctx_,
                                          {{"lee", "Lee Locality", Role::kSocialWorker, "North Locality"},
                                           {"nia", "Nia North", Role::kTeamManager, "North Locality"},
                                           {"sam", "Sam South", Role::kSocialWorker, "South Locality"}},
                                          ids));
    lee_ = ids["lee"];
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute(
        "INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id, team_id) "
        "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?, (SELECT team_id FROM users WHERE id = ?))",
        {lee_, lee_});
    tia_ = tx->Query("SELECT id FROM people WHERE last_name = 'Sample'").at(0).Int(0);
    tx->Commit();
  }

  HttpClient As(const std::string& username) {
    HttpClient client = Client();
    EXPECT_EQ(client.SignIn(username, kTestPassword).status, 201) << username;
    return client;
  }

  // A contact at `stage`; 0 for a page with none.
  std::int64_t ContactAt(Stage stage) {
    if (stage == Stage::kNone) return 0;
    if (stage == Stage::kAskedAbout) {
      auto created = SignedIn(Role::kContactOfficer)
                         .SendJson("POST", "/api/v1/information-requests",
                                   {{"type", "known-to-services"},
                                    {"requester_name", "Jo Duty"},
                                    {"requester_organisation", "Hertfordshire Constabulary"},
                                    {"requester_email", "jo.duty@herts.pnn.police.uk"},
                                    {"subject_first_names", "Mia"},
                                    {"subject_last_name", "Example"},
                                    {"subject_date_of_birth", "2017-05-14"},
                                    {"details", "Is the child known?"}});
      EXPECT_EQ(created.status, 201) << created.body;
      return created.Json().value("id", std::int64_t{0});
    }
    if (stage == Stage::kPoliceQueue) {
      HttpClient officer = SignedIn(Role::kContactOfficer);
      auto imported = officer.Send("POST", "/api/v1/police-notifications/batches", PoliceCsv(1),
                                   {{"Content-Type", "text/csv"}, {"X-CSRF-Token", officer.csrf_token}});
      EXPECT_EQ(imported.status, 201) << imported.body;
      return imported.Json().at("imported_ids").at(0).get<std::int64_t>();
    }
    if (stage == Stage::kToAnswer || stage == Stage::kToReview) return RequestAboutTia(stage);
    if (stage == Stage::kTiasAddress || stage == Stage::kTiasInvolvement) {
      const bool address = stage == Stage::kTiasAddress;
      const std::string api = "/api/v1/people/" + std::to_string(tia_) + (address ? "/addresses" : "/involvements");
      // Her case is open to Lee: only he and his managers add an involvement to it.
      auto added = (address ? SignedIn(Role::kSocialWorker) : As("lee"))
                       .SendJson("POST", api,
                                 address ? json{{"address", "4 Mill Lane, Hertford"}, {"postcode", "SG14 1AA"},
                                                {"from_date", "2020-01-06"}}
                                         : json{{"kind", "assessment"}, {"started_on", "2026-01-05"},
                                                {"summary", "Child and family assessment"}});
      EXPECT_EQ(added.status, 201) << added.body;
      const json items = added.Json().value(address ? "addresses" : "involvements", json::array());
      return items.empty() ? 0 : items.back().value("id", std::int64_t{0});
    }
    if (stage == Stage::kChairRequested || stage == Stage::kChairAllocated || stage == Stage::kChairArranged)
      return ChairConsultation(stage);
    if (stage == Stage::kConsultation) {
      auto officer = SignedIn(Role::kContactOfficer);
      const json request = HubConsultationAboutAHungryPupil();
      auto created = officer.SendJson("POST", "/api/v1/consultations", request);
      // The hub's line keeps its own hours: an hour at a time, at most a week, until it is open.
      for (int hours = 0; hours < 24 * 7 && created.status == 422 && created.body.find("service-open") != std::string::npos;
           ++hours) {
        clock_.Advance(std::chrono::hours(1));
        officer = SignedIn(Role::kContactOfficer);  // a session idle that long has ended
        created = officer.SendJson("POST", "/api/v1/consultations", request);
      }
      EXPECT_EQ(created.status, 201) << created.body;
      return created.Json().value("id", std::int64_t{0});
    }
    json contact = ScreenableSchoolContact();
    if (stage == Stage::kRingReferrer || stage == Stage::kFromThePublic) {
      contact["referrer"] = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}};
      contact["intake"]["channel"] = "phone";
    }
    if (stage == Stage::kPassedOn)
      contact["children"][0] = {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"}};
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", contact);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().value("id", std::int64_t{0});
    const std::string api = "/api/v1/contacts/" + std::to_string(id);
    if (stage == Stage::kAtFrontDoor || stage == Stage::kPassedOn || stage == Stage::kFromThePublic) return id;
    if (stage == Stage::kDuplicate) {
      auto worker = SignedIn(Role::kSocialWorker);
      auto closed = worker.SendJson("POST", api + "/duplicate-of",
                                    {{"contact", OtherReference()},
                                     {"reason", "The school sent it twice"},
                                     {"version", worker.Get(api).Json().at("version")}});
      EXPECT_EQ(closed.status, 200) << closed.body;
      return id;
    }
    if (stage == Stage::kRingReferrer) {
      auto worker = SignedIn(Role::kSocialWorker);
      auto manager = SignedIn(Role::kTeamManager);
      ScreenAndDecide(worker, manager, id,
                      {{"outcome", "families-first"},
                       {"children", {0}},
                       {"rationale", "Support needed"},
                       {"next_steps", "Families First worker to contact the mother"}});
      return id;
    }
    auto worker = SignedIn(Role::kSocialWorker);
    auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
    EXPECT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
    json answers = json::object();
    for (const char* q : {"nature", "how_arose", "needs", "child_location", "last_seen", "family_known"})
      answers[q] = "Answered";
    json screening = {{"version", version()},  {"answers", answers},        {"significant_harm", "no"},
                      {"urgent_action", "no"}, {"crime_possible", "no"}, {"consent", "informed_agreed"}};
    if (stage == Stage::kNotInformed) {
      screening["consent"] = "not_informed";
      screening["not_informed_reason"] = "loss_of_evidence";
    }
    if (stage == Stage::kCrime) screening["crime_possible"] = "yes";
    auto saved = worker.SendJson("PUT", api + "/screening", screening);
    EXPECT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(worker.SendJson("POST", api + "/record-checks", {{"version", version()}}).status, 200);
    if (stage == Stage::kScreening || stage == Stage::kNotInformed || stage == Stage::kCrime) return id;
    if (stage == Stage::kCheckAsked) {
      auto asked = worker.SendJson("POST", api + "/agency-check-requests",
                                   {{"agency", "police"},
                                    {"question", "Any call-outs to this address in the last year?"},
                                    {"children", {0}},
                                    {"lawful_basis", "consent"},
                                    {"urgency", "standard"}});
      EXPECT_EQ(asked.status, 201) << asked.body;
      return asked.Json().value("id", std::int64_t{0});
    }
    EXPECT_EQ(worker.SendJson("POST", api + "/screening/complete", {{"version", version()}}).status, 200);
    if (stage == Stage::kScreened) return id;
    auto proposed = worker.SendJson("POST", api + "/decision",
                                    {{"version", version()},
                                     {"outcome", "no-further-action"},
                                     {"children", {0}},
                                     {"rationale", "Needs are met by early help"},
                                     {"next_steps", "Advice to the school"}});
    EXPECT_EQ(proposed.status, 200) << proposed.body;
    return id;
  }

  // A CAFCASS request for information about Tia, its evidence given and routed to her allocated
  // worker, Lee (IR-7); at kToReview Lee has proposed the answer for a manager's review.
  std::int64_t RequestAboutTia(Stage stage) {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/information-requests",
                                    {{"type", "detailed-request"},
                                     {"requester_name", "Ash Guardian"},
                                     {"requester_organisation", "CAFCASS"},
                                     {"requester_email", "ash@cafcass.gov.uk"},
                                     {"subject_first_names", "Tia"},
                                     {"subject_last_name", "Sample"},
                                     {"subject_date_of_birth", "2012-10-03"}});
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().value("id", std::int64_t{0});
    const std::string api = "/api/v1/information-requests/" + std::to_string(id);
    EXPECT_EQ(officer.SendJson("POST", api + "/evidence", {{"reasons", "Private law hearing in January"}}).status, 200);
    auto routed = officer.SendJson("POST", api + "/decide", json::object());
    EXPECT_EQ(routed.status, 200) << routed.body;
    if (stage == Stage::kToReview) {
      auto proposed = As("lee").SendJson(
          "POST", api + "/answer",
          {{"items", {{{"kind", "chronology"}, {"text", "2026-01-12: a child protection plan"}}}},
           {"to", "ash@cafcass.gov.uk"},
           {"channel", "email"}});
      EXPECT_EQ(proposed.status, 200) << proposed.body;
    }
    return id;
  }

  // A Child Protection Chair consultation about Tia (Kent's pack: CPC-1 to CPC-4) at `stage`.
  std::int64_t ChairConsultation(Stage stage) {
    auto created =
        SignedIn(Role::kSocialWorker)
            .SendJson("POST", "/api/v1/chair-consultations", ChairConsultationRequestAboutTia("Case 88412"));
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().value("id", std::int64_t{0});
    const std::string api = "/api/v1/chair-consultations/" + std::to_string(id);
    if (stage == Stage::kChairRequested) return id;
    auto allocated = SignedIn(Role::kCpCoordinator).SendJson("POST", api + "/allocate", {{"chair_user_id", ChairId()}});
    EXPECT_EQ(allocated.status, 200) << allocated.body;
    if (stage == Stage::kChairAllocated) return id;
    auto arranged = SignedIn(Role::kCpChair).SendJson(
        "POST", api + "/contacted",
        {{"arranged_for", FormatUtc(std::chrono::floor<std::chrono::seconds>(clock_.Now()) + std::chrono::hours(1))}});
    EXPECT_EQ(arranged.status, 200) << arranged.body;
    return id;
  }

  std::int64_t ChairId() {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT id FROM users WHERE username = 'cp_chair'").at(0).Int(0);
  }

  // This minute on the fixture's clock, local time, as a "2026-11-25T14:00" box takes it.
  std::string ThisMinute() {
    return calendar::FormatLocalIso(std::chrono::floor<std::chrono::seconds>(clock_.Now())).substr(0, 16);
  }

  // Spoils each form of `forms` in turn and expects its page again (ExpectTheFormAgain).
  void ExpectEachFormAgain(const std::vector<FormCase>& forms);

  std::string OtherReference() {
    if (other_.empty()) {
      auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
      EXPECT_EQ(created.status, 201) << created.body;
      other_ = created.Json().value("reference", "");
    }
    return other_;
  }

  std::int64_t lee_ = 0;
  std::int64_t tia_ = 0;  // her register number
  std::string other_;
};

// The path with the contact's id for "{id}" and the register number of Tia for "{person}".
std::string WithId(std::string path, std::int64_t id, std::int64_t person) {
  if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, std::to_string(id));
  if (auto at = path.find("{person}"); at != std::string::npos) path.replace(at, 8, std::to_string(person));
  return path;
}

// The same page again, as the standard asks: never a 500 nor the bare error page, the summary naming
// the problem, the message beside the field, each thing typed still there.
void ExpectTheFormAgain(const std::string& what, const HttpReply& reply, const Fields& sent, const std::string& message,
                        std::initializer_list<int> statuses, bool beside_a_field) {
  SCOPED_TRACE(what);
  EXPECT_TRUE(std::find(statuses.begin(), statuses.end(), reply.status) != statuses.end())
      << "status " << reply.status << ": " << reply.body.substr(0, 2000);
  EXPECT_EQ(reply.body.find("Go to your home page"), std::string::npos) << "the bare error page: " << reply.body;
  EXPECT_NE(reply.body.find("govuk-error-summary"), std::string::npos) << "no error summary";
  if (beside_a_field) {
    EXPECT_NE(reply.body.find("govuk-error-message"), std::string::npos) << "no message beside the field";
  }
  if (!message.empty()) {
    EXPECT_NE(reply.body.find(message), std::string::npos) << "no \"" << message << "\" in " << reply.body;
  }
  for (const auto& [name, value] : sent) {
    // A password is never sent back to the browser, so it is typed again.
    if (name == "csrf_token" || name == "version" || name.find("password") != std::string::npos || value.empty() ||
        value.size() > 200)
      continue;
    // The templates write an apostrophe as &apos;, EscapeMarkup as &#39;: either is the value kept.
    std::string apos = EscapeMarkup(value);
    for (auto at = apos.find("&#39;"); at != std::string::npos; at = apos.find("&#39;")) apos.replace(at, 5, "&apos;");
    EXPECT_TRUE(reply.body.find(EscapeMarkup(value)) != std::string::npos || reply.body.find(apos) != std::string::npos)
        << name << " not kept: " << value;
  }
}

// RULE HCR-5: the finding itself. The API answers a bad note with 422 naming it; the contact page's
// "Recorded on the child's record" form did the same with an error page, the note lost. Now the page
// is the contact page again, the message beside the note, the note as typed, and nothing recorded.
TEST_F(FormErrors, HCR5_ABadNoteOnTheChildsRecordShowsTheContactPageWithTheNoteKept) {
  const std::int64_t id = ContactAt(Stage::kPassedOn);
  HttpClient lee = As("lee");
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  const std::int64_t version = lee.Get(api).Json().at("version").get<std::int64_t>();
  auto refused = PostWithVersion(lee, api + "/recorded-on-child-record", {{"note", "Put on\x01 record"}}, version);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "note")) << refused.body;

  const auto page = lee.Get("/contacts/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  const std::string typed = "Put on the record of Tia\x07 today";
  auto shown = lee.Send("POST", "/contacts/" + std::to_string(id) + "/recorded-on-child-record",
                        FormBody({{"csrf_token", FirstCapture(page.body, "name=\"csrf_token\" value=\"([^\"]+)\"")},
                                  {"version", std::to_string(version)},
                                  {"note", typed}}),
                        kFormHeaders);
  EXPECT_EQ(shown.status, 422) << shown.body;
  EXPECT_NE(shown.body.find("Contact " + lee.Get(api).Json().at("reference").get<std::string>()), std::string::npos);
  EXPECT_NE(shown.body.find("<a href=\"#recorded-note\">The note contains hidden control characters"),
            std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("id=\"recorded-note-error\""), std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("name=\"note\" rows=\"2\" aria-describedby=\"recorded-note-error\">Put on the record of Tia"),
            std::string::npos) << shown.body;  // as typed
  EXPECT_EQ(lee.Get(api).Json().at("version"), version);  // nothing recorded
}

void FormErrors::ExpectEachFormAgain(const std::vector<FormCase>& forms) {
  for (const FormCase& c : forms) {
    SCOPED_TRACE(c.form);
    const std::int64_t id = ContactAt(c.stage);
    HttpClient client = As(c.who);
    const auto page = client.Get(WithId(c.page, id, tia_));
    ASSERT_EQ(page.status, 200) << c.form << ": " << page.body.substr(0, 2000);
    // The form's own token and version, from the form itself on a page with several.
    const std::string action = WithId(c.action, id, tia_);
    const std::string path = action.starts_with("GET ") ? action.substr(4) : action;
    const auto at = page.body.find("action=\"" + path + "\"");
    ASSERT_NE(at, std::string::npos) << c.form << ": the page offers no such form";
    const std::string form_html = page.body.substr(at, page.body.find("</form>", at) - at);
    const std::string csrf = FirstCapture(page.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
    const std::string version = FirstCapture(form_html, "name=\"version\" value=\"([0-9]+)\"");
    if (c.version != FormCase::kNoVersion) {
      ASSERT_FALSE(version.empty()) << c.form << ": no version on the form";
    }

    // A field given as "{other}" is the reference of another contact at the front door.
    auto send = [&](Fields fields, const std::string& with_version) {
      for (auto& [name, value] : fields) {
        if (value == "{other}") value = OtherReference();
        if (value == "{id}") value = std::to_string(id);
        if (value == "{person}") value = std::to_string(tia_);
        if (value == "{chair}") value = std::to_string(ChairId());
        if (value == "{now}") value = ThisMinute();
        // This minute in GOV.UK date boxes and a time box: "2026-11-28T14:30" → 28, 11, 2026, 14:30.
        if (value == "{now-day}") value = std::to_string(std::stoi(ThisMinute().substr(8, 2)));
        if (value == "{now-month}") value = std::to_string(std::stoi(ThisMinute().substr(5, 2)));
        if (value == "{now-year}") value = ThisMinute().substr(0, 4);
        if (value == "{now-time}") value = ThisMinute().substr(11, 5);
        // A hidden value the form carries (the contact form's key against sending it twice).
        if (value == "{on the form}") value = FirstCapture(form_html, "name=\"" + name + "\" value=\"([^\"]*)\"");
      }
      if (c.version != FormCase::kNoVersion) fields.push_back({"version", with_version});
      // A form sent with GET carries no CSRF token (nor may it: a link's parameters are only its own).
      if (action.starts_with("GET ")) return std::make_pair(client.Get(action.substr(4) + "?" + FormBody(fields)), fields);
      fields.insert(fields.begin(), {"csrf_token", csrf});
      return std::make_pair(client.Send("POST", action, FormBody(fields), kFormHeaders), fields);
    };
    if (!c.spoil.empty()) {
      Fields spoiled = c.fields;
      bool found = false;
      for (auto& [name, value] : spoiled)
        if (name == c.spoil) {
          value = c.spoiled;
          found = true;
        }
      if (!found) spoiled.push_back({c.spoil, c.spoiled});
      auto [reply, sent] = send(spoiled, version);
      ExpectTheFormAgain(c.spoil + " spoiled", reply, sent, c.message, {422}, true);
    }
    if (c.version == FormCase::kChecked) {
      // Someone else changed the contact meanwhile: the form comes back saying so, the input kept.
      const std::string stale = std::to_string(std::stoll(version) - 1);
      auto [reply, sent] = send(c.fields, stale);
      // Review finding 8: the stage's last change was this user running the record checks, so the
      // same form from before it is said to be done already (nothing typed to keep), not a conflict.
      if (c.form == "Record checks") {
        EXPECT_EQ(reply.status, 409);
        EXPECT_NE(reply.body.find("You already ran the record checks"), std::string::npos) << reply.body;
      } else {
        ExpectTheFormAgain("a stale version", reply, sent, "Someone else changed", {409}, false);
      }
    }
  }
}

TEST_F(FormErrors, EveryFormShowsItsErrorsWithTheInputKept) { ExpectEachFormAgain(Forms()); }

// The forms of Kent's pack alone: the Child Protection Chair consultations (CPC-1 to CPC-5).
class KentFormErrors : public FormErrors {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent"); }
};

std::vector<FormCase> KentForms() {
  // When it was held: this minute, in the date boxes and the time box.
  Fields record{{"held_at-day", "{now-day}"}, {"held_at-month", "{now-month}"}, {"held_at-year", "{now-year}"},
                {"held_at-time", "{now-time}"}};
  for (const char* heading : {"previous_cp", "previous_cin", "previous_proceedings", "previous_cla", "brief_history",
                              "prevention_work", "other_agencies", "family_safety_plan"})
    record.push_back({heading, "None known"});
  return {
      {"Request a CP chair consultation", Stage::kNone, "social_worker", "/chair-consultations/new",
       "/chair-consultations",
       {{"area", "north-west"},
        {"child_first_names", "Tia"},
        {"child_last_name", "Sample"},
        {"child_dob-day", "31"},
        {"child_dob-month", "2"},
        {"contact_reference", "Case 88412"},
        {"reason", "Neglect over two years; is a conference proportionate?"},
        {"strategy_discussion_held", "no"},
        {"icpc_decision_made", "no"}},
       "child_dob-year", "2012", "as a real date", FormCase::kNoVersion},
      {"Allocate a CP chair consultation", Stage::kChairRequested, "cp_coordinator", "/chair-consultations/{id}",
       "/chair-consultations/{id}/allocate", {{"chair_user_id", "{chair}"}}, "chair_user_id", "",
       "Choose the Child Protection Chair on duty", FormCase::kNoVersion},
      {"Arrange a CP chair consultation", Stage::kChairAllocated, "cp_chair", "/chair-consultations/{id}",
       "/chair-consultations/{id}/contacted",
       {{"arranged_for-day", "{now-day}"},
        {"arranged_for-month", "{now-month}"},
        {"arranged_for-year", "{now-year}"},
        {"arranged_for-time", "{now-time}"}},
       "arranged_for-time", "next Tuesday", "Enter the time arranged as a real time", FormCase::kNoVersion},
      {"Record a CP chair consultation (when held)", Stage::kChairArranged, "cp_chair", "/chair-consultations/{id}",
       "/chair-consultations/{id}/record", record, "held_at-time", "half two", "Enter the time it was held as a real time",
       FormCase::kNoVersion},
      {"Record a CP chair consultation (under a heading)", Stage::kChairArranged, "cp_chair",
       "/chair-consultations/{id}", "/chair-consultations/{id}/record", record, "family_safety_plan", "",
       "Enter what is known under", FormCase::kNoVersion},
  };
}

// RULE CPC-2 RULE CPC-3 RULE CPC-4 RULE CPC-5: the coordinator's and the chair's forms, as every other.
TEST_F(KentFormErrors, EveryChairConsultationFormShowsItsErrorsWithTheInputKept) { ExpectEachFormAgain(KentForms()); }

}  // namespace
}  // namespace fd::testing
