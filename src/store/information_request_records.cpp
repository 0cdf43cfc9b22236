#include "store/information_request_records.h"

#include <nlohmann/json.hpp>

namespace fd::store {
namespace {

using nlohmann::json;

std::string ItemsJson(const std::vector<SharedItemRow>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back({{"kind", i.kind}, {"text", i.text}});
  return out.dump();
}

std::vector<SharedItemRow> ItemsFrom(const std::string& text) {
  std::vector<SharedItemRow> out;
  const json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& i : parsed)
    if (i.is_object()) out.push_back({i.value("kind", ""), i.value("text", "")});
  return out;
}

std::string MissingJson(const std::vector<MissingEvidenceRow>& missing) {
  json out = json::array();
  for (const auto& m : missing) out.push_back({{"check", m.check}, {"rule", m.rule}, {"needed", m.needed}});
  return out.dump();
}

std::vector<MissingEvidenceRow> MissingFrom(const std::string& text) {
  std::vector<MissingEvidenceRow> out;
  const json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& m : parsed)
    if (m.is_object()) out.push_back({m.value("check", ""), m.value("rule", ""), m.value("needed", "")});
  return out;
}

constexpr const char* kColumns =
    "SELECT r.id, r.reference, r.type, r.policy_version, r.received_at, r.recorded_by, COALESCE(ru.display_name, ''), "
    "r.requester_name, r.requester_organisation, r.requester_role, r.requester_email, r.requester_phone, "
    "r.subject_first_names, r.subject_last_name, r.subject_date_of_birth, r.person_id, r.details, "
    "r.identity_in_doubt, r.safeguarding_purpose, r.consent, r.signed_parental_consent, r.identity_verified, "
    "r.investigatory_body, r.reasons, r.status, r.register_state, r.route, r.route_note, r.legal_helpdesk, "
    "r.allocated_user_id, COALESCE(au.display_name, ''), r.contact_id, COALESCE(c.reference, ''), "
    "r.missing_evidence, r.decided_at, r.decided_by, r.proposed_items, r.proposed_to, r.proposed_channel, "
    "r.proposed_by, r.refused_reason, r.refused_by, r.refused_at "
    "FROM information_requests r LEFT JOIN users ru ON ru.id = r.recorded_by "
    "LEFT JOIN users au ON au.id = r.allocated_user_id LEFT JOIN contacts c ON c.id = r.contact_id ";

InformationRequestRecord FromRow(const Row& row) {
  InformationRequestRecord r;
  std::size_t i = 0;
  r.id = row.Int(i++);
  r.reference = row.Text(i++);
  r.type = row.Text(i++);
  r.policy_version = row.Text(i++);
  r.received_at = row.Text(i++);
  r.recorded_by = row.Int(i++);
  r.recorded_by_name = row.Text(i++);
  r.requester_name = row.Text(i++);
  r.requester_organisation = row.Text(i++);
  r.requester_role = row.Text(i++);
  r.requester_email = row.Text(i++);
  r.requester_phone = row.Text(i++);
  r.subject_first_names = row.Text(i++);
  r.subject_last_name = row.Text(i++);
  r.subject_date_of_birth = row.Text(i++);
  r.person_id = row.OptionalInt(i++);
  r.details = row.Text(i++);
  r.identity_in_doubt = row.Int(i++) != 0;
  r.safeguarding_purpose = row.Int(i++) != 0;
  r.consent = row.Int(i++) != 0;
  r.signed_parental_consent = row.Int(i++) != 0;
  r.identity_verified = row.Int(i++) != 0;
  r.investigatory_body = row.Int(i++) != 0;
  r.reasons = row.Text(i++);
  r.status = row.Text(i++);
  r.register_state = row.Text(i++);
  r.route = row.Text(i++);
  r.route_note = row.Text(i++);
  r.legal_helpdesk = row.Int(i++) != 0;
  r.allocated_user_id = row.OptionalInt(i++);
  r.allocated_name = row.Text(i++);
  r.contact_id = row.OptionalInt(i++);
  r.contact_reference = row.Text(i++);
  r.missing_evidence = MissingFrom(row.Text(i++));
  r.decided_at = row.OptionalText(i++);
  r.decided_by = row.OptionalInt(i++);
  r.proposed_items = ItemsFrom(row.Text(i++));
  r.proposed_to = row.Text(i++);
  r.proposed_channel = row.Text(i++);
  r.proposed_by = row.OptionalInt(i++);
  r.refused_reason = row.Text(i++);
  r.refused_by = row.OptionalInt(i++);
  r.refused_at = row.OptionalText(i++);
  return r;
}

std::vector<InformationSharedRow> SharedWhere(Transaction& tx, const std::string& where, const Params& params) {
  std::vector<InformationSharedRow> out;
  for (const auto& row : tx.Query(
           // sql-scan: allow where is a constant WHERE clause from this file's callers; values are bound
           "SELECT s.id, s.request_id, r.reference, s.person_id, s.shared_to, s.organisation, s.channel, s.shared_at, "
           "s.shared_by, s.authorised_by, COALESCE(sb.display_name, ''), COALESCE(ab.display_name, '') "
           "FROM information_shared s JOIN information_requests r ON r.id = s.request_id "
           "LEFT JOIN users sb ON sb.id = s.shared_by LEFT JOIN users ab ON ab.id = s.authorised_by " +
               where + " ORDER BY s.shared_at DESC, s.id DESC",
           params)) {
    InformationSharedRow s;
    s.id = row.Int(0);
    s.request_id = row.Int(1);
    s.request_reference = row.Text(2);
    s.person_id = row.OptionalInt(3);
    s.shared_to = row.Text(4);
    s.organisation = row.Text(5);
    s.channel = row.Text(6);
    s.shared_at = row.Text(7);
    s.shared_by = row.Int(8);
    s.authorised_by = row.Int(9);
    s.shared_by_name = row.Text(10);
    s.authorised_by_name = row.Text(11);
    for (const auto& item :
         tx.Query("SELECT kind, text FROM information_shared_items WHERE shared_id = ? ORDER BY position", {s.id}))
      s.items.push_back({item.Text(0), item.Text(1)});
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::int64_t InsertInformationRequest(Transaction& tx, const InformationRequestRecord& r) {
  return tx
      .Query("INSERT INTO information_requests (reference, type, policy_version, received_at, recorded_by, "
             "requester_name, requester_organisation, requester_role, requester_email, requester_phone, "
             "subject_first_names, subject_last_name, subject_date_of_birth, person_id, details, identity_in_doubt, "
             "safeguarding_purpose, consent, signed_parental_consent, identity_verified, investigatory_body, reasons, "
             "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {r.reference, r.type, r.policy_version, r.received_at, r.recorded_by, r.requester_name,
              r.requester_organisation, r.requester_role, r.requester_email, r.requester_phone, r.subject_first_names,
              r.subject_last_name, r.subject_date_of_birth, r.person_id, r.details, r.identity_in_doubt,
              r.safeguarding_purpose, r.consent, r.signed_parental_consent, r.identity_verified, r.investigatory_body,
              r.reasons, r.status})
      .at(0)
      .Int(0);
}

std::optional<InformationRequestRecord> FindInformationRequest(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(std::string(kColumns) + "WHERE r.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<InformationRequestRecord> ListInformationRequests(Transaction& tx, const std::string& queue,
                                                              std::int64_t user_id, int limit,
                                                              const std::string& status) {
  // Which requests of the queue: still to finish, finished (answered or refused: kept findable), or both.
  const std::string which = status == "closed" ? "r.status IN ('answered', 'refused') "
                            : status == "any"  ? "1 = 1 "
                                               : "r.status NOT IN ('answered', 'refused') ";
  std::string where;
  Params params;
  if (queue == "mine") {
    // sql-scan: allow `which` is one of the three constant clauses above; values are bound
    where = "WHERE " + which + "AND (r.allocated_user_id = ? OR "
            "(r.recorded_by = ? AND r.route <> 'data-protection-team' AND r.route <> 'allocated-worker')) ";
    params = {user_id, user_id};
  } else if (queue == "front-door") {
    // sql-scan: allow `which` is one of the three constant clauses above; values are bound
    where = "WHERE " + which + "AND r.route IN ('', 'contact', 'adult-contact', 'front-door') ";
  } else if (queue == "data-protection-team") {
    // sql-scan: allow `which` is one of the three constant clauses above; values are bound
    where = "WHERE " + which + "AND r.route = 'data-protection-team' ";
  } else if (queue == "awaiting-review") {
    // Closed: the requests a manager reviewed (IR-7), once finished.
    // sql-scan: allow `which` is one of the three constant clauses above; values are bound
    where = status == "closed" ? "WHERE " + which + "AND EXISTS (SELECT 1 FROM information_request_reviews v WHERE "
                                 "v.request_id = r.id) "
            : status == "any"  ? std::string("WHERE (r.status = 'awaiting-review' OR EXISTS (SELECT 1 FROM "
                                             "information_request_reviews v WHERE v.request_id = r.id)) ")
                               : std::string("WHERE r.status = 'awaiting-review' ");
  } else {
    // sql-scan: allow `which` is one of the three constant clauses above; values are bound
    where = "WHERE " + which;
  }
  params.push_back(limit);
  std::vector<InformationRequestRecord> out;
  // sql-scan: allow where is built of the constant clauses above; values are bound
  for (const auto& row : tx.Query(std::string(kColumns) + where + "ORDER BY r.received_at DESC, r.id DESC LIMIT ?", params))
    out.push_back(FromRow(row));
  return out;
}

void UpdateInformationEvidence(Transaction& tx, const InformationRequestRecord& r) {
  tx.Execute("UPDATE information_requests SET identity_in_doubt = ?, safeguarding_purpose = ?, consent = ?, "
             "signed_parental_consent = ?, identity_verified = ?, investigatory_body = ?, reasons = ?, "
             "requester_email = ? WHERE id = ?",
             {r.identity_in_doubt, r.safeguarding_purpose, r.consent, r.signed_parental_consent, r.identity_verified,
              r.investigatory_body, r.reasons, r.requester_email, r.id});
}

void InsertEvidenceLog(Transaction& tx, std::int64_t request_id, const std::string& kind, const std::string& detail,
                       std::int64_t user_id, const std::string& at) {
  tx.Execute("INSERT INTO information_request_evidence (request_id, kind, detail, recorded_by, recorded_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {request_id, kind, detail, user_id, at});
}

std::vector<EvidenceLogRow> EvidenceLog(Transaction& tx, std::int64_t request_id) {
  std::vector<EvidenceLogRow> out;
  for (const auto& row : tx.Query("SELECT e.kind, e.detail, COALESCE(u.display_name, ''), e.recorded_at "
                                  "FROM information_request_evidence e LEFT JOIN users u ON u.id = e.recorded_by "
                                  "WHERE e.request_id = ? ORDER BY e.id",
                                  {request_id}))
    out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
  return out;
}

void UpdateInformationDecision(Transaction& tx, const InformationRequestRecord& r) {
  tx.Execute("UPDATE information_requests SET status = ?, register_state = ?, route = ?, route_note = ?, "
             "legal_helpdesk = ?, allocated_user_id = ?, contact_id = ?, person_id = ?, missing_evidence = ?, "
             "decided_at = ?, decided_by = ? WHERE id = ?",
             {r.status, r.register_state, r.route, r.route_note, r.legal_helpdesk, r.allocated_user_id, r.contact_id,
              r.person_id, MissingJson(r.missing_evidence), r.decided_at, r.decided_by, r.id});
}

void UpdateInformationProposal(Transaction& tx, const InformationRequestRecord& r) {
  tx.Execute("UPDATE information_requests SET status = ?, proposed_items = ?, proposed_to = ?, proposed_channel = ?, "
             "proposed_by = ? WHERE id = ?",
             {r.status, ItemsJson(r.proposed_items), r.proposed_to, r.proposed_channel, r.proposed_by, r.id});
}

void UpdateInformationStatus(Transaction& tx, std::int64_t id, const std::string& status) {
  tx.Execute("UPDATE information_requests SET status = ? WHERE id = ?", {status, id});
}

void UpdateInformationRefusal(Transaction& tx, const InformationRequestRecord& r) {
  tx.Execute("UPDATE information_requests SET status = 'refused', refused_reason = ?, refused_by = ?, refused_at = ?, "
             "missing_evidence = ? WHERE id = ?",
             {r.refused_reason, r.refused_by, r.refused_at, MissingJson(r.missing_evidence), r.id});
}

std::int64_t InsertInformationReview(Transaction& tx, const InformationReviewRow& v) {
  return tx
      .Query("INSERT INTO information_request_reviews (request_id, decision, note, items, shared_to, channel, "
             "reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {v.request_id, v.decision, v.note, ItemsJson(v.items), v.shared_to, v.channel, v.reviewed_by,
              v.reviewed_at})
      .at(0)
      .Int(0);
}

std::vector<InformationReviewRow> InformationReviews(Transaction& tx, std::int64_t request_id) {
  std::vector<InformationReviewRow> out;
  for (const auto& row :
       tx.Query("SELECT v.id, v.request_id, v.decision, v.note, v.items, v.shared_to, v.channel, v.reviewed_by, "
                "COALESCE(u.display_name, ''), v.reviewed_at FROM information_request_reviews v "
                "LEFT JOIN users u ON u.id = v.reviewed_by WHERE v.request_id = ? ORDER BY v.id",
                {request_id})) {
    InformationReviewRow v;
    v.id = row.Int(0);
    v.request_id = row.Int(1);
    v.decision = row.Text(2);
    v.note = row.Text(3);
    v.items = ItemsFrom(row.Text(4));
    v.shared_to = row.Text(5);
    v.channel = row.Text(6);
    v.reviewed_by = row.Int(7);
    v.reviewed_by_name = row.Text(8);
    v.reviewed_at = row.Text(9);
    out.push_back(std::move(v));
  }
  return out;
}

std::int64_t InsertInformationShared(Transaction& tx, const InformationSharedRow& s) {
  const std::int64_t id =
      tx.Query("INSERT INTO information_shared (request_id, person_id, shared_to, organisation, channel, shared_at, "
               "shared_by, authorised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {s.request_id, s.person_id, s.shared_to, s.organisation, s.channel, s.shared_at, s.shared_by,
                s.authorised_by})
          .at(0)
          .Int(0);
  for (std::size_t i = 0; i < s.items.size(); ++i)
    tx.Execute("INSERT INTO information_shared_items (shared_id, position, kind, text) VALUES (?, ?, ?, ?)",
               {id, static_cast<std::int64_t>(i), s.items[i].kind, s.items[i].text});
  return id;
}

std::vector<InformationSharedRow> SharedForRequest(Transaction& tx, std::int64_t request_id) {
  return SharedWhere(tx, "WHERE s.request_id = ?", {request_id});
}

std::vector<InformationSharedRow> SharedAboutPerson(Transaction& tx, std::int64_t person_id,
                                                    std::int64_t except_request_id) {
  return SharedWhere(tx, "WHERE s.person_id = ? AND s.request_id <> ?", {person_id, except_request_id});
}

}  // namespace fd::store
