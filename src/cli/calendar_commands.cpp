// calendar next-open, calendar due, calendar import. Their arguments and one-line outputs are a
// contract other tools script against: keep them exactly.
#include <filesystem>
#include <initializer_list>
#include <fstream>
#include <iostream>

#include "calendar/bank_holidays.h"
#include "cli/commands.h"
#include "policy/policy_pack.h"

namespace fd::cli {
namespace {

// Bad arguments: one line on stderr naming the problem, exit 2.
int BadArgument(const std::string& message) {
  std::cerr << "frontdoor: " << message << "\n";
  return 2;
}

// The pack for --policy (a file, or an authority folder whose version in force on the local date
// of `at` is taken), and `at` as an instant in that pack's zone.
struct Resolved {
  policy::PolicyPack pack;
  Instant at;
};

std::expected<Resolved, int> Resolve(const std::string& policy_path, const std::string& local_text) {
  auto local = calendar::ParseLocalTime(local_text);
  if (!local) return std::unexpected(BadArgument(local.error()));
  auto packs = policy::LoadPolicy(policy_path);
  if (!packs) {
    return std::unexpected(BadArgument("policy " + policy_path + " is not valid: " + packs.error().front().ToString()));
  }
  const calendar::Date date{std::chrono::floor<std::chrono::days>(*local)};
  // A single pack file is used as it is; a folder gives the version in force on that date.
  const policy::PolicyPack* pack =
      std::filesystem::is_directory(policy_path) ? policy::VersionInForce(*packs, date) : &packs->front();
  if (!pack) return std::unexpected(BadArgument("no version of " + policy_path + " is in force on that date"));
  auto cal = policy::CalendarFor(*pack);
  auto at = cal.FromLocal(*local);
  if (!at) return std::unexpected(BadArgument(at.error()));
  return Resolved{*pack, *at};
}

// A calculation that starts or ends past the bank-holiday list is refused, not answered: its answer
// could be a bank holiday counted as a working day (Christmas Day 2029 was once given as a due
// time). One line on stderr saying which date and how to update the list, exit 1, nothing on stdout.
int PastKnownHolidays(const policy::PolicyPack& pack, const calendar::WorkingCalendar& cal,
                      std::initializer_list<Instant> instants) {
  for (Instant at : instants) {
    const calendar::Date date{std::chrono::floor<std::chrono::days>(cal.ToLocal(at))};
    if (cal.PastKnownHolidays(date)) {
      std::cerr << "frontdoor: " << policy::BankHolidaysUnknownMessage(pack, cal, date) << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

void AddCalendarCommands(CLI::App& app, int& exit_code) {
  static std::string next_policy, next_service, next_at, due_policy, due_timescale, due_from, import_file,
      import_into = "policies/bank-holidays";
  auto* calendar = app.add_subcommand("calendar", "Working-calendar answers");
  calendar->require_subcommand(1);

  auto* next = calendar->add_subcommand("next-open", "When a service is next open (CAL-5)");
  next->add_option("--policy", next_policy, "Pack file or authority folder")->required();
  next->add_option("--service", next_service, "Service id, e.g. fds-consultation-line")->required();
  next->add_option("--at", next_at, "Local time YYYY-MM-DDTHH:MM[:SS]")->required();
  next->callback([&exit_code] {
    auto resolved = Resolve(next_policy, next_at);
    if (!resolved) {
      exit_code = resolved.error();
      return;
    }
    const auto* service = resolved->pack.Service(next_service);
    if (!service) {
      std::string known;
      for (const auto& s : resolved->pack.services) known += (known.empty() ? "" : ", ") + s.id;
      exit_code = BadArgument("unknown service '" + next_service + "' in " + resolved->pack.file + " (known: " + known + ")");
      return;
    }
    auto cal = policy::CalendarFor(resolved->pack);
    auto open = cal.NextOpen(*service, resolved->at);
    if (!open) {
      exit_code = BadArgument("service '" + next_service + "' does not open again");
      return;
    }
    if (int refused = PastKnownHolidays(resolved->pack, cal, {resolved->at, *open})) {
      exit_code = refused;
      return;
    }
    std::cout << cal.FormatLocal(*open) << "\n";
    exit_code = 0;
  });

  auto* due = calendar->add_subcommand("due", "When a timescale started at a time is due (CAL-3, CAL-4)");
  due->add_option("--policy", due_policy, "Pack file or authority folder")->required();
  due->add_option("--timescale", due_timescale, "\"N hours\", \"N working days\" or \"immediately\"")->required();
  due->add_option("--from", due_from, "Local time YYYY-MM-DDTHH:MM[:SS]")->required();
  due->callback([&exit_code] {
    auto timescale = calendar::ParseTimescale(due_timescale);
    if (!timescale) {
      exit_code = BadArgument(timescale.error());
      return;
    }
    auto resolved = Resolve(due_policy, due_from);
    if (!resolved) {
      exit_code = resolved.error();
      return;
    }
    auto cal = policy::CalendarFor(resolved->pack);
    const Instant due_at = cal.Due(*timescale, resolved->at);
    if (int refused = PastKnownHolidays(resolved->pack, cal, {resolved->at, due_at})) {
      exit_code = refused;
      return;
    }
    std::cout << cal.FormatLocal(due_at) << "\n";
    exit_code = 0;
  });

  auto* import = calendar->add_subcommand("import", "Install a newer GOV.UK bank-holidays JSON file");
  import->add_option("FILE", import_file, "bank-holidays.json as published on GOV.UK")->required();
  import->add_option("--into", import_into, "Bank-holiday folder of the policies in use");
  import->callback([&exit_code] {
    auto divisions = calendar::LoadBankHolidayFile(import_file);
    if (!divisions) {
      std::cerr << "frontdoor: " << divisions.error() << "\n";
      exit_code = 1;
      return;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(import_into, ec);
    std::ifstream in(import_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // One file per division, in the same format, so each pack names the division it follows.
    for (const auto& [division, events] : *divisions) {
      const fs::path target = fs::path(import_into) / (division + ".json");
      const fs::path temp = target.string() + ".tmp";
      {
        std::ofstream out(temp);
        out << calendar::DivisionJson(text, division);
      }
      fs::rename(temp, target, ec);
      if (ec) {
        std::cerr << "frontdoor: cannot write " << target << ": " << ec.message() << "\n";
        exit_code = 1;
        return;
      }
      std::cout << division << ": " << events.size() << " bank holidays -> " << target.string() << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace fd::cli
