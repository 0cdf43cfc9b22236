#include "cli/seed_people.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>

#include "domain/instant.h"
#include "synth/population.h"
#include "synth/queries.h"

namespace fd::cli {
namespace {

// Rows of one table written with multi-row INSERTs of up to kRowsPerStatement rows: the full-size
// statement is prepared once per connection and reused, which is most of the speed of a bulk load.
class BulkInsert {
 public:
  BulkInsert(store::Transaction& tx, std::string head, std::size_t columns)
      : tx_(tx), head_(std::move(head)), columns_(columns) {}
  ~BulkInsert() = default;

  void Add(store::Params row) {
    for (auto& value : row) params_.push_back(std::move(value));
    if (++rows_ == kRowsPerStatement) Flush();
  }
  void Flush() {
    if (rows_ == 0) return;
    std::string& sql = statements_[rows_];
    if (sql.empty()) {
      std::string row = "(";
      for (std::size_t c = 0; c < columns_; ++c) row += c == 0 ? "?" : ",?";
      row += ")";
      sql = head_ + " VALUES " + row;
      // sql-scan: allow a multi-row INSERT of "(?,…)" placeholder groups; every value is bound
      for (std::size_t r = 1; r < rows_; ++r) sql += "," + row;
    }
    tx_.Execute(sql, params_);
    count_ += static_cast<std::int64_t>(rows_);
    params_.clear();
    rows_ = 0;
  }
  std::int64_t count() const { return count_; }

 private:
  static constexpr std::size_t kRowsPerStatement = 50;
  store::Transaction& tx_;
  std::string head_;
  std::size_t columns_;
  store::Params params_;
  std::size_t rows_ = 0;
  std::int64_t count_ = 0;
  std::map<std::size_t, std::string> statements_;  // by row count
};

store::Value Date(const std::optional<synth::Day>& day) {
  return day ? store::Value(synth::FormatDay(*day)) : store::Value();
}

struct Allocation {
  std::vector<std::int64_t> workers;  // user ids
  std::map<std::string, std::int64_t> teams;                                  // by name
};

Allocation PrepareAllocation(store::Store& store) {
  Allocation a;
  auto tx = store.Begin(store::TransactionMode::kWrite);
  for (const auto& row : tx->Query("SELECT id FROM users WHERE active = 1 AND role IN "
                                   "('social_worker', 'team_manager') ORDER BY id"))
    a.workers.push_back(row.Int(0));
  for (const char* name : {"Assessment", "Early Help", "Children in Need", "Child Protection", "Children in Care"}) {
    auto rows = tx->Query("SELECT id FROM teams WHERE name = ?", {name});
    a.teams[name] = rows.empty() ? tx->Query("INSERT INTO teams (name) VALUES (?) RETURNING id", {name}).at(0).Int(0)
                                 : rows[0].Int(0);
  }
  tx->Commit();
  return a;
}

// One transaction: the people of `families` and everything about them.
void WriteBatch(store::Store& store, const std::vector<synth::Family>& families, std::int64_t offset,
                const Allocation& allocation, const std::string& now, SeedPeopleReport& report) {
  auto tx = store.Begin(store::TransactionMode::kWrite);
  BulkInsert people(*tx,
                    "INSERT INTO people (id, first_names, last_name, date_of_birth, nhs_number, household, is_child, "
                    "open_case, allocated_user_id, team_id, child_protection_plan, looked_after, known_history, "
                    "gender, expected_date, postcode, restricted, restricted_ask, created_at)",
                    19);
  BulkInsert names(*tx, "INSERT INTO person_names (person_id, kind, first_names, last_name, from_date, to_date)", 6);
  BulkInsert addresses(*tx, "INSERT INTO person_addresses (person_id, address, postcode, from_date, to_date)", 5);
  BulkInsert relationships(*tx, "INSERT INTO relationships (person_id, related_person_id, kind, from_date, to_date)", 5);
  BulkInsert involvements(*tx,
                          "INSERT INTO involvements (person_id, kind, started_on, ended_on, allocated_user_id, "
                          "team_id, reference, summary)",
                          8);
  // The synthetic worker number picks one of the store's workers in turn.
  auto worker = [&allocation](int index) {
    if (index < 0 || allocation.workers.empty()) return store::Value();
    return store::Value(allocation.workers[static_cast<std::size_t>(index) % allocation.workers.size()]);
  };
  auto team = [&allocation](const std::string& name) {
    auto it = allocation.teams.find(name);
    return it == allocation.teams.end() ? store::Value() : store::Value(it->second);
  };
  std::int64_t low = 0, high = 0;
  for (const synth::Family& family : families) {
    for (const synth::SynthPerson& p : family.people) {
      const std::int64_t id = p.id + offset;
      if (low == 0) low = id;
      high = id;
      const synth::Involvement* allocated = p.Allocation();
      const store::Value user = worker(allocated ? allocated->worker : -1);
      people.Add({id, p.FirstNames(), p.surname, Date(p.date_of_birth), p.nhs_number, p.household, p.is_child,
                  p.OpenCase(), user, allocated ? team(allocated->team) : store::Value(),
                  p.Open(synth::InvolvementKind::kChildProtectionPlan), p.Open(synth::InvolvementKind::kLookedAfter),
                  p.KnownHistory(), p.gender, Date(p.expected_date), p.CurrentPostcode(), p.restricted,
                  p.restricted ? "the adoption team manager" : "", now});
    }
  }
  // People first: the other tables refer to them, and foreign keys are checked at once.
  people.Flush();
  for (const synth::Family& family : families) {
    for (const synth::SynthPerson& p : family.people) {
      const std::int64_t id = p.id + offset;
      for (const synth::PreviousName& n : p.previous_names)
        names.Add({id, "previous", n.first_names, n.last_name, Date(n.from), Date(n.to)});
      for (const synth::AddressSpell& a : p.addresses)
        addresses.Add({id, a.address, a.postcode, synth::FormatDay(a.from), Date(a.to)});
      for (const synth::Involvement& i : p.involvements) {
        const store::Value who = worker(i.worker);
        involvements.Add({id, std::string(synth::ToString(i.kind)), synth::FormatDay(i.started), Date(i.ended), who,
                          i.team.empty() ? store::Value() : team(i.team), i.reference, i.summary});
      }
    }
    for (const synth::Relationship& r : family.relationships)
      relationships.Add({r.person_id + offset, r.related_person_id + offset, std::string(synth::ToString(r.kind)),
                         Date(r.from), Date(r.to)});
  }
  names.Flush();
  addresses.Flush();
  relationships.Flush();
  involvements.Flush();
  // One change per person, so every node's match index picks the batch up (store::NotePersonChanged).
  if (low != 0)
    tx->Execute("INSERT INTO person_changes (person_id, changed_at) SELECT id, ? FROM people WHERE id BETWEEN ? AND ?",
                {now, low, high});
  tx->Commit();
  report.people += people.count();
  report.names += names.count();
  report.addresses += addresses.count();
  report.relationships += relationships.count();
  report.involvements += involvements.count();
}

}  // namespace

SeedPeopleReport SeedPeople(store::Store& store, const SeedPeopleOptions& options, std::ostream& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  SeedPeopleReport report;
  std::int64_t offset = 0;
  {
    auto tx = store.Begin(store::TransactionMode::kRead);
    if (!tx->Query("SELECT id FROM people WHERE household LIKE 'synth-%' LIMIT 1").empty()) return report;
    offset = tx->Query("SELECT COALESCE(MAX(id), 0) FROM people").at(0).Int(0);
  }
  std::ofstream queries_file;
  if (!options.queries_path.empty()) {
    queries_file.open(options.queries_path);
    if (!queries_file) throw std::runtime_error("cannot write " + options.queries_path);
  }
  const Allocation allocation = PrepareAllocation(store);
  const std::string now = FormatUtc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));

  const synth::PopulationOptions population{options.seed, options.people, synth::MakeDay(2026, 6, 1)};
  synth::PopulationGenerator generator(population);
  synth::QuerySampler sampler({options.seed, options.queries, 0.2, 0.25}, population);
  std::vector<synth::Family> batch;
  std::int64_t in_batch = 0;
  synth::Family family;
  auto flush = [&] {
    WriteBatch(store, batch, offset, allocation, now, report);
    batch.clear();
    in_batch = 0;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    progress << fmt::format("  {} of {} people ({:.0f} s)\n", report.people, options.people, seconds) << std::flush;
  };
  while (generator.Next(family)) {
    if (queries_file.is_open()) sampler.Offer(family);
    in_batch += static_cast<std::int64_t>(family.people.size());
    batch.push_back(std::move(family));
    if (in_batch >= options.batch) flush();
  }
  if (!batch.empty()) flush();
  if (store.dialect() == store::Dialect::kPostgres) {
    // Explicit ids leave an identity sequence behind; move it past them.
    auto tx = store.Begin(store::TransactionMode::kWrite);
    tx->Query("SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT MAX(id) FROM people))");
    tx->Commit();
  }
  if (queries_file.is_open()) {
    for (const synth::LabelledQuery& q : sampler.Finish()) {
      queries_file << synth::ToJsonLine(q, offset) << "\n";
      ++report.queries;
    }
    if (!queries_file.flush()) throw std::runtime_error("cannot write " + options.queries_path);
  }
  report.loaded = true;
  report.first_id = offset + 1;
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace fd::cli
