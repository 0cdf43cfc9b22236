#include "store/fast_track_records.h"

namespace fd::store {
namespace {

constexpr const char* kSelect =
    "SELECT f.contact_id, c.reference, f.team, f.indicator, f.reason, f.by_user, COALESCE(u.display_name, ''), f.at, "
    "c.state FROM contact_fast_tracks f JOIN contacts c ON c.id = f.contact_id LEFT JOIN users u ON u.id = f.by_user ";

FastTrack FromRow(const Row& r) {
  FastTrack f;
  f.contact_id = r.Int(0);
  f.contact_reference = r.Text(1);
  f.team = r.Text(2);
  f.indicator = r.Text(3);
  f.reason = r.Text(4);
  f.by = r.OptionalInt(5);
  f.by_name = r.Text(6);
  f.at = ParseUtc(r.Text(7)).value_or(Instant{});
  f.state = r.Text(8);
  return f;
}

}  // namespace

void InsertFastTrack(Transaction& tx, const FastTrack& f) {
  tx.Execute("INSERT INTO contact_fast_tracks (contact_id, team, indicator, reason, by_user, at) VALUES (?, ?, ?, ?, ?, ?)",
             {f.contact_id, f.team, f.indicator, f.reason, f.by, FormatUtc(f.at)});
}

std::optional<FastTrack> FindFastTrack(Transaction& tx, std::int64_t contact_id) {
  const auto rows = tx.Query(std::string(kSelect) + "WHERE f.contact_id = ?", {contact_id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<FastTrack> ListFastTracks(Transaction& tx, const std::string& team) {
  std::vector<FastTrack> out;
  for (const auto& r : tx.Query(std::string(kSelect) + "WHERE (? = '' OR f.team = ?) ORDER BY f.at DESC, f.contact_id DESC "
                                                      "LIMIT 200",
                                {team, team}))
    out.push_back(FromRow(r));
  return out;
}

void PurgeFastTrack(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM contact_fast_tracks WHERE contact_id = ?", {contact_id});
}

}  // namespace fd::store
