#include "app/consultations.h"

#include <array>
#include <cctype>
#include <tuple>

#include <fmt/format.h>
#include <sodium.h>

#include "app/deadlines.h"
#include "app/permissions.h"
#include "app/record_access.h"
#include "app/retention.h"
#include "audit/audit_log.h"
#include "calendar/hours_text.h"
#include "calendar/local_time.h"
#include "domain/consultation_callers.h"
#include "domain/consultation_number.h"
#include "domain/contact.h"
#include "domain/contact_detail_messages.h"
#include "domain/identifying_text.h"
#include "domain/register_answer.h"
#include "domain/retention.h"
#include "domain/text.h"
#include "notify/message.h"
#include "notify/outbox.h"
#include "notify/secure_recipients.h"
#include "policy/service_words.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

// The procedure whose rule ids a refusal names, from the pack version.
std::string ProcedureOf(const policy::PolicyPack& pack) {
  if (pack.authority == "hertfordshire") return "HCR";
  return pack.version.find("cru") != std::string::npos ? "CRU" : "FDS";
}

const policy::ConsultationType* TypeOf(const policy::PolicyPack& pack, const std::string& id) {
  for (const auto& t : pack.consultation_types)
    if (t.id == id) return &t;
  return nullptr;
}

bool Lists(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// HCR-7: the kinds of caller a consultation may come from: the professional referrer types, and a
// consultation-only kind (a Families First key worker) where a type of the pack takes it.
std::vector<std::pair<std::string, std::string>> CallerKinds(const policy::PolicyPack& pack) {
  std::vector<std::pair<std::string, std::string>> kinds;
  for (ReferrerType t : AllReferrerTypes())
    if (IsProfessional(t)) kinds.emplace_back(ReferrerTypeId(t), ReferrerTypeTitle(t));
  for (const auto& k : kConsultationOnlyCallers)
    if (std::any_of(pack.consultation_types.begin(), pack.consultation_types.end(), [&](const auto& t) {
          return t.id != kChairConsultationType && Lists(t.eligible_callers, k.id);
        }))
      kinds.emplace_back(k.id, k.title);
  return kinds;
}

// Point 7: the day a consultation of `retention_class` is next reviewed, by the
// pack's rule for the class (from the day it was made, closed, or the child's date of birth).
std::string ReviewOn(const policy::PolicyPack& pack, const std::string& retention_class,
                     std::chrono::year_month_day day, bool closed, const std::string& date_of_birth) {
  RetentionDates dates;
  dates.created = day;
  if (closed) dates.closed = day;
  if (!date_of_birth.empty()) dates.date_of_birth = ParseIsoDate(date_of_birth);
  return RetentionReviewOn(pack, retention_class, dates);
}

// The child's date of birth as the register holds it, else as the consultee gave it.
std::string ChildDateOfBirth(store::Transaction& tx, std::optional<std::int64_t> person_id,
                             const ConsultationChild& child) {
  if (person_id)
    if (auto rows = tx.Query("SELECT date_of_birth FROM people WHERE id = ?", {*person_id});
        !rows.empty() && !rows[0].IsNull(0) && !rows[0].Text(0).empty())
      return rows[0].Text(0);
  return Trim(child.date_of_birth);
}

// A consultation type's name inside a sentence ("a no-named professional consultation", FDS-9): its
// first letter in lower case, unless the name starts with an abbreviation ("CP…").
std::string InASentence(std::string name) {
  if (name.size() > 1 && std::isupper(static_cast<unsigned char>(name[0])) &&
      !std::isupper(static_cast<unsigned char>(name[1])))
    name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

// Checks a named child's details; adds field errors under `prefix`.
// A date of birth after `today` is a slip (an unborn child has no consultation of its own); refused
// so that the register check and the retention review are not made on it.
void CheckChild(const ConsultationChild& child, const std::string& prefix, std::chrono::year_month_day today,
                std::vector<FieldError>& errors) {
  if (auto p = CheckText(child.first_names, 100, false, "The child's first names")) errors.push_back({prefix + ".first_names", *p});
  if (auto p = CheckText(child.last_name, 100, false, "The child's last name")) errors.push_back({prefix + ".last_name", *p});
  if (Trim(child.date_of_birth).empty()) return;
  const auto born = ParseIsoDate(Trim(child.date_of_birth));
  if (!born)
    errors.push_back({prefix + ".date_of_birth", "Enter the child's date of birth as a real date, like 2017-05-14"});
  else if (std::chrono::sys_days{*born} > std::chrono::sys_days{today})
    errors.push_back({prefix + ".date_of_birth", "The child's date of birth cannot be in the future"});
}

std::optional<std::string> OptionalDob(const ConsultationChild& child) {
  if (Trim(child.date_of_birth).empty()) return std::nullopt;
  return Trim(child.date_of_birth);
}

// CRU-3: the child's record (when the register holds exactly one match) and whoever is open among
// the child and their brothers and sisters, with their allocated worker.
struct RegisterCheck {
  std::optional<std::int64_t> person_id;
  std::vector<OpenCase> open_cases;
};

AllocatedWorker WorkerOf(store::Transaction& tx, const store::PersonRecord& p) {
  AllocatedWorker w;
  if (p.allocated_user_id)
    if (auto rows = tx.Query("SELECT display_name FROM users WHERE id = ?", {*p.allocated_user_id}); !rows.empty())
      w.name = rows[0].Text(0);
  if (p.team_id)
    if (auto rows = tx.Query("SELECT name FROM teams WHERE id = ?", {*p.team_id}); !rows.empty()) w.team = rows[0].Text(0);
  return w;
}

RegisterCheck CheckRegister(store::Transaction& tx, const ConsultationChild& child) {
  RegisterCheck check;
  auto matches = store::FindExactMatches(tx, Trim(child.first_names), Trim(child.last_name), OptionalDob(child), "");
  if (matches.size() != 1) return check;  // none, or too many to say which: the adviser asks more
  const auto& person = matches[0];
  check.person_id = person.id;
  if (person.open_case) check.open_cases.push_back({false, WorkerOf(tx, person)});
  for (const auto& member : store::HouseholdMembers(tx, person.household, person.id))
    if (member.is_child && member.open_case) check.open_cases.push_back({true, WorkerOf(tx, member)});
  return check;
}

constexpr const char* kViewColumns =
    "SELECT k.id, k.number, k.type, k.policy_version, k.status, k.consultee_name, k.consultee_role, "
    "k.consultee_organisation, k.consultee_phone, k.consultee_email, k.caller_type, k.summary, k.child_first_names, "
    "k.child_last_name, k.child_date_of_birth, k.person_id, k.register_answer, k.requested_at, k.questions, k.advice, "
    "k.advised_route, COALESCE(u.display_name, ''), k.advised_at, k.safeguarding, k.recorded, "
    "COALESCE(c.reference, ''), k.retention_class, k.review_on, "
    "(SELECT MIN(d.due_at) FROM deadlines d WHERE d.record_type = 'consultation' AND d.record_id = k.id "
    "AND d.timescale = 'consultation-callback'), "
    "(SELECT MIN(o.recipient) FROM outbox o WHERE o.record_type = 'consultation' AND o.record_id = k.id "
    "AND o.purpose = 'consultation-number') "
    "FROM consultations k LEFT JOIN users u ON u.id = k.advised_by LEFT JOIN contacts c ON c.id = k.followed_by_contact_id ";

ConsultationView ViewFromRow(const AppContext& ctx, const store::Row& r) {
  ConsultationView v;
  v.id = r.Int(0);
  v.number = r.Text(1);
  v.type = r.Text(2);
  v.policy_version = r.Text(3);
  v.status = r.Text(4);
  v.consultee_name = r.Text(5);
  v.consultee_role = r.Text(6);
  v.consultee_organisation = r.Text(7);
  v.consultee_phone = r.Text(8);
  v.consultee_email = r.Text(9);
  v.caller_type = r.Text(10);
  v.summary = r.Text(11);
  v.child = {r.Text(12), r.Text(13), r.Text(14)};
  v.person_id = r.OptionalInt(15);
  v.register_answer = r.Text(16);
  v.requested_at = ParseUtc(r.Text(17)).value_or(Instant{});
  v.questions = r.Text(18);
  v.advice = r.Text(19);
  v.advised_route = r.Text(20);
  v.advised_by_name = r.Text(21);
  if (!r.IsNull(22)) v.advised_at = ParseUtc(r.Text(22));
  v.safeguarding = r.Int(23) != 0;
  v.recorded = r.Int(24) != 0;
  v.followed_by_reference = r.Text(25);
  v.retention_class = r.Text(26);
  v.review_on = r.Text(27);
  if (!r.IsNull(28)) v.call_back_by = ParseUtc(r.Text(28));
  if (!r.IsNull(29)) v.number_emailed_to = r.Text(29);
  // The type as the pack in force on the day of the request defined it (CRU-5).
  const auto& pack = ctx.procedures.PackAt(v.requested_at);
  if (const auto* type = TypeOf(pack, v.type)) {
    v.type_name = type->name;
    v.named = type->named;
    v.on_child_record = type->on_child_record;
    v.advice_routes = type->advice_routes;
    v.number_emailed = type->number_emailed;
  }
  return v;
}

std::optional<ConsultationView> LoadView(const AppContext& ctx, store::Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(std::string(kViewColumns) + "WHERE k.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return ViewFromRow(ctx, rows[0]);
}

Error NoSuchConsultation() { return Error::NotFound("There is no consultation with that number"); }

}  // namespace

Result<ConsultationOffer> ConsultationsOffered(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kRequestConsultation); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);
  const auto& calendar = ctx.procedures.CalendarAt(now);
  ConsultationOffer offer;
  for (const auto& t : pack.consultation_types) {
    if (t.id == kChairConsultationType) continue;
    OfferedConsultation o{t.id, t.name, t.named, "", true, "", t.preconditions, t.number_emailed};
    if (const auto* service = pack.Service(t.service)) {
      o.hours = calendar::DescribeHours(*service);
      o.open_now = calendar.IsOpen(*service, now);
      if (auto next = calendar.NextOpen(*service, now)) o.next_opening = calendar::FormatLocalForPeople(*next, ctx.time_zone);
    }
    offer.types.push_back(std::move(o));
  }
  for (const auto& i : pack.significant_harm_indicators) offer.indicators.emplace_back(i.id, i.label);
  offer.callers = CallerKinds(pack);
  // HCR-12, HCR-18, KCR-8: whom the caller should ring now, by the one rule for whether the front
  // door is open (policy/front_door_hours.h), as the portal says it: never a closed line's number.
  offer.urgent_advice = policy::UrgentAdviceNow(pack, calendar, now, false);
  return offer;
}

Result<ConsultationOutcome> RequestConsultation(AppContext& ctx, const Actor& actor, const ConsultationRequest& r) {
  if (auto allowed = Authorise(actor, Action::kRequestConsultation); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);  // CRU-5: the version in force today
  const policy::ConsultationType* type = r.type == kChairConsultationType ? nullptr : TypeOf(pack, r.type);
  std::vector<FieldError> errors;
  if (!type) {
    std::string ids;
    for (const auto& t : pack.consultation_types)
      if (t.id != kChairConsultationType) ids += (ids.empty() ? "" : ", ") + t.id;
    errors.push_back({"type", r.type == kChairConsultationType
                                  ? "Child Protection Chair consultations are requested on their own form"
                                  : fmt::format("The procedures in force offer these consultations: {}", ids)});
  }
  auto required = [&](const std::string& value, const char* field, const char* what) {
    if (auto problem = CheckRequiredText(value, 200, false, what)) errors.push_back({field, *problem});
  };
  required(r.consultee_name, "consultee_name", "the consultee's name");
  required(r.consultee_organisation, "consultee_organisation", "the consultee's organisation");
  if (Trim(r.consultee_phone).empty() && Trim(r.consultee_email).empty())
    errors.push_back({"consultee_phone", "Enter a phone number or e-mail address to call the consultee back on"});
  // FDS-6, FDS-9: the call-back and the e-mailed number need details that work: the intake's checks.
  if (!Trim(r.consultee_phone).empty() && !LooksLikePhoneNumber(Trim(r.consultee_phone)))
    errors.push_back({"consultee_phone", std::string(kPhoneNumberFormatMessage)});
  if (!Trim(r.consultee_email).empty() && !LooksLikeEmail(Trim(r.consultee_email)))
    errors.push_back({"consultee_email", std::string(kEmailFormatMessage)});
  const auto callers = CallerKinds(pack);
  if (std::none_of(callers.begin(), callers.end(), [&](const auto& k) { return k.first == r.caller_type; }))
    errors.push_back({"caller_type", "Consultations are for professionals: choose the caller's kind of organisation"});
  // HCR-12: a ticked indicator is never dropped: it must be one the pack lists, and the type must
  // check it (its no-significant-harm precondition turns the request into the urgent route).
  for (const auto& i : r.indicators)
    if (std::none_of(pack.significant_harm_indicators.begin(), pack.significant_harm_indicators.end(),
                     [&](const auto& known) { return known.id == i; })) {
      errors.push_back(
          {"indicators", fmt::format("\"{}\" is not a significant-harm indicator of the procedures in force", i)});
      break;
    }
  if (type && !r.indicators.empty() && !Lists(type->preconditions, precondition::kNoSignificantHarm))
    errors.push_back({"indicators",
                      "This consultation does not ask about significant harm: if the child is suffering, or is likely "
                      "to suffer, significant harm, make a referral instead"});
  if (auto problem = CheckRequiredText(r.summary, 5000, true, "a brief summary of the concern"))
    errors.push_back({"summary", *problem});
  if (type && !type->named) {
    // FDS-7: nothing that identifies the child is kept with a no-named consultation.
    for (auto& e : FindIdentifyingDetails(r.summary, "summary")) errors.push_back(std::move(e));
    if (!r.child.empty())
      errors.push_back({"child", "This is a no-named consultation: remove the child's name and date of birth"});
  } else if (type) {
    CheckChild(r.child, "child", calendar::LocalDate(ctx.clock.Now(), ctx.time_zone), errors);
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  ConsultationRules rules{ProcedureOf(pack), type->preconditions, type->eligible_callers, false};
  ConsultationFacts facts;
  const auto& calendar = ctx.procedures.CalendarAt(now);
  facts.service_open = true;
  if (const auto* service = pack.Service(type->service)) {
    facts.service_open = calendar.IsOpen(*service, now);
    facts.service_name = service->name;
    if (auto next = calendar.NextOpen(*service, now)) facts.next_opening = calendar::FormatLocalForPeople(*next, ctx.time_zone);
  }
  facts.request_already_made = r.request_already_made;
  facts.significant_harm_indicators = r.indicators;
  facts.safeguarding_lead_consulted = r.safeguarding_lead_consulted;
  facts.parent_discussed = r.parent_discussed;
  facts.open_to = r.child_open_to;
  facts.caller_type = r.caller_type;

  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  // FDS-5: a named child already open goes to their worker; the register says so without being asked.
  RegisterCheck register_check;
  if (type->named && !r.child.empty()) {
    register_check = CheckRegister(*tx, r.child);
    if (!facts.open_to)
      for (const auto& c : register_check.open_cases)
        if (!c.is_sibling) facts.open_to = c.worker;
  }
  ConsultationOutcome outcome;
  outcome.check = CheckConsultationRequest(rules, facts);
  if (!outcome.check.accepted()) {
    // A refusal is recorded too (who asked, why refused), so no request is ever lost without trace.
    const auto& refusal = *outcome.check.refusal;
    audit::Append(*tx, {now, actor.user_id, actor.username, "consultation.refused", "consultation", "",
                        {{"type", r.type}, {"rule", refusal.rule}, {"precondition", refusal.precondition},
                         {"organisation", r.consultee_organisation}, {"indicators", r.indicators}}});
    tx->Commit();
    return outcome;
  }
  std::array<std::uint8_t, 40> random{};  // eight draws of five bytes (domain/consultation_number.h)
  randombytes_buf(random.data(), random.size());
  outcome.number = MakeConsultationNumber(random);
  const auto today = calendar::LocalDate(now, ctx.time_zone);
  outcome.id =
      tx->Query("INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, consultee_name, "
                "consultee_role, consultee_organisation, consultee_phone, consultee_email, caller_type, summary, "
                "safeguarding_lead_consulted, child_first_names, child_last_name, child_date_of_birth, person_id, "
                "retention_class, review_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                {outcome.number, r.type, pack.version, FormatUtc(now), actor.user_id, Trim(r.consultee_name),
                 Trim(r.consultee_role), Trim(r.consultee_organisation), Trim(r.consultee_phone),
                 Trim(r.consultee_email), r.caller_type, r.summary, r.safeguarding_lead_consulted,
                 Trim(r.child.first_names), Trim(r.child.last_name), Trim(r.child.date_of_birth),
                 register_check.person_id, type->retention,
                 ReviewOn(pack, type->retention, today, false,
                          ChildDateOfBirth(*tx, register_check.person_id, r.child))})
          .at(0)
          .Int(0);
  // FDS-6: queued for call-back, against the pack's target when it sets one.
  if (auto d = OpenDeadline(*tx, ctx, "consultation-callback",
                            {"consultation", *outcome.id, outcome.number, actor.team_id, std::nullopt}, now))
    outcome.call_back_by = d->due_at;
  audit::Append(*tx, {now, actor.user_id, actor.username, "consultation.queued", "consultation",
                      std::to_string(*outcome.id), {{"type", r.type}, {"number", outcome.number}}});
  tx->Commit();
  return outcome;
}

Result<std::vector<ConsultationView>> ListConsultationQueue(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<ConsultationView> out;
  for (const auto& row :
       tx->Query(std::string(kViewColumns) + "WHERE k.status = 'queued' ORDER BY k.requested_at, k.id LIMIT 200"))
    out.push_back(ViewFromRow(ctx, row));
  return out;
}

Result<ConsultationView> GetConsultationReceipt(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kRequestConsultation); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT recorded_by FROM consultations WHERE id = ?", {id});
  if (rows.empty() || rows[0].Int(0) != actor.user_id) return std::unexpected(NoSuchConsultation());
  auto full = LoadView(ctx, *tx, id);
  ConsultationView receipt;
  receipt.id = full->id;
  receipt.number = full->number;
  receipt.type = full->type;
  receipt.type_name = full->type_name;
  receipt.status = full->status;
  receipt.consultee_name = full->consultee_name;
  receipt.consultee_organisation = full->consultee_organisation;
  receipt.requested_at = full->requested_at;
  receipt.call_back_by = full->call_back_by;
  receipt.advised_at = full->advised_at;
  receipt.number_emailed = full->number_emailed;
  return receipt;
}

Result<ConsultationView> GetConsultation(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto view = LoadView(ctx, *tx, id);
  if (!view) return std::unexpected(NoSuchConsultation());
  return std::move(*view);
}

Result<ConsultationView> OpenConsultation(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  // Opening a consultation is itself recorded, and durable before it is shown (read_audit.h).
  std::optional<ConsultationView> view;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    view = LoadView(ctx, *tx, id);
  }
  if (!view) return std::unexpected(NoSuchConsultation());
  AuditView(ctx, ConsultationViewed(actor, now, id, view->number, view->person_id));
  return std::move(*view);
}

Result<ConsultationView> CheckConsultationRegister(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                   const ConsultationChild& child) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto view = LoadView(ctx, *tx, id);
  if (!view) return std::unexpected(NoSuchConsultation());
  if (!view->named)
    return std::unexpected(Error::InvalidField("child", "This is a no-named consultation: the register is not checked"));
  if (view->status != "queued") return std::unexpected(Error::Conflict("This consultation has already been recorded"));
  ConsultationChild who = child.empty() ? view->child : child;
  std::vector<FieldError> errors;
  CheckChild(who, "child", calendar::LocalDate(now, ctx.time_zone), errors);
  if (Trim(who.last_name).empty() || Trim(who.date_of_birth).empty())
    errors.push_back({"child", "Enter the child's last name and date of birth to check the register"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const RegisterCheck check = CheckRegister(*tx, who);
  const std::string answer = RegisterAnswerForConsultee(check.open_cases);
  tx->Execute("UPDATE consultations SET child_first_names = ?, child_last_name = ?, child_date_of_birth = ?, "
              "person_id = ?, register_answer = ? WHERE id = ?",
              {Trim(who.first_names), Trim(who.last_name), Trim(who.date_of_birth), check.person_id, answer, id});
  // Opening the register is itself audited: who looked, for which consultation, and whether it matched.
  audit::Append(*tx, {now, actor.user_id, actor.username, "consultation.register_checked", "consultation",
                      std::to_string(id),
                      {{"number", view->number}, {"matched", check.person_id.has_value()},
                       {"open_cases", static_cast<std::int64_t>(check.open_cases.size())}}});
  auto updated = LoadView(ctx, *tx, id);
  tx->Commit();
  return std::move(*updated);
}

Result<ConsultationView> RecordConsultationAdvice(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                  const ConsultationAdvice& a) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto view = LoadView(ctx, *tx, id);
  if (!view) return std::unexpected(NoSuchConsultation());
  if (view->status != "queued") return std::unexpected(Error::Conflict("This consultation has already been recorded"));
  const policy::PolicyPack& pack = ctx.procedures.PackAt(view->requested_at);
  const policy::ConsultationType* type = TypeOf(pack, view->type);
  if (!type) return std::unexpected(NoSuchConsultation());

  // CRU-4: a type recorded only when safeguarding keeps nothing unless the adviser says so.
  const bool keep = type->on_child_record != "when-safeguarding" || a.safeguarding;
  const bool on_child_record = type->on_child_record == "always" || (type->on_child_record == "when-safeguarding" && a.safeguarding);
  std::vector<FieldError> errors;
  for (auto [value, field, what] : {std::tuple{&a.questions, "questions", "the questions asked"},
                                    std::tuple{&a.advice, "advice", "the advice given"}}) {
    if (!keep) {
      if (auto problem = CheckText(*value, 10000, true, "The text")) errors.push_back({field, *problem});
    } else if (auto problem = CheckRequiredText(*value, 10000, true, what)) {
      errors.push_back({field, *problem});
    }
  }
  if (a.safeguarding && type->on_child_record != "when-safeguarding")
    errors.push_back({"safeguarding", "This kind of consultation is not recorded by whether it is a safeguarding concern"});
  if (!type->advice_routes.empty()) {
    if (std::find(type->advice_routes.begin(), type->advice_routes.end(), a.advised_route) == type->advice_routes.end())
      errors.push_back({"advised_route", "Choose the advice given: make a red referral, make a green request, or other advice"});
  } else if (!a.advised_route.empty()) {
    errors.push_back({"advised_route", "This kind of consultation has no advice routes to choose from"});
  }
  ConsultationChild child = a.child.empty() ? view->child : a.child;
  if (!type->named) {
    // A no-named record holds nothing that identifies the child either (FDS-7).
    for (auto& e : FindIdentifyingDetails(a.questions, "questions")) errors.push_back(std::move(e));
    for (auto& e : FindIdentifyingDetails(a.advice, "advice")) errors.push_back(std::move(e));
    if (!a.child.empty()) errors.push_back({"child", "This is a no-named consultation: remove the child's details"});
  } else {
    CheckChild(child, "child", calendar::LocalDate(ctx.clock.Now(), ctx.time_zone), errors);
    if (on_child_record && (Trim(child.first_names).empty() || Trim(child.last_name).empty()))
      errors.push_back({"child", "This advice goes on the child's record: enter the child's first and last names"});
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  // The child's record: the register's match, or a new record when the child is not yet known.
  std::optional<std::int64_t> person_id = view->person_id;
  if (on_child_record && !person_id) {
    person_id = CheckRegister(*tx, child).person_id;
    if (!person_id)
      person_id = store::InsertPerson(*tx, {0, Trim(child.first_names), Trim(child.last_name), OptionalDob(child), "",
                                            "", true, false, {}, {}, false, false, ""});
  }
  const std::string retention =
      a.safeguarding && !type->safeguarding_retention.empty() ? type->safeguarding_retention : type->retention;
  const auto today = calendar::LocalDate(now, ctx.time_zone);
  const std::string dob = keep ? ChildDateOfBirth(*tx, on_child_record ? person_id : view->person_id, child) : "";
  if (keep) {
    tx->Execute("UPDATE consultations SET questions = ?, advice = ?, advised_route = ?, safeguarding = ?, recorded = 1, "
                "child_first_names = ?, child_last_name = ?, child_date_of_birth = ?, person_id = ?, advised_by = ?, "
                "advised_at = ?, retention_class = ?, review_on = ?, status = 'completed' "
                "WHERE id = ? AND status = 'queued'",
                {a.questions, a.advice, a.advised_route, a.safeguarding, Trim(child.first_names), Trim(child.last_name),
                 Trim(child.date_of_birth), on_child_record ? person_id : view->person_id, actor.user_id,
                 FormatUtc(now), retention, ReviewOn(pack, retention, today, true, dob), id});
  } else {
    // CRU-4: the unit keeps no record of it — only that a consultation took place, with whom and when.
    tx->Execute("UPDATE consultations SET questions = '', advice = '', summary = '', child_first_names = '', "
                "child_last_name = '', child_date_of_birth = '', person_id = NULL, register_answer = '', "
                "safeguarding = 0, recorded = 0, advised_by = ?, advised_at = ?, retention_class = ?, review_on = ?, "
                "status = 'completed' WHERE id = ? AND status = 'queued'",
                {actor.user_id, FormatUtc(now), retention, ReviewOn(pack, retention, today, true, ""), id});
  }
  MeetDeadline(*tx, "consultation", id, "consultation-callback", now, actor.user_id);
  // CRU-4: the professional must follow a safeguarding consultation with an IAR; tracked until it comes.
  if (a.safeguarding)
    OpenDeadline(*tx, ctx, "iar-expected", {"consultation", id, view->number, actor.team_id, actor.user_id}, now);
  // FDS-9: the consultee gets the number confirming a consultation was given — not the record (FDS-8).
  // KCR-5: only to a secure address; otherwise the number is read out on the call-back.
  if (type->number_emailed && notify::IsSecureAddress(view->consultee_email, pack.secure_email_domains)) {
    std::string follow_up = "Quote this number if you make a Request for Support about the same concern.";
    if (a.safeguarding)
      follow_up = "This was a safeguarding concern: please now make an Inter-Agency Referral, quoting this number.";
    else if (a.advised_route == "red" || a.advised_route == "green")
      follow_up = fmt::format("Quote this number on the {} form you were advised to send.", a.advised_route);
    notify::Enqueue(*tx,
                    {view->consultee_email, fmt::format("{}: consultation {}", pack.authority_name, view->number),
                     fmt::format("This confirms that {} gave you a {} on {}.\n\nConsultation "
                                 "number: {}\n\n{} The record of the consultation is kept by the service and is not "
                                 "sent out.\n\n{}\n",
                                 pack.authority_name, InASentence(view->type_name),
                                 calendar::FormatLocalForPeople(now, ctx.time_zone), view->number, follow_up,
                                 pack.authority_name),
                     "consultation", id, "consultation-number", notify::IdempotencyKey("consultation", id, "number")},
                    now);
  }
  audit::Append(*tx, {now, actor.user_id, actor.username, "consultation.advice_recorded", "consultation",
                      std::to_string(id),
                      {{"number", view->number}, {"recorded", keep}, {"safeguarding", a.safeguarding},
                       {"on_child_record", on_child_record}, {"advised_route", a.advised_route}}});
  auto updated = LoadView(ctx, *tx, id);
  tx->Commit();
  return std::move(*updated);
}

std::string NumberEmailNote(const ConsultationView& v) {
  if (!v.number_emailed || v.status == "queued") return "";
  if (!v.number_emailed_to.empty())
    return fmt::format("The consultation number {} was e-mailed to {} (FDS-9).", v.number, v.number_emailed_to);
  const std::string why = Trim(v.consultee_email).empty()
                              ? std::string("no e-mail address was given")
                              : fmt::format("{} is not a secure e-mail address (KCR-5)", Trim(v.consultee_email));
  return fmt::format("The consultation number {} was not e-mailed: {}. Give it to {} by phone{}.", v.number, why,
                     v.consultee_name, Trim(v.consultee_phone).empty() ? "" : " on " + Trim(v.consultee_phone));
}

}  // namespace fd::app
