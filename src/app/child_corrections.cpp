#include "app/child_corrections.h"

#include <fmt/format.h>

#include "app/case_access.h"
#include "app/linked_open_cases.h"
#include "app/people.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/child_details.h"
#include "domain/contact_workflow.h"
#include "domain/text.h"
#include "policy/rule_citations.h"
#include "store/contact_records.h"
#include "store/register_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

using nlohmann::json;

std::string DateText(const std::optional<std::chrono::year_month_day>& date) {
  return date ? FormatIsoDate(*date) : std::string();
}

// The child as a draft, for the fields that are corrected; role and school stay as they are.
ChildDraft DraftOf(const Child& child, const ChildDetailsChange& change) {
  ChildDraft d;
  d.first_names = change.first_names.value_or(child.first_names);
  d.last_name = change.last_name.value_or(child.last_name);
  d.date_of_birth = change.date_of_birth.value_or(DateText(child.date_of_birth));
  d.expected_date = change.expected_date.value_or(DateText(child.expected_date));
  d.nhs_number = change.nhs_number.value_or(child.nhs_number);
  d.gender = change.gender.value_or(std::string(GenderId(child.gender)));
  d.address = change.address.value_or(child.address);
  d.school = child.school;
  d.role = std::string(ChildRoleId(child.role));
  return d;
}

std::vector<store::CorrectedField> Changes(const Child& before, const Child& after) {
  std::vector<store::CorrectedField> out;
  auto add = [&](const char* field, const std::string& from, const std::string& to) {
    if (from != to) out.push_back({field, from, to});
  };
  add("first_names", before.first_names, after.first_names);
  add("last_name", before.last_name, after.last_name);
  add("date_of_birth", DateText(before.date_of_birth), DateText(after.date_of_birth));
  add("expected_date", DateText(before.expected_date), DateText(after.expected_date));
  add("nhs_number", before.nhs_number, after.nhs_number);
  add("gender", std::string(GenderId(before.gender)), std::string(GenderId(after.gender)));
  // A browser sends a textarea's lines ended by CR LF: the same address, not a correction.
  auto lines = [](std::string text) {
    for (auto at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at)) text.erase(at, 1);
    return text;
  };
  add("address", lines(before.address), lines(after.address));
  return out;
}

}  // namespace

Result<void> MayCorrectChildren(store::Transaction& tx, const Actor& actor, const Contact& contact) {
  // Those who screen correct until the decision; those who only record contacts (contact officers,
  // hub advisers) correct what they took until screening starts.
  const bool screens = IsAllowed(actor.role, Action::kScreenContact);
  if (auto allowed = Authorise(actor, screens ? Action::kScreenContact : Action::kRecordContact); !allowed)
    return allowed;
  const auto state = ContactStateFromId(contact.state).value_or(ContactState::kReceived);
  if (state == ContactState::kDecided)
    return std::unexpected(Error::Conflict(
        "This contact has been decided, so its children's details can no longer be corrected on it: the decision "
        "and any referral were made on them. Correct the child's record on the people register, and tell the team "
        "the contact went to."));
  if (!screens && state != ContactState::kReceived)
    return std::unexpected(Error::Conflict(fmt::format(
        "This contact is at the stage '{}': its children's details are corrected now by the social worker "
        "screening it or their team manager. Ask them to correct it.",
        ContactStateTitle(state))));
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(tx, contact)); !may) return may;
  return {};
}

Result<Contact> ContactToCorrect(AppContext& ctx, const Actor& actor, std::int64_t contact_id, int position) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (position < 0 || static_cast<std::size_t>(position) >= contact->children.size())
    return std::unexpected(Error::NotFound(fmt::format("Contact {} has no child {}", contact->reference, position)));
  if (auto may = MayCorrectChildren(*tx, actor, *contact); !may) return std::unexpected(may.error());
  return std::move(*contact);
}

bool OffersChildCorrection(Role role, const Contact& contact) {
  const auto state = ContactStateFromId(contact.state).value_or(ContactState::kReceived);
  if (IsAllowed(role, Action::kScreenContact)) return state != ContactState::kDecided;
  return IsAllowed(role, Action::kRecordContact) && state == ContactState::kReceived;
}

Result<CorrectedChild> CorrectChild(AppContext& ctx, const Actor& actor, std::int64_t contact_id, int position,
                                    std::int64_t version, const ChildDetailsChange& change, const std::string& reason) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (position < 0 || static_cast<std::size_t>(position) >= contact->children.size())
    return std::unexpected(Error::NotFound(fmt::format("Contact {} has no child {}", contact->reference, position)));
  if (auto may = MayCorrectChildren(*tx, actor, *contact); !may) return std::unexpected(may.error());
  if (contact->version != version)
    return std::unexpected(Error::Conflict(
        "Someone else changed this contact while you were working on it. Reload it to see their change."));

  const auto index = static_cast<std::size_t>(position);
  const Child before = contact->children[index];
  // Held to intake's rules as on the day it was received: "under 18 on the day of the contact".
  std::vector<FieldError> errors;
  Child after = ValidateChild(DraftOf(before, change), "child", calendar::LocalDate(contact->received_at, ctx.time_zone),
                              errors);
  // HCR-17, where the pack in force at receipt has it: a health contact keeps the child's NHS number.
  const policy::PolicyPack& pack = ctx.procedures.PackAt(contact->received_at);
  if (pack.intake.health_contacts_need_nhs_number && contact->referrer.type == ReferrerType::kHealth &&
      after.role == ChildRole::kSubject && !after.IsUnborn() && after.nhs_number.empty() &&
      Trim(change.nhs_number.value_or(before.nhs_number)).empty())
    errors.push_back({"child.nhs_number", policy::CiteRules(pack, "Health contacts must give the child's NHS number (HCR-17)")});
  const std::string why = Trim(reason);
  if (why.empty()) errors.push_back({"reason", "Say why the details are corrected, like 'the referrer rang back with the right date of birth'"});
  else if (why.size() > kMaxShortTextLength * 5)
    errors.push_back({"reason", fmt::format("Why must be {} characters or fewer", kMaxShortTextLength * 5)});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const auto changes = Changes(before, after);
  if (changes.empty())
    return std::unexpected(Error::InvalidField("child", "Nothing was changed: correct at least one of the details"));

  if (!store::AdvanceContact(*tx, contact_id, version, contact->state))
    return std::unexpected(Error::Conflict(
        "Someone else changed this contact while you were working on it. Reload it to see their change."));
  store::UpdateContactChild(*tx, contact_id, position, after);
  contact->children[index] = after;
  contact->version = version + 1;

  CorrectedChild out;
  store::ChildCorrection& c = out.correction;
  c.contact_id = contact_id;
  c.child_position = position;
  c.changes = changes;
  c.reason = why;
  c.corrected_by = actor.user_id;
  c.corrected_by_name = actor.display_name;
  c.corrected_at = now;
  // A link made before is kept; where the record now disagrees, it is flagged for checking.
  if (const auto linked = store::ContactChildPeople(*tx, contact_id).at(index))
    if (auto person = store::FindRegisterPerson(*tx, *linked)) {
      out.link_warnings = LinkWarnings(after, *person);
      if (!out.link_warnings.empty()) {
        c.link_person_id = *linked;
        for (const auto& w : out.link_warnings) c.link_differs.push_back(w.field);
      }
    }
  c.id = store::InsertChildCorrection(*tx, c);
  // KCR-10, HCR-30: checks already run answered for the details as they were.
  store::MarkRecordChecksOnEarlierDetails(*tx, contact_id, position, now);
  // HCR-5: the corrected details may now match a child open to a worker (or no longer match one).
  out.routing_note = RecheckOpenCases(ctx, *tx, *contact, position, now, "Details corrected");

  json fields = json::array();
  for (const auto& f : changes) fields.push_back({{"field", f.field}, {"from", f.from}, {"to", f.to}});
  json audit_changes = {{"child", position}, {"changes", fields}, {"reason", why}, {"correction_id", c.id}};
  if (c.link_person_id) audit_changes["link_to_check"] = {{"person_id", *c.link_person_id}, {"differs", c.link_differs}};
  if (!out.routing_note.empty()) audit_changes["routing_note"] = out.routing_note;
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.child_corrected", "contact",
                      std::to_string(contact_id), std::move(audit_changes)});
  auto reread = store::FindContact(*tx, contact_id);
  tx->Commit();
  out.contact = reread ? std::move(*reread) : std::move(*contact);
  return out;
}

Result<std::vector<store::ChildCorrection>> ChildCorrectionsOf(AppContext& ctx, const Actor& actor,
                                                               std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return store::ChildCorrectionsOf(*tx, contact_id);
}

std::string CorrectedFieldWords(const std::string& field) {
  if (field == "first_names") return "first names";
  if (field == "last_name") return "last name";
  if (field == "date_of_birth") return "date of birth";
  if (field == "expected_date") return "expected date";
  if (field == "nhs_number") return "NHS number";
  return field;  // gender, address
}

std::string CorrectedValueWords(const std::string& field, const std::string& value) {
  if (value.empty()) return "not given";
  if (field == "date_of_birth" || field == "expected_date") {
    if (auto date = ParseIsoDate(value))
      return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(date->day()), static_cast<unsigned>(date->month()),
                         static_cast<int>(date->year()));
  }
  if (field == "gender")
    if (auto gender = GenderFromId(value)) return std::string(GenderTitle(*gender));
  if (field == "nhs_number" && value.size() == 10)
    return value.substr(0, 3) + " " + value.substr(3, 3) + " " + value.substr(6);
  return value;
}

json ChildCorrectionsToJson(const std::vector<store::ChildCorrection>& corrections) {
  json out = json::array();
  for (const auto& c : corrections) {
    json fields = json::array();
    for (const auto& f : c.changes) fields.push_back({{"field", f.field}, {"from", f.from}, {"to", f.to}});
    out.push_back({{"child", c.child_position},
                   {"changes", fields},
                   {"reason", c.reason},
                   {"corrected_by", {{"id", c.corrected_by}, {"name", c.corrected_by_name}}},
                   {"corrected_at", FormatUtc(c.corrected_at)},
                   {"link_to_check", c.link_person_id ? json{{"person_id", *c.link_person_id}, {"differs", c.link_differs}}
                                                      : json(nullptr)}});
  }
  return out;
}

}  // namespace fd::app
