#include "domain/information_checklist.h"

#include <algorithm>

#include "domain/text.h"

namespace fd {

std::optional<std::string> RecordedAtScreening(std::string_view item_id, const Screening& screening) {
  if (item_id == "child_location") {
    // HCR-30's "current location of child, when last seen and by whom": the child's condition is
    // asked with it, so the two answers together are the item.
    auto at = screening.answers.find("child_location");
    if (at == screening.answers.end() || Trim(at->second).empty()) return std::nullopt;
    std::string words = "Where the child is now: " + at->second;
    if (auto seen = screening.answers.find("last_seen"); seen != screening.answers.end() && !Trim(seen->second).empty())
      words += "; last seen: " + seen->second;
    return words;
  }
  if (item_id == "immediate_protection") {
    // KCR-11's "any need for urgent action to protect the child" is this item's question.
    if (screening.urgent_action != Answer::kYes && screening.urgent_action != Answer::kNo) return std::nullopt;
    return "Urgent action needed to protect the child: " + std::string(AnswerTitle(screening.urgent_action));
  }
  if (item_id == "parents_knowledge") {
    // KCR-4, HCR-25: whether the parents were informed, and whether they agreed.
    if (screening.consent == Consent::kNotRecorded) return std::nullopt;
    std::string words = std::string(ConsentTitle(screening.consent));
    if (screening.consent == Consent::kNotInformed)
      for (const auto& r : NotInformedReasons())
        if (r.id == screening.not_informed_reason) words += ": " + std::string(r.title);
    return words;
  }
  return std::nullopt;
}

std::vector<InformationItem> MissingInformation(const Contact& contact, const Screening* screening) {
  std::vector<InformationItem> missing = MissingInformation(contact);
  if (!screening) return missing;
  std::erase_if(missing, [&](const InformationItem& item) { return RecordedAtScreening(item.id, *screening).has_value(); });
  return missing;
}

}  // namespace fd
