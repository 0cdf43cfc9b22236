#include "app/already_done.h"

#include <string>

#include <fmt/format.h>

#include "calendar/local_time.h"

namespace fd::app {

std::optional<Instant> OwnChangeSince(store::Transaction& tx, const Actor& actor, std::int64_t contact_id,
                                      std::int64_t version_seen, std::int64_t version_now, std::string_view action) {
  // More than one change since: one of them may be someone else's, and the form may be older still.
  if (version_now != version_seen + 1) return std::nullopt;
  // Reads are audited too ("….viewed") but change nothing. A change appends at most a few events.
  const auto events = tx.Query(
      "SELECT actor_id, action, at FROM audit_events WHERE record_type = 'contact' AND record_id = ? AND action NOT "
      "LIKE '%.viewed' ORDER BY seq DESC LIMIT 8",
      {std::to_string(contact_id)});
  for (const auto& e : events) {
    if (e.IsNull(0) || e.Int(0) != actor.user_id) return std::nullopt;
    if (e.Text(1) == action) return ParseUtc(e.Text(2));
  }
  return std::nullopt;
}

Error AlreadyDone(std::string_view done, Instant at, std::string_view time_zone, std::string_view not_again) {
  // "28 November 2026 at 9:14am" → the time first: the user has just done it, today as a rule.
  const std::string when = calendar::FormatLocalForPeople(at, time_zone);
  const auto split = when.find(" at ");
  const std::string said = split == std::string::npos
                               ? fmt::format("on {}", when)
                               : fmt::format("at {} ({})", when.substr(split + 4), when.substr(0, split));
  return Error::Conflict(fmt::format("You already {} {}: {}.", done, said, not_again));
}

bool IsAlreadyDone(const Error& error) {
  return error.code == ErrorCode::kConflict &&
         (error.message.starts_with("You already ") || error.message.starts_with("This check was already sent"));
}

}  // namespace fd::app
