#include "cli/command_context.h"

#include <iostream>

#include "cli/config.h"
#include "cli/database_choice.h"
#include "cli/durable_file.h"
#include "policy/procedures.h"
#include "store/migrations.h"
#include "store/store.h"

namespace fd::cli {

void AddStoreOptions(CLI::App* command, StoreOptions& options) {
  command->add_option("--config", options.config_path, "Configuration file (TOML)");
  command->add_option("--database", options.database, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  command->add_option("--policy", options.policy, "Policy pack file or authority folder");
}

int WithContext(const StoreOptions& options, const std::function<int(app::AppContext&)>& work) {
  auto config = LoadConfig(options.config_path);
  if (!config) {
    std::cerr << "frontdoor: " << config.error() << "\n";
    return 2;
  }
  auto database = ChooseDatabase(options.database, *config, options.config_path);
  if (!database) {
    std::cerr << "frontdoor: " << database.error() << "\n";
    return 2;
  }
  config->database = database->url;
  if (!options.policy.empty()) config->policy = options.policy;
  auto procedures = policy::Procedures::Load(config->policy);
  if (!procedures) {
    std::cerr << "frontdoor: the policy pack " << config->policy << " is not valid\n";
    return 2;
  }
  store::StorePtr store;
  {
    const OwnerOnlyFiles owner_only;  // a database made here is its owner's alone, as serve's and migrate's
    store = store::OpenStore(config->database,
                             {.connection_wait = std::chrono::milliseconds{config->connection_wait_ms}});
    store::Migrate(*store);
  }
  app::SystemClock clock;
  app::AppContext ctx{*store, clock, **procedures, (*procedures)->time_zone()};
  Configure(ctx, *config);
  return work(ctx);
}

void Configure(app::AppContext& ctx, const Config& config) {
  ctx.public_url = config.public_url.empty() ? "http://" + config.listen : config.public_url;
  ctx.intake_team = config.intake_team;
  ctx.portal_throttle =
      std::make_shared<app::AddressThrottle>("portal_requests", static_cast<int>(config.portal_requests_per_hour),
                                             std::chrono::hours{1});
}

int Fail(const Error& error) {
  std::cerr << "frontdoor: " << error.message << "\n";
  for (const auto& f : error.fields)
    if (f.message != error.message) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return error.code == ErrorCode::kNotFound || error.code == ErrorCode::kInvalid ? 2 : 1;
}

}  // namespace fd::cli
