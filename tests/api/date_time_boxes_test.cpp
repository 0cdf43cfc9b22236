// The last two "when" answers typed as ISO text on a page, now GOV.UK date boxes and a time box
// (docs/decisions.md "Every date typed on a page is a GOV.UK date input", web/time_box.h): the agency
// check's "When they were asked" on screening (KCR-9) and the CP chair's "When is it arranged for?"
// (CPC-3). Each part at fault is named in the error summary and beside the boxes, only its boxes are
// marked, the use case's own rules (not in the future, not before the contact) mark them all, what
// was typed is kept, the value stored is the one the ISO box gave, and the API keeps its ISO field.
#include <set>

#include "api_fixture.h"
#include "calendar/local_time.h"
#include "page_forms.h"
#include "procedures_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// A local date and time ("2026-11-28T14:30") as a person types it: 28, 11, 2026 and 14:30.
struct Typed {
  std::string day, month, year, time;
};

Typed TypedAs(const std::string& local) {
  return {std::to_string(std::stoi(local.substr(8, 2))), std::to_string(std::stoi(local.substr(5, 2))),
          local.substr(0, 4), local.substr(11, 5)};
}

// The boxes of `name` with what was typed in them.
Form Boxes(const std::string& name, const Typed& t) {
  return {{name + "-day", t.day}, {name + "-month", t.month}, {name + "-year", t.year}, {name + "-time", t.time}};
}

// The box as templates/date_time_field.mustache writes it, with `value` in it.
std::string Box(const std::string& name, const std::string& part, const std::string& value) {
  return "id=\"" + name + "-" + part + "\" name=\"" + name + "-" + part + "\" type=\"text\"" +
         (part == "time" ? "" : " inputmode=\"numeric\"") + " value=\"" + value + "\"";
}

// 422; `message` in the summary, linking to the box `linked`, and beside the boxes; each box of
// `name` as typed, and marked in error exactly when it is in `marked`.
void ExpectRefused(const HttpReply& reply, const std::string& name, const std::string& message,
                   const std::string& linked, const Form& typed, const std::set<std::string>& marked) {
  SCOPED_TRACE(message);
  EXPECT_EQ(reply.status, 422) << reply.body.substr(0, 3000);
  EXPECT_TRUE(Has(reply, "<a href=\"#" + name + "-" + linked + "\">" + message)) << reply.body;
  EXPECT_TRUE(Has(reply, "id=\"" + name + "-error\" class=\"govuk-error-message\"")) << "no message beside the boxes";
  for (const auto& [field, value] : typed) {
    if (!field.starts_with(name + "-")) continue;
    const std::string part = field.substr(name.size() + 1);
    EXPECT_TRUE(Has(reply, Box(name, part, value))) << part << " not kept as " << value;
    const std::size_t at = reply.body.find("id=\"" + name + "-" + part + "\"");
    ASSERT_NE(at, std::string::npos);
    const std::size_t input = reply.body.rfind("<input", at);
    EXPECT_EQ(reply.body.substr(input, at - input).find("govuk-input--error") != std::string::npos,
              marked.contains(part))
        << part;
  }
}

// Now in London to the minute: "2026-11-28T14:30".
std::string LocalMinute(Instant at) {
  return calendar::FormatLocalIso(std::chrono::floor<std::chrono::minutes>(at)).substr(0, 16);
}

// The same minute on a 12-hour clock, as many people write it: "2:30pm".
std::string TwelveHour(const std::string& local) {
  const int hour = std::stoi(local.substr(11, 2));
  return std::to_string(hour % 12 == 0 ? 12 : hour % 12) + ":" + local.substr(14, 2) + (hour < 12 ? "am" : "pm");
}

// --- the agency check (Hertfordshire's pack) ---------------------------------------------------------

class AgencyAskedAt : public ApiTest {
 protected:
  // A contact being screened by the fixture's social worker, the parents told: its agency check
  // form is open.
  std::int64_t Screening(HttpClient& worker) {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().value("id", std::int64_t{0});
    const std::string api = "/api/v1/contacts/" + std::to_string(id);
    EXPECT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", Version(worker, id)}}).status, 200);
    json answers = json::object();
    for (const char* q : {"nature", "how_arose", "needs", "child_location", "last_seen", "family_known"})
      answers[q] = "Answered";
    auto saved = worker.SendJson("PUT", api + "/screening",
                                 {{"version", Version(worker, id)}, {"answers", answers}, {"significant_harm", "no"},
                                  {"urgent_action", "no"}, {"crime_possible", "no"}, {"consent", "informed_agreed"}});
    EXPECT_EQ(saved.status, 200) << saved.body;
    return id;
  }

  static std::int64_t Version(HttpClient& client, std::int64_t id) {
    return client.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("version").get<std::int64_t>();
  }

  // The agency check form as typed, "When they were asked" as `when`, with the contact's version.
  static Form Check(HttpClient& worker, std::int64_t id, const Typed& when) {
    Form form = {{"agency", "Health visiting"},
                 {"asked_person", "Jo Nurse"},
                 {"response", "Known to us; no concerns"},
                 {"version", std::to_string(Version(worker, id))}};
    for (auto& box : Boxes("asked_at", when)) form.push_back(box);
    return form;
  }
};

// RULE KCR-9: when the agency was asked, typed as a date and a time; each part at fault named.
TEST_F(AgencyAskedAt, KCR9_WhenTheyWereAskedIsADateInputAndATime) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t id = Screening(worker);
  const std::string page = "/contacts/" + std::to_string(id) + "/screening";
  auto shown = worker.Get(page);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_TRUE(Has(shown, Box("asked_at", "day", ""))) << shown.body;
  EXPECT_TRUE(Has(shown, Box("asked_at", "time", "")));
  EXPECT_TRUE(Has(shown, "<legend class=\"govuk-fieldset__legend\">When they were asked</legend>"));
  EXPECT_FALSE(Has(shown, "name=\"asked_at\""));
  EXPECT_FALSE(Has(shown, "2026-11-24T14:30")) << "no ISO example left on the page";

  const Typed now = TypedAs(LocalMinute(clock_.Now()));
  const std::string post = "/contacts/" + std::to_string(id) + "/agency-checks";
  auto refused = [&](Typed when, const std::string& message, const std::string& linked,
                     const std::set<std::string>& marked) {
    const Form typed = Check(worker, id, when);
    auto reply = SendForm(worker, post, typed);
    ExpectRefused(reply, "asked_at", message, linked, typed, marked);
    EXPECT_TRUE(Has(reply, "value=\"Jo Nurse\"")) << "the rest of the form is kept too";
    EXPECT_TRUE(Has(reply, ">Known to us; no concerns</textarea>"));
  };
  refused({"", now.month, now.year, now.time}, "The date they were asked must include a day", "day", {"day"});
  refused({now.day, "", now.year, now.time}, "The date they were asked must include a month", "month", {"month"});
  refused({"31", "2", now.year, now.time}, "The date they were asked must be a real date", "day",
          {"day", "month", "year"});
  refused({now.day, now.month, "26", now.time}, "Year must include 4 numbers", "year", {"year"});
  refused({now.day, now.month, now.year, ""}, "Enter the time they were asked, for example 14:30", "time", {"time"});
  refused({now.day, now.month, now.year, "25:10"}, "Enter the time they were asked as a real time", "time", {"time"});
  refused({now.day, now.month, now.year, "this morning"}, "Enter the time they were asked as a real time", "time",
          {"time"});
  refused({"", "", "", now.time}, "Enter the date they were asked", "day", {"day", "month", "year"});
  refused({"", "", "", ""}, "Enter the date and time they were asked", "day", {"day", "month", "year", "time"});
  // The use case's rules are about the whole answer: not in the future (next year), not before the
  // contact came in (last year).
  refused({now.day, now.month, std::to_string(std::stoi(now.year) + 1), now.time},
          "When they were asked cannot be in the future", "day", {"day", "month", "year", "time"});
  refused({now.day, now.month, std::to_string(std::stoi(now.year) - 1), now.time},
          "When they were asked cannot be before the contact was received", "day", {"day", "month", "year", "time"});
  EXPECT_TRUE(worker.Get("/api/v1/contacts/" + std::to_string(id) + "/workflow").Json().at("agency_checks").empty());

  // Asked this minute, written on a 12-hour clock: taken, and stored as the ISO box took it.
  const std::string minute = LocalMinute(clock_.Now());
  Typed when = TypedAs(minute);
  when.time = TwelveHour(minute);
  auto taken = SendForm(worker, post, Check(worker, id, when));
  ASSERT_EQ(taken.status, 303) << taken.body.substr(0, 3000);
  const json checks = worker.Get("/api/v1/contacts/" + std::to_string(id) + "/workflow").Json().at("agency_checks");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks.at(0).at("asked_at").get<std::string>().substr(0, 16), minute);
}

// The API keeps its ISO field (a program sends "2026-11-24T14:30"), and its own message.
TEST_F(AgencyAskedAt, KCR9_TheApiKeepsItsIsoTime) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t id = Screening(worker);
  const std::string api = "/api/v1/contacts/" + std::to_string(id) + "/agency-checks";
  json body = {{"agency", "Health visiting"},
               {"asked_person", "Jo Nurse"},
               {"asked_at", "yesterday"},
               {"response", "Known to us"},
               {"version", Version(worker, id)}};
  auto bad = worker.SendJson("POST", api, body);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad, "like 2026-11-24T14:30")) << bad.body;
  const std::string minute = LocalMinute(clock_.Now());
  body["asked_at"] = minute;
  auto taken = worker.SendJson("POST", api, body);
  ASSERT_EQ(taken.status, 200) << taken.body;
  const json checks = worker.Get("/api/v1/contacts/" + std::to_string(id) + "/workflow").Json().at("agency_checks");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks.at(0).at("asked_at").get<std::string>().substr(0, 16), minute);
}

// --- the CP chair's arrangement (Kent's pack: Hertfordshire has no CP chair consultations) ------------

class ChairArrangedFor : public KentApiTest {
 protected:
  // A consultation requested and allocated to the chair: its "Arrange the consultation" form is open.
  std::int64_t Allocated(HttpClient& chair) {
    auto worker = SignedIn(Role::kSocialWorker);
    auto created = worker.SendJson("POST", "/api/v1/chair-consultations",
                                   {{"area", "north-west"},
                                    {"child_first_names", "Tia"},
                                    {"child_last_name", "Sample"},
                                    {"child_date_of_birth", "2012-10-03"},
                                    {"reason", "Neglect over two years; is a conference proportionate?"},
                                    {"strategy_discussion_held", false},
                                    {"icpc_decision_made", false}});
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().value("id", std::int64_t{0});
    const std::int64_t chair_id = chair.Get("/api/v1/session").Json().at("user").at("id");
    auto allocated = SignedIn(Role::kCpCoordinator)
                         .SendJson("POST", "/api/v1/chair-consultations/" + std::to_string(id) + "/allocate",
                                   {{"chair_user_id", chair_id}});
    EXPECT_EQ(allocated.status, 200) << allocated.body;
    return id;
  }
};

// RULE CPC-3: when the consultation is arranged for, typed as a date and a time; each part at fault
// named; the API answers the time arranged in ISO UTC as before.
TEST_F(ChairArrangedFor, CPC3_WhenItIsArrangedForIsADateInputAndATime) {
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t id = Allocated(chair);
  const std::string page = "/chair-consultations/" + std::to_string(id);
  auto shown = chair.Get(page);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_TRUE(Has(shown, Box("arranged_for", "day", ""))) << shown.body;
  EXPECT_TRUE(Has(shown, Box("arranged_for", "time", "")));
  EXPECT_TRUE(Has(shown, "When is it arranged for?</legend>"));
  EXPECT_TRUE(Has(shown, "Record this once you have contacted Test social_worker (CPC-3)."));
  EXPECT_FALSE(Has(shown, "name=\"arranged_for\""));
  EXPECT_FALSE(Has(shown, "2026-11-25T14:00")) << "no ISO example left on the page";

  // Tomorrow at this minute.
  const std::string tomorrow = LocalMinute(clock_.Now() + std::chrono::days(1));
  const Typed at = TypedAs(tomorrow);
  const std::string post = page + "/contacted";
  auto refused = [&](const Typed& when, const std::string& message, const std::string& linked,
                     const std::set<std::string>& marked) {
    const Form typed = Boxes("arranged_for", when);
    ExpectRefused(SendForm(chair, post, typed), "arranged_for", message, linked, typed, marked);
  };
  refused({"", at.month, at.year, at.time}, "The date arranged must include a day", "day", {"day"});
  refused({at.day, at.month, "", at.time}, "The date arranged must include a year", "year", {"year"});
  refused({"31", "2", at.year, at.time}, "The date arranged must be a real date", "day", {"day", "month", "year"});
  refused({at.day, at.month, "26", at.time}, "Year must include 4 numbers", "year", {"year"});
  refused({at.day, at.month, at.year, ""}, "Enter the time arranged, for example 14:30", "time", {"time"});
  refused({at.day, at.month, at.year, "13pm"}, "Enter the time arranged as a real time", "time", {"time"});
  refused({"", "", "", at.time}, "Enter the date arranged", "day", {"day", "month", "year"});
  refused({"", "", "", ""}, "Enter the date and time arranged", "day", {"day", "month", "year", "time"});
  // The use case's rules are about the whole answer: not before the request (last year), within the
  // next year (two years on).
  refused({at.day, at.month, std::to_string(std::stoi(at.year) - 1), at.time},
          "The time arranged cannot be before the request", "day", {"day", "month", "year", "time"});
  refused({at.day, at.month, std::to_string(std::stoi(at.year) + 2), at.time},
          "The time arranged must be within the next year", "day", {"day", "month", "year", "time"});
  EXPECT_EQ(chair.Get("/api/v1" + page).Json().at("status"), "allocated");

  // Tomorrow at this minute on a 12-hour clock: taken; the API answers in ISO UTC.
  Typed twelve = at;
  twelve.time = TwelveHour(tomorrow);
  auto taken = SendForm(chair, post, Boxes("arranged_for", twelve));
  ASSERT_EQ(taken.status, 303) << taken.body.substr(0, 3000);
  EXPECT_EQ(chair.Get("/api/v1" + page).Json().at("arranged_for"),
            FormatUtc(std::chrono::floor<std::chrono::minutes>(clock_.Now() + std::chrono::days(1))));
}

}  // namespace
}  // namespace fd::testing
