// Each group of `frontdoor` sub-commands registers itself on the CLI11 app. A command's callback
// stores its exit status in `exit_code` (0 ok, 1 check failed, 2 bad arguments).
#pragma once

#include <CLI/CLI.hpp>

namespace fd::cli {

void AddServeCommands(CLI::App& app, int& exit_code);     // serve, migrate, seed-demo
void AddAuditCommands(CLI::App& app, int& exit_code);     // audit verify
void AddPolicyCommands(CLI::App& app, int& exit_code);    // policy check, policy show
void AddCalendarCommands(CLI::App& app, int& exit_code);  // calendar next-open, due, import
void AddUserCommands(CLI::App& app, int& exit_code);      // user add, user password, user unlock
void AddTokenCommands(CLI::App& app, int& exit_code);     // token create, token list, token revoke
void AddRetentionCommands(CLI::App& app, int& exit_code);  // retention run [--dry-run]
void AddReportCommands(CLI::App& app, int& exit_code);     // report annex-a, report cin-census
void AddBackupCommands(CLI::App& app, int& exit_code);     // backup, restore
void AddVersionCommand(CLI::App& app, int& exit_code);     // version, --version

}  // namespace fd::cli
