// user add, password, unlock, unlock-address, disable, enable, set-team, set-role; token create, token list, token revoke.
// These act as the system (the operator at the server's console), and each is audited.
// Passwords are read from standard input, never from the command line (which `ps` shows to anyone).
#include <functional>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "app/account_changes.h"
#include "app/accounts.h"
#include "app/api_tokens.h"
#include "app/permissions.h"
#include "app/throttled_addresses.h"
#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "domain/instant.h"
#include "policy/procedures.h"
#include "store/migrations.h"

namespace fd::cli {
namespace {

std::string ReadPassword() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

void AddUserChangeCommands(CLI::App& user, int& exit_code);

void AddUserCommands(CLI::App& app, int& exit_code) {
  static StoreOptions add_options, password_options, unlock_options;
  static app::NewUser new_user;
  static std::string role, password_username, unlock_username;
  static bool new_team = false;
  // Whoever ran the command knows the password it set: its holder chooses their own at first sign-in,
  // unless the operator says otherwise (a script's own accounts: scripts/bench-throughput, scripts/soak).
  static bool add_no_change = false, password_no_change = false;
  static const char* kNoChangeHelp =
      "Do not make them choose their own password at their first sign-in (for a script's own accounts)";

  auto* user = app.add_subcommand(
      "user", "User accounts: add, set a password, unlock after too many failed sign-ins, disable a leaver's "
              "account (and enable it again), move to another team, change role");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Create an account; the password is read from standard input");
  AddStoreOptions(add, add_options);
  add->add_option("--username", new_user.username, "Sign-in name (letters, digits, '.', '-', '_')")->required();
  add->add_option("--name", new_user.display_name, "The person's name")->required();
  add->add_option("--role", role, "Role id, e.g. social_worker, team_manager, administrator")->required();
  add->add_option("--team", new_user.team, "Team: an existing team's name, exactly");
  add->add_flag("--new-team", new_team, "Create the team named by --team when there is none");
  add->add_option("--email", new_user.email, "E-mail address");
  add->add_option("--agency", new_user.agency, "A partner user's agency (required for the partner role), e.g. police");
  add->add_flag("--no-change-required", add_no_change, kNoChangeHelp);
  add->callback([&exit_code] {
    exit_code = WithContext(add_options, [](app::AppContext& ctx) {
      auto parsed = RoleFromId(role);
      if (!parsed) return Fail(Error::InvalidField("role", app::UnknownRoleMessage(role)));
      app::NewUser u = new_user;
      u.role = *parsed;
      u.password = ReadPassword();
      u.must_change_password = !add_no_change;
      auto id = app::CreateUserInTeam(ctx, std::nullopt, u, new_team);
      if (!id) return Fail(id.error());
      std::cout << "user " << u.username << " created (id " << *id << ")"
                << (add_no_change ? "" : "; they must choose their own password when they first sign in") << "\n";
      return 0;
    });
  });

  auto* password = user->add_subcommand("password", "Set a user's password (read from standard input); ends their sessions, lifts a lock-out");
  AddStoreOptions(password, password_options);
  // --username as `user disable` takes it; the bare name, as before, still works.
  auto* password_bare = password->add_option("username", password_username, "The account");
  auto* password_flag = password->add_option("--username", password_username, "The account");
  password_bare->excludes(password_flag);
  password->add_flag("--no-change-required", password_no_change, kNoChangeHelp);
  password->callback([&exit_code] {
    if (password_username.empty()) {
      std::cerr << "frontdoor: user password needs the account: --username NAME\n";
      exit_code = 2;
      return;
    }
    exit_code = WithContext(password_options, [](app::AppContext& ctx) {
      auto done = app::SetPassword(ctx, std::nullopt, password_username, ReadPassword(), !password_no_change);
      if (!done) return Fail(done.error());
      std::cout << "password set for " << password_username
                << "; their sessions have ended, their remembered browsers are forgotten and any lock-out is lifted"
                << (password_no_change ? "" : "; they must choose their own password when they next sign in") << "\n";
      return 0;
    });
  });

  auto* unlock = user->add_subcommand("unlock", "Lift a lock-out after too many failed sign-ins");
  AddStoreOptions(unlock, unlock_options);
  unlock->add_option("username", unlock_username, "The account")->required();
  unlock->callback([&exit_code] {
    exit_code = WithContext(unlock_options, [](app::AppContext& ctx) {
      auto done = app::UnlockAccount(ctx, std::nullopt, unlock_username);
      if (!done) return Fail(done.error());
      // A browser of theirs locked on its own (its device cookie's failures) is named apart: the
      // username itself may not have been.
      if (done->browsers_unlocked > 0)
        std::cout << unlock_username << " unlocked, with " << done->browsers_unlocked
                  << (done->browsers_unlocked == 1 ? " browser" : " browsers") << " of theirs locked on its own\n";
      else
        std::cout << unlock_username
                  << (done->username_was_locked ? " unlocked\n" : " was not locked; its failed sign-ins are forgotten\n");
      return 0;
    });
  });

  // Behind an office's shared connection, one address's refusal is the whole office's.
  static StoreOptions address_options;
  static std::string address, address_reason;
  auto* unlock_address = user->add_subcommand(
      "unlock-address", "Lift the refusal of a network address after too many failed sign-ins from it");
  AddStoreOptions(unlock_address, address_options);
  unlock_address->add_option("address", address, "The network address, as the administrator's page shows it")
      ->required();
  unlock_address->add_option("--reason", address_reason, "Why (who asked, what happened): kept in the audit log")
      ->required();
  unlock_address->callback([&exit_code] {
    exit_code = WithContext(address_options, [](app::AppContext& ctx) {
      auto done = app::LiftAddressThrottle(ctx, std::nullopt, address, address_reason);
      if (!done) return Fail(done.error());
      std::cout << address << " may sign in again; its " << *done << " failed sign-ins no longer count against it\n";
      return 0;
    });
  });
  AddUserChangeCommands(*user, exit_code);
}

// Leavers and moves (docs/operations.md "Leavers and moves").
void AddUserChangeCommands(CLI::App& user, int& exit_code) {
  static StoreOptions disable_options, enable_options, team_options, role_options;
  static std::string disable_username, enable_username, team_username, team, role_username, role;
  static bool new_team = false;

  auto* disable = user.add_subcommand("disable", "Disable a leaver's account: their sessions end now, their API "
                                                 "tokens are revoked for good and they can no longer sign in");
  AddStoreOptions(disable, disable_options);
  disable->add_option("--username", disable_username, "The account")->required();
  disable->callback([&exit_code] {
    exit_code = WithContext(disable_options, [](app::AppContext& ctx) {
      auto done = app::SetAccountActive(ctx, std::nullopt, disable_username, false);
      if (!done) return Fail(done.error());
      std::cout << disable_username << " disabled; their sessions have ended; "
                << (done->tokens_revoked == 1 ? std::string("1 API token")
                                              : std::to_string(done->tokens_revoked) + " API tokens")
                << " revoked; " << done->browsers_forgotten
                << (done->browsers_forgotten == 1 ? " remembered browser" : " remembered browsers") << " forgotten; "
                << app::LeaversWorkSummary(done->work) << "\n";
      return 0;
    });
  });

  auto* enable = user.add_subcommand("enable", "Enable a disabled account again (its revoked API tokens stay "
                                               "revoked: create new ones)");
  AddStoreOptions(enable, enable_options);
  enable->add_option("--username", enable_username, "The account")->required();
  enable->callback([&exit_code] {
    exit_code = WithContext(enable_options, [](app::AppContext& ctx) {
      auto done = app::SetAccountActive(ctx, std::nullopt, enable_username, true);
      if (!done) return Fail(done.error());
      std::cout << enable_username << " enabled\n";
      return 0;
    });
  });

  auto* set_team = user.add_subcommand("set-team", "Move a user to another team");
  AddStoreOptions(set_team, team_options);
  set_team->add_option("--username", team_username, "The account")->required();
  set_team->add_option("--team", team, "An existing team's name, exactly")->required();
  set_team->add_flag("--new-team", new_team, "Create the team when there is none");
  set_team->callback([&exit_code] {
    exit_code = WithContext(team_options, [](app::AppContext& ctx) {
      auto done = app::MoveToTeam(ctx, std::nullopt, team_username, team, new_team);
      if (!done) return Fail(done.error());
      std::cout << team_username << " moved to " << team << "; " << app::LeaversWorkSummary(*done) << "\n";
      return 0;
    });
  });

  auto* set_role = user.add_subcommand("set-role", "Give a user another role; ends their sessions");
  AddStoreOptions(set_role, role_options);
  set_role->add_option("--username", role_username, "The account")->required();
  set_role->add_option("--role", role, "Role id, e.g. social_worker, team_manager")->required();
  set_role->callback([&exit_code] {
    exit_code = WithContext(role_options, [](app::AppContext& ctx) {
      auto done = app::ChangeRole(ctx, std::nullopt, role_username, role);
      if (!done) return Fail(done.error());
      std::cout << role_username << " is now " << role << "; their sessions have ended; "
                << app::LeaversWorkSummary(done->work) << "\n";
      return 0;
    });
  });
}

void AddTokenCommands(CLI::App& app, int& exit_code) {
  static StoreOptions create_options, list_options, revoke_options;
  static std::string name, username, scopes;
  static std::int64_t revoke_id = 0;

  auto* token = app.add_subcommand("token", "API tokens for system integrations (docs/api.md)");
  token->require_subcommand(1);

  std::string scope_help = "Comma-separated scopes:";
  for (auto s : app::AllTokenScopes()) scope_help += " " + std::string(s);
  auto* create = token->add_subcommand("create", "Create a token and print it (once: it is not kept)");
  AddStoreOptions(create, create_options);
  create->add_option("--name", name, "What the integration is, e.g. police-referrals")->required();
  create->add_option("--user", username, "The account the token acts for")->required();
  create->add_option("--scope", scopes, scope_help)->required();
  create->callback([&exit_code] {
    exit_code = WithContext(create_options, [](app::AppContext& ctx) {
      auto created = app::CreateApiToken(ctx, std::nullopt, {name, username, SplitList(scopes)});
      if (!created) return Fail(created.error());
      std::cout << "token " << created->id << " created for " << username << ". Copy it now: it is not shown again.\n"
                << created->token << "\n";
      return 0;
    });
  });

  auto* list = token->add_subcommand("list", "List tokens (never the tokens themselves)");
  AddStoreOptions(list, list_options);
  list->callback([&exit_code] {
    exit_code = WithContext(list_options, [](app::AppContext& ctx) {
      auto tokens = app::ListApiTokens(ctx, std::nullopt);
      if (!tokens) return Fail(tokens.error());
      std::cout << fmt::format("{:>4}  {:<24} {:<20} {:<40} {:<21} {}\n", "id", "name", "user", "scopes", "created",
                               "state");
      for (const auto& t : *tokens) {
        std::string joined;
        for (const auto& s : t.scopes) joined += (joined.empty() ? "" : ",") + s;
        const std::string state = t.revoked_at ? "revoked " + FormatUtc(*t.revoked_at)
                                  : t.last_used_at ? "active, last used " + FormatUtc(*t.last_used_at)
                                                   : "active, never used";
        std::cout << fmt::format("{:>4}  {:<24} {:<20} {:<40} {:<21} {}\n", t.id, t.name, t.username, joined,
                                 FormatUtc(t.created_at), state);
      }
      return 0;
    });
  });

  auto* revoke = token->add_subcommand("revoke", "Revoke a token for good");
  AddStoreOptions(revoke, revoke_options);
  revoke->add_option("id", revoke_id, "The token's number (from token list)")->required();
  revoke->callback([&exit_code] {
    exit_code = WithContext(revoke_options, [](app::AppContext& ctx) {
      auto done = app::RevokeApiToken(ctx, std::nullopt, revoke_id);
      if (!done) return Fail(done.error());
      std::cout << "token " << revoke_id << " revoked\n";
      return 0;
    });
  });
}

}  // namespace fd::cli
