// KCR-3: the manager decides which children of a family are opened, recording the judgement, and the
// choice can be reviewed later: a team manager reviews an authorised decision's choice, records their
// judgement, and opens further children or confirms the choice; audited, with the history of choices
// on the contact (API and pages; docs/decisions.md "Reviewing which children are opened").
#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// Eve and Finn, sister and brother, at one school.
json TwoChildren() {
  json body = ScreenableSchoolContact();
  body["children"] = json::array({{{"first_names", "Eve"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                   {"gender", "female"}},
                                  {{"first_names", "Finn"}, {"last_name", "Example"}, {"date_of_birth", "2018-07-09"},
                                   {"gender", "male"}}});
  return body;
}

json AssessmentForEveOnly() {
  return {{"outcome", "child-and-family-assessment"}, {"children", {0}}, {"sibling_reason", "Only Eve affected"},
          {"rationale", "Eve's needs are not met at home"}, {"next_steps", "Assessment by the locality team"},
          {"protective_factors", "Mother engaged with the school"}};
}

class SiblingReview : public ApiTest {
 protected:
  std::int64_t Decided(const json& body, const json& decision) {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().at("id");
    auto worker = SignedIn(Role::kSocialWorker);
    auto manager = SignedIn(Role::kTeamManager);
    ScreenAndDecide(worker, manager, id, decision);
    return id;
  }

  std::int64_t AuditCount(const std::string& action, std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND record_id = ?", {action, std::to_string(id)})
        .at(0)
        .Int(0);
  }
};

// RULE KCR-3: over the API. Only a manager reviews, only an authorised decision's choice; a review
// without a judgement, leaving out a child already opened or naming a child not on the contact is 422
// naming the field; a stale version 409. Opening Finn adds him to the decision; a second review
// confirms the choice; both are in the history (the contact's JSON too) and the audit.
TEST_F(SiblingReview, KCR3_AManagerReviewsTheChoiceAndOpensAnotherChild) {
  auto manager = SignedIn(Role::kTeamManager);
  auto worker = SignedIn(Role::kSocialWorker);
  // Not decided yet: nothing to review.
  auto waiting = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", TwoChildren());
  const std::string waiting_path = "/api/v1/contacts/" + std::to_string(waiting.Json().at("id").get<std::int64_t>());
  auto early = manager.Get(waiting_path + "/sibling-reviews");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_TRUE(Has(early, "authorised decision")) << early.body;

  const std::int64_t id = Decided(TwoChildren(), AssessmentForEveOnly());
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  EXPECT_EQ(worker.Get(base + "/sibling-reviews").status, 403);
  auto shown = manager.Get(base + "/sibling-reviews");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json().at("decision").at("children"), json::array({0}));
  EXPECT_EQ(shown.Json().at("decision").at("sibling_reason"), "Only Eve affected");
  EXPECT_EQ(shown.Json().at("children").size(), 2u);
  EXPECT_EQ(shown.Json().at("children")[0].at("opened"), true);
  EXPECT_EQ(shown.Json().at("children")[1].at("opened"), false);
  EXPECT_TRUE(shown.Json().at("sibling_reviews").empty());
  std::int64_t version = shown.Json().at("version");

  // Refusals, each naming its field; nothing recorded.
  EXPECT_EQ(PostWithVersion(worker, base + "/sibling-reviews", {{"children", {0, 1}}, {"judgement", "Both"}}, version).status,
            403);
  auto no_judgement = PostWithVersion(manager, base + "/sibling-reviews", {{"children", {0, 1}}}, version);
  EXPECT_EQ(no_judgement.status, 422) << no_judgement.body;
  EXPECT_TRUE(NamesField(no_judgement, "judgement"));
  auto closing = PostWithVersion(manager, base + "/sibling-reviews", {{"children", {1}}, {"judgement", "Finn only"}}, version);
  EXPECT_EQ(closing.status, 422) << closing.body;
  EXPECT_TRUE(NamesField(closing, "children"));
  EXPECT_TRUE(Has(closing, "cannot close")) << closing.body;
  auto stranger = PostWithVersion(manager, base + "/sibling-reviews", {{"children", {0, 5}}, {"judgement", "x"}}, version);
  EXPECT_EQ(stranger.status, 422);
  EXPECT_TRUE(NamesField(stranger, "children"));
  auto not_list = PostWithVersion(manager, base + "/sibling-reviews", {{"children", "all"}, {"judgement", "x"}}, version);
  EXPECT_EQ(not_list.status, 422);
  EXPECT_TRUE(NamesField(not_list, "children"));
  EXPECT_EQ(PostWithVersion(manager, base + "/sibling-reviews", {{"children", {0, 1}}, {"judgement", "Both"}}, version + 9)
                .status,
            409);
  EXPECT_EQ(AuditCount("contact.sibling_choice_reviewed", id), 0);

  // Finn opened too.
  auto opened = PostWithVersion(manager, base + "/sibling-reviews",
                                {{"children", {0, 1}}, {"judgement", "The school now reports Finn hungry too"}}, version);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.Json().at("decision").at("children"), json::array({0, 1}));
  EXPECT_EQ(opened.Json().at("children")[1].at("opened"), true);
  ASSERT_EQ(opened.Json().at("sibling_reviews").size(), 1u);
  const json first = opened.Json().at("sibling_reviews")[0];
  EXPECT_EQ(first.at("children_before"), json::array({0}));
  EXPECT_EQ(first.at("opened"), json::array({1}));
  EXPECT_EQ(first.at("confirmed"), false);
  EXPECT_EQ(first.at("judgement"), "The school now reports Finn hungry too");
  EXPECT_EQ(first.at("reviewed_by").at("name"), "Test team_manager");
  EXPECT_GT(opened.Json().at("version").get<std::int64_t>(), version);
  version = opened.Json().at("version");

  // Confirmed on a later review: nothing more opened, the judgement kept.
  auto confirmed = PostWithVersion(manager, base + "/sibling-reviews",
                                   {{"children", {0, 1}}, {"judgement", "Both stay open after the assessment began"}},
                                   version);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  ASSERT_EQ(confirmed.Json().at("sibling_reviews").size(), 2u);
  EXPECT_EQ(confirmed.Json().at("sibling_reviews")[1].at("confirmed"), true);
  EXPECT_TRUE(confirmed.Json().at("sibling_reviews")[1].at("opened").empty());

  // The history on the contact, for its readers; the audit, one event a review.
  auto contact = worker.Get(base);
  ASSERT_EQ(contact.status, 200);
  EXPECT_EQ(contact.Json().at("sibling_reviews").size(), 2u);
  EXPECT_EQ(AuditCount("contact.sibling_choice_reviewed", id), 2);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto changes = json::parse(
      tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.sibling_choice_reviewed' ORDER BY seq")
          .at(0)
          .Text(0));
  EXPECT_EQ(changes.at("opened"), json::array({1}));
  EXPECT_EQ(changes.at("children_before"), json::array({0}));
}

// RULE KCR-3: a contact about one child has no choice of siblings to review: 409 saying so.
TEST_F(SiblingReview, KCR3_OneChildHasNoChoiceToReview) {
  const std::int64_t id =
      Decided(ScreenableSchoolContact(), {{"outcome", "no-further-action"}, {"children", {0}},
                                          {"rationale", "Needs met at school"}, {"next_steps", "None"}});
  auto refused = SignedIn(Role::kTeamManager).Get("/api/v1/contacts/" + std::to_string(id) + "/sibling-reviews");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(Has(refused, "one child")) << refused.body;
}

// RULE KCR-3: on the pages. The contact page offers the review to a manager only; the form shows the
// children opened (fixed) and why the others were left out; a review without a judgement is re-shown
// with the GOV.UK error summary and the ticks kept; the review done, the contact page shows it.
TEST_F(SiblingReview, KCR3_ReviewingTheChoiceOnThePages) {
  const std::int64_t id = Decided(TwoChildren(), AssessmentForEveOnly());
  const std::string contact = "/contacts/" + std::to_string(id);
  auto manager = SignedIn(Role::kTeamManager);
  auto worker = SignedIn(Role::kSocialWorker);

  EXPECT_TRUE(Has(manager.Get(contact), "href=\"" + contact + "/sibling-review\""));
  EXPECT_FALSE(Has(worker.Get(contact), "/sibling-review\""));
  EXPECT_EQ(worker.Get(contact + "/sibling-review").status, 403);

  auto form = manager.Get(contact + "/sibling-review");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "Review which children are opened"));
  EXPECT_TRUE(Has(form, "Only Eve affected"));
  EXPECT_TRUE(Has(form, "Eve Example (opened)"));
  EXPECT_TRUE(Has(form, "<input type=\"hidden\" name=\"children\" value=\"0\">"));
  const std::string csrf = FirstCapture(form.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  const std::string version = FirstCapture(form.body, "name=\"version\" value=\"([0-9]+)\"");
  ASSERT_FALSE(version.empty());

  auto refused = manager.Send(
      "POST", contact + "/sibling-review",
      FormBody({{"csrf_token", csrf}, {"version", version}, {"children", "0"}, {"children", "1"}, {"judgement", ""}}),
      kFormHeaders);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused, "govuk-error-summary"));
  EXPECT_TRUE(Has(refused, "href=\"#judgement\""));
  EXPECT_TRUE(Has(refused, "value=\"1\" checked")) << "Finn's tick is kept";

  auto done = manager.Send("POST", contact + "/sibling-review",
                           FormBody({{"csrf_token", csrf},
                                     {"version", version},
                                     {"children", "0"},
                                     {"children", "1"},
                                     {"judgement", "Finn is hungry too"}}),
                           kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  auto shown = worker.Get(contact);
  EXPECT_TRUE(Has(shown, "id=\"sibling-reviews\"")) << shown.body;
  EXPECT_TRUE(Has(shown, "opened Finn Example as well"));
  EXPECT_TRUE(Has(shown, "Finn is hungry too"));
  // The form now shows both opened, and the review so far.
  auto again = manager.Get(contact + "/sibling-review");
  EXPECT_TRUE(Has(again, "Finn Example (opened)"));
  EXPECT_TRUE(Has(again, "Reviews so far"));
}

}  // namespace
}  // namespace fd::testing
