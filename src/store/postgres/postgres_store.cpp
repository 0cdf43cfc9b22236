#include "store/postgres/postgres_store.h"
#include "store/write_health.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <climits>
#include <optional>
#include <cstring>
#include <unordered_map>

namespace fd::store {
namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions, and the server's
// catalog headers are not part of libpq-dev.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

using Clock = std::chrono::steady_clock;

// Every node's writers queue on this one advisory lock key ("frontdor" in ASCII): the whole
// database has one writer at a time, as an SQLite file does.
constexpr const char* kBeginWrite =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(7382365635419778930)";
// A read sees one snapshot for its whole transaction, as a read on SQLite's WAL does.
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// /readyz: could this node take the writers' lock now? Waits in the writers' queue for at most a
// second (an ordinary write holds the lock for milliseconds), holds it for no time at all, and is
// one round trip. A writer that holds the lock and does not let go (a stopped node, before the server
// ends its session) makes this fail, as it makes every write on every node wait.
constexpr const char* kProbeWriters =
    "BEGIN; SET LOCAL lock_timeout = '1s'; SELECT pg_advisory_xact_lock(7382365635419778930); ROLLBACK";
constexpr auto kReadyWithin = std::chrono::seconds(3);
constexpr const char* kProbeName = "frontdoor readiness";  // its application_name in pg_stat_activity
// How long after a statement's own time limit the node still waits for the server's answer: a live
// server has cancelled the statement and said so well within it; one that has not answered is hung
// (stopped, swapping to death) or unreachable, and TCP alone would wait for hours.
constexpr auto kAnswerGrace = std::chrono::seconds(5);

// Durable commits whatever the server's default. A writer that waits longer than SQLite's busy
// timeout for the lock gives up with kBusy (SQLSTATE 55P03) rather than hang a request. No NOTICEs
// (libpq prints them on stderr: "relation … already exists, skipping" at every start, a plain line in
// the JSON log).
constexpr const char* kSessionSettings =
    "SET client_min_messages = warning; SET synchronous_commit = on; SET lock_timeout = '10s'; SET TimeZone = "
    "'UTC'; SET client_encoding = 'UTF8'";
// The URL's time limits, bound as values (SET takes no parameters): a statement that runs past
// statement_timeout is cancelled (57014, kBusy); a session left idle inside a transaction (its node
// stopped or stalled while holding the writers' lock) is ended by the server after
// idle_in_transaction_session_timeout and its transaction rolled back, so the other nodes write again.
constexpr const char* kSetTimeLimits =
    "SELECT set_config('statement_timeout', $1, false), set_config('idle_in_transaction_session_timeout', $2, false)";

// Waits until `socket` can be read (or written) or `deadline` passes: false when it passed. An error
// or a hang-up on the socket counts as ready, for libpq to read and report.
bool WaitForSocket(int socket, bool for_writing, std::optional<Clock::time_point> deadline) {
  if (socket < 0) return true;  // no socket: libpq reports why at its next call
  for (;;) {
    int wait_ms = -1;
    if (deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (left <= 0) return false;
      wait_ms = static_cast<int>(std::min<long long>(left, INT_MAX));
    }
    pollfd fd{socket, static_cast<short>(for_writing ? POLLOUT : POLLIN), 0};
    const int ready = ::poll(&fd, 1, wait_ms);
    if (ready > 0 || (ready < 0 && errno != EINTR)) return true;
  }
}

StoreFault::Kind KindOf(std::string_view state) {
  if (state == "53100") return StoreFault::Kind::kFull;
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "53300" || state == "57014")
    return StoreFault::Kind::kBusy;
  if (state.starts_with("23")) return StoreFault::Kind::kConstraint;
  if (state == "XX001" || state == "XX002") return StoreFault::Kind::kCorrupt;
  return StoreFault::Kind::kUnavailable;  // 08xxx connection, 57Pxx shutdown, and anything unforeseen
}

StoreFault FaultFrom(PGconn* conn, const PGresult* result, std::string_view doing) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty() && conn) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const auto kind = (!state || (conn && PQstatus(conn) != CONNECTION_OK)) ? StoreFault::Kind::kUnavailable
                                                                           : KindOf(state);
  return StoreFault(kind, fmt::format("postgresql {}: {} ({})", doing, message, state ? state : "no SQLSTATE"));
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// True for statements worth a prepared statement: the record code's queries. Migrations' DDL runs
// once and is not kept.
bool IsCacheable(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\t' || sql[i] == '\r' || sql[i] == '(')) ++i;
  auto starts = [&](std::string_view word) {
    if (sql.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
      if (std::toupper(static_cast<unsigned char>(sql[i + k])) != word[k]) return false;
    return true;
  };
  return starts("SELECT") || starts("INSERT") || starts("UPDATE") || starts("DELETE") || starts("WITH");
}

Value ValueOf(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return Value();
  const char* text = PQgetvalue(result, row, column);
  const std::size_t size = static_cast<std::size_t>(PQgetlength(result, row, column));
  const Oid type = PQftype(result, column);
  const auto integer = [&]() -> std::optional<std::int64_t> {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text, text + size, v);
    if (ec != std::errc() || end != text + size) return std::nullopt;
    return v;
  };
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      if (auto v = integer()) return Value(*v);
      break;
    case kBoolOid:
      // SQLite has no boolean: a comparison or EXISTS reads back as 0 or 1 there, so it does here.
      return Value(static_cast<std::int64_t>(text[0] == 't' ? 1 : 0));
    case kNumericOid:
      // SUM over BIGINT is NUMERIC in PostgreSQL and INTEGER in SQLite: a whole number stays an Int.
      if (auto v = integer()) return Value(*v);
      [[fallthrough]];
    case kFloat4Oid:
    case kFloat8Oid: {
      double d = 0;
      auto [end, ec] = std::from_chars(text, text + size, d);
      if (ec == std::errc() && end == text + size) return Value(d);
      break;
    }
    default:
      break;
  }
  return Value(std::string(text, size));
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A quoted literal or identifier runs to its closing quote; a doubled quote inside it is
      // simply a close and a reopen, which this loop handles as two quoted runs.
      const std::size_t close = sql.find(c, i + 1);
      const std::size_t end = close == std::string_view::npos ? sql.size() : close + 1;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t eol = sql.find('\n', i);
      const std::size_t end = eol == std::string_view::npos ? sql.size() : eol;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const std::size_t close = sql.find("*/", i + 2);
      const std::size_t end = close == std::string_view::npos ? sql.size() : close + 2;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++next);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// A whole number from `low` to `high`, optionally followed by `unit` ("s"); else a fault naming `name`.
int NumberIn(std::string_view name, std::string_view text, int low, int high, std::string_view unit) {
  std::string_view digits = text;
  if (!unit.empty() && digits.ends_with(unit)) digits.remove_suffix(unit.size());
  int n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || n < low || n > high)
    throw StoreFault(StoreFault::Kind::kUnavailable,
                     fmt::format("database URL: {} must be a number{} from {} to {}, not '{}'", name,
                                 unit.empty() ? "" : " of seconds", low, high, text));
  return n;
}

}  // namespace

PostgresUrl ParsePostgresUrl(const std::string& url) {
  PostgresUrl out;
  const auto question = url.find('?');
  std::string base = url.substr(0, question);
  std::vector<std::string> kept;
  auto given = [&](std::string_view key) {
    for (const auto& pair : kept)
      if (pair.starts_with(key) && pair.size() > key.size() && pair[key.size()] == '=') return true;
    return false;
  };
  if (question != std::string::npos) {
    std::string_view query(url);
    query.remove_prefix(question + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.starts_with("pool=")) {
        out.pool_size = NumberIn("pool", pair.substr(5), 1, 1000, "");
      } else if (pair.starts_with("statement_timeout=")) {
        out.statement_timeout_s = NumberIn("statement_timeout", pair.substr(18), 1, 86400, "s");
      } else if (pair.starts_with("idle_in_transaction_session_timeout=")) {
        out.idle_in_transaction_timeout_s = NumberIn("idle_in_transaction_session_timeout", pair.substr(36), 1, 3600, "s");
      } else if (!pair.empty()) {
        kept.emplace_back(pair);
      }
    }
  }
  // Without a timeout libpq waits for an unreachable host for as long as TCP does.
  if (!given("connect_timeout")) kept.emplace_back("connect_timeout=10");
  // A server that has gone (its machine down, the network cut) is noticed in seconds, not after
  // TCP's hours: an idle connection is probed after 10 s of silence, every 5 s, and dropped after 3
  // unanswered probes; data sent and not acknowledged for 10 s ends the connection. On a Unix
  // socket libpq ignores them.
  // application_name names frontdoor's sessions in pg_stat_activity.
  for (const char* fallback : {"keepalives=1", "keepalives_idle=10", "keepalives_interval=5", "keepalives_count=3",
                               "tcp_user_timeout=10000", "application_name=frontdoor"}) {
    const std::string_view setting(fallback);
    if (!given(setting.substr(0, setting.find('=')))) kept.emplace_back(setting);
  }
  out.conninfo = base;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    out.conninfo += i == 0 ? '?' : '&';
    out.conninfo += kept[i];
  }
  return out;
}

// One libpq connection with its prepared statements, named s1, s2, … and kept for the connection's
// life: after the first use a query costs one round trip with no parsing or planning.
//
// Every round trip waits for the server's answer for a bounded time (its statement_timeout and a
// grace; none after kLiftStatementLimit): a server that does not answer in that time is hung or
// unreachable, and the connection is closed rather than waited on. Closing it makes the server roll
// back whatever the transaction had begun, once it notices, so nothing is half-written.
class PostgresConnection {
 public:
  // Connects with libpq's own connect_timeout (the URL's, 10 s unless given).
  explicit PostgresConnection(const PostgresUrl& url)
      : conn_(PQconnectdb(url.conninfo.c_str())), answer_within_(Bounded(url)) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) FailToConnect();
    Configure(url, std::nullopt);
  }
  // Connects by `deadline`, whatever the URL's connect_timeout, as `application_name`: /readyz's probe.
  PostgresConnection(const PostgresUrl& url, Clock::time_point deadline, const char* application_name)
      : answer_within_(Bounded(url)) {
    const char* keywords[] = {"dbname", "application_name", nullptr};
    const char* values[] = {url.conninfo.c_str(), application_name, nullptr};
    conn_ = PQconnectStartParams(keywords, values, 1);
    if (!conn_ || PQstatus(conn_) == CONNECTION_BAD) FailToConnect();
    for (auto polling = PGRES_POLLING_WRITING; polling != PGRES_POLLING_OK; polling = PQconnectPoll(conn_)) {
      if (polling == PGRES_POLLING_FAILED) FailToConnect();
      if (!WaitForSocket(PQsocket(conn_), polling == PGRES_POLLING_WRITING, deadline)) {
        PQfinish(conn_);
        conn_ = nullptr;
        throw StoreFault(StoreFault::Kind::kUnavailable, "postgresql connect: no answer in time");
      }
    }
    Configure(url, deadline);
  }
  ~PostgresConnection() { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Runs SQL with no parameters by the simple protocol (BEGIN, COMMIT, session settings); several
  // statements in one string are one round trip. Answers the first error, else the last result.
  Result Exec(const char* sql, std::optional<Clock::time_point> deadline = std::nullopt) {
    if (!conn_ || !PQsendQuery(conn_, sql)) throw FaultFrom(conn_, nullptr, sql);
    return Await(sql, deadline ? deadline : AnswerDeadline());
  }

  // While false, a round trip waits for its answer without limit (after kLiftStatementLimit).
  void BoundAnswers(bool bounded) { bounded_ = bounded; }

  std::vector<Row> Run(std::string_view sql, const Params& params, std::int64_t* changes) {
    std::vector<Oid> types(params.size());
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    std::string key(sql);
    key += '\x1f';
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (v.IsNull()) {
        types[i] = 0;  // unknown: the server infers it from where the parameter stands
        values[i] = nullptr;
        key += 'n';
        continue;
      }
      if (v.IsInt()) {
        types[i] = kInt8Oid;
        texts[i] = std::to_string(v.AsInt());
        key += 'i';
      } else if (v.IsReal()) {
        types[i] = kFloat8Oid;
        texts[i] = fmt::format("{}", v.AsReal());  // shortest text that reads back as the same double
        key += 'r';
      } else {
        types[i] = kTextOid;
        key += 't';
      }
      values[i] = v.IsText() ? v.AsText().c_str() : texts[i].c_str();
    }
    if (sql == kLiftStatementLimit) bounded_ = false;  // until the transaction ends (BoundAnswers(true))
    const int n = static_cast<int>(params.size());
    const std::string doing(sql.substr(0, 80));
    int sent = 0;
    if (IsCacheable(sql)) {
      const std::string& name = Prepare(key, sql, types);
      sent = PQsendQueryPrepared(conn_, name.c_str(), n, values.data(), nullptr, nullptr, 0);
    } else if (conn_) {
      const std::string numbered = NumberPlaceholders(sql);
      sent = PQsendQueryParams(conn_, numbered.c_str(), n, types.data(), values.data(), nullptr, nullptr, 0);
    }
    if (!sent) throw FaultFrom(conn_, nullptr, doing);
    Result result = Await(doing, AnswerDeadline());
    if (changes) {
      const char* count = PQcmdTuples(result.get());
      std::int64_t c = 0;
      std::from_chars(count, count + std::strlen(count), c);
      *changes = c;
    }
    std::vector<Row> rows;
    const int row_count = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(row_count));
    for (int r = 0; r < row_count; ++r) {
      std::vector<Value> row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) row.push_back(ValueOf(result.get(), r, c));
      rows.emplace_back(std::move(row));
    }
    return rows;
  }

  // True while the connection can take another transaction: open, and not inside one.
  bool Reusable() const { return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  bool Open() const { return PQstatus(conn_) == CONNECTION_OK; }
  // True once the server left a round trip unanswered past its deadline (and the connection was closed).
  bool GaveUp() const { return gave_up_; }

 private:
  static std::chrono::seconds Bounded(const PostgresUrl& url) {
    return std::chrono::seconds(url.statement_timeout_s) + kAnswerGrace;
  }

  void Configure(const PostgresUrl& url, std::optional<Clock::time_point> deadline) {
    Exec(kSessionSettings, deadline);
    const std::string statement = fmt::format("{}s", url.statement_timeout_s);
    const std::string idle = fmt::format("{}s", url.idle_in_transaction_timeout_s);
    const char* values[] = {statement.c_str(), idle.c_str()};
    if (!PQsendQueryParams(conn_, kSetTimeLimits, 2, nullptr, values, nullptr, nullptr, 0))
      throw FaultFrom(conn_, nullptr, "set time limits");
    Await("set time limits", deadline ? deadline : AnswerDeadline());
  }

  [[noreturn]] void FailToConnect() {
    StoreFault fault(StoreFault::Kind::kUnavailable,
                     fmt::format("postgresql connect: {}", conn_ ? PQerrorMessage(conn_) : "out of memory"));
    PQfinish(conn_);
    conn_ = nullptr;
    throw fault;
  }

  std::optional<Clock::time_point> AnswerDeadline() const {
    if (!bounded_) return std::nullopt;
    return Clock::now() + answer_within_;
  }

  // Reads the whole answer to what was just sent: the first error result if any, else the last.
  // Throws StoreFault on an error, a lost connection, or no answer by `deadline` (the connection is
  // then closed: Open() is false from then on).
  Result Await(std::string_view doing, std::optional<Clock::time_point> deadline) {
    const auto asked = Clock::now();
    Result error;
    Result last;
    for (;;) {
      while (PQisBusy(conn_)) {
        if (!WaitForSocket(PQsocket(conn_), false, deadline)) {
          PQfinish(conn_);
          conn_ = nullptr;
          gave_up_ = true;
          throw StoreFault(StoreFault::Kind::kUnavailable,
                           fmt::format("postgresql {}: no answer from the server in {} s (hung or unreachable); the "
                                       "connection was closed, so the server rolls the transaction back",
                                       doing, std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - asked).count()));
        }
        if (!PQconsumeInput(conn_)) throw FaultFrom(conn_, nullptr, doing);
      }
      Result result(PQgetResult(conn_));
      if (!result) break;
      const auto status = PQresultStatus(result.get());
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) last = std::move(result);
      else if (!error) error = std::move(result);
    }
    if (error) throw FaultFrom(conn_, error.get(), doing);
    if (!last) throw FaultFrom(conn_, nullptr, doing);
    return last;
  }

  const std::string& Prepare(const std::string& key, std::string_view sql, const std::vector<Oid>& types) {
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    std::string name = fmt::format("s{}", statements_.size() + 1);
    const std::string numbered = NumberPlaceholders(sql);
    const std::string doing = fmt::format("prepare {}", sql.substr(0, 80));
    if (!conn_ || !PQsendPrepare(conn_, name.c_str(), numbered.c_str(), static_cast<int>(types.size()), types.data()))
      throw FaultFrom(conn_, nullptr, doing);
    Await(doing, AnswerDeadline());
    return statements_.emplace(key, std::move(name)).first->second;
  }

  PGconn* conn_ = nullptr;
  std::chrono::seconds answer_within_;
  bool bounded_ = true;
  bool gave_up_ = false;
  std::unordered_map<std::string, std::string> statements_;  // SQL and parameter types → name
};

namespace {

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(PostgresStore& store, std::unique_ptr<PostgresConnection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ~PostgresTransaction() override {
    if (!finished_ && connection_->Open()) {
      try {
        connection_->Exec("ROLLBACK");
      } catch (...) {
        // Release() closes a connection left inside a transaction rather than pool it.
      }
    }
    connection_->BoundAnswers(true);
    store_.Release(std::move(connection_));
  }

  void Start(TransactionMode mode) {
    writing_ = mode == TransactionMode::kWrite;
    connection_->Exec(writing_ ? kBeginWrite : kBeginRead);
  }
  bool ConnectionOpen() const { return connection_->Open(); }
  bool ConnectionGaveUp() const { return connection_->GaveUp(); }

  std::vector<Row> Query(std::string_view sql, const Params& params) override {
    try {
      return connection_->Run(sql, params, nullptr);
    } catch (const StoreFault& fault) {
      if (writing_) NoteWriteFault(store_, fault);
      throw;
    }
  }
  std::int64_t Execute(std::string_view sql, const Params& params) override {
    std::int64_t changes = 0;
    try {
      connection_->Run(sql, params, &changes);
    } catch (const StoreFault& fault) {
      if (writing_) NoteWriteFault(store_, fault);
      throw;
    }
    return changes;
  }
  void Commit() override {
    // Whatever COMMIT answers, the transaction is over: PostgreSQL never leaves one open after it.
    finished_ = true;
    try {
      auto result = connection_->Exec("COMMIT");
      // COMMIT of a transaction an earlier error aborted answers "ROLLBACK", not an error.
      if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0)
        throw StoreFault(StoreFault::Kind::kUnavailable,
                         "postgresql commit: the transaction was rolled back after an earlier error");
    } catch (const StoreFault& fault) {
      if (writing_) NoteWriteFault(store_, fault);
      throw;
    }
    if (writing_) NoteWriteCommitted(store_);
  }

 private:
  PostgresStore& store_;
  std::unique_ptr<PostgresConnection> connection_;
  bool finished_ = false;
  bool writing_ = false;  // noted in the store's WriteFailure() when it fails
};

}  // namespace

PostgresStore::PostgresStore(const std::string& url, std::chrono::milliseconds connection_wait)
    : url_(ParsePostgresUrl(url)),
      pool_(url_.pool_size, [this] { return std::make_unique<PostgresConnection>(url_); }, connection_wait) {
  Release(pool_.Acquire().connection);
}

PostgresStore::~PostgresStore() { ForgetWriteHealth(*this); }

StoreStats PostgresStore::Stats() const noexcept {
  StoreStats stats;
  pool_.Fill(stats);
  return stats;
}

void PostgresStore::Release(std::unique_ptr<PostgresConnection> connection) {
  const bool reusable = connection && connection->Reusable();
  pool_.Release(std::move(connection), reusable);
}

bool PostgresStore::Ping() noexcept {
  const auto deadline = Clock::now() + kReadyWithin;
  std::unique_lock lock(probe_mutex_, std::defer_lock);
  if (!lock.try_lock_until(deadline)) return false;  // the probe before this one is still waiting
  try {
    if (!probe_ || !probe_->Reusable()) probe_ = std::make_unique<PostgresConnection>(url_, deadline, kProbeName);
    probe_->Exec(kProbeWriters, deadline);
    return true;
  } catch (...) {
    probe_.reset();  // closed: the next probe starts on a fresh connection
    return false;
  }
}

std::unique_ptr<Transaction> PostgresStore::Begin(TransactionMode mode) {
  for (;;) {
    auto taken = pool_.Acquire();
    const bool fresh = taken.fresh;
    auto tx = std::make_unique<PostgresTransaction>(*this, std::move(taken.connection));
    try {
      tx->Start(mode);
      return tx;
    } catch (const StoreFault& fault) {
      // A pooled connection the server has closed since (restart, fail-over, an idle kill) fails
      // here before any work was done: drop it and try the next, ending with a new connection. One
      // the server did not answer in time is not retried: the next would wait as long again.
      if (fresh || fault.kind() != StoreFault::Kind::kUnavailable || tx->ConnectionOpen() || tx->ConnectionGaveUp())
        throw;
    }
  }
}

}  // namespace fd::store
