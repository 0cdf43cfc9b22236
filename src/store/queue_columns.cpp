#include "store/queue_columns.h"

#include <string>

namespace fd::store {
namespace {

// "(?,?,…)": `count` placeholders for an IN list; the values are bound, never written into the SQL.
std::string InList(std::size_t count) {
  std::string out = "(";
  for (std::size_t i = 0; i < count; ++i) out.append(i ? ",?" : "?");
  out.push_back(')');
  return out;
}

}  // namespace

std::map<std::int64_t, DecideByClock> DecideBy(Transaction& tx, const std::vector<std::int64_t>& contact_ids) {
  std::map<std::int64_t, DecideByClock> out;
  if (contact_ids.empty()) return out;
  const std::string in = InList(contact_ids.size());
  Params params(contact_ids.begin(), contact_ids.end());
  // A contact has a few such clocks at most: the earliest is picked here, with its start.
  for (const auto& r : tx.Query("SELECT record_id, due_at, starts_at FROM deadlines WHERE record_type = 'contact' AND "
                                "record_id IN " + in + " AND met_at IS NULL AND timescale IN ('decision', "
                                "'immediate-protection', 'section-47-decision')",
                                params)) {
    auto due = ParseUtc(r.Text(1));
    auto starts = ParseUtc(r.Text(2));
    if (!due || !starts) continue;
    auto [it, added] = out.try_emplace(r.Int(0), DecideByClock{*due, *starts});
    if (!added && *due < it->second.due_at) it->second = {*due, *starts};
  }
  return out;
}

}  // namespace fd::store
