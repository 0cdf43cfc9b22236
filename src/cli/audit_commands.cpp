// audit verify.
#include <charconv>
#include <iostream>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/database_choice.h"
#include "store/store.h"

namespace fd::cli {
namespace {

struct ExpectedHead {
  std::int64_t seq = 0;
  std::string hash;
};

// "SEQ:HASH", as `audit verify` prints the head.
std::optional<ExpectedHead> ParseExpectedHead(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  ExpectedHead head;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + colon, head.seq);
  if (ec != std::errc{} || end != text.data() + colon || head.seq < 1) return std::nullopt;
  head.hash = text.substr(colon + 1);
  if (head.hash.size() != 64 || head.hash.find_first_not_of("0123456789abcdef") != std::string::npos)
    return std::nullopt;
  return head;
}

// The chain verifies, but an edited audit_head hides a deleted tail: only a head recorded elsewhere
// earlier shows whether the log still reaches it, unchanged. Returns the exit code.
int CheckExpectedHead(store::Store& store, const audit::VerifyReport& report, const ExpectedHead& expected) {
  if (expected.seq > report.head_seq) {
    std::cout << fmt::format(
        "audit log BROKEN: it ends at event {}, but event {} was recorded as written (--expect-head): events "
        "were deleted from the end\n",
        report.head_seq, expected.seq);
    return 1;
  }
  if (audit::HashOfEvent(store, expected.seq) != expected.hash) {
    std::cout << fmt::format(
        "audit log BROKEN: event {} is not the one recorded (--expect-head): the log was rewritten from there\n",
        expected.seq);
    return 1;
  }
  std::cout << fmt::format("event {} is the one recorded (--expect-head)\n", expected.seq);
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, int& exit_code) {
  static std::string config_path, database, expect_head;
  auto* audit = app.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the audit log's hash chain: exit 0 intact, 1 broken");
  verify->add_option("--config", config_path, "Configuration file (TOML)");
  verify->add_option("--database", database, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  verify->add_option("--expect-head", expect_head,
                     "SEQ:HASH, a head printed by an earlier verify and kept elsewhere: fail unless the log still "
                     "holds that event unchanged (finds a deleted tail even when audit_head was edited too)");
  verify->callback([&exit_code] {
    auto config = LoadConfig(config_path);
    if (!config) {
      std::cerr << "frontdoor: " << config.error() << "\n";
      exit_code = 2;
      return;
    }
    std::optional<ExpectedHead> expected;
    if (!expect_head.empty() && !(expected = ParseExpectedHead(expect_head))) {
      std::cerr << "frontdoor: --expect-head must be SEQ:HASH as audit verify prints it, like "
                   "1234:3f5a…(64 hexadecimal digits)\n";
      exit_code = 2;
      return;
    }
    auto chosen = ChooseDatabase(database, *config, config_path);
    if (!chosen) {
      std::cerr << "frontdoor: " << chosen.error() << "\n";
      exit_code = 2;
      return;
    }
    auto store = store::OpenStore(chosen->url);
    const auto report = audit::Verify(*store);
    if (!report.intact) {
      std::cout << "audit log BROKEN at event " << *report.first_bad_seq << ": " << report.problem << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "audit log intact: " << report.events_checked << " events verified\n";
    // Kept elsewhere (a ticket, another machine), it lets a later --expect-head see a deleted tail.
    std::cout << fmt::format("head: {}:{}\n", report.head_seq, report.head_hash);
    exit_code = expected ? CheckExpectedHead(*store, report, *expected) : 0;
  });
}

}  // namespace fd::cli
