#include "policy/procedures.h"

#include "calendar/local_time.h"

namespace fd::policy {

std::expected<std::shared_ptr<const Procedures>, PackErrors> Procedures::Load(const std::string& path) {
  auto versions = LoadPolicy(path);
  if (!versions) return std::unexpected(versions.error());
  return std::make_shared<const Procedures>(std::move(*versions));
}

Procedures::Procedures(std::vector<PolicyPack> versions) : versions_(std::move(versions)) {
  if (versions_.empty()) throw std::runtime_error("no policy pack versions");
  for (const auto& v : versions_) calendars_.push_back(CalendarFor(v));
}

std::size_t Procedures::IndexAt(Instant at) const {
  const auto today = calendar::LocalDate(at, time_zone());
  std::size_t index = 0;
  for (std::size_t i = 0; i < versions_.size(); ++i)
    if (std::chrono::sys_days{versions_[i].effective_from} <= std::chrono::sys_days{today}) index = i;
  return index;
}

const PolicyPack& Procedures::PackAt(Instant at) const { return versions_[IndexAt(at)]; }
const calendar::WorkingCalendar& Procedures::CalendarAt(Instant at) const { return calendars_[IndexAt(at)]; }

}  // namespace fd::policy
