// report annex-a, report cin-census: the statutory returns as files (app/statutory_returns.h,
// docs/reports.md); report disclosures: the lawful-basis ledger's rows about one person
// (app/disclosures.h), as CSV or a plain table on standard output. The command line acts as the system (as `retention run` does): the audit log's
// "report.produced" names "system" as who produced it.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "app/disclosures.h"
#include "app/statutory_returns.h"
#include "cli/command_context.h"
#include "cli/commands.h"
#include "domain/csv.h"
#include "domain/text.h"

namespace fd::cli {
namespace {

namespace fs = std::filesystem;

// Whoever can run the program on the server can read its database; the system acts with an
// analyst's permission to view performance (kViewPerformance) and nothing more.
app::Actor SystemActor() {
  app::Actor actor;
  actor.username = "system";
  actor.display_name = "frontdoor command line";
  actor.role = Role::kAnalyst;
  return actor;
}

// Writes the whole file next to its destination, then renames it into place, so a reader never
// sees half a return. Returns false (having said why) when it cannot.
bool WriteFile(const std::string& path, const std::string& bytes) {
  const fs::path target(path);
  const fs::path temp = target.string() + ".part";
  {
    errno = 0;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    const int open_error = out ? 0 : errno;  // why the folder refused the file: missing, no permission
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out || !out.flush()) {
      const int error = open_error != 0 ? open_error : errno;
      std::cerr << fmt::format("frontdoor: cannot write {}: {}\n", path,
                               error != 0 ? std::strerror(error) : "the write failed");
      std::error_code ignored;
      fs::remove(temp, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::cerr << fmt::format("frontdoor: cannot write {}: {}\n", path, ec.message());
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

// The format from --format, else from the file's extension.
std::string FormatOf(const std::string& format, const std::string& out) {
  if (!format.empty()) return format;
  const std::string ext = fs::path(out).extension().string();
  if (ext == ".csv") return "csv";
  if (ext == ".xlsx") return "xlsx";
  return "";
}

// The data protection officer's permission to list disclosures (kViewDisclosures), and nothing more.
app::Actor LedgerActor() {
  app::Actor actor = SystemActor();
  actor.role = Role::kDataProtectionOfficer;
  return actor;
}

std::string Joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<std::string> LedgerFields(const app::DisclosureEntry& e) {
  std::vector<std::string> about;
  for (const auto& s : e.row.subjects) {
    if (s.person_id) about.push_back(fmt::format("person {}", *s.person_id));
    else if (s.contact_id && s.child_position) about.push_back(fmt::format("contact {} child {}", *s.contact_id, *s.child_position));
  }
  return {e.row.disclosed_at, e.row.direction, Joined(e.row.items, " "), Joined(about, " "),
          e.row.counterpart_kind, e.row.counterpart, e.row.lawful_basis, e.row.authorised_by_name,
          fmt::format("{} {}", e.row.cause_kind, e.row.cause_id), e.row.detail};
}

const std::vector<std::string>& LedgerHeader() {
  static const std::vector<std::string> header = {"at_utc", "direction", "items", "about", "counterpart_kind",
                                                  "counterpart", "lawful_basis", "authorised_by", "cause", "detail"};
  return header;
}

void PrintLedger(const std::vector<app::DisclosureEntry>& entries, bool csv) {
  std::vector<std::vector<std::string>> rows{LedgerHeader()};
  for (const auto& e : entries) rows.push_back(LedgerFields(e));
  if (csv) {
    for (const auto& row : rows) std::cout << CsvLine(row);
    return;
  }
  std::vector<std::size_t> widths(LedgerHeader().size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += fmt::format("{:<{}}  ", row[i], widths[i]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
}

}  // namespace

void AddReportCommands(CLI::App& app, int& exit_code) {
  static StoreOptions options;
  static std::string list, from, to, out, format, year;
  static bool allow_errors = false;
  auto* report = app.add_subcommand("report", "Statutory returns: Ofsted Annex A lists, the DfE CIN census");
  report->require_subcommand(1);

  auto* annex = report->add_subcommand(
      "annex-a", "Ofsted Annex A list 1 (contacts), 2 (early help) or 3 (referrals) for a period, as CSV or XLSX");
  AddStoreOptions(annex, options);
  annex->add_option("--list", list, "1, 2, 3, or all (XLSX only: a sheet each)")->required();
  annex->add_option("--from", from, "First day of the period, YYYY-MM-DD")->required();
  annex->add_option("--to", to, "Last day of the period, YYYY-MM-DD (Ofsted asks for the six months before the inspection)")
      ->required();
  annex->add_option("--out", out, "The file to write; .csv or .xlsx gives the format")->required();
  annex->add_option("--format", format, "csv or xlsx, when the file's extension does not say");
  annex->callback([&exit_code] {
    const std::string chosen = FormatOf(format, out);
    if (chosen.empty()) {
      std::cerr << fmt::format("frontdoor: cannot tell the format from {}: name a .csv or .xlsx file, or give "
                               "--format csv or --format xlsx\n",
                               out);
      exit_code = 2;
      return;
    }
    auto request = app::ParseAnnexARequest(list, from, to, chosen);
    if (!request) {
      exit_code = Fail(request.error());
      return;
    }
    exit_code = WithContext(options, [&request](app::AppContext& ctx) {
      auto file = app::ProduceAnnexA(ctx, SystemActor(), *request);
      if (!file) return Fail(file.error());
      if (!WriteFile(out, file->bytes)) return 1;
      std::cout << fmt::format("Annex A list {} from {} to {}: {} rows written to {}\n", list,
                               FormatIsoDate(request->period.from), FormatIsoDate(request->period.to), file->rows, out);
      return 0;
    });
  });

  static std::string person, ledger_format = "csv";
  auto* ledger = report->add_subcommand(
      "disclosures", "The lawful-basis ledger: every disclosure about one person, oldest first, to standard output");
  AddStoreOptions(ledger, options);
  ledger->add_option("--person", person, "The person's register number")->required();
  ledger->add_option("--format", ledger_format, "csv (the default) or table");
  ledger->callback([&exit_code] {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(person.data(), person.data() + person.size(), id);
    if (ec != std::errc{} || end != person.data() + person.size() || id < 1) {
      exit_code = Fail(Error::InvalidField("person", "Give the person's register number, like --person 12"));
      return;
    }
    if (ledger_format != "csv" && ledger_format != "table") {
      exit_code = Fail(Error::InvalidField("format", "Choose the format: csv or table"));
      return;
    }
    exit_code = WithContext(options, [id](app::AppContext& ctx) {
      auto entries = app::ListPersonDisclosures(ctx, LedgerActor(), id);
      if (!entries) return Fail(entries.error());
      PrintLedger(*entries, ledger_format == "csv");
      return 0;
    });
  });

  auto* census = report->add_subcommand(
      "cin-census", "The DfE Children in Need census's referral-level items for a census year, as the census XML");
  AddStoreOptions(census, options);
  census->add_option("--year", year, "The census year, the year it ends: 2025 is 1 April 2024 to 31 March 2025")
      ->required();
  census->add_option("--out", out, "The XML file to write")->required();
  census->add_flag("--allow-errors", allow_errors, "Write the XML even when the census's validation finds errors");
  census->callback([&exit_code] {
    auto census_year = returns::ValidCensusYear(year);
    if (!census_year) {
      exit_code = Fail(census_year.error());
      return;
    }
    exit_code = WithContext(options, [&census_year](app::AppContext& ctx) {
      auto result = app::ProduceCinCensus(ctx, SystemActor(), *census_year, allow_errors);
      if (!result) return Fail(result.error());
      std::int64_t errors = 0;
      for (const auto& f : result->findings) {
        std::cerr << f.ToString() << "\n";
        errors += f.query ? 0 : 1;
      }
      const std::int64_t queries = static_cast<std::int64_t>(result->findings.size()) - errors;
      if (!result->file) {
        std::cerr << fmt::format("frontdoor: the CIN census {} has {} and {}: nothing written (put "
                                 "them right, or use --allow-errors to write it anyway)\n",
                                 census_year->year, CountOf(errors, "error", "errors"),
                                 CountOf(queries, "query", "queries"));
        return 1;
      }
      if (!WriteFile(out, result->file->bytes)) return 1;
      std::cout << fmt::format("CIN census {} ({} to {}): {} of {}; {}, {}; written to "
                               "{}\n",
                               census_year->year, FormatIsoDate(census_year->start),
                               FormatIsoDate(census_year->reference_date),
                               CountOf(result->referrals, "referral", "referrals"),
                               CountOf(result->children, "child", "children"), CountOf(errors, "error", "errors"),
                               CountOf(queries, "query", "queries"), out);
      return 0;
    });
  });
}

}  // namespace fd::cli
