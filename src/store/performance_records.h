// The performance dashboard's reads (issue 9; docs/dashboard.md): the facts of one period's records
// for domain/performance.h to count, deadlines counted here by rule and state, the records behind
// a figure, and the teams to choose from. Read-only; backend-neutral. Each read is a range on the
// records' time, or on the contact ids of the period's contacts, over a covering index (migrations
// 0017 and 0019), streamed without copying each row: so it costs what the period holds, not the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/performance.h"
#include "store/store.h"

namespace fd::store {

// A period [start, end) and, when set, one team (the contact's, the deadline's, or the team of the
// person who recorded the consultation).
struct PerformanceScope {
  Instant start;
  Instant end;
  std::optional<std::int64_t> team_id;
};

// Contacts received in the scope, oldest first.
std::vector<performance::ContactFact> ContactFacts(Transaction& tx, const PerformanceScope& scope);
// The referrals made from the scope's contacts, one row per linked child (the subjects of the
// contact, not a child who harmed another), or one with no person when none is linked.
std::vector<performance::ReferralFact> ReferralFacts(Transaction& tx, const PerformanceScope& scope);
// Every referral, whichever team's, about a child of the scope's referrals whose contact was
// received from `since` to the scope's end: what the re-referral figure looks back through.
std::vector<performance::ReferralFact> EarlierReferralFacts(Transaction& tx, const PerformanceScope& scope,
                                                            Instant since);
// Both of the above in one read of the contacts from `since` to the scope's end, any team's, and of
// their referrals and subjects as ranges of contact ids: ReferralFacts' rows, and
// EarlierReferralFacts' rows for `since`. Cheaper than EarlierReferralFacts for a long period (a
// year: one pass over two years of contacts instead of a lookup per child); dearer for a month.
struct ReferralFactSets {
  std::vector<performance::ReferralFact> referrals;
  std::vector<performance::ReferralFact> earlier_referrals;
};
ReferralFactSets ReferralFactsSince(Transaction& tx, const PerformanceScope& scope, Instant since);
// Consultations and Child Protection Chair consultations requested in the scope.
std::vector<performance::ConsultationFact> ConsultationFacts(Transaction& tx, const PerformanceScope& scope);
// Deadlines that arose (started) in the scope, counted by rule, timescale and their state at `now`.
// `earliest_open_until`, when given, gets the earliest of the instants up to which those still open
// are in time (domain InTimeUntil: the due time, or a minute after it for one due at once): the
// moment after which `now` alone changes the counts.
std::vector<performance::DeadlineCount> DeadlineCounts(Transaction& tx, const PerformanceScope& scope,
                                                       Instant now,
                                                       std::optional<Instant>* earliest_open_until = nullptr);

struct DeadlineRecord {
  std::int64_t id = 0;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string record_reference;
  std::string rule_id;
  std::string timescale;
  std::string state;  // as DeadlineCounts counts it
  Instant starts_at;
  Instant due_at;
  std::optional<Instant> met_at;
  bool counted_without_bank_holidays = false;  // Deadline's: CAL-2, CAL-3
  std::string bank_holidays_known_until;
};
// The deadlines DeadlineCounts counts, of one timescale, in one state (or any, when empty); oldest first.
std::vector<DeadlineRecord> DeadlineRecords(Transaction& tx, const PerformanceScope& scope, Instant now,
                                            const std::string& timescale, const std::string& state);

// What a list of records shows of one record.
struct RecordSummary {
  std::string reference;
  Instant at;            // received or requested
  std::string state;     // the record's state id
  std::string children;  // "Mia Example, Leo Example"; empty when nobody is named
  std::string outcome;   // a contact's authorised outcome id; a consultation's advised route
};
std::optional<RecordSummary> ContactSummary(Transaction& tx, std::int64_t contact_id);
std::optional<RecordSummary> ConsultationSummary(Transaction& tx, std::int64_t consultation_id);
std::optional<RecordSummary> ChairConsultationSummary(Transaction& tx, std::int64_t chair_consultation_id);

struct TeamRecord {
  std::int64_t id = 0;
  std::string name;
};
// Every team, by name.
std::vector<TeamRecord> Teams(Transaction& tx);

}  // namespace fd::store
