#include "store/postgres/postgres_store.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cctype>
#include <charconv>
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

// Every node's writers queue on this one advisory lock key ("frontdor" in ASCII): the whole
// database has one writer at a time, as an SQLite file does.
constexpr const char* kBeginWrite =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(7382365635419778930)";
// A read sees one snapshot for its whole transaction, as a read on SQLite's WAL does.
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// Durable commits whatever the server's default; a writer that waits longer than SQLite's busy
// timeout gives up with kBusy (SQLSTATE 55P03) rather than hang a request. No NOTICEs (libpq prints
// them on stderr: "relation … already exists, skipping" at every start, a plain line in the JSON log).
constexpr const char* kSessionSettings =
    "SET client_min_messages = warning; SET synchronous_commit = on; SET lock_timeout = '10s'; SET TimeZone = "
    "'UTC'; SET client_encoding = 'UTF8'";

StoreFault::Kind KindOf(std::string_view state) {
  if (state == "53100") return StoreFault::Kind::kFull;
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "53300")
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

PostgresUrl ParsePostgresUrl(const std::string& url) {
  PostgresUrl out;
  const auto question = url.find('?');
  std::string base = url.substr(0, question);
  std::vector<std::string> kept;
  bool has_timeout = false;
  if (question != std::string::npos) {
    std::string_view query(url);
    query.remove_prefix(question + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.starts_with("pool=")) {
        const std::string_view n = pair.substr(5);
        auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), out.pool_size);
        if (ec != std::errc() || end != n.data() + n.size() || out.pool_size < 1 || out.pool_size > 1000)
          throw StoreFault(StoreFault::Kind::kUnavailable,
                           fmt::format("database URL: pool must be a number from 1 to 1000, not '{}'", n));
      } else if (!pair.empty()) {
        has_timeout = has_timeout || pair.starts_with("connect_timeout=");
        kept.emplace_back(pair);
      }
    }
  }
  // Without a timeout libpq waits for an unreachable host for as long as TCP does.
  if (!has_timeout) kept.emplace_back("connect_timeout=10");
  out.conninfo = base;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    out.conninfo += i == 0 ? '?' : '&';
    out.conninfo += kept[i];
  }
  return out;
}

// One libpq connection with its prepared statements, named s1, s2, … and kept for the connection's
// life: after the first use a query costs one round trip with no parsing or planning.
class PostgresConnection {
 public:
  explicit PostgresConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      StoreFault fault(StoreFault::Kind::kUnavailable,
                       fmt::format("postgresql connect: {}", conn_ ? PQerrorMessage(conn_) : "out of memory"));
      PQfinish(conn_);
      conn_ = nullptr;
      throw fault;
    }
    Exec(kSessionSettings);
  }
  ~PostgresConnection() { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Runs SQL with no parameters by the simple protocol (BEGIN, COMMIT, session settings).
  Result Exec(const char* sql) {
    Result result(PQexec(conn_, sql));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw FaultFrom(conn_, result.get(), sql);
    return result;
  }

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
    const int n = static_cast<int>(params.size());
    Result result;
    if (IsCacheable(sql)) {
      const std::string& name = Prepare(key, sql, types);
      result.reset(PQexecPrepared(conn_, name.c_str(), n, values.data(), nullptr, nullptr, 0));
    } else {
      const std::string numbered = NumberPlaceholders(sql);
      result.reset(PQexecParams(conn_, numbered.c_str(), n, types.data(), values.data(), nullptr, nullptr, 0));
    }
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw FaultFrom(conn_, result.get(), std::string(sql.substr(0, 80)));
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

 private:
  const std::string& Prepare(const std::string& key, std::string_view sql, const std::vector<Oid>& types) {
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    std::string name = fmt::format("s{}", statements_.size() + 1);
    const std::string numbered = NumberPlaceholders(sql);
    Result result(PQprepare(conn_, name.c_str(), numbered.c_str(), static_cast<int>(types.size()), types.data()));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK)
      throw FaultFrom(conn_, result.get(), fmt::format("prepare {}", sql.substr(0, 80)));
    return statements_.emplace(key, std::move(name)).first->second;
  }

  PGconn* conn_ = nullptr;
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
    store_.Release(std::move(connection_));
  }

  void Start(TransactionMode mode) { connection_->Exec(mode == TransactionMode::kWrite ? kBeginWrite : kBeginRead); }
  bool ConnectionOpen() const { return connection_->Open(); }

  std::vector<Row> Query(std::string_view sql, const Params& params) override {
    return connection_->Run(sql, params, nullptr);
  }
  std::int64_t Execute(std::string_view sql, const Params& params) override {
    std::int64_t changes = 0;
    connection_->Run(sql, params, &changes);
    return changes;
  }
  void Commit() override {
    // Whatever COMMIT answers, the transaction is over: PostgreSQL never leaves one open after it.
    finished_ = true;
    auto result = connection_->Exec("COMMIT");
    // COMMIT of a transaction an earlier error aborted answers "ROLLBACK", not an error.
    if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0)
      throw StoreFault(StoreFault::Kind::kUnavailable,
                       "postgresql commit: the transaction was rolled back after an earlier error");
  }

 private:
  PostgresStore& store_;
  std::unique_ptr<PostgresConnection> connection_;
  bool finished_ = false;
};

}  // namespace

PostgresStore::PostgresStore(const std::string& url)
    : url_(ParsePostgresUrl(url)),
      pool_(url_.pool_size, [this] { return std::make_unique<PostgresConnection>(url_.conninfo); }) {
  Release(pool_.Acquire().connection);
}

PostgresStore::~PostgresStore() = default;

StoreStats PostgresStore::Stats() const noexcept {
  StoreStats stats;
  pool_.Fill(stats);
  return stats;
}

void PostgresStore::Release(std::unique_ptr<PostgresConnection> connection) {
  const bool reusable = connection && connection->Reusable();
  pool_.Release(std::move(connection), reusable);
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
      // here before any work was done: drop it and try the next, ending with a new connection.
      if (fresh || fault.kind() != StoreFault::Kind::kUnavailable || tx->ConnectionOpen()) throw;
    }
  }
}

}  // namespace fd::store
