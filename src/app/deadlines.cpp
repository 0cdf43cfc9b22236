#include "app/deadlines.h"

#include <date/tz.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "app/permissions.h"
#include "app/record_links.h"
#include "app/referrer_callbacks.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "domain/contact.h"
#include "domain/text.h"
#include "policy/rule_citations.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"

namespace fd::app {

void CountDue(Deadline& d, const AppContext& ctx, const calendar::Timescale& timescale, Instant from) {
  const calendar::WorkingCalendar& cal = ctx.procedures.CalendarAt(from);
  d.due_at = cal.Due(timescale, from);
  JudgeBankHolidays(d, cal, timescale);
}

void JudgeBankHolidays(Deadline& d, const calendar::WorkingCalendar& cal, const calendar::Timescale& timescale) {
  d.counted_without_bank_holidays = cal.CountedWithoutBankHolidays(timescale, d.due_at);
  d.bank_holidays_known_until.clear();
  if (d.counted_without_bank_holidays)
    if (const auto until = cal.HolidaysKnownUntil()) d.bank_holidays_known_until = FormatIsoDate(*until);
}

std::optional<Deadline> OpenDeadline(store::Transaction& tx, const AppContext& ctx, const std::string& timescale_id,
                                     const DeadlineSubject& subject, Instant from) {
  const policy::PolicyPack& pack = ctx.procedures.PackAt(from);
  const policy::TimescaleRule* rule = pack.Timescale(timescale_id);
  if (!rule) return std::nullopt;
  Deadline d;
  d.timescale = timescale_id;
  d.rule_id = rule->rule;
  d.obligation = rule->description.empty() ? timescale_id : rule->description;
  d.record_type = subject.record_type;
  d.record_id = subject.record_id;
  d.record_reference = subject.reference;
  d.team_id = subject.team_id;
  d.user_id = subject.user_id;
  d.starts_at = from;
  CountDue(d, ctx, rule->timescale, from);
  d.policy_version = pack.version;
  d.id = store::InsertDeadline(tx, d, ctx.clock.Now());
  return d;
}

std::int64_t MeetDeadline(store::Transaction& tx, const std::string& record_type, std::int64_t record_id,
                          const std::string& timescale_id, Instant at, std::int64_t by) {
  return store::MeetDeadlines(tx, record_type, record_id, timescale_id, at, by);
}

namespace {

// Now, and local midnight at the end of today in the authority's zone.
DeadlineQueue EmptyQueue(const AppContext& ctx) {
  DeadlineQueue queue;
  queue.now = ctx.clock.Now();
  const auto today = calendar::LocalDate(queue.now, ctx.time_zone);
  const auto* zone = date::locate_zone(ctx.time_zone);
  const date::local_seconds tomorrow{(std::chrono::sys_days{today} + std::chrono::days{1}).time_since_epoch()};
  queue.end_of_today = Instant{zone->to_sys(tomorrow, date::choose::earliest).time_since_epoch()};
  return queue;
}

// The store's filter for a scope, or nullopt when the scope holds nothing (a team queue of a user
// in no team).
std::optional<store::DeadlineFilter> FilterFor(const Actor& actor, QueueScope scope, bool include_met) {
  store::DeadlineFilter filter;
  filter.include_met = include_met;
  if (scope == QueueScope::kMine) filter.user_id = actor.user_id;
  if (scope == QueueScope::kTeam) {
    if (!actor.team_id) return std::nullopt;
    filter.team_id = actor.team_id;
  }
  return filter;
}

std::map<std::int64_t, store::Screener> ScreenersFor(store::Transaction& tx, const std::vector<Deadline>& deadlines) {
  std::vector<std::int64_t> contacts;
  for (const auto& d : deadlines)
    if (d.record_type == "contact" && std::find(contacts.begin(), contacts.end(), d.record_id) == contacts.end())
      contacts.push_back(d.record_id);
  return store::ScreenersOf(tx, contacts);
}

}  // namespace

const store::Screener* ScreenerOf(const DeadlineQueue& queue, const Deadline& deadline) {
  if (deadline.record_type != "contact") return nullptr;
  const auto found = queue.screeners.find(deadline.record_id);
  return found == queue.screeners.end() ? nullptr : &found->second;
}

Result<DeadlineQueue> ListDeadlines(AppContext& ctx, const Actor& actor, QueueScope scope, bool include_met, int page,
                                    int page_size) {
  if (auto allowed = Authorise(actor, Action::kViewDeadlines); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (page_size < 1 || page_size > kMaxDeadlinePageSize)
    errors.push_back({"page_size", fmt::format("Page size must be between 1 and {}", kMaxDeadlinePageSize)});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  DeadlineQueue queue = EmptyQueue(ctx);
  queue.page = page;
  queue.page_size = page_size;
  const auto filter = FilterFor(actor, scope, include_met);
  if (!filter) return queue;  // no team: nothing is the team's
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  // The figures and the page from one snapshot, so they agree.
  queue.counts = store::CountDeadlines(*tx, *filter, queue.now, queue.end_of_today);
  queue.deadlines = store::ListDeadlines(*tx, *filter, queue.now, page, page_size);
  queue.screeners = ScreenersFor(*tx, queue.deadlines);
  // A record has several deadlines: each is looked at once.
  std::map<std::pair<std::string, std::int64_t>, std::string> links;
  for (const auto& d : queue.deadlines) {
    auto [at, added] = links.try_emplace({d.record_type, d.record_id});
    if (added) at->second = RecordLinkFor(*tx, actor, d.record_type, d.record_id);
    queue.links.push_back(at->second);
  }
  return queue;
}

Result<store::QueueCounts> CountDeadlines(AppContext& ctx, const Actor& actor, QueueScope scope) {
  if (auto allowed = Authorise(actor, Action::kViewDeadlines); !allowed) return std::unexpected(allowed.error());
  const DeadlineQueue times = EmptyQueue(ctx);
  const auto filter = FilterFor(actor, scope, false);
  if (!filter) return store::QueueCounts{};
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return store::CountDeadlines(*tx, *filter, times.now, times.end_of_today);
}

Result<DeadlineQueue> ContactDeadlines(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return ReadContactDeadlines(ctx, *tx, contact_id);
}

DeadlineQueue ReadContactDeadlines(const AppContext& ctx, store::Transaction& tx, std::int64_t contact_id) {
  DeadlineQueue queue = EmptyQueue(ctx);
  queue.deadlines = store::DeadlinesForRecord(tx, "contact", contact_id);
  // The caller has authorised reading the contact, so its page is theirs to open.
  queue.links.assign(queue.deadlines.size(), fmt::format("/contacts/{}", contact_id));
  queue.screeners = store::ScreenersOf(tx, {contact_id});
  queue.acknowledgements = store::AcknowledgementsOf(tx, contact_id);
  queue.acknowledgement_email = ContactEmail(tx, contact_id, {"acknowledgement"});
  return queue;
}

Result<AcknowledgementMethod> AcknowledgementMethodFrom(std::string_view id) {
  if (id == "verbal") return AcknowledgementMethod::kVerbal;
  if (id == "email") return AcknowledgementMethod::kEmail;
  return std::unexpected(
      Error::InvalidField("method", "Choose how the referrer was told: on the phone or in person, or by e-mail"));
}

Result<Acknowledged> AcknowledgeContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                AcknowledgementMethod method, const std::string& note) {
  if (auto allowed = Authorise(actor, Action::kAcknowledgeContact); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckText(note, 2000, true, "The note"))
    return std::unexpected(Error::InvalidField("note", *problem));
  const Instant now = ctx.clock.Now();
  const char* method_id = method == AcknowledgementMethod::kVerbal ? "verbal" : "email";
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  // HCR-22 is met once per telling: the same words from the same person moments later are the form
  // sent twice, not a second acknowledgement.
  for (const auto& earlier : store::AcknowledgementsOf(*tx, contact_id))
    if (earlier.by == actor.user_id && earlier.method == method_id && earlier.note == note &&
        earlier.at <= now && now - earlier.at <= kResentFormWindow)
      return Acknowledged{true};
  store::InsertAcknowledgement(*tx, contact_id, method_id, note, now, actor.user_id);
  const auto met = MeetDeadline(*tx, "contact", contact_id, "acknowledgement", now, actor.user_id);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.acknowledged", "contact", std::to_string(contact_id),
                      {{"method", method_id}, {"note", note}, {"deadlines_met", met}}});
  tx->Commit();
  return Acknowledged{false};
}

Result<void> RecordWrittenConfirmation(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                       const std::string& note) {
  if (auto allowed = Authorise(actor, Action::kAcknowledgeContact); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckText(note, 2000, true, "The note")) return std::unexpected(Error::InvalidField("note", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (!store::FindContact(*tx, contact_id)) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (MeetDeadline(*tx, "contact", contact_id, "written-confirmation", now, actor.user_id) == 0)
    return std::unexpected(Error::Conflict("No written confirmation is awaited for this contact"));
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.written_confirmation", "contact",
                      std::to_string(contact_id), {{"note", note}}});
  tx->Commit();
  return {};
}

Result<ChaseAnswer> RecordChase(AppContext& ctx, const Actor& actor, std::int64_t contact_id, const std::string& note) {
  if (auto allowed = Authorise(actor, Action::kAcknowledgeContact); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckText(note, 2000, true, "The note")) return std::unexpected(Error::InvalidField("note", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  ChaseAnswer answer;
  answer.decided = contact->state == "decided";
  if (!answer.decided) {
    answer.tell = policy::CiteRules(
        ctx.procedures.PackAt(contact->received_at),
        fmt::format("Tell the referrer only that contact {} was received on {} and is being dealt with. Do not say "
                    "what is being considered until a decision is made (HCR-23).",
                    contact->reference, calendar::FormatLocalForPeople(contact->received_at, ctx.time_zone)));
    // Telling them it was received is an acknowledgement, if none was made yet.
    if (store::AcknowledgementsOf(*tx, contact_id).empty()) {
      store::InsertAcknowledgement(*tx, contact_id, "verbal", "Told it was received when they chased", now, actor.user_id);
      MeetDeadline(*tx, "contact", contact_id, "acknowledgement", now, actor.user_id);
    }
  } else {
    answer.tell = TellOutcomeWords(*contact, ctx.procedures.PackAt(contact->received_at));
  }
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.chased", "contact", std::to_string(contact_id),
                      {{"note", note}, {"decided", answer.decided}}});
  tx->Commit();
  return answer;
}

}  // namespace fd::app

