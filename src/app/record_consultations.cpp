#include "app/record_consultations.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/consultations.h"
#include "app/record_links.h"

namespace fd::app {
namespace {

std::string TypeName(const AppContext& ctx, const std::string& requested_at, const std::string& type) {
  const auto at = ParseUtc(requested_at);
  if (!at) return type;
  for (const auto& t : ctx.procedures.PackAt(*at).consultation_types)
    if (t.id == type) return t.name;
  return type;
}

}  // namespace

std::vector<ConsultationOnRecord> ConsultationsOnRecord(AppContext& ctx, const Actor& actor,
                                                        std::int64_t person_id) {
  std::vector<ConsultationOnRecord> out;
  auto tx_holder = ctx.store.Begin(store::TransactionMode::kRead);
  store::Transaction& tx = *tx_holder;
  // HCR-10 and CRU-4: advice recorded on the child's record (a consultation not kept, or only
  // queued, is not on it).
  for (const auto& r :
       tx.Query("SELECT id, number, type, requested_at, COALESCE(advised_at, ''), advised_route "
                "FROM consultations WHERE person_id = ? AND status = 'completed' AND recorded = 1",
                {person_id})) {
    ConsultationOnRecord c{"consultation", r.Int(0),  r.Text(1), TypeName(ctx, r.Text(3), r.Text(2)),
                           r.Text(4),      r.Text(5), "",        ""};
    c.page = RecordLinkFor(tx, actor, c.record_type, c.id);
    if (c.page.empty()) continue;
    c.href = fmt::format("/api/v1/consultations/{}", c.id);
    out.push_back(std::move(c));
  }
  // CPC-4: the chair's record of the consultation.
  for (const auto& r :
       tx.Query("SELECT id, reference, requested_at, COALESCE(held_at, '') FROM chair_consultations "
                "WHERE person_id = ? AND status = 'recorded'",
                {person_id})) {
    ConsultationOnRecord c{"chair-consultation",
                           r.Int(0),
                           r.Text(1),
                           TypeName(ctx, r.Text(2), std::string(kChairConsultationType)),
                           r.Text(3),
                           "",
                           "",
                           ""};
    c.page = RecordLinkFor(tx, actor, c.record_type, c.id);
    if (c.page.empty()) continue;
    c.href = fmt::format("/api/v1/chair-consultations/{}", c.id);
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.held_at > b.held_at; });
  return out;
}

}  // namespace fd::app
