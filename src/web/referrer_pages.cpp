#include "web/referrer_pages.h"

#include <variant>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/contacts.h"
#include "app/permissions.h"
#include "app/referrer_disclosures.h"
#include "app/referrer_identity.h"
#include "calendar/local_time.h"
#include "web/contact_summary.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

// Which of the page's three forms was sent (its errors and input are shown beside it only: the
// reveal form and the disclosure form both have a reason).
enum class Sent { kNone, kReveal, kConsent, kDisclosure };

// The page as it stands: what each form holds, and the errors of the one that was sent.
struct PageState {
  Sent sent = Sent::kNone;
  std::vector<FieldError> errors;
  std::string reveal_reason;
  ConsentDraft consent;
  DisclosureDraft disclosure;
  std::string banner;
};

std::string When(const std::string& utc, const std::string& zone) {
  const auto at = ParseUtc(utc);
  return at ? calendar::FormatLocalForPeople(*at, zone) : utc;
}

std::string ConsentMethodText(const std::string& id) {
  const auto method = ConsentMethodFromId(id);
  return method ? std::string(ConsentMethodTitle(*method)) : id;
}

// "The referrer's consent" or "A manager's authorisation (Tess Manager, asked by Sam Worker): <reason>".
std::string BasisText(const store::ReferrerDisclosureRow& d) {
  const auto basis = DisclosureBasisFromId(d.basis);
  const std::string title = basis ? std::string(DisclosureBasisTitle(*basis)) : d.basis;
  if (basis == DisclosureBasis::kManagerAuthorisation)
    return fmt::format("{} ({}, asked by {}): {}", title, d.authorised_by_name, d.requested_by_name,
                       d.authorisation_reason);
  return title;
}

void SetConsentTable(Data& d, const std::vector<store::ReferrerConsentRow>& consents, const std::string& zone) {
  Data rows = List();
  for (std::size_t i = 0; i < consents.size(); ++i) {
    const auto& c = consents[i];
    Data row = Object();
    row.set("when", When(c.recorded_at, zone));
    row.set("answer", c.given ? "Yes" : "No");
    row.set("latest", i + 1 == consents.size());
    row.set("how", ConsentMethodText(c.method));
    row.set("covers", c.covers);
    row.set("by", c.recorded_by_name);
    rows.push_back(row);
  }
  d.set("has_consents", !consents.empty());
  d.set("consents", rows);
}

void SetDisclosureTable(Data& d, const std::vector<store::ReferrerDisclosureRow>& disclosures,
                        const std::string& zone) {
  Data rows = List();
  for (const auto& x : disclosures) {
    Data row = Object();
    row.set("when", When(x.disclosed_at, zone));
    row.set("to", fmt::format("{}, {}", x.recipient_name, x.recipient_organisation));
    row.set("why", x.reason);
    row.set("basis", BasisText(x));
    row.set("by", x.disclosed_by_name);
    rows.push_back(row);
  }
  d.set("has_disclosures", !disclosures.empty());
  d.set("disclosures", rows);
}

// Where the error summary links for a field of the form that was sent.
std::string InputId(Sent sent, const std::string& field) {
  if (sent == Sent::kDisclosure && field == "reason") return "disclosure_reason";
  return field;
}

// The page: why the details are needed (reveal), the referrer's consent answers with the form to
// record one, and the disclosures with the form to make one.
http::Response ReferrerPage(PageContext& pc, const http::Request& request, const Contact& contact, int status,
                            const PageState& state) {
  const app::Actor actor = api::ActorOf(request);
  auto sharing = app::ListReferrerDisclosures(pc.app, actor, contact.id);
  if (!sharing) return ErrorPage(sharing.error());
  Data d = PageData(request, "The referrer's details – " + contact.reference);
  d.set("id", std::to_string(contact.id));
  d.set("reference", contact.reference);
  d.set("back_link", fmt::format("/contacts/{}", contact.id));
  if (!state.banner.empty()) d.set("banner", state.banner);

  const std::vector<FieldError> none;
  const auto& reveal_errors = state.sent == Sent::kReveal ? state.errors : none;
  const auto& consent_errors = state.sent == Sent::kConsent ? state.errors : none;
  const auto& disclosure_errors = state.sent == Sent::kDisclosure ? state.errors : none;

  SetInput(d, "reason", state.reveal_reason, ErrorFor(reveal_errors, "reason"));

  SetConsentTable(d, sharing->consents, pc.app.time_zone);
  d.set("given_options", Radios("given", {{"yes", "Yes"}, {"no", "No"}}, state.consent.given));
  SetInput(d, "given_field", "", ErrorFor(consent_errors, "given"));
  std::vector<Option> methods;
  for (ConsentMethod m : AllConsentMethods())
    methods.push_back({std::string(ConsentMethodId(m)), std::string(ConsentMethodTitle(m))});
  d.set("method_options", Radios("method", methods, state.consent.method));
  SetInput(d, "method_field", "", ErrorFor(consent_errors, "method"));
  SetInput(d, "covers", state.consent.covers, ErrorFor(consent_errors, "covers"));

  SetDisclosureTable(d, sharing->disclosures, pc.app.time_zone);
  const bool may_authorise = app::Authorise(actor, app::Action::kAuthoriseSharing).has_value();
  d.set("may_authorise", may_authorise);
  std::vector<Option> bases = {{"referrer-consent", "The referrer's consent (their latest answer is yes)"}};
  if (may_authorise)
    bases.push_back({"manager-authorisation", "My authorisation as a team manager, at a colleague's request"});
  d.set("basis_options", Radios("basis", bases, state.disclosure.basis));
  SetInput(d, "basis_field", "", ErrorFor(disclosure_errors, "basis"));
  SetInput(d, "recipient_name", state.disclosure.recipient_name, ErrorFor(disclosure_errors, "recipient_name"));
  SetInput(d, "recipient_organisation", state.disclosure.recipient_organisation,
           ErrorFor(disclosure_errors, "recipient_organisation"));
  SetInput(d, "disclosure_reason", state.disclosure.reason, ErrorFor(disclosure_errors, "reason"));
  SetInput(d, "requested_by", state.disclosure.requested_by, ErrorFor(disclosure_errors, "requested_by"));
  SetInput(d, "authorisation_reason", state.disclosure.authorisation_reason,
           ErrorFor(disclosure_errors, "authorisation_reason"));

  SetErrorSummary(d, state.errors, [sent = state.sent](const std::string& field) { return InputId(sent, field); });
  return Page(pc, status, "referrer_reason", std::move(d));
}

// The contact for one of this page's requests, when the referrer's identity is protected; else the
// answer to give instead (404, 403, or back to the contact when nothing is withheld).
std::variant<Contact, http::Response> ProtectedContact(PageContext& pc, const http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no contact with that number"));
  const app::Actor actor = api::ActorOf(request);
  auto contact = app::GetContact(pc.app, actor, *id);
  if (!contact) return ErrorPage(contact.error());
  if (!contact->referrer.identity_withheld)
    return http::Response::Redirect(fmt::format("/contacts/{}", *id));  // nothing is withheld
  if (auto allowed = app::Authorise(actor, app::Action::kViewReferrerIdentity); !allowed)
    return ErrorPage(allowed.error());
  return std::move(*contact);
}

// GET /contacts/{id}/referrer
http::Response AskForReason(PageContext& pc, http::Request& request) {
  auto contact = ProtectedContact(pc, request);
  if (auto* answer = std::get_if<http::Response>(&contact)) return std::move(*answer);
  PageState state;
  const std::string done = request.QueryParam("done");
  if (done == "consent-yes") state.banner = "The referrer's consent was recorded";
  else if (done == "consent-no") state.banner = "The referrer's answer (no) was recorded";
  return ReferrerPage(pc, request, std::get<Contact>(contact), 200, state);
}

// POST /contacts/{id}/referrer: `reason`. Shows the details on this answer only (never stored in a
// link or the page cache: responses are Cache-Control: no-store).
http::Response Reveal(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no contact with that number"));
  const app::Actor actor = api::ActorOf(request);
  auto contact = app::GetContact(pc.app, actor, *id);
  if (!contact) return ErrorPage(contact.error());
  const std::string reason = FormValue(FormFields(request), "reason");
  auto referrer = app::RevealReferrer(pc.app, actor, *id, reason);
  if (!referrer) {
    if (referrer.error().code != ErrorCode::kInvalid) return ErrorPage(referrer.error());
    PageState state;
    state.sent = Sent::kReveal;
    state.errors = referrer.error().fields;
    state.reveal_reason = reason;
    return ReferrerPage(pc, request, *contact, 422, state);
  }
  Data d = PageData(request, "The referrer's details – " + contact->reference);
  d.set("id", std::to_string(*id));
  d.set("reference", contact->reference);
  d.set("back_link", fmt::format("/contacts/{}", *id));
  Data rows = List();
  AddReferrerRows(pc.app.procedures.PackAt(contact->received_at), *referrer, "Anonymous member of the public", rows);
  d.set("referrer_rows", rows);
  return Page(pc, 200, "referrer_details", std::move(d));
}

// POST /contacts/{id}/referrer/consent: `given`, `method`, `covers`. 303 back to the page with a
// banner, or the page again (422) with the error summary and the answer as typed.
http::Response RecordConsent(PageContext& pc, http::Request& request) {
  auto contact = ProtectedContact(pc, request);
  if (auto* answer = std::get_if<http::Response>(&contact)) return std::move(*answer);
  const Contact& c = std::get<Contact>(contact);
  const auto fields = FormFields(request);
  PageState state;
  state.sent = Sent::kConsent;
  state.consent = {FormValue(fields, "given"), FormValue(fields, "method"), FormValue(fields, "covers")};
  auto recorded = app::RecordReferrerConsent(pc.app, api::ActorOf(request), c.id, state.consent);
  if (!recorded) {
    if (recorded.error().code != ErrorCode::kInvalid) return ErrorPage(recorded.error());
    state.errors = recorded.error().fields;
    return ReferrerPage(pc, request, c, 422, state);
  }
  return http::Response::Redirect(
      fmt::format("/contacts/{}/referrer?done={}#consent", c.id, recorded->given ? "consent-yes" : "consent-no"));
}

// POST /contacts/{id}/referrer/disclosures: `recipient_name`, `recipient_organisation`,
// `disclosure_reason`, `basis`, and for a manager's authorisation `requested_by` and
// `authorisation_reason`. The answer is the disclosure: the identity to pass on (on this answer
// only, like the reveal), or the page again (422) with the error summary and the input as typed.
http::Response Disclose(PageContext& pc, http::Request& request) {
  auto contact = ProtectedContact(pc, request);
  if (auto* answer = std::get_if<http::Response>(&contact)) return std::move(*answer);
  const Contact& c = std::get<Contact>(contact);
  const auto fields = FormFields(request);
  PageState state;
  state.sent = Sent::kDisclosure;
  state.disclosure = {FormValue(fields, "recipient_name"), FormValue(fields, "recipient_organisation"),
                      FormValue(fields, "disclosure_reason"), FormValue(fields, "basis"),
                      FormValue(fields, "requested_by"),   FormValue(fields, "authorisation_reason")};
  auto disclosed = app::DiscloseReferrerIdentity(pc.app, api::ActorOf(request), c.id, state.disclosure);
  if (!disclosed) {
    if (disclosed.error().code != ErrorCode::kInvalid) return ErrorPage(disclosed.error());
    state.errors = disclosed.error().fields;
    return ReferrerPage(pc, request, c, 422, state);
  }
  const auto& x = disclosed->disclosure;
  Data d = PageData(request, "The referrer's identity – " + c.reference);
  d.set("id", std::to_string(c.id));
  d.set("reference", c.reference);
  d.set("back_link", fmt::format("/contacts/{}/referrer", c.id));
  d.set("recipient", fmt::format("{}, {}", x.recipient_name, x.recipient_organisation));
  Data rows = List();
  AddReferrerRows(pc.app.procedures.PackAt(c.received_at), disclosed->referrer, "Anonymous member of the public", rows);
  d.set("referrer_rows", rows);
  Data about = List();
  about.push_back(Row("To", fmt::format("{}, {}", x.recipient_name, x.recipient_organisation)));
  about.push_back(Row("Why", x.reason));
  about.push_back(Row("Basis", BasisText(x)));
  about.push_back(Row("Disclosed by", x.disclosed_by_name));
  about.push_back(Row("When", When(x.disclosed_at, pc.app.time_zone)));
  d.set("disclosure_rows", about);
  // A re-sent form (a refresh, the back button) shows the disclosure already recorded, saying so.
  d.set("repeated", disclosed->repeated);
  return Page(pc, 200, "referrer_disclosed", std::move(d));
}

}  // namespace

void RegisterReferrerPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/contacts/{id}/referrer", http::Access::kSignedIn,
             [pc](http::Request& r) { return AskForReason(*pc, r); });
  router.Add("POST", "/contacts/{id}/referrer", http::Access::kSignedIn,
             [pc](http::Request& r) { return Reveal(*pc, r); });
  router.Add("POST", "/contacts/{id}/referrer/consent", http::Access::kSignedIn,
             [pc](http::Request& r) { return RecordConsent(*pc, r); });
  router.Add("POST", "/contacts/{id}/referrer/disclosures", http::Access::kSignedIn,
             [pc](http::Request& r) { return Disclose(*pc, r); });
}

}  // namespace fd::web
