#include "app/people.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/case_access.h"
#include "app/linked_open_cases.h"
#include "app/permissions.h"
#include "app/record_access.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/age.h"
#include "domain/contact.h"
#include "domain/nhs_number.h"
#include "domain/text.h"
#include "store/child_correction_records.h"
#include "store/contact_records.h"
#include "store/people_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

using nlohmann::json;
using std::chrono::year_month_day;

struct Kind {
  std::string_view id;
  std::string_view title;
};

constexpr std::array<Kind, 6> kRelationshipKinds = {{{"parent", "Parent"},
                                                     {"step_parent", "Step-parent"},
                                                     {"sibling", "Brother or sister"},
                                                     {"half_sibling", "Half-brother or half-sister"},
                                                     {"household_member", "Household member"},
                                                     {"partner_of_parent", "Partner of parent"}}};

constexpr std::array<Kind, 7> kInvolvementKinds = {{{"contact", "Contact"},
                                                    {"referral", "Referral"},
                                                    {"early_help", "Early help"},
                                                    {"assessment", "Assessment"},
                                                    {"child_in_need", "Child in need"},
                                                    {"child_protection_plan", "Child protection plan"},
                                                    {"looked_after", "Looked after"}}};

Error NoSuchPerson() { return Error::NotFound("There is no person with that number on the register"); }

std::string Today(const AppContext& ctx) { return FormatIsoDate(calendar::LocalDate(ctx.clock.Now(), ctx.time_zone)); }

std::optional<std::string> Optional(const std::string& text) {
  std::string t = Trim(text);
  if (t.empty()) return std::nullopt;
  return t;
}

// Checks an optional date field: a real date, not after today. Adds a field error naming it.
void CheckDate(const AppContext& ctx, const std::string& value, const std::string& field, const std::string& what,
               std::vector<FieldError>& errors, bool may_be_future = false) {
  const std::string t = Trim(value);
  if (t.empty()) return;
  if (!ParseIsoDate(t)) {
    errors.push_back({field, fmt::format("Enter {} as a real date, like 2017-05-14", what)});
    return;
  }
  if (!may_be_future && t > Today(ctx)) errors.push_back({field, fmt::format("{} cannot be in the future", SentenceStart(what))});
}

void CheckPeriod(const std::string& from, const std::string& to, const std::string& to_field,
                 std::vector<FieldError>& errors) {
  if (!Trim(from).empty() && !Trim(to).empty() && ParseIsoDate(Trim(from)) && ParseIsoDate(Trim(to)) &&
      Trim(to) < Trim(from))
    errors.push_back({to_field, "The end date must be on or after the start date"});
}

void CheckName(const std::string& first_names, const std::string& last_name, bool first_required,
               std::vector<FieldError>& errors, const std::string& prefix = "") {
  auto check = [&](const std::string& value, const char* field, const char* what, bool required) {
    auto problem = required ? CheckRequiredText(value, 100, false, what) : CheckText(value, 100, false, what);
    if (problem) errors.push_back({prefix + field, *problem});
  };
  check(first_names, "first_names", "the first names", first_required);
  check(last_name, "last_name", "the last name", true);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A household key made from an address: "12 Orchard Way, Exampleton" + "EX12AB" →
// "12-orchard-way-exampleton-ex12ab" (the postcode once, even when the address already ends with it).
std::string Slug(const std::string& text) {
  std::string key;
  bool gap = false;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      if (gap && !key.empty()) key += '-';
      key += static_cast<char>(std::tolower(c));
      gap = false;
    } else {
      gap = true;
    }
  }
  return key;
}

std::string HouseholdKeyFor(const std::string& address, const std::string& postcode) {
  std::string key = Slug(address);
  if (!postcode.empty()) {
    std::string compact = key;
    compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
    if (!compact.ends_with(Lower(postcode))) key += (key.empty() ? "" : "-") + Lower(postcode);
  }
  if (key.size() > 80) key.resize(80);
  while (!key.empty() && key.back() == '-') key.pop_back();
  return key;
}

// --- the case summary --------------------------------------------------------------------------

// The current picture from the open involvements: open while anything but a contact is open; the
// worker and team of the most recently started open involvement that has one.
store::CaseSummary Derive(const std::vector<store::Involvement>& involvements) {
  store::CaseSummary s;
  const store::Involvement* holder = nullptr;
  for (const auto& i : involvements) {
    if (i.ended_on || i.kind == "contact") continue;
    s.open_case = true;
    s.child_protection_plan |= i.kind == "child_protection_plan";
    s.looked_after |= i.kind == "looked_after";
    if ((i.allocated_user_id || i.team_id) &&
        (!holder || i.started_on > holder->started_on || (i.started_on == holder->started_on && i.id > holder->id)))
      holder = &i;
  }
  if (holder) {
    s.allocated_user_id = holder->allocated_user_id;
    s.team_id = holder->team_id;
  }
  return s;
}

// Once a person has involvement recorded, it is the truth about them; before that, the summary
// columns (set by older record code) stand.
void RefreshSummary(store::Transaction& tx, std::int64_t person_id) {
  auto involvements = store::InvolvementsOf(tx, person_id);
  if (!involvements.empty()) store::UpdateCaseSummary(tx, person_id, Derive(involvements));
}

// --- loading for a change ------------------------------------------------------------------------

Error Restricted(const store::RegisterPerson& p) {
  return Error::Forbidden(fmt::format("This record is restricted. Ask {}", p.restricted_ask.empty()
                                                                                ? std::string("a team manager")
                                                                                : p.restricted_ask));
}

bool MaySee(store::Transaction& tx, const Actor& actor, const store::RegisterPerson& p) {
  return !p.restricted || store::IsRestrictedViewer(tx, p.id, actor.user_id);
}

Result<store::RegisterPerson> LoadForChange(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto p = store::FindRegisterPerson(tx, id);
  if (!p) return std::unexpected(NoSuchPerson());
  if (!MaySee(tx, actor, *p)) return std::unexpected(Restricted(*p));
  if (p->merged_into)
    return std::unexpected(Error::Conflict(
        fmt::format("This record was merged into person {}: make the change there", *p->merged_into)));
  return std::move(*p);
}

// Issue 8 point 1 (app/case_access.h): an open involvement is ended only by whoever holds it.
Result<void> MayEnd(store::Transaction& tx, const Actor& actor, const store::Involvement& i) {
  return MayChangeCase(actor, CaseHolderOf(tx, i.allocated_user_id, i.team_id),
                       fmt::format("end this involvement ({})", Lower(InvolvementKindTitle(i.kind))));
}

void Audit(store::Transaction& tx, const Actor& actor, Instant now, const char* action, std::int64_t person_id,
           json changes) {
  audit::Append(tx, {now, actor.user_id, actor.username, action, "person", std::to_string(person_id), std::move(changes)});
}

// --- the view ------------------------------------------------------------------------------------

PersonRef RefOf(store::Transaction& tx, const Actor& actor, const store::RegisterPerson& p) {
  PersonRef r;
  r.person_id = p.id;
  if (!MaySee(tx, actor, p)) {
    r.hidden = true;
    r.ask = p.restricted_ask;
    return r;
  }
  r.first_names = p.first_names;
  r.last_name = p.last_name;
  r.date_of_birth = p.date_of_birth.value_or(p.expected_date ? "expected " + *p.expected_date : "");
  r.is_child = p.is_child;
  r.open_case = p.open_case;
  r.child_protection_plan = p.child_protection_plan;
  r.looked_after = p.looked_after;
  r.known = p.open_case || p.child_protection_plan || p.looked_after || !Trim(p.known_history).empty() ||
            store::CountInvolvements(tx, p.id) > 0;
  return r;
}

// What `other` is to the person, given the stored direction: `forward` when the person is the
// relationship's subject ("person is a parent of other": other is their child).
std::string RelationOf(const std::string& kind, bool forward) {
  if (kind == "parent") return forward ? "Child" : "Parent";
  if (kind == "step_parent") return forward ? "Step-child" : "Step-parent";
  if (kind == "partner_of_parent") return forward ? "Child of partner" : "Partner of parent";
  for (const auto& k : kRelationshipKinds)
    if (k.id == kind) return std::string(k.title);
  return kind;
}

std::vector<FamilyMember> FamilyOf(store::Transaction& tx, const Actor& actor, std::int64_t me,
                                   const std::vector<store::Relationship>& relationships) {
  std::vector<std::int64_t> ids;
  for (const auto& r : relationships) ids.push_back(r.person_id == me ? r.related_person_id : r.person_id);
  std::map<std::int64_t, store::RegisterPerson> people;
  for (auto& p : store::FindRegisterPeople(tx, ids)) people.emplace(p.id, std::move(p));
  std::vector<FamilyMember> family;
  std::set<std::int64_t> seen{me};
  std::vector<const store::RegisterPerson*> parents;
  for (const auto& r : relationships) {
    const bool forward = r.person_id == me;
    const std::int64_t other = forward ? r.related_person_id : r.person_id;
    auto it = people.find(other);
    // A relationship left between two records of one person by a merge is no family.
    if (it == people.end() || it->second.merged_into) continue;
    FamilyMember m;
    m.relationship_id = r.id;
    m.kind = r.kind;
    m.relation = RelationOf(r.kind, forward);
    m.from_date = r.from_date.value_or("");
    m.to_date = r.to_date.value_or("");
    m.person = RefOf(tx, actor, it->second);
    family.push_back(std::move(m));
    seen.insert(other);
    if (!forward && (r.kind == "parent" || r.kind == "step_parent") && !family.back().person.hidden)
      parents.push_back(&it->second);
  }
  // HCR-30: a parent's other children are this child's brothers and sisters (or half-siblings), even
  // when nobody recorded them as such.
  for (const auto* parent : parents) {
    std::vector<std::int64_t> children;
    for (const auto& r : store::RelationshipsOf(tx, parent->id))
      if (r.person_id == parent->id && (r.kind == "parent" || r.kind == "step_parent") && !seen.contains(r.related_person_id))
        children.push_back(r.related_person_id);
    for (const auto& child : store::FindRegisterPeople(tx, children)) {
      if (child.merged_into || seen.contains(child.id)) continue;
      FamilyMember m;
      m.kind = "through_parent";
      m.relation = fmt::format("Child of {} {}", parent->first_names, parent->last_name);
      m.through_parent = true;
      m.person = RefOf(tx, actor, child);
      family.push_back(std::move(m));
      seen.insert(child.id);
    }
  }
  return family;
}

PersonView LimitedView(const store::RegisterPerson& p) {
  PersonView v;
  v.id = p.id;
  v.visible = false;
  v.restricted = true;
  v.ask = p.restricted_ask;
  return v;
}

PersonView BuildView(store::Transaction& tx, const Actor& actor, store::PersonWhole w) {
  if (!MaySee(tx, actor, w.person)) return LimitedView(w.person);
  PersonView v;
  v.id = w.person.id;
  v.restricted = w.person.restricted;
  v.ask = w.person.restricted_ask;
  v.merged_into = w.person.merged_into;
  if (w.person.allocated_user_id)
    if (auto u = store::FindUserById(tx, *w.person.allocated_user_id)) v.allocated_name = u->display_name;
  if (w.person.team_id) v.team_name = store::TeamName(tx, *w.person.team_id).value_or("");
  for (const auto& a : w.addresses)
    if (!a.to_date || a.to_date->empty()) {
      v.current_address = a;
      break;
    }
  v.family = FamilyOf(tx, actor, w.person.id, w.relationships);
  for (const auto& member : store::HouseholdOf(tx, w.person, v.current_address)) {
    HouseholdMember h{RefOf(tx, actor, member), ""};
    for (const auto& f : v.family)
      if (f.person.person_id == member.id) h.relation = f.relation;
    v.household.push_back(std::move(h));
  }
  if (w.person.restricted)
    for (auto user : w.restricted_viewers)
      if (auto u = store::FindUserById(tx, user)) v.viewers.push_back({user, u->display_name});
  for (const auto& m : store::MergesOf(tx, w.person.id))
    v.merges.push_back({m.id, m.kept_person_id, m.merged_person_id, m.merged_at, m.undone_at.has_value()});
  v.person = std::move(w.person);
  v.names = std::move(w.names);
  v.addresses = std::move(w.addresses);
  v.involvements = std::move(w.involvements);
  if (IsAllowed(actor.role, Action::kManageRegister))
    for (const auto& i : v.involvements)
      if (!i.ended_on)
        if (auto may = MayEnd(tx, actor, i); !may) v.held_elsewhere.emplace(i.id, may.error().message);
  v.contacts = std::move(w.contacts);
  return v;
}

PersonView ViewAfterChange(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  return BuildView(tx, actor, *store::ReadPersonWhole(tx, id));
}

// Every change to one register record: the permission, one write transaction, the record loaded
// for change (a merged record, or a restricted one the actor may not see, is refused), then
// `change` (it validates, writes and audits, at `now`), and the person as they now are, committed
// with it.
template <typename Change>
Result<PersonView> ChangePerson(AppContext& ctx, const Actor& actor, Action action, std::int64_t person_id,
                                Change&& change) {
  if (auto allowed = Authorise(actor, action); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (auto p = LoadForChange(*tx, actor, person_id); !p) return std::unexpected(p.error());
  if (auto done = change(*tx, ctx.clock.Now()); !done) return std::unexpected(done.error());
  auto view = ViewAfterChange(*tx, actor, person_id);
  tx->Commit();
  return view;
}

// --- validation ----------------------------------------------------------------------------------

struct CheckedAddress {
  std::string address, postcode;
};

// An address with its postcode (given, or found at the end of the address), each problem named.
std::optional<CheckedAddress> CheckAddress(const std::string& address, const std::string& postcode,
                                           const std::string& prefix, bool required, std::vector<FieldError>& errors) {
  CheckedAddress out{Trim(address), ""};
  if (auto p = required ? CheckRequiredText(address, 500, true, "the address") : CheckText(address, 500, true, "The address"))
    errors.push_back({prefix + "address", *p});
  if (!Trim(postcode).empty()) {
    if (auto pc = NormalisePostcode(postcode)) out.postcode = *pc;
    else errors.push_back({prefix + "postcode", "Enter a full UK postcode, like EX1 2AB"});
  } else if (auto found = PostcodeInAddress(address)) {
    out.postcode = *found;
  }
  if (out.address.empty() && !out.postcode.empty())
    errors.push_back({prefix + "address", "Enter the address that goes with the postcode"});
  return out;
}

std::optional<std::string> CheckNhsNumber(const std::string& text, std::vector<FieldError>& errors) {
  if (Trim(text).empty()) return std::string();
  if (auto nhs = NormaliseNhsNumber(text); nhs && IsValidNhsNumber(*nhs)) return *nhs;
  errors.push_back({"nhs_number", "NHS number must be 10 digits with a valid check digit, like 943 476 5919"});
  return std::nullopt;
}

// Validates a new person; on success the row to insert and the address (if any).
Result<std::pair<store::RegisterPerson, std::optional<CheckedAddress>>> CheckPerson(const AppContext& ctx,
                                                                                     store::Transaction& tx,
                                                                                     const PersonDraft& d) {
  std::vector<FieldError> errors;
  const bool unborn = !Trim(d.expected_date).empty();
  CheckName(d.first_names, d.last_name, !unborn, errors);
  CheckDate(ctx, d.date_of_birth, "date_of_birth", "the date of birth", errors);
  CheckDate(ctx, d.expected_date, "expected_date", "the expected date", errors, true);
  if (unborn && !Trim(d.date_of_birth).empty())
    errors.push_back({"expected_date", "Give a date of birth or, for an unborn child, an expected date: not both"});
  // A child is under 18 on the day recorded; 18 or over is an adult (and kept as one, app/retention.cpp).
  const auto dob = ParseIsoDate(Trim(d.date_of_birth));
  const bool adult_by_birth = dob && AdultOn(*dob, *ParseIsoDate(Today(ctx)));
  const bool is_child = d.is_child.value_or(!adult_by_birth);
  if (is_child && adult_by_birth)
    errors.push_back({"is_child", fmt::format("The date of birth, {}, shows they are 18 or over today: a child is "
                                              "under 18. Say they are an adult, or correct the date of birth",
                                              FormatIsoDate(*dob))});
  if (unborn && !is_child) errors.push_back({"expected_date", "Only an unborn child has an expected date"});
  const auto gender = GenderFromId(Trim(d.gender).empty() ? "not_known" : Trim(d.gender));
  if (!gender) errors.push_back({"gender", "Choose the gender: female, male, other or not known"});
  auto nhs = CheckNhsNumber(d.nhs_number, errors);
  if (nhs && !nhs->empty())
    if (auto other = store::PersonWithNhsNumber(tx, *nhs, 0))
      errors.push_back({"nhs_number", fmt::format("Person {} on the register already has this NHS number: use that "
                                                  "record, or merge the two",
                                                  *other)});
  std::optional<CheckedAddress> address;
  if (!Trim(d.address).empty() || !Trim(d.postcode).empty())
    address = CheckAddress(d.address, d.postcode, "", false, errors);
  CheckDate(ctx, d.address_from, "address_from", "the date they moved in", errors);
  if (auto p = CheckText(d.household, 100, false, "The household key")) errors.push_back({"household", *p});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  store::RegisterPerson p;
  p.first_names = Trim(d.first_names);
  p.last_name = Trim(d.last_name);
  p.date_of_birth = Optional(d.date_of_birth);
  p.expected_date = Optional(d.expected_date);
  p.gender = std::string(GenderId(*gender));
  p.nhs_number = *nhs;
  p.is_child = is_child;
  p.household = Trim(d.household);
  if (address) {
    p.postcode = address->postcode;
    if (p.household.empty())
      p.household = store::HouseholdKeyAt(tx, address->address, address->postcode, 0)
                        .value_or(HouseholdKeyFor(address->address, address->postcode));
  }
  return std::make_pair(std::move(p), address);
}

// Inserts a checked person and their address; returns the new id.
std::int64_t InsertChecked(const AppContext& ctx, store::Transaction& tx, store::RegisterPerson person,
                           const std::optional<CheckedAddress>& address, const std::string& address_from) {
  person.created_at = FormatUtc(ctx.clock.Now());
  const std::int64_t id = store::InsertRegisterPerson(tx, person);
  if (address)
    store::InsertPersonAddress(tx, {0, id, address->address, address->postcode, Optional(address_from), std::nullopt});
  return id;
}

// --- merges --------------------------------------------------------------------------------------

// What the register already says that makes `kept` and `merged` two people, at merged_person_id:
// a merge says two records are one person, so one of the numbers is wrong. Empty when nothing does.
std::vector<FieldError> NotOnePerson(store::Transaction& tx, const store::RegisterPerson& kept,
                                     const store::RegisterPerson& merged) {
  std::vector<FieldError> errors;
  for (const auto& r : store::RelationshipsOf(tx, kept.id)) {
    const bool forward = r.person_id == kept.id;
    // "Lives in the same household (not related)" is often how a duplicate at the same address was
    // first noted, and says nothing about being two people.
    if ((forward ? r.related_person_id : r.person_id) != merged.id || r.kind == "household_member") continue;
    std::string relation = RelationOf(r.kind, forward);
    relation.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(relation.front())));
    errors.push_back({"merged_person_id",
                      fmt::format("Person {} is recorded as person {}'s {}: a merge says two records are the same "
                                  "person, and people in one family are not. Check the person number",
                                  merged.id, kept.id, relation)});
    break;
  }
  if (kept.date_of_birth && merged.date_of_birth && !kept.date_of_birth->empty() && !merged.date_of_birth->empty() &&
      *kept.date_of_birth != *merged.date_of_birth)
    errors.push_back({"merged_person_id",
                      fmt::format("Person {} was born on {} and person {} on {}: a merge says they are the same "
                                  "person, so their dates of birth must match. Check the person number",
                                  merged.id, *merged.date_of_birth, kept.id, *kept.date_of_birth)});
  return errors;
}

std::string NameForMerge(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto p = store::FindRegisterPerson(tx, id);
  if (!p) return "";
  if (!MaySee(tx, actor, *p)) return "Restricted record";
  return Trim(p->first_names + " " + p->last_name);
}

MergeView MergeViewOf(store::Transaction& tx, const Actor& actor, const store::PersonMerge& m) {
  MergeView v;
  v.id = m.id;
  v.kept_person_id = m.kept_person_id;
  v.merged_person_id = m.merged_person_id;
  v.kept_name = NameForMerge(tx, actor, m.kept_person_id);
  v.merged_name = NameForMerge(tx, actor, m.merged_person_id);
  v.reason = m.reason;
  v.merged_by_name = m.merged_by_name;
  v.merged_at = m.merged_at;
  v.undone_by_name = m.undone_by_name;
  v.undone_at = m.undone_at;
  v.moved = m.moved;
  if (!m.undone_at) {
    auto kept = store::FindRegisterPerson(tx, m.kept_person_id);
    v.undoable = kept && !kept->merged_into && store::StillWithKept(tx, m.kept_person_id, m.moved);
  }
  return v;
}

json MovedCounts(const store::MovedRows& m) {
  return {{"names", m.names.size()},
          {"addresses", m.addresses.size()},
          {"relationships", m.relationships_from.size() + m.relationships_to.size()},
          {"involvements", m.involvements.size()},
          {"contact_children", m.contact_children.size()},
          {"consultations", m.consultations.size() + m.chair_consultations.size()},
          {"record_checks", m.record_checks.size()}};
}

// --- contacts ------------------------------------------------------------------------------------

Result<Contact> LoadContactChild(store::Transaction& tx, std::int64_t contact_id, int position) {
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (position < 0 || static_cast<std::size_t>(position) >= contact->children.size())
    return std::unexpected(Error::NotFound(fmt::format("Contact {} has no child {}", contact->reference, position)));
  return std::move(*contact);
}

}  // namespace

// --- kinds and postcodes -----------------------------------------------------------------------------

bool IsRelationshipKind(std::string_view kind) {
  return std::any_of(kRelationshipKinds.begin(), kRelationshipKinds.end(), [&](const Kind& k) { return k.id == kind; });
}

bool IsInvolvementKind(std::string_view kind) {
  return std::any_of(kInvolvementKinds.begin(), kInvolvementKinds.end(), [&](const Kind& k) { return k.id == kind; });
}

std::string InvolvementKindTitle(std::string_view kind) {
  for (const auto& k : kInvolvementKinds)
    if (k.id == kind) return std::string(k.title);
  return std::string(kind);
}

std::optional<std::string> NormalisePostcode(std::string_view text) {
  std::string s;
  for (unsigned char c : text) {
    if (c == ' ') continue;
    if (!std::isalnum(c)) return std::nullopt;
    s += static_cast<char>(std::toupper(c));
  }
  // Outward code A9, A99, AA9, AA99, A9A or AA9A; inward code 9AA.
  if (s.size() < 5 || s.size() > 7) return std::nullopt;
  const std::string out = s.substr(0, s.size() - 3), in = s.substr(s.size() - 3);
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (!digit(in[0]) || !alpha(in[1]) || !alpha(in[2])) return std::nullopt;
  if (!alpha(out[0])) return std::nullopt;
  std::size_t i = alpha(out[1]) ? 2 : 1;
  if (i >= out.size() || !digit(out[i])) return std::nullopt;
  ++i;
  if (i < out.size() && (digit(out[i]) || alpha(out[i]))) ++i;
  if (i != out.size()) return std::nullopt;
  return s;
}

std::optional<std::string> PostcodeInAddress(std::string_view address) {
  std::vector<std::string> words;
  std::string word;
  for (char c : address) {
    if (c == ' ' || c == ',' || c == '\n' || c == '\r' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.size() >= 2)
    if (auto pc = NormalisePostcode(words[words.size() - 2] + words.back()); pc && words.back().size() == 3) return pc;
  if (!words.empty())
    if (auto pc = NormalisePostcode(words.back())) return pc;
  return std::nullopt;
}

// --- writing -----------------------------------------------------------------------------------------

Result<PersonView> RecordPerson(AppContext& ctx, const Actor& actor, const PersonDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kManageRegister); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto checked = CheckPerson(ctx, *tx, draft);
  if (!checked) return std::unexpected(checked.error());
  const std::int64_t id = InsertChecked(ctx, *tx, checked->first, checked->second, draft.address_from);
  Audit(*tx, actor, now, "person.recorded", id, {{"source", "register"}, {"unborn", checked->first.expected_date.has_value()}});
  auto view = ViewAfterChange(*tx, actor, id);
  tx->Commit();
  return view;
}

Result<std::int64_t> RecordPersonIn(AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                    const PersonDraft& draft, const std::map<std::string, std::string>& source) {
  auto checked = CheckPerson(ctx, tx, draft);
  if (!checked) return std::unexpected(checked.error());
  const std::int64_t id = InsertChecked(ctx, tx, checked->first, checked->second, draft.address_from);
  json changes = json::object();
  for (const auto& [key, value] : source) changes[key] = value;
  Audit(tx, actor, ctx.clock.Now(), "person.recorded", id, std::move(changes));
  return id;
}

Result<PersonView> AddName(AppContext& ctx, const Actor& actor, std::int64_t person_id, const NameDraft& d) {
  return ChangePerson(ctx, actor, Action::kManageRegister, person_id, [&](store::Transaction& tx, Instant now) -> Result<void> {
    std::vector<FieldError> errors;
    const std::string kind = Trim(d.kind);
    if (kind != "previous" && kind != "alternative")
      errors.push_back({"kind", "Say whether this is a previous name or an alternative name"});
    CheckName(d.first_names, d.last_name, false, errors);
    CheckDate(ctx, d.from_date, "from_date", "the date the name was first used", errors);
    CheckDate(ctx, d.to_date, "to_date", "the date the name was last used", errors);
    CheckPeriod(d.from_date, d.to_date, "to_date", errors);
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
    const auto name_id = store::InsertPersonName(
        tx, {0, person_id, kind, Trim(d.first_names), Trim(d.last_name), Optional(d.from_date), Optional(d.to_date)});
    Audit(tx, actor, now, "person.name_added", person_id, {{"name_id", name_id}, {"kind", kind}});
    return {};
  });
}

Result<PersonView> AddAddress(AppContext& ctx, const Actor& actor, std::int64_t person_id, const AddressDraft& d) {
  return ChangePerson(ctx, actor, Action::kManageRegister, person_id, [&](store::Transaction& tx, Instant now) -> Result<void> {
    std::vector<FieldError> errors;
    auto address = CheckAddress(d.address, d.postcode, "", true, errors);
    CheckDate(ctx, d.from_date, "from_date", "the date they moved in", errors);
    CheckDate(ctx, d.to_date, "to_date", "the date they moved out", errors);
    CheckPeriod(d.from_date, d.to_date, "to_date", errors);
    if (d.close_previous && !Trim(d.to_date).empty())
      errors.push_back({"close_previous", "Only a current address (no date moved out) replaces the current one"});
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
    const bool current = Trim(d.to_date).empty();
    std::int64_t closed = 0;
    if (d.close_previous) {
      closed = store::CloseCurrentAddresses(tx, person_id, Trim(d.from_date).empty() ? Today(ctx) : Trim(d.from_date));
    }
    const auto whole = store::ReadPersonWhole(tx, person_id);
    const bool had_current = std::any_of(whole->addresses.begin(), whole->addresses.end(),
                                         [](const store::PersonAddress& a) { return !a.to_date || a.to_date->empty(); });
    const auto address_id = store::InsertPersonAddress(
        tx, {0, person_id, address->address, address->postcode, Optional(d.from_date), Optional(d.to_date)});
    // Moving home moves the person into that address's household.
    if (current && !had_current)
      store::UpdateHome(tx, person_id, address->postcode,
                        store::HouseholdKeyAt(tx, address->address, address->postcode, person_id)
                            .value_or(HouseholdKeyFor(address->address, address->postcode)));
    Audit(tx, actor, now, "person.address_added", person_id,
          {{"address_id", address_id}, {"current", current}, {"closed_previous", closed}});
    return {};
  });
}

Result<PersonView> AddRelationship(AppContext& ctx, const Actor& actor, std::int64_t person_id,
                                   const RelationshipDraft& d) {
  return ChangePerson(ctx, actor, Action::kManageRegister, person_id, [&](store::Transaction& tx, Instant now) -> Result<void> {
    std::vector<FieldError> errors;
    const std::string kind = Trim(d.kind);
    if (!IsRelationshipKind(kind))
      errors.push_back({"kind", "Kind must be parent, step_parent, sibling, half_sibling, household_member or "
                                "partner_of_parent"});
    if (d.related_person_id == person_id) {
      errors.push_back({"related_person_id", "A person cannot be related to themselves"});
    } else if (auto other = store::FindRegisterPerson(tx, d.related_person_id); !other) {
      errors.push_back({"related_person_id", "There is no person with that number on the register"});
    } else if (!MaySee(tx, actor, *other)) {
      // A relationship shows on both records, so it writes to the other one too: refused like any
      // write to a restricted record, and named by field so a form can keep what was typed. Whom to
      // ask is no more than opening the record by its number already shows.
      Error refused = Restricted(*other);
      refused.fields.push_back({"related_person_id", refused.message});
      return std::unexpected(std::move(refused));
    } else if (other->merged_into) {
      errors.push_back({"related_person_id", fmt::format("That record was merged into person {}: relate them to that record",
                                                         *other->merged_into)});
    } else if (IsRelationshipKind(kind) && store::HasRelationship(tx, person_id, d.related_person_id, kind)) {
      errors.push_back({"related_person_id", "This relationship is already recorded"});
    }
    CheckDate(ctx, d.from_date, "from_date", "the start date", errors);
    CheckDate(ctx, d.to_date, "to_date", "the end date", errors);
    CheckPeriod(d.from_date, d.to_date, "to_date", errors);
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
    const auto id = store::InsertRelationship(
        tx, {0, person_id, d.related_person_id, kind, Optional(d.from_date), Optional(d.to_date)});
    Audit(tx, actor, now, "person.relationship_added", person_id,
          {{"relationship_id", id}, {"kind", kind}, {"related_person_id", d.related_person_id}});
    return {};
  });
}

Result<PersonView> AddInvolvement(AppContext& ctx, const Actor& actor, std::int64_t person_id,
                                  const InvolvementDraft& d) {
  return ChangePerson(ctx, actor, Action::kManageRegister, person_id, [&](store::Transaction& tx, Instant now) -> Result<void> {
    std::vector<FieldError> errors;
    const std::string kind = Trim(d.kind);
    if (!IsInvolvementKind(kind))
      errors.push_back({"kind", "Kind must be contact, referral, early_help, assessment, child_in_need, "
                                "child_protection_plan or looked_after"});
    if (Trim(d.started_on).empty()) errors.push_back({"started_on", "Enter the date the involvement started"});
    CheckDate(ctx, d.started_on, "started_on", "the start date", errors);
    CheckDate(ctx, d.ended_on, "ended_on", "the end date", errors);
    CheckPeriod(d.started_on, d.ended_on, "ended_on", errors);
    std::optional<std::int64_t> team = d.team_id;
    if (d.allocated_user_id) {
      auto user = store::FindUserById(tx, *d.allocated_user_id);
      if (!user || !user->active) errors.push_back({"allocated_user_id", "There is no active user with that number"});
      else if (!team) team = user->team_id;
    }
    if (d.team_id && !store::TeamName(tx, *d.team_id)) errors.push_back({"team_id", "There is no team with that number"});
    if (auto p = CheckText(d.reference, 100, false, "The reference")) errors.push_back({"reference", *p});
    if (auto p = CheckText(d.summary, 2000, true, "The summary")) errors.push_back({"summary", *p});
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
    // Opening another involvement on an open case changes that case (and may move who holds it), so
    // it is for whoever holds it (app/case_access.h). A contact changes nothing of it; an ended one
    // is history, and any register worker may record that.
    if (kind != "contact" && Trim(d.ended_on).empty())
      if (auto person = store::FindRegisterPerson(tx, person_id); person && person->open_case)
        if (auto may = MayChangeCase(actor, CaseHolderOf(tx, person->allocated_user_id, person->team_id),
                                     "open another involvement on it");
            !may)
          return std::unexpected(may.error());
    store::Involvement i;
    i.person_id = person_id;
    i.kind = kind;
    i.started_on = Trim(d.started_on);
    i.ended_on = Optional(d.ended_on);
    i.allocated_user_id = d.allocated_user_id;
    i.team_id = team;
    i.reference = Trim(d.reference);
    i.summary = Trim(d.summary);
    const auto id = store::InsertInvolvement(tx, i);
    RefreshSummary(tx, person_id);
    Audit(tx, actor, now, "person.involvement_added", person_id,
          {{"involvement_id", id}, {"kind", kind}, {"open", !i.ended_on.has_value()}});
    return {};
  });
}

Result<PersonView> CloseInvolvement(AppContext& ctx, const Actor& actor, std::int64_t involvement_id,
                                    const std::string& ended_on) {
  if (auto allowed = Authorise(actor, Action::kManageRegister); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto involvement = store::FindInvolvement(*tx, involvement_id);
  if (!involvement) return std::unexpected(Error::NotFound("There is no involvement with that number"));
  if (auto p = LoadForChange(*tx, actor, involvement->person_id); !p) return std::unexpected(p.error());
  if (involvement->ended_on)
    return std::unexpected(Error::Conflict(fmt::format("This involvement already ended on {}", *involvement->ended_on)));
  if (auto may = MayEnd(*tx, actor, *involvement); !may) return std::unexpected(may.error());
  const std::string end = Trim(ended_on).empty() ? Today(ctx) : Trim(ended_on);
  std::vector<FieldError> errors;
  CheckDate(ctx, end, "ended_on", "the end date", errors);
  if (errors.empty() && end < involvement->started_on)
    errors.push_back({"ended_on", fmt::format("The end date must be on or after the start date, {}", involvement->started_on)});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  if (!store::EndInvolvement(*tx, involvement_id, end))
    return std::unexpected(Error::Conflict("This involvement has already ended"));
  RefreshSummary(*tx, involvement->person_id);
  Audit(*tx, actor, now, "person.involvement_closed", involvement->person_id,
        {{"involvement_id", involvement_id}, {"ended_on", end}});
  auto view = ViewAfterChange(*tx, actor, involvement->person_id);
  tx->Commit();
  return view;
}

Result<PersonView> CloseAddress(AppContext& ctx, const Actor& actor, std::int64_t person_id, std::int64_t address_id,
                                const std::string& to_date) {
  return ChangePerson(ctx, actor, Action::kManageRegister, person_id, [&](store::Transaction& tx, Instant now) -> Result<void> {
    const auto whole = store::ReadPersonWhole(tx, person_id);
    auto is_current = [](const store::PersonAddress& a) { return !a.to_date || a.to_date->empty(); };
    const auto address = std::find_if(whole->addresses.begin(), whole->addresses.end(),
                                      [&](const store::PersonAddress& a) { return a.id == address_id; });
    if (address == whole->addresses.end())
      return std::unexpected(Error::NotFound("There is no address with that number on this record"));
    if (!is_current(*address))
      return std::unexpected(
          Error::Conflict(fmt::format("They moved out of this address on {}", calendar::IsoTextForPeople(*address->to_date))));
    const std::string end = Trim(to_date).empty() ? Today(ctx) : Trim(to_date);
    std::vector<FieldError> errors;
    CheckDate(ctx, end, "to_date", "the date they moved out", errors);
    if (errors.empty() && address->from_date && !address->from_date->empty() && end < *address->from_date)
      errors.push_back({"to_date", fmt::format("The date they moved out must be on or after the date they moved in, {}",
                                               calendar::IsoTextForPeople(*address->from_date))});
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
    tx.Execute("UPDATE person_addresses SET to_date = ? WHERE id = ? AND person_id = ? AND (to_date IS NULL OR to_date = '')",
                {end, address_id, person_id});
    store::NotePersonChanged(tx, person_id);
    // Moving out with nowhere current left: they are no longer of that household.
    const bool still_housed = std::any_of(whole->addresses.begin(), whole->addresses.end(), [&](const store::PersonAddress& a) {
      return a.id != address_id && is_current(a);
    });
    if (!still_housed) store::UpdateHome(tx, person_id, "", "");
    Audit(tx, actor, now, "person.address_closed", person_id,
          {{"address_id", address_id}, {"to_date", end}, {"left_household", !still_housed}});
    return {};
  });
}

Result<AllocationChoices> ListAllocationChoices(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kManageRegister); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  AllocationChoices out;
  std::map<std::int64_t, std::string> teams;
  for (const auto& u : store::ListUsers(*tx)) {
    if (!u.active) continue;
    if (u.team_id && !u.team_name.empty()) teams.emplace(*u.team_id, u.team_name);
    if (u.role == RoleId(Role::kSocialWorker) || u.role == RoleId(Role::kTeamManager))
      out.workers.push_back({u.id, u.display_name});
  }
  for (const auto& [id, name] : teams) out.teams.push_back({id, name});
  auto by_name = [](const AllocationOption& a, const AllocationOption& b) { return a.name < b.name || (a.name == b.name && a.id < b.id); };
  std::sort(out.workers.begin(), out.workers.end(), by_name);
  std::sort(out.teams.begin(), out.teams.end(), by_name);
  return out;
}

Result<PersonView> SetRestricted(AppContext& ctx, const Actor& actor, std::int64_t person_id,
                                 const RestrictionDraft& d) {
  // A manager who is not a viewer of a restricted record may neither lift nor change it.
  return ChangePerson(ctx, actor, Action::kRestrictPerson, person_id, [&](store::Transaction& tx, Instant now) -> Result<void> {
    std::vector<FieldError> errors;
    if (d.restricted) {
      if (auto p = CheckRequiredText(d.ask, 200, false, "whom others should ask")) errors.push_back({"ask", *p});
    } else if (!d.viewers.empty() || !Trim(d.ask).empty()) {
      errors.push_back({"restricted", "An unrestricted record has no viewers and no one to ask"});
    }
    std::vector<std::int64_t> viewers;
    for (auto user_id : d.viewers) {
      auto user = store::FindUserById(tx, user_id);
      if (!user || !user->active) errors.push_back({"viewers", fmt::format("There is no active user {}", user_id)});
      else viewers.push_back(user_id);
    }
    if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
    if (d.restricted) viewers.push_back(actor.user_id);
    std::sort(viewers.begin(), viewers.end());
    viewers.erase(std::unique(viewers.begin(), viewers.end()), viewers.end());
    store::SetRestriction(tx, person_id, d.restricted, d.restricted ? Trim(d.ask) : std::string(), viewers);
    Audit(tx, actor, now, "person.restriction_set", person_id, {{"restricted", d.restricted}, {"viewers", viewers}});
    return {};
  });
}

// --- reading -----------------------------------------------------------------------------------------

Result<PersonView> GetPerson(AppContext& ctx, const Actor& actor, std::int64_t person_id) {
  if (auto allowed = Authorise(actor, Action::kViewRegister); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  // Opening a record is itself recorded, and durable before it is shown (read_audit.h).
  std::optional<PersonView> view;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    auto whole = store::ReadPersonWhole(*tx, person_id);
    if (!whole) return std::unexpected(NoSuchPerson());
    view = BuildView(*tx, actor, std::move(*whole));
  }
  AuditView(ctx, PersonViewed(actor, now, person_id, view->restricted, !view->visible));
  return std::move(*view);
}

// --- merging -----------------------------------------------------------------------------------------

Result<MergeView> MergePeople(AppContext& ctx, const Actor& actor, std::int64_t kept_id, std::int64_t merged_id,
                              const std::string& reason) {
  if (auto allowed = Authorise(actor, Action::kMergePeople); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  std::vector<FieldError> errors;
  if (auto p = CheckRequiredText(reason, 2000, true, "why these are the same person")) errors.push_back({"reason", *p});
  auto kept = store::FindRegisterPerson(*tx, kept_id);
  auto merged = store::FindRegisterPerson(*tx, merged_id);
  if (!kept) errors.push_back({"kept_person_id", "There is no person with that number on the register"});
  if (!merged) errors.push_back({"merged_person_id", "There is no person with that number on the register"});
  if (kept_id == merged_id) errors.push_back({"merged_person_id", "A record cannot be merged into itself"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  // The refusals below name the number they are about, so a form can say so beside what was typed.
  auto at = [](Error e, const char* field) {
    e.fields.push_back({field, e.message});
    return std::unexpected(std::move(e));
  };
  if (!MaySee(*tx, actor, *kept)) return std::unexpected(Restricted(*kept));
  if (!MaySee(*tx, actor, *merged)) {
    Error refused = Restricted(*merged);
    refused.fields.push_back({"merged_person_id", fmt::format("Person {}: {}", merged_id, refused.message)});
    return std::unexpected(std::move(refused));
  }
  if (kept->merged_into)
    return at(Error::Conflict(fmt::format("Person {} was itself merged into person {}: merge into that record instead",
                                          kept_id, *kept->merged_into)),
              "kept_person_id");
  if (merged->merged_into)
    return at(Error::Conflict(fmt::format("Person {} is already merged into person {}", merged_id, *merged->merged_into)),
              "merged_person_id");
  // Merging must never widen who sees a restricted history.
  if (merged->restricted && !kept->restricted)
    return at(Error::Conflict(fmt::format("Person {} is restricted and person {}, the record to keep, is not: "
                                          "restrict the kept record first",
                                          merged_id, kept_id)),
              "merged_person_id");
  if (auto two = NotOnePerson(*tx, *kept, *merged); !two.empty()) {
    std::string summary = two.front().message;
    return std::unexpected(Error::Invalid(std::move(two), std::move(summary)));
  }

  store::PersonMerge merge;
  merge.kept_person_id = kept_id;
  merge.merged_person_id = merged_id;
  merge.reason = Trim(reason);
  merge.moved = store::MoveToKept(*tx, kept_id, merged_id);
  merge.merged_by = actor.user_id;
  merge.merged_at = FormatUtc(now);
  RefreshSummary(*tx, kept_id);
  merge.id = store::InsertMerge(*tx, merge);
  Audit(*tx, actor, now, "person.merged", kept_id,
        {{"merge_id", merge.id}, {"kept_person_id", kept_id}, {"merged_person_id", merged_id},
         {"moved", MovedCounts(merge.moved)}});
  auto view = MergeViewOf(*tx, actor, *store::FindMerge(*tx, merge.id));
  tx->Commit();
  return view;
}

Result<MergeView> UndoMerge(AppContext& ctx, const Actor& actor, std::int64_t merge_id) {
  if (auto allowed = Authorise(actor, Action::kMergePeople); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto merge = store::FindMerge(*tx, merge_id);
  if (!merge) return std::unexpected(Error::NotFound("There is no merge with that number"));
  if (merge->undone_at) {
    // Said to people, in local time as the pages show it; the stored text is UTC.
    const auto at = ParseUtc(*merge->undone_at);
    return std::unexpected(Error::Conflict(fmt::format(
        "This merge was already undone on {}", at ? calendar::FormatLocalForPeople(*at, ctx.time_zone) : *merge->undone_at)));
  }
  auto kept = store::FindRegisterPerson(*tx, merge->kept_person_id);
  if (!MaySee(*tx, actor, *kept)) return std::unexpected(Restricted(*kept));
  if (kept->merged_into)
    return std::unexpected(Error::Conflict(fmt::format(
        "Person {} has since been merged into person {}: undo that merge first", kept->id, *kept->merged_into)));
  if (!store::StillWithKept(*tx, merge->kept_person_id, merge->moved))
    return std::unexpected(
        Error::Conflict("Some of what this merge moved has been moved on since: undo the later merge first"));
  store::MoveBack(*tx, merge->kept_person_id, merge->merged_person_id, merge->moved);
  // The kept record's summary as it was, unless involvement still recorded on it says otherwise.
  if (store::CountInvolvements(*tx, merge->kept_person_id) > 0) RefreshSummary(*tx, merge->kept_person_id);
  else store::UpdateCaseSummary(*tx, merge->kept_person_id, merge->moved.kept_summary);
  store::MarkMergeUndone(*tx, merge_id, actor.user_id, FormatUtc(now));
  Audit(*tx, actor, now, "person.merge_undone", merge->kept_person_id,
        {{"merge_id", merge_id}, {"kept_person_id", merge->kept_person_id},
         {"merged_person_id", merge->merged_person_id}, {"moved", MovedCounts(merge->moved)}});
  auto view = MergeViewOf(*tx, actor, *store::FindMerge(*tx, merge_id));
  tx->Commit();
  return view;
}

Result<MergeView> GetMerge(AppContext& ctx, const Actor& actor, std::int64_t merge_id) {
  if (auto allowed = Authorise(actor, Action::kMergePeople); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto merge = store::FindMerge(*tx, merge_id);
  if (!merge) return std::unexpected(Error::NotFound("There is no merge with that number"));
  return MergeViewOf(*tx, actor, *merge);
}

// --- contacts ----------------------------------------------------------------------------------------

namespace {

// Lower case, one space between words: "Tia  SAMPLE" is "tia sample".
std::string Folded(std::string_view name) {
  std::string out;
  for (const auto& word : SplitWords(name)) {
    if (!out.empty()) out += ' ';
    for (const char ch : word) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

}  // namespace

std::vector<FieldError> LinkWarnings(const Child& child, const store::RegisterPerson& person) {
  std::vector<FieldError> out;
  if (Folded(child.first_names) != Folded(person.first_names) || Folded(child.last_name) != Folded(person.last_name))
    out.push_back({"name", fmt::format("{} The record is {} {}; the contact says {} {}.", LinkWarningMessage("name"),
                                       person.first_names, person.last_name, child.first_names, child.last_name)});
  // Only two dates that disagree: a contact often has no date of birth, and that is no disagreement.
  if (child.date_of_birth && person.date_of_birth && FormatIsoDate(*child.date_of_birth) != *person.date_of_birth)
    out.push_back({"date_of_birth", fmt::format("{} The record has {}; the contact has {}.",
                                                LinkWarningMessage("date_of_birth"), *person.date_of_birth,
                                                FormatIsoDate(*child.date_of_birth))});
  return out;
}

std::string LinkWarningMessage(std::string_view field) {
  if (field == "date_of_birth")
    return "The register record's date of birth is not the child's on this contact: check it is the same child.";
  return "The register record's name is not the child's on this contact: check it is the same child.";
}

Result<ChildLink> ConfirmChildMatch(AppContext& ctx, const Actor& actor, std::int64_t contact_id, int child_position,
                                    std::int64_t person_id) {
  if (auto allowed = Authorise(actor, Action::kLinkContactChild); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = LoadContactChild(*tx, contact_id, child_position);
  if (!contact) return std::unexpected(contact.error());
  auto person = store::FindRegisterPerson(*tx, person_id);
  if (!person) return std::unexpected(Error::InvalidField("person_id", "There is no person with that number on the register"));
  if (!MaySee(*tx, actor, *person)) return std::unexpected(Restricted(*person));
  if (person->merged_into)
    return std::unexpected(Error::Conflict(
        fmt::format("Person {} was merged into person {}: link the child to that record", person_id, *person->merged_into)));
  const auto before = store::ContactChildPeople(*tx, contact_id).at(static_cast<std::size_t>(child_position));
  store::LinkContactChild(*tx, contact_id, child_position, person_id);
  if (before && *before != person_id) store::NotePersonChanged(*tx, *before);
  // Linked again: a link flagged by a correction of the child's details has been looked at.
  store::ClearLinkToCheck(*tx, contact_id, child_position);
  ChildLink link{contact_id, child_position, person_id, false, {}, {}};
  link.warnings = LinkWarnings(contact->children[static_cast<std::size_t>(child_position)], *person);
  link.routing_note = RecheckOpenCases(ctx, *tx, *contact, child_position, now);
  json changes = {{"child", child_position}, {"person_id", person_id},
                  {"previous_person_id", before ? json(*before) : json(nullptr)}, {"new_person", false}};
  for (const auto& w : link.warnings) changes["differs"].push_back(w.field);
  if (!link.routing_note.empty()) changes["routing_note"] = link.routing_note;
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.child_linked", "contact", std::to_string(contact_id),
                      std::move(changes)});
  tx->Commit();
  return link;
}

Result<ChildLink> NewPersonFromContactChild(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                            int child_position) {
  if (auto allowed = Authorise(actor, Action::kLinkContactChild); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = LoadContactChild(*tx, contact_id, child_position);
  if (!contact) return std::unexpected(contact.error());
  if (auto linked = store::ContactChildPeople(*tx, contact_id).at(static_cast<std::size_t>(child_position)))
    return std::unexpected(Error::Conflict(fmt::format("This child is already linked to person {}", *linked)));
  const Child& child = contact->children[static_cast<std::size_t>(child_position)];
  PersonDraft d;
  d.first_names = child.first_names;
  d.last_name = child.last_name;
  if (child.date_of_birth) d.date_of_birth = FormatIsoDate(*child.date_of_birth);
  if (child.expected_date) d.expected_date = FormatIsoDate(*child.expected_date);
  d.gender = std::string(GenderId(child.gender));
  d.nhs_number = child.nhs_number;
  d.address = child.address;
  // The contact's address is free text: its postcode is kept only when it is recognisably one.
  d.postcode = PostcodeInAddress(child.address).value_or("");
  auto checked = CheckPerson(ctx, *tx, d);
  if (!checked) {
    Error e = checked.error();
    e.message = "The child's details on the contact are not enough for a register record: " +
                (e.fields.empty() ? e.message : e.fields.front().message);
    return std::unexpected(std::move(e));
  }
  const std::int64_t person_id = InsertChecked(ctx, *tx, checked->first, checked->second, "");
  store::LinkContactChild(*tx, contact_id, child_position, person_id);
  Audit(*tx, actor, now, "person.recorded", person_id, {{"source", "contact"}, {"contact_id", contact_id}});
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.child_linked", "contact", std::to_string(contact_id),
                      {{"child", child_position}, {"person_id", person_id}, {"previous_person_id", nullptr},
                       {"new_person", true}}});
  tx->Commit();
  return ChildLink{contact_id, child_position, person_id, true, {}, {}};
}

Result<std::vector<std::optional<std::int64_t>>> ContactChildPeople(AppContext& ctx, const Actor& actor,
                                                                    std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto links = store::ContactChildPeople(*tx, contact_id);
  if (links.empty() && !store::FindContact(*tx, contact_id))
    return std::unexpected(Error::NotFound("There is no contact with that number"));
  return links;
}

}  // namespace fd::app
