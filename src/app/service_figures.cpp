#include "app/service_figures.h"

#include <algorithm>

#include "app/permissions.h"

namespace fd::app {

Result<ServiceFigures> ReadServiceFigures(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kViewMetrics); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  ServiceFigures figures;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    figures.queues = store::CountOpenContactsByQueue(*tx);
    figures.breached = store::CountBreachedDeadlines(*tx, now);
    figures.outbox = store::ReadOutboxBacklog(*tx);
  }
  if (figures.outbox.oldest_unsent_created_at) {
    const auto age = std::chrono::duration<double>(now - *figures.outbox.oldest_unsent_created_at).count();
    figures.oldest_unsent_age_seconds = std::max(0.0, age);
  }
  figures.store = ctx.store.Stats();
  return figures;
}

}  // namespace fd::app
