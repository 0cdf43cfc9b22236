// RULE CPC-4 over real HTTP, under Kent's pack: a Child Protection Chair consultation the request did
// not link to the people register is put on the child's record by hand, by its chair or the
// coordinator, through the API and the consultation's page: a register record ("This is the child"),
// or the child added to the register. Who did it and when is kept, shown and audited; the CPC-4
// deadline is met once the consultation is both recorded and on the child's record.
#include "api_fixture.h"
#include "chair_consultation_request.h"
#include "page_forms.h"
#include "procedures_fixture.h"
#include "domain/chair_consultation.h"
#include "domain/instant.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class ChairConsultationChild : public KentApiTest {
 protected:
  static std::int64_t UserId(HttpClient& client) { return client.Get("/api/v1/session").Json().at("user").at("id"); }

  static std::string Now() {
    return FormatUtc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  }

  // A consultation about Tia Sample, born 2012-10-03, requested while the register does not hold her
  // (so it is linked to nobody), then taken by the fixture's chair as far as `stage`:
  // "requested", "allocated", "arranged" or "recorded". Returns its id.
  std::int64_t Consultation(const std::string& stage) {
    auto worker = SignedIn(Role::kSocialWorker);
    auto created = worker.SendJson("POST", "/api/v1/chair-consultations", ChairConsultationRequestAboutTia());
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_TRUE(created.Json().at("person_id").is_null()) << created.body;
    const std::int64_t id = created.Json().at("id");
    const std::string base = Api(id);
    if (stage == "requested") return id;
    auto chair = SignedIn(Role::kCpChair);
    EXPECT_EQ(SignedIn(Role::kCpCoordinator).SendJson("POST", base + "/allocate", {{"chair_user_id", UserId(chair)}}).status,
              200);
    if (stage == "allocated") return id;
    EXPECT_EQ(chair.SendJson("POST", base + "/contacted", {{"arranged_for", Now()}}).status, 200);
    if (stage == "arranged") return id;
    json record = {{"held_at", Now()}};
    for (const auto& h : ChairConsultationHeadings()) record[std::string(h.id)] = "None known";
    auto recorded = chair.SendJson("POST", base + "/record", record);
    EXPECT_EQ(recorded.status, 200) << recorded.body;
    return id;
  }

  // Tia on the register, recorded by a social worker after the request. Returns her person id.
  std::int64_t TiaOnTheRegister(const std::string& date_of_birth = "2012-10-03") {
    auto person = SignedIn(Role::kSocialWorker)
                      .SendJson("POST", "/api/v1/people",
                                {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", date_of_birth}});
    EXPECT_EQ(person.status, 201) << person.body;
    return person.Json().at("id");
  }

  static std::string Api(std::int64_t id) { return "/api/v1/chair-consultations/" + std::to_string(id); }
  static std::string PagePath(std::int64_t id) { return "/chair-consultations/" + std::to_string(id); }

  static json Deadline(const json& consultation, const std::string& timescale) {
    for (const auto& d : consultation.at("deadlines"))
      if (d.at("timescale") == timescale) return d;
    ADD_FAILURE() << "no " << timescale << " deadline in " << consultation.dump();
    return json::object();
  }

  // The audit events of that action on the consultation: actor id and changes, oldest first.
  std::vector<std::pair<std::int64_t, json>> Audited(const std::string& action, const std::string& record_type,
                                                     const std::string& record_id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    std::vector<std::pair<std::int64_t, json>> out;
    for (const auto& r : tx->Query("SELECT actor_id, changes FROM audit_events WHERE action = ? AND record_type = ? "
                                   "AND record_id = ? ORDER BY seq",
                                   {action, record_type, record_id}))
      out.emplace_back(r.OptionalInt(0).value_or(0), json::parse(r.Text(1)));
    return out;
  }

  static bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }
};

// RULE CPC-4: recorded but on no child's record, the 48 hours are not met; the chair puts it on Tia's
// record by hand, which meets them (on time), is kept (who, when, which person), shown, audited, and
// lists the consultation on her register record. It is never moved to another child.
TEST_F(ChairConsultationChild, CPC4_TheChairPutsItOnTheChildsRecordWhichMeetsTheDeadline) {
  const std::int64_t id = Consultation("recorded");
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t chair_id = UserId(chair);
  const json before = chair.Get(Api(id)).Json();
  EXPECT_EQ(before.at("status"), "recorded");
  EXPECT_TRUE(before.at("linked_by_hand").is_null());
  EXPECT_EQ(Deadline(before, "chair-contact").at("state"), "met");
  EXPECT_EQ(Deadline(before, "chair-record").at("state"), "open") << before.dump();  // not on the child's record

  const std::int64_t tia = TiaOnTheRegister();
  auto linked = chair.SendJson("POST", Api(id) + "/child", {{"person_id", tia}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  const json after = linked.Json();
  EXPECT_EQ(after.at("person_id"), tia);
  EXPECT_TRUE(after.at("warnings").empty()) << linked.body;
  EXPECT_EQ(after.at("linked_by_hand").at("by").at("id"), chair_id);
  EXPECT_EQ(after.at("linked_by_hand").at("new_person"), false);
  EXPECT_FALSE(after.at("linked_by_hand").at("at").get<std::string>().empty());
  const json record_deadline = Deadline(after, "chair-record");
  EXPECT_EQ(record_deadline.at("state"), "met") << record_deadline.dump();
  EXPECT_EQ(record_deadline.at("met_late"), false);

  // Audited: who (the actor), when (the event), which person, and that it met CPC-4.
  const auto events = Audited("chair_consultation.child_linked", "chair-consultation", std::to_string(id));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].first, chair_id);
  EXPECT_EQ(events[0].second.at("person_id"), tia);
  EXPECT_EQ(events[0].second.at("new_person"), false);
  EXPECT_EQ(events[0].second.at("record_deadline_met"), true);

  // On Tia's register record, for those who may open the consultation.
  const json person = SignedIn(Role::kCpCoordinator).Get("/api/v1/people/" + std::to_string(tia)).Json();
  bool listed = false;
  for (const auto& c : person.at("consultations"))
    if (c.at("id") == id && c.at("record_type") == "chair-consultation") listed = true;
  EXPECT_TRUE(listed) << person.dump();
  EXPECT_NE(chair.Get("/people/" + std::to_string(tia)).body.find(after.at("reference").get<std::string>()),
            std::string::npos);

  // Never moved to another record, nor linked twice.
  const std::int64_t other = TiaOnTheRegister("2012-10-04");
  auto moved = SignedIn(Role::kCpCoordinator).SendJson("POST", Api(id) + "/child", {{"person_id", other}});
  ASSERT_EQ(moved.status, 409) << moved.body;
  EXPECT_NE(moved.body.find("already on the child's record"), std::string::npos) << moved.body;
  EXPECT_EQ(chair.SendJson("POST", Api(id) + "/child", {{"person_id", tia}}).status, 409);
  EXPECT_EQ(chair.SendJson("POST", Api(id) + "/child", {{"new_person", true}}).status, 409);
}

// RULE CPC-4: put on the child's record more than 48 hours after it was held, the deadline is met late.
TEST_F(ChairConsultationChild, CPC4_PutOnTheChildsRecordAfterFortyEightHoursIsLate) {
  const std::int64_t id = Consultation("recorded");
  const std::int64_t tia = TiaOnTheRegister();
  clock_.Advance(std::chrono::hours(49));
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto linked = coordinator.SendJson("POST", Api(id) + "/child", {{"person_id", tia}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  const json record_deadline = Deadline(linked.Json(), "chair-record");
  EXPECT_EQ(record_deadline.at("met_late"), true) << record_deadline.dump();
}

// RULE CPC-4: the child not on the register: the coordinator adds them from the request's names and
// date of birth, which links the new record; recording it later meets the deadline then.
TEST_F(ChairConsultationChild, CPC4_NotOnTheRegisterTheCoordinatorAddsTheChild) {
  const std::int64_t id = Consultation("arranged");
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto added = coordinator.SendJson("POST", Api(id) + "/child", {{"new_person", true}});
  ASSERT_EQ(added.status, 200) << added.body;
  const json c = added.Json();
  ASSERT_TRUE(c.at("person_id").is_number_integer()) << added.body;
  const std::int64_t person_id = c.at("person_id");
  EXPECT_EQ(c.at("linked_by_hand").at("new_person"), true);
  EXPECT_EQ(c.at("linked_by_hand").at("by").at("id"), UserId(coordinator));
  EXPECT_EQ(Deadline(c, "chair-record").at("state"), "open");  // not recorded yet

  const json person = SignedIn(Role::kSocialWorker).Get("/api/v1/people/" + std::to_string(person_id)).Json();
  EXPECT_EQ(person.at("first_names"), "Tia") << person.dump();
  EXPECT_EQ(person.at("last_name"), "Sample");
  EXPECT_EQ(person.at("date_of_birth"), "2012-10-03");
  const auto recorded = Audited("person.recorded", "person", std::to_string(person_id));
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].second.at("source"), "chair-consultation");
  const auto linked = Audited("chair_consultation.child_linked", "chair-consultation", std::to_string(id));
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].second.at("new_person"), true);
  EXPECT_EQ(linked[0].second.at("person_id"), person_id);

  // Recorded now, already on the child's record: met at once.
  auto chair = SignedIn(Role::kCpChair);
  json record = {{"held_at", Now()}};
  for (const auto& h : ChairConsultationHeadings()) record[std::string(h.id)] = "None known";
  auto done = chair.SendJson("POST", Api(id) + "/record", record);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Deadline(done.Json(), "chair-record").at("state"), "met") << done.body;
}

// Who may: the coordinator and the consultation's own chair. The worker who asked, an analyst and
// others are 403; another chair is told it does not exist (404), as when reading it. Bad bodies are
// 422 naming the field.
TEST_F(ChairConsultationChild, CPC4_OnlyTheCoordinatorAndItsChairLinkIt) {
  const std::int64_t id = Consultation("allocated");
  const std::int64_t tia = TiaOnTheRegister();
  for (Role role : {Role::kSocialWorker, Role::kTeamManager, Role::kAnalyst, Role::kContactOfficer,
                    Role::kDataProtectionOfficer}) {
    auto refused = SignedIn(role).SendJson("POST", Api(id) + "/child", {{"person_id", tia}});
    EXPECT_EQ(refused.status, 403) << RoleId(role) << " " << refused.body;
    EXPECT_NE(refused.body.find("put a Child Protection Chair consultation on the child's record"), std::string::npos)
        << refused.body;
  }
  ASSERT_TRUE(app::CreateUser(*ctx_, std::nullopt,
                              {"chair2", "Other Chair", "", Role::kCpChair, "Children in Need", kTestPassword, ""})
                  .has_value());
  HttpClient other_chair(service_->port());
  ASSERT_EQ(other_chair.SignIn("chair2", kTestPassword).status, 201);
  EXPECT_EQ(other_chair.SendJson("POST", Api(id) + "/child", {{"person_id", tia}}).status, 404);
  EXPECT_EQ(other_chair.SendJson("POST", Api(id + 1000) + "/child", {{"person_id", tia}}).status, 404);

  auto chair = SignedIn(Role::kCpChair);
  auto neither = chair.SendJson("POST", Api(id) + "/child", json::object());
  ASSERT_EQ(neither.status, 422) << neither.body;
  EXPECT_TRUE(NamesField(neither, "person_id")) << neither.body;
  EXPECT_EQ(chair.SendJson("POST", Api(id) + "/child", {{"person_id", tia}, {"new_person", true}}).status, 422);
  auto nobody = chair.SendJson("POST", Api(id) + "/child", {{"person_id", 987654}});
  ASSERT_EQ(nobody.status, 422) << nobody.body;
  EXPECT_TRUE(NamesField(nobody, "person_id"));
  auto text = chair.SendJson("POST", Api(id) + "/child", {{"person_id", "Tia"}});
  ASSERT_EQ(text.status, 422) << text.body;
  EXPECT_TRUE(NamesField(text, "person_id"));
  auto unknown = chair.SendJson("POST", Api(id) + "/child", {{"person", tia}});
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_TRUE(NamesField(unknown, "person"));
  EXPECT_TRUE(chair.Get(Api(id)).Json().at("person_id").is_null());  // nothing linked by any of these

  // A record that is not quite the request's is linked, with what to check.
  const std::int64_t swapped = TiaOnTheRegister("2012-03-10");
  auto warned = chair.SendJson("POST", Api(id) + "/child", {{"person_id", swapped}});
  ASSERT_EQ(warned.status, 200) << warned.body;
  ASSERT_EQ(warned.Json().at("warnings").size(), 1u) << warned.body;
  EXPECT_EQ(warned.Json().at("warnings").at(0).at("field"), "date_of_birth");
  EXPECT_EQ(Audited("chair_consultation.child_linked", "chair-consultation", std::to_string(id)).at(0).second.at("differs"),
            json::array({"date_of_birth"}));
}

// RULE CPC-4 on the pages: the chair's consultation page shows the register's candidates for the
// child with "This is the child" and a search to look again; choosing one answers 303 back to the
// section, which then says who put it there. A bad choice is the page again (422) with the error
// summary and the message in the section. The worker who asked sees the state but no form, and a
// post from them is 403.
TEST_F(ChairConsultationChild, CPC4_ThePageOffersTheCandidatesAndLinksOne) {
  const std::int64_t id = Consultation("arranged");
  const std::int64_t tia = TiaOnTheRegister();
  auto chair = SignedIn(Role::kCpChair);
  auto page = chair.Get(PagePath(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "The child's record") && Has(page, "Not on the child's record yet")) << page.body;
  EXPECT_TRUE(Has(page, "This is the child") && Has(page, "name=\"person_id\" value=\"" + std::to_string(tia) + "\""))
      << page.body;
  EXPECT_TRUE(Has(page, "Add the child to the register"));
  // Searching again, with other details: nobody matches, and the page says so.
  auto searched = chair.Get(PagePath(id) + "?search=1&first_names=Zebedee&last_name=Quartermaine&date_of_birth=");
  ASSERT_EQ(searched.status, 200);
  EXPECT_TRUE(Has(searched, "The child is not on the people register") && Has(searched, "value=\"Zebedee\""))
      << searched.body;
  auto bad_date = chair.Get(PagePath(id) + "?search=1&first_names=Tia&last_name=Sample&date_of_birth=soon");
  ASSERT_EQ(bad_date.status, 200);
  EXPECT_TRUE(Has(bad_date, "govuk-error-message") && Has(bad_date, "value=\"soon\"")) << bad_date.body;

  auto worker = SignedIn(Role::kSocialWorker);
  auto seen = worker.Get(PagePath(id));
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(Has(seen, "Not on the child's record yet") && !Has(seen, "This is the child")) << seen.body;
  EXPECT_EQ(SendForm(worker, PagePath(id) + "/child", {{"person_id", std::to_string(tia)}}).status, 403);

  auto refused = SendForm(chair, PagePath(id) + "/child", {{"person_id", "987654"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused, "govuk-error-summary") && Has(refused, "href=\"#child-record\"") &&
              Has(refused, "id=\"child-record-error\"") &&
              Has(refused, "There is no person with that number on the register"))
      << refused.body;
  auto nothing = SendForm(chair, PagePath(id) + "/child", {});
  EXPECT_EQ(nothing.status, 422);
  EXPECT_TRUE(Has(nothing, "Choose the child&#39;s record") || Has(nothing, "Choose the child&apos;s record") ||
              Has(nothing, "Choose the child's record"))
      << nothing.body;

  auto linked = SendForm(chair, PagePath(id) + "/child", {{"person_id", std::to_string(tia)}});
  ASSERT_EQ(linked.status, 303) << linked.body;
  EXPECT_EQ(linked.Header("location"), PagePath(id) + "?linked=1#child-record");
  auto shown = chair.Get(PagePath(id) + "?linked=1");
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(Has(shown, "The consultation is on the child") && Has(shown, "Put on the child") &&
              Has(shown, "Test cp_chair") && Has(shown, "href=\"/people/" + std::to_string(tia) + "\""))
      << shown.body;
  EXPECT_FALSE(Has(shown, "This is the child"));
  auto again = SendForm(chair, PagePath(id) + "/child", {{"person_id", std::to_string(tia)}});
  EXPECT_EQ(again.status, 409);
}

// RULE CPC-4 on the pages: "Add the child to the register" makes the record and links it.
TEST_F(ChairConsultationChild, CPC4_ThePageAddsTheChildToTheRegister) {
  const std::int64_t id = Consultation("requested");
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto page = coordinator.Get(PagePath(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "The child is not on the people register") && Has(page, "born 3 October 2012")) << page.body;
  auto added = SendForm(coordinator, PagePath(id) + "/child", {{"new", "yes"}});
  ASSERT_EQ(added.status, 303) << added.body;
  const json c = coordinator.Get(Api(id)).Json();
  ASSERT_TRUE(c.at("person_id").is_number_integer()) << c.dump();
  auto shown = coordinator.Get(PagePath(id));
  EXPECT_TRUE(Has(shown, "who added the child to the people register")) << shown.body;
}

}  // namespace
}  // namespace fd::testing
