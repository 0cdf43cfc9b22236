#include "soak_journeys.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace fd::bench {
namespace {

using nlohmann::json;

// A busy day's queue: officers record while fewer than this many contacts wait to be decided.
constexpr std::size_t kMaxWaiting = 40;
// Each user signs out and in again every this many rounds, as people do over a day; the server must
// end those sessions rather than keep them.
constexpr std::int64_t kRoundsPerSession = 25;
// Workers and managers with nothing on the board look at their queues, then wait a moment as a
// person would, rather than spinning on reads.
constexpr auto kIdlePause = std::chrono::milliseconds(20);

const char* kFirstNames[] = {"Ava", "Ben", "Cal", "Dee", "Eve", "Fin", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou",
                             "Mia", "Ned", "Ola", "Pip", "Rae", "Sol", "Tam", "Uma"};
const char* kLastNames[] = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Khan",
                            "Patel", "Lewis", "Hall",  "Example", "Young",  "Wood",  "Price"};
const char* kConcerns[] = {"Arrived hungry three days running.",
                           "Bruise on the arm, explanation changed twice.",
                           "Often late and unkempt; says nobody is home in the evenings.",
                           "Disclosed arguments at home that frighten them.",
                           "Parent appeared intoxicated at collection."};
// Kent's outcomes (policies/kent) that follow screening without a strategy discussion; the
// assessment makes a referral and so needs the protective factors (HCR-34).
const char* kOutcomes[] = {"information-and-advice", "no-further-action", "early-help",
                           "child-and-family-assessment"};
const char* kQueues[] = {"front-door", "out-of-hours", "allocated-worker", "returned"};

}  // namespace

void Board::Push(std::deque<HeldContact>& list, HeldContact c) {
  std::lock_guard lock(mutex_);
  list.push_back(std::move(c));
}

std::optional<HeldContact> Board::Take(std::deque<HeldContact>& list) {
  std::lock_guard lock(mutex_);
  if (list.empty()) return std::nullopt;
  HeldContact c = std::move(list.front());
  list.pop_front();
  return c;
}

std::size_t Board::Waiting() const {
  std::lock_guard lock(mutex_);
  return to_screen_.size() + to_authorise_.size() + returned_.size();
}

bool VirtualUser::Chance(int one_in) { return std::uniform_int_distribution<int>(1, one_in)(rng_) == 1; }

SoakReply VirtualUser::Call(const std::string& kind, const std::string& method, const std::string& route,
                            const std::string& body) {
  auto reply = client_.Send(method, route, body, body.empty() ? "" : "application/json");
  shared_.stats.Record(kind, route, reply, shared_.measuring.load());
  return reply;
}

SoakReply VirtualUser::CallJson(const std::string& kind, const std::string& method, const std::string& route,
                                const json& body) {
  return Call(kind, method, route, body.dump());
}

bool VirtualUser::Step(const std::string& kind, const std::string& method, const std::string& route, json body,
                       HeldContact& held) {
  body["version"] = held.version;
  auto reply = CallJson(kind, method, route, body);
  if (reply.status != 200) return false;
  const json answer = reply.Json();
  if (!answer.is_object() || !answer.contains("version")) return false;
  held.version = answer.at("version").get<std::int64_t>();
  return true;
}

bool VirtualUser::SignIn() {
  auto reply = client_.SignIn(username_, shared_.password);
  shared_.stats.Record("api sign in", "/api/v1/session", reply, shared_.measuring.load());
  signed_in_ = reply.status == 201;
  return signed_in_;
}

void VirtualUser::SignOut() {
  auto reply = client_.SignOut();
  shared_.stats.Record("api sign out", "/api/v1/session", reply, shared_.measuring.load());
  signed_in_ = false;
}

void VirtualUser::Run() {
  while (!shared_.stopping.load()) {
    if (!signed_in_ && !SignIn()) {
      std::this_thread::sleep_for(std::chrono::seconds(1));  // counted as an error; do not hammer
      continue;
    }
    switch (role_) {
      case SoakRole::kOfficer: OfficerRound(); break;
      case SoakRole::kWorker: WorkerRound(); break;
      case SoakRole::kManager: ManagerRound(); break;
    }
    if (++rounds_ % kRoundsPerSession == 0) SignOut();
  }
  if (signed_in_) SignOut();
}

void VirtualUser::BrowseRound() {
  Call("api contacts list", "GET", fmt::format("/api/v1/contacts?page={}&page_size=25", 1 + rounds_ % 3));
  Call("page queue", "GET", fmt::format("/contacts?queue={}", Pick(kQueues)));
  Call("api people search", "GET",
       fmt::format("/api/v1/people/search?first_names={}&last_name={}", Pick(kFirstNames), Pick(kLastNames)));
  if (Chance(3)) Call("page home", "GET", "/");
  if (Chance(4)) Call("page deadlines", "GET", "/deadlines");
  if (Chance(4)) Call("api deadlines", "GET", "/api/v1/deadlines?scope=team&include_met=false");
  if (Chance(5)) Call("page referrals", "GET", "/referrals");
}

// "Is this child known?", then the call recorded; the officer then looks at their queue.
void VirtualUser::OfficerRound() {
  const std::string first = Pick(kFirstNames), last = Pick(kLastNames);
  // Born 2010 to 2025: a child on any day of the run (a contact about an adult is refused).
  const std::string born = fmt::format("{}-{:02}-{:02}", 2010 + rounds_ % 16, 1 + rounds_ % 12, 1 + rounds_ % 28);
  const std::string gender = Chance(2) ? "female" : "male";
  Call("api people search", "GET",
       fmt::format("/api/v1/people/search?first_names={}&last_name={}&date_of_birth={}", first, last, born));
  if (shared_.board.Waiting() < kMaxWaiting) {
    json household = {{"domestic_abuse", "no"}, {"mental_illness", "not_known"}, {"substance_misuse", "no"},
                      {"learning_difficulties", "no"}};
    json intake = {{"channel", Chance(2) ? "phone" : "email"}, {"household", household}};
    if (Chance(10)) intake["indicators"] = {"disclosed-abuse"};
    json contact = {
        {"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                      {"email", "dsl@riverside-primary.kent.gov.uk"}}},
        {"children", json::array({{{"first_names", first}, {"last_name", last}, {"date_of_birth", born},
                                   {"gender", gender}}})},
        {"concern", Pick(kConcerns)},
        {"intake", intake}};
    auto created = CallJson("api record contact", "POST", "/api/v1/contacts", contact);
    const json answer = created.Json();
    if (created.status == 201 && answer.is_object() && answer.contains("id")) {
      const std::int64_t id = answer.at("id").get<std::int64_t>();
      shared_.board.ToScreen({id, answer.value("version", std::int64_t{1}), first, last, born, gender});
      if (Chance(4)) Call("api contact", "GET", fmt::format("/api/v1/contacts/{}", id));
    }
  }
  if (Chance(3)) Call("page queue", "GET", "/contacts?queue=front-door");
  if (Chance(5)) Call("page home", "GET", "/");
  if (Chance(6)) Call("page deadlines", "GET", "/deadlines");
  if (Chance(8)) Call("page new contact", "GET", "/contacts/new");
}

void VirtualUser::ConfirmChild(const HeldContact& held) {
  auto found = Call("api is this child known", "GET",
                    fmt::format("/api/v1/people/search?first_names={}&last_name={}&date_of_birth={}&gender={}",
                                held.first_names, held.last_name, held.date_of_birth, held.gender));
  const json answer = found.Json();
  if (found.status != 200 || !answer.is_object()) return;
  for (const auto& c : answer.value("items", json::array())) {
    if (c.value("restricted", false) || c.value("band", std::string()) != "likely") continue;
    CallJson("api link child", "POST", fmt::format("/api/v1/contacts/{}/children/0/person", held.id),
             {{"person_id", c.at("id").get<std::int64_t>()}});
    return;
  }
}

// A returned decision first (the manager is waiting), then the oldest contact to screen.
void VirtualUser::WorkerRound() {
  if (auto held = shared_.board.TakeReturned()) {
    const std::string base = fmt::format("/api/v1/contacts/{}", held->id);
    // Sent back, screening is open again (KCR-16): completed again before proposing anew.
    Call("page screening", "GET", fmt::format("/contacts/{}/screening", held->id));
    if (!Step("api complete screening", "POST", base + "/screening/complete", json::object(), *held)) return;
    Call("page decision", "GET", fmt::format("/contacts/{}/decision", held->id));
    if (Step("api propose decision", "POST", base + "/decision",
             {{"outcome", "early-help"}, {"children", {0}}, {"rationale", "Needs support; the father's details added"},
              {"next_steps", "Early Help worker to visit"}},
             *held))
      shared_.board.ToAuthorise(*held);
    return;
  }
  auto held = shared_.board.TakeToScreen();
  if (!held) {
    BrowseRound();
    std::this_thread::sleep_for(kIdlePause);
    return;
  }
  const std::string base = fmt::format("/api/v1/contacts/{}", held->id);
  Call("page contact", "GET", fmt::format("/contacts/{}", held->id));
  if (!Step("api start screening", "POST", base + "/screening/start", json::object(), *held)) return;
  json answers = {{"answers", {{"nature", "Neglect"}, {"how_arose", "School noticed"}, {"needs", "Food"},
                               {"child_location", "At school"}, {"last_seen", "Today by the teacher"},
                               {"family_known", "Not known"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}};
  if (!Step("api save screening", "PUT", base + "/screening", answers, *held)) return;
  ConfirmChild(*held);
  if (!Step("api record checks", "POST", base + "/record-checks", json::object(), *held)) return;
  Call("page screening", "GET", fmt::format("/contacts/{}/screening", held->id));
  if (!Step("api complete screening", "POST", base + "/screening/complete", json::object(), *held)) return;
  if (Chance(3)) Call("api workflow", "GET", base + "/workflow");
  const std::string outcome = Pick(kOutcomes);
  json decision = {{"outcome", outcome}, {"children", {0}}, {"rationale", "Needs support"},
                   {"next_steps", "Worker to visit this week"}};
  if (outcome == "child-and-family-assessment") decision["protective_factors"] = "Mother protective; school watching";
  if (Step("api propose decision", "POST", base + "/decision", decision, *held)) shared_.board.ToAuthorise(*held);
}

// Authorise what workers proposed (returning one in eight); otherwise the manager's own views.
void VirtualUser::ManagerRound() {
  auto held = shared_.board.TakeToAuthorise();
  if (!held) {
    BrowseRound();
    if (Chance(10)) Call("page dashboard", "GET", "/dashboard");
    std::this_thread::sleep_for(kIdlePause);
    return;
  }
  const std::string base = fmt::format("/api/v1/contacts/{}", held->id);
  Call("page decision", "GET", fmt::format("/contacts/{}/decision", held->id));
  if (Chance(8)) {
    if (Step("api return decision", "POST", base + "/decision/return", {{"reason", "Add the father's details"}},
             *held))
      shared_.board.Returned(*held);
    return;
  }
  if (Step("api authorise decision", "POST", base + "/decision/authorise", json::object(), *held) && Chance(4))
    Call("api contact", "GET", base);
}

}  // namespace fd::bench
