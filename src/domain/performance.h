// The performance dashboard's figures (issue 9; docs/dashboard.md gives each figure's definition):
// from the facts of one period's records, a period and a working calendar, every figure with its
// breakdown, and which records stand behind each number. Pure: the store reads the facts, the
// calendar comes in as an interface and "now" as an argument, so every rule is tested without a
// database or a clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/instant.h"

namespace fd::performance {

using Date = std::chrono::year_month_day;

// What the figures need of the working calendar. The domain cannot reach time zones or bank
// holidays, so app/performance.cpp answers from the policy pack's WorkingCalendar in force.
class Calendar {
 public:
  virtual ~Calendar() = default;
  // The authority's local calendar date at `at` (CAL-1).
  virtual Date LocalDateOf(Instant at) const = 0;
  // When "1 working day" counted from `from` runs out (CAL-3: the same clock time on the next
  // working day, counting from the next start of office hours when `from` is outside them).
  virtual Instant OneWorkingDayAfter(Instant from) const = 0;
};

// A period of whole local days, both ends included: [start, end) as instants.
struct Period {
  Date from;
  Date to;
  Instant start;  // local midnight at the start of `from`
  Instant end;    // local midnight at the end of `to`
  bool Contains(Instant at) const { return at >= start && at < end; }
};

// --- The facts the store reads: one per record of the period ------------------------------------

// A contact received in the period.
struct ContactFact {
  std::int64_t id = 0;
  Instant received_at;
  std::string referrer_type;               // the source: "school", "police", …
  bool returned = false;                   // returned to the sender unprogressed (HCR-9): nothing to decide
  // Passed on at receipt (to the allocated worker, HCR-5, or the LADO, HCR-4): the front door makes no
  // decision on it, so it is not in the decision timeliness figure. An acknowledgement is still owed.
  bool passed_on = false;
  std::optional<Instant> decided_at;       // when a manager authorised the decision (the first authorisation)
  std::string outcome;                     // that decision's outcome id
  std::optional<Instant> acknowledged_at;  // the first acknowledgement to the referrer (HCR-22)
  bool referred = false;                   // a referral was made from it (at any time since)
  // Closed as a duplicate of another contact (app/duplicates.h): the same concern, decided on the
  // other, so in neither timeliness figure nor the conversion rate, and apart in the outcome mix.
  bool duplicate = false;
};

// One referral and one of its children linked to the people register; a referral with no linked
// child comes once with no person.
struct ReferralFact {
  std::int64_t referral_id = 0;
  std::int64_t contact_id = 0;
  Instant received_at;  // the contact's receipt: a referral is dated by the contact it came from
  std::optional<std::int64_t> person_id;
};

// A consultation (or Child Protection Chair consultation) requested in the period.
struct ConsultationFact {
  std::string record_type;  // "consultation" or "chair-consultation"
  std::int64_t id = 0;
  Instant requested_at;
  std::string type;           // the pack's consultation type id ("hub", "no-named", "cp-chair", …)
  bool advised = false;       // the advice (or the chair's record) is recorded
  std::string advised_route;  // HCR-10: the route advised, when the type has routes
};

// Deadlines that arose in the period, counted in the store by rule, timescale and state.
struct DeadlineCount {
  std::string rule_id;
  std::string timescale;
  std::string state;  // one of kDeadlineStates
  std::int64_t count = 0;
};

struct Facts {
  std::vector<ContactFact> contacts;
  std::vector<ReferralFact> referrals;          // the referrals made from the period's contacts
  std::vector<ReferralFact> earlier_referrals;  // referrals about the same children, before them (any team)
  std::vector<ConsultationFact> consultations;
  std::vector<DeadlineCount> deadlines;
};

// Words for the ids, in the order the pack gives them, so every category is shown even at zero.
struct Label {
  std::string id;
  std::string label;
};
struct Labels {
  std::vector<Label> referrer_types;
  std::vector<Label> outcomes;
  std::vector<Label> consultation_types;
  std::vector<Label> advice_routes;
  std::vector<Label> timescales;  // id → "HCR-27: Decide the response"
};

// --- Figures -------------------------------------------------------------------------------------

inline constexpr std::string_view kContactsBySource = "contacts-by-source";
inline constexpr std::string_view kContactsByDay = "contacts-by-day";
inline constexpr std::string_view kDecisionsInTime = "decisions-in-time";
inline constexpr std::string_view kAcknowledgementsInTime = "acknowledgements-in-time";
inline constexpr std::string_view kConsultationsByType = "consultations-by-type";
inline constexpr std::string_view kConsultationAdvice = "consultation-advice";
inline constexpr std::string_view kConversion = "conversion";
inline constexpr std::string_view kOutcomes = "outcomes";
inline constexpr std::string_view kReReferrals = "re-referrals";
inline constexpr std::string_view kDeadlines = "deadlines";

// Every figure id, in the dashboard's order.
const std::vector<std::string_view>& FigureIds();
bool IsFigure(std::string_view id);

// A rate's own row, and the rows kept beside a rate that are not part of it.
inline constexpr std::string_view kAll = "all";
inline constexpr std::string_view kPending = "pending";      // timeliness: not done and not yet due
inline constexpr std::string_view kUndecided = "undecided";  // outcomes: no decision authorised yet
inline constexpr std::string_view kReturned = "returned";    // outcomes: returned to the sender (HCR-9)
inline constexpr std::string_view kPassedOn = "passed-on";   // outcomes: passed on at receipt (HCR-4, HCR-5)
inline constexpr std::string_view kDuplicate = "duplicate";  // outcomes: closed as a duplicate of another contact
inline constexpr std::string_view kNotMatched =
    "not-matched";  // re-referrals: no child linked to the register
inline constexpr std::string_view kAdviceGiven = "advice-given";  // advice recorded with no route to advise
inline constexpr std::string_view kAwaiting =
    "awaiting-advice";  // still waiting for the call-back or the chair
// A deadline's state when counted (docs/dashboard.md "Deadlines").
inline constexpr std::string_view kDeadlineStates[] = {"open", "met-on-time", "met-late", "breached"};

// One number of a figure. A rate row has a denominator; every other row is a count.
struct Row {
  std::string key;         // the breakdown: "school", "2026-03-02", "decision:breached", or kAll
  std::string label;       // in words
  std::int64_t count = 0;  // the count, or a rate's numerator
  std::optional<std::int64_t> denominator;  // rates only
  bool IsRate() const { return denominator.has_value(); }
  // The rate as a percentage; nullopt for a count or an empty denominator.
  std::optional<double> Percent() const;
};

struct Figure {
  std::string id;
  std::string title;
  std::int64_t total = 0;  // how many records stand behind the figure (every row together)
  std::vector<Row> rows;
  const Row* Find(std::string_view key) const;
};

// Every figure of the period, in FigureIds() order. `now` decides what is overdue and what is still
// in time (a contact received an hour ago is not yet late).
std::vector<Figure> Compute(const Period& period, Instant now, const Facts& facts, const Labels& labels,
                            const Calendar& calendar);

// --- A period as the sum of its parts -------------------------------------------------------------

// Adds the numbers of `part`, the figures of a stretch of the period (a complete month), into
// `total`, row by row by key: every figure counts each record in exactly one row of the stretch that
// holds it, so a period's figures are the sum of its stretches'. A row `total` lacks is appended
// (its key as its words when the part has none). Start `total` from Compute over the whole period
// with no facts, which gives every row in order, at zero.
void AddFigures(std::vector<Figure>& total, const std::vector<Figure>& part);

// The first instant at which the passing of time alone changes the contact figures counted at
// `now`: a pending decision or acknowledgement falling late (one second after it is due). nullopt
// when none is pending.
std::optional<Instant> NextChange(Instant now, const Facts& facts, const Calendar& calendar);

// --- The rules behind the figures ----------------------------------------------------------------

enum class Timeliness {
  kInTime,   // done within 1 working day of receipt
  kLate,     // done after it, or not done and the working day is over
  kPending,  // not done, and the working day is not over yet: not counted either way
};
Timeliness Judge(Instant received, std::optional<Instant> done, Instant now, const Calendar& calendar);

// True when `earlier` is within the 12 months before `later`: on or after the same date a year
// before (1 March for a 29 February) and not after `later`.
bool WithinTwelveMonthsBefore(Date earlier, Date later);

// The local dates of a period, `from` to `to`.
std::vector<Date> DaysOf(const Period& period);

// --- The records behind a figure -----------------------------------------------------------------

struct RecordRef {
  std::string record_type;  // "contact", "consultation" or "chair-consultation"
  std::int64_t id = 0;
  Instant at;                                      // received or requested
  std::string key;                                 // the breakdown row it is counted in
  std::optional<bool> counted;                     // rate rows: whether it is in the numerator
  std::optional<std::int64_t> earlier_contact_id;  // re-referrals: the contact of the earlier referral
};

// The records behind figure `figure`: all of them (empty `breakdown`), or those of one row. In
// time order. Deadlines are listed by the store (they are counted there); this returns none for them.
std::vector<RecordRef> RecordsOf(std::string_view figure, std::string_view breakdown, Instant now,
                                 const Facts& facts, const Calendar& calendar);

}  // namespace fd::performance
