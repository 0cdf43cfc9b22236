#include "app/consultations.h"

#include <array>
#include <tuple>

#include <fmt/format.h>
#include <sodium.h>

#include "app/deadlines.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/consultation_number.h"
#include "domain/contact.h"
#include "domain/identifying_text.h"
#include "domain/text.h"
#include "notify/message.h"
#include "notify/outbox.h"
#include "notify/secure_recipients.h"

namespace fd::app {
namespace {

// The procedure whose rule ids a refusal names, from the pack version.
std::string ProcedureOf(const policy::PolicyPack& pack) {
  if (pack.authority == "hertfordshire") return "HCR";
  return pack.version.find("cru") != std::string::npos ? "CRU" : "FDS";
}

}  // namespace

Result<ConsultationOutcome> RequestConsultation(AppContext& ctx, const Actor& actor, const ConsultationRequest& r) {
  if (auto allowed = Authorise(actor, Action::kRequestConsultation); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);  // CRU-5: the version in force today
  const policy::ConsultationType* type = nullptr;
  for (const auto& t : pack.consultation_types)
    if (t.id == r.type) type = &t;
  std::vector<FieldError> errors;
  if (!type) {
    std::string ids;
    for (const auto& t : pack.consultation_types) ids += (ids.empty() ? "" : ", ") + t.id;
    errors.push_back({"type", fmt::format("The procedures in force offer these consultations: {}", ids)});
  }
  auto required = [&](const std::string& value, const char* field, const char* what) {
    if (auto problem = CheckRequiredText(value, 200, false, what)) errors.push_back({field, *problem});
  };
  required(r.consultee_name, "consultee_name", "the consultee's name");
  required(r.consultee_organisation, "consultee_organisation", "the consultee's organisation");
  if (Trim(r.consultee_phone).empty() && Trim(r.consultee_email).empty())
    errors.push_back({"consultee_phone", "Enter a phone number or e-mail address to call the consultee back on"});
  if (!ReferrerTypeFromId(r.caller_type) || r.caller_type == "member_of_public")
    errors.push_back({"caller_type", "Consultations are for professionals: choose the caller's kind of organisation"});
  if (auto problem = CheckText(r.summary, 5000, true, "The summary")) errors.push_back({"summary", *problem});
  else if (Trim(r.summary).empty()) errors.push_back({"summary", "Enter a brief summary of the concern"});
  // FDS-7: nothing that identifies the child is kept with a no-named consultation.
  if (type && !type->named)
    for (auto& e : FindIdentifyingDetails(r.summary, "summary")) errors.push_back(std::move(e));
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  ConsultationRules rules{ProcedureOf(pack), type->preconditions, type->eligible_callers, false};
  ConsultationFacts facts;
  const auto& calendar = ctx.procedures.CalendarAt(now);
  facts.service_open = true;
  if (const auto* service = pack.Service(type->service)) {
    facts.service_open = calendar.IsOpen(*service, now);
    if (auto next = calendar.NextOpen(*service, now)) facts.next_opening = calendar::FormatLocalForPeople(*next, ctx.time_zone);
  }
  facts.request_already_made = r.request_already_made;
  facts.significant_harm_indicators = r.indicators;
  facts.safeguarding_lead_consulted = r.safeguarding_lead_consulted;
  facts.parent_discussed = r.parent_discussed;
  facts.open_to = r.child_open_to;
  facts.caller_type = r.caller_type;
  ConsultationOutcome outcome;
  outcome.check = CheckConsultationRequest(rules, facts);

  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (!outcome.check.accepted()) {
    // A refusal is recorded too (who asked, why refused), so no request is ever lost without trace.
    const auto& refusal = *outcome.check.refusal;
    audit::Append(*tx, {now, actor.user_id, actor.username, "consultation.refused", "consultation", "",
                        {{"type", r.type}, {"rule", refusal.rule}, {"precondition", refusal.precondition},
                         {"organisation", r.consultee_organisation}}});
    tx->Commit();
    return outcome;
  }
  std::array<std::uint8_t, 8> random{};
  randombytes_buf(random.data(), random.size());
  outcome.number = MakeConsultationNumber(random);
  outcome.id = tx->Query("INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, "
                         "consultee_name, consultee_role, consultee_organisation, consultee_phone, consultee_email, "
                         "caller_type, summary, safeguarding_lead_consulted) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         {outcome.number, r.type, pack.version, FormatUtc(now), actor.user_id, Trim(r.consultee_name),
                          Trim(r.consultee_role), Trim(r.consultee_organisation), Trim(r.consultee_phone),
                          Trim(r.consultee_email), r.caller_type, r.summary, r.safeguarding_lead_consulted})
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

Result<std::vector<QueuedConsultation>> ListConsultationQueue(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<QueuedConsultation> out;
  for (const auto& row : tx->Query("SELECT id, number, type, consultee_name, consultee_organisation, consultee_phone, "
                                   "summary, status, requested_at FROM consultations WHERE status = 'queued' "
                                   "ORDER BY requested_at, id LIMIT 200"))
    out.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6), row.Text(7),
                   ParseUtc(row.Text(8)).value_or(Instant{})});
  return out;
}

Result<void> RecordConsultationAdvice(AppContext& ctx, const Actor& actor, std::int64_t id,
                                      const std::string& questions, const std::string& advice) {
  if (auto allowed = Authorise(actor, Action::kAdviseConsultation); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  for (auto [value, field, what] : {std::tuple{&questions, "questions", "the questions asked"},
                                    std::tuple{&advice, "advice", "the advice given"}}) {
    if (auto problem = CheckRequiredText(*value, 10000, true, what)) errors.push_back({field, *problem});
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto rows = tx->Query("SELECT number, type, consultee_email, status, requested_at FROM consultations WHERE id = ?", {id});
  if (rows.empty()) return std::unexpected(Error::NotFound("There is no consultation with that number"));
  const std::string number = rows[0].Text(0);
  if (rows[0].Text(3) != "queued") return std::unexpected(Error::Conflict("This consultation has already been recorded"));
  // A no-named record holds nothing that identifies the child either (FDS-7).
  if (rows[0].Text(1) == "no-named") {
    for (auto& e : FindIdentifyingDetails(questions, "questions")) errors.push_back(std::move(e));
    for (auto& e : FindIdentifyingDetails(advice, "advice")) errors.push_back(std::move(e));
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  }
  tx->Execute("UPDATE consultations SET questions = ?, advice = ?, advised_by = ?, advised_at = ?, status = 'completed' "
              "WHERE id = ? AND status = 'queued'",
              {questions, advice, actor.user_id, FormatUtc(now), id});
  MeetDeadline(*tx, "consultation", id, "consultation-callback", now, actor.user_id);
  // FDS-9: the consultee gets the number confirming a consultation was given — not the record (FDS-8).
  const policy::PolicyPack& pack = ctx.procedures.PackAt(ParseUtc(rows[0].Text(4)).value_or(now));
  // KCR-5: only to a secure address; otherwise the number is read out on the call-back.
  if (const std::string email = rows[0].Text(2); notify::IsSecureAddress(email, pack.secure_email_domains))
    notify::Enqueue(*tx,
                    {email, fmt::format("{}: consultation {}", pack.authority_name, number),
                     fmt::format("This confirms that a consultation was given by the {} on {}.\n\nConsultation "
                                 "number: {}\n\nQuote this number if you make a Request for Support about the same "
                                 "concern. The record of the consultation is kept by the service and is not sent "
                                 "out.\n\n{}\n",
                                 pack.authority_name, calendar::FormatLocalForPeople(now, ctx.time_zone), number,
                                 pack.authority_name),
                     "consultation", id, "consultation-number", notify::IdempotencyKey("consultation", id, "number")},
                    now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "consultation.advice_recorded", "consultation",
                      std::to_string(id), {{"number", number}}});
  tx->Commit();
  return {};
}

}  // namespace fd::app
