// Record checks on a child whose register record is restricted (KCR-10, HCR-30), over real HTTP on
// Kent's and Hertfordshire's packs: someone not named on the record is told that it exists and whom to
// ask, its plan and looked-after answers are withheld (never "No", in the answer, on the page, in the
// stored check or its audit), and the task stays open until a named viewer runs the checks.
#include <regex>

#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::string kAsk = "Morgan Manager, Front Door team manager";

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// The screening page's record checks table, or "" when it shows none.
std::string ChecksTable(const std::string& page) {
  const auto heading = page.find("id=\"record-checks\"");
  if (heading == std::string::npos) return "";
  const auto start = page.find("<table", heading);
  const auto end = page.find("</table>", heading);
  return start == std::string::npos || end == std::string::npos || start > end ? "" : page.substr(start, end - start);
}

// The screening task list's status for the record checks task: "Completed" or the "Incomplete" tag.
std::string RecordChecksTaskStatus(const std::string& page) {
  return FirstCapture(page, "id=\"task-record_checks-status\">([^<]*(<strong[^>]*>[^<]*)?)");
}

class RestrictedChildChecks : public ApiTest {
 protected:
  // Ezra Quinn on the register, on a child protection plan and looked after; then a team manager
  // restricts the record (and is its one named viewer). Returns his register number.
  std::int64_t RestrictedEzra(HttpClient& worker, HttpClient& manager) {
    auto created = worker.SendJson("POST", "/api/v1/people", {{"first_names", "Ezra"}, {"last_name", "Quinn"},
                                                              {"date_of_birth", "2011-06-19"}, {"gender", "male"}});
    EXPECT_EQ(created.status, 201) << created.body;
    const auto ezra = created.Json().value("id", std::int64_t{0});
    const std::string person = "/api/v1/people/" + std::to_string(ezra);
    for (const char* kind : {"child_protection_plan", "looked_after"}) {
      auto added = worker.SendJson("POST", person + "/involvements", {{"kind", kind}, {"started_on", "2025-02-01"}});
      EXPECT_EQ(added.status, 201) << added.body;
    }
    auto restricted = manager.SendJson("POST", person + "/restriction", {{"restricted", true}, {"ask", kAsk}});
    EXPECT_EQ(restricted.status, 200) << restricted.body;
    return ezra;
  }

  // A school's contact about Ezra, screening started and every answer given: only the record checks
  // stand between it and completion.
  std::int64_t ContactAboutEzra(HttpClient& worker) {
    json contact = ScreenableSchoolContact();
    contact["children"] = json::array(
        {{{"first_names", "Ezra"}, {"last_name", "Quinn"}, {"date_of_birth", "2011-06-19"}, {"gender", "male"}}});
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", contact);
    EXPECT_EQ(created.status, 201) << created.body;
    const auto id = created.Json().value("id", std::int64_t{0});
    const std::string api = Api(id);
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

  static std::string Api(std::int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }
  static std::int64_t Version(HttpClient& client, std::int64_t id) {
    return client.Get(Api(id)).Json().at("version").get<std::int64_t>();
  }
  static HttpReply RunChecks(HttpClient& client, std::int64_t id) {
    return client.SendJson("POST", Api(id) + "/record-checks", {{"version", Version(client, id)}});
  }
  static json TaskOf(const json& workflow) {
    for (const auto& t : workflow.at("tasks"))
      if (t.at("id") == "record_checks") return t;
    return json::object();
  }

  // What the audit kept of the last record checks run on the contact.
  json LastAuditedChecks(std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.record_checks' AND record_id = ? "
                          "ORDER BY seq DESC",
                          {std::to_string(id)});
    return rows.empty() ? json() : json::parse(rows.at(0).Text(0)).at("checks");
  }

  // The whole journey, on the pack in force; `rule` is the rule the pack cites for the task.
  void WithheldUntilANamedViewerChecks(const std::string& rule) {
    auto worker = SignedIn(Role::kSocialWorker);
    auto manager = SignedIn(Role::kTeamManager);
    const auto ezra = RestrictedEzra(worker, manager);
    const auto id = ContactAboutEzra(worker);

    // The social worker is not named on the record: known, the rest withheld with whom to ask.
    auto checked = RunChecks(worker, id);
    ASSERT_EQ(checked.status, 200) << checked.body;
    const json check = checked.Json().at("record_checks").at(0);
    EXPECT_EQ(check.at("known"), true);
    EXPECT_EQ(check.at("person_id"), ezra);
    EXPECT_TRUE(check.at("child_protection_plan").is_null()) << check;
    EXPECT_TRUE(check.at("looked_after").is_null()) << check;
    EXPECT_TRUE(check.at("open_case").is_null()) << check;
    EXPECT_EQ(check.at("withheld"), true);
    EXPECT_EQ(check.at("ask"), kAsk);
    EXPECT_EQ(TaskOf(checked.Json()).at("done"), false) << checked.body;
    EXPECT_TRUE(Has(TaskOf(checked.Json()).at("title").get<std::string>(), "ask " + kAsk + " to run them"));

    // Nor is it false in the audit; and screening cannot be completed.
    const json audited = LastAuditedChecks(id);
    ASSERT_EQ(audited.size(), 1u) << audited;
    EXPECT_TRUE(audited.at(0).at("child_protection_plan").is_null()) << audited;
    EXPECT_TRUE(audited.at(0).at("looked_after").is_null()) << audited;
    EXPECT_EQ(audited.at(0).at("withheld"), true);
    EXPECT_FALSE(Has(audited.dump(), "Morgan")) << "the audit names no one";
    auto early = worker.SendJson("POST", Api(id) + "/screening/complete", {{"version", Version(worker, id)}});
    EXPECT_EQ(early.status, 422) << early.body;
    EXPECT_TRUE(NamesField(early, "record_checks")) << early.body;
    EXPECT_TRUE(Has(early.body, "withheld on a restricted record: ask " + kAsk + " to run them (" + rule + ")"))
        << early.body;

    // The screening page says so, and the task is not shown completed.
    const std::string page_path = "/contacts/" + std::to_string(id) + "/screening";
    auto page = worker.Get(page_path);
    ASSERT_EQ(page.status, 200);
    const std::string table = ChecksTable(page.body);
    EXPECT_TRUE(Has(table, "Withheld: restricted record — ask " + kAsk)) << table;
    EXPECT_FALSE(Has(table, ">No<")) << table;
    EXPECT_TRUE(Has(RecordChecksTaskStatus(page.body), "Incomplete")) << RecordChecksTaskStatus(page.body);

    // The stored check is read as withheld by anyone later, the record's own viewer included.
    auto stored = manager.Get(Api(id) + "/workflow");
    ASSERT_EQ(stored.status, 200) << stored.body;
    EXPECT_EQ(stored.Json().at("record_checks").at(0).at("withheld"), true);
    EXPECT_TRUE(stored.Json().at("record_checks").at(0).at("child_protection_plan").is_null());
    EXPECT_FALSE(Has(ChecksTable(manager.Get(page_path).body), ">No<"));

    // The named viewer runs them: the real answers, and the task is done.
    auto by_viewer = RunChecks(manager, id);
    ASSERT_EQ(by_viewer.status, 200) << by_viewer.body;
    const json real = by_viewer.Json().at("record_checks").at(0);
    EXPECT_EQ(real.at("child_protection_plan"), true) << real;
    EXPECT_EQ(real.at("looked_after"), true);
    EXPECT_EQ(real.at("withheld"), false);
    EXPECT_TRUE(real.at("ask").is_null());
    EXPECT_EQ(TaskOf(by_viewer.Json()).at("done"), true);
    EXPECT_TRUE(Has(ChecksTable(manager.Get(page_path).body), "<td class=\"govuk-table__cell\">Yes</td>"));

    // The social worker still sees only whom to ask, but the task is done for them too; checking
    // again keeps the viewer's answers rather than reopening the task.
    auto seen = worker.Get(Api(id) + "/workflow");
    EXPECT_EQ(seen.Json().at("record_checks").at(0).at("withheld"), true);
    EXPECT_TRUE(seen.Json().at("record_checks").at(0).at("child_protection_plan").is_null());
    EXPECT_FALSE(Has(seen.body, "No one else recorded in the household")) << "the household is withheld too";
    EXPECT_EQ(TaskOf(seen.Json()).at("done"), true);
    auto again = RunChecks(worker, id);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(TaskOf(again.Json()).at("done"), true);
    EXPECT_EQ(manager.Get(Api(id) + "/workflow").Json().at("record_checks").at(0).at("child_protection_plan"), true);
    page = worker.Get(page_path);
    EXPECT_TRUE(Has(ChecksTable(page.body), "Withheld: restricted record — ask " + kAsk));
    EXPECT_EQ(RecordChecksTaskStatus(page.body), "Completed");
    EXPECT_EQ(worker.SendJson("POST", Api(id) + "/screening/complete", {{"version", Version(worker, id)}}).status, 200);
  }
};

class KentRestrictedChildChecks : public RestrictedChildChecks {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

// RULE KCR-10: Kent's record checks never answer "No" for a plan or a looked-after child the checker
// may not see.
TEST_F(KentRestrictedChildChecks, KCR10_ARestrictedChildsAnswersAreWithheldUntilANamedViewerChecks) {
  WithheldUntilANamedViewerChecks("KCR-10");
}

// RULE HCR-30: the same under Hertfordshire, whose messages cite no Kent rule.
TEST_F(RestrictedChildChecks, HCR30_ARestrictedChildsAnswersAreWithheldUntilANamedViewerChecks) {
  WithheldUntilANamedViewerChecks("HCR-30");
}

// RULE HCR-30 RULE KCR-10: through the screening page's own forms: "Check records" by someone not
// named on the record, then "Complete screening" is refused, pointing at the record checks task.
TEST_F(RestrictedChildChecks, HCR30_KCR10_ThePageWithholdsTheAnswersAndWillNotComplete) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  RestrictedEzra(worker, manager);
  const auto id = ContactAboutEzra(worker);
  const std::string page_path = "/contacts/" + std::to_string(id) + "/screening";
  const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
  auto post = [&](const std::string& path, const std::string& page) {
    return worker.Send("POST", path,
                       "csrf_token=" + http::PercentEncode(FirstCapture(page, "name=\"csrf_token\" value=\"([^\"]+)\"")) +
                           "&version=" + FirstCapture(page, "name=\"version\" value=\"([0-9]+)\""),
                       form);
  };
  auto before = worker.Get(page_path);
  ASSERT_EQ(before.status, 200);
  ASSERT_EQ(post(page_path.substr(0, page_path.size() - 10) + "/record-checks", before.body).status, 303);

  auto page = worker.Get(page_path);
  ASSERT_EQ(page.status, 200);
  const std::string table = ChecksTable(page.body);
  EXPECT_TRUE(Has(table, "Withheld: restricted record — ask " + kAsk)) << table;
  EXPECT_FALSE(Has(table, ">No<")) << table;
  EXPECT_TRUE(Has(RecordChecksTaskStatus(page.body), "Incomplete"));
  auto answers = worker.Get(page_path + "/check");
  ASSERT_EQ(answers.status, 200);
  EXPECT_TRUE(Has(answers.body, "known; child protection plan and looked after withheld: restricted record — ask " + kAsk))
      << answers.body;

  auto refused = post(page_path + "/complete", page.body);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "href=\"#task-record_checks\"")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "withheld on a restricted record: ask " + kAsk + " to run them"));
  EXPECT_EQ(worker.Get(Api(id)).Json().at("state"), "screening");
}

}  // namespace
}  // namespace fd::testing
