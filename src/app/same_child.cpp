#include "app/same_child.h"

#include <chrono>

#include "domain/contact_workflow.h"

namespace fd::app {

std::vector<store::SameChildContact> SameChildOf(AppContext& ctx, store::Transaction& tx, std::int64_t contact_id) {
  const Instant since = ctx.clock.Now() - std::chrono::days(kSameChildRecentDays);
  return store::SameChildContacts(tx, contact_id, since, kSameChildShown);
}

nlohmann::json SameChildToJson(const std::vector<store::SameChildContact>& contacts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : contacts) {
    const ContactState state = ContactStateFromId(c.state).value_or(ContactState::kReceived);
    out.push_back({{"contact_id", c.contact_id},
                   {"reference", c.reference},
                   {"received_at", FormatUtc(c.received_at)},
                   {"stage", c.state},
                   {"stage_title", std::string(ContactStateTitle(state))},
                   {"urgent", c.urgent},
                   {"decided", state == ContactState::kDecided},
                   {"screening_by", c.screening_by_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.screening_by_name)},
                   {"child", c.child_position}});
  }
  return out;
}

}  // namespace fd::app
