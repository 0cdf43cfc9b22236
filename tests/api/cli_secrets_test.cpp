// The database password never shows: not in what a command prints when PostgreSQL cannot be reached
// (the terminal, and the service's journal), whichever way the URL gives it. Needs no PostgreSQL
// server: the URL names a port nothing listens on. SQLite copy only (the "Cli*" filter).
#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace fd::testing {
namespace {

constexpr const char* kPassword = "S3cretPassw0rd";

void ExpectNoPassword(const std::string& command, const CommandResult& result, const std::string& shown) {
  EXPECT_NE(result.exit_code, 0) << command << ": " << result.output;
  EXPECT_EQ(result.output.find(kPassword), std::string::npos) << command << " showed the password:\n" << result.output;
  if (!shown.empty()) {
    EXPECT_NE(result.output.find(shown), std::string::npos) << command << ":\n" << result.output;
  }
}

TEST(CliSecrets, APostgresPasswordIsHiddenWhenTheDatabaseCannotBeReached) {
  TempDir dir;
  std::ofstream(dir.File("some.dump")) << "not a dump";
  const std::string in_user = std::string("postgresql://frontdoor:") + kPassword + "@127.0.0.1:27999/review";
  const std::string in_parameter = std::string("postgresql://frontdoor@127.0.0.1:27999/review?password=") + kPassword;
  for (const auto& [url, shown] : {std::pair{in_user, std::string("postgresql://frontdoor:***@127.0.0.1:27999/review")},
                                   std::pair{in_parameter, std::string("review?password=***")}}) {
    for (const std::string& command : std::vector<std::string>{"migrate", "audit verify", "serve --listen 127.0.0.1:0 --static " + std::string(FD_BINARY_DIR) + "/static",
                                                               "backup --out " + dir.File("b.dump"),
                                                               "restore --from " + dir.File("some.dump")}) {
      ExpectNoPassword(command, RunFrontdoor(command + " --database '" + url + "'"),
                       command.starts_with("backup") || command.starts_with("restore") ? "" : shown);
    }
  }
  // Nor in the refusal of a URL that is not one.
  auto mistyped = RunFrontdoor(std::string("migrate --database 'postgresq://frontdoor:") + kPassword + "@db/review'");
  EXPECT_EQ(mistyped.exit_code, 2) << mistyped.output;
  ExpectNoPassword("migrate (mistyped URL)", mistyped, "postgresq://frontdoor:***@db/review");
}

}  // namespace
}  // namespace fd::testing
