#include "app/consultation_links.h"

#include <fmt/format.h>

#include "app/deadlines.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

// How long after a consultation a form from the same organisation about the same child is taken to
// follow it when no number is quoted (a choice: docs/decisions.md "Consultations").
constexpr auto kFollowUpWindow = std::chrono::days(28);

std::string AdviceInWords(const std::string& route) {
  if (route == "red") return "advised a red (child protection) referral";
  if (route == "green") return "advised a green request for a service";
  if (route == "other") return "gave other advice";
  return "gave advice";
}

std::string Lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

FollowedConsultation FromRow(const AppContext& ctx, const store::Row& r) {
  FollowedConsultation f;
  f.id = r.Int(0);
  f.number = r.Text(1);
  const auto at = ParseUtc(r.Text(2)).value_or(Instant{});
  f.note = fmt::format("Consultation {} on {} with {}: {}.", f.number, calendar::FormatLocalForPeople(at, ctx.time_zone),
                       r.Text(3).empty() ? "the front door" : r.Text(3), AdviceInWords(r.Text(4)));
  return f;
}

constexpr const char* kColumns =
    "SELECT k.id, k.number, k.advised_at, COALESCE(u.display_name, ''), k.advised_route "
    "FROM consultations k LEFT JOIN users u ON u.id = k.advised_by ";

}  // namespace

Result<std::optional<FollowedConsultation>> FindFollowedConsultation(store::Transaction& tx, const AppContext& ctx,
                                                                     const NewContact& contact, Instant now) {
  if (!contact.intake.consultation_number.empty()) {
    auto rows = tx.Query(std::string(kColumns) + "WHERE k.number = ?", {contact.intake.consultation_number});
    if (rows.empty())
      return std::unexpected(Error::InvalidField(
          // Numbers are often read out on the phone, with no e-mail to check against.
          "intake.consultation_number", "No consultation has this number: check the number you were given, or leave it "
                                        "blank"));
    if (rows[0].IsNull(2))
      return std::unexpected(Error::InvalidField("intake.consultation_number",
                                                 "This consultation has not been given yet: wait for the call-back, "
                                                 "or leave the number blank"));
    return FromRow(ctx, rows[0]);
  }
  // No number quoted: the same child, on a record the advice was put on, from the same organisation.
  const std::string organisation = Lower(contact.referrer.agency);
  if (organisation.empty()) return std::optional<FollowedConsultation>{};
  for (const auto& child : contact.children) {
    if (child.role != ChildRole::kSubject || !child.date_of_birth) continue;
    for (const auto& person : store::FindExactMatches(tx, child.first_names, child.last_name,
                                                      FormatIsoDate(*child.date_of_birth), child.nhs_number)) {
      auto rows = tx.Query(std::string(kColumns) +
                               "WHERE k.person_id = ? AND k.status = 'completed' AND k.recorded = 1 "
                               "AND k.followed_by_contact_id IS NULL AND LOWER(k.consultee_organisation) = ? "
                               "AND k.advised_at >= ? ORDER BY k.advised_at DESC LIMIT 1",
                           {person.id, organisation, FormatUtc(now - kFollowUpWindow)});
      if (!rows.empty()) return FromRow(ctx, rows[0]);
    }
  }
  return std::optional<FollowedConsultation>{};
}

void LinkFollowedConsultation(store::Transaction& tx, const FollowedConsultation& followed, std::int64_t contact_id,
                              const std::string& contact_reference, Instant now, std::int64_t user_id,
                              const std::string& username) {
  tx.Execute("UPDATE contacts SET consultation_id = ? WHERE id = ?", {followed.id, contact_id});
  tx.Execute("UPDATE consultations SET followed_by_contact_id = ? WHERE id = ? AND followed_by_contact_id IS NULL",
             {contact_id, followed.id});
  MeetDeadline(tx, "consultation", followed.id, "iar-expected", now, user_id);  // CRU-4
  audit::Append(tx, {now, user_id, username, "consultation.followed", "consultation", std::to_string(followed.id),
                     {{"number", followed.number}, {"contact", contact_reference}}});
}

}  // namespace fd::app
