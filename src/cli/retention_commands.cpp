// retention run [--dry-run]: purges what the pack's retention periods say is due (app/retention.h)
// and prints one line per record; the server runs the same once a day.
// retention review-days: lists the consultations whose stored review day is not the pack's rule's
// (stored before the rule was one for every record), for the data protection officer; changes nothing.
#include <iostream>

#include <fmt/format.h>

#include "app/retention.h"
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
}

}  // namespace fd::cli
