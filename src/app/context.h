// What every use case needs: the store, the clock, and the authority's settings. Time comes in
// through Clock so tests fix it; nothing in app/ reads the system clock directly.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "app/read_audit.h"
#include "app/address_throttle.h"
#include "domain/instant.h"
#include "policy/procedures.h"
#include "store/store.h"

namespace fd::app {

class PersonDirectory;  // app/person_directory.h

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that says what it is told (tests, and `seed-demo` back-dating its examples).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant now) : now_(now) {}
  Instant Now() const override { return now_; }
  void Set(Instant now) { now_ = now; }

 private:
  Instant now_;
};

// A clock that starts at a chosen instant and then runs at real speed: a training or rehearsal
// server ("a Friday at 15:59") and the browser journeys that check opening hours. `serve
// --clock-start` only; it is logged at start so nobody mistakes it for the live service.
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(Instant start);
  Instant Now() const override;

 private:
  std::chrono::seconds shift_;
};

// How hard a password hash is to compute (argon2id, libsodium). Every deployment uses kInteractive
// (64 MiB, two passes: about 0.1 s a hash here, so a stolen database resists guessing). kFastForTests
// is the least libsodium allows and is set only by test fixtures that create many accounts; it is
// not a setting an operator can choose. Verification reads the cost from the hash itself.
enum class PasswordHashing { kInteractive, kFastForTests };

inline constexpr int kPortalRequestsPerHour = 10;

struct AppContext {
  store::Store& store;
  const Clock& clock;
  const policy::Procedures& procedures;      // the authority's packs; the version in force by date
  std::string time_zone = "Europe/London";  // CAL-1, from the policy pack
  // The people register's match index ("is this child known?"); set by the service at start
  // (service::Service loads one when the caller gave none). Null: searches answer kUnavailable.
  PersonDirectory* people = nullptr;
  PasswordHashing password_hashing = PasswordHashing::kInteractive;
  // Where referrers reach this service from outside, for the links in their e-mails
  // ("https://frontdoor.example.gov.uk"; configuration `server.public_url`, no trailing slash).
  std::string public_url = "http://127.0.0.1:8080";
  // The team that owns the front door's queue (configuration `intake.team`): a contact recorded by no
  // team's member (the portal's) belongs to it, so its deadlines are on that team's list. Others
  // belong to the recorder's team, or the allocated worker's (HCR-5).
  std::string intake_team = "Front Door";
  // Looks at status links per client address (app/status_links.h): 30 in 10 minutes; shared by the
  // page and the API.
  std::shared_ptr<AddressThrottle> status_throttle =
      std::make_shared<AddressThrottle>("status_link_looks", 30, std::chrono::minutes{10});
  // Requests sent through the public portal per client address (app/contacts.h SubmitPortalContact),
  // by the page and the API together: configuration `portal.requests_per_hour`, 10 unless set. A
  // family or a neighbour telling us about a child never sends ten in an hour; a script does.
  std::shared_ptr<AddressThrottle> portal_throttle =
      std::make_shared<AddressThrottle>("portal_requests", kPortalRequestsPerHour, std::chrono::hours{1});
  // Writes the views of children's records (app/read_audit.h): views arriving together share a transaction.
  std::shared_ptr<ReadAudit> read_audit = std::make_shared<ReadAudit>();
};

}  // namespace fd::app
