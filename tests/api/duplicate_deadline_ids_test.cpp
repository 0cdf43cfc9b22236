// Deadline ids are never reused (docs/decisions.md "Deadline ids are never reused"): a duplicate's
// deadlines leave `deadlines` with their ids and take them back when it is reopened, so no new
// deadline may be given one of them. Closing and reopening, interleaved with new contacts, over real
// HTTP, through the API and the pages, on SQLite and (the .postgres copy) PostgreSQL.
#include <map>

#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

class DuplicateDeadlineIds : public ApiTest {
 protected:
  // Every deadline id, open or closed as not applicable, must name the contact it first named, and
  // no id may be in both tables at once.
  void EveryIdKeepsItsContact() {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    std::map<std::int64_t, std::int64_t> now;
    const std::string all = "SELECT id, record_id FROM deadlines WHERE record_type = 'contact' UNION ALL "
                            "SELECT id, record_id FROM deadlines_not_applicable WHERE record_type = 'contact'";
    for (const auto& r : tx->Query(all)) {
      EXPECT_TRUE(now.emplace(r.Int(0), r.Int(1)).second) << "deadline id " << r.Int(0) << " is in both tables";
      const auto [seen, first] = owner_.emplace(r.Int(0), r.Int(1));
      EXPECT_EQ(seen->second, r.Int(1)) << "deadline id " << r.Int(0) << " was given again, to another contact";
    }
  }
  std::map<std::int64_t, std::int64_t> owner_;  // deadline id → the contact it was first seen on
};

std::string Path(const json& contact) {
  return "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>());
}
std::string Page(const json& contact) { return "/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()); }

json Record(HttpClient& officer) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  EXPECT_EQ(created.status, 201) << created.body;
  return created.Json();
}

HttpReply Close(HttpClient& client, const json& duplicate, const json& original) {
  return client.SendJson("POST", Path(duplicate) + "/duplicate-of",
                         {{"contact", original.at("reference")},
                          {"reason", "Same incident"},
                          {"version", client.Get(Path(duplicate)).Json().at("version")}});
}

HttpReply Reopen(HttpClient& client, const json& contact) {
  return client.SendJson("POST", Path(contact) + "/reopen-duplicate",
                         {{"reason", "Another incident"}, {"version", client.Get(Path(contact)).Json().at("version")}});
}

std::vector<std::int64_t> NotApplicableIds(HttpClient& client, const json& contact) {
  std::vector<std::int64_t> ids;
  const json workflow = client.Get(Path(contact) + "/workflow").Json();
  for (const auto& d : workflow.at("deadlines_not_applicable")) ids.push_back(d.at("id"));
  return ids;
}

// RULE HCR-27: the finding's repro: A; B closed as a duplicate of A; C; C closed too, and B reopened
// (each was a 503 "try again" that never succeeded on SQLite: the new contact's decision deadline had
// been given B's id). Then rounds of closing and reopening interleaved with new contacts: every
// answer 200, every restored deadline back with its own id, no id given twice.
TEST_F(DuplicateDeadlineIds, HCR27_ClosingAndReopeningDuplicatesNeverGivesADeadlineIdTwice) {
  DuringOpeningHours();  // HCR-18: their decision deadlines are the front door's
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json a = Record(officer);
  const json b = Record(officer);
  ASSERT_EQ(Close(worker, b, a).status, 200);
  const auto b_ids = NotApplicableIds(worker, b);
  ASSERT_FALSE(b_ids.empty());
  EveryIdKeepsItsContact();
  const json c = Record(officer);
  EveryIdKeepsItsContact();
  auto closed = Close(worker, c, a);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EveryIdKeepsItsContact();
  auto reopened = Reopen(manager, b);
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  std::vector<std::int64_t> restored;
  const json reopening = reopened.Json().at("reopened");
  for (const auto& d : reopening.at("deadlines_restored")) restored.push_back(d.at("id"));
  EXPECT_EQ(restored, b_ids) << reopening;
  EveryIdKeepsItsContact();

  // Rounds: a new contact closed, the last one closed reopened, another new contact, then that one
  // closed again.
  json last = c;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const json next = Record(officer);
    EveryIdKeepsItsContact();
    ASSERT_EQ(Close(worker, next, a).status, 200);
    ASSERT_EQ(Reopen(manager, last).status, 200);
    EveryIdKeepsItsContact();
    Record(officer);
    EveryIdKeepsItsContact();
    ASSERT_EQ(Close(worker, last, a).status, 200);
    EveryIdKeepsItsContact();
    last = next;
  }
  EXPECT_EQ(worker.Get(Path(b)).Json().at("state"), "received");
}

// RULE HCR-27: the same on the contact pages: closing a second duplicate, and reopening the first,
// after a new contact was recorded in between.
TEST_F(DuplicateDeadlineIds, HCR27_ThePagesCloseAndReopenAfterANewContact) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json a = Record(officer);
  const json b = Record(officer);
  ASSERT_EQ(Close(worker, b, a).status, 200);
  const json c = Record(officer);

  auto shown = worker.Get(Page(c));
  ASSERT_EQ(shown.status, 200);
  auto done = worker.Send("POST", Page(c) + "/duplicate-of",
                          FormBody({{"csrf_token", FirstCapture(shown.body, "name=\"csrf_token\" value=\"([^\"]+)\"")},
                                    {"version", FirstCapture(shown.body, "name=\"version\" value=\"([0-9]+)\"")},
                                    {"contact", a.at("reference").get<std::string>()},
                                    {"reason", "Same incident"}}),
                          kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(worker.Get(Path(c)).Json().at("state"), "duplicate");

  shown = manager.Get(Page(b));
  ASSERT_EQ(shown.status, 200);
  const std::string form = shown.body.substr(shown.body.find("reopen-duplicate\" novalidate"));
  const std::string csrf = FirstCapture(shown.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  auto reopened = manager.Send("POST", Page(b) + "/reopen-duplicate",
                               FormBody({{"csrf_token", csrf},
                                         {"version", FirstCapture(form, "name=\"version\" value=\"([0-9]+)\"")},
                                         {"reason", "Another incident"}}),
                               kFormHeaders);
  ASSERT_EQ(reopened.status, 303) << reopened.body;
  EXPECT_EQ(worker.Get(Path(b)).Json().at("state"), "received");
  EveryIdKeepsItsContact();
}

}  // namespace
}  // namespace fd::testing
