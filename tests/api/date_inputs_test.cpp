// Every date a user types on a page is GOV.UK's date input (day, month and year boxes), never an ISO
// text box (docs/decisions.md "Every date typed on a page is a GOV.UK date input"): the consultation
// request, the consultation's register check and record, finding a child, and a request for
// information. For each: a good date is taken (the API still speaks ISO), a box left empty is named,
// 31 2 is not a real date, a date of birth in the future is refused; what was typed in each box is
// kept, and the error summary links to the box at fault. The Child Protection Chair's "when held" is
// in chair_held_at_test.cpp.
#include "api_fixture.h"
#include "page_forms.h"
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// `fields` with the date boxes of `name` set to day, month and year.
Form WithDate(Form fields, const std::string& name, const std::string& day, const std::string& month,
              const std::string& year) {
  fields.push_back({name + "-day", day});
  fields.push_back({name + "-month", month});
  fields.push_back({name + "-year", year});
  return fields;
}

// The box as templates/person_date_field.mustache writes it, with what was typed in it.
std::string Box(const std::string& name, const std::string& part, const std::string& value) {
  return "name=\"" + name + "-" + part + "\" type=\"text\" inputmode=\"numeric\" value=\"" + value + "\"";
}

// The form again: 422, the message in the summary linking to the box at fault, each box as typed.
void ExpectRefused(const HttpReply& reply, const std::string& name, const std::string& message,
                   const std::string& box_linked, const std::string& day, const std::string& month,
                   const std::string& year) {
  EXPECT_EQ(reply.status, 422) << reply.body.substr(0, 3000);
  EXPECT_TRUE(Has(reply, "<a href=\"#" + name + "-" + box_linked + "\">" + message)) << message << "\n" << reply.body;
  EXPECT_TRUE(Has(reply, "id=\"" + name + "-error\"")) << "no message beside the boxes";
  EXPECT_TRUE(Has(reply, Box(name, "day", day))) << "day not kept";
  EXPECT_TRUE(Has(reply, Box(name, "month", month))) << "month not kept";
  EXPECT_TRUE(Has(reply, Box(name, "year", year))) << "year not kept";
  EXPECT_FALSE(Has(reply, "For example, 20")) << "an ISO example is left on the page";
}

// A Tuesday morning, when the Consultation Hub is open (HCR-8); "the future" is after 24 November 2026.
class DateInputs : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, fixed_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }

  // A named hub consultation waiting for its call-back, requested by the API.
  std::int64_t QueuedConsultation(HttpClient& hub) {
    auto created = hub.SendJson("POST", "/api/v1/consultations",
                                {{"type", "hub"},
                                 {"consultee_name", "Priya Shah"},
                                 {"consultee_organisation", "Elm Primary"},
                                 {"consultee_phone", "01632 960 001"},
                                 {"caller_type", "school"},
                                 {"summary", "Mia is often hungry; what should we do?"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }

  app::FixedClock fixed_{*ParseUtc("2026-11-24T10:00:00Z")};
};

const Form kHubRequest = {{"type", "hub"},
                          {"consultee_name", "Priya Shah"},
                          {"consultee_organisation", "Elm Primary"},
                          {"consultee_phone", "01632 960 001"},
                          {"caller_type", "school"},
                          {"child.first_names", "Mia"},
                          {"child.last_name", "Example"},
                          {"summary", "Mia is often hungry; what should we do?"}};

// The public consultation request (FDS-7's named child): the child's date of birth in three boxes.
TEST_F(DateInputs, TheConsultationRequestTakesTheDateOfBirthInDayMonthAndYear) {
  auto hub = SignedIn(Role::kHubAdviser);
  auto form = hub.Get("/consultations/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, Box("child-date_of_birth", "day", ""))) << form.body;
  EXPECT_TRUE(Has(form, "data-dob-prefix=\"child-date_of_birth\""));  // the person search reads the boxes
  EXPECT_FALSE(Has(form, "name=\"child.date_of_birth\""));

  const std::string name = "child-date_of_birth";
  ExpectRefused(SendForm(hub, "/consultations/new", WithDate(kHubRequest, name, "14", "", "2017")), name,
                "Date of birth must include a month", "month", "14", "", "2017");
  ExpectRefused(SendForm(hub, "/consultations/new", WithDate(kHubRequest, name, "31", "2", "2017")), name,
                "Date of birth must be a real date", "day", "31", "2", "2017");
  ExpectRefused(SendForm(hub, "/consultations/new", WithDate(kHubRequest, name, "1", "1", "2027")), name,
                "The child&apos;s date of birth cannot be in the future", "day", "1", "1", "2027");
  ExpectRefused(SendForm(hub, "/consultations/new", WithDate(kHubRequest, name, "14", "5", "17")), name,
                "Year must include 4 numbers", "year", "14", "5", "17");

  auto taken = SendForm(hub, "/consultations/new", WithDate(kHubRequest, name, " 14", "05 ", "2017"));
  ASSERT_EQ(taken.status, 303) << taken.body;
  const std::string location = taken.Header("location");  // /consultations/{id}/requested
  const std::string id = location.substr(15, location.find('/', 15) - 15);
  EXPECT_EQ(hub.Get("/api/v1/consultations/" + id).Json().at("child").at("date_of_birth"), "2017-05-14");
}

// The adviser's register check and record on the consultation's page: two forms, each with its own
// boxes, on one page.
TEST_F(DateInputs, TheConsultationsRegisterCheckAndRecordTakeDayMonthAndYear) {
  auto hub = SignedIn(Role::kHubAdviser);
  const std::int64_t id = QueuedConsultation(hub);
  const std::string page = "/consultations/" + std::to_string(id);
  auto shown = hub.Get(page);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_TRUE(Has(shown, Box("child-date_of_birth", "day", ""))) << shown.body;
  EXPECT_TRUE(Has(shown, Box("record-child-date_of_birth", "day", ""))) << shown.body;
  EXPECT_FALSE(Has(shown, "For example, 2017-05-14"));

  const Form who = {{"child.first_names", "Mia"}, {"child.last_name", "Example"}};
  const std::string check = page + "/register-check";
  const std::string name = "child-date_of_birth";
  ExpectRefused(SendForm(hub, check, WithDate(who, name, "", "5", "2017")), name,
                "Date of birth must include a day", "day", "", "5", "2017");
  ExpectRefused(SendForm(hub, check, WithDate(who, name, "31", "2", "2017")), name,
                "Date of birth must be a real date", "day", "31", "2", "2017");
  ExpectRefused(SendForm(hub, check, WithDate(who, name, "25", "11", "2026")), name,
                "The child&apos;s date of birth cannot be in the future", "day", "25", "11", "2026");
  auto checked = SendForm(hub, check, WithDate(who, name, "14", "5", "2017"));
  ASSERT_EQ(checked.status, 303) << checked.body;
  EXPECT_EQ(hub.Get("/api/v1" + page).Json().at("child").at("date_of_birth"), "2017-05-14");
  // Shown again as recorded, in the boxes.
  EXPECT_TRUE(Has(hub.Get(page), Box("record-child-date_of_birth", "year", "2017")));

  const Form advice = {{"questions", "Is hunger on its own enough?"},
                       {"advice", "Talk to the family first."},
                       {"advised_route", "green"},
                       {"child.first_names", "Mia"},
                       {"child.last_name", "Example"}};
  const std::string record = page + "/record";
  const std::string boxes = "record-child-date_of_birth";
  ExpectRefused(SendForm(hub, record, WithDate(advice, boxes, "14", "5", "")), boxes,
                "Date of birth must include a year", "year", "14", "5", "");
  ExpectRefused(SendForm(hub, record, WithDate(advice, boxes, "30", "2", "2016")), boxes,
                "Date of birth must be a real date", "day", "30", "2", "2016");
  ExpectRefused(SendForm(hub, record, WithDate(advice, boxes, "1", "12", "2026")), boxes,
                "The child&apos;s date of birth cannot be in the future", "day", "1", "12", "2026");
  auto recorded = SendForm(hub, record, WithDate(advice, boxes, "15", "5", "2017"));
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  EXPECT_EQ(hub.Get("/api/v1" + page).Json().at("child").at("date_of_birth"), "2017-05-15");
}

// RULE KCR-10 RULE HCR-30: finding a child (a GET form) by a date of birth in three boxes.
TEST_F(DateInputs, KCR10_FindingAChildTakesTheDateOfBirthInDayMonthAndYear) {
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = "Elijah";
    p.last_name = "Penton";
    p.date_of_birth = "2015-03-02";
    store::InsertPerson(*tx, p);
    tx->Commit();
  }
  auto worker = SignedIn(Role::kSocialWorker);
  const Form who = {{"last_name", "Penton"}};
  const std::string name = "date_of_birth";
  auto found = worker.Get("/people/search?" + FormBody(WithDate(who, name, "2", "3", "2015")));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_TRUE(Has(found, ">Elijah Penton</a>")) << found.body;
  EXPECT_TRUE(Has(found, Box(name, "month", "3")));  // the search kept on the page

  ExpectRefused(worker.Get("/people/search?" + FormBody(WithDate(who, name, "2", "", "2015"))), name,
                "Date of birth must include a month", "month", "2", "", "2015");
  ExpectRefused(worker.Get("/people/search?" + FormBody(WithDate(who, name, "31", "2", "2015"))), name,
                "Date of birth must be a real date", "day", "31", "2", "2015");
  ExpectRefused(worker.Get("/people/search?" + FormBody(WithDate(who, name, "2", "3", "2027"))), name,
                "The date of birth cannot be in the future", "day", "2", "3", "2027");
  // The API keeps its ISO date, and refuses the future the same way.
  auto api = worker.Get("/api/v1/people/search?last_name=Penton&date_of_birth=2027-03-02");
  EXPECT_EQ(api.status, 422) << api.body;
}

// RULE IR-3: a request for information names the child or adult it is about; their date of birth in
// three boxes.
TEST_F(DateInputs, IR3_ARequestForInformationTakesTheDateOfBirthInDayMonthAndYear) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto form = officer.Get("/information-requests/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, Box("subject_date_of_birth", "day", ""))) << form.body;

  const Form request = {{"type", "known-to-services"},
                        {"requester_name", "Jo Duty"},
                        {"requester_organisation", "Hertfordshire Constabulary"},
                        {"requester_email", "jo.duty@herts.pnn.police.uk"},
                        {"subject_first_names", "Mia"},
                        {"subject_last_name", "Example"},
                        {"details", "Is the child known?"}};
  const std::string name = "subject_date_of_birth";
  ExpectRefused(SendForm(officer, "/information-requests/new", WithDate(request, name, "14", "", "")), name,
                "Date of birth must include a month and year", "month", "14", "", "");
  ExpectRefused(SendForm(officer, "/information-requests/new", WithDate(request, name, "31", "2", "2017")),
                name, "Date of birth must be a real date", "day", "31", "2", "2017");
  ExpectRefused(SendForm(officer, "/information-requests/new", WithDate(request, name, "1", "1", "2030")),
                name, "The date of birth cannot be in the future", "day", "1", "1", "2030");
  auto taken = SendForm(officer, "/information-requests/new", WithDate(request, name, "14", "5", "2017"));
  ASSERT_EQ(taken.status, 303) << taken.body;
  const std::string location = taken.Header("location");  // /information-requests/{id}?done=recorded
  const std::string id = location.substr(22, location.find('?') - 22);
  EXPECT_EQ(officer.Get("/api/v1/information-requests/" + id).Json().at("subject").at("date_of_birth"), "2017-05-14");
}

}  // namespace
}  // namespace fd::testing
