#include "app/information_requests.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "app/case_access.h"
#include "app/contacts.h"
#include "app/information_request_messages.h"
#include "app/people.h"
#include "app/disclosures.h"
#include "app/permissions.h"
#include "app/record_access.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "domain/information_reply.h"
#include "domain/contact.h"
#include "domain/information_ground.h"
#include "domain/text.h"
#include "store/contact_records.h"
#include "store/people_records.h"
#include "store/register_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

constexpr int kQueueLimit = 200;

Error NoSuchRequest() { return Error::NotFound("There is no request for information with that number"); }

bool ForDataProtection(const InformationRequestType& type) { return type.route == ir_route::kDataProtectionTeam; }

// IR-9: exemption and subject access requests are the Data Protection Team's alone; every other
// request is the front door's and the case holder's.
Result<void> AuthoriseWork(const Actor& actor, const InformationRequestType& type) {
  // Finding 7: the data protection officer reads the front door's requests (to see why something was
  // disclosed) but works only the Data Protection Team's; the refusal says so rather than the generic one.
  if (!ForDataProtection(type) && !IsAllowed(actor.role, Action::kRecordInformationRequest) &&
      IsAllowed(actor.role, Action::kHandleDataProtectionRequest))
    return std::unexpected(Error::Forbidden(
        "The data protection officer may read this request but not record evidence on it, route, answer or refuse "
        "it: it is the front door's (IR-1 to IR-8). Only the Data Protection Team's requests (IR-9) are yours to work"));
  return Authorise(actor, ForDataProtection(type) ? Action::kHandleDataProtectionRequest
                                                  : Action::kRecordInformationRequest);
}

// IR-9: once a request is the Data Protection Team's, who asked, whom it is about and what was
// asked for are theirs alone. The data protection officer sees all of it; the person who recorded
// it sees what they typed until it is passed on (they route it); everyone else sees only that it
// was (or is to be) passed on: PassedOn.
bool SeesAll(const Actor& actor, const store::InformationRequestRecord& r, const InformationRequestType& type) {
  if (!ForDataProtection(type) || IsAllowed(actor.role, Action::kHandleDataProtectionRequest)) return true;
  return r.route.empty() && r.recorded_by == actor.user_id;
}

// What anyone else sees of a Data Protection Team request: its reference, kind, when it came and
// who took it, where it went and when. Nothing of the requester, the subject or what was asked.
store::InformationRequestRecord PassedOn(const store::InformationRequestRecord& r) {
  store::InformationRequestRecord out;
  out.id = r.id;
  out.reference = r.reference;
  out.type = r.type;
  out.policy_version = r.policy_version;
  out.received_at = r.received_at;
  out.recorded_by = r.recorded_by;
  out.recorded_by_name = r.recorded_by_name;
  out.status = r.status;
  out.route = r.route;
  out.route_note = r.route_note;
  out.decided_at = r.decided_at;
  out.decided_by = r.decided_by;
  out.refused_at = r.refused_at;
  return out;
}

Result<void> AuthoriseRead(const Actor& actor, const InformationRequestType& /*type: every kind is read alike*/) {
  if (IsAllowed(actor.role, Action::kRecordInformationRequest) ||
      IsAllowed(actor.role, Action::kReviewInformationRequest))
    return {};
  // Finding 7: the data protection officer reads every request, read-only and audited, to answer
  // "why was this disclosed, and to whom?" (docs/decisions.md "The DPO reads requests for information").
  if (IsAllowed(actor.role, Action::kHandleDataProtectionRequest))
    return Authorise(actor, Action::kHandleDataProtectionRequest);
  return Authorise(actor, Action::kRecordInformationRequest);
}

InformationEvidence EvidenceOf(const store::InformationRequestRecord& r) {
  return {r.safeguarding_purpose, r.consent, r.signed_parental_consent, r.identity_verified, r.investigatory_body,
          r.reasons};
}

// Finding 6 of the DPO's review: the pack's bases an answer to `r` may rest on, its own purpose first.
// Consent: the pack's consent basis (the first marked `consent`). Without consent: the type's own
// `lawful_basis`, where the pack gives one (Hertfordshire: subject access, the crime exemption), else
// the pack's basis for answering requests ([ledger] information_request).
std::vector<policy::LawfulBasis> LawfulBasesFor(const policy::PolicyPack& pack, const InformationRequestType& type,
                                                const store::InformationRequestRecord& r) {
  std::vector<policy::LawfulBasis> out;
  for (const InformationGround ground : InformationGroundsOf(type, EvidenceOf(r))) {
    std::string id;
    if (ground == InformationGround::kConsent) {
      for (const auto& b : pack.lawful_bases)
        if (b.consent && id.empty()) id = b.id;
    } else {
      id = type.lawful_basis.empty() ? pack.ledger.information_request : type.lawful_basis;
    }
    const auto* basis = pack.LawfulBasisById(id);
    if (basis && std::none_of(out.begin(), out.end(), [&](const auto& b) { return b.id == basis->id; }))
      out.push_back(*basis);
  }
  return out;
}

std::chrono::year_month_day Today(const AppContext& ctx) { return calendar::LocalDate(ctx.clock.Now(), ctx.time_zone); }

bool IsAdult(const store::RegisterPerson& p, std::chrono::year_month_day today) {
  if (p.date_of_birth)
    if (auto dob = ParseIsoDate(*p.date_of_birth)) {
      auto eighteenth = *dob + std::chrono::years{18};
      if (!eighteenth.ok()) eighteenth = eighteenth.year() / eighteenth.month() / std::chrono::last;
      return std::chrono::sys_days{eighteenth} <= std::chrono::sys_days{today};
    }
  return !p.is_child;
}

// IR-1: an adult contact is for "an adult who was a former recipient of children's services". An
// adult record with no involvement of their own, never looked after, whose history says only how
// they are related to a child ("Parent"), was never one: they are known as part of a child's family.
bool KnownOnlyAsRelative(const store::RegisterPerson& p, bool no_involvements) {
  if (p.is_child || p.looked_after || p.child_protection_plan || !no_involvements) return false;
  std::string history = Trim(p.known_history);
  for (auto& c : history) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::string_view kRelations[] = {"", "parent", "mother", "father", "carer", "step-parent",
                                                    "partner of parent", "household member", "grandparent"};
  return std::find(std::begin(kRelations), std::end(kRelations), history) != std::end(kRelations);
}

struct RegisterLookup {
  RegisterFacts facts;
  std::optional<store::RegisterPerson> person;
  bool known_as_relative = false;  // KnownOnlyAsRelative: facts.state is kAdultKnown, the route is not
};

// IR-1, IR-3: the person's state on the register, with the involvement an answer may describe.
RegisterLookup LookUp(store::Transaction& tx, const std::optional<std::int64_t>& person_id,
                      std::chrono::year_month_day today) {
  RegisterLookup out;
  if (!person_id) return out;
  out.person = store::FindRegisterPerson(tx, *person_id);
  if (!out.person) return out;
  const auto& p = *out.person;
  const auto involvements = store::InvolvementsOf(tx, p.id);
  for (const auto& i : involvements)
    out.facts.involvements.push_back({InvolvementKindTitle(i.kind), i.started_on, i.ended_on.value_or(""), i.summary});
  if (involvements.empty() && !p.known_history.empty())
    out.facts.involvements.push_back({"Earlier involvement", "", "", p.known_history});
  const bool known = !involvements.empty() || !p.known_history.empty() || p.open_case || p.child_protection_plan ||
                     p.looked_after;
  if (p.open_case) {
    out.facts.state = RegisterState::kOpen;
    out.facts.allocated_user_id = p.allocated_user_id;
    if (p.allocated_user_id)
      if (auto rows = tx.Query("SELECT display_name FROM users WHERE id = ?", {*p.allocated_user_id}); !rows.empty())
        out.facts.allocated_name = rows[0].Text(0);
    if (p.team_id) out.facts.team_name = store::TeamName(tx, *p.team_id).value_or("");
  } else if (known) {
    out.facts.state = IsAdult(p, today) ? RegisterState::kAdultKnown : RegisterState::kClosed;
    out.known_as_relative = out.facts.state == RegisterState::kAdultKnown && KnownOnlyAsRelative(p, involvements.empty());
  }
  return out;
}

// The decision (domain/information_request.h) on the request as it stands. IR-1: someone known only
// as an adult in a child's family is no former recipient of services: no adult contact, the front
// door handles it, and IR-3's answer says how they are known.
InformationDecision Decide(const InformationRequestType& type, const store::InformationRequestRecord& r,
                           const RegisterLookup& lookup, const policy::PolicyPack& pack) {
  InformationDecision d = DecideInformationRequest(
      type, {r.requester_email, r.identity_in_doubt, EvidenceOf(r), lookup.facts}, pack.secure_email_domains);
  if (lookup.known_as_relative && d.route == "adult-contact") {
    d.route = "front-door";
    d.route_note = "Known to children's services only as an adult in a child's family, not as a former recipient of "
                   "services (IR-1): no adult contact; the front door handles the request";
    if (d.legal_helpdesk) d.route_note += "; the legal helpdesk is told";
    d.suggested_answer = "Known to children's services as an adult in a child's family, not as a child who received "
                         "services; nothing is open.";
  }
  return d;
}

const InformationRequestType* TypeOf(const AppContext& ctx, const store::InformationRequestRecord& r) {
  const auto received = ParseUtc(r.received_at).value_or(Instant{});
  return ctx.procedures.PackAt(received).InformationRequestTypeById(r.type);
}

InformationRequestView BuildView(AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                 store::InformationRequestRecord record, const InformationRequestType& type) {
  InformationRequestView v;
  if (!SeesAll(actor, record, type)) {
    // Not even the register's answer or the evidence held: both say something of the person.
    v.type = type;
    v.passed_on_only = true;
    v.decision.route = record.route;
    v.decision.route_rule = record.route.empty() ? std::string() : type.rule;
    v.decision.route_note = record.route_note;
    v.record = PassedOn(record);
    return v;
  }
  const auto received = ParseUtc(record.received_at).value_or(Instant{});
  const auto& pack = ctx.procedures.PackAt(received);
  v.type = type;
  const RegisterLookup lookup = LookUp(tx, record.person_id, Today(ctx));
  v.register_state = lookup.facts.state;
  v.known_as_relative = lookup.known_as_relative;
  v.decision = Decide(type, record, lookup, pack);
  // A restricted record shows nobody but its named viewers anything of it: the route still works,
  // but the words say only whom to ask.
  if (lookup.person && lookup.person->restricted && !store::IsRestrictedViewer(tx, lookup.person->id, actor.user_id)) {
    v.person_hidden = true;
    v.person_ask = lookup.person->restricted_ask;
    v.decision.suggested_answer = "This record is restricted: ask " + v.person_ask;
    if (!v.decision.route_note.empty()) v.decision.route_note = "Restricted record: ask " + v.person_ask;
  }
  for (const auto& id : type.checks) {
    InformationCheckStatus c{id, "", "", true};
    for (const auto& m : v.decision.missing)
      if (m.check == id) c = {m.check, m.rule, m.needed, false};
    if (c.passed) c.rule = type.rule;
    v.checks.push_back(std::move(c));
  }
  for (const auto& m : v.decision.missing)
    if (std::none_of(v.checks.begin(), v.checks.end(), [&](const auto& c) { return c.check == m.check; }))
      v.checks.push_back({m.check, m.rule, m.needed, false});
  v.lawful_bases = LawfulBasesFor(pack, type, record);
  v.evidence_log = store::EvidenceLog(tx, record.id);
  v.reviews = store::InformationReviews(tx, record.id);
  v.shared = store::SharedForRequest(tx, record.id);
  if (record.person_id && !v.person_hidden) {
    v.shared_before = store::SharedAboutPerson(tx, *record.person_id, record.id);
    // IR-9: what the Data Protection Team sent (a subject access answer) is theirs too.
    std::erase_if(v.shared_before, [&](const store::InformationSharedRow& s) {
      const auto earlier = store::FindInformationRequest(tx, s.request_id);
      const auto* earlier_type = earlier ? TypeOf(ctx, *earlier) : nullptr;
      return earlier_type && !SeesAll(actor, *earlier, *earlier_type);
    });
  }
  const bool open = record.status != "answered" && record.status != "refused";
  v.can_review = open && record.status == "awaiting-review" &&
                 IsAllowed(actor.role, Action::kReviewInformationRequest) && record.proposed_by != actor.user_id;
  v.can_answer = open && (record.status == "routed" || record.status == "approved") && AuthoriseWork(actor, type) &&
                 !v.decision.returned();
  v.record = std::move(record);
  return v;
}

struct Loaded {
  store::InformationRequestRecord record;
  const InformationRequestType* type = nullptr;
};

Result<Loaded> Load(AppContext& ctx, store::Transaction& tx, std::int64_t id) {
  auto record = store::FindInformationRequest(tx, id);
  if (!record) return std::unexpected(NoSuchRequest());
  // Finding 9: a purged request keeps only that it existed (for the DPO's pages), nothing to read.
  if (record->status == "purged")
    return std::unexpected(Error::NotFound("Request for information " + record->reference +
                                           " was removed when its retention period ended: only that it existed, "
                                           "who read it and what kinds of information were disclosed are kept"));
  const auto* type = TypeOf(ctx, *record);
  if (!type) return std::unexpected(NoSuchRequest());  // the pack no longer defines it: nothing can be done here
  return Loaded{std::move(*record), type};
}

Result<void> StillOpen(const store::InformationRequestRecord& r) {
  if (r.status == "answered") return std::unexpected(Error::Conflict("This request has already been answered"));
  if (r.status == "refused") return std::unexpected(Error::Conflict("This request has already been refused"));
  return {};
}

// Load for someone about to act on a request: a missing request is "not found" only to those who
// may act on requests at all; anyone else is refused.
Result<Loaded> LoadToAct(AppContext& ctx, store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto loaded = Load(ctx, tx, id);
  if (!loaded)
    if (auto allowed = Authorise(actor, Action::kRecordInformationRequest);
        !allowed && !IsAllowed(actor.role, Action::kHandleDataProtectionRequest))
      return std::unexpected(allowed.error());
  return loaded;
}

// Load for someone about to work a routed request: the team its type belongs to (IR-9), still
// open, and when it was routed to the child's allocated worker (IR-1), that worker or a team
// manager of their team (the relationship rule, app/case_access.h).
Result<Loaded> LoadForWork(AppContext& ctx, store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto loaded = LoadToAct(ctx, tx, actor, id);
  if (!loaded) return loaded;
  const auto& [r, type] = *loaded;
  if (auto allowed = AuthoriseWork(actor, *type); !allowed) return std::unexpected(allowed.error());
  if (auto open = StillOpen(r); !open) return std::unexpected(open.error());
  if (r.route == "allocated-worker")
    if (auto may = MayWorkOnCase(actor, CaseHolderOf(tx, r.allocated_user_id)); !may)
      return std::unexpected(may.error());
  return loaded;
}

// IR-2, IR-6: every address a request is answered at is exactly one address, by the one rule
// (domain/information_request.h IsOneEmailAddress); a list is refused by name.
void CheckEmail(const std::string& value, const char* field, const char* what, std::vector<FieldError>& errors) {
  const std::string email = Trim(value);
  if (email.empty()) return;
  if (!IsOneEmailAddress(email)) errors.push_back({field, NotOneEmailAddressMessage(email, what)});
}

// When the request reached the front door: the draft's time (the API's ISO 8601 time with offset,
// or the page's local date and time), never in the future; nullopt when it gives none (now).
std::optional<Instant> ReceivedAt(const AppContext& ctx, const InformationRequestDraft& draft, Instant now,
                                  std::vector<FieldError>& errors) {
  // A little skew between the sender's clock and ours is taken as now.
  constexpr std::chrono::seconds kClockSkew{120};
  const std::string iso = Trim(draft.received_at), date = Trim(draft.received_date), time = Trim(draft.received_time);
  std::optional<Instant> at;
  if (!iso.empty()) {
    at = ParseIsoWithOffset(iso);
    if (!at) {
      errors.push_back({"received_at", "Give when the request was received as an ISO 8601 time with its offset from "
                                       "UTC, like 2026-11-27T16:50:00+00:00, or leave it out for now"});
      return std::nullopt;
    }
  } else if (!date.empty() || !time.empty()) {
    const auto local = calendar::ParseLocalTime(date + "T" + (time.empty() ? std::string("00:00") : time));
    std::expected<Instant, std::string> instant = std::unexpected(std::string());
    if (local) instant = ctx.procedures.CalendarAt(now).FromLocal(*local);
    if (!instant) {
      errors.push_back({"received_at", !instant.error().empty()
                                           ? instant.error()
                                           : std::string("Enter when the request was received: the date like "
                                                         "2026-11-27 and the time like 16:50")});
      return std::nullopt;
    }
    at = *instant;
  } else {
    return std::nullopt;
  }
  if (*at > now + kClockSkew) {
    errors.push_back({"received_at", "When the request was received cannot be in the future: enter when it arrived"});
    return std::nullopt;
  }
  return std::min(*at, now);
}

std::string Audience(const InformationRequestType& type) { return ForDataProtection(type) ? "dpo" : "front-door"; }

std::vector<store::SharedItemRow> Rows(const std::vector<SharedItem>& items) {
  std::vector<store::SharedItemRow> out;
  for (const auto& i : items) out.push_back({i.kind, i.text});
  return out;
}

bool SameItems(const std::vector<store::SharedItemRow>& a, const std::vector<store::SharedItemRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].text != b[i].text) return false;
  return true;
}

std::vector<store::MissingEvidenceRow> MissingRows(const InformationDecision& d) {
  std::vector<store::MissingEvidenceRow> out;
  for (const auto& m : d.missing) out.push_back({m.check, m.rule, m.needed});
  return out;
}

nlohmann::json MissingChecks(const InformationDecision& d) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : d.missing) out.push_back(m.check);
  return out;
}

std::string Link(std::int64_t id) { return fmt::format("/information-requests/{}", id); }

// IR-1: the contact opened for a request about a closed child, recorded by the front door.
ContactDraft ContactFor(const store::InformationRequestRecord& r, const InformationRequestType& type,
                        const std::optional<store::RegisterPerson>& person) {
  ContactDraft d;
  d.referrer_type = "other_professional";
  d.referrer_name = r.requester_name;
  d.referrer_role = r.requester_role;
  d.referrer_agency = r.requester_organisation;
  d.referrer_phone = r.requester_phone;
  d.referrer_email = r.requester_email;
  ChildDraft child;
  child.first_names = person ? person->first_names : r.subject_first_names;
  child.last_name = person ? person->last_name : r.subject_last_name;
  child.date_of_birth = person ? person->date_of_birth.value_or("") : r.subject_date_of_birth;
  child.gender = person ? person->gender : "not_known";
  d.children.push_back(child);
  d.concern = fmt::format("Request for information {} ({}) from {}. {}", r.reference, type.name,
                          r.requester_organisation, r.details.empty() ? std::string() : "Asked for: " + r.details);
  d.intake.channel = r.requester_email.empty() ? "phone" : "email";
  return d;
}

}  // namespace

Result<void> CheckInformationRequestsDefined(const AppContext& ctx) {
  // Any version, not only the one in force: requests received under an earlier version that had
  // kinds stay readable, and are finished by that version's kinds (CRU-5), after a later one dropped them.
  for (const auto& pack : ctx.procedures.versions())
    if (!pack.information_request_types.empty()) return {};
  return std::unexpected(Error::NotFound(
      "This council's procedures define no requests for information, so there are none to record or to read"));
}

const std::vector<std::string>& InformationRequestQueues() {
  static const std::vector<std::string> queues = {"mine", "front-door", "data-protection-team", "awaiting-review", "all"};
  return queues;
}

Result<std::vector<InformationRequestType>> InformationRequestTypesOffered(AppContext& ctx, const Actor& actor) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const bool dpo = IsAllowed(actor.role, Action::kHandleDataProtectionRequest);
  if (!dpo)
    if (auto allowed = Authorise(actor, Action::kRecordInformationRequest); !allowed)
      return std::unexpected(allowed.error());
  std::vector<InformationRequestType> out;
  for (const auto& t : ctx.procedures.PackAt(ctx.clock.Now()).information_request_types)
    if (!dpo || ForDataProtection(t)) out.push_back(t);
  return out;
}

Result<InformationRequestView> RecordInformationRequest(AppContext& ctx, const Actor& actor,
                                                        const InformationRequestDraft& draft) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);  // CRU-5: the version in force today
  const InformationRequestType* type = pack.InformationRequestTypeById(draft.type);
  if (type) {
    if (auto allowed = AuthoriseRead(actor, *type); !allowed) return std::unexpected(allowed.error());
    if (!IsAllowed(actor.role, Action::kRecordInformationRequest))
      if (auto allowed = AuthoriseWork(actor, *type); !allowed) return std::unexpected(allowed.error());
  } else if (!IsAllowed(actor.role, Action::kRecordInformationRequest) &&
             !IsAllowed(actor.role, Action::kHandleDataProtectionRequest)) {
    return std::unexpected(Authorise(actor, Action::kRecordInformationRequest).error());
  }
  std::vector<FieldError> errors = draft.reading_errors;
  if (!type) {
    // In words: the kinds are chosen by what they are, and the API lists their ids
    // (GET /api/v1/information-request-types).
    errors.insert(errors.begin(),
                  FieldError{"type", pack.information_request_types.empty()
                               ? "The procedures in force define no kinds of request for information"
                               : "Choose the kind of request: which of the kinds of request for information in the "
                                 "procedures this one is (who asks, and why)"});
  }
  auto required = [&](const std::string& value, const char* field, const char* what) {
    if (auto problem = CheckRequiredText(value, 200, false, what)) errors.push_back({field, *problem});
  };
  auto optional = [&](const std::string& value, const char* field, const char* what, std::size_t max, bool lines) {
    if (auto problem = CheckText(value, max, lines, what)) errors.push_back({field, *problem});
  };
  required(draft.requester_name, "requester_name", "the requester's name");
  // IR-9: a person asking for their own records has no organisation to give.
  if (type && IsSubjectAccess(*type))
    optional(draft.requester_organisation, "requester_organisation", "The organisation", 200, false);
  else
    required(draft.requester_organisation, "requester_organisation", "the requester's organisation");
  optional(draft.requester_role, "requester_role", "The requester's role", 200, false);
  optional(draft.requester_phone, "requester_phone", "The phone number", 50, false);
  CheckEmail(draft.requester_email, "requester_email", "The requester's e-mail address", errors);
  optional(draft.subject_first_names, "subject_first_names", "The first names", 100, false);
  optional(draft.subject_last_name, "subject_last_name", "The last name", 100, false);
  optional(draft.details, "details", "What is asked for", 10000, true);
  optional(draft.evidence.reasons, "reasons", "The reasons", 10000, true);
  const std::string dob = Trim(draft.subject_date_of_birth);
  if (!dob.empty()) {
    if (const auto born = ParseIsoDate(dob); !born)
      errors.push_back({"subject_date_of_birth", "Enter the date of birth as a real date, like 2017-05-14"});
    else if (std::chrono::sys_days{*born} > std::chrono::sys_days{Today(ctx)})
      errors.push_back({"subject_date_of_birth", "The date of birth cannot be in the future"});
  }
  const std::optional<Instant> received = ReceivedAt(ctx, draft, now, errors);
  if (!draft.person_id && Trim(draft.subject_last_name).empty())
    errors.push_back({"subject_last_name", "Enter the last name of the child or adult the request is about, or choose "
                                           "their record on the register"});
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  std::optional<std::int64_t> person_id = draft.person_id;
  if (person_id) {
    auto person = store::FindRegisterPerson(*tx, *person_id);
    if (!person) errors.push_back({"person_id", "There is no one on the register with that number: search again"});
    else if (person->merged_into)
      errors.push_back({"person_id", fmt::format("That record was merged into record {}: choose that one", *person->merged_into)});
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  std::optional<nlohmann::json> searched;  // the register lookup, audited as a search of it (finding 4)
  if (!person_id) {
    // "Is the child known?": an exact match on the register, when there is exactly one.
    auto matches = store::FindExactMatches(*tx, Trim(draft.subject_first_names), Trim(draft.subject_last_name),
                                           dob.empty() ? std::nullopt : std::optional<std::string>(dob), "");
    if (matches.size() == 1) person_id = matches[0].id;
    // As "person.searched" records any search of the register: the fields given, never their values.
    nlohmann::json fields = nlohmann::json::array();
    if (!Trim(draft.subject_first_names).empty()) fields.push_back("first_names");
    fields.push_back("last_name");
    if (!dob.empty()) fields.push_back("date_of_birth");
    searched = nlohmann::json{{"fields", fields},
                              {"candidates", matches.size()},
                              {"shown", person_id ? nlohmann::json::array({*person_id}) : nlohmann::json::array()},
                              {"for", "information-request"}};
  }
  store::InformationRequestRecord r;
  const int year = static_cast<int>(calendar::LocalDate(now, ctx.time_zone).year());
  r.reference = fmt::format("IR-{:04}-{:06}", year, store::NextReferenceNumber(*tx, "IR", year));
  r.type = draft.type;
  r.policy_version = pack.version;
  r.received_at = FormatUtc(received.value_or(now));
  r.recorded_by = actor.user_id;
  r.requester_name = Trim(draft.requester_name);
  r.requester_organisation = Trim(draft.requester_organisation);
  r.requester_role = Trim(draft.requester_role);
  r.requester_email = Trim(draft.requester_email);
  r.requester_phone = Trim(draft.requester_phone);
  r.subject_first_names = Trim(draft.subject_first_names);
  r.subject_last_name = Trim(draft.subject_last_name);
  r.subject_date_of_birth = dob;
  r.person_id = person_id;
  r.details = draft.details;
  r.identity_in_doubt = draft.identity_in_doubt;
  r.safeguarding_purpose = draft.evidence.safeguarding_purpose;
  r.consent = draft.evidence.consent;
  r.signed_parental_consent = draft.evidence.signed_parental_consent;
  r.identity_verified = draft.evidence.identity_verified;
  r.investigatory_body = draft.evidence.investigatory_body;
  r.reasons = draft.evidence.reasons;
  r.id = store::InsertInformationRequest(*tx, r);
  const std::string at = FormatUtc(now);
  for (auto [held, kind] : {std::pair{r.safeguarding_purpose, "safeguarding-purpose"}, std::pair{r.consent, "consent"},
                            std::pair{r.signed_parental_consent, "signed-parental-consent"},
                            std::pair{r.identity_verified, "identity-verified"},
                            std::pair{r.investigatory_body, "investigatory-body"},
                            std::pair{!Trim(r.reasons).empty(), "reasons"}})
    if (held) store::InsertEvidenceLog(*tx, r.id, kind, "With the request", actor.user_id, at);
  audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.received", "information_request",
                      std::to_string(r.id),
                      {{"reference", r.reference}, {"type", r.type}, {"person_id", person_id ? nlohmann::json(*person_id) : nlohmann::json(nullptr)},
                       {"identity_in_doubt", r.identity_in_doubt}}});
  if (searched) {
    (*searched)["reference"] = r.reference;
    audit::Append(*tx, {now, actor.user_id, actor.username, "person.searched", "person", "", *searched});
  }
  auto loaded = store::FindInformationRequest(*tx, r.id);
  auto view = BuildView(ctx, *tx, actor, std::move(*loaded), *type);
  tx->Commit();
  return view;
}

Result<InformationRequestView> RecordInformationEvidence(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                         const InformationEvidenceUpdate& u) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto loaded = LoadForWork(ctx, *tx, actor, id);
  if (!loaded) return std::unexpected(loaded.error());
  auto& [r, type] = *loaded;
  std::vector<FieldError> errors;
  if (u.reasons)
    if (auto problem = CheckText(*u.reasons, 10000, true, "The reasons")) errors.push_back({"reasons", *problem});
  if (u.reply_email) CheckEmail(*u.reply_email, "reply_email", "The address to answer to", errors);
  if (auto problem = CheckText(u.note, 2000, true, "The note")) errors.push_back({"note", *problem});
  // IR-10: nothing is disclosed until evidence is given, so the doubt goes only with a note of the
  // evidence that settled it (what was seen, how it came).
  const bool doubt_withdrawn = r.identity_in_doubt && u.identity_in_doubt && !*u.identity_in_doubt;
  const bool verified_in_doubt = r.identity_in_doubt && !r.identity_verified && u.identity_verified &&
                                 *u.identity_verified;
  if ((doubt_withdrawn || verified_in_doubt) && Trim(u.note).empty())
    errors.push_back({"note", std::string(doubt_withdrawn ? "To withdraw \"identity in doubt\"" : "To mark the identity "
                                                                                                  "verified")
                                  + ", enter in the note what evidence the requester gave of who they are (IR-10): "
                                    "nothing is disclosed until it is given"});
  const bool any = u.safeguarding_purpose || u.consent || u.signed_parental_consent || u.identity_verified ||
                   u.investigatory_body || u.identity_in_doubt || u.reasons || u.reply_email;
  if (!any) errors.push_back({"", "Send at least one piece of evidence: safeguarding_purpose, consent, "
                                  "signed_parental_consent, identity_verified, investigatory_body, identity_in_doubt, "
                                  "reasons or reply_email"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const std::string at = FormatUtc(now);
  nlohmann::json changed = nlohmann::json::array();
  auto set = [&](bool& field, const std::optional<bool>& value, const char* kind) {
    if (!value || *value == field) return;
    field = *value;
    store::InsertEvidenceLog(*tx, r.id, *value ? kind : std::string(kind) + " withdrawn", Trim(u.note), actor.user_id, at);
    changed.push_back(kind);
  };
  set(r.safeguarding_purpose, u.safeguarding_purpose, "safeguarding-purpose");
  set(r.consent, u.consent, "consent");
  set(r.signed_parental_consent, u.signed_parental_consent, "signed-parental-consent");
  set(r.identity_verified, u.identity_verified, "identity-verified");
  set(r.investigatory_body, u.investigatory_body, "investigatory-body");
  set(r.identity_in_doubt, u.identity_in_doubt, "identity-in-doubt");
  if (u.reasons && *u.reasons != r.reasons) {
    r.reasons = *u.reasons;
    store::InsertEvidenceLog(*tx, r.id, "reasons", Trim(u.note), actor.user_id, at);
    changed.push_back("reasons");
  }
  if (u.reply_email && Trim(*u.reply_email) != r.requester_email) {
    r.requester_email = Trim(*u.reply_email);
    store::InsertEvidenceLog(*tx, r.id, "reply-email", Trim(u.note), actor.user_id, at);
    changed.push_back("reply-email");
  }
  store::UpdateInformationEvidence(*tx, r);
  nlohmann::json event = {{"changed", changed}};
  // IR-10: the evidence that settled a doubt about who asks is in the trail, as given.
  if (doubt_withdrawn || verified_in_doubt) event["identity_evidence"] = Trim(u.note);
  audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.evidence_recorded",
                      "information_request", std::to_string(r.id), event});
  auto view = BuildView(ctx, *tx, actor, *store::FindInformationRequest(*tx, r.id), *type);
  tx->Commit();
  return view;
}

Result<InformationRequestView> DecideInformationRequestRoute(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto loaded = LoadToAct(ctx, *tx, actor, id);
  if (!loaded) return std::unexpected(loaded.error());
  auto& [r, type] = *loaded;
  // The front door routes every request, the Data Protection Team's included (IR-9).
  if (!IsAllowed(actor.role, Action::kRecordInformationRequest))
    if (auto allowed = AuthoriseWork(actor, *type); !allowed) return std::unexpected(allowed.error());
  if (auto open = StillOpen(r); !open) return std::unexpected(open.error());
  if (r.status != "received" && r.status != "returned")
    return std::unexpected(Error::Conflict("This request has already been routed: " + r.route_note));
  const auto& pack = ctx.procedures.PackAt(ParseUtc(r.received_at).value_or(now));
  const RegisterLookup lookup = LookUp(*tx, r.person_id, Today(ctx));
  const InformationDecision d = Decide(*type, r, lookup, pack);
  r.register_state = lookup.known_as_relative ? std::string("known-as-adult")
                                              : std::string(RegisterStateId(lookup.facts.state));
  r.missing_evidence = MissingRows(d);
  r.decided_at = FormatUtc(now);
  r.decided_by = actor.user_id;
  r.route = d.route;
  r.route_note = d.route_note;
  r.legal_helpdesk = d.legal_helpdesk;
  nlohmann::json changes = {{"register_state", r.register_state}, {"missing", MissingChecks(d)}};
  if (d.route.empty()) {
    // IR-4: not processed; the requester is told exactly what evidence is needed.
    r.status = "returned";
    store::UpdateInformationDecision(*tx, r);
    changes["requester_emailed"] = QueueEvidenceNeededEmail(*tx, r, d.missing, "", "returned:" + *r.decided_at, now);
    audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.returned", "information_request",
                        std::to_string(r.id), changes});
  } else {
    r.status = "routed";
    const std::string link = Link(r.id);
    if (d.route == "allocated-worker") {
      r.allocated_user_id = lookup.facts.allocated_user_id;
      if (r.allocated_user_id)
        store::InsertStaffNotice(*tx, *r.allocated_user_id,
                                 fmt::format("Request for information {} about a child allocated to you{}", r.reference,
                                             d.legal_helpdesk ? " (the legal helpdesk is told too)" : ""),
                                 link, now);
    } else if (d.route == "contact") {
      // IR-1, IR-3: opened to process the request, not as a referral: its requester is not told
      // anything of the contact (details from another record: no acknowledgement or status link; the
      // contact_id below: app/referrer_messages.h ReferrerIsTold, no outcome or call).
      auto contact = RecordContactIn(ctx, *tx, actor, ContactFor(r, *type, lookup.person), std::nullopt,
                                     ReferrerDetails::kFromAnotherRecord);
      if (!contact) return std::unexpected(contact.error());
      r.contact_id = contact->id;
      if (lookup.person) store::LinkContactChild(*tx, contact->id, 0, lookup.person->id);
      changes["contact_id"] = contact->id;
    } else if (d.route == "data-protection-team") {
      // IR-9: the team alone; each of its officers is told.
      for (const auto& row : tx->Query("SELECT id FROM users WHERE role = 'data_protection_officer' AND active = 1"))
        store::InsertStaffNotice(*tx, row.Int(0), fmt::format("Request for information {} for the Data Protection Team",
                                                              r.reference),
                                 link, now);
    }
    store::UpdateInformationDecision(*tx, r);
    if (r.legal_helpdesk)
      changes["legal_helpdesk_emailed"] = QueueLegalHelpdeskEmail(*tx, r, pack, r.route_note, ctx.public_url, now);
    changes["route"] = r.route;
    changes["legal_helpdesk"] = r.legal_helpdesk;
    if (r.allocated_user_id) changes["allocated_user_id"] = *r.allocated_user_id;
    audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.routed", "information_request",
                        std::to_string(r.id), changes});
  }
  auto view = BuildView(ctx, *tx, actor, *store::FindInformationRequest(*tx, r.id), *type);
  tx->Commit();
  return view;
}

Result<InformationRequestView> RecordInformationAnswer(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                       const InformationAnswer& a, const std::string& lawful_basis) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto loaded = LoadForWork(ctx, *tx, actor, id);
  if (!loaded) return std::unexpected(loaded.error());
  auto& [r, type] = *loaded;
  if (r.status == "received" || r.status == "returned")
    return std::unexpected(Error::Conflict("Decide and route the request before recording an answer"));
  if (r.status == "awaiting-review")
    return std::unexpected(Error::Conflict("A manager is reviewing what is to be sent: wait for the review"));
  const auto& pack = ctx.procedures.PackAt(ParseUtc(r.received_at).value_or(now));
  const RegisterLookup lookup = LookUp(*tx, r.person_id, Today(ctx));
  const InformationDecision d = Decide(*type, r, lookup, pack);
  if (d.returned()) {
    // IR-4, IR-9, IR-10: nothing is disclosed until the evidence is given.
    std::string needed;
    for (const auto& m : d.missing) needed += (needed.empty() ? "" : "; ") + m.needed + " (" + m.rule + ")";
    return std::unexpected(Error::Conflict("Nothing may be shared until the requester gives: " + needed));
  }
  std::vector<FieldError> errors = CheckSharedItems(*type, a.items);
  if (auto problem = CheckReplyChannel(*type, a.channel, a.to, pack.secure_email_domains)) errors.push_back(*problem);
  if (auto problem = CheckText(a.to, 200, false, "The recipient")) errors.push_back({"to", *problem});
  const auto bases = LawfulBasesFor(pack, *type, r);
  std::string basis = bases.empty() ? std::string() : bases.front().id;
  if (const std::string stated = Trim(lawful_basis); !stated.empty()) {
    std::string allowed;
    for (const auto& b : bases) allowed += fmt::format("{}\"{}\" ({})", allowed.empty() ? "" : " or ", b.id, b.label);
    if (bases.size() == 1)
      errors.push_back({"lawful_basis", fmt::format("This request may be answered on one lawful basis only, {}, chosen "
                                                    "by its rule ({}): leave lawful_basis out",
                                                    allowed, type->rule)});
    else if (std::none_of(bases.begin(), bases.end(), [&](const auto& b) { return b.id == stated; }))
      errors.push_back({"lawful_basis", fmt::format("\"{}\" is not a lawful basis for this request: choose {}",
                                                    stated, allowed.empty() ? std::string("none (the evidence is missing)") : allowed)});
    else
      basis = stated;
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const auto items = Rows(a.items);
  const std::string to = Trim(a.to);
  std::int64_t authorised_by = actor.user_id;
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& i : items) kinds.push_back(i.kind);
  if (type->manager_review) {
    // IR-7: a manager reviews what is sent before it goes.
    const auto reviews = store::InformationReviews(*tx, r.id);
    const bool approved = r.status == "approved" && !reviews.empty() && reviews.back().decision == "approved";
    if (!approved) {
      r.status = "awaiting-review";
      r.proposed_items = items;
      r.proposed_to = to;
      r.proposed_channel = a.channel;
      r.proposed_by = actor.user_id;
      store::UpdateInformationProposal(*tx, r);
      // Every other team manager may review it; each is told (IR-7).
      for (const auto& row :
           tx->Query("SELECT id FROM users WHERE role = 'team_manager' AND active = 1 AND id <> ?", {actor.user_id}))
        store::InsertStaffNotice(*tx, row.Int(0), fmt::format("Request for information {}: review what is to be sent",
                                                              r.reference),
                                 Link(r.id), now);
      audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.proposed", "information_request",
                          std::to_string(r.id), {{"item_kinds", kinds}, {"channel", a.channel}}});
      auto view = BuildView(ctx, *tx, actor, *store::FindInformationRequest(*tx, r.id), *type);
      tx->Commit();
      return view;
    }
    const auto& review = reviews.back();
    if (!SameItems(review.items, items) || review.shared_to != to || review.channel != a.channel)
      return std::unexpected(Error::Conflict("What you are sending differs from what the manager approved: send "
                                             "exactly the approved items, or ask for a new review"));
    authorised_by = review.reviewed_by;
  }
  store::InformationSharedRow shared;
  shared.request_id = r.id;
  shared.person_id = r.person_id;
  shared.shared_to = to;
  shared.organisation = r.requester_organisation;
  shared.channel = a.channel;
  shared.shared_at = FormatUtc(now);
  shared.shared_by = actor.user_id;
  shared.authorised_by = authorised_by;
  shared.items = items;
  const std::int64_t shared_id = store::InsertInformationShared(*tx, shared);
  // Issue 12 point 2: the answer is a disclosure, on the basis its request rests on (consent, public
  // task, the crime exemption, subject access); without one nothing is recorded as sent.
  Disclosure disclosure;
  disclosure.direction = DisclosureDirection::kOut;
  for (const auto& i : items) disclosure.items.push_back(i.kind);
  if (r.person_id) disclosure.subjects.push_back({r.person_id, std::nullopt, std::nullopt});
  disclosure.counterpart_kind = "organisation";
  disclosure.counterpart = !r.requester_organisation.empty() ? r.requester_organisation
                           : !to.empty()                      ? to
                                                              : std::string("the requester");
  disclosure.lawful_basis = basis;
  disclosure.authorised_by = authorised_by;
  disclosure.recorded_by = actor.user_id;
  disclosure.recorded_by_username = actor.username;
  disclosure.at = now;
  disclosure.cause_kind = "information-request";
  disclosure.cause_id = std::to_string(r.id);
  disclosure.detail = fmt::format("{} to {}", a.channel, to);
  if (auto recorded = RecordDisclosure(*tx, pack, disclosure); !recorded) return std::unexpected(recorded.error());
  store::UpdateInformationStatus(*tx, r.id, "answered");
  audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.answered", "information_request",
                      std::to_string(r.id),
                      {{"shared_id", shared_id}, {"item_kinds", kinds}, {"channel", a.channel}, {"lawful_basis", basis},
                       {"authorised_by", authorised_by}, {"person_id", r.person_id ? nlohmann::json(*r.person_id) : nlohmann::json(nullptr)}}});
  auto view = BuildView(ctx, *tx, actor, *store::FindInformationRequest(*tx, r.id), *type);
  tx->Commit();
  return view;
}

Result<InformationRequestView> ReviewInformationRequest(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                        const InformationReview& review) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  if (auto allowed = Authorise(actor, Action::kReviewInformationRequest); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto loaded = Load(ctx, *tx, id);
  if (!loaded) return std::unexpected(loaded.error());
  auto& [r, type] = *loaded;
  if (auto open = StillOpen(r); !open) return std::unexpected(open.error());
  if (r.status != "awaiting-review")
    return std::unexpected(Error::Conflict("Nothing is waiting for review on this request"));
  if (r.proposed_by == actor.user_id)
    return std::unexpected(Error::Forbidden("Another manager must review what you propose to send"));
  std::vector<FieldError> errors;
  if (!review.approve) {
    if (auto problem = CheckRequiredText(review.note, 5000, true, "why it is returned and what to change"))
      errors.push_back({"note", *problem});
  } else if (auto problem = CheckText(review.note, 5000, true, "The note")) {
    errors.push_back({"note", *problem});
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  store::InformationReviewRow row;
  row.request_id = r.id;
  row.decision = review.approve ? "approved" : "returned";
  row.note = review.note;
  row.items = r.proposed_items;
  row.shared_to = r.proposed_to;
  row.channel = r.proposed_channel;
  row.reviewed_by = actor.user_id;
  row.reviewed_at = FormatUtc(now);
  const std::int64_t review_id = store::InsertInformationReview(*tx, row);
  store::UpdateInformationStatus(*tx, r.id, review.approve ? "approved" : "routed");
  if (r.proposed_by)
    store::InsertStaffNotice(*tx, *r.proposed_by,
                             fmt::format("Request for information {}: {}", r.reference,
                                         review.approve ? "approved to send" : "returned by the manager"),
                             Link(r.id), now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.reviewed", "information_request",
                      std::to_string(r.id),
                      {{"review_id", review_id}, {"decision", row.decision},
                       {"items", static_cast<std::int64_t>(row.items.size())}}});
  auto view = BuildView(ctx, *tx, actor, *store::FindInformationRequest(*tx, r.id), *type);
  tx->Commit();
  return view;
}

Result<InformationRequestView> RefuseInformationRequest(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                        const std::string& reason) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto loaded = LoadForWork(ctx, *tx, actor, id);
  if (!loaded) return std::unexpected(loaded.error());
  auto& [r, type] = *loaded;
  const auto& pack = ctx.procedures.PackAt(ParseUtc(r.received_at).value_or(now));
  const RegisterLookup lookup = LookUp(*tx, r.person_id, Today(ctx));
  const InformationDecision d = Decide(*type, r, lookup, pack);
  std::vector<FieldError> errors;
  if (d.missing.empty()) {
    if (auto problem = CheckRequiredText(reason, 5000, true, "why the request is refused"))
      errors.push_back({"reason", *problem});
  } else if (auto problem = CheckText(reason, 5000, true, "The reason")) {
    errors.push_back({"reason", *problem});
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  r.refused_reason = reason;
  r.refused_by = actor.user_id;
  r.refused_at = FormatUtc(now);
  r.missing_evidence = MissingRows(d);
  store::UpdateInformationRefusal(*tx, r);
  const bool emailed = QueueEvidenceNeededEmail(*tx, r, d.missing, reason, "refused", now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "information_request.refused", "information_request",
                      std::to_string(r.id),
                      {{"missing", MissingChecks(d)}, {"audience", Audience(*type)}, {"requester_emailed", emailed}}});
  auto view = BuildView(ctx, *tx, actor, *store::FindInformationRequest(*tx, r.id), *type);
  tx->Commit();
  return view;
}

Result<InformationRequestView> OpenInformationRequest(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  const Instant now = ctx.clock.Now();
  std::optional<InformationRequestView> view;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    auto loaded = Load(ctx, *tx, id);
    if (!loaded) {
      if (!IsAllowed(actor.role, Action::kRecordInformationRequest) &&
          !IsAllowed(actor.role, Action::kReviewInformationRequest) &&
          !IsAllowed(actor.role, Action::kHandleDataProtectionRequest))
        return std::unexpected(Authorise(actor, Action::kRecordInformationRequest).error());
      return std::unexpected(loaded.error());
    }
    if (auto allowed = AuthoriseRead(actor, *loaded->type); !allowed) return std::unexpected(allowed.error());
    view = BuildView(ctx, *tx, actor, std::move(loaded->record), *loaded->type);
  }
  // Who read who asked, about whom and for what is recorded, durable before it is shown (read_audit.h);
  // a look that shows only that the request was passed on shows nothing of anyone.
  if (!view->passed_on_only)
    AuditView(ctx, InformationRequestViewed(actor, now, view->record.id, view->record.reference, view->record.type,
                                            view->record.person_id));
  return std::move(*view);
}

void AuditInformationRequestShown(AppContext& ctx, const Actor& actor, const InformationRequestView& view,
                                  std::string_view after) {
  if (view.passed_on_only) return;
  auto event = InformationRequestViewed(actor, ctx.clock.Now(), view.record.id, view.record.reference, view.record.type,
                                        view.record.person_id);
  event.changes["after"] = std::string(after);
  AuditView(ctx, std::move(event));
}

std::string DefaultInformationRequestQueue(const Actor& actor) {
  return IsAllowed(actor.role, Action::kHandleDataProtectionRequest) &&
                 !IsAllowed(actor.role, Action::kRecordInformationRequest)
             ? "data-protection-team"
             : "mine";
}

Result<std::vector<store::InformationRequestRecord>> ListInformationRequestQueue(AppContext& ctx, const Actor& actor,
                                                                                 const std::string& queue,
                                                                                 const std::string& status_given) {
  if (auto defined = CheckInformationRequestsDefined(ctx); !defined) return std::unexpected(defined.error());
  if (std::find(InformationRequestQueues().begin(), InformationRequestQueues().end(), queue) ==
      InformationRequestQueues().end())
    return std::unexpected(Error::InvalidField(
        "queue", "Choose a queue: mine, front-door, data-protection-team, awaiting-review or all"));
  // Answered and refused requests stay findable: the record of what was asked and what was shared.
  const std::string status = status_given.empty() ? (queue == "all" ? "any" : "open") : status_given;
  if (status != "open" && status != "closed" && status != "any")
    return std::unexpected(Error::InvalidField(
        "status", "Choose which requests to list: open (still to finish), closed (answered or refused) or any"));
  if (queue == "data-protection-team") {
    if (auto allowed = Authorise(actor, Action::kHandleDataProtectionRequest); !allowed)
      return std::unexpected(allowed.error());
  } else if (queue == "awaiting-review") {
    if (auto allowed = Authorise(actor, Action::kReviewInformationRequest); !allowed)
      return std::unexpected(allowed.error());
  } else if (auto allowed = Authorise(actor, Action::kRecordInformationRequest); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto rows = store::ListInformationRequests(*tx, queue, actor.user_id, kQueueLimit, status);
  std::erase_if(rows, [](const auto& row) { return row.status == "purged"; });  // retention: nothing left to work
  // The Data Protection Team's requests stay theirs (IR-9): only that a request was passed on, as
  // on the request's own page.
  for (auto& row : rows)
    if (const auto* type = TypeOf(ctx, row); type && !SeesAll(actor, row, *type)) row = PassedOn(row);
  return rows;
}

std::optional<RequestOfContact> InformationRequestOfContact(AppContext& ctx, std::int64_t contact_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT id, reference FROM information_requests WHERE contact_id = ? ORDER BY id LIMIT 1",
                        {contact_id});
  if (rows.empty()) return std::nullopt;
  return RequestOfContact{rows[0].Int(0), rows[0].Text(1)};
}

}  // namespace fd::app
