// Deadlines as the people who must meet them see them: opened when an obligation arises, met by
// the use case that records the action, listed on work queues by due time.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "app/email_delivery.h"
#include "calendar/timescale.h"
#include "domain/deadline.h"
#include "domain/error.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"
#include "store/store.h"

namespace fd::app {

struct DeadlineSubject {
  std::string record_type;
  std::int64_t record_id = 0;
  std::string reference;
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> user_id;
};

// Opens the deadline for the pack timescale `timescale_id`, counted from `from` under the pack in
// force then (CRU-5). Does nothing and returns nullopt when that pack has no such timescale (the
// pack decides which obligations exist). REQUIRES: a write transaction.
std::optional<Deadline> OpenDeadline(store::Transaction& tx, const AppContext& ctx, const std::string& timescale_id,
                                     const DeadlineSubject& subject, Instant from);

// Sets `d`'s due time for `timescale` counted from `from` under the calendar in force then, and
// whether that count ran past the bank-holiday list (CAL-2, CAL-3: the flag and the list's last day).
void CountDue(Deadline& d, const AppContext& ctx, const calendar::Timescale& timescale, Instant from);
// The second half of CountDue, for a due time already counted by `cal`: whether `d.due_at` ran past
// the bank-holiday list, and the list's last day when it did.
void JudgeBankHolidays(Deadline& d, const calendar::WorkingCalendar& cal, const calendar::Timescale& timescale);

// Marks met the open deadlines of that record and timescale, at `at`, by `by`. Returns how many.
std::int64_t MeetDeadline(store::Transaction& tx, const std::string& record_type, std::int64_t record_id,
                          const std::string& timescale_id, Instant at, std::int64_t by);

// kMine: the deadlines allocated to the user and those on the contacts they are screening.
enum class QueueScope { kMine, kTeam, kAll };

inline constexpr int kDeadlinePageSize = 50;      // a page of the queue unless asked otherwise
inline constexpr int kMaxDeadlinePageSize = 200;

struct DeadlineQueue {
  std::vector<Deadline> deadlines;  // one page, most urgent first (store::ListDeadlines)
  // links[i]: the page of deadlines[i]'s record, empty when the actor may not open it (app/record_links.h).
  std::vector<std::string> links;
  // Who is screening each contact among the deadlines' records that is being screened, by contact id.
  std::map<std::int64_t, store::Screener> screeners;
  Instant now;
  Instant end_of_today;  // local midnight tonight: unmet deadlines due before it are "due today"
  // A queue's figures over every deadline in its scope, not only the page shown (ListDeadlines only).
  store::QueueCounts counts;
  int page = 1;
  int page_size = 0;
  std::vector<store::AcknowledgementRecord> acknowledgements;  // for one contact only (HCR-22)
  // For one contact only: its automatic acknowledgement e-mail, when one was queued (HCR-22: the
  // acknowledgement is made when it is sent; until then it waits, or was not sent, and why).
  std::optional<EmailDelivery> acknowledgement_email;
};

// Who is screening `deadline`'s record, when it is a contact of `queue` being screened; else null.
const store::Screener* ScreenerOf(const DeadlineQueue& queue, const Deadline& deadline);

// One page (from 1) of the queue, with its figures over the whole scope. Errors: kForbidden;
// kInvalid naming "page" (below 1) or "page_size" (outside 1…kMaxDeadlinePageSize).
Result<DeadlineQueue> ListDeadlines(AppContext& ctx, const Actor& actor, QueueScope scope, bool include_met,
                                    int page = 1, int page_size = kDeadlinePageSize);
// The figures alone (unmet deadlines only), for a summary such as the home page's. Errors: kForbidden.
Result<store::QueueCounts> CountDeadlines(AppContext& ctx, const Actor& actor, QueueScope scope);
// The deadlines of one contact, met ones included. Errors: kForbidden.
Result<DeadlineQueue> ContactDeadlines(AppContext& ctx, const Actor& actor, std::int64_t contact_id);
// The same, read in the caller's transaction (the caller has authorised the read): for a view that
// shows a contact and its deadlines as of one moment.
DeadlineQueue ReadContactDeadlines(const AppContext& ctx, store::Transaction& tx, std::int64_t contact_id);

enum class AcknowledgementMethod { kVerbal, kEmail };
// "verbal" or "email"; otherwise kInvalid on the field "method".
Result<AcknowledgementMethod> AcknowledgementMethodFrom(std::string_view id);
// HCR-22: records that the referrer was told the contact was received, and meets the
// acknowledgement deadline. The same user's identical acknowledgement (method and note) within
// kResentFormWindow is a form sent again (a double click, a refresh): it records
// nothing and answers `repeated`. Errors: kForbidden, kNotFound, kInvalid (note too long).
struct Acknowledged {
  bool repeated = false;  // the same acknowledgement was just recorded; nothing new was
};
Result<Acknowledged> AcknowledgeContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                AcknowledgementMethod method, const std::string& note);

// HCR-15: the professional's written confirmation of a phone contact has arrived; meets its deadline.
// Errors: kForbidden, kNotFound, kConflict (none was awaited), kInvalid (note).
Result<void> RecordWrittenConfirmation(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                       const std::string& note);

// HCR-23: what the contact officer may tell a referrer who chases the contact. Until a decision is
// authorised, only that it was received (and it counts as the acknowledgement if none was made);
// after, the outcome as the referrer may hear it (KCR-17). The chase is audited.
struct ChaseAnswer {
  std::string tell;    // words for the officer to say
  bool decided = false;
};
// Errors: kForbidden, kNotFound, kInvalid (note).
Result<ChaseAnswer> RecordChase(AppContext& ctx, const Actor& actor, std::int64_t contact_id, const std::string& note);

}  // namespace fd::app
