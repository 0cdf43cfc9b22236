#include "store/sqlite/sqlite_store.h"

#include <optional>
#include <stdexcept>

#include "store/row_stream.h"
#include "store/write_health.h"
#include "store/sqlite/sqlite_memory.h"

#include <sqlite3.h>

#include <fmt/format.h>
#include <unordered_map>

namespace fd::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;

StoreFault FaultFrom(sqlite3* db, int rc, std::string_view doing) {
  const int primary = rc & 0xFF;
  const std::string message = fmt::format("sqlite {}: {} ({})", doing, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc);
  switch (primary) {
    case SQLITE_FULL: return StoreFault(StoreFault::Kind::kFull, message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StoreFault(StoreFault::Kind::kBusy, message);
    case SQLITE_CONSTRAINT: return StoreFault(StoreFault::Kind::kConstraint, message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return StoreFault(StoreFault::Kind::kCorrupt, message);
    default: return StoreFault(StoreFault::Kind::kUnavailable, message);
  }
}

}  // namespace

// One open database handle with its prepared-statement cache. Statements are prepared once per
// connection and reused, which is most of SQLite's per-query cost.
class SqliteConnection {
 public:
  explicit SqliteConnection(const std::string& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      StoreFault fault = FaultFrom(db_, rc, "open " + path);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw fault;
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // In WAL mode a commit only writes the log (synchronous=NORMAL) and the store flushes it for a
    // group of commits before any of them is reported done (group_sync.h). A database that cannot
    // be in WAL mode (in memory) keeps SQLite's own flush inside each COMMIT.
    group_commit_ = QueryText("PRAGMA journal_mode=WAL") == "wal";
    Exec(group_commit_ ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    Exec("PRAGMA foreign_keys=ON");
    // 2 MB of page cache per connection (SQLite's own default), so the pool's caches are bounded at
    // a size they reach in minutes. In WAL mode a connection drops its cache whenever another has
    // committed, so a larger one only held pages that were thrown away: at 32 MB each the caches
    // grew for as long as the database did (the soak, docs/benchmarks.md), while the returns and a
    // year's dashboard took the same time at 2 MB, their re-reads served by the kernel's page cache.
    Exec("PRAGMA cache_size=-2048");
  }
  // Its share of SQLite's memory as last measured (SqliteStore::Stats), shared with the store's list
  // so the figures outlive neither: the store drops its copy once the connection is gone.
  const std::shared_ptr<SqliteConnectionMemory>& memory() const { return memory_; }
  sqlite3* handle() const { return db_; }
  std::int64_t statements() const { return static_cast<std::int64_t>(statements_.size()); }

  ~SqliteConnection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  void Exec(const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) throw FaultFrom(db_, rc, sql);
  }

  std::vector<Row> Run(std::string_view sql, const Params& params, std::int64_t* changes) {
    sqlite3_stmt* stmt = Prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) Bind(stmt, static_cast<int>(i + 1), params[i]);
    std::vector<Row> rows;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        StoreFault fault = FaultFrom(db_, rc, std::string(sql.substr(0, 60)));
        sqlite3_reset(stmt);
        throw fault;
      }
      const int n = sqlite3_column_count(stmt);
      std::vector<Value> values;
      values.reserve(n);
      for (int c = 0; c < n; ++c) values.push_back(Column(stmt, c));
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(stmt);
    if (changes) *changes = sqlite3_changes64(db_);
    return rows;
  }

  // Steps through a SELECT handing each row to `each` straight from SQLite's buffers.
  void Each(std::string_view sql, const Params& params, const EachRow& each) {
    sqlite3_stmt* stmt = Prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) Bind(stmt, static_cast<int>(i + 1), params[i]);
    // Reset however this leaves (a fault, or an exception from `each`), so the statement is reusable.
    struct Reset {
      sqlite3_stmt* stmt;
      ~Reset() { sqlite3_reset(stmt); }
    } reset{stmt};
    const StatementRow row(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw FaultFrom(db_, rc, std::string(sql.substr(0, 60)));
      each(row);
    }
  }

  sqlite3* db() { return db_; }

  // Flushes the write-ahead log to disk through SQLite's own handle of it (every connection's
  // handle is the same file, so one flush covers every connection's commits). Nothing to do when
  // each COMMIT flushed already.
  std::optional<std::string> FlushLog() {
    if (!group_commit_) return std::nullopt;
    sqlite3_file* log = nullptr;
    int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log);
    if (rc != SQLITE_OK || !log || !log->pMethods) return "the write-ahead log is not open";
    rc = log->pMethods->xSync(log, SQLITE_SYNC_NORMAL);
    if (rc != SQLITE_OK) return std::string(sqlite3_errstr(rc));
    return std::nullopt;
  }

 private:
  sqlite3_stmt* Prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, &tail);
    if (rc != SQLITE_OK) throw FaultFrom(db_, rc, "prepare " + std::string(sql.substr(0, 80)));
    // One statement per call: anything after it would be silently ignored by SQLite, so refuse it.
    for (const char* p = tail; p && p < sql.data() + sql.size(); ++p) {
      if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ';') continue;
      if (p[0] == '-' && p + 1 < sql.data() + sql.size() && p[1] == '-') {
        while (p < sql.data() + sql.size() && *p != '\n') ++p;
        continue;
      }
      sqlite3_finalize(stmt);
      throw StoreFault(StoreFault::Kind::kCorrupt, "more than one SQL statement in one call: " +
                                                       std::string(sql.substr(0, 80)));
    }
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  void Bind(sqlite3_stmt* stmt, int index, const Value& value) {
    int rc;
    if (value.IsNull()) rc = sqlite3_bind_null(stmt, index);
    else if (value.IsInt()) rc = sqlite3_bind_int64(stmt, index, value.AsInt());
    else if (value.IsReal()) rc = sqlite3_bind_double(stmt, index, value.AsReal());
    else rc = sqlite3_bind_text(stmt, index, value.AsText().data(), static_cast<int>(value.AsText().size()),
                                SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) throw FaultFrom(db_, rc, "bind");
  }

  // The current row of a statement being stepped.
  class StatementRow final : public RowView {
   public:
    explicit StatementRow(sqlite3_stmt* stmt) : stmt_(stmt), columns_(static_cast<std::size_t>(sqlite3_column_count(stmt))) {}
    std::size_t size() const override { return columns_; }
    bool IsNull(std::size_t i) const override { return sqlite3_column_type(stmt_, Checked(i)) == SQLITE_NULL; }
    std::int64_t Int(std::size_t i) const override {
      const int c = Checked(i);
      if (sqlite3_column_type(stmt_, c) != SQLITE_INTEGER) throw std::logic_error("store value is not an integer");
      return sqlite3_column_int64(stmt_, c);
    }
    std::string_view Text(std::size_t i) const override {
      const int c = Checked(i);
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
      if (!text) return {};
      return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))};
    }

   private:
    int Checked(std::size_t i) const {
      if (i >= columns_) throw std::out_of_range("no such column");
      return static_cast<int>(i);
    }
    sqlite3_stmt* stmt_;
    std::size_t columns_;
  };

  static Value Column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER: return Value(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
      case SQLITE_FLOAT: return Value(sqlite3_column_double(stmt, c));
      case SQLITE_NULL: return Value();
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return Value(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
  }

  std::string QueryText(const char* sql) {
    std::string text;
    auto rows = Run(sql, {}, nullptr);
    if (!rows.empty() && !rows[0].IsNull(0)) text = rows[0].Text(0);
    return text;
  }

  sqlite3* db_ = nullptr;
  bool group_commit_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  std::shared_ptr<SqliteConnectionMemory> memory_ = std::make_shared<SqliteConnectionMemory>();
};

namespace {

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteStore& store, std::unique_ptr<SqliteConnection> connection, TransactionMode mode)
      : store_(store), connection_(std::move(connection)) {
    // IMMEDIATE takes the write lock now, so a read-then-write use case cannot be overtaken by
    // another writer between its read and its write.
    try {
      const auto asked = std::chrono::steady_clock::now();
      if (mode == TransactionMode::kWrite) writer_ = store_.QueueForWrite();
      connection_->Exec(mode == TransactionMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
      store_.CountBeginWait(std::chrono::steady_clock::now() - asked);
    } catch (const StoreFault& fault) {
      if (mode == TransactionMode::kWrite) NoteWriteFault(store_, fault);
      store_.EndWrite(writer_);
      store_.Release(std::move(connection_));
      throw;
    } catch (...) {
      store_.EndWrite(writer_);
      store_.Release(std::move(connection_));
      throw;
    }
  }
  ~SqliteTransaction() override {
    if (!finished_) {
      try {
        connection_->Exec("ROLLBACK");
      } catch (...) {
        // The connection is unusable: drop it rather than return it to the pool.
        connection_.reset();
      }
    }
    store_.EndWrite(writer_);  // the next writer of this process may begin
    if (connection_) store_.Release(std::move(connection_));
  }

  std::vector<Row> Query(std::string_view sql, const Params& params) override {
    try {
      return connection_->Run(sql, params, nullptr);
    } catch (const StoreFault& fault) {
      if (writer_.owns_lock()) NoteWriteFault(store_, fault);
      throw;
    }
  }
  void Each(std::string_view sql, const Params& params, const EachRow& each) { connection_->Each(sql, params, each); }
  std::int64_t Execute(std::string_view sql, const Params& params) override {
    std::int64_t changes = 0;
    try {
      connection_->Run(sql, params, &changes);
    } catch (const StoreFault& fault) {
      if (writer_.owns_lock()) NoteWriteFault(store_, fault);
      throw;
    }
    return changes;
  }
  void Commit() override {
    const bool writing = writer_.owns_lock();
    try {
      connection_->Exec("COMMIT");
      finished_ = true;
      if (!writing) return;  // a read: nothing to make durable
      // The ticket is taken under the writers' mutex, so tickets follow commit order; the next writer
      // may begin while this one waits for the flush that covers it.
      const std::uint64_t ticket = store_.sync().Issue();
      store_.EndWrite(writer_);
      store_.sync().WaitDurable(ticket, [this] { return connection_->FlushLog(); });
    } catch (const StoreFault& fault) {
      if (writing) NoteWriteFault(store_, fault);
      throw;
    }
    if (writing) NoteWriteCommitted(store_);
  }

 private:
  SqliteStore& store_;
  std::unique_ptr<SqliteConnection> connection_;
  std::unique_lock<std::timed_mutex> writer_;  // held by a write transaction from BEGIN to its end
  bool finished_ = false;
};

}  // namespace

SqliteStore::SqliteStore(std::string path, int max_connections, std::chrono::milliseconds connection_wait)
    : path_(std::move(path)), pool_(max_connections, [this] { return Open(); }, connection_wait) {
  // Open one connection now so a bad path fails at start, not on the first request.
  Release(pool_.Acquire().connection);
}

SqliteStore::~SqliteStore() { ForgetWriteHealth(*this); }

std::unique_ptr<SqliteConnection> SqliteStore::Open() {
  auto c = std::make_unique<SqliteConnection>(path_);
  std::lock_guard lock(stats_mutex_);
  measured_.push_back(c->memory());
  return c;
}

// A null connection (one dropped after a fault) is closed and its place freed.
void SqliteStore::Release(std::unique_ptr<SqliteConnection> connection) { pool_.Release(std::move(connection)); }

std::unique_ptr<Transaction> SqliteStore::Begin(TransactionMode mode) {
  return std::make_unique<SqliteTransaction>(*this, pool_.Acquire().connection, mode);
}

std::unique_lock<std::timed_mutex> SqliteStore::QueueForWrite() {
  // A second write transaction on a thread that holds one would wait for itself; SQLite's busy
  // timeout used to end that after 10 s with kBusy, so fail the same way, at once.
  sync_.ThrowIfFailed();  // after a failed flush nothing more may be acknowledged
  if (writer_thread_.load() == std::this_thread::get_id())
    throw StoreFault(StoreFault::Kind::kBusy, "sqlite: a write transaction began inside another on one thread");
  std::unique_lock lock(writer_, std::defer_lock);
  // As long as SQLite's busy timeout: a writer stuck that long is a fault (503), not a hung request.
  if (!lock.try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs)))
    throw StoreFault(StoreFault::Kind::kBusy, "sqlite: another writer held the database for too long");
  writer_thread_ = std::this_thread::get_id();
  return lock;
}

void SqliteStore::EndWrite(std::unique_lock<std::timed_mutex>& lock) {
  if (!lock.owns_lock()) return;
  writer_thread_ = std::thread::id();
  lock.unlock();
}

void SqliteStore::CountBeginWait(std::chrono::nanoseconds waited) {
  begin_wait_ns_.fetch_add(waited.count(), std::memory_order_relaxed);
}

StoreStats SqliteStore::Stats() const noexcept {
  std::lock_guard lock(stats_mutex_);
  StoreStats stats;
  pool_.Fill(stats);
  stats.lock_wait_seconds_total = static_cast<double>(begin_wait_ns_.load(std::memory_order_relaxed)) / 1e9;
  stats.commits_total = sync_.issued();
  stats.log_flushes_total = sync_.flushes();
  // Idle connections are measured now (no transaction can touch them while the pool's lock is
  // held); one in a transaction keeps what it measured last. A connection dropped after a fault
  // leaves only this list's pointer to its figures, and leaves the sum.
  pool_.ForEachIdle([](const SqliteConnection& c) { *c.memory() = MeasureConnection(c.handle(), c.statements()); });
  std::erase_if(measured_, [](const auto& m) { return m.use_count() == 1; });
  const SqliteMemory memory = ReadSqliteMemory();
  SqliteMemoryStats sqlite{.used_bytes = memory.used_bytes,
                           .highwater_bytes = memory.highwater_bytes,
                           .page_cache_bytes = memory.page_cache_bytes};
  for (const auto& m : measured_) {
    sqlite.statement_bytes += m->statement_bytes;
    sqlite.statements += m->statements;
  }
  stats.sqlite_memory = sqlite;
  return stats;
}

namespace detail {

bool SqliteForEachRow(Transaction& tx, std::string_view sql, const Params& params, const EachRow& each) {
  auto* sqlite = dynamic_cast<SqliteTransaction*>(&tx);
  if (!sqlite) return false;
  sqlite->Each(sql, params, each);
  return true;
}

}  // namespace detail

}  // namespace fd::store
