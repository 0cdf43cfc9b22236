#include "web/portal_pages.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "app/contacts.h"
#include "app/idempotent_contacts.h"
#include "app/urgent_advice.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "web/contact_form.h"
#include "web/contact_summary.h"
#include "web/error_pages.h"

namespace fd::web {
namespace {

// The domain speaks of "the referrer"; on the portal we speak to them. `form` says who they said they
// are: only a member of the public has the box to stay anonymous.
std::vector<FieldError> ForThePublic(std::vector<FieldError> errors, const ContactForm& form) {
  const bool public_referrer = form.referrer_type == "member_of_public";
  for (auto& e : errors) {
    if (e.field == "intake.anonymity_limits_explained")
      e.message = "Tick the box to confirm you understand that a court may order us to say who you are";
    else if (e.field == "referrer.type")
      e.message = "Select who you are";
    else if (e.field == "referrer.name" && e.message.starts_with("Enter"))
      e.message = public_referrer ? "Enter your name, or tick the box to stay anonymous" : "Enter your name";
    else if (e.field == "referrer.agency" && e.message.starts_with("Enter"))
      e.message = "Enter the name of your organisation";
    else if (e.field == "referrer.phone" && e.message.starts_with("Enter a phone number or"))
      e.message = "Enter a phone number or an email address so we can contact you";
    else if (e.field == "concern" && e.message.starts_with("Enter"))
      e.message = "Tell us what you are worried about";
    else if (e.field == "referrer.anonymous")  // HCR-21: they filled in who they are; the box is the problem
      e.message = "Professionals cannot stay anonymous: untick “I am a member of the public and I want to stay "
                  "anonymous”";
    else if (e.message.starts_with("Health contacts must "))  // HCR-17: the sender is the health contact
      e.message = "You must " + e.message.substr(std::string_view("Health contacts must ").size());
    else if (e.message.starts_with("Health contacts use "))
      e.message = "You must use " + e.message.substr(std::string_view("Health contacts use ").size());
  }
  return errors;
}

http::Response PortalFormPage(PageContext& pc, const ContactForm& form, const std::vector<FieldError>& errors,
                              int status) {
  const Instant now = pc.app.clock.Now();
  const auto& pack = pc.app.procedures.PackAt(now);
  Data d = ContactFormData(form, errors, "", pack, FormAudience::kPortal);
  // HCR-12, HCR-18: whom to call now, shown when an indicator is ticked, as the receipt would say it.
  d.set("urgent_advice", app::PortalUrgentAdvice(pc.app, true).advice);
  d.set("home_link", kPortalPath);
  d.set("authority_name", pack.authority_name);
  return Page(pc, status, "portal_form", d);
}

// Refused by the per-address limit: the form again with everything they typed, so nothing is lost
// (they can copy it, or send it later), and how to tell us now, by phone.
http::Response NotSentPage(PageContext& pc, const ContactForm& form, std::chrono::seconds retry_after) {
  const Instant now = pc.app.clock.Now();
  const auto& pack = pc.app.procedures.PackAt(now);
  Data d = ContactFormData(form, {}, "", pack, FormAudience::kPortal);
  const std::string advice = app::PortalUrgentAdvice(pc.app, false).advice;  // HCR-12, HCR-18: whom to call now
  d.set("urgent_advice", advice);
  d.set("home_link", kPortalPath);
  d.set("authority_name", pack.authority_name);
  d.set("not_sent", true);
  d.set("title", "Error: Request support for a child");  // GOV.UK: a page saying something went wrong says so first
  const auto minutes = (retry_after.count() + 59) / 60;
  d.set("not_sent_wait", minutes == 1 ? std::string("1 minute") : fmt::format("{} minutes", minutes));
  d.set("not_sent_phone", advice);
  auto response = Page(pc, 429, "portal_form", d);
  response.Header("Retry-After", std::to_string(retry_after.count()));
  return response;
}

// HCR-16: the receipt. What they sent, as recorded, for their own record; never anything else.
// `call_reference`: the reference of their phone call they quoted (HCR-15), as typed.
http::Response ReceivedPage(PageContext& pc, const app::PortalReceipt& receipt, const std::string& call_reference) {
  const Contact& c = receipt.contact;
  const auto& pack = pc.app.procedures.PackAt(receipt.received_at);
  Data d = Object();
  // HCR-9: a returned red form is not a request received for screening; the page says so first.
  const bool returned = receipt.routed_to == RoutedTo::kReturned;
  d.set("title", returned ? "Your red form has been returned" : "Request received");
  d.set("what_happens_next", receipt.what_happens_next);
  d.set("home_link", kPortalPath);
  d.set("reference", receipt.reference);
  d.set("received", calendar::FormatLocalForPeople(receipt.received_at, pc.app.time_zone));
  if (receipt.urgent) {
    d.set("urgent", true);
    d.set("urgent_advice", UrgentAdviceText(receipt.urgent_advice));
    d.set("urgent_priority", receipt.urgent_priority);
  }
  // HCR-9: what_happens_next says why, how to reach the Hub, and whom to call if a child is at
  // imminent risk after all.
  if (returned) d.set("returned", true);
  if (receipt.acknowledgement_emailed) {
    d.set("acknowledgement_emailed", true);
    d.set("email", c.referrer.email);
  }
  if (!receipt.status_url.empty()) d.set("status_link", receipt.status_url);
  if (receipt.status_link_emailed_only) d.set("status_link_emailed_only", true);
  if (receipt.replayed) d.set("replayed", true);
  if (!receipt.how_outcome_told.empty()) d.set("how_outcome_told", receipt.how_outcome_told);

  Data about = List();
  AddReferrerRows(pack, c.referrer, "Member of the public, staying anonymous", about);
  if (!c.intake.passing_on_concern_of.empty()) about.push_back(Row("Passing on the concern of", c.intake.passing_on_concern_of));
  // HCR-15: what they quoted, as they quoted it: whether it matched a call is staff's to see, never theirs.
  if (!call_reference.empty() && app::TracksWrittenConfirmationOfCalls(pack))
    about.push_back(Row("Reference of your phone call", call_reference));
  if (c.intake.form != FormKind::kNone) about.push_back(Row("Form", FormKindTitle(c.intake.form)));
  if (!c.intake.hub_consultation.empty())
    about.push_back(Row(pack.HasHubAdvice() ? "What the Consultation Hub advised" : "What the consultation advised",
                        c.intake.hub_consultation));
  d.set("about_rows", about);

  d.set("children", ChildBlocks(c.children));
  d.set("concern", c.concern);

  Data signs = List();
  for (const auto& id : c.intake.indicators) {
    std::string label = id;
    for (const auto& known : pack.significant_harm_indicators)
      if (known.id == id) label = known.label;
    Data item = Object();
    item.set("label", label);
    signs.push_back(item);
  }
  if (!c.intake.indicators.empty()) d.set("has_signs", true);
  d.set("signs", signs);

  Data household = List();
  for (std::size_t i = 0; i < HouseholdQuestions().size(); ++i)
    if (c.intake.household[i] != Answer::kNotAsked)
      household.push_back(Row(std::string(HouseholdQuestions()[i].title), std::string(AnswerTitle(c.intake.household[i]))));
  if (c.intake.harm_by_another_child) household.push_back(Row("Harm caused by another child", "Yes"));
  if (c.intake.allegation_against_professional) household.push_back(Row("About an adult who works with children", "Yes"));
  if (!household.is_empty_list()) d.set("has_other_rows", true);
  d.set("other_rows", household);
  return Page(pc, 200, "portal_received", d);
}

bool IsFormEncoded(const http::Request& request) {
  std::string type(request.Header("content-type"));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return type.starts_with("application/x-www-form-urlencoded");
}

http::Response SubmitPortal(PageContext& pc, http::Request& request) {
  // No session, so no CSRF token; but only a form post from the page is read, never another body.
  if (!IsFormEncoded(request))
    return MessagePage(415, "This request could not be read",
                       "Nothing was sent. Use the form on the Request for Support page to tell us about a child.");
  auto fields = http::ParseUrlEncoded(request.body);
  if (!fields)
    return MessagePage(400, "This request could not be read",
                       "Nothing was sent. Go back to the Request for Support page and send the form again.");
  ContactForm form = ParseContactForm(*fields);
  form.channel = "portal";
  if (ApplyChildAction(form, FormValue(*fields, "action"))) return PortalFormPage(pc, form, {}, 200);
  std::optional<app::IdempotencyKey> key;
  if (!form.form_key.empty() && app::CheckIdempotencyKey(form.form_key)) key = app::IdempotencyKey{form.form_key, FormFingerprint(*fields)};
  auto receipt = app::SubmitPortalContact(pc.app, ToDraft(form), key, request.remote_address);
  if (!receipt) {
    if (receipt.error().IsInvalid()) return PortalFormPage(pc, form, ForThePublic(receipt.error().fields, form), 422);
    if (receipt.error().code == ErrorCode::kTooMany) return NotSentPage(pc, form, receipt.error().retry_after);
    return ErrorPage(receipt.error());
  }
  return ReceivedPage(pc, *receipt, Trim(form.call_reference));
}

}  // namespace

void RegisterPortalPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", kPortalPath, Access::kPublic, [pc](http::Request&) { return PortalFormPage(*pc, ContactForm{}, {}, 200); });
  router.Add("POST", kPortalPath, Access::kPublic, [pc](http::Request& r) { return SubmitPortal(*pc, r); });
}

}  // namespace fd::web
