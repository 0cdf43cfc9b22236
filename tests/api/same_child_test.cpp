// Other contacts about the same child (KCR-10: whether the family is already known; HCR-30: whether
// the child is known): on a busy day one child is the subject of many contacts, and each must show
// the others (contact JSON, workflow JSON, record checks' answer, the contact and screening pages)
// and be tagged "Repeat" in the queue, so that they are screened and decided together.
#include <map>
#include <set>

#include "api_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using SameChild = ApiTest;

json ContactAbout(const std::string& first, const std::string& last, const std::string& dob, const std::string& nhs) {
  json body = ScreenableSchoolContact();
  json child = {{"first_names", first}, {"last_name", last}, {"gender", "male"}};
  if (!dob.empty()) child["date_of_birth"] = dob;
  if (!nhs.empty()) child["nhs_number"] = nhs;
  body["children"] = json::array({child});
  return body;
}

std::int64_t Record(HttpClient& officer, const json& body) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  EXPECT_EQ(created.status, 201) << created.body;
  return created.Json().at("id").get<std::int64_t>();
}

std::string ReferenceOf(HttpClient& client, std::int64_t id) {
  return client.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("reference").get<std::string>();
}

std::set<std::string> References(const json& others) {
  std::set<std::string> out;
  for (const auto& o : others) out.insert(o.is_string() ? o.get<std::string>() : o.at("reference").get<std::string>());
  return out;
}

struct Contacts {
  std::int64_t first = 0, same_names = 0, same_nhs = 0, other_child = 0;
  std::string first_ref, same_names_ref, same_nhs_ref, other_child_ref;
};

// The same child three times (names and date of birth exactly, case aside; or the NHS number with a
// nickname and no date of birth), and a different child with the same surname.
Contacts RecordRepeats(HttpClient& officer) {
  Contacts c;
  c.first = Record(officer, ContactAbout("Elijah Arthur", "Penton", "2015-03-02", "943 476 5919"));
  c.same_names = Record(officer, ContactAbout("ELIJAH ARTHUR", "penton", "2015-03-02", ""));
  c.same_nhs = Record(officer, ContactAbout("Eli", "Penton", "", "9434765919"));
  c.other_child = Record(officer, ContactAbout("Elijah Arthur", "Penton", "2016-03-02", ""));
  c.first_ref = ReferenceOf(officer, c.first);
  c.same_names_ref = ReferenceOf(officer, c.same_names);
  c.same_nhs_ref = ReferenceOf(officer, c.same_nhs);
  c.other_child_ref = ReferenceOf(officer, c.other_child);
  return c;
}

// RULE KCR-10 RULE HCR-30
TEST_F(SameChild, KCR10_HCR30_OtherContactsAboutTheChildAreListedAndTheQueueTagsRepeats) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const Contacts c = RecordRepeats(officer);
  const std::string base = "/api/v1/contacts/" + std::to_string(c.first);

  // The contact's JSON lists the other two contacts about Elijah, not the other child's.
  auto shown = worker.Get(base);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const json others = shown.Json().at("other_contacts_about_child");
  EXPECT_EQ(References(others), (std::set<std::string>{c.same_names_ref, c.same_nhs_ref})) << others.dump();
  for (const auto& o : others) {
    EXPECT_EQ(o.at("stage"), "received");
    EXPECT_TRUE(o.at("screening_by").is_null());
    EXPECT_EQ(o.at("child"), 0);
  }
  // Each of them lists the first; the other child's lists none.
  // Sameness is between two children as recorded, not carried through a third: the nickname with the
  // NHS number and the capitals with the date of birth are each the first contact's child.
  EXPECT_EQ(References(worker.Get("/api/v1/contacts/" + std::to_string(c.same_nhs)).Json().at("other_contacts_about_child")),
            (std::set<std::string>{c.first_ref}));
  EXPECT_TRUE(worker.Get("/api/v1/contacts/" + std::to_string(c.other_child)).Json().at("other_contacts_about_child").empty());

  // The queue tags the three as repeats, in one answer.
  auto queue = worker.Get("/api/v1/contacts?queue=front-door");
  ASSERT_EQ(queue.status, 200) << queue.body;
  std::map<std::int64_t, bool> repeat;
  const json items = queue.Json().at("items");
  ASSERT_EQ(items.size(), 4u) << queue.body;
  for (const auto& item : items) repeat[item.at("id").get<std::int64_t>()] = item.at("repeat").get<bool>();
  EXPECT_TRUE(repeat.at(c.first));
  EXPECT_TRUE(repeat.at(c.same_names));
  EXPECT_TRUE(repeat.at(c.same_nhs));
  EXPECT_FALSE(repeat.at(c.other_child));

  // Someone starts screening one of them: the others say who.
  auto started = PostWithVersion(worker, "/api/v1/contacts/" + std::to_string(c.same_names) + "/screening/start",
                                 json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  auto workflow = worker.Get(base + "/workflow").Json();
  bool seen = false;
  for (const auto& o : workflow.at("other_contacts_about_child"))
    if (o.at("reference") == c.same_names_ref) {
      seen = true;
      EXPECT_EQ(o.at("stage"), "screening");
      EXPECT_EQ(o.at("screening_by"), "Test social_worker");
    }
  EXPECT_TRUE(seen) << workflow.dump();

  // The record checks' answer names them beside whether the child is known.
  auto start = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(start.status, 200) << start.body;
  auto checked = PostWithVersion(worker, base + "/record-checks", json::object(), start.Json().at("version"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  const json check = checked.Json().at("record_checks").at(0);
  EXPECT_EQ(References(check.at("other_contacts")), (std::set<std::string>{c.same_names_ref, c.same_nhs_ref}))
      << check.dump();

  // Decided today, a contact is still listed (decided), but no longer makes the others repeats.
  ScreenAndDecide(worker, manager, c.same_nhs,
                  {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                   {"next_steps", "Families First worker to contact the mother"}});
  if (HasFatalFailure()) return;
  bool decided = false;
  const json after = worker.Get(base).Json().at("other_contacts_about_child");
  for (const auto& o : after)
    if (o.at("reference") == c.same_nhs_ref) decided = o.at("decided").get<bool>();
  EXPECT_TRUE(decided);
  repeat.clear();
  const json items_after = worker.Get("/api/v1/contacts?queue=front-door").Json().at("items");
  for (const auto& item : items_after)
    repeat[item.at("id").get<std::int64_t>()] = item.at("repeat").get<bool>();
  EXPECT_TRUE(repeat.at(c.first));  // the one being screened is still open
  EXPECT_FALSE(repeat.contains(c.same_nhs));
}

// RULE KCR-10 RULE HCR-30: the pages show the same: the contact page and the screening page list the
// other contacts with links, and the queue's rows carry a "Repeat" tag.
TEST_F(SameChild, KCR10_HCR30_PagesShowOtherContactsAndRepeatTags) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const Contacts c = RecordRepeats(officer);
  const std::string page = "/contacts/" + std::to_string(c.first);

  auto contact = worker.Get(page);
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_NE(contact.body.find("Other contacts about this child"), std::string::npos);
  EXPECT_NE(contact.body.find("href=\"/contacts/" + std::to_string(c.same_names) + "\">" + c.same_names_ref),
            std::string::npos);
  EXPECT_NE(contact.body.find(c.same_nhs_ref), std::string::npos);
  EXPECT_EQ(contact.body.find(c.other_child_ref), std::string::npos);
  EXPECT_NE(contact.body.find("2 other contacts about this child are not yet decided"), std::string::npos);

  auto screening = worker.Get(page + "/screening");
  ASSERT_EQ(screening.status, 200) << screening.body;
  EXPECT_NE(screening.body.find("Other contacts about this child"), std::string::npos);
  EXPECT_NE(screening.body.find(c.same_nhs_ref), std::string::npos);

  auto other = worker.Get("/contacts/" + std::to_string(c.other_child));
  EXPECT_EQ(other.body.find("Other contacts about this child"), std::string::npos);

  auto queue = worker.Get("/contacts?queue=front-door");
  ASSERT_EQ(queue.status, 200) << queue.body;
  std::size_t tags = 0;
  for (auto at = queue.body.find(">Repeat</strong>"); at != std::string::npos; at = queue.body.find(">Repeat</strong>", at + 1))
    ++tags;
  EXPECT_EQ(tags, 3u) << queue.body;
}

}  // namespace
}  // namespace fd::testing
