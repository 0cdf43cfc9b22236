#include "domain/cin_census.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "domain/return_codes.h"
#include "domain/text.h"

namespace fd::returns {
namespace {

using std::chrono::sys_days;

bool Before(Date a, Date b) { return sys_days(a) < sys_days(b); }
bool Within(Date d, Date from, Date to) { return !Before(d, from) && !Before(to, d); }

std::string Iso(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

// "referral RF-2025-000003 (contact FD-2025-000010)"; a referral closed with no further action has
// no referral record of its own, so its contact names it.
std::string RecordOf(const ReferralEntry& r) {
  if (r.referral_reference.empty()) return fmt::format("contact {}", r.contact_reference);
  return fmt::format("referral {} (contact {})", r.referral_reference, r.contact_reference);
}

class Findings {
 public:
  Findings(std::vector<CensusFinding>& out, const std::string& child_id) : out_(out), child_id_(child_id) {}
  void Error(const char* rule, const std::string& record, std::string message) { Add(rule, false, record, std::move(message)); }
  void Query(const char* rule, const std::string& record, std::string message) { Add(rule, true, record, std::move(message)); }

 private:
  void Add(const char* rule, bool query, const std::string& record, std::string message) {
    out_.push_back(CensusFinding{rule, query, child_id_, record, std::move(message)});
  }
  std::vector<CensusFinding>& out_;
  const std::string& child_id_;
};

void CheckChild(const CensusChild& c, const CensusYear& year, Findings& f) {
  if (!year.UsesSex()) return;
  // Rules 1570 and 1580 (2024-25 on).
  if (c.child.id.size() > 20)
    f.Error("1570", "", fmt::format("The child's ID {} is longer than 20 characters", c.child.id));
  if (!std::all_of(c.child.id.begin(), c.child.id.end(), [](unsigned char ch) { return std::isalnum(ch); }))
    f.Error("1580", "", fmt::format("The child's ID {} holds characters other than letters and digits", c.child.id));
}

void CheckReferral(const CensusChild& c, const CensusEpisode& e, const CensusYear& year, Findings& f) {
  const ReferralEntry& r = e.referral;
  const std::string record = RecordOf(r);
  if (Before(year.reference_date, r.referred_on))
    f.Error("8600", record, fmt::format("The referral date {} is after the end of the census year ({})",
                                        Iso(r.referred_on), Iso(year.reference_date)));
  // 8606: no more than 280 days (40 weeks) before the birth or the expected birth.
  if (const auto born = c.child.date_of_birth ? c.child.date_of_birth : c.child.expected_date;
      born && (sys_days(*born) - sys_days(r.referred_on)).count() > 280)
    f.Error("8606", record, fmt::format("The referral date {} is more than 40 weeks before the child's {} {}",
                                        Iso(r.referred_on),
                                        c.child.date_of_birth ? "date of birth" : "expected date of birth", Iso(*born)));
  // 8866: for referrals from 1 April 2013, a valid source.
  if (!Before(r.referred_on, Date{std::chrono::year{2013}, std::chrono::April, std::chrono::day{1}}) &&
      !IsCinReferralSource(r.source_code))
    f.Error("8866", record,
            r.source_code.empty()
                ? std::string("The source of the referral is missing: the policy pack maps no census code for this "
                              "referrer ([returns.referral_sources])")
                : fmt::format("The source of the referral \"{}\" is not a census code", r.source_code));
  if (!r.nfa && r.primary_need.empty())
    f.Error("8610", record,
            "The primary need code is missing for a referral which led to further action (frontdoor records no "
            "primary need for this outcome: add it where the child's assessment is recorded)");
  if (!r.primary_need.empty() && !IsCinPrimaryNeed(r.primary_need))
    f.Error("8650", record, fmt::format("The primary need code \"{}\" is not one of N0 to N9", r.primary_need));
  if (e.closure_date) {
    if (Before(*e.closure_date, r.referred_on))
      f.Error("8630", record, fmt::format("The closure date {} is before the referral date {}", Iso(*e.closure_date),
                                          Iso(r.referred_on)));
    if (!Within(*e.closure_date, year.start, year.reference_date))
      f.Error("8620", record, fmt::format("The closure date {} is not within the census year", Iso(*e.closure_date)));
  }
}

// 8820: a child's referrals may not overlap: each referral date must not fall within another
// referral that is still open (no closure date, further action) or before that one's closure. The
// end of one may be the start of the next. frontdoor holds no closure dates (the child's case is
// closed in the case management system), so an earlier referral that led to further action and has
// no closure date here is a query for that system to settle, not an error: as an error it would stop
// every child referred twice in a year, and the census would then be sent with allow_errors, hiding
// the errors that are real.
void CheckOverlaps(const CensusChild& c, Findings& f) {
  for (std::size_t i = 0; i < c.episodes.size(); ++i) {
    const CensusEpisode& later = c.episodes[i];
    for (std::size_t j = 0; j < i; ++j) {
      const CensusEpisode& earlier = c.episodes[j];
      const Date at = later.referral.referred_on;
      if (earlier.closure_date) {
        if (!Before(at, *earlier.closure_date)) continue;
        f.Error("8820", RecordOf(later.referral),
                fmt::format("The referral on {} falls within the child's earlier referral of {} ({}), which closed only "
                            "on {}: the dates of the child's CIN episodes overlap",
                            Iso(at), Iso(earlier.referral.referred_on), RecordOf(earlier.referral),
                            Iso(*earlier.closure_date)));
        break;  // one finding per referral is enough to point at it
      }
      if (earlier.referral.nfa) continue;
      f.Query("8820", RecordOf(later.referral),
              fmt::format("Please check: the referral on {} follows the child's earlier referral of {} ({}), which led to further "
                          "action and has no closure date in frontdoor: check in the case management system that the "
                          "earlier episode closed on or before {}, or the census will refuse the overlap",
                          Iso(at), Iso(earlier.referral.referred_on), RecordOf(earlier.referral), Iso(at)));
      break;
    }
  }
}

void CheckAssessments(const CensusEpisode& e, const CensusYear& year, const CensusCutoffs& cutoffs, Findings& f) {
  const std::string record = RecordOf(e.referral);
  for (std::size_t i = 0; i < e.assessments.size(); ++i) {
    const CensusAssessment& a = e.assessments[i];
    if (Before(a.start, e.referral.referred_on))
      f.Error("1103", record, fmt::format("The assessment start date {} is before the referral date {}", Iso(a.start),
                                          Iso(e.referral.referred_on)));
    if (a.authorised) {
      if (Before(*a.authorised, a.start))
        f.Error("8608", record, fmt::format("The assessment was authorised on {}, before it started on {}",
                                            Iso(*a.authorised), Iso(a.start)));
      if (!Within(*a.authorised, year.start, year.reference_date))
        f.Error("8696", record, fmt::format("The assessment authorisation date {} is not within the census year ({} "
                                            "to {})",
                                            Iso(*a.authorised), Iso(year.start), Iso(year.reference_date)));
    } else {
      if (!Within(a.start, year.start, year.reference_date))
        f.Error("8736", record, fmt::format("The assessment started on {} is not authorised, and its start is not "
                                            "within the census year ({} to {})",
                                            Iso(a.start), Iso(year.start), Iso(year.reference_date)));
      if (Before(a.start, cutoffs.assessment))
        f.Query("8670Q", record, fmt::format("Please check: the assessment started on {}, more than 45 working days "
                                             "before the end of the census year, and has no authorisation date",
                                             Iso(a.start)));
    }
    if (e.closure_date && !a.authorised)
      f.Error("8867", record, fmt::format("The referral is closed, but the assessment started on {} is not shown as "
                                          "authorised",
                                          Iso(a.start)));
    // 8863: no assessment may start while another in the same referral is going on.
    for (std::size_t j = 0; j < e.assessments.size(); ++j) {
      if (j == i) continue;
      const CensusAssessment& other = e.assessments[j];
      const Date until = other.authorised ? *other.authorised : year.reference_date;
      if (Before(a.start, other.start) || Before(until, a.start)) continue;
      if (a.start == other.start && j > i) continue;  // two starting the same day: report the second only
      f.Error("8863", record, fmt::format("An assessment starts on {} while another, started on {}, is still going on",
                                          Iso(a.start), Iso(other.start)));
      break;
    }
  }
}

void CheckSection47(const CensusEpisode& e, const CensusYear& year, const CensusCutoffs& cutoffs, Findings& f) {
  const std::string record = RecordOf(e.referral);
  int open = 0;
  for (const CensusSection47& s : e.section47) {
    if (Before(s.start, e.referral.referred_on))
      f.Error("2889", record, fmt::format("The Section 47 enquiry start date {} is before the referral date {}",
                                          Iso(s.start), Iso(e.referral.referred_on)));
    if (s.initial_cpc) {
      if (Before(*s.initial_cpc, s.start))
        f.Error("8615", record, fmt::format("The Section 47 enquiry started on {}, after its initial child protection "
                                            "conference on {}",
                                            Iso(s.start), Iso(*s.initial_cpc)));
      if (!Within(*s.initial_cpc, year.start, year.reference_date))
        f.Error("8715", record, fmt::format("The initial child protection conference on {} is not within the census "
                                            "year",
                                            Iso(*s.initial_cpc)));
      continue;
    }
    if (s.icpc_not_required) continue;
    ++open;
    if (!Within(s.start, year.start, year.reference_date))
      f.Error("8740", record, fmt::format("The Section 47 enquiry started on {} has held no initial child protection "
                                          "conference, and its start is not within the census year ({} to {})",
                                          Iso(s.start), Iso(year.start), Iso(year.reference_date)));
    if (Before(s.start, cutoffs.section47))
      f.Query("8675Q", record, fmt::format("Please check: the Section 47 enquiry started on {}, more than 15 working "
                                           "days before the end of the census year, and there is no date of initial "
                                           "child protection conference",
                                           Iso(s.start)));
    if (e.closure_date)
      f.Error("8868", record, fmt::format("The referral is closed, but the Section 47 enquiry started on {} shows no "
                                          "initial child protection conference, nor that none was required",
                                          Iso(s.start)));
  }
  if (open > 1)
    f.Error("8839", record, fmt::format("There are {} open Section 47 enquiries in this referral; there may be only one",
                                        open));
}

// A tiny XML writer: the census has no attributes and no mixed content.
class Xml {
 public:
  void Open(std::string_view name) {
    Indent();
    out_ += fmt::format("<{}>\n", name);
    ++depth_;
  }
  void Close(std::string_view name) {
    --depth_;
    Indent();
    out_ += fmt::format("</{}>\n", name);
  }
  void Leaf(std::string_view name, std::string_view text) {
    Indent();
    if (text.empty()) out_ += fmt::format("<{}/>\n", name);
    else out_ += fmt::format("<{0}>{1}</{0}>\n", name, EscapeMarkup(text));
  }
  std::string Take() { return std::move(out_); }

 private:
  void Indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }
  std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  int depth_ = 0;
};

void WriteEpisode(Xml& x, const CensusEpisode& e) {
  const ReferralEntry& r = e.referral;
  x.Open("CINdetails");
  x.Leaf("CINreferralDate", Iso(r.referred_on));
  x.Leaf("ReferralSource", r.source_code);
  if (!r.primary_need.empty()) x.Leaf("PrimaryNeedCode", r.primary_need);
  if (e.closure_date) x.Leaf("CINclosureDate", Iso(*e.closure_date));
  if (!e.reason_for_closure.empty()) x.Leaf("ReasonForClosure", e.reason_for_closure);
  for (const auto& a : e.assessments) {
    x.Open("Assessments");
    x.Leaf("AssessmentActualStartDate", Iso(a.start));
    if (a.authorised) x.Leaf("AssessmentAuthorisationDate", Iso(*a.authorised));
    if (!a.factors.empty()) {
      x.Open("FactorsIdentifiedAtAssessment");
      for (const auto& factor : a.factors) x.Leaf("AssessmentFactors", factor);
      x.Close("FactorsIdentifiedAtAssessment");
    }
    x.Close("Assessments");
  }
  for (const auto& s : e.section47) {
    x.Open("Section47");
    x.Leaf("S47ActualStartDate", Iso(s.start));
    if (s.initial_cpc) x.Leaf("DateOfInitialCPC", Iso(*s.initial_cpc));
    x.Leaf("ICPCnotRequired", s.icpc_not_required ? "true" : "false");
    x.Close("Section47");
  }
  // After Section47 and before ChildProtectionPlans, as the XSD orders it.
  x.Leaf("ReferralNFA", r.nfa ? "true" : "false");
  x.Close("CINdetails");
}

}  // namespace

CensusYear CensusYearOf(int year) {
  using namespace std::chrono;
  return CensusYear{year, std::chrono::year{year - 1} / April / 1d, std::chrono::year{year} / March / 31d};
}

Result<CensusYear> ValidCensusYear(std::string_view text) {
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc{} || end != text.data() + text.size() || year < 2000 || year > 2100)
    return std::unexpected(Error::InvalidField(
        "year", "Enter the census year, the year it ends, from 2000 to 2100: 2025 for 1 April 2024 to 31 March 2025"));
  return CensusYearOf(year);
}

Result<void> CensusYearEnded(const CensusYear& year, Date today) {
  if (!Before(today, year.reference_date)) return {};
  return std::unexpected(Error::InvalidField(
      "year", fmt::format("The {}-{:02} census year ends on 31 March {}, after today ({}): a census can be produced "
                          "once its year has ended",
                          year.year - 1, year.year % 100, year.year, Iso(today))));
}

Result<void> CensusHasChildren(const std::vector<CensusChild>& children, const CensusYear& year) {
  if (!children.empty()) return {};
  return std::unexpected(Error::InvalidField(
      "year", fmt::format("No children in need in that year: nothing to return. frontdoor holds no referral in the "
                          "{}-{:02} census year ({} to {}), and the census cannot be sent without a child",
                          year.year - 1, year.year % 100, Iso(year.start), Iso(year.reference_date))));
}

std::vector<CensusChild> GroupCensusChildren(const std::vector<ReferralEntry>& referrals, const CensusYear& year) {
  std::vector<const ReferralEntry*> in;
  for (const auto& r : referrals)
    if (Within(r.referred_on, year.start, year.reference_date)) in.push_back(&r);
  std::stable_sort(in.begin(), in.end(), [](const ReferralEntry* a, const ReferralEntry* b) {
    return std::tuple(sys_days(a->referred_on), a->contact_id) < std::tuple(sys_days(b->referred_on), b->contact_id);
  });
  std::vector<CensusChild> children;
  std::map<std::string, std::size_t> index;
  for (const ReferralEntry* r : in) {
    auto [it, added] = index.try_emplace(r->child.id, children.size());
    if (added) children.push_back(CensusChild{r->child, {}});
    CensusEpisode episode;
    episode.referral = *r;
    children[it->second].episodes.push_back(std::move(episode));
  }
  return children;
}

CensusEpisode* EpisodeFor(CensusChild& child, Date on) {
  CensusEpisode* found = nullptr;
  for (auto& e : child.episodes)
    if (!Before(on, e.referral.referred_on)) found = &e;
  return found;
}

std::string CensusFinding::ToString() const {
  std::string where = fmt::format("child {}", child_id);
  if (!record.empty()) where += ", " + record;
  return fmt::format("{} {}: {}: {}", query ? "Query" : "Error", rule, where, message);
}

std::vector<CensusFinding> ValidateCensus(const std::vector<CensusChild>& children, const CensusYear& year,
                                          const CensusCutoffs& cutoffs) {
  std::vector<CensusFinding> out;
  for (const CensusChild& c : children) {
    Findings f(out, c.child.id);
    CheckChild(c, year, f);
    for (const CensusEpisode& e : c.episodes) CheckReferral(c, e, year, f);
    CheckOverlaps(c, f);
    for (const CensusEpisode& e : c.episodes) {
      CheckAssessments(e, year, cutoffs, f);
      CheckSection47(e, year, cutoffs, f);
    }
  }
  return out;
}

bool HasErrors(const std::vector<CensusFinding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const CensusFinding& f) { return !f.query; });
}

std::string CensusXml(const CensusSource& source, const CensusYear& year, const std::vector<CensusChild>& children) {
  Xml x;
  x.Open("Message");
  x.Open("Header");
  x.Open("CollectionDetails");
  x.Leaf("Collection", "CIN");
  x.Leaf("Year", std::to_string(year.year));
  x.Leaf("ReferenceDate", Iso(year.reference_date));
  x.Close("CollectionDetails");
  x.Open("Source");
  x.Leaf("SourceLevel", "L");
  x.Leaf("LEA", source.la_code);
  x.Leaf("SoftwareCode", source.software_code);
  x.Leaf("Release", source.release);
  x.Leaf("SerialNo", source.serial_no);
  x.Leaf("DateTime", source.date_time);
  x.Close("Source");
  x.Close("Header");
  x.Open("Children");
  for (const CensusChild& c : children) {
    x.Open("Child");
    x.Open("ChildIdentifiers");
    x.Leaf("LAchildID", c.child.id);
    if (c.child.date_of_birth) x.Leaf("PersonBirthDate", Iso(*c.child.date_of_birth));
    else if (c.child.expected_date) x.Leaf("ExpectedPersonBirthDate", Iso(*c.child.expected_date));
    const bool unborn = !c.child.date_of_birth && c.child.expected_date;
    x.Leaf(year.UsesSex() ? "Sex" : "GenderCurrent", CensusSexCode(c.child.gender, unborn, year.UsesSex()));
    x.Close("ChildIdentifiers");
    x.Open("ChildCharacteristics");
    // Required, from the census's list: NOBT ("Information not yet obtained") unless a code is recorded.
    x.Leaf("Ethnicity", CensusEthnicityCode(c.child.ethnicity));
    x.Close("ChildCharacteristics");
    for (const CensusEpisode& e : c.episodes) WriteEpisode(x, e);
    x.Close("Child");
  }
  x.Close("Children");
  x.Close("Message");
  return x.Take();
}

}  // namespace fd::returns
