// build/frontdoor serve as a separate process, as an operator starts it: a second node on the same
// database (multi_node_test), or a server killed and restarted (crash_safety_test).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace fd::testing {

class ServerProcess {
 public:
  // Starts `frontdoor serve` on `database_url` from the source folder (where config/frontdoor.toml
  // is), on a free loopback port, with the test policy pack; `extra` are more serve options (e.g.
  // --config FILE, --clock-start TIME). Its output goes to NAME.log in `dir`. Waits until it listens;
  // a process that exits first is a test failure (running() is then false) with its log shown.
  ServerProcess(const std::string& database_url, const TempDir& dir, const std::string& name,
                const std::vector<std::string>& extra = {}) {
    const std::string binary = std::string(FD_BINARY_DIR) + "/frontdoor";
    const std::string port_file = dir.File(name + ".port");
    std::remove(port_file.c_str());
    log_ = dir.File(name + ".log");
    std::vector<std::string> args = {binary,
                                     "serve",
                                     "--database",
                                     database_url,
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--port-file",
                                     port_file,
                                     "--templates",
                                     std::string(FD_SOURCE_DIR) + "/templates",
                                     "--static",
                                     std::string(FD_BINARY_DIR) + "/static",
                                     "--policy",
                                     std::string(FD_SOURCE_DIR) + "/policies/hertfordshire"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      if (chdir(FD_SOURCE_DIR) != 0) _exit(126);  // config/frontdoor.toml, as `make run` finds it
      if (FILE* out = freopen(log_.c_str(), "a", stdout)) (void)out;
      if (FILE* err = freopen(log_.c_str(), "a", stderr)) (void)err;
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    // Until the port file appears; CTest's timeout bounds a server that never starts.
    for (;;) {
      std::ifstream in(port_file);
      if (in >> port_) break;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        ADD_FAILURE() << name << " exited before listening:\n" << Log();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~ServerProcess() { Stop(SIGTERM); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Sends `signal` (SIGTERM: a clean stop; SIGKILL: the machine losing power, as far as the process
  // can tell) and waits for the process to end.
  void Stop(int signal) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  std::uint16_t port() const { return static_cast<std::uint16_t>(port_); }
  pid_t pid() const { return pid_; }
  // The process's resident memory now (VmRSS), in KiB; 0 when it cannot be read.
  std::int64_t ResidentKiB() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string key;
    while (status >> key) {
      if (key == "VmRSS:") {
        std::int64_t kib = 0;
        status >> kib;
        return kib;
      }
      status.ignore(1 << 12, '\n');
    }
    return 0;
  }
  bool running() const { return pid_ > 0 && port_ > 0; }
  std::string Log() const {
    std::ifstream l(log_);
    return std::string((std::istreambuf_iterator<char>(l)), std::istreambuf_iterator<char>());
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_;
};

}  // namespace fd::testing
