#include "store/referrer_disclosure_records.h"

namespace fd::store {

std::int64_t InsertReferrerConsent(Transaction& tx, const ReferrerConsentRow& c) {
  return tx
      .Query("INSERT INTO referrer_consents (contact_id, given, method, covers, recorded_by, recorded_at) "
             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
             {c.contact_id, c.given, c.method, c.covers, c.recorded_by, c.recorded_at})
      .at(0)
      .Int(0);
}

std::vector<ReferrerConsentRow> ReferrerConsents(Transaction& tx, std::int64_t contact_id) {
  std::vector<ReferrerConsentRow> out;
  for (const auto& row :
       tx.Query("SELECT c.id, c.contact_id, c.given, c.method, c.covers, c.recorded_by, "
                "COALESCE(u.display_name, ''), c.recorded_at FROM referrer_consents c "
                "LEFT JOIN users u ON u.id = c.recorded_by WHERE c.contact_id = ? ORDER BY c.recorded_at, c.id",
                {contact_id})) {
    ReferrerConsentRow c;
    c.id = row.Int(0);
    c.contact_id = row.Int(1);
    c.given = row.Int(2) != 0;
    c.method = row.Text(3);
    c.covers = row.Text(4);
    c.recorded_by = row.Int(5);
    c.recorded_by_name = row.Text(6);
    c.recorded_at = row.Text(7);
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t InsertReferrerDisclosure(Transaction& tx, const ReferrerDisclosureRow& d) {
  return tx
      .Query("INSERT INTO referrer_disclosures (contact_id, recipient_name, recipient_organisation, reason, basis, "
             "consent_id, requested_by, authorised_by, authorisation_reason, disclosed_by, disclosed_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {d.contact_id, d.recipient_name, d.recipient_organisation, d.reason, d.basis, d.consent_id,
              d.requested_by, d.authorised_by, d.authorisation_reason, d.disclosed_by, d.disclosed_at})
      .at(0)
      .Int(0);
}

std::vector<ReferrerDisclosureRow> ReferrerDisclosures(Transaction& tx, std::int64_t contact_id) {
  std::vector<ReferrerDisclosureRow> out;
  for (const auto& row : tx.Query(
           "SELECT d.id, d.contact_id, d.recipient_name, d.recipient_organisation, d.reason, d.basis, d.consent_id, "
           "d.requested_by, d.authorised_by, d.authorisation_reason, d.disclosed_by, d.disclosed_at, "
           "COALESCE(rq.display_name, ''), COALESCE(au.display_name, ''), COALESCE(db.display_name, '') "
           "FROM referrer_disclosures d LEFT JOIN users rq ON rq.id = d.requested_by "
           "LEFT JOIN users au ON au.id = d.authorised_by LEFT JOIN users db ON db.id = d.disclosed_by "
           "WHERE d.contact_id = ? ORDER BY d.disclosed_at, d.id",
           {contact_id})) {
    ReferrerDisclosureRow d;
    d.id = row.Int(0);
    d.contact_id = row.Int(1);
    d.recipient_name = row.Text(2);
    d.recipient_organisation = row.Text(3);
    d.reason = row.Text(4);
    d.basis = row.Text(5);
    d.consent_id = row.OptionalInt(6);
    d.requested_by = row.OptionalInt(7);
    d.authorised_by = row.OptionalInt(8);
    d.authorisation_reason = row.Text(9);
    d.disclosed_by = row.Int(10);
    d.disclosed_at = row.Text(11);
    d.requested_by_name = row.Text(12);
    d.authorised_by_name = row.Text(13);
    d.disclosed_by_name = row.Text(14);
    out.push_back(std::move(d));
  }
  return out;
}

void PurgeReferrerDisclosures(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM referrer_disclosures WHERE contact_id = ?", {contact_id});
  tx.Execute("DELETE FROM referrer_consents WHERE contact_id = ?", {contact_id});
}

}  // namespace fd::store
