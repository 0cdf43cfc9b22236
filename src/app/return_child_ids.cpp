#include "app/return_child_ids.h"

#include <set>

#include "domain/annex_a.h"
#include "domain/nhs_number.h"

namespace fd::app {

const store::ReturnPerson* ReturnPeople::Find(std::int64_t id) {
  for (int hops = 0; hops < 16; ++hops) {
    auto [it, added] = cache_.try_emplace(id);
    if (added) it->second = store::PersonForReturn(tx_, id);
    if (!it->second) return nullptr;
    if (!it->second->merged_into) return &*it->second;
    id = *it->second->merged_into;
  }
  return nullptr;
}

ReturnChildIds::ReturnChildIds(ReturnPeople& people, const std::vector<store::ReturnNhsNumberHolder>& holders)
    : people_(people) {
  Build(holders);
}

ReturnChildIds::ReturnChildIds(store::Transaction& tx, ReturnPeople& people, const std::string& from_utc,
                               const std::string& to_utc)
    : people_(people) {
  Build(store::NhsNumberHolders(tx, from_utc, to_utc));
}

std::string ReturnChildIds::ValidNhsNumber(const std::string& recorded) {
  // Intake stores the ten digits after checking them (HCR-17); a number stored otherwise (typed
  // before the check, or imported) is trusted only when it passes the check as it stands.
  if (recorded.empty()) return {};
  const auto normal = NormaliseNhsNumber(recorded);
  return normal && *normal == recorded ? recorded : std::string();
}

void ReturnChildIds::Build(const std::vector<store::ReturnNhsNumberHolder>& holders) {
  // Holders come in NHS number order, register records first, then contacts in the order made.
  for (std::size_t i = 0; i < holders.size();) {
    const std::string& number = holders[i].nhs_number;
    std::set<std::int64_t> people;
    std::optional<std::string> first_contact;
    for (; i < holders.size() && holders[i].nhs_number == number; ++i) {
      const auto& h = holders[i];
      if (h.person_id) {
        if (const store::ReturnPerson* kept = people_.Find(*h.person_id)) people.insert(kept->id);
      } else if (h.contact_id != 0 && !first_contact) {
        first_contact = returns::ContactChildId(h.contact_id, h.position);
      }
    }
    if (ValidNhsNumber(number).empty()) continue;
    if (people.size() == 1) {
      const store::ReturnPerson* person = people_.Find(*people.begin());
      by_nhs_number_[number] = ReturnChildId{returns::RegisterChildId(person->id), person};
    } else if (first_contact) {
      // Two register records with one NHS number are the register's to merge; until then the
      // children not linked stay one child of their own rather than being given either.
      by_nhs_number_[number] = ReturnChildId{*first_contact, nullptr};
    }
  }
}

ReturnChildId ReturnChildIds::Of(const store::ReturnContactChild& c) {
  if (c.person_id)
    if (const store::ReturnPerson* person = people_.Find(*c.person_id))
      return ReturnChildId{returns::RegisterChildId(person->id), person};
  if (!c.person_id && !c.nhs_number.empty())
    if (const auto found = by_nhs_number_.find(c.nhs_number); found != by_nhs_number_.end()) return found->second;
  return ReturnChildId{returns::ContactChildId(c.contact_id, c.position), nullptr};
}

}  // namespace fd::app
