#include "store/queue_columns.h"

#include <string>

namespace fd::store {

std::map<std::int64_t, Instant> DecideBy(Transaction& tx, const std::vector<std::int64_t>& contact_ids) {
  std::map<std::int64_t, Instant> out;
  if (contact_ids.empty()) return out;
  std::string in = "(";
  Params params;
  for (std::size_t i = 0; i < contact_ids.size(); ++i) {
    in.append(i ? ",?" : "?");
    params.emplace_back(contact_ids[i]);
  }
  in.push_back(')');
  for (const auto& r : tx.Query("SELECT record_id, MIN(due_at) FROM deadlines WHERE record_type = 'contact' AND "
                                "record_id IN " + in + " AND met_at IS NULL AND timescale IN ('decision', "
                                "'immediate-protection', 'section-47-decision') GROUP BY record_id",
                                params))
    if (auto due = ParseUtc(r.Text(1))) out[r.Int(0)] = *due;
  return out;
}

}  // namespace fd::store
