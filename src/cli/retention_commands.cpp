// retention run [--dry-run]: purges what the pack's retention periods say is due (app/retention.h)
// and prints one line per record; the server runs the same once a day.
// retention review-days: lists the consultations whose stored review day is not the pack's rule's
// (stored before the rule was one for every record), for the data protection officer; changes nothing.
// retention decide: the data protection officer's decision on one of them (app/retention_decisions.h):
// keep it N more days past the rule's day with a reason, or purge it now; audited.
#include <iostream>

#include <fmt/format.h>

#include "app/retention.h"
#include "app/retention_decisions.h"
#include "cli/command_context.h"
#include "cli/commands.h"

namespace fd::cli {

void AddRetentionCommands(CLI::App& app, int& exit_code) {
  static StoreOptions options;
  static bool dry_run = false;
  auto* retention = app.add_subcommand("retention", "Retention: purge records whose retention period has ended");
  retention->require_subcommand(1);
  auto* run = retention->add_subcommand(
      "run", "Purge what is due today (each purge audited, audit payloads erased); --dry-run lists it only");
  AddStoreOptions(run, options);
  run->add_flag("--dry-run", dry_run, "List what would be purged; change nothing");
  run->callback([&exit_code] {
    exit_code = WithContext(options, [](app::AppContext& ctx) {
      auto report = app::RunRetention(ctx, dry_run);
      if (!report) return Fail(report.error());
      for (const auto& item : report->items)
        std::cout << fmt::format("{} {} {}{} ({}, due {}{})\n", report->dry_run ? "would purge" : "purged",
                                 item.record_type, item.id, item.reference.empty() ? "" : " " + item.reference,
                                 item.record_class, item.due_on,
                                 item.with_id != 0 ? ", a duplicate of " + item.with_reference : "");
      if (report->dry_run)
        std::cout << fmt::format("retention dry run {}: {} records due; nothing changed\n", report->today,
                                 report->items.size());
      else
        std::cout << fmt::format(
            "retention run {}: {} records purged, {} audit payloads erased, {} kept (written before erasable "
            "audit)\n",
            report->today, report->items.size(), report->audit_payloads_erased, report->audit_payloads_kept);
      return 0;
    });
  });
  auto* review_days = retention->add_subcommand(
      "review-days",
      "List consultations and CP chair consultations whose stored review day is not the one the pack's rule "
      "gives (stored before the rule applied to them); changes nothing");
  AddStoreOptions(review_days, options);
  review_days->callback([&exit_code] {
    exit_code = WithContext(options, [](app::AppContext& ctx) {
      const auto found = app::ReviewDaysToCheck(ctx);
      for (const auto& r : found)
        std::cout << fmt::format("{} {} {} ({}): review day {}, the pack's rule gives {}\n", r.record_type, r.id,
                                 r.reference, r.record_class, r.stored_on, r.rule_on);
      std::cout << fmt::format("{} records whose review day is not the pack's rule's; nothing changed\n", found.size());
      return 0;
    });
  });
  static app::ReviewDayDecision decision;
  static int keep_days = -1;
  auto* decide = retention->add_subcommand(
      "decide",
      "The data protection officer's decision on a record review-days lists: --keep-days N with --reason, or "
      "--purge-now; audited");
  AddStoreOptions(decide, options);
  decide->add_option("--record", decision.record_type, "consultation or chair-consultation")->required();
  decide->add_option("--id", decision.id, "The record's number, as review-days prints it")->required();
  auto* keep = decide->add_option("--keep-days", keep_days, "Keep it this many days past the pack's rule's day");
  auto* purge = decide->add_flag("--purge-now", decision.purge_now, "Purge it now: the rule's day has come");
  keep->excludes(purge);
  decide->add_option("--reason", decision.reason, "Why (required to keep it)");
  decide->add_option("--decided-by", decision.decided_by, "The data protection officer's name")->required();
  decide->callback([&exit_code] {
    if (keep_days >= 0 || keep_days < -1) decision.keep_days = keep_days;
    exit_code = WithContext(options, [](app::AppContext& ctx) {
      // The command line acts as the data protection officer: whoever runs it on the server signs the
      // decision with --decided-by, and the audit event keeps that name.
      app::Actor dpo;
      dpo.username = "system";
      dpo.display_name = "frontdoor command line";
      dpo.role = Role::kDataProtectionOfficer;
      auto decided = app::DecideReviewDay(ctx, dpo, decision);
      if (!decided) return Fail(decided.error());
      if (decided->purged)
        std::cout << fmt::format("purged {} {} {} (review day {}, the pack's rule gave {})\n", decided->record_type,
                                 decided->id, decided->reference, decided->stored_on, decided->rule_on);
      else
        std::cout << fmt::format("kept {} {} {}: review day now {} (was {}, the pack's rule gives {})\n",
                                 decided->record_type, decided->id, decided->reference, decided->review_on,
                                 decided->stored_on, decided->rule_on);
      return 0;
    });
  });
}

}  // namespace fd::cli
