#include "web/police_notification_pages.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/permissions.h"
#include "app/police_notifications.h"
#include "calendar/local_time.h"
#include "domain/intake.h"
#include "domain/police_notification.h"
#include "web/contact_summary.h"
#include "web/form_kit.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

using nlohmann::json;

constexpr int kQueuePageSize = 200;  // a morning's notifications on one page, to tick together

std::string GradeTag(const std::string& grade) {
  if (grade == "urgent") return "govuk-tag govuk-tag--red";
  if (grade == "medium") return "govuk-tag govuk-tag--orange";
  return "govuk-tag govuk-tag--grey";
}

// "Mia Example (born 2017-05-14): very likely match on the register: person 12", "Unborn child
// (expected 2027-03-01): not found on the register" and the like, per child.
Data ChildLines(const store::PoliceNotificationRecord& n) {
  Data lines = List();
  const json children = json::parse(n.children, nullptr, false);
  const json matches = json::parse(n.matches, nullptr, false);
  if (!children.is_array()) return lines;
  for (std::size_t i = 0; i < children.size(); ++i) {
    const json& c = children[i];
    const std::string first = c.value("first_names", ""), last = c.value("last_name", "");
    const std::string due = c.value("expected_date", "");
    std::string text = first.empty() || last.empty() ? first + last : first + " " + last;
    const bool named = !text.empty();
    // An unborn child often has no name yet: it is called what it is, as on the contact.
    if (!named) text = due.empty() ? "Unnamed child" : "Unborn child";
    if (const std::string born = c.value("date_of_birth", ""); !born.empty()) text += fmt::format(" (born {})", calendar::IsoTextForPeople(born));
    if (!due.empty()) text += named ? fmt::format(" (unborn, expected {})", calendar::IsoTextForPeople(due))
                   : fmt::format(" (expected {})", calendar::IsoTextForPeople(due));
    std::string match = "not found on the register";
    bool known = false;
    if (matches.is_array() && i < matches.size()) {
      const json& m = matches[i];
      if (!m.value("searched", false))
        match = named ? "the register was not searched" : "the register was not searched: no name was given";
      else if (!m.at("candidates").empty()) {
        const json& best = m.at("candidates")[0];
        // A restricted record the reader may not see (app::ListPoliceNotifications hid it): that one
        // exists and whom to ask, no id, band or probability (docs/security.md "The people register").
        if (best.value("restricted", false)) {
          match = fmt::format("a restricted record on the register may be this child. {}", best.value("ask", ""));
          known = true;
        } else {
          known = best.value("band", "") == "likely";
          match = fmt::format("{} match on the register: person {}", known ? "very likely" : "possible",
                              best.value("person_id", std::int64_t{0}));
        }
        if (m.at("candidates").size() > 1) match += fmt::format(" ({} candidates)", m.at("candidates").size());
      }
    }
    Data line = Object();
    line.set("text", text);
    line.set("match", match);
    if (known) line.set("known", true);
    lines.push_back(line);
  }
  return lines;
}

// "3 days 2 hours", "45 minutes": a wait, to the minute below an hour, else to the hour.
std::string WaitText(std::chrono::seconds wait) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(wait).count();
  if (minutes < 60) return fmt::format("{} minute{}", minutes, minutes == 1 ? "" : "s");
  const auto hours = minutes / 60, days = hours / 24;
  std::string out;
  if (days > 0) out = fmt::format("{} day{}", days, days == 1 ? "" : "s");
  if (hours % 24 > 0) out += fmt::format("{}{} hour{}", out.empty() ? "" : " ", hours % 24, hours % 24 == 1 ? "" : "s");
  return out;
}

std::string AdultsText(const store::PoliceNotificationRecord& n) {
  std::string out;
  const json adults = json::parse(n.adults, nullptr, false);
  if (!adults.is_array()) return out;
  for (const auto& a : adults) {
    if (!out.empty()) out += "; ";
    out += a.value("name", "");
    if (const std::string role = a.value("role", ""); !role.empty()) out += fmt::format(" ({})", role);
  }
  return out;
}

// `select`: a "select all" button pressed ("all" shown, or a grade's id), whose notifications are
// ticked as well as those already ticked; "none" clears the ticks. Without JavaScript, the server ticks.
http::Response QueuePage(PageContext& pc, const http::Request& request, std::set<std::int64_t> checked,
                         const std::string& decision, const std::string& reason, const std::vector<FieldError>& errors,
                         int status, const std::string& select = "") {
  const app::Actor actor = api::ActorOf(request);
  auto queue = app::ListPoliceNotifications(pc.app, actor, "awaiting-triage", 1, kQueuePageSize);
  if (!queue) return ErrorPage(queue.error());
  if (select == "none") checked.clear();
  for (const auto& n : queue->items)
    if (select == "all" || select == n.grade) checked.insert(n.id);
  Data d = PageData(request, "Police notifications");
  d.set("back_link", "/");
  const bool may_decide = app::IsAllowed(actor.role, app::Action::kTriagePoliceNotifications);
  if (may_decide) d.set("may_decide", true);
  if (app::IsAllowed(actor.role, app::Action::kImportPoliceNotifications)) d.set("upload_link", "/police-notifications/upload");
  if (const std::string decided = request.QueryParam("decided"); !decided.empty())
    d.set("decided_message", decided == "1" ? std::string("1 notification was decided")
                                            : fmt::format("{} notifications were decided", decided));
  SetErrorSummary(d, errors, [](const std::string& field) {
    if (field == "decision" || field == "reason") return field;
    return std::string("notifications");
  });
  std::string notification_errors;
  for (const auto& e : errors)
    if (e.field != "decision" && e.field != "reason") {
      if (!notification_errors.empty()) notification_errors += ' ';
      notification_errors += e.message;
    }
  if (!notification_errors.empty()) {
    d.set("notifications_error", true);
    d.set("notifications_error_message", notification_errors);
  }
  d.set("summary", queue->total == 1 ? std::string("1 notification awaiting triage")
                                     : fmt::format("{} notifications awaiting triage", queue->total));
  // Nothing waits unseen: how long the longest-waiting notification has waited since it arrived.
  const Instant now = pc.app.clock.Now();
  if (queue->oldest_waiting_since)
    d.set("oldest_waiting", fmt::format("The longest-waiting notification arrived {} ({} ago).",
                                        calendar::FormatLocalForPeople(*queue->oldest_waiting_since, pc.app.time_zone),
                                        WaitText(now - *queue->oldest_waiting_since)));
  if (queue->total > kQueuePageSize)
    d.set("more", fmt::format("The {} most pressing are shown; decide these to see the rest.", kQueuePageSize));
  Data rows = List();
  for (const auto& n : queue->items) {
    Data row = Object();
    row.set("id", std::to_string(n.id));
    row.set("reference", n.force_reference);
    row.set("grade", n.grade);
    row.set("grade_class", GradeTag(n.grade));
    row.set("risk_level", n.risk_level);
    row.set("notified", calendar::FormatLocalForPeople(n.notified_at, pc.app.time_zone));
    if (auto due = app::PoliceDecisionDue(pc.app, n)) {
      row.set("decide_by", calendar::FormatLocalForPeople(*due, pc.app.time_zone));
      if (*due < now) row.set("overdue", true);
    }
    row.set("summary", n.incident_summary);
    row.set("officer", n.officer);
    row.set("adults", AdultsText(n));
    row.set("children", ChildLines(n));
    if (!app::HasSecureReplyAddress(pc.app, n)) row.set("reply_note", std::string(app::kNoSecureReplyNote));
    if (checked.contains(n.id)) row.set("checked", true);
    if (n.risk_level == "high") row.set("high", true);
    rows.push_back(row);
  }
  if (!queue->items.empty()) d.set("has_items", true);
  d.set("items", rows);
  // "Select all shown" and one button per grade on the page, each a submit button: no JavaScript needed.
  std::map<std::string, int> per_grade;
  for (const auto& n : queue->items) ++per_grade[n.grade];
  Data selects = List();
  for (const char* grade : {"urgent", "medium", "standard"}) {
    if (!per_grade.contains(grade)) continue;
    Data b = Object();
    b.set("value", std::string(grade));
    b.set("label", fmt::format("Select all {} ({})", grade, per_grade[grade]));
    selects.push_back(b);
  }
  d.set("select_all_label", fmt::format("Select all shown ({})", queue->items.size()));
  d.set("select_grades", selects);
  if (!checked.empty()) d.set("any_checked", true);
  d.set("decision_radios", Radios("decision",
                                  {{"information-only", "Close: information only, no children's services role"},
                                   {"open-contact", "Open a contact for each"}},
                                  decision));
  SetInput(d, "decision", decision, ErrorFor(errors, "decision"));
  SetInput(d, "reason", reason, ErrorFor(errors, "reason"));
  return Page(pc, status, "police_notifications", d);
}

http::Response Queue(PageContext& pc, http::Request& request) {
  if (auto refused = api::QueryReader(request, api::PoliceNotificationListParams(api::QueryFrom::kPage)).Refusal())
    return QueryRefusedPage(pc, request, "Police notifications", *refused);
  return QueuePage(pc, request, {}, "", "", {}, 200);
}

http::Response Decide(PageContext& pc, http::Request& request) {
  const auto fields = FormFields(request);
  app::PoliceDecisionRequest decision;
  std::set<std::int64_t> checked;
  auto [from, to] = fields.equal_range("ids");
  for (auto it = from; it != to; ++it) {
    std::int64_t id = 0;
    const std::string& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec == std::errc{} && end == text.data() + text.size() && id > 0 && checked.insert(id).second)
      decision.ids.push_back(id);
  }
  decision.decision = FormValue(fields, "decision");
  decision.reason = FormValue(fields, "reason");
  // A "select all" button only ticks boxes: nothing is decided, what was typed is kept.
  if (const std::string select = FormValue(fields, "select"); !select.empty()) {
    if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kTriagePoliceNotifications); !allowed)
      return ErrorPage(allowed.error());
    return QueuePage(pc, request, checked, decision.decision, decision.reason, {}, 200, select);
  }
  auto decided = app::DecidePoliceNotifications(pc.app, api::ActorOf(request), decision);
  if (!decided) {
    if (decided.error().IsForbidden()) return ErrorPage(decided.error());
    std::vector<FieldError> errors = decided.error().fields;
    if (errors.empty()) errors.push_back({"ids", decided.error().message});
    return QueuePage(pc, request, checked, decision.decision, decision.reason, errors, 422);
  }
  return http::Response::Redirect(fmt::format("/police-notifications?decided={}", decided->size()));
}

http::Response UploadPage(PageContext& pc, const http::Request& request, const std::string& csv,
                          const std::vector<FieldError>& errors, const app::PoliceBatchReport* report, int status) {
  Data d = PageData(request, "Upload police notifications");
  d.set("back_link", "/police-notifications");
  SetErrorSummary(d, errors, [](const std::string&) { return std::string("csv"); });
  std::string message;
  for (const auto& e : errors) {
    if (!message.empty()) message += ' ';
    message += e.message;
  }
  SetInput(d, "csv", csv, message.empty() ? std::nullopt : std::optional<std::string>(message));
  if (report) {
    d.set("has_report", true);
    d.set("report_summary", fmt::format("{} {}: {} imported, {} already received, {} refused", report->rows,
                                        report->rows == 1 ? "row" : "rows", report->imported, report->repeated,
                                        report->refused));
    Data problems = List();
    for (const auto& p : report->problems) {
      Data row = Object();
      row.set("row", std::to_string(p.row));
      row.set("reference", p.force_reference);
      // In words, not the field's id: "child 1's date of birth", not "children[0].date_of_birth".
      row.set("field", PoliceFieldInWords(p.field));
      row.set("message", p.message);
      problems.push_back(row);
    }
    if (!report->problems.empty()) d.set("has_problems", true);
    d.set("problems", problems);
  }
  return Page(pc, status, "police_upload", d);
}

http::Response Upload(PageContext& pc, http::Request& request) {
  if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kImportPoliceNotifications); !allowed)
    return ErrorPage(allowed.error());
  return UploadPage(pc, request, "", {}, nullptr, 200);
}

http::Response Import(PageContext& pc, http::Request& request) {
  const std::string csv = FormValue(FormFields(request), "csv");
  auto report = app::ImportPoliceBatch(pc.app, api::ActorOf(request), "csv", csv);
  if (!report) {
    if (!report.error().IsInvalid()) return ErrorPage(report.error());
    return UploadPage(pc, request, csv, report.error().fields, nullptr, 422);
  }
  // The text is not shown again once imported: a second press would only count repeats. When every
  // row was refused nothing was taken, so it is shown again to correct rather than paste once more.
  const bool all_refused = report->rows > 0 && report->refused == report->rows;
  return UploadPage(pc, request, all_refused ? csv : "", {}, &*report, 200);
}

}  // namespace

std::string AddPoliceOrigin(PageContext& pc, const app::Actor& actor, const Contact& contact, Data& children,
                            Data& referrer_rows) {
  const std::string channel(ChannelTitle(contact.intake.channel));
  if (contact.intake.channel != Channel::kPoliceNotification) return channel;
  const auto origin = app::NotificationOfContact(pc.app, actor, contact.id);
  if (!origin) return channel;
  if (!origin->secure_reply) referrer_rows.push_back(Row("Replies", std::string(app::kNoSecureReplyNote)));
  Data updated = List();
  const auto& blocks = children.list_value();
  for (std::size_t position = 0; position < blocks.size(); ++position) {
    Data block = blocks[position];
    if (position < origin->children.size() && origin->children[position]) {
      const app::SuggestedMatch& m = *origin->children[position];
      block.set("police_suggestion",
                m.restricted ? fmt::format("The police notification {} found a restricted record that may be this "
                                           "child. {}",
                                           origin->force_reference, m.ask)
                             : fmt::format("The police notification {} found a very likely match on the register: "
                                           "person {}. Check it before choosing: it is not linked until you do.",
                                           origin->force_reference, m.person_id));
      if (!m.restricted) block.set("police_suggestion_link", fmt::format("/people/{}", m.person_id));
    }
    updated.push_back(block);
  }
  children = std::move(updated);
  return fmt::format("{} ({})", channel, origin->force_reference);
}

void AddPoliceNotificationLinks(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kTriagePoliceNotifications) ||
      app::IsAllowed(actor.role, app::Action::kImportPoliceNotifications))
    d.set("police_notifications_link", "/police-notifications");
}

void RegisterPoliceNotificationPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/police-notifications", Access::kSignedIn, [pc](http::Request& r) { return Queue(*pc, r); });
  router.Add("POST", "/police-notifications/decisions", Access::kSignedIn,
             [pc](http::Request& r) { return Decide(*pc, r); });
  router.Add("GET", "/police-notifications/upload", Access::kSignedIn, [pc](http::Request& r) { return Upload(*pc, r); });
  router.Add("POST", "/police-notifications/upload", Access::kSignedIn, [pc](http::Request& r) { return Import(*pc, r); });
}

}  // namespace fd::web
