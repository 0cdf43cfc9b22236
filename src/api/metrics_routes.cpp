#include "api/metrics_routes.h"

#include "api/session_guard.h"
#include "app/service_figures.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using metrics::CodeLabel;
using metrics::Exposition;

void WriteQueues(Exposition& out, const app::ServiceFigures& f) {
  out.Metric("frontdoor_contacts_open", "gauge",
             "Contacts still at the front door (received, screening, screened, proposed), by queue and stage.");
  for (const auto& q : f.queues)
    out.Sample("frontdoor_contacts_open", {{"queue", CodeLabel(q.queue)}, {"state", CodeLabel(q.state)}}, q.contacts);
}

void WriteDeadlines(Exposition& out, const app::ServiceFigures& f) {
  out.Metric("frontdoor_deadlines_breached", "gauge",
             "Deadlines not met and past due now, by timescale and the rule that set them.");
  for (const auto& d : f.breached)
    out.Sample("frontdoor_deadlines_breached", {{"timescale", CodeLabel(d.timescale)}, {"rule", CodeLabel(d.rule_id)}},
               d.open_past_due);
}

void WriteOutbox(Exposition& out, const app::ServiceFigures& f) {
  out.Metric("frontdoor_outbox_unsent", "gauge", "E-mails in the outbox waiting to be sent or retried.");
  out.Sample("frontdoor_outbox_unsent", {}, f.outbox.unsent);
  out.Metric("frontdoor_outbox_failed", "gauge",
             "E-mails given up after their last attempt, waiting for an administrator.");
  out.Sample("frontdoor_outbox_failed", {}, f.outbox.failed);
  out.Metric("frontdoor_outbox_oldest_unsent_age_seconds", "gauge",
             "Age of the oldest e-mail waiting to be sent; 0 when none waits.");
  out.Sample("frontdoor_outbox_oldest_unsent_age_seconds", {}, f.oldest_unsent_age_seconds);
}

void WriteStore(Exposition& out, const store::StoreStats& s) {
  out.Metric("frontdoor_db_connections_max", "gauge", "Size limit of the database connection pool.");
  out.Sample("frontdoor_db_connections_max", {}, s.connections_max);
  out.Metric("frontdoor_db_connections_open", "gauge", "Database connections open.");
  out.Sample("frontdoor_db_connections_open", {}, s.connections_open);
  out.Metric("frontdoor_db_connections_in_use", "gauge",
             "Database connections held by a transaction now (transactions in progress).");
  out.Sample("frontdoor_db_connections_in_use", {}, s.connections_in_use);
  out.Metric("frontdoor_db_connection_waiting", "gauge", "Callers waiting for a free database connection now.");
  out.Sample("frontdoor_db_connection_waiting", {}, s.waiting);
  out.Metric("frontdoor_db_connection_waits_total", "counter",
             "Times a caller had to wait for a database connection because all were in use.");
  out.Sample("frontdoor_db_connection_waits_total", {}, s.waits_total);
  out.Metric("frontdoor_db_connection_wait_seconds_total", "counter", "Time spent waiting for a database connection.");
  out.Sample("frontdoor_db_connection_wait_seconds_total", {}, s.wait_seconds_total);
  out.Metric("frontdoor_db_connection_waits_exceeded_total", "counter",
             "Waits for a database connection that reached database.connection_wait_ms (answered 503).");
  out.Sample("frontdoor_db_connection_waits_exceeded_total", {}, s.waits_exceeded_total);
  out.Metric("frontdoor_db_transaction_begin_seconds_total", "counter",
             "Time spent starting transactions; on SQLite, mostly writers waiting for the write lock.");
  out.Sample("frontdoor_db_transaction_begin_seconds_total", {}, s.lock_wait_seconds_total);
  out.Metric("frontdoor_db_commits_total", "counter", "Write transactions committed (SQLite).");
  out.Sample("frontdoor_db_commits_total", {}, s.commits_total);
  out.Metric("frontdoor_db_log_flushes_total", "counter",
             "Flushes of the write-ahead log to disk, each making every commit before it durable (SQLite).");
  out.Sample("frontdoor_db_log_flushes_total", {}, s.log_flushes_total);
  // SQLite's caches are in this process; PostgreSQL's are in the server's, so those nodes have no series.
  if (!s.sqlite_memory) return;
  const store::SqliteMemoryStats& m = *s.sqlite_memory;
  out.Metric("frontdoor_sqlite_memory_used_bytes", "gauge",
             "Memory SQLite holds now (page caches, prepared statements, schemas of every connection).");
  out.Sample("frontdoor_sqlite_memory_used_bytes", {}, m.used_bytes);
  out.Metric("frontdoor_sqlite_memory_highwater_bytes", "gauge", "The most memory SQLite has held since the process started.");
  out.Sample("frontdoor_sqlite_memory_highwater_bytes", {}, m.highwater_bytes);
  out.Metric("frontdoor_sqlite_page_cache_bytes", "gauge",
             "The connection pool's page caches now (each stops at cache_size, 2 MB).");
  out.Sample("frontdoor_sqlite_page_cache_bytes", {}, m.page_cache_bytes);
  out.Metric("frontdoor_sqlite_statement_bytes", "gauge", "The connection pool's prepared statements, as last measured.");
  out.Sample("frontdoor_sqlite_statement_bytes", {}, m.statement_bytes);
  out.Metric("frontdoor_sqlite_statements", "gauge", "Prepared statements the connection pool keeps, as last measured.");
  out.Sample("frontdoor_sqlite_statements", {}, m.statements);
}

// The read audit's writer (app/read_audit.h): views ÷ batches is how many views one write carries.
void WriteReadAudit(Exposition& out, const app::ReadAudit& audit) {
  out.Metric("frontdoor_read_audit_views_total", "counter",
             "Views of children's records recorded in the audit log (each durable before the record was shown).");
  out.Sample("frontdoor_read_audit_views_total", {}, audit.views());
  out.Metric("frontdoor_read_audit_batches_total", "counter",
             "Write transactions that recorded those views; views arriving together share one.");
  out.Sample("frontdoor_read_audit_batches_total", {}, audit.batches());
}

// The last day the bank-holiday list in force speaks for, so an alert can ask for the next list
// months before working days are counted wrongly (docs/monitoring.md).
void WriteBankHolidays(Exposition& out, const app::AppContext& ctx) {
  const Instant now = ctx.clock.Now();
  const auto until = ctx.procedures.CalendarAt(now).HolidaysKnownUntil();
  out.Metric("frontdoor_bank_holidays_known_until_timestamp_seconds", "gauge",
             "End (UTC midnight after it) of the last day the bank-holiday list in force covers; 0 when it is empty.");
  const std::int64_t end =
      until ? std::chrono::duration_cast<std::chrono::seconds>(
                  (std::chrono::sys_days(*until) + std::chrono::days{1}).time_since_epoch())
                  .count()
            : 0;
  out.Sample("frontdoor_bank_holidays_known_until_timestamp_seconds", {}, end);
}

}  // namespace

void RegisterMetrics(http::Router& router, app::AppContext& ctx,
                     std::function<void(metrics::Exposition&)> process_metrics) {
  router.Add("GET", "/metrics", http::Access::kSignedIn,
             [&ctx, process_metrics = std::move(process_metrics)](http::Request& request) {
               auto figures = app::ReadServiceFigures(ctx, ActorOf(request));
               if (!figures) return http::ProblemFrom(figures.error());
               Exposition out;
               if (process_metrics) process_metrics(out);
               WriteQueues(out, *figures);
               WriteDeadlines(out, *figures);
               WriteOutbox(out, *figures);
               WriteStore(out, figures->store);
               WriteReadAudit(out, *ctx.read_audit);
               WriteBankHolidays(out, ctx);
               http::Response response = http::Response::Text(200, out.text());
               response.content_type = std::string(metrics::kContentType);
               return response;
             });
}

}  // namespace fd::api
