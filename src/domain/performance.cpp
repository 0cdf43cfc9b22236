#include "domain/performance.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace fd::performance {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

std::string IsoDate(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string DayLabel(Date d) {
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()),
                     kMonths[static_cast<unsigned>(d.month()) - 1], static_cast<int>(d.year()));
}

// The records of one figure, each tagged with the row it is counted in: the figures are counted
// from these tags and the record lists filter them, so a list always matches its number.
using Tags = std::vector<RecordRef>;

RecordRef ContactTag(const ContactFact& c, std::string key, std::optional<bool> counted = std::nullopt) {
  return RecordRef{"contact", c.id, c.received_at, std::move(key), counted, std::nullopt};
}

Tags BySource(const Facts& f) {
  Tags out;
  for (const auto& c : f.contacts) out.push_back(ContactTag(c, c.referrer_type));
  return out;
}

Tags ByDay(const Facts& f, const Calendar& calendar) {
  Tags out;
  for (const auto& c : f.contacts) out.push_back(ContactTag(c, IsoDate(calendar.LocalDateOf(c.received_at))));
  return out;
}

Timeliness JudgeBy(Instant due, std::optional<Instant> done, Instant now) {
  if (done) return *done <= due ? Timeliness::kInTime : Timeliness::kLate;
  return now > due ? Timeliness::kLate : Timeliness::kPending;
}

// When each contact's working day runs out, in f.contacts order: worked out once for both
// timeliness figures (the calendar is the costly part of counting a large period).
std::vector<Instant> DueTimes(const Facts& f, const Calendar& calendar) {
  std::vector<Instant> due;
  due.reserve(f.contacts.size());
  for (const auto& c : f.contacts)
    due.push_back(c.returned ? c.received_at : calendar.OneWorkingDayAfter(c.received_at));
  return due;
}

// Returned forms (HCR-9) are not progressed: no decision or acknowledgement is owed, so they are
// not in either timeliness figure. A contact passed on at receipt (HCR-4, HCR-5) owes an
// acknowledgement but no front-door decision.
Tags Timely(const Facts& f, bool decisions, Instant now, const std::vector<Instant>& due) {
  Tags out;
  for (std::size_t i = 0; i < f.contacts.size(); ++i) {
    const ContactFact& c = f.contacts[i];
    if (c.returned || c.duplicate || (decisions && c.passed_on)) continue;
    switch (JudgeBy(due[i], decisions ? c.decided_at : c.acknowledged_at, now)) {
      case Timeliness::kInTime:
        out.push_back(ContactTag(c, std::string(kAll), true));
        break;
      case Timeliness::kLate:
        out.push_back(ContactTag(c, std::string(kAll), false));
        break;
      case Timeliness::kPending:
        out.push_back(ContactTag(c, std::string(kPending)));
        break;
    }
  }
  return out;
}

Tags Conversion(const Facts& f) {
  Tags out;
  for (const auto& c : f.contacts)
    if (!c.duplicate) out.push_back(ContactTag(c, std::string(kAll), c.referred));
  return out;
}

Tags Outcomes(const Facts& f) {
  Tags out;
  for (const auto& c : f.contacts) {
    if (c.returned)
      out.push_back(ContactTag(c, std::string(kReturned)));
    else if (c.duplicate)
      out.push_back(ContactTag(c, std::string(kDuplicate)));
    else if (c.passed_on && !c.decided_at)
      out.push_back(ContactTag(c, std::string(kPassedOn)));
    else if (c.decided_at)
      out.push_back(ContactTag(c, c.outcome));
    else
      out.push_back(ContactTag(c, std::string(kUndecided)));
  }
  return out;
}

// A referral is a re-referral when a child it is about (matched by their register record) had
// another referral, received earlier, within the 12 months before it. The earlier referral may
// have been about any team's contact.
Tags ReReferrals(const Facts& f, const Calendar& calendar) {
  // Every referral about a linked child, sorted by the child: a year holds tens of thousands.
  struct Earlier {
    std::int64_t person;
    Instant at;
    std::int64_t referral_id, contact_id;
    Date date;  // the local date of `at`, worked out once
  };
  std::vector<Earlier> by_person;
  by_person.reserve(f.referrals.size() + f.earlier_referrals.size());
  for (const auto* list : {&f.referrals, &f.earlier_referrals})
    for (const auto& r : *list)
      if (r.person_id)
        by_person.push_back({*r.person_id, r.received_at, r.referral_id, r.contact_id, calendar.LocalDateOf(r.received_at)});
  std::sort(by_person.begin(), by_person.end(), [](const Earlier& a, const Earlier& b) { return a.person < b.person; });
  const auto referrals_about = [&](std::int64_t person) {
    const auto lo = std::partition_point(by_person.begin(), by_person.end(), [&](const Earlier& e) { return e.person < person; });
    const auto hi = std::partition_point(lo, by_person.end(), [&](const Earlier& e) { return e.person == person; });
    return std::pair(lo, hi);
  };

  struct Referral {
    std::int64_t contact_id = 0;
    Instant at;
    std::vector<std::int64_t> people;
  };
  std::map<std::int64_t, Referral> referrals;
  for (const auto& r : f.referrals) {
    auto& ref = referrals[r.referral_id];
    ref.contact_id = r.contact_id;
    ref.at = r.received_at;
    if (r.person_id) ref.people.push_back(*r.person_id);
  }
  Tags out;
  for (const auto& [id, r] : referrals) {
    RecordRef tag{"contact", r.contact_id, r.at, std::string(kNotMatched), std::nullopt, std::nullopt};
    if (!r.people.empty()) {
      tag.key = std::string(kAll);
      tag.counted = false;
      const Date date = calendar.LocalDateOf(r.at);
      std::optional<Earlier> latest;
      for (std::int64_t person : r.people)
        for (auto [it, end] = referrals_about(person); it != end; ++it) {
          const Earlier& e = *it;
          const bool before = std::tie(e.at, e.referral_id) < std::tie(r.at, id);
          if (e.referral_id == id || !before || !WithinTwelveMonthsBefore(e.date, date))
            continue;
          if (!latest || std::tie(e.at, e.referral_id) > std::tie(latest->at, latest->referral_id))
            latest = e;
        }
      if (latest) {
        tag.counted = true;
        tag.earlier_contact_id = latest->contact_id;
      }
    }
    out.push_back(tag);
  }
  return out;
}

Tags ConsultationsByType(const Facts& f) {
  Tags out;
  for (const auto& c : f.consultations)
    out.push_back(RecordRef{c.record_type, c.id, c.requested_at, c.type, std::nullopt, std::nullopt});
  return out;
}

Tags ConsultationAdvice(const Facts& f) {
  Tags out;
  for (const auto& c : f.consultations) {
    std::string key = !c.advised                ? std::string(kAwaiting)
                      : c.advised_route.empty() ? std::string(kAdviceGiven)
                                                : c.advised_route;
    out.push_back(RecordRef{c.record_type, c.id, c.requested_at, std::move(key), std::nullopt, std::nullopt});
  }
  return out;
}

Tags TagsOf(std::string_view figure, Instant now, const Facts& f, const Calendar& calendar) {
  if (figure == kContactsBySource) return BySource(f);
  if (figure == kContactsByDay) return ByDay(f, calendar);
  if (figure == kDecisionsInTime) return Timely(f, true, now, DueTimes(f, calendar));
  if (figure == kAcknowledgementsInTime) return Timely(f, false, now, DueTimes(f, calendar));
  if (figure == kConsultationsByType) return ConsultationsByType(f);
  if (figure == kConsultationAdvice) return ConsultationAdvice(f);
  if (figure == kConversion) return Conversion(f);
  if (figure == kOutcomes) return Outcomes(f);
  if (figure == kReReferrals) return ReReferrals(f, calendar);
  return {};
}

struct Tally {
  std::int64_t n = 0, counted = 0;
};

// Counts by a key that is usually one of a handful (a source, an outcome): a short list searched
// from the key last seen, so counting a contact makes no text and no map node.
class Counter {
 public:
  void Add(std::string_view key) {
    if (last_ >= keys_.size() || keys_[last_].first != key) {
      last_ = 0;
      while (last_ < keys_.size() && keys_[last_].first != key) ++last_;
      if (last_ == keys_.size()) keys_.emplace_back(std::string(key), 0);
    }
    ++keys_[last_].second;
  }
  std::map<std::string, Tally, std::less<>> Tallies() const {
    std::map<std::string, Tally, std::less<>> out;
    for (const auto& [key, n] : keys_) out[key].n = n;
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::int64_t>> keys_;
  std::size_t last_ = 0;
};

std::map<std::string, Tally, std::less<>> TallyOf(const Tags& tags) {
  std::map<std::string, Tally, std::less<>> out;
  for (const auto& t : tags) {
    auto& tally = out[t.key];
    ++tally.n;
    if (t.counted.value_or(false)) ++tally.counted;
  }
  return out;
}

// Count rows: one per label in the pack's order (zeros included), then any other key found.
std::vector<Row> CountRows(const std::map<std::string, Tally, std::less<>>& tally,
                           const std::vector<Label>& labels) {
  std::vector<Row> rows;
  for (const auto& l : labels) {
    auto it = tally.find(l.id);
    rows.push_back(Row{l.id, l.label, it == tally.end() ? 0 : it->second.n, std::nullopt});
  }
  for (const auto& [key, t] : tally)
    if (std::none_of(labels.begin(), labels.end(), [&](const Label& l) { return l.id == key; }))
      rows.push_back(Row{key, key, t.n, std::nullopt});
  return rows;
}

// A rate (the kAll row: counted of all), then a count row for each key kept beside it.
std::vector<Row> RateRows(const std::map<std::string, Tally, std::less<>>& tally, const std::string& label,
                          std::initializer_list<std::pair<std::string_view, const char*>> beside) {
  std::vector<Row> rows;
  const auto it = tally.find(kAll);
  const Tally all = it == tally.end() ? Tally{} : it->second;
  rows.push_back(Row{std::string(kAll), label, all.counted, all.n});
  for (const auto& [key, words] : beside) {
    const auto b = tally.find(key);
    rows.push_back(Row{std::string(key), words, b == tally.end() ? 0 : b->second.n, std::nullopt});
  }
  return rows;
}

Figure Make(std::string_view id, std::string title, const Tags& tags, std::vector<Row> rows) {
  return Figure{std::string(id), std::move(title), static_cast<std::int64_t>(tags.size()), std::move(rows)};
}

// The outcome mix: each outcome out of all decided, then the undecided, the passed on and the
// returned beside it.
std::vector<Row> OutcomeRows(const std::map<std::string, Tally, std::less<>>& tally, const Labels& labels) {
  const auto beside = [](std::string_view key) {
    return key == kUndecided || key == kPassedOn || key == kReturned || key == kDuplicate;
  };
  std::int64_t decided = 0;
  for (const auto& [key, t] : tally)
    if (!beside(key)) decided += t.n;
  std::vector<Row> rows;
  for (const auto& row : CountRows(tally, labels.outcomes))
    if (!beside(row.key)) rows.push_back(Row{row.key, row.label, row.count, decided});
  for (auto [key, words] :
       {std::pair{kUndecided, "No decision authorised yet (not in the mix)"},
        std::pair{kPassedOn, "Passed on at receipt to the allocated worker or the LADO, no front-door decision (not in "
                             "the mix)"},
        std::pair{kReturned, "Returned to the sender, not progressed (not in the mix)"},
        std::pair{kDuplicate, "Closed as a duplicate of another contact, decided there (not in the mix)"}}) {
    const auto it = tally.find(key);
    rows.push_back(Row{std::string(key), words, it == tally.end() ? 0 : it->second.n, std::nullopt});
  }
  return rows;
}

Figure DeadlineFigure(const Facts& f, const Labels& labels) {
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  std::vector<Label> timescales = labels.timescales;
  std::int64_t total = 0;
  for (const auto& d : f.deadlines) {
    counts[{d.timescale, d.state}] += d.count;
    total += d.count;
    if (std::none_of(timescales.begin(), timescales.end(),
                     [&](const Label& l) { return l.id == d.timescale; }))
      timescales.push_back({d.timescale, d.rule_id + ": " + d.timescale});
  }
  std::vector<Row> rows;
  for (const auto& t : timescales)
    for (std::string_view state : kDeadlineStates) {
      const std::string words = state == "open"          ? "open, not yet due"
                                : state == "met-on-time" ? "met on time"
                                : state == "met-late"    ? "met late"
                                                         : "breached (not met, past due)";
      auto it = counts.find({t.id, std::string(state)});
      rows.push_back(Row{fmt::format("{}:{}", t.id, state), fmt::format("{}: {}", t.label, words),
                         it == counts.end() ? 0 : it->second, std::nullopt});
    }
  return Figure{std::string(kDeadlines), "Deadlines by rule", total, std::move(rows)};
}

}  // namespace

std::optional<double> Row::Percent() const {
  if (!denominator || *denominator == 0) return std::nullopt;
  return 100.0 * static_cast<double>(count) / static_cast<double>(*denominator);
}

const Row* Figure::Find(std::string_view key) const {
  for (const auto& r : rows)
    if (r.key == key) return &r;
  return nullptr;
}

const std::vector<std::string_view>& FigureIds() {
  static const std::vector<std::string_view> ids = {
      kContactsBySource,    kContactsByDay,      kDecisionsInTime, kAcknowledgementsInTime,
      kConsultationsByType, kConsultationAdvice, kConversion,      kOutcomes,
      kReReferrals,         kDeadlines};
  return ids;
}

bool IsFigure(std::string_view id) {
  const auto& ids = FigureIds();
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Timeliness Judge(Instant received, std::optional<Instant> done, Instant now, const Calendar& calendar) {
  return JudgeBy(calendar.OneWorkingDayAfter(received), done, now);
}

bool WithinTwelveMonthsBefore(Date earlier, Date later) {
  // sys_days of an invalid date runs on into the next month: 29 February a year back is 1 March.
  const sys_days start{Date{later.year() - std::chrono::years{1}, later.month(), later.day()}};
  return sys_days{earlier} >= start && sys_days{earlier} <= sys_days{later};
}

std::vector<Date> DaysOf(const Period& period) {
  std::vector<Date> out;
  for (sys_days d{period.from}; d <= sys_days{period.to}; d += days{1}) out.push_back(Date{d});
  return out;
}

std::vector<Figure> Compute(const Period& period, Instant now, const Facts& facts, const Labels& labels,
                            const Calendar& calendar) {
  // Every contact figure is counted in one pass over the contacts, with no record list and no text
  // made per contact: a year holds some 100,000 of them. Each contact is put in the same row as the
  // record lists put it (Timely, Outcomes, …: the same rules, written for one contact at a time),
  // and a test checks every row against RecordsOf.
  const std::vector<Date> days = DaysOf(period);
  std::vector<std::int64_t> per_day(days.size());
  Counter by_source, outcomes, other_days;
  Tally decisions, decisions_pending, acknowledgements, acknowledgements_pending, conversion;
  std::int64_t timely_total = 0, decisions_total = 0;
  for (const ContactFact& c : facts.contacts) {
    by_source.Add(c.referrer_type);
    const auto day = (sys_days{calendar.LocalDateOf(c.received_at)} - sys_days{period.from}).count();
    if (day >= 0 && day < static_cast<std::int64_t>(days.size())) ++per_day[static_cast<std::size_t>(day)];
    else other_days.Add(IsoDate(calendar.LocalDateOf(c.received_at)));
    if (c.duplicate) {  // the same concern as another contact, decided there
      outcomes.Add(kDuplicate);
      continue;
    }
    ++conversion.n;
    if (c.referred) ++conversion.counted;
    if (c.returned) {
      outcomes.Add(kReturned);
      continue;
    }
    outcomes.Add(c.decided_at ? std::string_view(c.outcome) : c.passed_on ? kPassedOn : kUndecided);
    ++timely_total;
    if (!c.passed_on) ++decisions_total;
    const Instant due = calendar.OneWorkingDayAfter(c.received_at);
    const auto count = [&](std::optional<Instant> done, Tally& rate, Tally& pending) {
      switch (JudgeBy(due, done, now)) {
        case Timeliness::kInTime: ++rate.n, ++rate.counted; break;
        case Timeliness::kLate: ++rate.n; break;
        case Timeliness::kPending: ++pending.n; break;
      }
    };
    if (!c.passed_on) count(c.decided_at, decisions, decisions_pending);
    count(c.acknowledged_at, acknowledgements, acknowledgements_pending);
  }
  const auto contacts = static_cast<std::int64_t>(facts.contacts.size());

  std::vector<Figure> out;
  out.push_back(Figure{std::string(kContactsBySource), "Contacts by source", contacts,
                       CountRows(by_source.Tallies(), labels.referrer_types)});
  {
    auto tally = other_days.Tallies();
    std::vector<Label> day_labels;
    for (std::size_t i = 0; i < days.size(); ++i) {
      day_labels.push_back({IsoDate(days[i]), DayLabel(days[i])});
      if (per_day[i] > 0) tally[day_labels.back().id].n = per_day[i];
    }
    out.push_back(Figure{std::string(kContactsByDay), "Contacts by day", contacts, CountRows(tally, day_labels)});
  }
  const auto timely = [&](Tally rate, Tally pending) {
    std::map<std::string, Tally, std::less<>> tally;
    if (rate.n > 0) tally[std::string(kAll)] = rate;
    if (pending.n > 0) tally[std::string(kPending)] = pending;
    return tally;
  };
  out.push_back(Figure{std::string(kDecisionsInTime), "Decisions within 1 working day", decisions_total,
                       RateRows(timely(decisions, decisions_pending), "Decided within 1 working day of receipt",
                                {{kPending, "Not decided yet and still within the working day (not counted)"}})});
  out.push_back(
      Figure{std::string(kAcknowledgementsInTime), "Acknowledgements within 1 working day", timely_total,
             RateRows(timely(acknowledgements, acknowledgements_pending), "Acknowledged within 1 working day of receipt",
                      {{kPending, "Not acknowledged yet and still within the working day (not counted)"}})});
  {
    const Tags tags = ConsultationsByType(facts);
    out.push_back(Make(kConsultationsByType, "Consultations by type", tags,
                       CountRows(TallyOf(tags), labels.consultation_types)));
  }
  {
    const Tags tags = ConsultationAdvice(facts);
    std::vector<Label> advice = labels.advice_routes;
    advice.push_back({std::string(kAdviceGiven), "Advice given"});
    advice.push_back({std::string(kAwaiting), "Waiting for the call-back or the chair"});
    out.push_back(
        Make(kConsultationAdvice, "Consultation advice given", tags, CountRows(TallyOf(tags), advice)));
  }
  {
    std::map<std::string, Tally, std::less<>> tally;
    if (conversion.n > 0) tally[std::string(kAll)] = conversion;
    out.push_back(Figure{std::string(kConversion), "Contacts that became referrals", conversion.n,
                         RateRows(tally, "Became referrals", {})});
  }
  out.push_back(Figure{std::string(kOutcomes), "Outcomes", contacts, OutcomeRows(outcomes.Tallies(), labels)});
  {
    const Tags tags = ReReferrals(facts, calendar);
    out.push_back(
        Make(kReReferrals, "Re-referrals within 12 months", tags,
             RateRows(TallyOf(tags), "Referrals about a child referred in the 12 months before",
                      {{kNotMatched, "Referrals with no child linked to the register (not counted)"}})));
  }
  out.push_back(DeadlineFigure(facts, labels));
  return out;
}

void AddFigures(std::vector<Figure>& total, const std::vector<Figure>& part) {
  for (const Figure& p : part) {
    auto figure = std::find_if(total.begin(), total.end(), [&](const Figure& f) { return f.id == p.id; });
    if (figure == total.end()) figure = total.insert(total.end(), Figure{p.id, p.title, 0, {}});
    figure->total += p.total;
    for (const Row& r : p.rows) {
      auto row = std::find_if(figure->rows.begin(), figure->rows.end(), [&](const Row& t) { return t.key == r.key; });
      if (row == figure->rows.end()) {
        // A key no label names (a record of an id no pack version has): where Compute puts such
        // rows, after the rate rows when it is a rate (the outcome mix), else at the end.
        auto at = figure->rows.end();
        if (r.denominator)
          at = std::find_if(figure->rows.begin(), figure->rows.end(), [](const Row& t) { return !t.denominator; });
        row = figure->rows.insert(at, r);
        if (row->label.empty()) row->label = r.key;
        continue;
      }
      row->count += r.count;
      if (r.denominator) row->denominator = row->denominator.value_or(0) + *r.denominator;
    }
  }
}

std::optional<Instant> NextChange(Instant now, const Facts& facts, const Calendar& calendar) {
  std::optional<Instant> next;
  for (const ContactFact& c : facts.contacts) {
    if (c.returned || c.duplicate || ((c.decided_at || c.passed_on) && c.acknowledged_at)) continue;
    const Instant due = calendar.OneWorkingDayAfter(c.received_at);
    if (JudgeBy(due, std::nullopt, now) != Timeliness::kPending) continue;
    const Instant late = due + std::chrono::seconds{1};
    if (!next || late < *next) next = late;
  }
  return next;
}

std::vector<RecordRef> RecordsOf(std::string_view figure, std::string_view breakdown, Instant now,
                                 const Facts& facts, const Calendar& calendar) {
  Tags tags = TagsOf(figure, now, facts, calendar);
  if (!breakdown.empty()) std::erase_if(tags, [&](const RecordRef& t) { return t.key != breakdown; });
  std::stable_sort(tags.begin(), tags.end(), [](const RecordRef& a, const RecordRef& b) {
    return std::tie(a.at, a.record_type, a.id) < std::tie(b.at, b.record_type, b.id);
  });
  return tags;
}

}  // namespace fd::performance
