// The procedures a running frontdoor follows: every version of the authority's policy pack, each
// with its working calendar built once, and the version in force at any instant (CRU-5).
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "policy/policy_pack.h"

namespace fd::policy {

class Procedures {
 public:
  // Loads a pack file or an authority folder; every error, with its line, when invalid.
  static std::expected<std::shared_ptr<const Procedures>, PackErrors> Load(const std::string& path);
  // REQUIRES: at least one version; all of one authority. Throws std::runtime_error on a bad
  // time zone or bank-holiday file (Load has checked both).
  explicit Procedures(std::vector<PolicyPack> versions);

  // The version in force on the authority's local date of `at`; before the first version's
  // effective date, the first version (records older than the packs are judged by the oldest).
  const PolicyPack& PackAt(Instant at) const;
  const calendar::WorkingCalendar& CalendarAt(Instant at) const;
  const std::string& time_zone() const { return versions_.front().time_zone; }
  const std::vector<PolicyPack>& versions() const { return versions_; }

 private:
  std::size_t IndexAt(Instant at) const;
  std::vector<PolicyPack> versions_;
  std::vector<calendar::WorkingCalendar> calendars_;
};

}  // namespace fd::policy
