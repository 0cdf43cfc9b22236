// Policy packs: an authority's procedures as data (TOML under policies/), one file per version with
// its effective date. Code implements the mechanisms; packs choose among them. docs/policy-packs.md
// describes every field.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/timescale.h"
#include "calendar/working_calendar.h"
#include "domain/information_request.h"
#include "domain/return_codes.h"
#include "domain/retention.h"

namespace fd::policy {

struct TimescaleRule {
  std::string id;    // "decision", "acknowledgement", …
  std::string text;  // as the pack writes it: "1 working day"
  calendar::Timescale timescale;
  std::string rule;  // the rule ID it implements: "KCR-8"
  std::string description;
};

struct ConsultationType {
  std::string id;
  std::string name;
  std::string service;  // the service whose hours apply
  bool named = false;   // may the child be named (CRU-3) or not (FDS-7)
  std::vector<std::string> preconditions;  // ids of checks the request must pass
  std::vector<std::string> eligible_callers;  // empty: any professional
  std::string retention = "consultation";     // the [[retention]] record class its records are kept under
  std::string safeguarding_retention;         // CRU-4: the class once marked safeguarding; empty: `retention`
  // Whether the advice goes on the child's record: "never" (FDS-7/FDS-8: kept, but about no named
  // child), "when-safeguarding" (CRU-4: nothing kept unless the adviser marks the concern as
  // safeguarding; then on the child's record, and an IAR is expected), "always" (HCR-10).
  std::string on_child_record = "never";
  std::vector<std::string> advice_routes;     // HCR-10: the advice the adviser chooses from ("red", "green", …)
  // FDS-9: after the consultation the consultee is e-mailed its number (to a secure address only,
  // KCR-5), and never the record (FDS-8). Off: no number is e-mailed and the pages do not promise one.
  bool number_emailed = false;
};

// CPC-1: a Child Protection Chair consultation is requested by e-mail to the area's inbox.
struct ChairConsultationArea {
  std::string id;     // "north-west"
  std::string name;   // "North and West Kent"
  std::string inbox;  // "cpcconsultationsnw@kent.gov.uk"
};

// How a service is reached, where the procedures give it ([[services]] `phone`, `email`): said to
// referrers wherever a message sends them to that service (a returned red form, HCR-9). Empty when
// the procedures give none: a number is never made up (docs/decisions.md).
struct ServiceContact {
  std::string phone;  // "0300 123 4043"
  std::string email;  // "protectedreferrals.cs@hertfordshire.gov.uk"
};

struct Indicator {
  std::string id;
  std::string label;
};

struct Outcome {
  std::string id;
  std::string label;
  std::string next;  // what it leads to: "close", "early-help", "assessment", "section-47"
};

struct RetentionPeriod {
  std::string record;
  int years = 0;
  RetentionTrigger from = RetentionTrigger::kCreated;  // `from`: created, closed or date-of-birth
  std::string basis;
};

// How contacts are routed (HCR-5, HCR-9, HCR-18); every field optional.
struct Routing {
  std::string intake_service;        // contacts received outside its hours go to the out-of-hours queue
  std::string out_of_hours_service;  // named on the routing note
  bool red_forms_need_hub_consultation = false;  // HCR-9
  std::string referral_team = "Assessment team";  // the responsible team's queue for referrals (KCR-2)
  std::string urgent_advice;  // HCR-12: what a referrer is told at once when a child may be at imminent risk
  std::string legal_helpdesk_email;  // IR-8: told of every court or solicitor's request; empty: told by hand
  // HCR-13: the [[significant_harm_indicators]] ids that mean imminent risk of significant harm. A
  // contact with one is fast-tracked at receipt to the referral_team's queue (and its managers told)
  // while the front door still screens and decides on it; a worker may fast-track one by hand. Empty:
  // no fast track (Kent's procedures have none).
  std::vector<std::string> fast_track_indicators;
  bool FastTracks() const { return !fast_track_indicators.empty(); }
};

// What this authority's intake asks of a contact ([intake]); each switch is off unless the pack sets
// it, so one authority's forms and conditions are never asked of another's referrers.
struct IntakeSwitches {
  bool red_and_green_forms = false;              // HCR-9…HCR-11: professionals send a red or green form
  bool health_contacts_need_nhs_number = false;  // HCR-17: each child's NHS number (one given is always checked)
  bool health_contacts_need_form = false;        // HCR-17: an e-mailed or posted health contact uses a form
  // KCR-8, HCR-12, HCR-32: the timescales a contact urgent at receipt (a significant-harm indicator
  // ticked, or a high-risk police notification) opens, counted from receipt. Kent: its decision at once; Hertfordshire: the decision on a
  // strategy discussion and Section 47 enquiries within 24 hours. Each names one of [timescales].
  std::vector<std::string> urgent_timescales = {"immediate-protection"};
  // KCR-8, HCR-27: how many days before it is recorded a contact may say it was received (a call taken
  // earlier, typed later). Bounded so a slip of the year cannot open deadlines long since breached.
  int received_days_before = 7;
  // HCR-5: the timescale (one of [timescales]) within which the allocated worker records on the
  // child's record a contact passed to them at receipt; empty: no deadline (docs/decisions.md
  // "Passed to the allocated worker, and not lost there").
  std::string passed_on_recorded;
};

// What this authority asks of a decision ([decisions]); off unless the pack sets it.
struct DecisionSwitches {
  // HCR-34: a case moving to another team needs the holding team's response to risk and the
  // protective factors recorded first.
  bool protective_factors_before_transfer = false;
};

// Issue 12 point 2: the lawful bases on which anything about a person may leave (or enter) the front
// door. Every disclosure in the ledger (app/disclosures.h) names one of these ids.
struct LawfulBasis {
  std::string id;     // "consent", "section-47"
  std::string label;  // "Section 47 Children Act 1989: enquiries where significant harm is suspected"
  // KCR-15, HCR-26: sharing on this basis is sharing without the parents' knowledge, so a team
  // manager's authorisation must be on the contact first.
  bool without_knowledge = false;
  bool consent = false;  // KCR-4: the parents agreed; needs screening to record that they did
};

// Issue 12 point 1: the agencies a front door sends checks to, each with partner users of its own.
struct PartnerAgency {
  std::string id;    // "police"
  std::string name;  // "Kent Police"
};

// The basis each routine disclosure is made on ([ledger]); each names a [[lawful_bases]] id.
struct LedgerBases {
  std::string referrer_outcome;     // KCR-17: the outcome e-mailed to the referrer
  std::string information_request;  // IR-1…IR-10: the answer sent to a requesting agency
  std::string statutory_returns;    // Annex A to Ofsted, the CIN census to the DfE
  // KCR-14: a member of the public's identity passed on outside the front door, on their own consent
  // and on a team manager's authorisation (app/referrer_disclosures.h).
  std::string referrer_identity_consent;
  std::string referrer_identity_authorised;
};

struct PolicyPack {
  std::string file;  // where it was loaded from
  std::string authority;
  std::string authority_name;
  std::string version;
  std::string title;
  calendar::Date effective_from;
  std::string time_zone;
  std::string bank_holiday_file;  // absolute path, resolved against the policies folder
  std::string bank_holiday_division;
  calendar::ClockPeriod office_hours{9 * 60, 17 * 60};
  std::vector<calendar::ServiceHours> services;
  std::map<std::string, ServiceContact> service_contacts;  // by service id; only those the pack gives
  std::map<std::string, TimescaleRule> timescales;
  std::vector<ConsultationType> consultation_types;
  std::vector<Indicator> significant_harm_indicators;
  std::vector<Outcome> outcomes;
  std::vector<std::string> secure_email_domains;
  std::vector<RetentionPeriod> retention;
  // [referrer_status] link_valid_days: how long a referrer's status link works (issue 12 point 3).
  int status_link_days = 90;
  std::vector<ChairConsultationArea> chair_consultation_areas;
  Routing routing;
  IntakeSwitches intake;
  DecisionSwitches decisions;
  // IR-1…IR-10: requests for information from other agencies, each type with its checks and route.
  std::vector<InformationRequestType> information_request_types;
  // Statutory returns (docs/reports.md): the [returns] table, how this authority's referrer types and
  // outcomes are coded in the CIN census and Annex A; none when the pack has no such table.
  std::optional<returns::ReturnCodes> returns;
  // Issue 12: lawful bases, partner agencies and the ledger's routine bases; empty when the pack has
  // none, and then every disclosure is refused (nothing leaves without a recorded basis).
  std::vector<LawfulBasis> lawful_bases;
  std::vector<PartnerAgency> partner_agencies;
  LedgerBases ledger;

  const calendar::ServiceHours* Service(const std::string& id) const;
  // The service's phone and e-mail; both empty when the pack gives neither.
  ServiceContact ContactOf(const std::string& service_id) const;
  const TimescaleRule* Timescale(const std::string& id) const;
  const RetentionPeriod* Retention(const std::string& record) const;
  const InformationRequestType* InformationRequestTypeById(const std::string& id) const;
  const LawfulBasis* LawfulBasisById(const std::string& id) const;
  const PartnerAgency* PartnerAgencyById(const std::string& id) const;
  // HCR-10: a consultation type whose adviser chooses a route (red, green, …) is a hub whose advice
  // the later form notes; only then is a contact asked what the hub advised.
  bool HasHubAdvice() const;
  // HCR-9: the service of the hub a returned red form sends the sender to (the consultation type
  // whose adviser chooses a route); nullptr when the pack has no such hub.
  const calendar::ServiceHours* HubService() const;
  // Whether `rule_id` ("HCR-25") is of a family of rules this pack implements, as its timescales and
  // kinds of request for information name them ("KCR", "HCR", "IR"): pages cite only those, so one
  // authority's pages do not cite another's rules.
  bool Cites(std::string_view rule_id) const;
};

struct PackError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string ToString() const;  // "policies/kent/2024-fds.toml:12:3: …"
};

using PackErrors = std::vector<PackError>;

// Loads and validates one pack file. Every problem is reported, each with its line.
std::expected<PolicyPack, PackErrors> LoadPack(const std::string& path);
// The same for a pack's text already in memory; `path` names it in errors and places it, as its
// bank-holiday file is found relative to it (tests/fuzz/fuzz_policy_pack.cpp).
std::expected<PolicyPack, PackErrors> ParsePack(std::string_view text, const std::string& path);
// Every *.toml in an authority folder, sorted by effective date; errors from every file.
std::expected<std::vector<PolicyPack>, PackErrors> LoadAuthority(const std::string& folder);
// A file or an authority folder.
std::expected<std::vector<PolicyPack>, PackErrors> LoadPolicy(const std::string& path);
// CRU-5: the version in force on `date` is the latest whose effective date is on or before it.
const PolicyPack* VersionInForce(const std::vector<PolicyPack>& versions, calendar::Date date);

// The working calendar a pack describes (zone, bank holidays of its division, office hours).
// Throws std::runtime_error if the bank-holiday file cannot be read (LoadPack already checked it).
calendar::WorkingCalendar CalendarFor(const PolicyPack& pack);

// How far ahead the bank-holiday list must reach before anyone is warned: a year, so that the
// GOV.UK list (published about two years ahead) is updated long before a due time needs it.
inline constexpr std::chrono::months kBankHolidayWarningAhead{12};
// When the pack's bank-holiday list ends within kBankHolidayWarningAhead of `today` (or has ended):
// what to say, naming the file, its last day and how to update it. nullopt when it reaches further.
std::optional<std::string> BankHolidayWarning(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                              calendar::Date today);
// What is said when a calculation reaches past the list: the bank holidays of `date` are unknown.
std::string BankHolidaysUnknownMessage(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                       calendar::Date date);

}  // namespace fd::policy
