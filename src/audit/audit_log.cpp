#include "audit/audit_log.h"

#include <openssl/evp.h>

#include <fmt/format.h>

namespace fd::audit {
namespace {

const std::string kGenesisHash(64, '0');

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string CanonicalEvent(std::int64_t seq, const std::string& at, const std::optional<std::int64_t>& actor_id,
                           const std::string& actor, const std::string& action, const std::string& record_type,
                           const std::string& record_id, const std::string& changes_json,
                           const std::optional<std::string>& changes_hash) {
  // nlohmann::json keeps object keys sorted, so dump() is canonical for the same content.
  nlohmann::json event = {
      {"seq", seq},
      {"at", at},
      {"actor_id", actor_id ? nlohmann::json(*actor_id) : nlohmann::json(nullptr)},
      {"actor", actor},
      {"action", action},
      {"record_type", record_type},
      {"record_id", record_id},
  };
  if (changes_hash) event["changes_sha256"] = *changes_hash;
  else event["changes"] = changes_json;
  return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CanonicalEvent(std::int64_t seq, const std::string& at, const std::optional<std::int64_t>& actor_id,
                           const std::string& actor, const std::string& action, const std::string& record_type,
                           const std::string& record_id, const std::string& changes_json) {
  return CanonicalEvent(seq, at, actor_id, actor, action, record_type, record_id, changes_json, std::nullopt);
}

std::int64_t Append(store::Transaction& tx, const AuditEvent& event) {
  auto head = tx.Query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (head.empty()) throw store::StoreFault(store::StoreFault::Kind::kCorrupt, "audit_head row is missing");
  const std::int64_t seq = head[0].Int(0) + 1;
  const std::string prev_hash = head[0].Text(1);
  const std::string at = FormatUtc(event.at);
  const std::string changes = event.changes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string changes_hash = Sha256Hex(changes);
  const std::string hash = Sha256Hex(
      prev_hash + CanonicalEvent(seq, at, event.actor_id, event.actor, event.action, event.record_type,
                                 event.record_id, changes, changes_hash));
  tx.Execute(
      "INSERT INTO audit_events (seq, at, actor_id, actor, action, record_type, record_id, changes, changes_hash, "
      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {seq, at, event.actor_id, event.actor, event.action, event.record_type, event.record_id, changes, changes_hash,
       prev_hash, hash});
  tx.Execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {seq, hash});
  return seq;
}

Erasure ErasePayloads(store::Transaction& tx, const std::string& record_type, const std::string& record_id,
                      std::int64_t erased_by) {
  Erasure out;
  out.erased = tx.Execute(
      "UPDATE audit_events SET changes = '{}', erased_by = ? "
      "WHERE record_type = ? AND record_id = ? AND changes_hash IS NOT NULL AND erased_by IS NULL AND seq < ?",
      {erased_by, record_type, record_id, erased_by});
  out.kept = tx.Query("SELECT COUNT(*) FROM audit_events WHERE record_type = ? AND record_id = ? AND changes_hash IS NULL",
                      {record_type, record_id})
                 .at(0)
                 .Int(0);
  return out;
}

VerifyReport Verify(store::Store& store) {
  VerifyReport report;
  auto tx = store.Begin(store::TransactionMode::kRead);
  auto fail = [&](std::int64_t seq, std::string problem) {
    report.intact = false;
    report.first_bad_seq = seq;
    report.problem = std::move(problem);
    return report;
  };
  std::string prev_hash = kGenesisHash;
  std::int64_t expected_seq = 1;
  // Paged by sequence so a large log is verified in bounded memory.
  constexpr std::int64_t kPage = 5000;
  for (;;) {
    auto rows = tx->Query(
        "SELECT seq, at, actor_id, actor, action, record_type, record_id, changes, prev_hash, hash, changes_hash, "
        "erased_by FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?",
        {expected_seq, kPage});
    for (const auto& row : rows) {
      const std::int64_t seq = row.Int(0);
      if (seq != expected_seq)
        return fail(expected_seq, fmt::format("event {} is missing (the next event present is {})", expected_seq, seq));
      if (row.Text(8) != prev_hash)
        return fail(seq, fmt::format("event {} does not follow from event {}: an event was removed or replaced",
                                     seq, seq - 1));
      const auto changes_hash = row.OptionalText(10);
      if (const auto erased_by = row.OptionalInt(11)) {
        // An erased payload must be traced to the retention event that purged the same record.
        auto purge = tx->Query("SELECT action, record_type, record_id FROM audit_events WHERE seq = ?", {*erased_by});
        if (!changes_hash || *erased_by <= seq || purge.empty() || purge[0].Text(0) != "retention.purged" ||
            purge[0].Text(1) != row.Text(5) || purge[0].Text(2) != row.Text(6))
          return fail(seq, fmt::format("event {} ({} on {} {}) was erased without a retention purge of that record",
                                       seq, row.Text(4), row.Text(5), row.Text(6)));
        ++report.events_erased;
      } else if (changes_hash && Sha256Hex(row.Text(7)) != *changes_hash) {
        return fail(seq, fmt::format("event {} ({} on {} {}) was altered after it was written", seq, row.Text(4),
                                     row.Text(5), row.Text(6)));
      }
      const std::string computed = Sha256Hex(
          prev_hash + CanonicalEvent(seq, row.Text(1), row.OptionalInt(2), row.Text(3), row.Text(4), row.Text(5),
                                     row.Text(6), row.Text(7), changes_hash));
      if (computed != row.Text(9))
        return fail(seq, fmt::format("event {} ({} on {} {}) was altered after it was written", seq, row.Text(4),
                                     row.Text(5), row.Text(6)));
      prev_hash = computed;
      ++expected_seq;
      ++report.events_checked;
    }
    if (static_cast<std::int64_t>(rows.size()) < kPage) break;
  }
  auto head = tx->Query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (head.empty()) return fail(expected_seq, "the chain head record is missing");
  if (head[0].Int(0) != expected_seq - 1 || head[0].Text(1) != prev_hash)
    return fail(expected_seq, fmt::format("the log ends at event {} but {} events were written: events were "
                                          "deleted from the end",
                                          expected_seq - 1, head[0].Int(0)));
  report.head_seq = expected_seq - 1;
  report.head_hash = prev_hash;
  return report;
}

std::optional<std::string> HashOfEvent(store::Store& store, std::int64_t seq) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT hash FROM audit_events WHERE seq = ?", {seq});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

}  // namespace fd::audit
