// Staff pages show dates as GOV.UK writes them ("14 May 2017", "27 November 2026 at 2:30pm"), never
// ISO ("2017-05-14", "2026-11-27T14:30:00Z"), as the public pages already did. ISO stays in the JSON
// API and in form values (attributes), which this test leaves alone. Over real HTTP.
#include <regex>

#include "api_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using DatesInWords = ApiTest;

// The text a reader sees: the page without its tags (so attributes, where ISO belongs, go too), nor
// the hints of boxes that take an ISO date ("Like 2015-03-02": how to type it, not a date shown).
std::string VisibleText(const std::string& page) {
  static const std::regex hints(R"(<div[^>]*class="govuk-hint"[^>]*>[^<]*</div>)");
  static const std::regex tags("<[^>]*>");
  return std::regex_replace(std::regex_replace(page, hints, " "), tags, " ");
}

// The ISO dates left in what the reader sees, for the failure message.
std::string IsoDatesIn(const std::string& page) {
  static const std::regex iso(R"(\b\d{4}-\d{2}-\d{2}\b)");
  const std::string text = VisibleText(page);
  std::string found;
  for (std::sregex_iterator m(text.begin(), text.end(), iso), end; m != end; ++m) {
    const auto at = static_cast<std::size_t>(m->position());
    found += "…" + text.substr(at < 40 ? 0 : at - 40, 80) + "…\n";
  }
  return found;
}

TEST_F(DatesInWords, StaffPagesShowDatesInWords) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string contact = "/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  // The API keeps ISO.
  EXPECT_EQ(created.Json().at("children").at(0).at("date_of_birth"), "2017-05-14");

  auto person = worker.SendJson("POST", "/api/v1/people",
                                {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                 {"address", "12 Orchard Way"}, {"postcode", "AB1 2CD"}, {"address_from", "2024-09-01"}});
  ASSERT_EQ(person.status, 201) << person.body;
  const std::string person_page = "/people/" + std::to_string(person.Json().at("id").get<std::int64_t>());

  for (const std::string& page : {std::string("/"), contact, std::string("/contacts"), std::string("/deadlines"),
                                  person_page, std::string("/people/search?first_names=Mia&last_name=Example")}) {
    auto shown = worker.Get(page);
    ASSERT_EQ(shown.status, 200) << page;
    EXPECT_EQ(IsoDatesIn(shown.body), "") << page;
  }
  EXPECT_NE(worker.Get(contact).body.find("14 May 2017"), std::string::npos);
  auto register_page = worker.Get(person_page).body;
  EXPECT_NE(register_page.find("14 May 2017"), std::string::npos);
  EXPECT_NE(register_page.find("From 1 September 2024"), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
