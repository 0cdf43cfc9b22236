// What the commands that act on the records share: the --config/--database/--policy options and
// a context (migrated store, the authority's procedures, the real clock) to act in.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "app/context.h"
#include "cli/config.h"
#include "domain/error.h"

namespace fd::cli {

struct StoreOptions {
  std::string config_path;
  std::string database;
  std::string policy;
};

void AddStoreOptions(CLI::App* command, StoreOptions& options);

// Opens the configured store (migrated) and runs `work` with a context acting in real time.
// Returns the exit code: 2 for a bad configuration, else what `work` returns.
int WithContext(const StoreOptions& options, const std::function<int(app::AppContext&)>& work);

// The settings of `config` a context acts on: where referrers' links point, and the front door's
// team. Every command that makes a context calls it, so a contact recorded by `seed-demo` or a
// command is recorded as one recorded by the server would be.
void Configure(app::AppContext& ctx, const Config& config);

// Prints an error the way every command does; returns the exit code for it (2: the input was wrong).
int Fail(const Error& error);

}  // namespace fd::cli
