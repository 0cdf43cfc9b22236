// A database URL as shown to people (its password hidden) and as pg_dump and pg_restore are called
// with it (frontdoor's own parameters gone, the password in their environment, never in argv).
#include "store/database_url.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/store.h"

namespace fd::store {
namespace {

bool AnyArgumentHolds(const ProgramCall& call, const std::string& text) {
  return std::any_of(call.argv.begin(), call.argv.end(),
                     [&](const std::string& a) { return a.find(text) != std::string::npos; });
}

TEST(DatabaseUrl, ShownUrlHidesThePasswordOfTheUserAndOfAParameter) {
  EXPECT_EQ(ShownUrl("postgresql://frontdoor:S3cretPassw0rd@127.0.0.1:27999/review"),
            "postgresql://frontdoor:***@127.0.0.1:27999/review");
  EXPECT_EQ(ShownUrl("postgres://fd:p%40ss@db/frontdoor?pool=4"), "postgres://fd:***@db/frontdoor?pool=4");
  EXPECT_EQ(ShownUrl("postgresql://fd@db/frontdoor?sslmode=require&password=S3cret&pool=4"),
            "postgresql://fd@db/frontdoor?sslmode=require&password=***&pool=4");
  EXPECT_EQ(ShownUrl("postgresql://fd:one@db/x?PASSWORD=two"), "postgresql://fd:***@db/x?PASSWORD=***");
  // An '@' or '?' left unencoded in the password is hidden with the rest of it.
  EXPECT_EQ(ShownUrl("postgresql://fd:p@ss?w@db/x"), "postgresql://fd:***@db/x");
  // Nothing to hide: as it was.
  EXPECT_EQ(ShownUrl("postgresql://fd@db:5433/frontdoor?pool=4"), "postgresql://fd@db:5433/frontdoor?pool=4");
  EXPECT_EQ(ShownUrl("postgresql://db/frontdoor"), "postgresql://db/frontdoor");
  EXPECT_EQ(ShownUrl("sqlite:/var/lib/frontdoor/frontdoor.db"), "sqlite:/var/lib/frontdoor/frontdoor.db");
  // Not a URL at all (a mistake in database.url), still no password shown.
  EXPECT_EQ(ShownUrl("host=db user=fd password=S3cret dbname=x"), "host=db user=fd password=*** dbname=x");
}

TEST(DatabaseUrl, PgDumpGetsNeitherThePoolParameterNorThePasswordOnItsCommandLine) {
  const auto call = LibpqProgramCall(
      "pg_dump", {"--format=custom", "--file=/backups/fd.dump"},
      "postgresql://frontdoor:S3cretPassw0rd@127.0.0.1:5432/review?pool=4&statement_timeout=20");
  ASSERT_EQ(call.argv.size(), 4u);
  EXPECT_EQ(call.argv[0], "pg_dump");
  EXPECT_EQ(call.argv[1], "--dbname=postgresql://frontdoor@127.0.0.1:5432/review?connect_timeout=10"
                          "&keepalives=1&keepalives_idle=10&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=10000&application_name=frontdoor");
  EXPECT_EQ(call.argv[2], "--format=custom");
  EXPECT_EQ(call.argv[3], "--file=/backups/fd.dump");
  EXPECT_FALSE(AnyArgumentHolds(call, "S3cretPassw0rd"));
  // frontdoor's own parameters are not libpq's: pg_dump would refuse them.
  EXPECT_FALSE(AnyArgumentHolds(call, "pool"));
  EXPECT_FALSE(AnyArgumentHolds(call, "statement_timeout"));
  EXPECT_EQ(call.environment, std::vector<std::string>{"PGPASSWORD=S3cretPassw0rd"});
}

TEST(DatabaseUrl, APasswordParameterGoesToTheEnvironmentDecodedAndOtherParametersStay) {
  const auto call = LibpqProgramCall("pg_restore", {"/backups/fd.dump"},
                                     "postgresql://fd@db/x?sslmode=require&password=p%40ss%26w&pool=2");
  EXPECT_EQ(call.argv[1], "--dbname=postgresql://fd@db/x?sslmode=require&connect_timeout=10&keepalives=1&keepalives_idle=10&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=10000&application_name=frontdoor");
  EXPECT_EQ(call.argv.back(), "/backups/fd.dump");
  EXPECT_EQ(call.environment, std::vector<std::string>{"PGPASSWORD=p@ss&w"});

  const auto last = LibpqProgramCall("pg_dump", {}, "postgresql://fd:user-one@db/x?connect_timeout=3&password=two");
  EXPECT_EQ(last.argv[1], "--dbname=postgresql://fd@db/x?connect_timeout=3&keepalives=1&keepalives_idle=10&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=10000&application_name=frontdoor");
  EXPECT_EQ(last.environment, std::vector<std::string>{"PGPASSWORD=two"});  // the parameter wins, as in libpq
}

TEST(DatabaseUrl, WithoutAPasswordTheEnvironmentIsLeftAlone) {
  const auto call = LibpqProgramCall("pg_dump", {}, "postgresql://fd@db/x");
  EXPECT_EQ(call.argv, (std::vector<std::string>{"pg_dump", "--dbname=postgresql://fd@db/x?connect_timeout=10"
                                                            "&keepalives=1&keepalives_idle=10&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=10000&application_name=frontdoor"}));
  EXPECT_TRUE(call.environment.empty());  // PGPASSWORD or ~/.pgpass of the operator, as libpq reads them
  EXPECT_THROW(LibpqProgramCall("pg_dump", {}, "postgresql://fd@db/x?pool=0"), StoreFault);
}

}  // namespace
}  // namespace fd::store
