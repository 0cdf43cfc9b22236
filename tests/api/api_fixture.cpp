#include "api_fixture.h"

#include <regex>

#include "app/out_of_hours.h"
#include "http/message.h"

namespace fd::testing {
namespace {

class FaultyTransaction final : public store::Transaction {
 public:
  FaultyTransaction(std::unique_ptr<store::Transaction> real, const std::atomic<bool>& fail)
      : real_(std::move(real)), fail_(fail) {}
  std::vector<store::Row> Query(std::string_view sql, const store::Params& params) override {
    return real_->Query(sql, params);
  }
  std::int64_t Execute(std::string_view sql, const store::Params& params) override {
    return real_->Execute(sql, params);
  }
  void Commit() override {
    if (fail_.load()) throw store::StoreFault(store::StoreFault::Kind::kFull, "database or disk is full (injected)");
    real_->Commit();
  }

 private:
  std::unique_ptr<store::Transaction> real_;
  const std::atomic<bool>& fail_;
};

}  // namespace

std::unique_ptr<store::Transaction> FaultyStore::Begin(store::TransactionMode mode) {
  return std::make_unique<FaultyTransaction>(real_.Begin(mode), fail_);
}

void ApiTest::SetUp() {
  real_store_ = std::make_unique<TestStore>(dir_, "api.db", store_options_);
  store::Migrate(*real_store_);
  store_ = std::make_unique<FaultyStore>(*real_store_);
  procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/hertfordshire").value();
  ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
  ctx_->password_hashing = app::PasswordHashing::kFastForTests;  // nine accounts per test
  for (Role role : AllRoles()) {
    const std::string username(RoleId(role));
    auto id = app::CreateUser(*ctx_, std::nullopt, {username, "Test " + username, "", role, "Front Door", kTestPassword,
                                                           role == Role::kPartner ? "police" : ""});
    ASSERT_TRUE(id.has_value());
  }
  service::ServiceOptions& options = service_options_;
  options.server.port = 0;
  options.server.io_threads = 2;
  options.server.handler_threads = 2;
  options.server.body_limit = 256 * 1024;
  options.server.stop_grace = std::chrono::milliseconds(5000);
  options.templates_dir = std::string(FD_SOURCE_DIR) + "/templates";
  options.static_dir = std::string(FD_BINARY_DIR) + "/static";
  Configure(options);
  service_ = std::make_unique<service::Service>(*ctx_, options);
  service_->Start();
}

void ApiTest::RestartService() {
  service_->Stop();
  service_.reset();
  service_ = std::make_unique<service::Service>(*ctx_, service_options_);
  service_->Start();
}

void ApiTest::TearDown() {
  if (service_) service_->Stop();
  service_.reset();
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    if (!body.empty()) body += '&';
    body += http::PercentEncode(k) + '=' + http::PercentEncode(v);
  }
  return body;
}

std::string StatusLinkSentTo(SmtpSink& sink, const std::string& address) {
  for (int i = 0; i < 100; ++i) {
    for (const auto& m : sink.Messages()) {
      if (m.recipients != std::vector<std::string>{address}) continue;
      std::smatch found;
      const std::string body = m.DecodedBody();
      if (std::regex_search(body, found, std::regex("https?://[^/\\s]+(/status/[A-Za-z0-9_-]{43})")))
        return found[1];
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "no status link was e-mailed to " << address;
  return "/status/none";
}

std::string FirstCapture(const std::string& page, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(page, match, std::regex(pattern)) ? match[1].str() : "";
}

// The front door's hours as the service judges them (app/out_of_hours.h FrontDoorOpen): the pack's
// intake service's, else office hours on working days (Kent).
void ApiTest::DuringOpeningHours() {
  for (int hours = 0; hours < 24 * 14; ++hours) {  // at most a fortnight: a bank holiday run included
    const Instant now = clock_.Now();
    const policy::PolicyPack& pack = procedures_->PackAt(now);
    // Open for the next hour too, so the test's contacts do not arrive just after it closes.
    const auto& calendar = procedures_->CalendarAt(now);
    if (app::FrontDoorOpen(pack, calendar, now) && app::FrontDoorOpen(pack, calendar, now + std::chrono::hours(1)))
      return;
    clock_.Advance(std::chrono::hours(1));
  }
  FAIL() << "the front door was not open in the next fortnight";
}

void ApiTest::AdvanceUntil(
    const std::function<bool(const policy::PolicyPack&, const calendar::WorkingCalendar&, Instant)>& holds) {
  for (int hours = 0; hours < 24 * 14; ++hours) {
    const Instant now = clock_.Now();
    const auto later = now + std::chrono::minutes(10);
    if (holds(procedures_->PackAt(now), procedures_->CalendarAt(now), now) &&
        holds(procedures_->PackAt(later), procedures_->CalendarAt(later), later))
      return;
    clock_.Advance(std::chrono::hours(1));
  }
  FAIL() << "the time the test needs did not come in the next fortnight";
}

HttpClient ApiTest::SignedIn(Role role) {
  HttpClient client(service_->port());
  auto reply = client.SignIn(std::string(RoleId(role)), kTestPassword);
  EXPECT_EQ(reply.status, 201) << reply.body;
  return client;
}

nlohmann::json ScreenableSchoolContact() {
  using nlohmann::json;
  return {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                        {"email", "dsl@riverside.hertfordshire.gov.uk"}}},
          {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                     {"gender", "female"}}})},
          {"concern", "Arrived hungry three days running."},
          {"intake", {{"channel", "email"},
                      {"household", {{"domestic_abuse", "no"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "not_known"}}}}}};
}

bool NamesField(const HttpReply& reply, const std::string& field) {
  for (const auto& e : reply.Json().value("errors", nlohmann::json::array()))
    if (e.at("field") == field) return true;
  return false;
}

HttpReply PostWithVersion(HttpClient& client, const std::string& path, nlohmann::json body, std::int64_t version) {
  body["version"] = version;
  return client.SendJson("POST", path, body);
}

}  // namespace fd::testing

namespace fd::testing {

void ScreenAndPropose(HttpClient& worker, std::int64_t contact_id, nlohmann::json decision,
                      std::int64_t* proposed_version) {
  using nlohmann::json;
  const std::string base = "/api/v1/contacts/" + std::to_string(contact_id);
  auto r = worker.Get(base);
  ASSERT_EQ(r.status, 200) << r.body;
  if (r.Json().at("state") == "received") {
    r = PostWithVersion(worker, base + "/screening/start", json::object(), r.Json().at("version"));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json answers = {{"answers", {{"nature", "Neglect"}, {"how_arose", "Seen at school"}, {"needs", "Food and safety"},
                               {"child_location", "School"}, {"last_seen", "This morning, teacher"},
                               {"family_known", "No"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_only"}, {"version", r.Json().at("version")}};
  r = worker.SendJson("PUT", base + "/screening", answers);
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(worker, base + "/record-checks", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/screening/complete", json::object(), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(worker, base + "/decision", std::move(decision), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  if (proposed_version) *proposed_version = r.Json().at("version");
}

void ScreenAndDecide(HttpClient& worker, HttpClient& manager, std::int64_t contact_id, nlohmann::json decision) {
  std::int64_t version = 0;
  ASSERT_NO_FATAL_FAILURE(ScreenAndPropose(worker, contact_id, std::move(decision), &version));
  const std::string base = "/api/v1/contacts/" + std::to_string(contact_id);
  auto r = PostWithVersion(manager, base + "/decision/authorise", nlohmann::json::object(), version);
  ASSERT_EQ(r.status, 200) << r.body;
}

}  // namespace fd::testing
