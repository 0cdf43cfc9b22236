#include "web/information_request_pages.h"

#include <algorithm>
#include <functional>
#include <span>
#include <tuple>

#include <fmt/format.h>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/information_requests.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/information_reply.h"
#include "domain/text.h"
#include "web/contact_summary.h"
#include "web/error_pages.h"
#include "web/query_refused.h"
#include "web/date_boxes.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

constexpr int kAnswerRows = 3;

std::string Path(std::int64_t id, std::string_view rest = "") {
  return fmt::format("/information-requests/{}{}", id, rest);
}

std::string When(const PageContext& pc, const std::string& utc) {
  if (auto t = ParseUtc(utc)) return calendar::FormatLocalForPeople(*t, pc.app.time_zone);
  return utc;
}

// Error field ("items[0].kind", "reply_email") → input id ("items-0-kind"), per form so two forms on
// one page never share an id.
std::string InputId(const std::string& form, const std::string& field) {
  if (field.empty()) return form.empty() ? "type" : form + "-form";
  if (field == "items") return "items-0-kind";
  if (field == "received_at") return "received_date";
  std::string id;
  for (char c : field) {
    if (c == '[' || c == '.') id += '-';
    else if (c != ']') id += c;
  }
  if (form == "evidence" && (id == "note" || id == "reasons")) return "evidence-" + id;
  if (form == "review" && id == "note") return "review-note";
  return id;
}

bool Ticked(const Fields& f, const char* name) { return FormValue(f, name) == "yes"; }

std::string CheckTitle(std::string_view check) {
  if (check == ir_check::kSafeguardingPurposeOrConsent)
    return "The requester confirms the purpose is safeguarding, or has written consent from someone with parental "
           "responsibility";
  if (check == ir_check::kConsent) return "A consent form from the person or someone with parental responsibility";
  if (check == ir_check::kSignedParentalConsent) return "Signed parental consent";
  if (check == ir_check::kReasonsAndContext) return "Why the information is wanted, with its context";
  if (check == ir_check::kInvestigatoryBody) return "The requester is a body with an investigatory function";
  if (check == ir_check::kIdentityVerified) return "The requester's identity and statutory role are verified";
  if (check == ir_check::kReplyChannel) return "An address the answer may be sent to";
  return std::string(check);
}

std::string StatusTitle(const std::string& status) {
  if (status == "received") return "Received: not yet decided";
  if (status == "returned") return "Returned: waiting for evidence";
  if (status == "routed") return "Routed";
  if (status == "awaiting-review") return "Waiting for a manager's review";
  if (status == "approved") return "Approved to send";
  if (status == "answered") return "Answered";
  if (status == "refused") return "Refused";
  return status;
}

std::string RouteTitle(const std::string& route) {
  if (route == "allocated-worker") return "The allocated worker";
  if (route == "contact") return "A contact (the front door)";
  if (route == "adult-contact") return "An adult contact";
  if (route == "front-door") return "The front door";
  if (route == "data-protection-team") return "The Data Protection Team";
  return route.empty() ? "Not routed" : route;
}

std::string StateTitle(RegisterState state) {
  switch (state) {
    case RegisterState::kOpen: return "Open to a team";
    case RegisterState::kClosed: return "Known, closed";
    case RegisterState::kAdultKnown: return "An adult who was known";
    case RegisterState::kUnknown: break;
  }
  return "Not known";
}

Data ItemRows(const std::vector<store::SharedItemRow>& items) {
  Data list = List();
  for (const auto& i : items) list.push_back(Row(std::string(SharedKindTitle(i.kind)), i.text));
  return list;
}

Data SharedList(const PageContext& pc, const std::vector<store::InformationSharedRow>& rows) {
  Data list = List();
  for (const auto& s : rows) {
    Data item = Object();
    item.set("heading", fmt::format("{}: to {} by {}, {}", s.request_reference, s.shared_to, s.channel,
                                    When(pc, s.shared_at)));
    item.set("who", fmt::format("Sent by {}; authorised by {}", s.shared_by_name, s.authorised_by_name));
    item.set("items", ItemRows(s.items));
    list.push_back(item);
  }
  return list;
}

bool MayWork(const app::Actor& actor, const InformationRequestType& type) {
  return app::IsAllowed(actor.role, type.route == ir_route::kDataProtectionTeam
                                        ? app::Action::kHandleDataProtectionRequest
                                        : app::Action::kRecordInformationRequest);
}

// --- the form ---------------------------------------------------------------------------------

struct TextField {
  const char* name;
  const char* label;
  const char* hint;
  bool textarea;
};

constexpr TextField kRequesterFields[] = {
    {"requester_name", "Name", "", false},
    {"requester_organisation", "Organisation", "Not needed for a subject access request: a person asking for their own "
                                               "records", false},
    {"requester_role", "Role (optional)", "", false},
    {"requester_email", "E-mail address to answer to", "Some requests may be answered only at a .gov.uk address", false},
    {"requester_phone", "Phone (optional)", "", false},
};
constexpr TextField kSubjectFields[] = {
    {"subject_first_names", "First names", "", false},
    {"subject_last_name", "Last name", "", false},
};
// The subject's date of birth, in GOV.UK date boxes ("subject_date_of_birth-day", …).
constexpr const char* kSubjectDob = "subject_date_of_birth";

Data TextFields(const std::span<const TextField> fields, const Fields& f, const std::vector<FieldError>& errors) {
  Data list = List();
  for (const auto& field : fields) {
    Data item = Object();
    item.set("input_id", std::string(field.name));
    item.set("name", std::string(field.name));
    item.set("label", std::string(field.label));
    if (field.hint[0]) item.set("hint", std::string(field.hint));
    item.set("textarea", field.textarea);
    SetInput(item, "value", FormValue(f, field.name), ErrorFor(errors, field.name));
    list.push_back(item);
  }
  return list;
}

app::InformationRequestDraft DraftFrom(const Fields& f) {
  app::InformationRequestDraft d;
  d.type = FormValue(f, "type");
  d.requester_name = FormValue(f, "requester_name");
  d.requester_organisation = FormValue(f, "requester_organisation");
  d.requester_role = FormValue(f, "requester_role");
  d.requester_email = FormValue(f, "requester_email");
  d.requester_phone = FormValue(f, "requester_phone");
  d.subject_first_names = FormValue(f, "subject_first_names");
  d.subject_last_name = FormValue(f, "subject_last_name");
  d.subject_date_of_birth = IsoDate(ReadDateBoxes(f, kSubjectDob));
  d.details = FormValue(f, "details");
  d.received_date = FormValue(f, "received_date");
  d.received_time = FormValue(f, "received_time");
  d.identity_in_doubt = Ticked(f, "identity_in_doubt");
  d.evidence.safeguarding_purpose = Ticked(f, "safeguarding_purpose");
  d.evidence.consent = Ticked(f, "consent");
  d.evidence.signed_parental_consent = Ticked(f, "signed_parental_consent");
  d.evidence.identity_verified = Ticked(f, "identity_verified");
  d.evidence.investigatory_body = Ticked(f, "investigatory_body");
  d.evidence.reasons = FormValue(f, "reasons");
  return d;
}

// The evidence checkboxes, as both the form and the request page offer them.
Data EvidenceBoxes(const std::function<bool(const char*)>& checked) {
  struct Box {
    const char* name;
    const char* label;
  };
  static constexpr Box kBoxes[] = {
      {"safeguarding_purpose", "The requester confirms the information is needed to safeguard a child (IR-3)"},
      {"consent", "A consent form from the person or someone with parental responsibility is held (IR-3, IR-4)"},
      {"signed_parental_consent", "Signed parental consent is held (IR-5)"},
      {"identity_verified", "The requester's identity and statutory role are verified (IR-10)"},
      {"investigatory_body", "The requester is a body with an investigatory function (IR-9)"},
      {"identity_in_doubt", "The requester's identity or the legitimacy of the request is in doubt (IR-10)"},
  };
  Data list = List();
  for (const auto& b : kBoxes) {
    Data item = Object();
    item.set("input_id", std::string(b.name));
    item.set("name", std::string(b.name));
    item.set("label", std::string(b.label));
    item.set("checked", checked(b.name));
    list.push_back(item);
  }
  return list;
}

http::Response Form(PageContext& pc, const http::Request& request, const std::vector<InformationRequestType>& types,
                    const Fields& f, const std::vector<FieldError>& errors_as_given) {
  Data d = PageData(request, "Record a request for information");
  d.set("back_link", "/information-requests");
  const DateBoxes dob = ReadDateBoxes(f, kSubjectDob);
  std::vector<FieldError> errors = errors_as_given;
  SayForDateBoxes(errors, kSubjectDob, "Date of birth", dob);
  SetErrorSummary(d, errors, [&](const std::string& field) {
    return field == kSubjectDob ? field + "-" + FirstBoxAtFault(dob) : InputId("", field);
  });
  const std::string chosen = FormValue(f, "type");
  Data list = List();
  bool first = true;
  for (const auto& t : types) {
    Data item = Object();
    item.set("input_id", first ? std::string("type") : "type-" + t.id);
    first = false;
    item.set("value", t.id);
    item.set("label", t.name);
    item.set("checked", t.id == chosen);
    std::string needs;
    for (const auto& c : t.checks) needs += (needs.empty() ? "" : "; ") + CheckTitle(c);
    if (needs.empty()) needs = "No consent needed";
    std::string more;
    if (!t.reply_domains.empty()) {
      std::string domains;
      for (const auto& dom : t.reply_domains) domains += (domains.empty() ? "." : " or .") + dom;
      more += " Answered only by e-mail to a " + domains + " address.";
    }
    if (t.manager_review) more += " A manager reviews what is sent.";
    if (t.route == ir_route::kDataProtectionTeam) more += " Goes to the Data Protection Team only.";
    item.set("hint", fmt::format("{} ({}). Needs: {}.{}", t.description, t.rule, needs, more));
    list.push_back(item);
  }
  d.set("types", list);
  SetInput(d, "type_choice", "", ErrorFor(errors, "type"));
  d.set("requester_fields", TextFields(kRequesterFields, f, errors));
  d.set("subject_fields", TextFields(kSubjectFields, f, errors));
  d.set("subject_date_of_birth_field", DateFieldData(kSubjectDob, "Date of birth (optional)", "For example, 14 5 2017",
                                                     dob, ErrorFor(errors, kSubjectDob)));
  SetInput(d, "details", FormValue(f, "details"), ErrorFor(errors, "details"));
  SetInput(d, "reasons", FormValue(f, "reasons"), ErrorFor(errors, "reasons"));
  // When it came: now unless the user says it arrived earlier (an e-mail read later).
  std::string received_date = FormValue(f, "received_date"), received_time = FormValue(f, "received_time");
  if (errors.empty() && received_date.empty() && received_time.empty()) {
    const std::string local = calendar::FormatLocalIso(pc.app.clock.Now(), pc.app.time_zone);  // 2026-11-27T16:50:00+00:00
    received_date = local.substr(0, 10);
    received_time = local.substr(11, 5);
  }
  d.set("received_date", received_date);
  d.set("received_time", received_time);
  SetInput(d, "received", "", ErrorFor(errors, "received_at"));
  d.set("evidence_boxes", EvidenceBoxes([&](const char* name) { return Ticked(f, name); }));
  return Page(pc, errors.empty() ? 200 : 422, "information_request_new", d);
}

// The version of the procedures in force may define no kinds of request while an earlier one did
// (requests received then are still read and finished): then there is nothing new to record, so the
// page says so and offers no form, rather than a choice with no options whose error would point at no
// field. `status`: 200 for the page, 409 for a form sent anyway. (Where no version defines any, as
// Kent's, every address here is NoneDefinedPage instead.)
http::Response NoTypesPage(PageContext& pc, const http::Request& request, int status) {
  Data d = PageData(request, "Record a request for information");
  d.set("back_link", "/");
  d.set("no_types", true);
  const auto& pack = pc.app.procedures.PackAt(pc.app.clock.Now());
  d.set("procedures", fmt::format("{} {}", pack.authority_name, pack.version));
  return Page(pc, status, "information_request_new", d);
}

http::Response NewPage(PageContext& pc, http::Request& request) {
  auto types = app::InformationRequestTypesOffered(pc.app, api::ActorOf(request));
  if (!types) return ErrorPage(types.error());
  if (types->empty()) return NoTypesPage(pc, request, 200);
  return Form(pc, request, *types, {}, {});
}

http::Response Create(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  auto types = app::InformationRequestTypesOffered(pc.app, actor);
  if (!types) return ErrorPage(types.error());
  if (types->empty()) return NoTypesPage(pc, request, 409);
  const Fields f = FormFields(request);
  auto view = app::RecordInformationRequest(pc.app, actor, DraftFrom(f));
  if (!view) {
    if (view.error().IsInvalid()) return Form(pc, request, *types, f, view.error().fields);
    return ErrorPage(view.error());
  }
  return http::Response::Redirect(Path(view->record.id, "?done=recorded"));
}

// Where the procedures define no requests for information (Kent's), every address here answers with
// this page: 404, as there is nothing at the address for this council, but in plain words and with
// the service's header, rather than "Page not found" (the address is right; there are just none).
http::Response NoneDefinedPage(PageContext& pc, const http::Request& request, const Error& none) {
  Data d = PageData(request, "Requests for information");
  d.set("explanation", none.message);
  return Page(pc, 404, "information_request_none", d);
}

// --- the queues -------------------------------------------------------------------------------

http::Response ListPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  // The same parameters as GET /api/v1/information-requests, read the same way (api/list_queries.h).
  api::QueryReader query(request, api::InformationRequestListParams());
  const auto [queue, status] = api::ReadInformationRequestList(query, actor);
  if (auto refused = query.Refusal()) return QueryRefusedPage(pc, request, "Requests for information", *refused);
  auto rows = app::ListInformationRequestQueue(pc.app, actor, queue, status);
  if (!rows) return ErrorPage(rows.error());
  const char* title = queue == "data-protection-team" ? "Data Protection Team requests"
                      : queue == "awaiting-review"    ? "Requests for information to review"
                      : queue == "front-door"         ? "Requests for information at the front door"
                      : queue == "all"                ? "All requests for information"
                                                      : "My requests for information";
  Data d = PageData(request, title);
  d.set("back_link", "/");
  d.set("heading", std::string(title));
  Data tabs = List();
  for (const auto& [id, label, action] :
       {std::tuple{"mine", "Mine", app::Action::kRecordInformationRequest},
        std::tuple{"front-door", "Front door", app::Action::kRecordInformationRequest},
        std::tuple{"awaiting-review", "To review", app::Action::kReviewInformationRequest},
        std::tuple{"data-protection-team", "Data Protection Team", app::Action::kHandleDataProtectionRequest},
        std::tuple{"all", "All", app::Action::kRecordInformationRequest}}) {
    if (!app::IsAllowed(actor.role, action)) continue;
    Data tab = Object();
    tab.set("link", fmt::format("/information-requests?queue={}", id));
    tab.set("label", std::string(label));
    tab.set("current", queue == id);
    tabs.push_back(tab);
  }
  d.set("tabs", tabs);
  // Answered and refused requests stay findable in every queue: what was asked and what was shared.
  Data statuses = List();
  for (const auto& [id, label] : {std::pair{"open", "Open"}, std::pair{"closed", "Answered or refused"},
                                  std::pair{"any", "Every request"}}) {
    Data tab = Object();
    tab.set("link", fmt::format("/information-requests?queue={}&status={}", queue, id));
    tab.set("label", std::string(label));
    tab.set("current", status == id);
    tab.set("id", std::string(id));
    statuses.push_back(tab);
  }
  d.set("statuses", statuses);
  const bool kinds_in_force = !pc.app.procedures.PackAt(pc.app.clock.Now()).information_request_types.empty();
  if (kinds_in_force && (app::IsAllowed(actor.role, app::Action::kRecordInformationRequest) ||
                         app::IsAllowed(actor.role, app::Action::kHandleDataProtectionRequest)))
    d.set("new_link", "/information-requests/new");
  Data list = List();
  for (const auto& r : *rows) {
    Data row = Object();
    row.set("link", Path(r.id));
    row.set("reference", r.reference);
    row.set("type", r.type);
    row.set("requester", r.requester_organisation);
    row.set("received", When(pc, r.received_at));
    row.set("status", StatusTitle(r.status));
    row.set("route", RouteTitle(r.route));
    list.push_back(row);
  }
  d.set("has_rows", !rows->empty());
  d.set("rows", list);
  return Page(pc, 200, "information_request_list", d);
}

// --- the request page -------------------------------------------------------------------------

// The request with its checks and decision, and the forms the actor may use now. A refused
// submission comes back with its input and errors (`form` says which form).
http::Response ShowPage(PageContext& pc, const http::Request& request, std::int64_t id, const std::string& form,
                        const Fields& typed, const std::vector<FieldError>& errors) {
  const app::Actor actor = api::ActorOf(request);
  auto got = app::OpenInformationRequest(pc.app, actor, id);
  if (!got) return ErrorPage(got.error());
  const auto& v = *got;
  const auto& r = v.record;
  Data d = PageData(request, "Request for information " + r.reference);
  d.set("back_link", "/information-requests");
  SetErrorSummary(d, errors, [&](const std::string& field) { return InputId(form, field); });
  const std::string done = request.QueryParam("done");
  if (done == "recorded") d.set("banner", std::string("Request recorded"));
  if (done == "evidence") d.set("banner", std::string("Evidence recorded"));
  if (done == "decided") d.set("banner", r.status == "returned" ? std::string("Returned: ask the requester for the evidence below")
                                                                : std::string("Request routed"));
  if (done == "answer") d.set("banner", r.status == "awaiting-review" ? std::string("Sent to a manager for review")
                                                                      : std::string("Answer recorded"));
  if (done == "review") d.set("banner", std::string("Review recorded"));
  if (done == "refused") d.set("banner", std::string("Request refused"));
  d.set("id", std::to_string(r.id));
  d.set("reference", r.reference);
  d.set("type_name", v.type.name);
  d.set("status_title", StatusTitle(r.status));

  if (v.passed_on_only) {
    // IR-9: the Data Protection Team's request: only that it was passed on, and the button that
    // passes it on while it has not been.
    Data rows = List();
    rows.push_back(Row("Kind of request", v.type.name + " (" + v.type.rule + ")"));
    rows.push_back(Row("Received", When(pc, r.received_at) + " by " + r.recorded_by_name));
    if (!r.route.empty())
      rows.push_back(Row("Passed to", RouteTitle(r.route) + (r.decided_at ? ", " + When(pc, *r.decided_at) : "")));
    d.set("rows", rows);
    d.set("passed_on", std::string("This request is the Data Protection Team's (IR-9): only they see who asked, whom "
                                   "it is about and what was asked for. Ask the Data Protection Team."));
    if ((r.status == "received" || r.status == "returned") &&
        app::IsAllowed(actor.role, app::Action::kRecordInformationRequest))
      d.set("decide_form", true);
    return Page(pc, 200, "information_request_show", d);
  }

  Data rows = List();
  rows.push_back(Row("Kind of request", v.type.name + " (" + v.type.rule + ")"));
  rows.push_back(Row("Received", When(pc, r.received_at) + " by " + r.recorded_by_name));
  rows.push_back(Row("Requester", r.requester_name + (r.requester_role.empty() ? "" : ", " + r.requester_role)));
  rows.push_back(Row("Organisation", r.requester_organisation));
  rows.push_back(Row("E-mail", r.requester_email));
  rows.push_back(Row("Phone", r.requester_phone));
  if (v.person_hidden) {
    rows.push_back(Row("About", "A restricted record: ask " + v.person_ask));
  } else {
    std::string about = r.subject_first_names + " " + r.subject_last_name;
    if (!r.subject_date_of_birth.empty()) about += ", born " + calendar::IsoTextForPeople(r.subject_date_of_birth);
    rows.push_back(Row("About", about == " " ? "" : about));
    rows.push_back(Row("On the register", v.known_as_relative ? std::string("Known only as an adult in a child's family")
                                                              : StateTitle(v.register_state)));
  }
  rows.push_back(Row("Asked for", r.details));
  if (!r.reasons.empty()) rows.push_back(Row("Why, and the context", r.reasons));
  d.set("rows", rows);

  Data checks = List();
  for (const auto& c : v.checks) {
    Data item = Object();
    // IR-9: a subject access request's identity is the person's own, not an agency's.
    item.set("title", IsSubjectAccess(v.type) && c.check == ir_check::kIdentityVerified
                          ? std::string("The person's own identity is verified")
                          : CheckTitle(c.check));
    item.set("passed", c.passed);
    item.set("needed", c.needed);
    item.set("rule", c.rule);
    checks.push_back(item);
  }
  d.set("checks", checks);
  d.set("has_checks", !v.checks.empty());

  // The decision as it stands now.
  Data decision = Object();
  decision.set("returned", v.decision.returned());
  Data missing = List();
  for (const auto& m : v.decision.missing) {
    Data item = Object();
    item.set("needed", m.needed);
    item.set("rule", m.rule);
    missing.push_back(item);
  }
  decision.set("missing", missing);
  decision.set("route", RouteTitle(v.decision.route));
  decision.set("route_note", v.decision.route_note);
  decision.set("channel", v.decision.channel.description + " (" + v.decision.channel.rule + ")");
  decision.set("review", v.decision.manager_review);
  if (!v.decision.suggested_answer.empty()) {
    decision.set("suggested", v.decision.suggested_answer);
    decision.set("suggested_label", v.type.answers == ir_answers::kDetailed ? std::string("What the register shows")
                                                                             : std::string("What may be said (IR-3)"));
  }
  d.set("decision", decision);

  if (!r.route.empty()) {
    Data routed = Object();
    routed.set("route", RouteTitle(r.route));
    routed.set("note", v.person_hidden ? v.decision.route_note : r.route_note);
    if (r.decided_at) routed.set("when", When(pc, *r.decided_at));
    if (r.contact_id) {
      routed.set("contact_link", fmt::format("/contacts/{}", *r.contact_id));
      routed.set("contact_reference", r.contact_reference);
    }
    d.set("routed", routed);
  }

  const bool open = r.status != "answered" && r.status != "refused";
  const bool work = MayWork(actor, v.type);
  const auto err = [&](const char* which, const char* field) {
    return form == which ? ErrorFor(errors, field) : std::nullopt;
  };
  if (open && work) {
    Data ev = Object();
    ev.set("boxes", EvidenceBoxes([&](const char* name) {
      if (form == "evidence") return Ticked(typed, name);
      const std::string n = name;
      return n == "safeguarding_purpose" ? r.safeguarding_purpose
             : n == "consent"            ? r.consent
             : n == "signed_parental_consent" ? r.signed_parental_consent
             : n == "identity_verified"  ? r.identity_verified
             : n == "investigatory_body" ? r.investigatory_body
                                         : r.identity_in_doubt;
    }));
    SetInput(ev, "reasons", form == "evidence" ? FormValue(typed, "reasons") : r.reasons, err("evidence", "reasons"));
    SetInput(ev, "reply_email", form == "evidence" ? FormValue(typed, "reply_email") : r.requester_email,
             err("evidence", "reply_email"));
    SetInput(ev, "note", form == "evidence" ? FormValue(typed, "note") : "", err("evidence", "note"));
    d.set("evidence_form", ev);
    if (r.status == "received" || r.status == "returned") d.set("decide_form", true);
    Data refuse = Object();
    SetInput(refuse, "reason", form == "refuse" ? FormValue(typed, "reason") : "", err("refuse", "reason"));
    d.set("refuse_form", refuse);
  } else if (open && (r.status == "received" || r.status == "returned") &&
             app::IsAllowed(actor.role, app::Action::kRecordInformationRequest)) {
    d.set("decide_form", true);
  }
  if (r.status == "awaiting-review" || r.status == "approved") {
    Data proposal = Object();
    proposal.set("items", ItemRows(r.proposed_items));
    proposal.set("to", r.proposed_to + " (" + r.proposed_channel + ")");
    d.set("proposal", proposal);
  }
  if (v.can_review) {
    Data review = Object();
    SetInput(review, "note", form == "review" ? FormValue(typed, "note") : "", err("review", "note"));
    SetInput(review, "decision_field", "", err("review", "decision"));
    d.set("review_form", review);
  }
  if (v.can_answer) {
    Data answer = Object();
    const bool approved = r.status == "approved";
    Data item_rows = List();
    for (int i = 0; i < kAnswerRows; ++i) {
      const std::string at = fmt::format("items[{}]", i);
      std::string kind, text;
      if (form == "answer") {
        kind = FormValue(typed, (at + ".kind").c_str());
        text = FormValue(typed, (at + ".text").c_str());
      } else if (approved && i < static_cast<int>(r.proposed_items.size())) {
        kind = r.proposed_items[i].kind;
        text = r.proposed_items[i].text;
      } else if (i == 0 && !v.decision.suggested_answer.empty()) {
        kind = "known";
        text = v.decision.suggested_answer;
      }
      Data row = Object();
      row.set("number", std::to_string(i + 1));
      row.set("kind_id", fmt::format("items-{}-kind", i));
      row.set("kind_name", at + ".kind");
      row.set("text_id", fmt::format("items-{}-text", i));
      row.set("text_name", at + ".text");
      std::vector<Option> kinds{{"", "Not used"}};
      for (const auto& k : v.decision.shareable) kinds.push_back({k, std::string(SharedKindTitle(k))});
      Data options = List();
      for (const auto& o : kinds) {
        Data opt = Object();
        opt.set("value", o.value);
        opt.set("label", o.label);
        opt.set("selected", o.value == kind);
        options.push_back(opt);
      }
      row.set("kinds", options);
      auto kind_error = err("answer", (at + ".kind").c_str());
      if (i == 0 && !kind_error) kind_error = err("answer", "items");
      SetInput(row, "kind", kind, kind_error);
      SetInput(row, "text", text, err("answer", (at + ".text").c_str()));
      item_rows.push_back(row);
    }
    answer.set("item_rows", item_rows);
    const std::string to = form == "answer" ? FormValue(typed, "to") : approved ? r.proposed_to : r.requester_email;
    SetInput(answer, "to", to, err("answer", "to"));
    const std::string channel = form == "answer" ? FormValue(typed, "channel")
                                : approved       ? r.proposed_channel
                                                 : std::string("email");
    answer.set("channels", Radios("channel", {{"email", "E-mail"}, {"phone", "Phone"}, {"post", "Post"},
                                             {"in-person", "In person"}},
                                  channel));
    SetInput(answer, "channel_field", "", err("answer", "channel"));
    // Finding 6: the lawful basis, chosen by the request's rule; a choice only where more than one is lawful.
    if (v.lawful_bases.size() > 1) {
      std::vector<Option> bases;
      for (const auto& b : v.lawful_bases) bases.push_back({b.id, b.label});
      const std::string chosen = form == "answer" ? FormValue(typed, "lawful_basis") : v.lawful_bases.front().id;
      answer.set("lawful_basis_choice", true);
      answer.set("lawful_bases", Radios("lawful_basis", bases, chosen));
      SetInput(answer, "lawful_basis_field", "", err("answer", "lawful_basis"));
    } else if (!v.lawful_bases.empty()) {
      answer.set("lawful_basis_label", v.lawful_bases.front().label);
    }
    answer.set("review_note", v.type.manager_review && !approved);
    answer.set("button", v.type.manager_review && !approved ? std::string("Send to a manager for review")
                                                            : std::string("Record the answer as sent"));
    d.set("answer_form", answer);
  }
  if (r.status == "refused") {
    Data refusal = Object();
    refusal.set("reason", r.refused_reason);
    Data required = List();
    for (const auto& m : r.missing_evidence) {
      Data item = Object();
      item.set("needed", m.needed);
      item.set("rule", m.rule);
      required.push_back(item);
    }
    refusal.set("required", required);
    refusal.set("has_required", !r.missing_evidence.empty());
    d.set("refusal", refusal);
  }
  Data reviews = List();
  for (const auto& w : v.reviews) {
    Data item = Object();
    item.set("text", fmt::format("{} by {}, {}{}", w.decision == "approved" ? "Approved" : "Returned", w.reviewed_by_name,
                                 When(pc, w.reviewed_at), w.note.empty() ? "" : ": " + w.note));
    reviews.push_back(item);
  }
  d.set("reviews", reviews);
  d.set("has_reviews", !v.reviews.empty());
  d.set("shared", SharedList(pc, v.shared));
  d.set("has_shared", !v.shared.empty());
  d.set("shared_before", SharedList(pc, v.shared_before));
  d.set("has_shared_before", !v.shared_before.empty());
  Data log = List();
  for (const auto& e : v.evidence_log) {
    Data item = Object();
    item.set("text", fmt::format("{}: {}, {}{}", e.kind, e.recorded_by_name, When(pc, e.recorded_at),
                                 e.detail.empty() ? "" : " (" + e.detail + ")"));
    log.push_back(item);
  }
  d.set("evidence_log", log);
  d.set("has_evidence_log", !v.evidence_log.empty());
  return Page(pc, errors.empty() ? 200 : 422, "information_request_show", d);
}

http::Response Show(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no request for information with that number"));
  return ShowPage(pc, request, *id, "", {}, {});
}

// Runs one action; a refused one comes back on the request page with its input and errors.
template <typename F>
http::Response Act(PageContext& pc, http::Request& request, const std::string& form, const std::string& done, F&& f) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no request for information with that number"));
  const Fields fields = FormFields(request);
  auto result = f(api::ActorOf(request), *id, fields);
  if (!result) {
    const Error& e = result.error();
    if (e.IsInvalid()) return ShowPage(pc, request, *id, form, fields, e.fields);
    if (e.code == ErrorCode::kConflict) return ShowPage(pc, request, *id, form, fields, {{"", e.message}});
    return ErrorPage(e);
  }
  return http::Response::Redirect(Path(*id, "?done=" + done));
}

std::optional<bool> Box(const Fields& f, const char* name) { return Ticked(f, name); }

}  // namespace

void AddInformationRequestLinks(const app::AppContext& ctx, const app::Actor& actor, Data& d) {
  // No kinds of request in any version of the procedures (Kent's): nothing to record or read, so no
  // link. Where only the version in force has none, earlier requests may still be open: linked.
  if (!app::CheckInformationRequestsDefined(ctx)) return;
  if (app::IsAllowed(actor.role, app::Action::kRecordInformationRequest) ||
      app::IsAllowed(actor.role, app::Action::kHandleDataProtectionRequest) ||
      app::IsAllowed(actor.role, app::Action::kReviewInformationRequest))
    d.set("information_requests_link", "/information-requests");
}

void RegisterInformationRequestPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  // Every page checks first, before its form or number is read (NoneDefinedPage).
  struct {
    http::Router& router;
    const std::shared_ptr<PageContext>& pc;
    void Add(std::string method, std::string pattern, http::Access access, http::Handler handler) const {
      router.Add(std::move(method), std::move(pattern), access, [pc = pc, handler = std::move(handler)](http::Request& r) {
        if (auto defined = app::CheckInformationRequestsDefined(pc->app); !defined)
          return NoneDefinedPage(*pc, r, defined.error());
        return handler(r);
      });
    }
  } routes{router, pc};
  using http::Access;
  routes.Add("GET", "/information-requests/new", Access::kSignedIn, [pc](http::Request& r) { return NewPage(*pc, r); });
  routes.Add("POST", "/information-requests/new", Access::kSignedIn, [pc](http::Request& r) { return Create(*pc, r); });
  routes.Add("GET", "/information-requests", Access::kSignedIn, [pc](http::Request& r) { return ListPage(*pc, r); });
  routes.Add("GET", "/information-requests/{id}", Access::kSignedIn, [pc](http::Request& r) { return Show(*pc, r); });
  routes.Add("POST", "/information-requests/{id}/evidence", Access::kSignedIn, [pc](http::Request& r) {
    return Act(*pc, r, "evidence", "evidence", [&](const app::Actor& actor, std::int64_t id, const Fields& f) {
      app::InformationEvidenceUpdate u;
      u.safeguarding_purpose = Box(f, "safeguarding_purpose");
      u.consent = Box(f, "consent");
      u.signed_parental_consent = Box(f, "signed_parental_consent");
      u.identity_verified = Box(f, "identity_verified");
      u.investigatory_body = Box(f, "investigatory_body");
      u.identity_in_doubt = Box(f, "identity_in_doubt");
      u.reasons = FormValue(f, "reasons");
      u.reply_email = FormValue(f, "reply_email");
      u.note = FormValue(f, "note");
      return app::RecordInformationEvidence(pc->app, actor, id, u);
    });
  });
  routes.Add("POST", "/information-requests/{id}/decide", Access::kSignedIn, [pc](http::Request& r) {
    return Act(*pc, r, "decide", "decided", [&](const app::Actor& actor, std::int64_t id, const Fields&) {
      return app::DecideInformationRequestRoute(pc->app, actor, id);
    });
  });
  routes.Add("POST", "/information-requests/{id}/answer", Access::kSignedIn, [pc](http::Request& r) {
    return Act(*pc, r, "answer", "answer", [&](const app::Actor& actor, std::int64_t id, const Fields& f) {
      app::InformationAnswer a;
      std::vector<int> rows_used;  // the form's row of each item sent, so each error goes to its row
      for (int i = 0; i < kAnswerRows; ++i) {
        const std::string kind = FormValue(f, fmt::format("items[{}].kind", i).c_str());
        const std::string text = FormValue(f, fmt::format("items[{}].text", i).c_str());
        if (!kind.empty() || !Trim(text).empty()) {
          a.items.push_back({kind, text});
          rows_used.push_back(i);
        }
      }
      a.to = FormValue(f, "to");
      a.channel = FormValue(f, "channel");
      auto answered = app::RecordInformationAnswer(pc->app, actor, id, a, FormValue(f, "lawful_basis"));
      if (!answered && answered.error().IsInvalid()) {
        Error e = answered.error();
        for (auto& field : e.fields)
          for (std::size_t k = 0; k < rows_used.size(); ++k) {
            const std::string sent = fmt::format("items[{}]", k);
            if (field.field.starts_with(sent + ".")) {
              field.field = fmt::format("items[{}]", rows_used[k]) + field.field.substr(sent.size());
              break;
            }
          }
        return Result<app::InformationRequestView>(std::unexpected(std::move(e)));
      }
      return answered;
    });
  });
  routes.Add("POST", "/information-requests/{id}/review", Access::kSignedIn, [pc](http::Request& r) {
    return Act(*pc, r, "review", "review",
               [&](const app::Actor& actor, std::int64_t id, const Fields& f) -> Result<app::InformationRequestView> {
                 const std::string decision = FormValue(f, "decision");
                 if (decision != "approve" && decision != "return")
                   return std::unexpected(Error::InvalidField(
                       "decision", "Choose whether to approve what is to be sent, or return it with a note"));
                 return app::ReviewInformationRequest(pc->app, actor, id, {decision == "approve", FormValue(f, "note")});
               });
  });
  routes.Add("POST", "/information-requests/{id}/refuse", Access::kSignedIn, [pc](http::Request& r) {
    return Act(*pc, r, "refuse", "refused", [&](const app::Actor& actor, std::int64_t id, const Fields& f) {
      return app::RefuseInformationRequest(pc->app, actor, id, FormValue(f, "reason"));
    });
  });
}

}  // namespace fd::web
