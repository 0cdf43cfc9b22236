// The Child Protection Chair's "When was it held?" (CPC-4: recorded within 48 hours of holding it) on
// the consultation's page: GOV.UK date boxes and a time box, not one ISO text box
// (docs/decisions.md "Every date typed on a page is a GOV.UK date input"). Each part at fault is named
// and only its boxes are marked; the use case's own rules (not in the future) stand; what was typed is
// kept; the API keeps its ISO time.
#include <set>

#include "api_fixture.h"
#include "chair_consultation_request.h"
#include "page_forms.h"
#include "procedures_fixture.h"
#include "calendar/local_time.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// Kent's pack (Hertfordshire has no CP chair consultations), with the real clock.
class ChairHeldAt : public KentApiTest {
 protected:
  // A consultation requested, allocated to the chair and arranged for now: its record form is open.
  std::int64_t Arranged(HttpClient& chair) {
    auto worker = SignedIn(Role::kSocialWorker);
    auto created = worker.SendJson("POST", "/api/v1/chair-consultations", ChairConsultationRequestAboutTia());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().value("id", std::int64_t{0});
    const std::string base = "/api/v1/chair-consultations/" + std::to_string(id);
    const std::int64_t chair_id = chair.Get("/api/v1/session").Json().at("user").at("id");
    auto allocated = SignedIn(Role::kCpCoordinator).SendJson("POST", base + "/allocate", {{"chair_user_id", chair_id}});
    EXPECT_EQ(allocated.status, 200) << allocated.body;
    const std::string soon = FormatUtc(std::chrono::floor<std::chrono::seconds>(clock_.Now()) + std::chrono::minutes(1));
    auto contacted = chair.SendJson("POST", base + "/contacted", {{"arranged_for", soon}});
    EXPECT_EQ(contacted.status, 200) << contacted.body;
    return id;
  }
};

// The record under the eight headings (CPC-5), with `held` as the date boxes and time box typed.
Form Record(const std::string& day, const std::string& month, const std::string& year, const std::string& time) {
  Form form = {{"held_at-day", day}, {"held_at-month", month}, {"held_at-year", year}, {"held_at-time", time}};
  for (const char* heading : {"previous_cp", "previous_cin", "previous_proceedings", "previous_cla", "brief_history",
                              "prevention_work", "other_agencies", "family_safety_plan"})
    form.push_back({heading, "None known"});
  return form;
}

std::string Box(const std::string& part, const std::string& value) {
  return "id=\"held_at-" + part + "\" name=\"held_at-" + part + "\" type=\"text\"" +
         (part == "time" ? "" : " inputmode=\"numeric\"") + " value=\"" + value + "\"";
}

// 422; the message in the summary linking to the first part at fault and beside the boxes; each box
// as typed; `marked` lists the boxes marked in error.
void ExpectRefused(const HttpReply& reply, const std::string& message, const std::string& linked, const Form& typed,
                   const std::set<std::string>& marked) {
  EXPECT_EQ(reply.status, 422) << reply.body.substr(0, 3000);
  EXPECT_TRUE(Has(reply, "<a href=\"#held_at-" + linked + "\">" + message)) << message << "\n" << reply.body;
  EXPECT_TRUE(Has(reply, "id=\"held_at-error\" class=\"govuk-error-message\"")) << "no message beside the boxes";
  for (const auto& [name, value] : typed) {
    if (!name.starts_with("held_at-")) continue;
    const std::string part = name.substr(8);
    EXPECT_TRUE(Has(reply, Box(part, value))) << part << " not kept as " << value;
    const std::size_t at = reply.body.find("id=\"held_at-" + part + "\"");
    ASSERT_NE(at, std::string::npos);
    const std::string input = reply.body.substr(reply.body.rfind("<input", at), at - reply.body.rfind("<input", at));
    EXPECT_EQ(input.find("govuk-input--error") != std::string::npos, marked.contains(part)) << part << ": " << input;
  }
}

// RULE CPC-4: when the consultation was held, typed as a date and a time; each part at fault named.
TEST_F(ChairHeldAt, CPC4_WhenHeldIsADateInputAndATime) {
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t id = Arranged(chair);
  const std::string page = "/chair-consultations/" + std::to_string(id);
  auto shown = chair.Get(page);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_TRUE(Has(shown, Box("day", ""))) << shown.body;
  EXPECT_TRUE(Has(shown, Box("time", "")));
  EXPECT_FALSE(Has(shown, "id=\"held-at\""));
  EXPECT_FALSE(Has(shown, "name=\"held_at\""));

  // Now, in London, as the chair reads it off the clock: "2026-11-28T14:30".
  const std::string now = calendar::FormatLocalIso(std::chrono::floor<std::chrono::seconds>(clock_.Now()));
  const std::string day = std::to_string(std::stoi(now.substr(8, 2))), month = std::to_string(std::stoi(now.substr(5, 2)));
  const std::string year = now.substr(0, 4), time = now.substr(11, 5);
  const std::string record = page + "/record";

  Form typed = Record(day, "", year, time);
  ExpectRefused(SendForm(chair, record, typed), "The date it was held must include a month", "month", typed,
                {"month"});
  typed = Record("31", "2", year, time);
  ExpectRefused(SendForm(chair, record, typed), "The date it was held must be a real date", "day", typed,
                {"day", "month", "year"});
  typed = Record(day, month, "26", time);
  ExpectRefused(SendForm(chair, record, typed), "Year must include 4 numbers", "year", typed, {"year"});
  typed = Record(day, month, year, "");
  ExpectRefused(SendForm(chair, record, typed), "Enter the time it was held, for example 14:30", "time",
                typed, {"time"});
  typed = Record(day, month, year, "25:10");
  ExpectRefused(SendForm(chair, record, typed), "Enter the time it was held as a real time", "time", typed,
                {"time"});
  typed = Record("", "", "", "");
  ExpectRefused(SendForm(chair, record, typed), "Enter the date and time the consultation was held", "day",
                typed, {"day", "month", "year", "time"});
  // The use case's rule: not in the future (next year, the same day and time).
  typed = Record(day, month, std::to_string(std::stoi(year) + 1), time);
  ExpectRefused(SendForm(chair, record, typed), "When the consultation was held cannot be in the future",
                "day", typed, {"day", "month", "year", "time"});

  // Held this minute (not before the request's), written as on a 12-hour clock: taken; the API
  // answers in ISO UTC.
  const auto this_minute = std::chrono::floor<std::chrono::minutes>(clock_.Now());
  const std::string then = calendar::FormatLocalIso(this_minute);
  const int hour = std::stoi(then.substr(11, 2));
  const std::string twelve_hour =
      std::to_string(hour % 12 == 0 ? 12 : hour % 12) + ":" + then.substr(14, 2) + (hour < 12 ? "am" : "pm");
  auto taken = SendForm(chair, record,
                        Record(std::to_string(std::stoi(then.substr(8, 2))), then.substr(5, 2),
                               then.substr(0, 4), twelve_hour));
  ASSERT_EQ(taken.status, 303) << taken.body;
  EXPECT_EQ(chair.Get("/api/v1" + page).Json().at("held_at"), FormatUtc(this_minute));
}

}  // namespace
}  // namespace fd::testing
