// The API fixture under another authority's procedures than its own Hertfordshire pack: Kent's, for
// Kent's rules (KCR) and the Child Protection Chair consultations only Kent's pack has (CPC), or any
// pack on a fixed clock.
#pragma once

#include <string>

#include "api_fixture.h"

namespace fd::testing {

class ApiTestUnderProcedures : public ApiTest {
 protected:
  // Swaps in the procedures of policies/<authority>, read on `clock`, before the service starts: the
  // users were created against the store, not the pack. Called from a suite's Configure.
  void UseProcedures(const std::string& authority, const app::Clock& clock) {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/" + authority).value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
  void UseProcedures(const std::string& authority) { UseProcedures(authority, clock_); }
};

// Kent's procedures on the fixture's clock (the real time unless a test advances it).
class KentApiTest : public ApiTestUnderProcedures {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent"); }
};

}  // namespace fd::testing
