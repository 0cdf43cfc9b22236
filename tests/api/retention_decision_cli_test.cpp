// `retention decide` (the admin/DPO review, finding 7): the data protection officer's decision on a
// record `retention review-days` lists — keep it N days past the pack's rule's day with a reason, or
// purge it now once that day has come — applied, audited and no longer listed.
#include <gtest/gtest.h>

#include <string>

#include "support/run_command.h"
#include "support/sqlite_file.h"
#include "support/temp_dir.h"

namespace fd::testing {
namespace {

// A hub consultation about a child born `born`, stored with the review day `review_on` (as those stored
// before the pack's rule set it were); returns its id.
std::int64_t OldConsultation(const std::string& path, const std::string& number, const std::string& born,
                             const std::string& review_on) {
  ExecSql(path, "INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, consultee_name, "
                "consultee_role, consultee_organisation, consultee_phone, consultee_email, caller_type, summary, "
                "safeguarding_lead_consulted, status, advised_at, child_first_names, child_last_name, "
                "child_date_of_birth, retention_class, review_on) VALUES ('" +
                    number + "', 'hub', '2019', '2026-03-02T10:00:00Z', (SELECT MIN(id) FROM users), 'Kim', '', "
                    "'School', '01632 960 002', '', 'school', 'Hungry', 1, 'completed', '2026-03-02T11:00:00Z', "
                    "'Mia', 'Example', '" + born + "', 'child-record', '" + review_on + "')");
  return CountIn(path, "SELECT id FROM consultations WHERE number = '" + number + "'");
}

// RULE FDS-8, finding 7: keeping longer moves the review day to the rule's day plus the days given,
// with the reason and who decided in the audit log; purging before the rule's day is refused; purging
// after it removes the record and the chain still verifies.
TEST(CliRetentionDecision, TheDpoKeepsOrPurgesARecordReviewDaysLists) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = " --database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("seed-demo" + db).exit_code, 0);
  const auto young = OldConsultation(path, "OLD1-OLD1-OLD1", "2017-05-14", "2051-03-02");  // rule: 2042-05-14
  const auto grown = OldConsultation(path, "OLD2-OLD2-OLD2", "2000-01-01", "2051-03-02");  // rule: 2025-01-01
  auto listed = RunFrontdoor("retention review-days" + db);
  EXPECT_NE(listed.output.find("2 records whose review day"), std::string::npos) << listed.output;

  // Refused, each naming what is wrong.
  auto neither = RunFrontdoor("retention decide --record consultation --id " + std::to_string(young) +
                              " --decided-by 'Dee Protection'" + db);
  EXPECT_EQ(neither.exit_code, 2) << neither.output;
  EXPECT_NE(neither.output.find("keep it a number of days more, or purge it now"), std::string::npos) << neither.output;
  auto no_reason = RunFrontdoor("retention decide --record consultation --id " + std::to_string(young) +
                                " --keep-days 30 --decided-by 'Dee Protection'" + db);
  EXPECT_EQ(no_reason.exit_code, 2) << no_reason.output;
  EXPECT_NE(no_reason.output.find("reason"), std::string::npos) << no_reason.output;
  auto too_soon = RunFrontdoor("retention decide --record consultation --id " + std::to_string(young) +
                               " --purge-now --decided-by 'Dee Protection'" + db);
  EXPECT_EQ(too_soon.exit_code, 1) << too_soon.output;
  EXPECT_NE(too_soon.output.find("cannot be purged before then"), std::string::npos) << too_soon.output;
  auto unknown = RunFrontdoor("retention decide --record consultation --id 999999 --purge-now --decided-by Dee" + db);
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;

  auto kept = RunFrontdoor("retention decide --record consultation --id " + std::to_string(young) +
                           " --keep-days 30 --reason 'Court proceedings still running' --decided-by 'Dee Protection'" +
                           db);
  EXPECT_EQ(kept.exit_code, 0) << kept.output;
  EXPECT_NE(kept.output.find("review day now 2042-06-13 (was 2051-03-02, the pack's rule gives 2042-05-14)"),
            std::string::npos)
      << kept.output;
  EXPECT_EQ(CountIn(path, "SELECT COUNT(*) FROM consultations WHERE number = 'OLD1-OLD1-OLD1' AND review_on = "
                          "'2042-06-13'"),
            1);
  EXPECT_EQ(CountIn(path, "SELECT COUNT(*) FROM audit_events WHERE action = 'retention.review_day_kept' AND "
                          "changes LIKE '%Court proceedings still running%' AND changes LIKE '%Dee Protection%'"),
            1);

  auto purged = RunFrontdoor("retention decide --record consultation --id " + std::to_string(grown) +
                             " --purge-now --decided-by 'Dee Protection'" + db);
  EXPECT_EQ(purged.exit_code, 0) << purged.output;
  EXPECT_NE(purged.output.find("purged consultation"), std::string::npos) << purged.output;
  EXPECT_EQ(CountIn(path, "SELECT COUNT(*) FROM consultations WHERE number = 'OLD2-OLD2-OLD2'"), 0);
  EXPECT_EQ(CountIn(path, "SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purged' AND "
                          "record_type = 'consultation' AND record_id = '" + std::to_string(grown) + "'"),
            1);

  auto after = RunFrontdoor("retention review-days" + db);
  EXPECT_NE(after.output.find("0 records whose review day"), std::string::npos) << after.output;
  EXPECT_EQ(RunFrontdoor("audit verify" + db).exit_code, 0);
}

}  // namespace
}  // namespace fd::testing
