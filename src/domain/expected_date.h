// An unborn child's expected date of delivery: how far from today it may lie, one rule for the
// contact form and the police notification (KCR-7: the date stands in for a date of birth).
#pragma once

namespace fd {

// A pregnancy is 40 weeks: an expected date more than about 10 months ahead is a mistake.
inline constexpr int kMaxDaysExpectedAhead = 300;
// An overdue child on a contact: at most a month past.
inline constexpr int kMaxDaysExpectedOverdue = 31;

}  // namespace fd
