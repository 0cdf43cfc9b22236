// retention run [--dry-run]: purges what the pack's retention periods say is due (app/retention.h)
// and prints one line per record; the server runs the same once a day.
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
        std::cout << fmt::format("{} {} {}{} ({}, due {})\n", report->dry_run ? "would purge" : "purged",
                                 item.record_type, item.id, item.reference.empty() ? "" : " " + item.reference,
                                 item.record_class, item.due_on);
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
}

}  // namespace fd::cli
