#include "cli/database_choice.h"

#include <fmt/format.h>

#include "store/database_url.h"

namespace fd::cli {
namespace {

// The last database chosen in this process: a command acts on one, and a fault thrown from deep in
// its work reaches main() without it.
DatabaseChoice& Chosen() {
  static DatabaseChoice chosen;
  return chosen;
}

// What an operator can do about a fault, from its kind and SQLite's or PostgreSQL's own words.
std::string Remedy(const store::StoreFault& fault, const DatabaseChoice& chosen) {
  const std::string what = fault.what();
  if (what.find("readonly") != std::string::npos || what.find("read-only") != std::string::npos ||
      what.find("permission denied") != std::string::npos)
    return "the database (or its folder) cannot be written by this user: run frontdoor as the user that "
           "owns it (the service's user, e.g. sudo -u frontdoor), or correct its permissions";
  // A database made 0600 by the service's user is not even readable by another: SQLite says only this.
  if (what.find("unable to open database file") != std::string::npos)
    return "the database (or its folder) cannot be opened by this user, or is not there: run frontdoor as the "
           "user that owns it (the service's user, e.g. sudo -u frontdoor), or correct its permissions or the path";
  if (what.find("statement timeout") != std::string::npos)
    return "a statement ran longer than the database's time limit: for a command over a large database, "
           "raise it in the URL for that run, e.g. ?statement_timeout=600 (docs/operations.md \"Settings\")";
  if (what.find("newer than this program") != std::string::npos)
    return "it was written by a newer frontdoor: run that version, or restore a backup made by this one "
           "(docs/operations.md \"Upgrade\")";
  switch (fault.kind()) {
    case store::StoreFault::Kind::kFull:
      return "the disk is full: free space, then try again";
    case store::StoreFault::Kind::kBusy:
      return "another program holds the database locked: try again when it has finished";
    case store::StoreFault::Kind::kCorrupt:
      return "the database is damaged: restore the latest backup (docs/operations.md \"Back up and "
             "restore\")";
    default:
      return fmt::format(
          "check {} and that the database can be reached (for PostgreSQL: the server is running "
          "and accepts this user)",
          chosen.named_by);
  }
}

}  // namespace

std::expected<DatabaseChoice, std::string> ChooseDatabase(const std::string& flag, const Config& config,
                                                          const std::string& config_path) {
  DatabaseChoice choice;
  if (!flag.empty()) {
    choice = {flag, "--database"};
  } else {
    choice = {config.database, config_path.empty() ? std::string("database.url (built in)")
                                                   : fmt::format("database.url in {}", config_path)};
  }
  const bool sqlite = choice.url.starts_with("sqlite:") && choice.url.size() > 7;
  const bool postgres = choice.url.starts_with("postgresql://") || choice.url.starts_with("postgres://");
  if (!sqlite && !postgres)
    return std::unexpected(
        fmt::format("{} is '{}', which is not a database URL: use sqlite:PATH (e.g. "
                    "sqlite:/var/lib/frontdoor/frontdoor.db) "
                    "or postgresql://USER@HOST:PORT/DATABASE",
                    choice.named_by, store::ShownUrl(choice.url)));
  Chosen() = choice;
  return choice;
}

std::string ExplainStoreFault(const store::StoreFault& fault) {
  const DatabaseChoice& chosen = Chosen();
  if (chosen.url.empty()) return fmt::format("frontdoor: database error: {}", fault.what());
  // Named without its password: this goes to the terminal and to the service's journal.
  return fmt::format("frontdoor: the database {} ({}) cannot be used: {}\nfrontdoor: {}", store::ShownUrl(chosen.url),
                     chosen.named_by, fault.what(), Remedy(fault, chosen));
}

}  // namespace fd::cli
