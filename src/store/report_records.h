// What the statutory returns (app/statutory_returns.h) read: the children of the contacts received
// in a period, the authorised decisions on them with their referrals, register people, involvements
// and strategy discussions. Read only; backend-neutral. Times are UTC text as stored; dates
// YYYY-MM-DD.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

// A child the concern is about (not a harming child, HCR-3) on a contact received in
// [from_utc, to_utc), closed as a duplicate of another contact or not (migration 0037).
struct ReturnContactChild {
  std::int64_t contact_id = 0;
  std::string contact_reference;
  std::string received_at;  // UTC
  std::string referrer_type;
  bool referrer_anonymous = false;
  int position = 0;
  std::string gender;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> expected_date;
  std::optional<std::int64_t> person_id;  // the register record it was confirmed as
  // As recorded: the NHS number normalised at intake (ten digits, or empty), the names as typed.
  // They say which unlinked children are one child (app/return_child_ids.h); no return writes them.
  std::string nhs_number;
  std::string first_names;
  std::string last_name;
  // For a contact closed as a duplicate: the contact it duplicates, and whether that one has this
  // child too (the rule of store/same_child_records.h).
  struct Original {
    std::string received_at;  // UTC
    std::string referrer_type;
    bool referrer_anonymous = false;
    bool same_child = false;
  };
  std::optional<Original> duplicate_of;
};
std::vector<ReturnContactChild> SubjectChildrenReceived(Transaction& tx, const std::string& from_utc,
                                                        const std::string& to_utc);
// Only those of the contacts `wanted` keeps (by contact id), the others passed over as they are read.
std::vector<ReturnContactChild> SubjectChildrenReceived(Transaction& tx, const std::string& from_utc,
                                                        const std::string& to_utc,
                                                        const std::function<bool(std::int64_t)>& wanted);

// Every child ever recorded with an NHS number that an unlinked child of a contact received in
// [from_utc, to_utc) also has, so that the id the returns give those children does not depend on
// the period asked for: each subject child with that number (its contact, place, and the register
// record it was confirmed as), and each register record kept (not merged) holding it. In NHS
// number order, then contact order. Indexes: contact_children_by_nhs_number (0029), people_by_nhs (0004).
struct ReturnNhsNumberHolder {
  std::string nhs_number;
  std::int64_t contact_id = 0;             // 0 for a register record
  int position = 0;
  std::optional<std::int64_t> person_id;   // the register record (for a child: the one it was confirmed as)
};
std::vector<ReturnNhsNumberHolder> NhsNumberHolders(Transaction& tx, const std::string& from_utc,
                                                    const std::string& to_utc);

// An authorised decision on a contact received in [from_utc, to_utc), with the referral it made.
struct ReturnDecision {
  std::int64_t decision_id = 0;
  std::int64_t contact_id = 0;
  std::string contact_reference;
  std::string received_at;  // UTC
  std::string referrer_type;
  bool referrer_anonymous = false;
  std::string outcome;
  std::string children;  // JSON array of the child positions it covers
  std::optional<std::string> referral_reference;
  std::optional<std::string> referral_team;
  std::string primary_need;  // N0…N9 as recorded with the decision, or empty
};
std::vector<ReturnDecision> AuthorisedDecisionsOfContactsReceived(Transaction& tx, const std::string& from_utc,
                                                                  const std::string& to_utc);

struct ReturnPerson {
  std::int64_t id = 0;
  std::string gender;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> expected_date;
  std::optional<std::int64_t> merged_into;
};
std::optional<ReturnPerson> PersonForReturn(Transaction& tx, std::int64_t id);

// Involvements of `kind` ("early_help", "assessment", "referral") that started on or before `to`
// and had not ended before `from` (dates YYYY-MM-DD): open at some point in the period.
struct ReturnInvolvement {
  std::int64_t person_id = 0;
  std::string started_on;
  std::optional<std::string> ended_on;
  std::string team;       // the team holding it, or empty
  std::string worker;     // the allocated worker's display name, or empty
  std::string reference;  // the contact or case reference it was recorded with, as typed
};
std::vector<ReturnInvolvement> InvolvementsOpenBetween(Transaction& tx, const std::string& kind,
                                                       const std::string& from, const std::string& to);

// Strategy discussions held from `from` to `to` (YYYY-MM-DD), as recorded on Child Protection Chair
// consultations that name the contact or referral they concern (CPC-7).
struct ReturnStrategyDiscussion {
  std::string contact_reference;  // as typed on the request: a contact's or a referral's reference
  std::optional<std::int64_t> person_id;
  std::string held_on;
};
std::vector<ReturnStrategyDiscussion> StrategyDiscussionsBetween(Transaction& tx, const std::string& from,
                                                                 const std::string& to);

}  // namespace fd::store
