#include "app/disclosures.h"

#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/permissions.h"
#include "audit/audit_log.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

// The register person a contact's child is linked to, if any.
std::optional<std::int64_t> LinkedPerson(store::Transaction& tx, std::int64_t contact_id, int position) {
  auto rows = tx.Query("SELECT person_id FROM contact_children WHERE contact_id = ? AND position = ?",
                       {contact_id, static_cast<std::int64_t>(position)});
  if (rows.empty()) return std::nullopt;
  return rows.front().OptionalInt(0);
}

}  // namespace

Result<std::int64_t> RecordDisclosure(store::Transaction& tx, const policy::PolicyPack& pack, const Disclosure& d) {
  // Nothing leaves (or is taken in) without a recorded basis the authority's pack lists.
  if (d.lawful_basis.empty())
    return std::unexpected(Error::InvalidField("lawful_basis", "Choose the lawful basis for sharing this information"));
  if (!pack.LawfulBasisById(d.lawful_basis))
    return std::unexpected(Error::InvalidField(
        "lawful_basis", fmt::format("\"{}\" is not one of the lawful bases of {} ({})", d.lawful_basis,
                                    pack.authority_name, pack.version)));
  if (d.items.empty()) return std::unexpected(Error::InvalidField("items", "Say what information is shared"));
  if (d.counterpart.empty()) return std::unexpected(Error::InvalidField("counterpart", "Say who it is shared with"));

  store::DisclosureRow row;
  row.direction = d.direction == DisclosureDirection::kOut ? "out" : "in";
  row.items = d.items;
  row.counterpart_kind = d.counterpart_kind;
  row.counterpart = d.counterpart;
  row.lawful_basis = d.lawful_basis;
  row.policy_version = pack.version;
  row.authorised_by = d.authorised_by;
  row.recorded_by = d.recorded_by;
  row.disclosed_at = FormatUtc(d.at);
  row.cause_kind = d.cause_kind;
  row.cause_id = d.cause_id;
  row.detail = d.detail;
  for (const auto& s : d.subjects) {
    store::DisclosureSubjectRow subject{s.person_id, s.contact_id, std::nullopt};
    if (s.child_position) subject.child_position = *s.child_position;
    if (!subject.person_id && s.contact_id && s.child_position)
      subject.person_id = LinkedPerson(tx, *s.contact_id, *s.child_position);
    row.subjects.push_back(subject);
  }
  row.id = store::InsertDisclosure(tx, row);
  audit::Append(tx, {d.at, d.recorded_by, d.recorded_by_username, "disclosure.recorded", "disclosure",
                     std::to_string(row.id),
                     {{"direction", row.direction},
                      {"basis", row.lawful_basis},
                      {"counterpart_kind", row.counterpart_kind},
                      {"counterpart", row.counterpart},
                      {"cause", row.cause_kind},
                      {"cause_id", row.cause_id},
                      {"items", row.items.size()},
                      {"subjects", row.subjects.size()}}});
  return row.id;
}

std::string OutcomeCauseId(store::Transaction& tx, const std::string& cause_kind, const std::string& first,
                           std::int64_t decision_id) {
  if (store::DisclosuresByCause(tx, cause_kind, first).empty()) return first;
  return fmt::format("{}:decision-{}", first, decision_id);
}

Result<std::vector<DisclosureEntry>> ListPersonDisclosures(AppContext& ctx, const Actor& actor, std::int64_t person_id) {
  if (auto allowed = Authorise(actor, Action::kViewDisclosures); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (tx->Query("SELECT 1 FROM people WHERE id = ?", {person_id}).empty())
    return std::unexpected(Error::NotFound("There is no person with that number on the register"));
  std::vector<DisclosureEntry> out;
  for (auto& row : store::DisclosuresAboutPerson(*tx, person_id)) {
    DisclosureEntry entry{std::move(row), "", "", ""};
    const auto at = ParseUtc(entry.row.disclosed_at);
    const auto* basis = at ? ctx.procedures.PackAt(*at).LawfulBasisById(entry.row.lawful_basis) : nullptr;
    entry.basis_label = basis ? basis->label : entry.row.lawful_basis;
    // The DPO reads the request itself (read-only, audited): its reference and a link, not its number.
    if (entry.row.cause_kind == "information-request")
      if (auto ref = tx->Query("SELECT reference FROM information_requests WHERE id = ?",
                               {static_cast<std::int64_t>(std::strtoll(entry.row.cause_id.c_str(), nullptr, 10))});
          !ref.empty()) {
        entry.cause_reference = ref[0].Text(0);
        entry.cause_link = "/information-requests/" + entry.row.cause_id;
      }
    out.push_back(std::move(entry));
  }
  // The command line (`report disclosures`) acts as the system: no user id.
  const std::optional<std::int64_t> actor_id = actor.user_id ? std::optional(actor.user_id) : std::nullopt;
  audit::Append(*tx, {now, actor_id, actor.username, "disclosures.listed", "person", std::to_string(person_id),
                      {{"count", out.size()}}});
  tx->Commit();
  return out;
}

}  // namespace fd::app
