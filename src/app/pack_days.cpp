#include "app/pack_days.h"

namespace fd::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

}  // namespace

PackDays::PackDays(const policy::Procedures& procedures, calendar::Date first, calendar::Date last)
    : procedures_(procedures), first_(sys_days{first}) {
  const auto& versions = procedures.versions();
  indexes_.resize(versions.size());
  const auto& zone = procedures.CalendarAt(Instant{first_});
  for (sys_days d = first_; d <= sys_days{last}; d += days{1}) {
    // A version is in force from a local date, so the pack at any moment of the day is the day's:
    // noon, which exists whatever the clocks do.
    const auto noon = calendar::LocalTime{d.time_since_epoch()} + std::chrono::hours{12};
    const Instant at = zone.FromLocal(noon).value_or(Instant{noon.time_since_epoch()});
    const auto version = static_cast<std::size_t>(&procedures.PackAt(at) - versions.data());
    version_of_day_.push_back(static_cast<std::uint16_t>(version));
    if (!indexes_[version])
      indexes_[version] = std::make_unique<calendar::WorkingDayIndex>(procedures.CalendarAt(at), first, last);
  }
  for (const auto& index : indexes_)
    if (index && !dates_) dates_ = index.get();
}

calendar::Date PackDays::LocalDate(Instant at) const { return dates_->LocalDate(at); }

std::optional<std::size_t> PackDays::VersionAt(Instant at) const {
  const auto day = (sys_days{LocalDate(at)} - first_).count();
  if (day < 0 || day >= static_cast<std::int64_t>(version_of_day_.size())) return std::nullopt;
  return version_of_day_[static_cast<std::size_t>(day)];
}

const policy::PolicyPack& PackDays::PackAt(Instant at) const {
  if (const auto version = VersionAt(at)) return procedures_.versions()[*version];
  return procedures_.PackAt(at);
}

Instant PackDays::DueInWorkingDays(int n, Instant from) const {
  if (const auto version = VersionAt(from)) return indexes_[*version]->DueInWorkingDays(n, from);
  return procedures_.CalendarAt(from).Due({calendar::Timescale::Kind::kWorkingDays, n}, from);
}

}  // namespace fd::app
