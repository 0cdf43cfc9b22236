// The dashboard's figures, counted from hand-made facts whose right answers are worked out here
// (issue 9; docs/dashboard.md). The calendar is a plain one: UTC, Monday to Friday, 9am to 5pm,
// no bank holidays, so each working-day answer can be checked by eye.
#include "domain/performance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace fd::performance {
namespace {

using namespace std::chrono;

Instant At(sys_days day, int hour, int minute = 0) {
  return Instant{day} + hours{hour} + minutes{minute};
}

class PlainCalendar final : public Calendar {
 public:
  Date LocalDateOf(Instant at) const override { return Date{floor<days>(at)}; }
  // CAL-3 on a 9am–5pm Monday-to-Friday week.
  Instant OneWorkingDayAfter(Instant from) const override {
    sys_days day = floor<days>(from);
    auto time = from - Instant{day};
    if (!Working(day) || time >= hours{17}) {
      do day += days{1};
      while (!Working(day));
      time = hours{9};
    } else if (time < hours{9}) {
      time = hours{9};
    }
    do day += days{1};
    while (!Working(day));
    return Instant{day} + time;
  }

 private:
  static bool Working(sys_days d) {
    const weekday w{d};
    return w != Saturday && w != Sunday;
  }
};

constexpr sys_days kMon = sys_days{2026y / March / 2d};  // a Monday
const PlainCalendar kCalendar;

Period MarchPeriod() {
  return {2026y / March / 1d, 2026y / March / 31d, Instant{sys_days{2026y / March / 1d}},
          Instant{sys_days{2026y / April / 1d}}};
}

Labels SomeLabels() {
  Labels l;
  l.referrer_types = {{"school", "School"}, {"police", "Police"}, {"health", "Health"}};
  l.outcomes = {{"nfa", "No further action"}, {"assessment", "Assessment"}};
  l.consultation_types = {{"hub", "Hub"}, {"no-named", "No-named"}};
  l.advice_routes = {{"red", "Red"}, {"green", "Green"}};
  l.timescales = {{"decision", "HCR-27: Decide"}, {"acknowledgement", "HCR-22: Acknowledge"}};
  return l;
}

ContactFact Contact(std::int64_t id, Instant received, std::string source) {
  ContactFact c;
  c.id = id;
  c.received_at = received;
  c.referrer_type = std::move(source);
  return c;
}

// Six contacts in the week of 2 March, judged at noon on Friday 6 March:
//  1 school, Mon 10:00, decided Tue 09:59 (in time), acknowledged Mon 10:05 (in time), NFA
//  2 police, Mon 18:00 (after hours: due Wed 09:00), decided Wed 09:00 (in time), assessment, referred
//  3 school, Tue 11:00, decided Thu 11:00 (late), never acknowledged (late: due Wed 11:00), assessment,
//  referred 4 health, Fri 11:00, not decided, not acknowledged: due Mon 11:00, so pending at Fri noon 5
//  school, Wed 10:00, returned to the sender: not in timeliness, "returned" in outcomes 6 police, Thu 09:00,
//  not decided: due Fri 09:00, so late at Fri noon
Facts WeekOfFacts() {
  Facts f;
  auto c1 = Contact(1, At(kMon, 10), "school");
  c1.decided_at = At(kMon + days{1}, 9, 59);
  c1.acknowledged_at = At(kMon, 10, 5);
  c1.outcome = "nfa";
  auto c2 = Contact(2, At(kMon, 18), "police");
  c2.decided_at = At(kMon + days{2}, 9);
  c2.acknowledged_at = At(kMon + days{1}, 9);
  c2.outcome = "assessment";
  c2.referred = true;
  auto c3 = Contact(3, At(kMon + days{1}, 11), "school");
  c3.decided_at = At(kMon + days{3}, 11);
  c3.outcome = "assessment";
  c3.referred = true;
  auto c4 = Contact(4, At(kMon + days{4}, 11), "health");
  auto c5 = Contact(5, At(kMon + days{2}, 10), "school");
  c5.returned = true;
  auto c6 = Contact(6, At(kMon + days{3}, 9), "police");
  f.contacts = {c1, c2, c3, c4, c5, c6};
  return f;
}

const Instant kFridayNoon = At(kMon + days{4}, 12);

TEST(Performance, WithinOneWorkingDayCountsFromTheNextOpeningOutsideOfficeHours) {
  const Instant friday_4pm = At(kMon + days{4}, 16);
  EXPECT_EQ(kCalendar.OneWorkingDayAfter(friday_4pm), At(kMon + days{7}, 16));  // Monday 4pm
  EXPECT_EQ(Judge(friday_4pm, At(kMon + days{7}, 16), kFridayNoon, kCalendar), Timeliness::kInTime);
  EXPECT_EQ(Judge(friday_4pm, At(kMon + days{7}, 16, 1), kFridayNoon, kCalendar), Timeliness::kLate);
  // Friday 6pm counts from Monday 9am: due Tuesday 9am.
  EXPECT_EQ(kCalendar.OneWorkingDayAfter(At(kMon + days{4}, 18)), At(kMon + days{8}, 9));
  // Not done: pending until the working day is over, then late.
  EXPECT_EQ(Judge(friday_4pm, std::nullopt, At(kMon + days{7}, 16), kCalendar), Timeliness::kPending);
  EXPECT_EQ(Judge(friday_4pm, std::nullopt, At(kMon + days{7}, 16, 1), kCalendar), Timeliness::kLate);
}

// RULE HCR-5 RULE HCR-4: a contact passed on at receipt owes an acknowledgement but no front-door
// decision: it is in neither number of the decision rate, and beside the outcome mix.
TEST(Performance, HCR5_PassedOnAtReceiptIsNotInDecisionTimeliness) {
  Facts f = WeekOfFacts();
  auto passed = Contact(7, At(kMon, 11), "school");
  passed.passed_on = true;
  passed.acknowledged_at = At(kMon, 11, 30);
  f.contacts.push_back(passed);
  const auto figures = Compute(MarchPeriod(), kFridayNoon, f, SomeLabels(), kCalendar);
  auto find = [&](std::string_view id) {
    return *std::find_if(figures.begin(), figures.end(), [&](auto& fig) { return fig.id == id; });
  };
  const Figure decisions = find(kDecisionsInTime);
  EXPECT_EQ(decisions.total, 5);  // as without it: 1, 2, 3, 4 (pending) and 6
  EXPECT_EQ(decisions.Find(kAll)->denominator, 4);
  EXPECT_EQ(find(kAcknowledgementsInTime).total, 6);
  EXPECT_EQ(find(kOutcomes).Find(kPassedOn)->count, 1);
  EXPECT_EQ(find(kOutcomes).Find(kUndecided)->count, 2);
  const auto records = RecordsOf(kDecisionsInTime, "", kFridayNoon, f, kCalendar);
  EXPECT_TRUE(std::none_of(records.begin(), records.end(), [](const RecordRef& r) { return r.id == 7; }));
}

// A contact closed as a duplicate of another is the same concern, decided on the other: in neither
// timeliness figure nor the conversion rate (counted twice otherwise), and beside the outcome mix.
TEST(Performance, ADuplicateIsNotCountedAsASecondDecision) {
  Facts f = WeekOfFacts();
  auto duplicate = Contact(7, At(kMon, 11), "school");
  duplicate.duplicate = true;  // never decided, never acknowledged: late, were it counted
  f.contacts.push_back(duplicate);
  const auto figures = Compute(MarchPeriod(), kFridayNoon, f, SomeLabels(), kCalendar);
  auto find = [&](std::string_view id) {
    return *std::find_if(figures.begin(), figures.end(), [&](auto& fig) { return fig.id == id; });
  };
  EXPECT_EQ(find(kDecisionsInTime).total, 5);  // as without it
  EXPECT_EQ(find(kDecisionsInTime).Find(kAll)->denominator, 4);
  EXPECT_EQ(find(kAcknowledgementsInTime).total, 5);
  EXPECT_EQ(find(kConversion).total, 6);
  EXPECT_EQ(find(kOutcomes).Find(kDuplicate)->count, 1);
  EXPECT_EQ(find(kOutcomes).Find(kUndecided)->count, 2);
  EXPECT_EQ(find(kContactsBySource).total, 7);  // it was received
  for (auto figure : {kDecisionsInTime, kAcknowledgementsInTime, kConversion}) {
    const auto records = RecordsOf(figure, "", kFridayNoon, f, kCalendar);
    EXPECT_TRUE(std::none_of(records.begin(), records.end(), [](const RecordRef& r) { return r.id == 7; })) << figure;
  }
}

TEST(Performance, EveryContactFigureFromAWeekOfContacts) {
  const auto figures = Compute(MarchPeriod(), kFridayNoon, WeekOfFacts(), SomeLabels(), kCalendar);
  ASSERT_EQ(figures.size(), FigureIds().size());
  for (std::size_t i = 0; i < figures.size(); ++i) EXPECT_EQ(figures[i].id, FigureIds()[i]);
  auto find = [&](std::string_view id) {
    return *std::find_if(figures.begin(), figures.end(), [&](auto& f) { return f.id == id; });
  };

  const Figure source = find(kContactsBySource);
  EXPECT_EQ(source.total, 6);
  EXPECT_EQ(source.Find("school")->count, 3);
  EXPECT_EQ(source.Find("police")->count, 2);
  EXPECT_EQ(source.Find("health")->count, 1);
  EXPECT_EQ(source.rows.size(), 3u);

  const Figure by_day = find(kContactsByDay);
  ASSERT_EQ(by_day.rows.size(), 31u);  // every day of March, zeros included
  EXPECT_EQ(by_day.rows.front().key, "2026-03-01");
  EXPECT_EQ(by_day.Find("2026-03-02")->count, 2);
  EXPECT_EQ(by_day.Find("2026-03-02")->label, "2 March 2026");
  EXPECT_EQ(by_day.Find("2026-03-03")->count, 1);
  EXPECT_EQ(by_day.Find("2026-03-01")->count, 0);

  // Decisions: 1 and 2 in time, 3 and 6 late, 4 pending, 5 returned (not counted).
  const Figure decisions = find(kDecisionsInTime);
  EXPECT_EQ(decisions.Find(kAll)->count, 2);
  EXPECT_EQ(decisions.Find(kAll)->denominator, 4);
  EXPECT_DOUBLE_EQ(*decisions.Find(kAll)->Percent(), 50.0);
  EXPECT_EQ(decisions.Find(kPending)->count, 1);
  EXPECT_EQ(decisions.total, 5);

  // Acknowledgements: 1 and 2 in time; 3 and 6 overdue; 4 pending.
  const Figure acks = find(kAcknowledgementsInTime);
  EXPECT_EQ(acks.Find(kAll)->count, 2);
  EXPECT_EQ(acks.Find(kAll)->denominator, 4);
  EXPECT_EQ(acks.Find(kPending)->count, 1);

  const Figure conversion = find(kConversion);
  EXPECT_EQ(conversion.Find(kAll)->count, 2);
  EXPECT_EQ(conversion.Find(kAll)->denominator, 6);

  // Outcomes: of the 3 decided, 1 NFA and 2 assessments; 2 undecided (4, 6), 1 returned (5).
  const Figure outcomes = find(kOutcomes);
  EXPECT_EQ(outcomes.Find("nfa")->count, 1);
  EXPECT_EQ(outcomes.Find("nfa")->denominator, 3);
  EXPECT_EQ(outcomes.Find("assessment")->count, 2);
  EXPECT_EQ(outcomes.Find(kUndecided)->count, 2);
  EXPECT_FALSE(outcomes.Find(kUndecided)->IsRate());
  EXPECT_EQ(outcomes.Find(kReturned)->count, 1);
  EXPECT_EQ(outcomes.total, 6);
}

TEST(Performance, ReReferralsMatchChildrenByTheirRegisterRecord) {
  Facts f;
  const Instant march_10 = At(kMon + days{8}, 10);
  // Referral 10 (contact 100) about person 7, who had referral 1 (contact 1) on 10 March 2025:
  // exactly 12 months before, so it counts.
  f.referrals.push_back({10, 100, march_10, 7});
  f.earlier_referrals.push_back({1, 1, At(sys_days{2025y / March / 10d}, 15), 7});
  // Referral 11 about person 8, whose earlier referral was on 9 March 2025: a day too early.
  f.referrals.push_back({11, 101, march_10, 8});
  f.earlier_referrals.push_back({2, 2, At(sys_days{2025y / March / 9d}, 23), 8});
  // Referral 12 about persons 9 and 8: 9 is new; 8's referral 11 earlier the same day counts.
  f.referrals.push_back({12, 102, march_10 + hours{1}, 9});
  f.referrals.push_back({12, 102, march_10 + hours{1}, 8});
  // Referral 13 has no linked child: shown apart, not in the rate.
  f.referrals.push_back({13, 103, march_10, std::nullopt});
  // The store's look-back also returns the period's own referrals: not earlier than themselves.
  f.earlier_referrals.push_back({10, 100, march_10, 7});

  const auto figures = Compute(MarchPeriod(), kFridayNoon, f, SomeLabels(), kCalendar);
  const Figure& re =
      *std::find_if(figures.begin(), figures.end(), [](auto& x) { return x.id == kReReferrals; });
  EXPECT_EQ(re.Find(kAll)->count, 2);  // 10 and 12
  EXPECT_EQ(re.Find(kAll)->denominator, 3);
  EXPECT_EQ(re.Find(kNotMatched)->count, 1);
  EXPECT_EQ(re.total, 4);
  const auto counted = RecordsOf(kReReferrals, kAll, kFridayNoon, f, kCalendar);
  ASSERT_EQ(counted.size(), 3u);
  for (const auto& r : counted) {
    if (r.id == 100) {
      EXPECT_EQ(r.earlier_contact_id, 1);
    } else if (r.id == 102) {
      EXPECT_EQ(r.earlier_contact_id, 101);
    } else {
      EXPECT_EQ(r.id, 101);
      EXPECT_EQ(r.counted, false);
    }
  }
}

TEST(Performance, TwelveMonthsBeforeIsTheSameDateAYearEarlier) {
  EXPECT_TRUE(WithinTwelveMonthsBefore(2025y / March / 10d, 2026y / March / 10d));
  EXPECT_FALSE(WithinTwelveMonthsBefore(2025y / March / 9d, 2026y / March / 10d));
  EXPECT_TRUE(WithinTwelveMonthsBefore(2026y / March / 10d, 2026y / March / 10d));
  EXPECT_FALSE(WithinTwelveMonthsBefore(2026y / March / 11d, 2026y / March / 10d));
  // From 29 February, a year back runs from 1 March.
  EXPECT_FALSE(WithinTwelveMonthsBefore(2027y / February / 28d, 2028y / February / 29d));
  EXPECT_TRUE(WithinTwelveMonthsBefore(2027y / March / 1d, 2028y / February / 29d));
}

TEST(Performance, ConsultationsByTypeAndAdvice) {
  Facts f;
  const Instant t = At(kMon, 11);
  f.consultations = {{"consultation", 1, t, "hub", true, "red"},
                     {"consultation", 2, t, "hub", true, "green"},
                     {"consultation", 3, t, "hub", false, ""},
                     {"consultation", 4, t, "no-named", true, ""},
                     {"chair-consultation", 1, t, "cp-chair", true, ""}};
  const auto figures = Compute(MarchPeriod(), kFridayNoon, f, SomeLabels(), kCalendar);
  const Figure& by_type =
      *std::find_if(figures.begin(), figures.end(), [](auto& x) { return x.id == kConsultationsByType; });
  EXPECT_EQ(by_type.Find("hub")->count, 3);
  EXPECT_EQ(by_type.Find("no-named")->count, 1);
  EXPECT_EQ(by_type.Find("cp-chair")->count, 1);  // not in the labels: still shown, under its id
  EXPECT_EQ(by_type.total, 5);
  const Figure& advice =
      *std::find_if(figures.begin(), figures.end(), [](auto& x) { return x.id == kConsultationAdvice; });
  EXPECT_EQ(advice.Find("red")->count, 1);
  EXPECT_EQ(advice.Find("green")->count, 1);
  EXPECT_EQ(advice.Find(kAdviceGiven)->count, 2);
  EXPECT_EQ(advice.Find(kAwaiting)->count, 1);
  // Both kinds of record are listed, each with its own type.
  const auto chair = RecordsOf(kConsultationsByType, "cp-chair", kFridayNoon, f, kCalendar);
  ASSERT_EQ(chair.size(), 1u);
  EXPECT_EQ(chair[0].record_type, "chair-consultation");
}

TEST(Performance, DeadlinesByRuleAndState) {
  Facts f;
  f.deadlines = {{"HCR-27", "decision", "breached", 2},
                 {"HCR-27", "decision", "met-on-time", 5},
                 {"HCR-22", "acknowledgement", "met-late", 1},
                 {"HCR-15", "written-confirmation", "open", 3}};
  const auto figures = Compute(MarchPeriod(), kFridayNoon, f, SomeLabels(), kCalendar);
  const Figure& d = figures.back();
  ASSERT_EQ(d.id, kDeadlines);
  EXPECT_EQ(d.total, 11);
  EXPECT_EQ(d.Find("decision:breached")->count, 2);
  EXPECT_EQ(d.Find("decision:met-on-time")->count, 5);
  EXPECT_EQ(d.Find("decision:open")->count, 0);
  EXPECT_EQ(d.Find("acknowledgement:met-late")->count, 1);
  // A timescale the labels do not know is still counted, named by its rule.
  EXPECT_EQ(d.Find("written-confirmation:open")->count, 3);
  EXPECT_EQ(d.Find("written-confirmation:open")->label, "HCR-15: written-confirmation: open, not yet due");
  EXPECT_EQ(d.rows.size(), 3u * 4u);
}

// Every row's records are exactly as many as its number, and a rate's counted records its numerator.
TEST(Performance, RecordsBehindEachRowMatchItsNumber) {
  const Facts facts = WeekOfFacts();
  for (const auto& figure : Compute(MarchPeriod(), kFridayNoon, facts, SomeLabels(), kCalendar)) {
    if (figure.id == kDeadlines) continue;  // listed by the store
    EXPECT_EQ(RecordsOf(figure.id, "", kFridayNoon, facts, kCalendar).size(),
              static_cast<std::size_t>(figure.total))
        << figure.id;
    for (const auto& row : figure.rows) {
      const auto records = RecordsOf(figure.id, row.key, kFridayNoon, facts, kCalendar);
      if (figure.id == kOutcomes || !row.IsRate()) {
        EXPECT_EQ(records.size(), static_cast<std::size_t>(row.count)) << figure.id << " " << row.key;
        continue;
      }
      EXPECT_EQ(records.size(), static_cast<std::size_t>(*row.denominator)) << figure.id;
      EXPECT_EQ(std::count_if(records.begin(), records.end(), [](auto& r) { return r.counted == true; }),
                row.count)
          << figure.id;
    }
  }
}

}  // namespace
}  // namespace fd::performance

namespace fd::performance {
namespace {

// Compute counts the contact figures in one pass without making the record lists: on two thousand
// random contacts (every source, outcome and state, some outside office hours, some on a weekend,
// one a day before the period), every row still equals the records RecordsOf lists for it, and
// every record is in some row.
TEST(Performance, CountedInOnePassEveryRowMatchesItsRecords) {
  std::mt19937 random(7);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const char* sources[] = {"school", "police", "health", "other"};
  const char* outcomes[] = {"nfa", "assessment", "strategy", "not-in-the-pack"};
  Facts facts;
  for (int i = 0; i < 2000; ++i) {
    const sys_days day = i == 0 ? sys_days{2026y / February / 28d} : sys_days{2026y / March / 1d} + days{pick(31)};
    ContactFact c = Contact(i + 1, At(day, pick(24), pick(60)), sources[pick(4)]);
    c.returned = pick(10) == 0;
    c.passed_on = !c.returned && pick(8) == 0;
    if (pick(4) != 0 && !c.passed_on) {
      c.decided_at = c.received_at + hours{pick(96)};
      c.outcome = outcomes[pick(4)];
    }
    if (pick(3) != 0) c.acknowledged_at = c.received_at + minutes{pick(3000)};
    c.referred = pick(3) == 0;
    facts.contacts.push_back(c);
  }
  const Instant now = Instant{sys_days{2026y / March / 30d}} + hours{12};
  std::size_t rows = 0;
  for (const auto& figure : Compute(MarchPeriod(), now, facts, SomeLabels(), kCalendar)) {
    if (figure.id == kDeadlines || figure.id == kReReferrals || figure.id == kConsultationsByType ||
        figure.id == kConsultationAdvice)
      continue;  // counted from their record lists as before
    const auto all = RecordsOf(figure.id, "", now, facts, kCalendar);
    EXPECT_EQ(all.size(), static_cast<std::size_t>(figure.total)) << figure.id;
    std::size_t in_rows = 0;
    for (const auto& row : figure.rows) {
      const auto records = RecordsOf(figure.id, row.key, now, facts, kCalendar);
      in_rows += records.size();
      ++rows;
      if (figure.id == kOutcomes || !row.IsRate()) {
        EXPECT_EQ(records.size(), static_cast<std::size_t>(row.count)) << figure.id << " " << row.key;
        continue;
      }
      EXPECT_EQ(records.size(), static_cast<std::size_t>(*row.denominator)) << figure.id << " " << row.key;
      EXPECT_EQ(std::count_if(records.begin(), records.end(), [](auto& r) { return r.counted == true; }), row.count)
          << figure.id << " " << row.key;
    }
    EXPECT_EQ(in_rows, all.size()) << figure.id << ": a record in no row, or in two";
  }
  EXPECT_GT(rows, 40u);
}

}  // namespace
// Issue 9 point 4: a year is counted as the sum of its kept months (docs/dashboard.md "Kept
// months"), so every figure must be the sum of its stretches': the same facts counted over three
// months at once, and month by month then added, give the same rows.
TEST(Performance, APeriodIsTheSumOfItsMonths) {
  std::mt19937 random(11);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const char* sources[] = {"school", "police", "health", "other"};
  const char* outcomes[] = {"nfa", "assessment", "not-in-the-pack"};
  const sys_days first = sys_days{2026y / February / 1d};
  const Period whole{2026y / February / 1d, 2026y / April / 30d, Instant{first}, Instant{sys_days{2026y / May / 1d}}};
  const Instant now = Instant{sys_days{2026y / April / 30d}} + hours{15};
  Facts all;
  std::vector<ReferralFact> before;  // referrals in the year before the period
  for (int i = 0; i < 1500; ++i) {
    ContactFact c = Contact(i + 1, At(first + days{pick(89)}, pick(24), pick(60)), sources[pick(4)]);
    c.returned = pick(12) == 0;
    if (pick(4) != 0) c.decided_at = c.received_at + hours{pick(72)}, c.outcome = outcomes[pick(3)];
    if (pick(3) != 0) c.acknowledged_at = c.received_at + minutes{pick(3000)};
    c.referred = pick(3) == 0;
    if (c.referred)
      all.referrals.push_back({i + 1, i + 1, c.received_at, pick(5) == 0 ? std::nullopt : std::optional<std::int64_t>(pick(300))});
    all.contacts.push_back(c);
  }
  for (int i = 0; i < 200; ++i)
    before.push_back({10'000 + i, 10'000 + i, At(first - days{1 + pick(360)}, 10), std::optional<std::int64_t>(pick(300))});
  for (int i = 0; i < 60; ++i)
    all.consultations.push_back({pick(4) == 0 ? "chair-consultation" : "consultation", i + 1,
                                 At(first + days{pick(89)}, 11), pick(2) ? "hub" : "no-named", pick(2) == 0,
                                 pick(2) ? "red" : ""});
  all.earlier_referrals = before;
  for (const auto& r : all.referrals) all.earlier_referrals.push_back(r);

  const auto in = [](const Period& p, Instant at) { return p.Contains(at); };
  std::vector<Figure> summed = Compute(whole, now, {}, SomeLabels(), kCalendar);
  for (const auto month : {2026y / February, 2026y / March, 2026y / April}) {
    const sys_days from{month / 1d};
    const sys_days to{(month + months{1}) / 1d};
    const Period part{month / 1d, year_month_day{to - days{1}}, Instant{from}, Instant{to}};
    Facts f;
    for (const auto& c : all.contacts)
      if (in(part, c.received_at)) f.contacts.push_back(c);
    for (const auto& r : all.referrals)
      if (in(part, r.received_at)) f.referrals.push_back(r);
    f.earlier_referrals = all.earlier_referrals;
    for (const auto& k : all.consultations)
      if (in(part, k.requested_at)) f.consultations.push_back(k);
    f.deadlines = {{"HCR-27", "decision", "met-late", pick(9)}, {"HCR-22", "acknowledgement", "open", pick(9)}};
    for (const auto& d : f.deadlines) all.deadlines.push_back(d);
    AddFigures(summed, Compute(part, now, f, SomeLabels(), kCalendar));
  }
  const std::vector<Figure> plain = Compute(whole, now, all, SomeLabels(), kCalendar);
  ASSERT_EQ(summed.size(), plain.size());
  std::size_t rows = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(summed[i].id, plain[i].id);
    EXPECT_EQ(summed[i].total, plain[i].total) << plain[i].id;
    ASSERT_EQ(summed[i].rows.size(), plain[i].rows.size()) << plain[i].id;
    for (std::size_t r = 0; r < plain[i].rows.size(); ++r, ++rows) {
      EXPECT_EQ(summed[i].rows[r].key, plain[i].rows[r].key) << plain[i].id;
      EXPECT_EQ(summed[i].rows[r].label, plain[i].rows[r].label) << plain[i].id;
      EXPECT_EQ(summed[i].rows[r].count, plain[i].rows[r].count) << plain[i].id << " " << plain[i].rows[r].key;
      EXPECT_EQ(summed[i].rows[r].denominator, plain[i].rows[r].denominator) << plain[i].id << " " << plain[i].rows[r].key;
    }
    if (plain[i].id == kOutcomes) {
      EXPECT_TRUE(plain[i].Find("not-in-the-pack")) << "an outcome no label names";
    }
  }
  EXPECT_GT(rows, 100u);
  const Figure* rereferrals = &plain[std::size_t(std::find_if(plain.begin(), plain.end(), [](auto& f) { return f.id == kReReferrals; }) - plain.begin())];
  EXPECT_GT(rereferrals->Find(kAll)->count, 0) << "the test must hold re-referrals, some across months";
}

// A kept month is counted again when time alone would change it: the first pending contact falls
// late the second after its working day runs out; decided, acknowledged and returned ones never do.
TEST(Performance, NextChangeIsWhenTheFirstPendingContactFallsLate) {
  Facts f = WeekOfFacts();  // at Friday noon only contact 4 (due Monday 11:00) is pending
  EXPECT_EQ(NextChange(kFridayNoon, f, kCalendar), At(kMon + days{7}, 11) + seconds{1});
  EXPECT_EQ(NextChange(At(kMon + days{7}, 11, 1), f, kCalendar), std::nullopt) << "nothing pending any more";
  f.contacts[3].decided_at = At(kMon + days{4}, 11, 30);
  EXPECT_EQ(NextChange(kFridayNoon, f, kCalendar), At(kMon + days{7}, 11) + seconds{1})
      << "decided but still unacknowledged";
  f.contacts[3].acknowledged_at = At(kMon + days{4}, 11, 30);
  EXPECT_EQ(NextChange(kFridayNoon, f, kCalendar), std::nullopt);
}

}  // namespace fd::performance
