#include "domain/chair_consultation.h"

#include <array>

#include <fmt/format.h>

#include "domain/text.h"

namespace fd {
namespace {

// CPC-5, worded as the Kent procedure suggests them (seeds/kent-cp-chair-consultation.txt).
constexpr std::array<ChairConsultationHeading, 8> kHeadings = {{
    {"previous_cp", "Previous CP", "Any previous child protection plans or enquiries"},
    {"previous_cin", "Previous CIN", "Any previous child in need plans"},
    {"previous_proceedings", "Previous proceedings", "Any previous care or other court proceedings"},
    {"previous_cla", "Previous CLA", "Any time the child was looked after"},
    {"brief_history", "Brief history: what is working well? What are the concerns?",
     "The family's history in brief, what is working well and what the worries are"},
    {"prevention_work",
     "What work has been completed with the family to prevent the case escalating to a Child Protection Conference?",
     "The work done so far to avoid a conference"},
    {"other_agencies", "Other agency involvement", "Which agencies are involved and how"},
    {"family_safety_plan", "Family safety plan", "The family's safety plan, if there is one"},
}};

struct StatusName {
  ChairConsultationStatus status;
  std::string_view id;
  std::string_view title;
};

constexpr std::array<StatusName, 4> kStatuses = {{
    {ChairConsultationStatus::kRequested, "requested", "Awaiting allocation"},
    {ChairConsultationStatus::kAllocated, "allocated", "Allocated to a chair"},
    {ChairConsultationStatus::kArranged, "arranged", "Arranged"},
    {ChairConsultationStatus::kRecorded, "recorded", "Recorded"},
}};

constexpr std::size_t kMaxHeadingLength = 10000;

}  // namespace

std::span<const ChairConsultationHeading> ChairConsultationHeadings() { return kHeadings; }

std::vector<FieldError> CheckChairConsultationRecord(const ChairConsultationRecord& record) {
  std::vector<FieldError> errors;
  for (const auto& [id, text] : record) {
    bool known = false;
    for (const auto& h : kHeadings) known = known || h.id == id;
    if (!known)
      errors.push_back({id, fmt::format("{} is not one of the record's headings: the record uses the eight CPC-5 "
                                        "headings only",
                                        id)});
  }
  for (const auto& h : kHeadings) {
    const std::string field(h.id);
    auto it = record.find(field);
    const std::string text = it == record.end() ? std::string() : it->second;
    // "None known" is a real answer; a blank one is not: the chair must have looked (CPC-5).
    if (Trim(text).empty()) {
      errors.push_back({field, fmt::format("Enter what is known under \u2018{}\u2019, or \u2018{}\u2019", h.title,
                                           kNoneKnown)});
    } else if (auto problem = CheckText(text, kMaxHeadingLength, true, fmt::format("\u2018{}\u2019", h.title))) {
      errors.push_back({field, *problem});
    }
  }
  return errors;
}

std::optional<ChairConsultationRefusal> CheckChairConsultationRequest(const std::vector<std::string>& preconditions,
                                                                      const ChairConsultationFacts& facts) {
  std::optional<ChairConsultationRefusal> unknown;
  for (const auto& p : preconditions) {
    if (p == kNoIcpcDecision) {
      if (facts.icpc_decision_made)
        return ChairConsultationRefusal{
            p, "CPC-8",
            "A consultation is not offered once the decision to progress to an initial child protection conference "
            "has been made.",
            "The district team has already decided to hold an ICPC; no consultation. Go ahead with the conference."};
    } else if (!unknown) {
      // Fail closed: a pack asking for a check this code cannot make must not be skipped.
      unknown = ChairConsultationRefusal{
          p, p, fmt::format("The procedures in force ask for a check frontdoor does not know ({}).", p),
          "Ask the Child Protection Coordinator by e-mail to the area's inbox, and report this to the administrator."};
    }
  }
  return unknown;
}

std::vector<ChairConsultationFlag> ChairConsultationFlags(const ChairConsultationFacts& facts) {
  std::vector<ChairConsultationFlag> flags;
  if (facts.strategy_discussion_held)
    flags.push_back({"CPC-7",
                     "Requested after a strategy discussion was held: consultations should take place before one."});
  return flags;
}

std::string_view ChairConsultationStatusId(ChairConsultationStatus status) {
  for (const auto& s : kStatuses)
    if (s.status == status) return s.id;
  return "requested";
}

std::string_view ChairConsultationStatusTitle(ChairConsultationStatus status) {
  for (const auto& s : kStatuses)
    if (s.status == status) return s.title;
  return "Awaiting allocation";
}

std::optional<ChairConsultationStatus> ChairConsultationStatusFromId(std::string_view id) {
  for (const auto& s : kStatuses)
    if (s.id == id) return s.status;
  return std::nullopt;
}

std::string ChairConsultationReference(std::int64_t number) { return fmt::format("CPC-{:06}", number); }

}  // namespace fd
