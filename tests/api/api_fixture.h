// Starts the real service (router, guard, API, pages, Beast server) on a loopback port against a
// fresh migrated store (support/test_store.h: SQLite, or PostgreSQL in the .postgres copies), with one user per role, and gives each test a real HTTP client.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "app/context.h"
#include "service/service.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "support/http_client.h"
#include "support/offset_clock.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::testing {

inline constexpr const char* kTestPassword = "correct horse battery";

// Passes everything to a real store but can be told to fail commits as a full disk would.
class FaultyStore final : public store::Store {
 public:
  explicit FaultyStore(store::Store& real) : real_(real) {}
  std::unique_ptr<store::Transaction> Begin(store::TransactionMode mode) override;
  store::Dialect dialect() const override { return real_.dialect(); }
  bool Ping() noexcept override { return !fail_.load() && real_.Ping(); }
  store::StoreStats Stats() const noexcept override { return real_.Stats(); }
  void FailFromNowOn(bool fail) { fail_ = fail; }

 private:
  store::Store& real_;
  std::atomic<bool> fail_{false};
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Signs in a fresh client as the user of that role (created for every role in SetUp).
  HttpClient SignedIn(Role role);
  HttpClient Client() { return HttpClient(service_->port()); }
  // Lets a test suite change the service's options (e.g. an SMTP sink) before it starts.
  virtual void Configure(service::ServiceOptions&) {}
  // Moves the clock forward, an hour at a time, until the pack's intake service is open, for a test
  // whose contacts must reach the front door's queue: out of its hours they rightly go to the
  // out-of-hours service (HCR-18), so such a test run in the evening or at a weekend failed.
  void DuringOpeningHours();
  // Moves the clock forward, an hour at a time (at most a fortnight), until `holds` is true of the
  // pack in force, its calendar and the time, both now and ten minutes later: for a test of what is
  // said by the clock (HCR-9, HCR-18) that must not depend on when it runs.
  void AdvanceUntil(const std::function<bool(const policy::PolicyPack&, const calendar::WorkingCalendar&, Instant)>& holds);
  // Stops the service and starts it again on the same store and clock, as a restart of the server
  // does (a new port: clients made before it are left behind).
  void RestartService();

  TempDir dir_;
  TestStoreOptions store_options_;  // a suite may set these before SetUp (e.g. a pool of one)
  std::unique_ptr<TestStore> real_store_;
  std::unique_ptr<FaultyStore> store_;
  OffsetClock clock_;  // the real time unless a test advances it
  std::shared_ptr<const policy::Procedures> procedures_;
  std::unique_ptr<app::AppContext> ctx_;
  std::unique_ptr<service::Service> service_;
  service::ServiceOptions service_options_;
  std::thread runner_;
};

// A school's contact about one child with the intake answers screening needs (channel, household).
nlohmann::json ScreenableSchoolContact();
// A form's fields URL-encoded, as a browser sends a page's form.
std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields);
// The first group `pattern` captures in `page` (a CSRF token, an id in a link), or "" when none.
std::string FirstCapture(const std::string& page, const std::string& pattern);
// The path of the status link in the e-mail `sink` received for `address` (waits, bounded, for it to
// arrive; a test failure and "/status/none" when it does not).
std::string StatusLinkSentTo(SmtpSink& sink, const std::string& address);
// True when a problem+json reply names `field` among its errors.
bool NamesField(const HttpReply& reply, const std::string& field);
// POSTs `body` with the contact version last seen, as every workflow step must.
HttpReply PostWithVersion(HttpClient& client, const std::string& path, nlohmann::json body, std::int64_t version);
// Screens the contact (starting it if still received; routine answers; record checks; complete), then
// the worker proposes `decision`, which waits for a manager. Asserts every step's answer; the
// contact's version after the proposal goes to `proposed_version` when given.
void ScreenAndPropose(HttpClient& worker, std::int64_t contact_id, nlohmann::json decision,
                      std::int64_t* proposed_version = nullptr);
// ScreenAndPropose, then the manager authorises the proposal. Asserts every step's answer.
void ScreenAndDecide(HttpClient& worker, HttpClient& manager, std::int64_t contact_id, nlohmann::json decision);

}  // namespace fd::testing
