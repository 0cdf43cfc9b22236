#include "app/agency_checks.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/case_access.h"
#include "app/deadlines.h"
#include "app/disclosures.h"
#include "app/permissions.h"
#include "app/screening_allocation.h"
#include "calendar/local_time.h"
#include "audit/audit_log.h"
#include "domain/contact_workflow.h"
#include "domain/text.h"
#include "policy/rule_citations.h"
#include "store/contact_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

// What a check request sends about each named child: enough for the agency to find its records.
const std::vector<std::string>& SentItems() {
  static const std::vector<std::string> items = {"name", "date_of_birth", "address", "question"};
  return items;
}

Error NoSuchCheck() { return Error::NotFound("There is no check request with that number for your agency"); }

std::string AgencyName(const policy::PolicyPack& pack, const std::string& id) {
  const auto* agency = pack.PartnerAgencyById(id);
  return agency ? agency->name : id;
}

// HCR-26: the police, whom the front door may consult before the parents are told where a crime
// is possible. Partner agencies are pack data, so the police are known by their id or name.
bool IsPolice(const policy::PolicyPack& pack, const std::string& id) {
  return NamesThePolice(id + " " + AgencyName(pack, id));
}

std::vector<FieldError> Validate(const policy::PolicyPack& pack, const Contact& contact, const CheckRequestDraft& d) {
  std::vector<FieldError> errors;
  if (Trim(d.agency).empty()) errors.push_back({"agency", "Choose the partner agency to ask"});
  else if (!pack.PartnerAgencyById(Trim(d.agency)))
    errors.push_back({"agency", fmt::format("\"{}\" is not one of the partner agencies", Trim(d.agency))});
  if (auto problem = CheckRequiredText(d.question, 5000, true, "what you are asking the agency"))
    errors.push_back({"question", *problem});
  if (d.children.empty()) errors.push_back({"children", "Choose the children the agency is asked about"});
  for (int position : d.children)
    if (position < 0 || position >= static_cast<int>(contact.children.size())) {
      errors.push_back({"children", "Choose only children of this contact"});
      break;
    }
  if (Trim(d.lawful_basis).empty()) errors.push_back({"lawful_basis", "Choose the lawful basis for sharing"});
  else if (!pack.LawfulBasisById(Trim(d.lawful_basis)))
    errors.push_back({"lawful_basis", fmt::format("\"{}\" is not one of the lawful bases", Trim(d.lawful_basis))});
  if (d.urgency != "urgent" && d.urgency != "standard")
    errors.push_back({"urgency", "Choose how urgent the check is: urgent or standard"});
  return errors;
}

PartnerCheck ViewOf(const policy::PolicyPack& pack, const store::CheckRequestRow& r, Instant now) {
  PartnerCheck v;
  v.id = r.id;
  v.agency = r.agency;
  v.agency_name = AgencyName(pack, r.agency);
  v.question = r.question;
  v.urgency = r.urgency;
  const auto* basis = pack.LawfulBasisById(r.lawful_basis);
  v.lawful_basis_label = basis ? basis->label : r.lawful_basis;
  v.requested_at = ParseUtc(r.requested_at).value_or(Instant{});
  if (r.due_at) v.due_at = ParseUtc(*r.due_at);
  v.people = r.subjects;
  v.answer = r.answer;
  if (r.answered_at) v.answered_at = ParseUtc(*r.answered_at);
  v.answered_by_name = r.answered_by_name;
  v.overdue = !r.answered_at && v.due_at && now >= *v.due_at;
  v.chases = r.chases;
  return v;
}

// The partner user's agency as the account holds it now (read in `tx`, so a change of agency takes
// effect at once, whatever the session was given at sign-in). Errors: kForbidden (not a partner user,
// or one with no agency).
Result<std::string> PartnerAgencyOf(store::Transaction& tx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kAnswerAgencyCheck); !allowed) return std::unexpected(allowed.error());
  auto rows = tx.Query("SELECT agency FROM users WHERE id = ? AND active = 1", {actor.user_id});
  if (rows.empty() || rows.front().Text(0).empty())
    return std::unexpected(Error::Forbidden("Your account belongs to no partner agency: ask an administrator"));
  return rows.front().Text(0);
}

// The request, if it is the partner's agency's; otherwise not found (never "forbidden": a partner
// does not learn that another agency's request exists).
Result<store::CheckRequestRow> LoadForPartner(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto agency = PartnerAgencyOf(tx, actor);
  if (!agency) return std::unexpected(agency.error());
  auto r = store::FindCheckRequest(tx, id);
  if (!r || r->agency != *agency) return std::unexpected(NoSuchCheck());
  return *r;
}

std::vector<DisclosureSubject> SubjectsOf(const store::CheckRequestRow& r) {
  std::vector<DisclosureSubject> out;
  for (const auto& s : r.subjects)
    out.push_back({std::nullopt, r.contact_id, static_cast<int>(s.child_position)});
  return out;
}

}  // namespace

Result<store::CheckRequestRow> SendAgencyCheck(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                               const CheckRequestDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kSendAgencyCheck); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = ContactToWorkOn(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  // Sending a check is screening: the allocated worker's, or a manager's (app/screening_allocation.h).
  if (auto may = MayScreenAllocated(ctx, *tx, actor, contact_id); !may) return std::unexpected(may.error());
  if (ContactStateFromId(contact->state) != ContactState::kScreening)
    return std::unexpected(Error::Conflict("Checks are sent while the contact is being screened"));
  if (auto errors = Validate(pack, *contact, draft); !errors.empty())
    return std::unexpected(Error::Invalid(std::move(errors)));
  const policy::LawfulBasis& basis = *pack.LawfulBasisById(Trim(draft.lawful_basis));
  auto screening = store::FindScreening(*tx, contact_id);
  // KCR-4: consent is a basis only when the parents were told and agreed. A choice on this form, so
  // said on its field (review finding 8), not as if the contact had changed.
  if (basis.consent && (!screening || screening->consent != Consent::kInformedAgreed))
    return std::unexpected(Error::InvalidField(
        "lawful_basis",
        "Consent cannot be the basis: the screening does not record that the parents were told and agreed. Choose a "
        "statutory basis, or first record their agreement in the screening answers (KCR-4)"));
  // KCR-15, HCR-25/26: parents are told first, so agencies are asked once the screening records
  // whether they were; HCR-26 lets the police be consulted before that where a crime is possible.
  const SharingBlock block = SharingBlockFor(screening ? &*screening : nullptr, IsPolice(pack, Trim(draft.agency)));
  if (block == SharingBlock::kConsentNotRecorded)
    return std::unexpected(policy::CiteRules(
        pack, Error::Conflict("Record first on the screening whether the parents have been informed (HCR-25): other "
                              "agencies are asked after the parents are told, or without their knowledge once a team "
                              "manager authorises it (KCR-15, HCR-26)")));
  // KCR-15, HCR-26: once the screening records that the parents will not be told, any sharing, on
  // whatever basis and with whichever agency, needs a team manager's authorisation with reasons; so
  // does a basis that is itself without their knowledge.
  const bool without_knowledge =
      basis.without_knowledge || (screening && screening->NeedsSharingAuthorisation());
  if (without_knowledge && (!screening || !screening->SharingAuthorised()))
    return std::unexpected(policy::CiteRules(pack, Error::Forbidden(
        block == SharingBlock::kNeedsAuthorisation
            ? "The screening records that the parents have not been informed, so this would share without their "
              "knowledge: a team manager must first authorise sharing without their knowledge, with reasons, on the "
              "screening. Ask a team manager to authorise it (KCR-15, HCR-26)"
            : "This basis shares without the parents' knowledge: a team manager must first authorise sharing without "
              "their knowledge, with reasons, on the screening. Ask a team manager to authorise it (KCR-15, HCR-26)")));
  std::vector<int> positions = draft.children;
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  // Sending does not move the contact on (no version to check), so a double click or the browser's
  // back button and a re-send would otherwise ask the agency twice and open two deadlines: the same
  // question to the same agency about the same children, still unanswered, is not sent again.
  for (const auto& open : store::CheckRequestsOfContact(*tx, contact_id)) {
    if (open.answered_at || open.agency != Trim(draft.agency) || Trim(open.question) != Trim(draft.question)) continue;
    std::vector<int> asked;
    for (const auto& s : open.subjects) asked.push_back(static_cast<int>(s.child_position));
    std::sort(asked.begin(), asked.end());
    if (asked != positions) continue;
    const auto sent = ParseUtc(open.requested_at);
    return std::unexpected(Error::Conflict(fmt::format(
        "This check was already sent to {}{} and is awaiting an answer, so it was not sent again", AgencyName(pack, open.agency),
        sent ? " on " + calendar::FormatLocalForPeople(*sent, ctx.time_zone) : std::string())));
  }

  store::CheckRequestRow row;
  row.contact_id = contact_id;
  row.agency = Trim(draft.agency);
  row.question = draft.question;
  row.lawful_basis = basis.id;
  row.urgency = draft.urgency;
  row.requested_by = actor.user_id;
  row.requested_by_name = actor.display_name;
  row.requested_at = FormatUtc(now);
  for (int position : positions) {
    const Child& child = contact->children[static_cast<std::size_t>(position)];
    row.subjects.push_back({position, child.first_names, child.last_name,
                            child.date_of_birth ? FormatIsoDate(*child.date_of_birth) : std::string(), child.address});
  }
  row.id = store::InsertCheckRequest(*tx, row);
  // The deadline belongs to the contact, so it shows on the contact's work queue; the request keeps
  // its id so the answer meets this deadline and not another check's.
  const std::string timescale = draft.urgency == "urgent" ? "agency-check-urgent" : "agency-check-standard";
  if (auto deadline = OpenDeadline(*tx, ctx, timescale,
                                   {"contact", contact_id, contact->reference, contact->team_id,
                                    contact->allocated_user_id ? contact->allocated_user_id
                                                               : std::optional<std::int64_t>(actor.user_id)},
                                   now)) {
    row.deadline_id = deadline->id;
    row.due_at = FormatUtc(deadline->due_at);
    store::SetCheckRequestDeadline(*tx, row.id, deadline->id, *row.due_at);
  }
  Disclosure d;
  d.direction = DisclosureDirection::kOut;
  d.items = SentItems();
  d.subjects = SubjectsOf(row);
  d.counterpart_kind = "agency";
  d.counterpart = row.agency;
  d.lawful_basis = basis.id;
  if (without_knowledge) d.authorised_by = screening->sharing_authorised_by;
  d.recorded_by = actor.user_id;
  d.recorded_by_username = actor.username;
  d.at = now;
  d.cause_kind = "agency-check";
  d.cause_id = std::to_string(row.id);
  if (auto recorded = RecordDisclosure(*tx, pack, d); !recorded) return std::unexpected(recorded.error());
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.agency_check_requested", "contact",
                      std::to_string(contact_id),
                      {{"request_id", row.id},
                       {"agency", row.agency},
                       {"lawful_basis", row.lawful_basis},
                       {"urgency", row.urgency},
                       {"children", positions}}});
  tx->Commit();
  return row;
}

Result<std::vector<store::CheckRequestRow>> ContactCheckRequests(AppContext& ctx, const Actor& actor,
                                                                 std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  if (!store::FindContact(*tx, contact_id)) return std::unexpected(Error::NotFound("There is no contact with that number"));
  return store::CheckRequestsOfContact(*tx, contact_id);
}

Result<std::vector<PartnerCheck>> ListPartnerChecks(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kAnswerAgencyCheck); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto agency = PartnerAgencyOf(*tx, actor);
  if (!agency) return std::unexpected(agency.error());
  std::vector<PartnerCheck> out;
  for (const auto& r : store::CheckRequestsForAgency(*tx, *agency, 200)) out.push_back(ViewOf(pack, r, now));
  return out;
}

Result<PartnerCheck> OpenPartnerCheck(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kAnswerAgencyCheck); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto r = LoadForPartner(*tx, actor, id);
  if (!r) return std::unexpected(r.error());
  audit::Append(*tx, {now, actor.user_id, actor.username, "agency-check.viewed", "contact",
                      std::to_string(r->contact_id), {{"request_id", r->id}, {"agency", r->agency}}});
  tx->Commit();
  return ViewOf(ctx.procedures.PackAt(now), *r, now);
}

Result<PartnerCheck> AnswerPartnerCheck(AppContext& ctx, const Actor& actor, std::int64_t id, const std::string& answer) {
  if (auto allowed = Authorise(actor, Action::kAnswerAgencyCheck); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckRequiredText(answer, 10000, true, "your agency's answer"))
    return std::unexpected(Error::InvalidField("answer", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto r = LoadForPartner(*tx, actor, id);
  if (!r) return std::unexpected(r.error());
  if (r->answered_at || !store::AnswerCheckRequest(*tx, id, answer, actor.user_id, FormatUtc(now)))
    return std::unexpected(Error::Conflict("This check has already been answered"));
  const auto requested_at = ParseUtc(r->requested_at).value_or(now);
  const policy::PolicyPack& pack = ctx.procedures.PackAt(requested_at);
  // KCR-9: the answer is on the contact as an agency check: who was asked, when, and what they said.
  store::AgencyCheck check{0, AgencyName(pack, r->agency), actor.display_name, requested_at, answer,
                           actor.user_id, actor.display_name, now};
  store::InsertAgencyCheck(*tx, r->contact_id, check);
  if (r->deadline_id) store::MeetDeadlineById(*tx, *r->deadline_id, FormatUtc(now), actor.user_id);
  Disclosure d;
  d.direction = DisclosureDirection::kIn;
  d.items = {"agency_answer"};
  d.subjects = SubjectsOf(*r);
  d.counterpart_kind = "agency";
  d.counterpart = r->agency;
  d.lawful_basis = r->lawful_basis;
  d.recorded_by = actor.user_id;
  d.recorded_by_username = actor.username;
  d.at = now;
  d.cause_kind = "agency-check";
  d.cause_id = std::to_string(r->id);
  if (auto recorded = RecordDisclosure(*tx, pack, d); !recorded) return std::unexpected(recorded.error());
  const bool late = r->due_at && FormatUtc(now) > *r->due_at;
  store::InsertStaffNotice(*tx, r->requested_by,
                           fmt::format("{} answered the check you sent (request {})", AgencyName(pack, r->agency), r->id),
                           fmt::format("/contacts/{}/screening", r->contact_id), now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.agency_check_answered", "contact",
                      std::to_string(r->contact_id),
                      {{"request_id", r->id}, {"agency", r->agency}, {"late", late}}});
  tx->Commit();
  r->answer = answer;
  r->answered_by = actor.user_id;
  r->answered_by_name = actor.display_name;
  r->answered_at = FormatUtc(now);
  return ViewOf(pack, *r, now);
}

Result<store::CheckRequestRow> ChaseAgencyCheck(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                std::int64_t request_id) {
  if (auto allowed = Authorise(actor, Action::kSendAgencyCheck); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = ContactToWorkOn(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  auto r = store::FindCheckRequest(*tx, request_id);
  if (!r || r->contact_id != contact_id)
    return std::unexpected(Error::NotFound("There is no check request with that number on this contact"));
  if (r->answered_at) return std::unexpected(Error::Conflict("This check has already been answered"));
  const auto due = r->due_at ? ParseUtc(*r->due_at) : std::nullopt;
  if (!due || now < *due)
    return std::unexpected(Error::Conflict(
        due ? fmt::format("This check is not overdue yet: the answer is due {}", calendar::FormatLocalForPeople(*due, ctx.time_zone))
            : std::string("This check has no deadline, so it cannot be overdue")));
  const std::string at = FormatUtc(now);
  store::RecordCheckRequestChase(*tx, r->id, at);
  // Every partner user of the agency hears of it: whoever is on duty there answers.
  const auto partners = store::ActivePartnerUsers(*tx, r->agency);
  for (std::int64_t user : partners)
    store::InsertStaffNotice(*tx, user,
                             fmt::format("OVERDUE: check request {} from the front door was due {}: please answer it",
                                         r->id, calendar::FormatLocalForPeople(*due, ctx.time_zone)),
                             fmt::format("/partner/checks/{}", r->id), now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.agency_check_chased", "contact",
                      std::to_string(contact_id),
                      {{"request_id", r->id}, {"agency", r->agency}, {"partners_told", partners.size()}}});
  tx->Commit();
  ++r->chases;
  r->last_chased_at = at;
  return std::move(*r);
}

Result<std::vector<AgencyResponseTime>> AgencyResponseTimes(AppContext& ctx, const Actor& actor, Instant start,
                                                            Instant end) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed) return std::unexpected(allowed.error());
  std::vector<store::CheckRequestRow> rows;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    rows = store::AnsweredCheckRequestsSince(*tx, FormatUtc(start));
  }
  const policy::PolicyPack& pack = ctx.procedures.PackAt(end - std::chrono::seconds{1});
  std::vector<std::string> order;
  for (const auto& a : pack.partner_agencies) order.push_back(a.id);
  std::map<std::string, std::vector<double>> hours;
  std::map<std::string, AgencyResponseTime> by_agency;
  for (const auto& r : rows) {
    const auto sent = ParseUtc(r.requested_at);
    const auto answered = r.answered_at ? ParseUtc(*r.answered_at) : std::nullopt;
    if (!sent || !answered || *sent >= end) continue;
    if (std::find(order.begin(), order.end(), r.agency) == order.end()) order.push_back(r.agency);
    AgencyResponseTime& t = by_agency[r.agency];
    ++t.answered;
    hours[r.agency].push_back(std::chrono::duration<double>(*answered - *sent).count() / 3600.0);
    if (r.due_at) {
      ++t.with_deadline;
      if (*r.answered_at <= *r.due_at) ++t.within_deadline;
    }
  }
  std::vector<AgencyResponseTime> out;
  for (const auto& id : order) {
    auto it = by_agency.find(id);
    if (it == by_agency.end()) continue;
    AgencyResponseTime t = it->second;
    t.agency = id;
    t.agency_name = AgencyName(pack, id);
    auto& h = hours[id];
    std::sort(h.begin(), h.end());
    const std::size_t n = h.size();
    t.median_hours = n % 2 ? h[n / 2] : (h[n / 2 - 1] + h[n / 2]) / 2.0;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace fd::app
