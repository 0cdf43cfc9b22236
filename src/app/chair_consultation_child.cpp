#include "app/chair_consultation_child.h"

#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/deadlines.h"
#include "app/people.h"
#include "app/permissions.h"
#include "app/person_search.h"
#include "audit/audit_log.h"
#include "domain/instant.h"
#include "domain/role.h"
#include "domain/text.h"
#include "store/register_records.h"

namespace fd::app {
namespace {

constexpr const char* kRecordType = "chair-consultation";  // as chair_consultations.cpp
constexpr const char* kRecordTimescale = "chair-record";    // CPC-4

// What the link needs of the consultation, read in the linking transaction.
struct Consultation {
  std::string reference;
  std::string status;
  std::optional<std::int64_t> chair_id;
  std::optional<std::int64_t> person_id;
  std::string first_names, last_name, date_of_birth;
};

Result<void> AuthoriseLink(const Actor& actor) {
  // The coordinator, who allocates every consultation (CPC-2), and the chair, who records it on the
  // child's record (CPC-4). The worker who asked does not: the record is the chair's.
  const Action action = IsAllowed(actor.role, Action::kAllocateChairConsultation) ? Action::kAllocateChairConsultation
                                                                                  : Action::kRecordChairConsultation;
  if (!IsAllowed(actor.role, action))
    return std::unexpected(Error::Forbidden(
        fmt::format("Your role ({}) does not allow you to put a Child Protection Chair consultation on the child's "
                    "record",
                    RoleTitle(actor.role))));
  if (auto allowed = Authorise(actor, action); !allowed) return allowed;  // an API token's scopes
  return Authorise(actor, Action::kViewRegister);
}

Result<Consultation> Load(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  const auto not_found = Error::NotFound("There is no Child Protection Chair consultation with that number");
  auto rows = tx.Query("SELECT reference, status, allocated_chair_id, person_id, child_first_names, child_last_name, "
                       "child_date_of_birth FROM chair_consultations WHERE id = ?",
                       {id});
  if (rows.empty()) return std::unexpected(not_found);
  const auto& r = rows[0];
  Consultation c{r.Text(0), r.Text(1), r.OptionalInt(2), r.OptionalInt(3), r.Text(4), r.Text(5), r.Text(6)};
  // A chair it is not allocated to is told it does not exist, as when reading it.
  if (!IsAllowed(actor.role, Action::kAllocateChairConsultation) && c.chair_id != actor.user_id)
    return std::unexpected(not_found);
  if (c.person_id)
    // Never moved: the chair's record is on that child's record, and may have been read there.
    return std::unexpected(Error::Conflict(fmt::format(
        "This consultation is already on the child's record (person {}). It is not moved to another record here",
        *c.person_id)));
  return c;
}

// "tia  SAMPLE" and "Tia Sample" are the same name.
std::string Folded(std::string_view name) {
  std::string out;
  for (const auto& word : SplitWords(name)) {
    if (!out.empty()) out += ' ';
    for (const char ch : word) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

std::vector<FieldError> Warnings(const Consultation& c, const store::RegisterPerson& p) {
  std::vector<FieldError> out;
  if (Folded(c.first_names) != Folded(p.first_names) || Folded(c.last_name) != Folded(p.last_name))
    out.push_back({"name", fmt::format("The register record's name is not the one on the request: check it is the "
                                       "same child. The record is {} {}; the request says {} {}.",
                                       p.first_names, p.last_name, c.first_names, c.last_name)});
  if (p.date_of_birth && *p.date_of_birth != c.date_of_birth)
    out.push_back({"date_of_birth",
                   fmt::format("The register record's date of birth is not the one on the request: check it is the "
                               "same child. The record has {}; the request has {}.",
                               *p.date_of_birth, c.date_of_birth)});
  return out;
}

// Writes the link, keeps who made it, meets CPC-4 if the consultation is already recorded, and audits.
Result<ChairConsultationChildLink> Link(AppContext& ctx, store::Transaction& tx, const Actor& actor, std::int64_t id,
                                        const Consultation& c, std::int64_t person_id, bool new_person,
                                        std::vector<FieldError> warnings) {
  const Instant now = ctx.clock.Now();
  if (tx.Execute("UPDATE chair_consultations SET person_id = ? WHERE id = ? AND person_id IS NULL", {person_id, id}) !=
      1)
    return std::unexpected(Error::Conflict("This consultation was put on a child's record while you were choosing"));
  tx.Execute("INSERT INTO chair_consultation_child_links (consultation_id, linked_by, linked_at, new_person) "
             "VALUES (?, ?, ?, ?)",
             {id, actor.user_id, FormatUtc(now), new_person ? 1 : 0});
  ChairConsultationChildLink link{person_id, new_person, std::move(warnings), false};
  // CPC-4 asks for the record on the child's record: recorded earlier but on no child's record, it
  // is on it now.
  if (c.status == "recorded") link.record_deadline_met = MeetDeadline(tx, kRecordType, id, kRecordTimescale, now, actor.user_id) > 0;
  nlohmann::json changes = {{"reference", c.reference},
                            {"person_id", person_id},
                            {"new_person", new_person},
                            {"record_deadline_met", link.record_deadline_met}};
  for (const auto& w : link.warnings) changes["differs"].push_back(w.field);
  audit::Append(tx, {now, actor.user_id, actor.username, "chair_consultation.child_linked", kRecordType,
                     std::to_string(id), std::move(changes)});
  return link;
}

}  // namespace

bool MayLinkChairConsultationChild(const Actor& actor) {
  return (IsAllowed(actor.role, Action::kAllocateChairConsultation) ||
          IsAllowed(actor.role, Action::kRecordChairConsultation)) &&
         IsAllowed(actor.role, Action::kViewRegister);
}

Result<ChairConsultationChildLink> LinkChairConsultationChild(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                              std::int64_t person_id) {
  if (auto allowed = AuthoriseLink(actor); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto c = Load(*tx, actor, id);
  if (!c) return std::unexpected(c.error());
  auto person = store::FindRegisterPerson(*tx, person_id);
  if (!person)
    return std::unexpected(Error::InvalidField("person_id", "There is no person with that number on the register"));
  if (const auto hidden = RestrictedFrom(*tx, actor, {person_id}); !hidden.empty())
    return std::unexpected(Error::Forbidden(fmt::format("This record is restricted. Ask {}", hidden.begin()->second)));
  if (person->merged_into)
    return std::unexpected(Error::Conflict(fmt::format("Person {} was merged into person {}: choose that record",
                                                       person_id, *person->merged_into)));
  if (!person->is_child)
    return std::unexpected(Error::InvalidField(
        "person_id", fmt::format("Person {} is on the register as an adult: choose the child's record", person_id)));
  auto link = Link(ctx, *tx, actor, id, *c, person_id, false, Warnings(*c, *person));
  if (!link) return link;
  tx->Commit();
  return link;
}

Result<ChairConsultationChildLink> AddChairConsultationChild(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = AuthoriseLink(actor); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto c = Load(*tx, actor, id);
  if (!c) return std::unexpected(c.error());
  PersonDraft draft;
  draft.first_names = c->first_names;
  draft.last_name = c->last_name;
  draft.date_of_birth = c->date_of_birth;
  draft.is_child = true;  // a chair is consulted about a child: an adult's date of birth is refused
  auto person_id = RecordPersonIn(ctx, *tx, actor, draft, {{"source", "chair-consultation"}, {"reference", c->reference}});
  if (!person_id) {
    Error e = person_id.error();
    e.message = "The child's details on the request are not enough for a register record: " +
                (e.fields.empty() ? e.message : e.fields.front().message);
    return std::unexpected(std::move(e));
  }
  auto link = Link(ctx, *tx, actor, id, *c, *person_id, true, {});
  if (!link) return link;
  tx->Commit();
  return link;
}

}  // namespace fd::app
