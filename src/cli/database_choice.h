// Which database a command acts on and who named it (the --database flag, or database.url in the
// configuration file), so that every problem with it — a URL that is not one, a database that is
// read-only, down or newer than this program — is told as a `frontdoor: …` line naming the setting
// to put right, never as an uncaught exception.
#pragma once

#include <expected>
#include <string>

#include "cli/config.h"
#include "store/store.h"

namespace fd::cli {

struct DatabaseChoice {
  std::string url;
  std::string named_by;  // "--database", or "database.url in FILE"
};

// The URL from `flag` when given, else `config`'s (read from `config_path`). Refuses what is not
// sqlite:PATH or postgresql://… (a typo such as `sqllite:` used to make a new, empty database in a
// folder of that name). Remembers the choice for ExplainStoreFault.
std::expected<DatabaseChoice, std::string> ChooseDatabase(const std::string& flag, const Config& config,
                                                          const std::string& config_path);

// What went wrong with the chosen database and what to do about it, as lines to print.
std::string ExplainStoreFault(const store::StoreFault& fault);

}  // namespace fd::cli
