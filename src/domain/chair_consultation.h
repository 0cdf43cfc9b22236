// Child Protection Chair consultations (CPC-1…CPC-8) as pure rules: the record's headings (CPC-5),
// what makes a record complete, when a request is refused (CPC-8) or flagged (CPC-7), the steps a
// consultation goes through, and the fixed words saying who decides (CPC-6). No I/O, no clock: the
// pack's preconditions and the facts of the request come in as arguments.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace fd {

// CPC-6: shown with every consultation, and the reason no record has a decision field.
inline constexpr std::string_view kChairConsultationDecisionNote =
    "The district social work team remains responsible for the decision, including whether to hold an initial "
    "child protection conference.";

// CPC-5: an answer the chair may give under any heading when nothing is known.
inline constexpr std::string_view kNoneKnown = "None known";

// The precondition id the packs list for the cp-chair consultation type (CPC-8).
inline constexpr std::string_view kNoIcpcDecision = "no-icpc-decision";

// One of the CPC-5 headings. `id` is the field name in the API, the form and the table column.
struct ChairConsultationHeading {
  std::string_view id;
  std::string_view title;  // as the procedure words it
  std::string_view hint;   // what belongs under it
};

// CPC-5: the eight headings, in the procedure's order.
std::span<const ChairConsultationHeading> ChairConsultationHeadings();

// The chair's record: heading id → text.
using ChairConsultationRecord = std::map<std::string, std::string>;

// CPC-5: every heading answered ("None known" is an answer), each at most 10,000 characters of
// valid text, and no heading the procedure does not have. Returns every problem, each naming its
// heading's id as the field and the heading's words in the message; empty when the record is complete.
std::vector<FieldError> CheckChairConsultationRecord(const ChairConsultationRecord& record);

struct ChairConsultationFacts {
  bool icpc_decision_made = false;        // CPC-8: the district team already decided to go to an ICPC
  bool strategy_discussion_held = false;  // CPC-7: the consultation should come before one
};

struct ChairConsultationRefusal {
  std::string precondition;  // the pack's id, "no-icpc-decision"
  std::string rule;          // "CPC-8"
  std::string reason;        // why, for the requester
  std::string route;         // what happens instead
};

// CPC-8: checks the cp-chair type's preconditions (from the pack) against the facts. nullopt: the
// request goes ahead. A precondition id this code does not know is refused (fail closed), naming it.
std::optional<ChairConsultationRefusal> CheckChairConsultationRequest(const std::vector<std::string>& preconditions,
                                                                      const ChairConsultationFacts& facts);

// Something the coordinator and chair should see on an accepted request.
struct ChairConsultationFlag {
  std::string rule;     // "CPC-7"
  std::string message;  // plain English
};

// CPC-7: a request made after a strategy discussion was held is flagged, not refused.
std::vector<ChairConsultationFlag> ChairConsultationFlags(const ChairConsultationFacts& facts);

// The steps, in order: requested (CPC-1) → allocated to a chair (CPC-2) → arranged with the social
// worker (CPC-3) → recorded (CPC-4, CPC-5). Each step is done once.
enum class ChairConsultationStatus { kRequested, kAllocated, kArranged, kRecorded };

std::string_view ChairConsultationStatusId(ChairConsultationStatus status);     // "requested", …
std::string_view ChairConsultationStatusTitle(ChairConsultationStatus status);  // "Awaiting allocation", …
std::optional<ChairConsultationStatus> ChairConsultationStatusFromId(std::string_view id);

// "CPC-000042": the consultation's reference, from its number (1, 2, 3, …).
std::string ChairConsultationReference(std::int64_t number);

}  // namespace fd
