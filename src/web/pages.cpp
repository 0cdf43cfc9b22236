#include "web/pages.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <map>
#include <set>

#include <fmt/format.h>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/accounts.h"
#include "app/call_confirmations.h"
#include "app/contacts.h"
#include "app/idempotent_contacts.h"
#include "app/information_requests.h"
#include "app/people.h"
#include "app/deadlines.h"
#include "app/duplicates.h"
#include "app/fast_track.h"
#include "app/permissions.h"
#include "app/referrer_callbacks.h"
#include "app/referrer_messages.h"
#include "app/returned_forms.h"
#include "app/workflow.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "domain/harm_override.h"
#include "domain/information_checklist.h"
#include "web/account_pages.h"
#include "web/email_warning.h"
#include "web/remembered_browser_pages.h"
#include "web/chair_consultation_pages.h"
#include "web/child_correction_pages.h"
#include "web/child_match_pages.h"
#include "web/referrer_pages.h"
#include "web/same_child_section.h"
#include "web/consultation_pages.h"
#include "web/contact_form.h"
#include "web/contact_summary.h"
#include "web/dashboard_pages.h"
#include "web/deadline_pages.h"
#include "web/duplicate_section.h"
#include "web/fast_track_section.h"
#include "web/referrer_call_section.h"
#include "web/information_request_pages.h"
#include "web/page_kit.h"
#include "web/people_pages.h"
#include "web/disclosure_pages.h"
#include "web/partner_pages.h"
#include "web/police_notification_pages.h"
#include "web/audit_pages.h"
#include "web/record_access_pages.h"
#include "web/report_pages.h"
#include "web/error_pages.h"
#include "web/query_refused.h"
#include "web/form_kit.h"
#include "web/portal_pages.h"
#include "web/static_files.h"
#include "web/passed_on_pages.h"
#include "web/screening_allocation_pages.h"
#include "web/sibling_review_pages.h"
#include "web/status_pages.h"
#include "web/user_pages.h"
#include "web/kept_form.h"
#include "web/templates.h"
#include "web/workflow_pages.h"

namespace fd::web {
namespace {

constexpr int kPageSize = 25;

// Only local paths are followed after sign-in, so a crafted link cannot send someone elsewhere.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.starts_with("//") || next.find('\\') != std::string::npos) return "/";
  return next;
}

std::string ChildrenNames(const Contact& c) {
  std::string names;
  for (std::size_t i = 0; i < c.children.size(); ++i)
    names += (i == 0 ? "" : (i + 1 == c.children.size() ? " and " : ", ")) + ChildName(c.children[i]);
  return names;
}

std::string ReferrerSummary(const Referrer& r) {
  if (r.anonymous) return "Anonymous member of the public";
  std::string s = std::string(ReferrerTypeTitle(r.type));
  if (!r.agency.empty()) s += ": " + r.agency;
  return s;
}

// The rows of `page`'s contacts; one being screened names who is screening it. On a queue's page,
// a contact with a child about whom another contact is open is tagged "Repeat" (KCR-10, HCR-30), so
// that two workers do not screen the same child apart, and "Decide by" is filled (absent: no
// decision clock open), tagged "Overdue" once that time has passed.
Data ContactRows(const store::ContactPage& page, const std::string& zone, Instant now) {
  Data rows = List();
  for (const auto& c : page.contacts) {
    Data row = Object();
    row.set("id", std::to_string(c.id));
    row.set("reference", c.reference);
    row.set("received", calendar::FormatLocalForPeople(c.received_at, zone));
    row.set("referrer", ReferrerSummary(c.referrer));
    row.set("children", ChildrenNames(c));
    row.set("stage", std::string(ContactStateTitle(ContactStateFromId(c.state).value_or(ContactState::kReceived))));
    if (c.urgent) row.set("urgent", true);
    if (c.queue == "out-of-hours") row.set("out_of_hours", true);  // HCR-18: on the front door's queue too
    // Who has it until the decision: "Screened by Sam" awaiting the proposal, "…, screened by Sam"
    // awaiting authorisation.
    if (auto screener = page.screeners.find(c.id); screener != page.screeners.end())
      row.set(!screener->second.started              ? "allocated_to"
              : screener->second.stage == "proposed" ? "screened_by"
                                                     : "screener",
              screener->second.name);
    if (page.repeats.contains(c.id)) row.set("repeat", true);
    if (page.returns_to_ring.contains(c.id)) row.set("return_not_sent", app::ReturnNotSentWords(c.referrer));  // HCR-9
    if (auto due = page.decide_by.find(c.id); due != page.decide_by.end()) {
      row.set("decide_by", calendar::FormatLocalForPeople(due->second.due_at, zone));
      if (due->second.OverdueAt(now)) row.set("overdue", true);  // KCR-8, HCR-27: a past time says so
    }
    rows.push_back(row);
  }
  return rows;
}

// --- sign in and out -------------------------------------------------------------------------

// `errors`: each at its field (a wrong answer or "Too many attempts…" at the username, the summary
// linking there); none for a fresh form.
http::Response SignInForm(const PageContext& pc, const http::Request& request, const std::string& username,
                          const std::vector<FieldError>& errors, const std::string& next,
                          const std::optional<KeptForm>& kept = std::nullopt) {
  Data d = PageData(request, "Sign in");
  d.set("username", username);
  d.set("next", next);
  if (kept) SetKeptFormData(d, *kept);
  if (!errors.empty()) {
    d.set("has_errors", true);
    d.set("errors", ErrorList(errors));
  }
  for (const char* field : {"username", "password"}) {
    const auto message = ErrorFor(errors, field);
    d.set(std::string(field) + "_error", message.has_value());
    if (message) d.set(std::string(field) + "_error_message", *message);
  }
  return Page(pc, errors.empty() && !kept ? 200 : 401, "sign_in", d);
}

// A page form sent after its session ended: the sign-in page, saying so, with what was typed kept
// (web/kept_form.h), instead of a redirect that drops it.
http::Response SessionEndedSignIn(const PageContext& pc, const http::Request& request) {
  auto kept = KeptFormOf(request);
  if (!kept) return http::Response::Redirect("/sign-in?next=%2F");
  return SignInForm(pc, request, "", {}, "/", kept);
}

// After signing in again: what was typed, and a form that sends it where it was going with this
// session's CSRF token. The form's own page answers it as it always does (saved, or shown again
// with its errors and every answer in its boxes).
http::Response SendAgainPage(const PageContext& pc, const http::Request& request, const app::SignedIn& signed_in,
                             const KeptForm& kept) {
  http::Request as_signed_in = request;
  const app::Actor& a = signed_in.actor;
  as_signed_in.user = http::SignedInUser{a.user_id, a.username, a.display_name, std::string(RoleId(a.role)), a.team_id,
                                         signed_in.csrf_token};
  Data d = PageData(as_signed_in, "Send your form again");
  SetKeptFormData(d, kept);
  return Page(pc, 200, "form_send_again", d);
}

http::Response SignIn(PageContext& pc, http::Request& request) {
  const auto fields = FormFields(request);
  auto get = [&](const char* name) { return FormValue(fields, name); };
  const std::string username = get("username");
  const std::string password = get("password");
  const std::string next = SafeNext(get("next"));
  const auto kept = KeptFormIn(request);
  // A box left empty says which: that tells nobody anything about an account.
  std::vector<FieldError> blank;
  if (username.empty()) blank.push_back({"username", "Enter your username"});
  if (password.empty()) blank.push_back({"password", "Enter your password"});
  if (!blank.empty()) return SignInForm(pc, request, username, blank, next, kept);
  auto signed_in = app::SignIn(pc.app, username, password,
                               {request.remote_address, request.Cookie(api::kSessionCookie).value_or(""),
                                api::OfferedDeviceCookie(request, username, false),
                                std::string(request.Header("user-agent"))});
  if (!signed_in)
    return SignInForm(pc, request, username, {{"username", signed_in.error().message}}, next, kept);
  // A form whose session ended is offered again. Someone who must first choose their own password
  // goes to do that (the guard sends every page there until then): their form was shown on the
  // sign-in page, under "What you typed", to copy. A file is chosen again on its own page.
  auto response = kept && !signed_in->must_change_password && !kept->file_lost
                      ? SendAgainPage(pc, request, *signed_in, *kept)
                      : http::Response::Redirect(next);
  const bool secure = pc.options.secure_cookies || request.secure;
  response.Header("Set-Cookie", api::SessionCookie(signed_in->session_token, secure));
  // The browser is trusted for this user from now on: a stranger's guesses at the username do not
  // lock it out (app/device_cookies.h).
  response.Header("Set-Cookie", api::DeviceCookie(signed_in->actor.username, signed_in->device_cookie, secure));
  return response;
}

http::Response SignOut(PageContext& pc, http::Request& request) {
  if (auto token = request.Cookie(api::kSessionCookie)) app::SignOut(pc.app, *token);
  auto response = http::Response::Redirect("/sign-in");
  response.Header("Set-Cookie", api::ClearedSessionCookie(pc.options.secure_cookies || request.secure));
  return response;
}

// --- home and lists ----------------------------------------------------------------------------

std::string RoleNote(Role role) {
  switch (role) {
    case Role::kAnalyst: return "Timeliness and volume figures are on the performance dashboard, linked above.";
    case Role::kDataProtectionOfficer:
      return "Who viewed a person's records, and what was disclosed about them, are linked above.";
    // Accounts are on the pages (docs/decisions.md "Administering accounts on the pages"); API tokens
    // are still made on the server, where the token is printed once for the integration's operator.
    case Role::kAdministrator:
      return "User accounts are on the Users pages, linked above: add an account, disable a leaver's, change a "
             "role or team, lift a lock-out, reset a password, and forget the browsers a user is remembered on. "
             "API tokens are made on the server with the frontdoor command (frontdoor token create): see the "
             "operations guide.";
    case Role::kPartner: return "Your agency's check requests from the front door are linked above.";
    default: return "Your work will appear here.";
  }
}

// The front door's contacts `filter` picks, up to kHomeRows of them in the queue's order (urgent
// first, then the oldest, so the longest overdue first), as a table of its own on the home page.
constexpr int kHomeRows = 10;
Data HomeTable(const PageContext& pc, const store::ContactPage& page, const std::string& caption) {
  Data table = Object();
  table.set("caption", caption);
  table.set("show_decide_by", true);
  table.set("contacts", ContactRows(page, pc.app.time_zone, pc.app.clock.Now()));
  return table;
}

// KCR-16: a manager sees what waits for their authorisation, however many newer contacts arrived
// since: how many, how many urgent and overdue, a link to the queue's list of them, and the first of
// them, urgent and overdue first.
void AddAwaitingAuthorisation(const PageContext& pc, const app::Actor& actor, Data& d) {
  if (!app::IsAllowed(actor.role, app::Action::kAuthoriseDecision)) return;
  auto awaiting = app::ListQueue(pc.app, actor, "front-door", 1, kHomeRows, false, true);
  if (!awaiting) return;
  d.set("can_authorise", true);
  d.set("awaiting_count", std::to_string(awaiting->total));
  if (awaiting->total == 0) return;
  std::vector<std::string> parts;
  if (auto urgent = app::ListQueue(pc.app, actor, "front-door", 1, 1, true, true); urgent && urgent->total > 0)
    parts.push_back(fmt::format("{} urgent", urgent->total));
  if (auto overdue = app::ListQueue(pc.app, actor, "front-door", 1, 1, false, true, true); overdue && overdue->total > 0) {
    parts.push_back(fmt::format("{} overdue", overdue->total));
    d.set("awaiting_overdue", true);
  }
  if (!parts.empty()) d.set("awaiting_detail", " (" + parts[0] + (parts.size() > 1 ? ", " + parts[1] : "") + ")");
  d.set("awaiting_table",
        HomeTable(pc, *awaiting,
                  awaiting->total > kHomeRows
                      ? fmt::format("The first {} of {}, urgent first, then oldest first", kHomeRows, awaiting->total)
                      : std::string("Urgent first, then oldest first")));
}

// KCR-8, HCR-27: the contacts whose decision is overdue are shown whoever screens or authorises,
// however long ago they arrived (the newest contacts' table leaves the oldest out).
void AddOverdueForDecision(const PageContext& pc, const app::Actor& actor, Data& d) {
  if (!app::IsAllowed(actor.role, app::Action::kScreenContact)) return;
  auto overdue = app::ListQueue(pc.app, actor, "front-door", 1, kHomeRows, false, false, true);
  if (!overdue || overdue->total == 0) return;
  d.set("overdue_count", std::to_string(overdue->total));
  d.set("overdue_table",
        HomeTable(pc, *overdue,
                  overdue->total > kHomeRows
                      ? fmt::format("The first {} of {}, urgent first, then oldest first", kHomeRows, overdue->total)
                      : std::string("Urgent first, then oldest first")));
}

http::Response Home(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  Data d = PageData(request, "Home");
  d.set("display_name", actor.display_name);
  d.set("role_title", std::string(RoleTitle(actor.role)));
  if (app::IsAllowed(actor.role, app::Action::kRecordContact)) d.set("can_record", true);
  // HCR-22: whoever answers for the front door's timeliness (managers), its figures (analysts) or
  // the mail settings (administrators) is told on arrival that e-mails are not going.
  if (app::IsAllowed(actor.role, app::Action::kAuthoriseDecision) ||
      app::IsAllowed(actor.role, app::Action::kViewPerformance) || app::IsAllowed(actor.role, app::Action::kViewMetrics))
    AddEmailWarning(pc, actor, d);
  if (app::IsAllowed(actor.role, app::Action::kViewDeadlines)) {
    // The team's queue: a front door works deadlines together, not only the ones in one name.
    // Counted over every unmet deadline in the scope, however many there are (store::CountDeadlines).
    const auto scope = actor.team_id ? app::QueueScope::kTeam : app::QueueScope::kAll;
    if (auto counts = app::CountDeadlines(pc.app, actor, scope)) {
      d.set("deadlines_link", actor.team_id ? "/deadlines?scope=team" : "/deadlines?scope=all");
      d.set("deadlines_summary", fmt::format("{} breached, {} due today", counts->breached, counts->due_today));
      if (counts->breached > 0) d.set("deadlines_breached", true);
    }
  }
  AddReferrersToTell(pc, actor, d);  // KCR-17, HCR-24
  if (auto notices = app::UnreadNotices(pc.app, actor); !notices.empty()) {
    Data list = List();
    for (const auto& n : notices) {
      Data item = Object();
      item.set("message", n.message);
      item.set("link", n.link);
      item.set("at", calendar::FormatLocalForPeople(n.created_at, pc.app.time_zone));
      list.push_back(item);
    }
    d.set("notices", list);
    d.set("has_notices", true);
  }
  if (app::IsAllowed(actor.role, app::Action::kListContacts)) {
    d.set("can_list", true);
    auto page = app::ListContacts(pc.app, actor, 1, 10);
    if (page && !page->contacts.empty()) {
      d.set("has_contacts", true);
      d.set("caption", "Newest contacts");
      d.set("contacts", ContactRows(*page, pc.app.time_zone, pc.app.clock.Now()));
    }
    // The link says how many wait, counted as the queue it opens lists them (out-of-hours arrivals too).
    if (auto queue = app::ListQueue(pc.app, actor, "front-door", 1, 1)) {
      d.set("front_door_waiting", std::to_string(queue->total));
      if (auto urgent = app::ListQueue(pc.app, actor, "front-door", 1, 1, true); urgent && urgent->total > 0)
        d.set("front_door_urgent", std::to_string(urgent->total));
    }
    AddAwaitingAuthorisation(pc, actor, d);  // KCR-16
    AddOverdueForDecision(pc, actor, d);     // KCR-8, HCR-27
  } else {
    d.set("role_note", RoleNote(actor.role));
  }
  AddChairConsultationLink(actor, d);
  AddConsultationLinks(actor, d);
  AddInformationRequestLinks(pc.app, actor, d);
  AddRecordAccessLink(actor, d);
  AddAuditLink(actor, d);
  AddPartnerChecksLink(actor, d);
  AddDashboardLink(actor, d);
  AddReportsLink(actor, d);
  AddPoliceNotificationLinks(actor, d);
  AddUsersLink(actor, d);
  return Page(pc, 200, "home", d);
}

http::Response ContactList(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  // The same parameters as GET /api/v1/contacts, read the same way (api/list_queries.h).
  api::QueryReader query(request, api::ContactListParams(api::QueryFrom::kPage));
  const api::ContactListQuery list = api::ReadContactList(query, kPageSize);
  if (auto refused = query.Refusal()) return QueryRefusedPage(pc, request, "Contacts", *refused);
  const int page = list.page;
  // A work queue (urgent first, then oldest: HCR-13), or every contact newest first.
  const std::string queue = list.queue;
  // A queue can be narrowed to its urgent contacts (HCR-13: they are worked first), to the proposed
  // decisions awaiting a manager's authorisation (KCR-16), or to those whose decision is overdue,
  // however long ago they arrived (KCR-8, HCR-27).
  const bool urgent_only = list.urgent, awaiting_only = list.awaiting, overdue_only = list.overdue;
  auto result = queue.empty()
                    ? app::ListContacts(pc.app, actor, page, kPageSize)
                    : app::ListQueue(pc.app, actor, queue, page, kPageSize, urgent_only, awaiting_only, overdue_only);
  if (!result) return ErrorPage(result.error());
  Data d = PageData(request, "Contacts");
  if (app::IsAllowed(actor.role, app::Action::kRecordContact)) d.set("can_record", true);
  Data queues = List();
  for (auto [id, title] : std::initializer_list<std::pair<const char*, const char*>>{
           {"", "All contacts"}, {"front-door", "Front door"}, {"out-of-hours", "Out of hours"},
           {"allocated-worker", actor.role == Role::kTeamManager ? "Allocated workers" : "Allocated to me"},
           {"to-screen", actor.role == Role::kTeamManager ? "Being screened" : "To screen (allocated to me)"},
           {"lado", "Allegations (LADO)"}, {"returned", "Returned forms"}}) {
    Data item = Object();
    item.set("id", std::string(id));
    item.set("title", std::string(title));
    if (queue == id) item.set("current", true);
    queues.push_back(item);
  }
  d.set("queues", queues);
  d.set("queue", queue);
  const std::string queue_query = queue.empty() ? std::string() : "queue=" + http::PercentEncode(queue);
  if (!queue.empty()) {
    d.set("urgent_filter", true);
    if (urgent_only) d.set("urgent_only", true);
    d.set("all_link", "/contacts?" + queue_query);
    d.set("urgent_link", "/contacts?" + queue_query + "&urgent=true");
    if (awaiting_only) d.set("awaiting_only", true);
    // Each filter's line, unless the other filter is on alone (its own line says how to undo it).
    d.set("urgent_line", urgent_only || !awaiting_only);
    d.set("awaiting_line", awaiting_only || !urgent_only);
    d.set("awaiting_link", "/contacts?" + queue_query + "&awaiting=authorisation");
    if (overdue_only) d.set("overdue_only", true);
    d.set("overdue_link", "/contacts?" + queue_query + "&overdue=true");
    d.set("show_decide_by", true);
  }
  // What each page link keeps: the queue and its filters.
  const std::string filters = std::string(urgent_only ? "&urgent=true" : "") +
                              (awaiting_only ? "&awaiting=authorisation" : "") + (overdue_only ? "&overdue=true" : "");
  const std::string page_query = queue.empty() ? std::string() : queue_query + filters + "&";
  if (!result->contacts.empty()) {
    d.set("has_contacts", true);
    d.set("caption", queue.empty() ? fmt::format("{} contacts, newest first", result->total)
                                   : fmt::format("{} {}{}{}, {}oldest first", result->total, urgent_only ? "urgent " : "",
                                                 awaiting_only ? "awaiting authorisation" : "waiting",
                                                 overdue_only ? ", overdue for a decision" : "",
                                                 urgent_only ? "" : "urgent first, then "));
    d.set("contacts", ContactRows(*result, pc.app.time_zone, pc.app.clock.Now()));
  } else if (result->total > 0) {
    // A page past the end (an old link, a typed number): the contacts are on page 1 onwards.
    d.set("first_page_link", queue.empty() ? std::string("/contacts") : "/contacts?" + queue_query + filters);
  }
  const int pages = static_cast<int>((result->total + kPageSize - 1) / kPageSize);
  if (pages > 1) {
    d.set("has_pages", true);
    d.set("page_query", page_query);
    if (page > 1) d.set("previous", std::to_string(page - 1));
    if (page < pages) d.set("next", std::to_string(page + 1));
    // The pages within three of this one, and always the first and the last (GOV.UK pagination:
    // an ellipsis stands for the pages between).
    Data numbers = List();
    auto add = [&](int n) {
      Data item = Object();
      item.set("number", std::to_string(n));
      if (n == page) item.set("current", true);
      numbers.push_back(item);
    };
    auto gap = [&] {
      Data item = Object();
      item.set("ellipsis", true);
      numbers.push_back(item);
    };
    const int from = std::max(1, page - 3), to = std::min(pages, page + 3);
    if (from > 1) add(1);
    if (from > 2) gap();
    for (int n = from; n <= to; ++n) add(n);
    if (to < pages - 1) gap();
    if (to < pages) add(pages);
    d.set("pages", numbers);
  }
  return Page(pc, 200, "contacts_list", d);
}

// --- recording a contact -------------------------------------------------------------------------

http::Response ContactFormPage(PageContext& pc, const http::Request& request, const ContactForm& form,
                               const std::vector<FieldError>& errors, int status) {
  const Instant now = pc.app.clock.Now();
  const auto& pack = pc.app.procedures.PackAt(now);
  // KCR-8, HCR-27: a form not yet sent says it was received now, to be changed for a call taken
  // earlier; one sent back for a correction keeps what was typed (cleared: received when recorded).
  ContactForm shown = form;
  if (status == 200 && shown.received_date.empty() && shown.received_time.empty()) {
    const std::string local = calendar::FormatLocalIso(now, pc.app.time_zone);  // 2026-11-27T16:50:00+00:00
    shown.received_date = local.substr(0, 10);
    shown.received_time = local.substr(11, 5);
  }
  Data d = ContactFormData(shown, errors, request.user->csrf_token, pack);
  Data layout = PageData(request, "Record a contact");
  layout.set("back_link", "/");
  // Merge: the form's data plus the layout's user/title.
  for (const char* key : {"user"})
    if (layout.get(key)) d.set(key, *layout.get(key));
  d.set("back_link", "/");
  return Page(pc, status, "contact_form", d);
}

http::Response NewContact(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  if (auto allowed = app::Authorise(actor, app::Action::kRecordContact); !allowed) return ErrorPage(allowed.error());
  return ContactFormPage(pc, request, ContactForm{}, {}, 200);
}

http::Response CreateContact(PageContext& pc, http::Request& request) {
  const auto fields = FormFields(request);
  ContactForm form = ParseContactForm(fields);
  if (auto action = fields.find("action"); action != fields.end() && ApplyChildAction(form, action->second))
    return ContactFormPage(pc, request, form, {}, 200);
  // HCR-12: a consultation refused for significant harm opens this form with what was typed there,
  // for the officer to check and send; nothing is recorded until they do.
  if (auto action = fields.find("action"); action != fields.end() && action->second == "carry-over") {
    if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kRecordContact); !allowed)
      return ErrorPage(allowed.error());
    return ContactFormPage(pc, request, form, {}, 200);
  }
  const app::Actor actor = api::ActorOf(request);
  const ContactDraft draft = ToDraft(form);
  // The same form sent again (a double click, a refresh, the back button) shows the contact it
  // recorded the first time. Sent again with changed answers, or with no usable key, it is a contact
  // of its own: nothing typed is lost.
  auto contact = [&]() -> Result<Contact> {
    if (!form.form_key.empty()) {
      auto once = app::RecordContactOnce(pc.app, actor, draft, {form.form_key, FormFingerprint(fields)});
      if (once) return std::move(once->contact);
      const bool key_refused = once.error().IsInvalid() && once.error().fields.size() == 1 &&
                               once.error().fields[0].field == "Idempotency-Key";
      if (!key_refused) return std::unexpected(once.error());
    }
    return app::RecordContact(pc.app, actor, draft);
  }();
  if (!contact) {
    if (contact.error().IsInvalid()) return ContactFormPage(pc, request, form, contact.error().fields, 422);
    return ErrorPage(contact.error());
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?recorded=1", contact->id));
}

std::string QueueTitle(const std::string& queue) {
  if (queue == "front-door") return "Front door";  // routing.h names every queue
  if (queue == "out-of-hours") return "Out of hours";
  if (queue == "lado") return "Managing allegations (LADO)";
  if (queue == "allocated-worker") return "Allocated worker";
  if (queue == "returned") return "Returned to the sender";
  return queue;
}

// How the contact came in, where it went, the household (KCR-6), the indicators (HCR-12/13) and
// the referral information checklist (KCR-7).
// `screening`: the contact's screening, whose answers count toward the checklist (null: none yet).
void AddIntake(const PageContext& pc, const Contact& c, const Screening* screening, const std::string& came_in,
               Data& d) {
  const Intake& in = c.intake;
  if (c.urgent) d.set("urgent", true);
  Data intake = List();
  intake.push_back(Row("How it came in", came_in));
  // The red and green forms and the hub are one authority's (HCR-9…HCR-11): shown where the pack in
  // force when the contact arrived has them.
  const policy::PolicyPack& pack = pc.app.procedures.PackAt(c.received_at);
  if (pack.intake.red_and_green_forms || in.form != FormKind::kNone) intake.push_back(Row("Form", FormKindTitle(in.form)));
  if (!in.hub_consultation.empty())
    intake.push_back(Row(pack.HasHubAdvice() ? "What the Consultation Hub advised" : "What the consultation advised",
                         in.hub_consultation));
  if (!in.passing_on_concern_of.empty()) intake.push_back(Row("Passing on the concern of", in.passing_on_concern_of));
  intake.push_back(Row("Harm caused by another child", in.harm_by_another_child ? "Yes" : "No"));
  intake.push_back(Row("About an adult who works with children", in.allegation_against_professional ? "Yes" : "No"));
  if (c.referrer.anonymous)
    intake.push_back(Row("Limits of anonymity explained", in.anonymity_limits_explained ? "Yes" : "No"));
  d.set("intake_rows", intake);
  d.set("queue", QueueTitle(c.queue));
  d.set("routing_note", c.routing_note.empty() ? "In the " + QueueTitle(c.queue) + " queue, to be screened."
                                                : c.routing_note);
  // IR-1, IR-8: opened to process a request for information; its requester is answered there alone.
  if (const auto request_of = app::InformationRequestOfContact(pc.app, c.id)) {
    Data for_request = Object();
    for_request.set("link", fmt::format("/information-requests/{}", request_of->id));
    for_request.set("reference", request_of->reference);
    d.set("information_request", for_request);
  }

  Data household = List();
  for (std::size_t i = 0; i < HouseholdQuestions().size(); ++i)
    household.push_back(Row(std::string(HouseholdQuestions()[i].title), std::string(AnswerTitle(in.household[i]))));
  d.set("household_rows", household);

  // Indicators by the label of the pack in force when the contact arrived.
  Data indicators = List();
  for (const auto& id : in.indicators) {
    std::string label = id;
    for (const auto& known : pack.significant_harm_indicators)
      if (known.id == id) label = known.label;
    Data item = Object();
    item.set("label", label);
    indicators.push_back(item);
  }
  if (!in.indicators.empty()) d.set("has_indicators", true);
  d.set("indicator_labels", indicators);

  const auto missing = MissingInformation(c, screening);
  Data checklist = List();
  for (const auto& item : InformationItems()) {
    const bool is_missing = std::any_of(missing.begin(), missing.end(), [&](const auto& m) { return m.id == item.id; });
    Data entry = Object();
    entry.set("title", std::string(item.title));
    if (is_missing) entry.set("missing", true);
    if (auto text = in.information.find(std::string(item.id)); text != in.information.end())
      entry.set("text", text->second);
    else if (auto recorded = screening ? RecordedAtScreening(item.id, *screening) : std::nullopt)
      entry.set("text", "Recorded at screening. " + *recorded);
    checklist.push_back(entry);
  }
  d.set("checklist", checklist);
  d.set("missing_summary", missing.empty()     ? std::string("Every item of the checklist is given.")
                           : missing.size() == 1 ? std::string("1 item of the checklist is still missing.")
                                                 : fmt::format("{} items of the checklist are still missing.", missing.size()));
}

// The contact page's forms: the one re-shown, with what was typed and its errors; the rest empty.
// One struct rather than a parameter each, so a new form on the page is one more member; built
// implicitly from the form re-shown, as each handler re-shows exactly one.
struct ContactPageForms {
  ContactPageForms() = default;
  ContactPageForms(AcknowledgementForm f) : acknowledgement(std::move(f)) {}  // NOLINT(google-explicit-constructor)
  ContactPageForms(ReferrerCallForm f) : referrer_call(std::move(f)) {}       // NOLINT(google-explicit-constructor)
  ContactPageForms(DuplicateForm f) : duplicate(std::move(f)) {}              // NOLINT(google-explicit-constructor)
  ContactPageForms(RecordedForm f) : recorded(std::move(f)) {}                // NOLINT(google-explicit-constructor)
  ContactPageForms(FastTrackForm f) : fast_track(std::move(f)) {}             // NOLINT(google-explicit-constructor)
  ContactPageForms(ReopenForm f) : reopen(std::move(f)) {}                    // NOLINT(google-explicit-constructor)
  ContactPageForms(ChildMatchForm f) : child_match(std::move(f)) {}           // NOLINT(google-explicit-constructor)

  AcknowledgementForm acknowledgement;
  ReferrerCallForm referrer_call;
  DuplicateForm duplicate;
  RecordedForm recorded;
  FastTrackForm fast_track;
  ReopenForm reopen;
  ChildMatchForm child_match;
};

http::Response ContactPage(PageContext& pc, const http::Request& request, std::int64_t id, const ContactPageForms& forms,
                           int status) {
  const app::Actor actor = api::ActorOf(request);
  // The workflow view carries the contact itself: one read for both. A GET is someone opening the
  // contact (audited: contact.viewed); a POST shows it again after a form (not a view).
  auto view = request.method == "GET" ? app::OpenWorkflow(pc.app, actor, id) : app::GetWorkflow(pc.app, actor, id);
  if (!view) return ErrorPage(view.error());
  const Contact& c = view->contact;
  Data d = PageData(request, "Contact " + c.reference);
  // Only those who may list contacts are offered the list (a hub adviser or chair opens one at a time).
  const bool can_list = app::IsAllowed(actor.role, app::Action::kListContacts);
  d.set("back_link", can_list ? "/contacts" : "/");
  if (can_list) d.set("can_list", true);
  if (request.QueryParam("recorded") == "1") d.set("recorded", true);
  if (request.QueryParam("acknowledged") == "1") d.set("acknowledged", true);
  if (request.QueryParam("confirmed") == "1") d.set("confirmed", true);
  if (request.QueryParam("corrected") == "1") d.set("corrected", true);
  {
    // After linking a child to the register: what disagrees between the record and the contact.
    Data differs = List();
    bool any = false;
    const std::string fields = request.QueryParam("differs");
    for (const std::string_view field : {"name", "date_of_birth"})
      if (fields.find(field) != std::string::npos) {
        differs.push_back(Data(app::LinkWarningMessage(field)));
        any = true;
      }
    if (any) {
      d.set("has_link_warnings", true);
      d.set("link_warnings", differs);
    }
  }
  d.set("reference", c.reference);
  d.set("children_names", ChildrenNames(c));
  d.set("received", calendar::FormatLocalForPeople(c.received_at, pc.app.time_zone));
  d.set("recorded_by", c.recorded_by_name);
  // KCR-8, HCR-27: a call typed after it was taken shows both times; its timescales ran from receipt.
  if (c.recorded_at - c.received_at >= std::chrono::minutes{1})
    d.set("recorded_at", calendar::FormatLocalForPeople(c.recorded_at, pc.app.time_zone));
  Data referrer = List();
  AddReferrerRows(pc.app.procedures.PackAt(c.received_at), c.referrer, "Anonymous member of the public", referrer);
  if (c.referrer.identity_withheld && app::IsAllowed(actor.role, app::Action::kViewReferrerIdentity))
    d.set("reveal_referrer", true);  // KCR-14: asked for with a reason, audited
  const auto person_links = ChildPersonLinks(pc, actor, id);
  Data children = ChildBlocks(c.children, person_links);
  AddChildMatches(pc, actor, c, person_links, forms.child_match, children, d);
  AddChildCorrections(pc, actor, c, children);
  const std::string came_in = AddPoliceOrigin(pc, actor, c, children, referrer);
  d.set("referrer_rows", referrer);
  d.set("children", children);
  d.set("concern", c.concern);
  AddIntake(pc, c, view->screening ? &*view->screening : nullptr, came_in, d);
  const auto written_due = AddContactDeadlines(pc, actor, id, forms.acknowledgement, d);
  // HCR-15: the officer who has just recorded a professional's call is told how the written
  // confirmation is asked for: by the e-mail already on its way, or by them, on the call.
  if (request.QueryParam("recorded") == "1" && written_due) {
    const policy::PolicyPack& pack = pc.app.procedures.PackAt(c.received_at);
    if (app::ReferrerEmailAddress(c.referrer, pack)) {
      d.set("written_confirmation_emailed",
            fmt::format("The referrer has been e-mailed how to confirm this call in writing by {}: the request "
                        "form's address and the reference to quote.",
                        calendar::FormatLocalForPeople(*written_due, pc.app.time_zone)));
    } else if (const auto* timescale = pack.Timescale(app::kWrittenConfirmationTimescale)) {
      d.set("ask_for_written_confirmation",
            app::WrittenConfirmationRequest(c, *written_due, timescale->text,
                                            pc.app.public_url + app::kRequestForSupportPath, pc.app.time_zone, true));
    }
  }
  // HCR-15: what became of the call reference quoted here, and the contacts that confirmed this call.
  const auto refs = app::CallReferencesOf(pc.app, id);
  if (refs.quoted) {
    d.set("call_reference_note", refs.quoted->staff_note);
    if (refs.quoted->call_contact_id) {
      d.set("confirms_call_link", fmt::format("/contacts/{}", *refs.quoted->call_contact_id));
      d.set("confirms_call_reference", refs.quoted->call_reference);
    }
  }
  if (!refs.confirmed_by.empty()) {
    Data confirmations = List();
    for (const auto& w : refs.confirmed_by) {
      Data item = Object();
      item.set("reference", w.reference);
      item.set("link", fmt::format("/contacts/{}", w.contact_id));
      confirmations.push_back(item);
    }
    d.set("has_written_confirmations", true);
    d.set("written_confirmations", confirmations);
  }
  AddReferrerCall(pc, actor, id, forms.referrer_call, d);  // KCR-17, HCR-24
  if (request.QueryParam("referrer_told") == "1") d.set("referrer_told", true);
  d.set("caption_hidden", true);  // the section heading already says "Deadlines"
  AddSameChild(pc, actor, *view, d);  // KCR-10, HCR-30
  AddWorkflowLinks(*view, actor, d);
  // KCR-16, HCR-31, HCR-32: a decision that departed from the strategy discussion screening's findings
  // called for says so on the contact, with the reasons, for everyone who reads it later.
  for (auto it = view->decisions.rbegin(); it != view->decisions.rend(); ++it) {
    if (it->status == "returned") continue;
    if (it->harm_override_reason.empty() && it->authorised_override_reason.empty()) break;
    Data o = Object();
    o.set("found", view->screening ? HarmFoundWords(*view->screening) : std::string());
    o.set("outcome", it->outcome_label.empty() ? it->outcome : it->outcome_label);
    o.set("status", it->status == "authorised" ? std::string("authorised") : std::string("proposed"));
    o.set("proposer", it->proposed_by_name);
    o.set("proposer_reason", it->harm_override_reason);
    if (!it->authorised_override_reason.empty()) {
      o.set("manager", it->decided_by_name);
      o.set("manager_reason", it->authorised_override_reason);
    }
    d.set("harm_override", o);
    break;
  }
  AddScreeningAllocation(*view, actor, d, pc.app.time_zone);
  if (!view->return_not_sent.empty()) d.set("return_not_sent", view->return_not_sent);  // HCR-9
  AddSiblingReviews(pc, actor, *view, d);  // KCR-3
  if (request.QueryParam("screening_allocated") == "1") d.set("screening_allocated", true);
  AddPassedOn(*view, pc.app.time_zone, forms.recorded, d);  // HCR-5
  if (request.QueryParam("handed_over") == "1") d.set("handed_over", true);
  if (request.QueryParam("recorded_on_child_record") == "1") d.set("recorded_on_child_record", true);
  AddStatusLinks(pc, actor, id, d);
  if (request.QueryParam("status_link_revoked") == "1") d.set("status_link_revoked", true);
  if (view->referral_reference) d.set("referral_reference", *view->referral_reference);
  AddDuplicates(pc, actor, *view, forms.duplicate, d, forms.reopen);
  if (request.QueryParam("closed_as_duplicate") == "1") d.set("closed_banner", true);
  AddFastTrack(pc, actor, *view, forms.fast_track, d);  // HCR-13
  if (request.QueryParam("reopened_duplicate") == "1" && !view->duplicate_of) AddReopenedBanner(pc, actor, *view, d);
  return Page(pc, status, "contact_show", d);
}

http::Response ShowContact(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  return ContactPage(pc, request, *id, {}, 200);
}

// HCR-22: the referrer was told the contact arrived. A refused form comes back with its input.
http::Response AcknowledgeContact(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  AcknowledgementForm form{FormValue(fields, "method"), FormValue(fields, "note"), {}, "", ""};
  auto method = app::AcknowledgementMethodFrom(form.method);
  auto done = method ? app::AcknowledgeContact(pc.app, api::ActorOf(request), *id, *method, form.note)
                     : Result<app::Acknowledged>(std::unexpected(method.error()));
  if (!done) {
    if (!done.error().IsInvalid()) return ErrorPage(done.error());
    form.errors = done.error().fields;
    return ContactPage(pc, request, *id, form, 422);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?acknowledged=1", *id));
}

// KCR-2, HCR-29: the referrals made, for the responsible team.
http::Response ReferralList(PageContext& pc, http::Request& request) {
  auto referrals = app::ListReferrals(pc.app, api::ActorOf(request), request.QueryParam("team"));
  if (!referrals) return ErrorPage(referrals.error());
  Data d = PageData(request, "Referrals");
  d.set("back_link", "/");
  Data rows = List();
  for (const auto& f : *referrals) {
    Data row = Object();
    row.set("reference", f.reference);
    row.set("contact_id", std::to_string(f.contact_id));
    row.set("contact_reference", f.contact_reference);
    row.set("outcome", f.outcome_label.empty() ? f.outcome : f.outcome_label);
    row.set("team", f.team);
    row.set("made", calendar::FormatLocalForPeople(f.created_at, pc.app.time_zone));
    rows.push_back(row);
  }
  if (!referrals->empty()) d.set("has_referrals", true);
  d.set("referrals", rows);
  // HCR-13: the contacts fast-tracked to the team, before any decision on them.
  if (auto fast = app::ListFastTracked(pc.app, api::ActorOf(request), request.QueryParam("team")); fast && !fast->empty()) {
    Data fast_rows = List();
    for (const auto& f : *fast) fast_rows.push_back(FastTrackData(pc, f));
    d.set("has_fast_tracked", true);
    d.set("fast_tracked_rows", fast_rows);
  }
  return Page(pc, 200, "referrals_list", d);
}

// HCR-23: a referrer is chasing; the page says what may be told.
http::Response ChaseContact(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  AcknowledgementForm form;
  form.chase_note = FormValue(fields, "chase_note");
  auto answer = app::RecordChase(pc.app, api::ActorOf(request), *id, form.chase_note);
  if (!answer) {
    // A note too long or with control characters: the contact page, the note kept and the message beside it.
    const Error& e = answer.error();
    if (!e.IsInvalid()) return ErrorPage(e);
    form.errors.push_back({"chase_note", e.fields.empty() ? e.message : e.fields.front().message});
    return ContactPage(pc, request, *id, form, 422);
  }
  form.chase_note.clear();
  form.chase_tell = answer->tell;
  return ContactPage(pc, request, *id, form, 200);
}

// Closes the contact as a duplicate of another (app/duplicates.h). A refused form comes back with its input.
http::Response CloseAsDuplicate(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  DuplicateForm form{FormValue(fields, "contact"), FormValue(fields, "reason"), FormValue(fields, "same_concern") == "yes",
                     {}};
  const std::string version_text = FormValue(fields, "version");
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(version_text.data(), version_text.data() + version_text.size(), version);
  if (ec != std::errc() || end != version_text.data() + version_text.size())
    return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  auto done = app::CloseAsDuplicate(pc.app, api::ActorOf(request), *id, version,
                                    {form.contact, form.reason, form.same_concern});
  if (!done) {
    const Error& e = done.error();
    // Someone else changed this contact meanwhile: the same page saying so, what was typed kept.
    if (e.code == ErrorCode::kConflict && e.message.starts_with("Someone else changed")) {
      form.errors = {{"contact", e.message}};
      return ContactPage(pc, request, *id, form, 409);
    }
    if (!e.IsInvalid()) return ErrorPage(e);
    form.errors = e.fields;
    return ContactPage(pc, request, *id, form, 422);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?closed_as_duplicate=1", *id));
}

// A team manager reopens a contact closed as a duplicate by mistake (app/duplicates.h). A refused
// form (no reason) comes back with its input.
http::Response ReopenDuplicate(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  ReopenForm form{FormValue(fields, "reason"), {}};
  const auto version = WholeNumber(FormValue(fields, "version"));
  if (!version) return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  auto done = app::ReopenDuplicate(pc.app, api::ActorOf(request), *id, *version, form.reason);
  if (!done) {
    const Error& e = done.error();
    // Someone else changed this contact meanwhile: the same page saying so, what was typed kept.
    if (e.code == ErrorCode::kConflict && e.message.starts_with("Someone else changed")) {
      form.errors = {{"reason", e.message}};
      return ContactPage(pc, request, *id, form, 409);
    }
    if (!e.IsInvalid()) return ErrorPage(e);
    form.errors = e.fields;
    return ContactPage(pc, request, *id, form, 422);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?reopened_duplicate=1", *id));
}

// HCR-15: the professional's written confirmation arrived.
http::Response WrittenConfirmation(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  if (auto done = app::RecordWrittenConfirmation(pc.app, api::ActorOf(request), *id, ""); !done)
    return ErrorPage(done.error());
  return http::Response::Redirect(fmt::format("/contacts/{}?confirmed=1", *id));
}

// KCR-17, HCR-24: the referrer who could not be e-mailed was rung and told the outcome.
http::Response ReferrerCall(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  ReferrerCallForm form{FormValue(fields, "note"), ""};
  if (auto done = app::RecordReferrerTold(pc.app, api::ActorOf(request), *id, form.note); !done) {
    if (!done.error().IsInvalid() || done.error().fields.empty()) return ErrorPage(done.error());
    form.error = done.error().fields.front().message;
    return ContactPage(pc, request, *id, form, 422);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?referrer_told=1#referrer-call", *id));
}

// HCR-13: a worker fast-tracks the contact to the assessment team by hand. A refused form comes
// back with its input.
http::Response FastTrack(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  FastTrackForm form{FormValue(fields, "reason"), ""};
  if (auto done = app::FastTrackByHand(pc.app, api::ActorOf(request), *id, form.reason); !done) {
    // Refused because of the contact's state (already fast-tracked, decided): the page again, saying
    // why, as for a bad reason; anything else (not found, not allowed) is the error page.
    const bool invalid = done.error().IsInvalid() && !done.error().fields.empty();
    if (!invalid && done.error().code != ErrorCode::kConflict) return ErrorPage(done.error());
    form.error = invalid ? done.error().fields.front().message : done.error().message;
    return ContactPage(pc, request, *id, form, invalid ? 422 : 409);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}#fast-tracked", *id));
}

}  // namespace

api::SessionEndedPage RegisterPages(http::Router& router, app::AppContext& ctx, const WebOptions& options) {
  // Shared by every handler for the life of the router: templates and static files are loaded once.
  auto pc = std::make_shared<PageContext>(
      PageContext{ctx, Templates(options.templates_dir), StaticFiles(options.static_dir), options});
  using http::Access;
  router.Add("GET", "/static/{*}", Access::kPublic, [pc](http::Request& r) {
    return pc->static_files.Serve(r.path.substr(std::string("/static/").size()));
  });
  // GOV.UK Frontend's stylesheet refers to its fonts and images under /assets/.
  router.Add("GET", "/assets/{*}", Access::kPublic, [pc](http::Request& r) {
    return pc->static_files.Serve("govuk/" + r.path.substr(1));
  });
  router.Add("GET", "/sign-in", Access::kPublic, [pc](http::Request& r) {
    return SignInForm(*pc, r, "", {}, SafeNext(r.QueryParam("next")));
  });
  router.Add("POST", "/sign-in", Access::kPublic, [pc](http::Request& r) { return SignIn(*pc, r); });
  router.Add("POST", "/sign-out", Access::kSignedIn, [pc](http::Request& r) { return SignOut(*pc, r); });
  router.Add("GET", "/", Access::kSignedIn, [pc](http::Request& r) { return Home(*pc, r); });
  router.Add("GET", "/contacts", Access::kSignedIn, [pc](http::Request& r) { return ContactList(*pc, r); });
  router.Add("GET", "/contacts/new", Access::kSignedIn, [pc](http::Request& r) { return NewContact(*pc, r); });
  router.Add("POST", "/contacts", Access::kSignedIn, [pc](http::Request& r) { return CreateContact(*pc, r); });
  router.Add("GET", "/contacts/{id}", Access::kSignedIn, [pc](http::Request& r) { return ShowContact(*pc, r); });
  router.Add("GET", "/referrals", Access::kSignedIn, [pc](http::Request& r) { return ReferralList(*pc, r); });
  router.Add("POST", "/contacts/{id}/chase", Access::kSignedIn, [pc](http::Request& r) { return ChaseContact(*pc, r); });
  router.Add("POST", "/contacts/{id}/duplicate-of", Access::kSignedIn,
             [pc](http::Request& r) { return CloseAsDuplicate(*pc, r); });
  router.Add("POST", "/contacts/{id}/fast-track", Access::kSignedIn, [pc](http::Request& r) { return FastTrack(*pc, r); });
  router.Add("POST", "/contacts/{id}/referrer-call", Access::kSignedIn,
             [pc](http::Request& r) { return ReferrerCall(*pc, r); });
  router.Add("POST", "/contacts/{id}/reopen-duplicate", Access::kSignedIn,
             [pc](http::Request& r) { return ReopenDuplicate(*pc, r); });
  router.Add("POST", "/contacts/{id}/written-confirmation", Access::kSignedIn,
             [pc](http::Request& r) { return WrittenConfirmation(*pc, r); });
  router.Add("POST", "/contacts/{id}/acknowledgement", Access::kSignedIn,
             [pc](http::Request& r) { return AcknowledgeContact(*pc, r); });
  RegisterAccountPages(router, pc);
  RegisterRememberedBrowserPages(router, pc);
  RegisterUserPages(router, pc);
  RegisterDeadlinePages(router, pc);
  RegisterPortalPages(router, pc);
  RegisterWorkflowPages(router, pc);
  RegisterChairConsultationPages(router, pc);
  RegisterConsultationPages(router, pc);
  RegisterChildMatchPages(router, pc,
                          [pc](const http::Request& r, std::int64_t id, const ChildMatchForm& form, int status) {
                            return ContactPage(*pc, r, id, form, status);
                          });
  RegisterChildCorrectionPages(router, pc);
  RegisterSiblingReviewPages(router, pc);  // KCR-3
  RegisterReferrerPages(router, pc);
  RegisterInformationRequestPages(router, pc);
  RegisterReportPages(router, pc);
  RegisterAuditPages(router, pc);
  RegisterRecordAccessPages(router, pc);  // before the people pages: /people/{id}/record-access
  RegisterDisclosurePages(router, pc);    // likewise /people/{id}/disclosures
  RegisterPartnerPages(router, pc);
  RegisterDashboardPages(router, pc);
  RegisterStatusPages(router, pc);
  RegisterScreeningAllocationPages(router, pc);
  RegisterPassedOnPages(router, pc, [pc](const http::Request& r, std::int64_t id, const RecordedForm& form, int status) {
    return ContactPage(*pc, r, id, form, status);
  });
  RegisterPoliceNotificationPages(router, pc);
  RegisterPeoplePages(router, pc);  // last: /people/{id} must not shadow a fixed /people/… page
  return [pc](const http::Request& r) { return SessionEndedSignIn(*pc, r); };
}

}  // namespace fd::web
