#include "web/sibling_review_pages.h"

#include <algorithm>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/sibling_reviews.h"
#include "calendar/local_time.h"
#include "web/contact_summary.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

bool Contains(const std::vector<int>& list, int value) { return std::find(list.begin(), list.end(), value) != list.end(); }

std::string NamesAt(const Contact& contact, const std::vector<int>& positions) {
  std::string out;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const auto at = static_cast<std::size_t>(positions[i]);
    if (at >= contact.children.size()) continue;
    out += (out.empty() ? "" : (i + 1 == positions.size() ? " and " : ", ")) + ChildName(contact.children[at]);
  }
  return out;
}

// One review in words: "Reviewed by Nia North on 28 November 2026: opened Eve and Finn (why)".
std::string ReviewWords(const SiblingReview& r, const Contact& contact, const std::string& zone) {
  const auto opened = r.Opened();
  return fmt::format("Reviewed by {} on {}: {}", r.reviewed_by_name,
                     calendar::FormatLocalForPeople(r.reviewed_at, zone),
                     opened.empty() ? "confirmed the children opened, " + NamesAt(contact, r.children_after)
                                    : "opened " + NamesAt(contact, opened) + " as well");
}

Data ReviewList(const std::vector<SiblingReview>& reviews, const Contact& contact, const std::string& zone) {
  Data list = List();
  for (const auto& r : reviews) {
    Data item = Object();
    item.set("text", ReviewWords(r, contact, zone));
    item.set("judgement", r.judgement);
    list.push_back(item);
  }
  return list;
}

// What the form holds: the children ticked and the judgement, as sent.
struct ReviewForm {
  std::string version;
  std::vector<int> children;
  std::string judgement;
};

http::Response FormPage(PageContext& pc, const http::Request& request, const app::SiblingChoice& choice,
                        const ReviewForm& f, const std::vector<FieldError>& errors, int status) {
  Data d = PageData(request, "Review which children are opened");
  const Contact& c = choice.contact;
  d.set("back_link", fmt::format("/contacts/{}", c.id));
  d.set("contact_id", std::to_string(c.id));
  d.set("reference", c.reference);
  d.set("version", f.version);
  d.set("opened_names", NamesAt(c, choice.decision.children));
  if (!choice.decision.sibling_reason.empty()) d.set("sibling_reason", choice.decision.sibling_reason);
  d.set("decided_by", choice.decision.decided_by_name);
  Data children = List();
  for (const int s : choice.subjects) {
    Data item = Object();
    item.set("id", fmt::format("child-{}", s));
    item.set("value", std::to_string(s));
    item.set("label", ChildName(c.children[static_cast<std::size_t>(s)]));
    // A child already opened stays opened: ticked, fixed, and sent with the form.
    if (Contains(choice.decision.children, s)) item.set("opened", true);
    else if (Contains(f.children, s)) item.set("checked", true);
    children.push_back(item);
  }
  d.set("children", children);
  SetInput(d, "judgement", f.judgement, ErrorFor(errors, "judgement"));
  SetInput(d, "children_field", "", ErrorFor(errors, "children"));
  if (!choice.reviews.empty()) {
    d.set("has_sibling_reviews", true);
    d.set("sibling_reviews", ReviewList(choice.reviews, c, pc.app.time_zone));
  }
  SetErrorSummary(d, errors, [&](const std::string& field) {
    return field == "children" && !choice.subjects.empty() ? fmt::format("child-{}", choice.subjects.front()) : field;
  });
  return Page(pc, status, "sibling_review", d);
}

http::Response ShowForm(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no contact with that number"));
  auto choice = app::SiblingChoiceToReview(pc.app, api::ActorOf(request), *id);
  if (!choice) return ErrorPage(choice.error());
  return FormPage(pc, request, *choice, {std::to_string(choice->contact.version), {}, {}}, {}, 200);
}

http::Response Submit(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no contact with that number"));
  const app::Actor actor = api::ActorOf(request);
  const auto fields = FormFields(request);
  ReviewForm f;
  f.version = FormValue(fields, "version");
  f.judgement = FormValue(fields, "judgement");
  auto [begin, end] = fields.equal_range("children");
  for (auto it = begin; it != end; ++it)
    if (auto n = WholeNumber(it->second); n && *n >= 0 && *n < 1000) f.children.push_back(static_cast<int>(*n));
  auto reviewed = app::ReviewSiblingChoice(pc.app, actor, *id, WholeNumber(f.version).value_or(0),
                                           {f.children, f.judgement});
  if (!reviewed) {
    const Error& e = reviewed.error();
    const bool stale = e.code == ErrorCode::kConflict && e.message.starts_with("Someone else changed");
    if (!e.IsInvalid() && !stale) return ErrorPage(e);
    auto choice = app::SiblingChoiceToReview(pc.app, actor, *id);
    if (!choice) return ErrorPage(choice.error());
    if (!stale) return FormPage(pc, request, *choice, f, e.fields, 422);
    // Changed meanwhile: the form again with what was typed and the version now stored, saying so.
    f.version = std::to_string(choice->contact.version);
    return FormPage(pc, request, *choice, f, {{"judgement", e.message}}, 409);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?sibling_reviewed=1#sibling-reviews", *id));
}

}  // namespace

void AddSiblingReviews(PageContext& pc, const app::Actor& actor, const app::WorkflowView& view, Data& d) {
  if (app::OffersSiblingReview(actor, view.contact, view.decisions))
    d.set("sibling_review_link", fmt::format("/contacts/{}/sibling-review", view.contact.id));
  auto reviews = app::SiblingReviewsOf(pc.app, actor, view.contact.id);
  if (!reviews || reviews->empty()) return;
  d.set("has_sibling_reviews", true);
  d.set("sibling_reviews", ReviewList(*reviews, view.contact, pc.app.time_zone));
}

void RegisterSiblingReviewPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/contacts/{id}/sibling-review", http::Access::kSignedIn,
             [pc](http::Request& r) { return ShowForm(*pc, r); });
  router.Add("POST", "/contacts/{id}/sibling-review", http::Access::kSignedIn,
             [pc](http::Request& r) { return Submit(*pc, r); });
}

}  // namespace fd::web
