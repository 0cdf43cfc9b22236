// The yardstick for durable contact creation (docs/benchmarks.md "Throughput"): SQLite alone,
// writing the rows one POST /api/v1/contacts writes, with the durability frontdoor uses, one
// transaction per contact, from as many threads as the server has handler threads.
//
// "The same rows" are taken from the database itself rather than written out here: the benchmark
// posts one contact through frontdoor first, and this program copies that contact's rows (the
// contact, its children, its audit event with the hash chain moved on, its deadlines, its
// acknowledgement, its e-mail in the outbox, its staff notice, and the reference counter) under a
// new id and reference in every transaction. So when frontdoor writes another row per contact,
// the yardstick writes it too.
//
//   raw_sqlite_insert --db FILE --template-contact ID --threads N --seconds S [--writers mutex|busy]
//                     [--sync group|full]
//
// Prints one JSON object: {"created": N, "seconds": S, "per_second": X, "threads": N}.
// Writers in one process queue on a mutex before BEGIN IMMEDIATE (the cheapest way SQLite allows
// several writer threads); SQLite's busy timeout stays set for writers in other processes.
// `--writers busy` leaves the queueing to SQLite's busy handler alone, which sleeps (1, 2, 5, 10 …
// ms) between tries rather than waking when the lock is free: the difference is measured in
// docs/benchmarks.md. `--sync group` (the default) commits as frontdoor does, at synchronous=NORMAL
// with one flush of the log for the commits waiting on it (store/sqlite/group_sync.h) before each
// counts as done; `--sync full` leaves the flush to SQLite inside every COMMIT.
#include <openssl/evp.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "store/sqlite/group_sync.h"

namespace {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Options {
  std::string db;
  std::int64_t template_contact = 0;
  int threads = 4;
  double seconds = 10;
  bool mutex = true;  // --writers mutex (default) or busy: SQLite's busy handler alone
  bool group = true;  // --sync group (default): as frontdoor commits; full: SQLite flushes in COMMIT
};

// What a copied column becomes in the new contact's rows.
enum class Replace { kKeep, kContactId, kContactIdText, kReference, kLink, kIdempotencyKey };

struct TableCopy {
  std::string table;
  std::string where;                       // selects the template contact's rows (?1 = its id)
  std::map<std::string, Replace> replace;  // columns rewritten for each new contact
};

// Every table a contact's creation writes, and how its rows point at the contact. The audit events
// are copied by hand (they carry the hash chain).
std::vector<TableCopy> ContactTables() {
  return {
      {"contacts", "id = ?1", {{"reference", Replace::kReference}}},
      {"contact_children", "contact_id = ?1", {{"contact_id", Replace::kContactId}}},
      {"deadlines", "record_type = 'contact' AND record_id = ?1",
       {{"record_id", Replace::kContactId}, {"record_reference", Replace::kReference}}},
      {"contact_acknowledgements", "contact_id = ?1", {{"contact_id", Replace::kContactId}}},
      {"outbox", "record_type = 'contact' AND record_id = ?1",
       {{"record_id", Replace::kContactId}, {"idempotency_key", Replace::kIdempotencyKey}}},
      {"staff_notices", "link = '/contacts/' || ?1", {{"link", Replace::kLink}}},
  };
}

void Check(sqlite3* db, int rc, const char* doing) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(fmt::format("{}: {} ({})", doing, sqlite3_errmsg(db), rc));
}

sqlite3* Open(const std::string& path, bool group) {
  sqlite3* db = nullptr;
  Check(db, sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr), "open");
  sqlite3_busy_timeout(db, 10000);
  // The same settings as src/store/sqlite/sqlite_store.cpp (--sync full: SQLite's own flush per COMMIT).
  for (const char* pragma : {"PRAGMA journal_mode=WAL", group ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL",
                             "PRAGMA foreign_keys=ON", "PRAGMA cache_size=-32768"})
    Check(db, sqlite3_exec(db, pragma, nullptr, nullptr, nullptr), pragma);
  return db;
}

sqlite3_stmt* Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  Check(db, sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr), sql.c_str());
  return stmt;
}

Value Column(sqlite3_stmt* stmt, int c) {
  switch (sqlite3_column_type(stmt, c)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt, c));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, c);
    case SQLITE_NULL: return std::monostate{};
    default:
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
  }
}

void Bind(sqlite3_stmt* stmt, int index, const Value& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) sqlite3_bind_int64(stmt, index, *i);
  else if (const auto* d = std::get_if<double>(&value)) sqlite3_bind_double(stmt, index, *d);
  else if (const auto* s = std::get_if<std::string>(&value))
    sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
  else sqlite3_bind_null(stmt, index);
}

// Runs a statement to the end; returns the first row's values (empty when none).
std::vector<Value> Step(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Value>& params) {
  sqlite3_reset(stmt);
  for (std::size_t i = 0; i < params.size(); ++i) Bind(stmt, static_cast<int>(i + 1), params[i]);
  std::vector<Value> first;
  for (int rc = sqlite3_step(stmt); rc != SQLITE_DONE; rc = sqlite3_step(stmt)) {
    Check(db, rc, sqlite3_sql(stmt));
    if (first.empty())
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) first.push_back(Column(stmt, c));
  }
  sqlite3_reset(stmt);
  return first;
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

// One table's template rows, and the INSERT that copies them.
struct Template {
  std::string sql;
  std::vector<Replace> columns;            // per inserted column
  std::vector<std::vector<Value>> rows;    // the template contact's rows, without their id
};

Template Capture(sqlite3* db, const TableCopy& copy, std::int64_t contact) {
  Template t;
  sqlite3_stmt* stmt = Prepare(db, fmt::format("SELECT * FROM {} WHERE {}", copy.table, copy.where));
  sqlite3_bind_int64(stmt, 1, contact);
  std::vector<std::string> names;
  std::vector<int> kept;
  for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
    const std::string name = sqlite3_column_name(stmt, c);
    if (name == "id") continue;  // a new row id each time
    names.push_back(name);
    kept.push_back(c);
    auto it = copy.replace.find(name);
    t.columns.push_back(it == copy.replace.end() ? Replace::kKeep : it->second);
  }
  for (int rc = sqlite3_step(stmt); rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
    std::vector<Value> row;
    for (int c : kept) row.push_back(Column(stmt, c));
    t.rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  std::string columns, marks;
  for (std::size_t i = 0; i < names.size(); ++i) {
    columns += (i ? ", " : "") + names[i];
    marks += i ? ", ?" : "?";
  }
  t.sql = fmt::format("INSERT INTO {} ({}) VALUES ({})", copy.table, columns, marks);
  return t;
}

struct AuditTemplate {
  std::vector<std::vector<Value>> rows;  // at, actor_id, actor, action, record_type, changes
};

AuditTemplate CaptureAudit(sqlite3* db, std::int64_t contact) {
  AuditTemplate t;
  sqlite3_stmt* stmt = Prepare(db,
                               "SELECT at, actor_id, actor, action, record_type, changes FROM audit_events "
                               "WHERE record_type = 'contact' AND record_id = ?1 AND action = 'contact.created'");
  sqlite3_bind_text(stmt, 1, std::to_string(contact).c_str(), -1, SQLITE_TRANSIENT);
  for (int rc = sqlite3_step(stmt); rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
    std::vector<Value> row;
    for (int c = 0; c < 6; ++c) row.push_back(Column(stmt, c));
    t.rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  return t;
}

std::mutex writer;  // the process's writers queue here, as they would on SQLite's own write lock
fd::store::GroupSync group_sync;  // --sync group: one flush of the log for the commits waiting on it

// The log flushed through SQLite's own handle of it, as the store does.
std::optional<std::string> FlushLog(sqlite3* db) {
  sqlite3_file* log = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) != SQLITE_OK || !log || !log->pMethods)
    return "the write-ahead log is not open";
  if (const int rc = log->pMethods->xSync(log, SQLITE_SYNC_NORMAL); rc != SQLITE_OK) return sqlite3_errstr(rc);
  return std::nullopt;
}

void Writer(const Options& options, const std::vector<Template>& templates, const AuditTemplate& audit,
            std::chrono::steady_clock::time_point until, std::atomic<std::int64_t>& created) {
  sqlite3* db = Open(options.db, options.group);
  sqlite3_stmt* begin = Prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* commit = Prepare(db, "COMMIT");
  sqlite3_stmt* counter =
      Prepare(db, "UPDATE reference_counters SET last_value = last_value + 1 WHERE prefix = 'FD' AND year = ?");
  sqlite3_stmt* counter_read = Prepare(db, "SELECT last_value FROM reference_counters WHERE prefix = 'FD' AND year = ?");
  sqlite3_stmt* head = Prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1");
  sqlite3_stmt* head_update = Prepare(db, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1");
  sqlite3_stmt* audit_insert = Prepare(db,
                                       "INSERT INTO audit_events (seq, at, actor_id, actor, action, record_type, "
                                       "record_id, changes, changes_hash, prev_hash, hash) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::vector<sqlite3_stmt*> inserts;
  for (const auto& t : templates) inserts.push_back(Prepare(db, t.sql));
  const std::int64_t year = 2026;

  std::int64_t mine = 0;
  while (std::chrono::steady_clock::now() < until) {
    std::unique_lock lock(writer, std::defer_lock);
    if (options.mutex) lock.lock();
    Step(db, begin, {});
    Step(db, counter, {year});
    const std::int64_t number = std::get<std::int64_t>(Step(db, counter_read, {year}).at(0));
    const std::string reference = fmt::format("FD-{}-{:06}", year, number);
    std::int64_t id = 0;
    for (std::size_t t = 0; t < templates.size(); ++t) {
      for (const auto& row : templates[t].rows) {
        std::vector<Value> values = row;
        for (std::size_t c = 0; c < values.size(); ++c) {
          switch (templates[t].columns[c]) {
            case Replace::kKeep: break;
            case Replace::kContactId: values[c] = id; break;
            case Replace::kContactIdText: values[c] = std::to_string(id); break;
            case Replace::kReference: values[c] = reference; break;
            case Replace::kLink: values[c] = fmt::format("/contacts/{}", id); break;
            case Replace::kIdempotencyKey: values[c] = fmt::format("contact:{}:acknowledgement", id); break;
          }
        }
        Step(db, inserts[t], values);
        if (t == 0) id = sqlite3_last_insert_rowid(db);  // contacts come first
      }
      if (t == 0) {
        // The audit event, chained onto the head as audit::Append does (two SHA-256s per event).
        for (const auto& row : audit.rows) {
          auto h = Step(db, head, {});
          const std::int64_t seq = std::get<std::int64_t>(h.at(0)) + 1;
          const std::string prev = std::get<std::string>(h.at(1));
          const std::string& changes = std::get<std::string>(row[5]);
          const std::string changes_hash = Sha256Hex(changes);
          const std::string hash = Sha256Hex(prev + std::to_string(seq) + std::get<std::string>(row[3]) + changes_hash);
          Step(db, audit_insert,
               {seq, row[0], row[1], row[2], row[3], row[4], std::to_string(id), changes, changes_hash, prev, hash});
          Step(db, head_update, {seq, hash});
        }
      }
    }
    Step(db, commit, {});
    if (options.group) {
      // As the store does: a ticket in commit order, the next writer let in, then the wait for a
      // flush that began after this commit.
      const std::uint64_t ticket = group_sync.Issue();
      if (lock.owns_lock()) lock.unlock();
      group_sync.WaitDurable(ticket, [db] { return FlushLog(db); });
    }
    ++mine;
  }
  created += mine;
  for (auto* s : inserts) sqlite3_finalize(s);
  for (auto* s : {begin, commit, counter, counter_read, head, head_update, audit_insert}) sqlite3_finalize(s);
  sqlite3_close_v2(db);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--db") o.db = value;
    else if (flag == "--template-contact") o.template_contact = std::stoll(value);
    else if (flag == "--threads") o.threads = std::stoi(value);
    else if (flag == "--seconds") o.seconds = std::stod(value);
    else if (flag == "--writers") o.mutex = value != "busy";
    else if (flag == "--sync") o.group = value != "full";
    else throw std::runtime_error("unknown option " + flag);
  }
  if (o.db.empty() || o.template_contact <= 0)
    throw std::runtime_error("usage: raw_sqlite_insert --db FILE --template-contact ID [--threads N] [--seconds S]");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = Parse(argc, argv);
    std::vector<Template> templates;
    AuditTemplate audit;
    {
      sqlite3* db = Open(options.db, options.group);
      for (const auto& copy : ContactTables()) templates.push_back(Capture(db, copy, options.template_contact));
      audit = CaptureAudit(db, options.template_contact);
      sqlite3_close_v2(db);
    }
    if (templates.at(0).rows.size() != 1) throw std::runtime_error("the template contact is not in the database");
    std::size_t rows = audit.rows.size() * 2 + 1;  // each event moves the audit head; + reference counter
    for (const auto& t : templates) rows += t.rows.size();
    std::cerr << fmt::format("raw_sqlite_insert: {} rows written per contact, {} threads, {} s\n", rows,
                             options.threads, options.seconds);

    std::atomic<std::int64_t> created{0};
    const auto start = std::chrono::steady_clock::now();
    const auto until = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(options.seconds));
    std::vector<std::thread> threads;
    for (int i = 0; i < options.threads; ++i)
      threads.emplace_back([&] { Writer(options, templates, audit, until, created); });
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // The process's CPU time over the run (all threads): the cost of a contact when the disk is not the limit.
    const double cpu_seconds = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
    std::cout << fmt::format(R"({{"created": {}, "seconds": {:.3f}, "per_second": {:.1f}, "threads": {}, "rows_per_contact": {}, "writers": "{}", "cpu_ms_per_contact": {:.3f}}})",
                             created.load(), seconds, static_cast<double>(created.load()) / seconds, options.threads,
                             rows, options.mutex ? "mutex" : "busy",
                             created.load() ? cpu_seconds * 1000 / static_cast<double>(created.load()) : 0.0)
              << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "raw_sqlite_insert: " << e.what() << "\n";
    return 1;
  }
}
