// What the analyst checks before downloading a return: the children of the period's contacts who
// may be one child counted under two ids. Children not linked to the register are one child in the
// returns when they share a valid NHS number (app/return_child_ids.h); children who share only their
// names and date of birth are not merged, since two children can (docs/reports.md "One child, one
// id"), but are listed here, with their contacts, for a worker to link them to the
// register. Names are compared as the register matching compares them (match::NormaliseName: case,
// spaces, punctuation and accents ignored). For team managers and analysts (kViewPerformance).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/annex_a.h"
#include "domain/error.h"

namespace fd::app {

// One child of one contact, as the returns give it.
struct ReturnChildOnContact {
  std::string child_id;  // as in the returns: "P1042", "C12N1"
  std::int64_t contact_id = 0;
  std::string contact_reference;
  int position = 0;  // the child's place on the contact, from 0
  returns::Date received_on;
  bool linked = false;  // confirmed as a register record
};

// Children with the same names and date of birth under more than one id, at least one of them not
// linked to the register, and not told apart by different NHS numbers.
struct MaybeSameChild {
  returns::Date date_of_birth;
  std::vector<std::string> child_ids;          // the ids it is under, in the order first seen
  std::vector<ReturnChildOnContact> contacts;  // each contact's child, oldest contact first
};

struct ReturnChildCheck {
  returns::Period period;
  std::vector<MaybeSameChild> maybe_same_child;  // in the order of their first contact
};

// `from` and `to` as typed (YYYY-MM-DD), or `year` (a census year: 1 April to 31 March) instead.
// Errors: kInvalid naming "from", "to" or "year".
Result<returns::Period> ParseReturnCheckPeriod(std::string_view from, std::string_view to, std::string_view year);

// The check over the subject children of the contacts received in `period` (local dates, CAL-1).
// Errors: kForbidden without kViewPerformance. Nothing is audited: no return is produced.
Result<ReturnChildCheck> CheckReturnChildren(AppContext& ctx, const Actor& actor, const returns::Period& period);

}  // namespace fd::app
