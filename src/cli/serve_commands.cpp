// serve, migrate, seed-demo.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <iostream>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/demo_data.h"
#include "calendar/local_time.h"
#include "cli/backup.h"
#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/database_choice.h"
#include "cli/database_lock.h"
#include "cli/durable_file.h"
#include "cli/seed_people.h"
#include "domain/instant.h"
#include "logging/log.h"
#include "notify/smtp_sender.h"
#include "policy/procedures.h"
#include "service/service.h"
#include "store/migrations.h"
#include "store/write_health.h"

namespace fd::cli {
namespace {

struct CommonOptions {
  std::string config_path;
  std::string database;
  std::string policy;
};

void AddCommon(CLI::App* command, CommonOptions& options) {
  command->add_option("--config", options.config_path, "Configuration file (TOML)");
  command->add_option("--database", options.database, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  command->add_option("--policy", options.policy, "Policy pack file or authority folder, e.g. policies/kent");
}

// Loads the config and applies command-line overrides; prints the problem and returns nullopt on error.
std::optional<Config> Resolve(const CommonOptions& options) {
  auto config = LoadConfig(options.config_path);
  if (!config) {
    std::cerr << "frontdoor: " << config.error() << "\n";
    return std::nullopt;
  }
  auto database = ChooseDatabase(options.database, *config, options.config_path);
  if (!database) {
    std::cerr << "frontdoor: " << database.error() << "\n";
    return std::nullopt;
  }
  config->database = database->url;
  if (!options.policy.empty()) config->policy = options.policy;
  return std::move(*config);
}

// SQLite creates the file but not its folder; make var/ on first run. A PostgreSQL URL names no folder.
void EnsureDatabaseFolder(const std::string& url) {
  if (!url.starts_with("sqlite:")) return;
  const auto parent = std::filesystem::path(url.substr(7)).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

// The folders of page templates and static files, which the server cannot start without, checked
// here so the message names the setting to correct.
std::optional<std::string> MissingFolder(const Config& config) {
  std::error_code ec;
  if (!std::filesystem::is_directory(config.templates, ec))
    return fmt::format("paths.templates (or --templates) is '{}', which is not a folder of page templates "
                       "(a relative path is from the working folder, {})",
                       config.templates, std::filesystem::current_path(ec).string());
  if (!std::filesystem::is_directory(config.static_dir, ec))
    return fmt::format("paths.static (or --static) is '{}', which is not a folder of static files (build them with "
                       "`make`; a relative path is from the working folder, {})",
                       config.static_dir, std::filesystem::current_path(ec).string());
  return std::nullopt;
}

// The authority's procedures; prints every error (file:line) and returns null when a pack is invalid,
// so the server refuses to start rather than run on procedures it cannot read.
std::shared_ptr<const policy::Procedures> LoadProcedures(const Config& config) {
  auto procedures = policy::Procedures::Load(config.policy);
  if (!procedures) {
    std::cerr << "frontdoor: the policy pack " << config.policy << " is not valid:\n";
    for (const auto& e : procedures.error()) std::cerr << "  " << e.ToString() << "\n";
    return nullptr;
  }
  return *procedures;
}

// A bank-holiday list ending within a year is logged at every start, so it is updated long before a
// due time needs the year after it (docs/monitoring.md: /metrics has the date too).
void WarnOfBankHolidays(const policy::Procedures& procedures, Instant now) {
  const auto today = calendar::LocalDate(now, procedures.time_zone());
  std::set<std::string> warned;
  for (const auto& pack : procedures.versions())
    if (warned.insert(pack.bank_holiday_file + "#" + pack.bank_holiday_division).second)
      if (auto warning = policy::BankHolidayWarning(pack, policy::CalendarFor(pack), today))
        spdlog::warn("{}", *warning);
}

// How a command says what it migrated: printed for a person (migrate: always; seed-demo: when it
// did anything), or as log lines for the server, whose output is its JSON log.
enum class MigrationReport { kPrint, kPrintIfApplied, kLog };

store::StorePtr OpenAndMigrate(const Config& config, MigrationReport say) {
  EnsureDatabaseFolder(config.database);
  store::StorePtr store;
  store::MigrationReport report;
  {
    // A database made here (and its -wal and -shm, which SQLite makes with the database's mode) is its
    // owner's alone, as a backup is: it holds every child's record.
    const OwnerOnlyFiles owner_only;
    store = store::OpenStore(config.database, {.connection_wait = std::chrono::milliseconds{config.connection_wait_ms}});
    report = store::Migrate(*store);
    // SQLite opens a file this user cannot write read-only without a word, and a migrated database
    // needs no write: without this, the server started and every sign-in failed (docs/operations.md).
    store::CheckWritable(*store);
  }
  if (say == MigrationReport::kLog) {
    for (const auto& m : report.applied) spdlog::info("migrated: {}", m);
    if (!report.applied.empty()) spdlog::info("schema version {}", report.to_version);
  } else if (say == MigrationReport::kPrint || !report.applied.empty()) {
    for (const auto& m : report.applied) std::cout << "migrated: " << m << "\n";
    std::cout << "schema version " << report.to_version << "\n";
  }
  return store;
}

// What the stop-signal thread acts on: the server once it is running, or nothing yet (start-up).
struct StopState {
  std::mutex mutex;
  service::Service* server = nullptr;
  bool finished = false;
};

int Serve(const CommonOptions& common, const std::string& listen_override, const std::string& port_file,
          const std::string& templates, const std::string& static_dir, const std::string& clock_start) {
  auto config = Resolve(common);
  if (!config) return 2;
  if (!listen_override.empty()) config->listen = listen_override;
  if (!templates.empty()) config->templates = templates;
  if (!static_dir.empty()) config->static_dir = static_dir;
  auto listen = ParseListen(config->listen);
  if (!listen) {
    std::cerr << "frontdoor: " << listen.error() << "\n";
    return 2;
  }
  // The whole configuration is checked before the database is touched: a bad smtp.url used to be
  // found only after the database had been made and migrated.
  if (!config->smtp_url.empty()) {
    notify::SmtpOptions smtp{.url = config->smtp_url};
    if (!config->smtp_from.empty()) smtp.from = config->smtp_from;
    if (auto sender = notify::SmtpSender::Create(std::move(smtp)); !sender) {
      std::cerr << "frontdoor: " << (common.config_path.empty() ? std::string("the configuration") : common.config_path)
                << ": " << sender.error().message << "\n";
      return 2;
    }
  }
  logging::Configure(logging::FormatFromName(config->log_format).value_or(logging::Format::kJson));

  // Block the stop signals in every thread; one thread waits for them and stops the server cleanly.
  // It waits from the first moment, not only once the server listens: a stop during start-up
  // (migrating, loading the register's index, starting threads) ends the program at once, as
  // nothing is being served yet; before, the signal waited, blocked, for a start-up that might
  // never finish (docs/operations.md).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  StopState stop;
  std::thread signal_waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    std::lock_guard lock(stop.mutex);
    if (stop.finished) return;  // woken by the program itself on its way out
    if (stop.server) {
      spdlog::info("signal {} received: stopping after requests in flight", received);
      stop.server->Stop();
      return;
    }
    spdlog::info("signal {} received during start-up: stopping now", received);
    spdlog::default_logger()->flush();
    std::cout.flush();
    std::_Exit(0);  // nothing served, nothing in flight; the database's own transactions are atomic
  });
  // On every way out: wakes the waiter (if no signal came) and waits for it, before the server it
  // may point at is destroyed.
  auto release_waiter = [&] {
    if (!signal_waiter.joinable()) return;
    {
      std::lock_guard lock(stop.mutex);
      stop.finished = true;
      stop.server = nullptr;
    }
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
  };
  struct ReleaseOnReturn {
    std::function<void()> release;
    ~ReleaseOnReturn() { release(); }
  } release_on_return{release_waiter};

  std::unique_ptr<app::Clock> clock = std::make_unique<app::SystemClock>();
  if (!clock_start.empty()) {
    auto start = ParseUtc(clock_start);
    if (!start) {
      std::cerr << "frontdoor: --clock-start must be a UTC time such as 2026-11-27T15:59:00Z\n";
      return 2;
    }
    clock = std::make_unique<app::ShiftedClock>(*start);
  }
  auto procedures = LoadProcedures(*config);
  if (!procedures) return 1;
  WarnOfBankHolidays(*procedures, clock->Now());
  if (auto missing = MissingFolder(*config)) {
    std::cerr << "frontdoor: " << *missing << "\n";
    return 1;
  }
  // Held until the server exits, so that `restore` refuses to replace the database under it.
  DatabaseLock serving;
  if (const std::string sqlite_path = SqlitePathOf(config->database); !sqlite_path.empty()) {
    EnsureDatabaseFolder(config->database);
    auto lock = LockDatabase(sqlite_path, LockUse::kServing);
    if (!lock) {
      std::cerr << "frontdoor: cannot start: " << lock.error().reason
                << (lock.error().in_use ? ": start the service when the restore has finished" : "") << "\n";
      return 1;
    }
    serving = std::move(*lock);
    std::error_code ec;
    // Said, since a path mistyped in database.url would otherwise look like a service that lost its records.
    if (!std::filesystem::exists(sqlite_path, ec))
      spdlog::warn("there is no database at {}: making a new, empty one (check database.url if records were "
                   "expected there)",
                   sqlite_path);
  }
  // A database that cannot be opened (locked by another program for longer than the busy timeout,
  // unreachable, read-only, from a newer version) is named with the setting it came from, exit 1.
  store::StorePtr store;
  try {
    store = OpenAndMigrate(*config, MigrationReport::kLog);
  } catch (const store::StoreFault& e) {
    std::cerr << ExplainStoreFault(e) << "\n";
    return 1;
  }
  app::AppContext ctx{*store, *clock, *procedures, procedures->time_zone()};
  Configure(ctx, *config);
  // Status links are e-mailed with this address in them; the listen address is this machine's own
  // (or a private one behind a load balancer, different on each node), so referrers' links would not open.
  if (config->public_url.empty() && !config->smtp_url.empty())
    spdlog::warn("server.public_url is not set: links e-mailed to referrers (their status links) will point at "
                 "{}, which people outside cannot reach; set server.public_url to the address they use "
                 "(docs/operations.md)",
                 ctx.public_url);
  if (!clock_start.empty())
    spdlog::warn("rehearsal clock: the time is taken to be {} at start, not the real time", clock_start);

  service::ServiceOptions options;
  options.server.address = listen->first;
  options.server.port = listen->second;
  options.server.io_threads = config->io_threads;
  options.server.handler_threads = config->handler_threads;
  options.server.max_connections = static_cast<std::size_t>(config->max_connections);
  options.server.max_queued_requests = static_cast<std::size_t>(config->max_queued_requests);
  options.server.trust_proxy = config->trust_proxy;
  options.templates_dir = config->templates;
  options.static_dir = config->static_dir;
  options.secure_cookies = config->secure_cookies;
  options.smtp_url = config->smtp_url;
  options.smtp_from = config->smtp_from;
  // Never under a rehearsal clock: a clock set in the future would purge records that are not due.
  options.retention_daily = config->retention_daily && clock_start.empty();
  // A port another program has, an address not this machine's, a missing templates or static
  // folder: an operator's mistake to name, not a crash (`make soak` found a busy port aborting
  // the server on the bind's uncaught boost::system::system_error).
  std::optional<service::Service> started;
  try {
    started.emplace(ctx, options);
    started->Start();
    std::lock_guard lock(stop.mutex);
    stop.server = &*started;
  } catch (const std::exception& e) {
    std::cerr << "frontdoor: cannot start on " << config->listen << ": " << e.what() << "\n";
    if (std::string(e.what()).find("already in use") != std::string::npos)
      std::cerr << "frontdoor: another program is listening on " << config->listen
                << ": change server.listen (or --listen), or stop the other program\n";
    return 1;
  }
  service::Service& server = *started;
  const std::string host = options.server.address.find(':') != std::string::npos ? "[" + options.server.address + "]" : options.server.address;
  // A log line like every other the server writes, so its output reads as JSON throughout
  // (journalctl -o cat | jq); flushed at once, as scripts wait for it.
  spdlog::info("frontdoor listening on http://{}:{}", host, server.port());
  spdlog::default_logger()->flush();
  if (!port_file.empty()) {
    std::ofstream(port_file + ".tmp") << server.port() << "\n";
    std::filesystem::rename(port_file + ".tmp", port_file);
  }

  server.Wait();
  release_waiter();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void AddServeCommands(CLI::App& app, int& exit_code) {
  static CommonOptions serve_common, migrate_common, seed_common;
  static std::string listen, port_file, templates, static_dir, clock_start;
  static SeedPeopleOptions seed_people;

  auto* serve = app.add_subcommand("serve", "Run the web server");
  AddCommon(serve, serve_common);
  serve->add_option("--listen", listen, "Address to listen on, HOST:PORT (port 0: any free port)");
  serve->add_option("--port-file", port_file, "Write the bound port to this file once listening");
  serve->add_option("--templates", templates, "Folder of page templates");
  serve->add_option("--static", static_dir, "Folder of static files (CSS, JS, GOV.UK Frontend)");
  serve->add_option("--clock-start", clock_start,
                    "Training and rehearsal only: start the clock at this UTC time (e.g. 2026-11-27T15:59:00Z)");
  serve->callback(
      [&exit_code] { exit_code = Serve(serve_common, listen, port_file, templates, static_dir, clock_start); });

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  AddCommon(migrate, migrate_common);
  migrate->callback([&exit_code] {
    auto config = Resolve(migrate_common);
    if (!config) {
      exit_code = 2;
      return;
    }
    OpenAndMigrate(*config, MigrationReport::kPrint);
    exit_code = 0;
  });

  auto* seed = app.add_subcommand("seed-demo", "Load demo users and contacts (once), and a synthetic population");
  AddCommon(seed, seed_common);
  seed->add_option("--people", seed_people.people,
                   "Also load a synthetic population of N people (families, households, history) into the register");
  seed->add_option("--queries", seed_people.queries_path,
                   "With --people: write labelled search queries with their true answers to FILE (JSON lines)");
  seed->add_option("--query-count", seed_people.queries, "With --queries: how many (default 10000)");
  seed->add_option("--seed", seed_people.seed, "With --people: the generator's seed (default 1)");
  seed->callback([&exit_code] {
    auto config = Resolve(seed_common);
    if (!config) {
      exit_code = 2;
      return;
    }
    auto procedures = LoadProcedures(*config);
    if (!procedures) {
      exit_code = 1;
      return;
    }
    auto store = OpenAndMigrate(*config, MigrationReport::kPrintIfApplied);
    app::SystemClock clock;
    app::AppContext ctx{*store, clock, *procedures, procedures->time_zone()};
    Configure(ctx, *config);
    auto report = app::SeedDemo(ctx);
    if (!report.seeded) {
      std::cout << "demo data: the database already has users; nothing loaded\n";
    } else {
      std::cout << "demo data loaded: " << report.logins.size() << " users, " << report.contacts << " contacts\n";
    }
    if (seed_people.people > 0) {
      std::cout << "synthetic population: loading " << seed_people.people << " people\n";
      const auto loaded = SeedPeople(*store, seed_people, std::cout);
      if (!loaded.loaded) {
        std::cout << "synthetic population: the register already holds one; nothing loaded\n";
      } else {
        std::cout << fmt::format(
            "synthetic population loaded in {:.1f} s ({:.0f} people/s): {} people (ids {}–{}), {} previous names, "
            "{} addresses, {} relationships, {} involvements\n",
            loaded.seconds, static_cast<double>(loaded.people) / loaded.seconds, loaded.people, loaded.first_id,
            loaded.first_id + loaded.people - 1, loaded.names, loaded.addresses, loaded.relationships,
            loaded.involvements);
        if (!seed_people.queries_path.empty())
          std::cout << loaded.queries << " labelled queries written to " << seed_people.queries_path << "\n";
      }
    }
    exit_code = 0;
  });
}

}  // namespace fd::cli
