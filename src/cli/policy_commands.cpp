// policy check, policy show.
#include <chrono>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "calendar/local_time.h"
#include "cli/commands.h"
#include "domain/contact.h"
#include "policy/policy_pack.h"

namespace fd::cli {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string Clock(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

void PrintPack(const policy::PolicyPack& pack) {
  std::cout << pack.authority_name << " (" << pack.authority << "), version " << pack.version << ": " << pack.title
            << "\n";
  std::cout << "  in force from " << FormatIsoDate(pack.effective_from) << "; time zone " << pack.time_zone
            << "; bank holidays: " << pack.bank_holiday_division << "\n";
  std::cout << "  office hours " << Clock(pack.office_hours.start_minute) << "-" << Clock(pack.office_hours.end_minute)
            << " on working days\n";
  std::cout << "services:\n";
  for (const auto& s : pack.services) {
    std::cout << "  " << s.id << " (" << s.name << ")";
    if (s.open_from) std::cout << " from " << FormatIsoDate(*s.open_from);
    std::cout << (s.closed_on_bank_holidays ? ", closed on bank holidays" : ", open on bank holidays") << "\n";
    for (const auto& w : s.weekly)
      std::cout << "    " << kDays[w.weekday] << " " << Clock(w.period.start_minute) << "-" << Clock(w.period.end_minute)
                << "\n";
    for (const auto& b : s.bank_holiday_hours)
      std::cout << "    bank holidays " << Clock(b.start_minute) << "-" << Clock(b.end_minute) << "\n";
  }
  std::cout << "timescales:\n";
  for (const auto& [id, t] : pack.timescales)
    std::cout << "  " << id << ": " << t.timescale.ToString() << " (" << t.rule << ")\n";
  std::cout << "consultation types:";
  for (const auto& c : pack.consultation_types) std::cout << " " << c.id;
  std::cout << "\noutcomes:";
  for (const auto& o : pack.outcomes) std::cout << " " << o.id;
  std::cout << "\nsecure e-mail domains:";
  for (const auto& d : pack.secure_email_domains) std::cout << " " << d;
  std::cout << "\n";
}

}  // namespace

void AddPolicyCommands(CLI::App& app, int& exit_code) {
  static std::string check_path, show_path, show_on;
  auto* policy = app.add_subcommand("policy", "Policy pack tools");
  policy->require_subcommand(1);

  auto* check = policy->add_subcommand("check", "Validate a policy pack (file or authority folder): exit 0 valid, 1 not");
  check->add_option("PATH", check_path, "Pack file or authority folder")->required();
  check->callback([&exit_code] {
    auto packs = policy::LoadPolicy(check_path);
    if (!packs) {
      for (const auto& e : packs.error()) std::cerr << e.ToString() << "\n";
      std::cerr << packs.error().size() << " error" << (packs.error().size() == 1 ? "" : "s") << "\n";
      exit_code = 1;
      return;
    }
    for (const auto& p : *packs)
      std::cout << p.file << ": valid (" << p.authority << " " << p.version << ", in force from "
                << FormatIsoDate(p.effective_from) << ")\n";
    // A warning, not an error: the pack is valid, but its bank-holiday list runs out soon.
    std::set<std::string> warned;
    const auto today = calendar::LocalDate(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                                           packs->front().time_zone);
    for (const auto& p : *packs)
      if (warned.insert(p.bank_holiday_file + "#" + p.bank_holiday_division).second)
        if (auto warning = policy::BankHolidayWarning(p, policy::CalendarFor(p), today))
          std::cerr << "warning: " << p.file << ": " << *warning << "\n";
    exit_code = 0;
  });

  auto* show = policy->add_subcommand("show", "Print the pack version in force on a date");
  show->add_option("PATH", show_path, "Pack file or authority folder")->required();
  show->add_option("--on", show_on, "Date, YYYY-MM-DD")->required();
  show->callback([&exit_code] {
    const auto on = ParseIsoDate(show_on);
    if (!on) {
      std::cerr << "frontdoor: --on must be a date like 2025-01-31 (got '" << show_on << "')\n";
      exit_code = 2;
      return;
    }
    auto packs = policy::LoadPolicy(show_path);
    if (!packs) {
      for (const auto& e : packs.error()) std::cerr << e.ToString() << "\n";
      exit_code = 1;
      return;
    }
    const auto* pack = policy::VersionInForce(*packs, *on);
    if (!pack) {
      std::cerr << "frontdoor: no version of " << show_path << " was in force on " << show_on << "\n";
      exit_code = 1;
      return;
    }
    PrintPack(*pack);
    exit_code = 0;
  });
}

}  // namespace fd::cli
