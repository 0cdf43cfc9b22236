// What `frontdoor serve` writes is its log: one JSON object per line on standard output (so
// `journalctl -u frontdoor -o cat | jq .` reads it, docs/operations.md), the line saying where it
// listens among them, and no PostgreSQL NOTICE on standard error. Runs on SQLite and PostgreSQL.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Starts serve with its standard output and error in files of their own, waits until it listens,
// stops it with SIGTERM; returns false when it exited before listening.
bool ServeOnce(const std::string& url, const TempDir& dir, const std::vector<std::string>& extra = {}) {
  const std::string binary = FrontdoorBinary();
  const std::string port_file = dir.File("serve.port");
  const std::string out = dir.File("serve.out"), err = dir.File("serve.err");
  std::vector<std::string> args = {binary, "serve", "--database", url, "--listen", "127.0.0.1:0", "--port-file",
                                   port_file, "--templates", std::string(FD_SOURCE_DIR) + "/templates", "--static",
                                   std::string(FD_BINARY_DIR) + "/static", "--policy",
                                   std::string(FD_SOURCE_DIR) + "/policies/hertfordshire"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(FD_SOURCE_DIR) != 0) _exit(126);
    if (!freopen(out.c_str(), "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(125);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  for (;;) {  // CTest's timeout bounds a server that never starts
    int port = 0;
    if (std::ifstream(port_file) >> port) break;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  return true;
}

// Checks every line of `text` is a JSON object with a message; returns the messages.
std::vector<std::string> JsonMessages(const std::string& text) {
  std::vector<std::string> messages;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto object = nlohmann::json::parse(line, nullptr, false);
    EXPECT_TRUE(object.is_object() && object.contains("message")) << "not a JSON log line: " << line;
    if (object.is_object() && object.contains("message")) messages.push_back(object.at("message").get<std::string>());
  }
  return messages;
}

TEST(ServeOutput, StandardOutputIsJsonLinesOnlyAndPostgresSaysNoNotice) {
  TempDir dir;
  // On SQLite a database not yet made, so that its migrations are reported too.
  std::unique_ptr<TestStore> postgres;
  std::string url = "sqlite:" + dir.File("var/new.db");
  if (OnPostgres()) {
    postgres = std::make_unique<TestStore>(dir, "unused.db");
    url = postgres->url();
  }
  ASSERT_TRUE(ServeOnce(url, dir)) << ReadFile(dir.File("serve.out")) << ReadFile(dir.File("serve.err"));
  const std::string out = ReadFile(dir.File("serve.out"));
  const std::string err = ReadFile(dir.File("serve.err"));
  const auto messages = JsonMessages(out);
  bool listening = false;
  for (const auto& m : messages) listening = listening || m.starts_with("frontdoor listening on http://127.0.0.1:");
  EXPECT_TRUE(listening) << out;
  if (!OnPostgres()) {
    bool migrated = false;
    for (const auto& m : messages) migrated = migrated || m.starts_with("migrated: 0001_");
    EXPECT_TRUE(migrated) << out;
  }
  EXPECT_EQ(err.find("NOTICE"), std::string::npos) << err;
  EXPECT_EQ(out.find("NOTICE"), std::string::npos) << out;

  // The operator's commands on PostgreSQL say no NOTICE either (migrate again: every table is there).
  auto migrate = RunFrontdoor("migrate --database " + url);
  EXPECT_EQ(migrate.exit_code, 0) << migrate.output;
  EXPECT_EQ(migrate.output.find("NOTICE"), std::string::npos) << migrate.output;
}

// RULE KCR-17 RULE HCR-24: status links e-mailed to referrers carry server.public_url; unset, they would point at
// the listen address, which a referrer cannot reach, so serve says so at start, and not when it is set.
TEST(ServeOutput, WarnsWhenLinksEmailedToReferrersWouldUseTheListenAddress) {
  TempDir dir;
  const std::string url = "sqlite:" + dir.File("var/new.db");
  std::ofstream(dir.File("unset.toml")) << "[smtp]\nurl = \"smtp://127.0.0.1:2525\"\n";
  ASSERT_TRUE(ServeOnce(url, dir, {"--config", dir.File("unset.toml")})) << ReadFile(dir.File("serve.err"));
  bool warned = false;
  for (const auto& m : JsonMessages(ReadFile(dir.File("serve.out"))))
    warned = warned || m.starts_with("server.public_url is not set: links e-mailed to referrers");
  EXPECT_TRUE(warned) << ReadFile(dir.File("serve.out"));

  TempDir again;  // a folder of its own: the first run's port file would be taken for this one's
  std::ofstream(again.File("set.toml")) << "[server]\npublic_url = \"https://frontdoor.example.gov.uk\"\n"
                                        << "[smtp]\nurl = \"smtp://127.0.0.1:2525\"\n";
  ASSERT_TRUE(ServeOnce(url, again, {"--config", again.File("set.toml")})) << ReadFile(again.File("serve.err"));
  const std::string out = ReadFile(again.File("serve.out"));
  EXPECT_NE(out.find("frontdoor listening on"), std::string::npos) << out;
  EXPECT_EQ(out.find("public_url is not set"), std::string::npos) << out;
}

}  // namespace
}  // namespace fd::testing
