#include "web/contact_summary.h"

#include "calendar/local_time.h"
#include "policy/rule_citations.h"
#include "web/contact_form.h"

namespace fd::web {

Data Row(const std::string& key, const std::string& value) {
  Data row = Object();
  row.set("key", key);
  row.set("value", value.empty() ? std::string("Not given") : value);
  return row;
}

std::string ChildName(const Child& c) {
  std::string name = c.first_names;
  if (!c.last_name.empty()) name += (name.empty() ? "" : " ") + c.last_name;
  if (name.empty()) name = c.IsUnborn() ? "Unborn child" : "Unnamed child";
  return name;
}

std::string FormatNhsNumber(const std::string& digits) {
  if (digits.size() != 10) return digits;
  return digits.substr(0, 3) + " " + digits.substr(3, 3) + " " + digits.substr(6);
}

void AddReferrerRows(const policy::PolicyPack& pack, const Referrer& r, const std::string& anonymous_text,
                     Data& rows) {
  if (r.anonymous) {
    rows.push_back(Row("Who", anonymous_text));
    return;
  }
  rows.push_back(Row("Who", std::string(ReferrerTypeTitle(r.type))));
  if (r.identity_withheld) {
    rows.push_back(Row("Name and contact details",
                       policy::CiteRules(pack, "Withheld to protect the referrer (KCR-14, HCR-20): never given to the "
                                               "family or other agencies")));
    return;
  }
  rows.push_back(Row("Name", r.name));
  if (!r.role.empty()) rows.push_back(Row("Role", r.role));
  if (IsProfessional(r.type)) rows.push_back(Row("Organisation", r.agency));
  rows.push_back(Row("Phone", r.phone));
  rows.push_back(Row("Email", r.email));
}

Data ChildBlocks(const std::vector<Child>& children, const std::vector<std::string>& person_links) {
  Data blocks = List();
  for (std::size_t position = 0; position < children.size(); ++position) {
    const Child& child = children[position];
    Data block = Object();
    block.set("heading", ChildName(child));
    Data rows = List();
    if (child.IsUnborn()) rows.push_back(Row("Expected", calendar::FormatDateForPeople(*child.expected_date)));
    else rows.push_back(Row("Date of birth", child.date_of_birth ? calendar::FormatDateForPeople(*child.date_of_birth) : ""));
    rows.push_back(Row("Gender", std::string(GenderTitle(child.gender))));
    rows.push_back(Row("Address", child.address));
    rows.push_back(Row("School or nursery", child.school));
    rows.push_back(Row("NHS number", FormatNhsNumber(child.nhs_number)));  // HCR-17
    rows.push_back(Row("Role", ChildRoleTitle(child.role)));               // HCR-3
    block.set("rows", rows);
    if (position < person_links.size() && !person_links[position].empty()) block.set("register_link", person_links[position]);
    blocks.push_back(block);
  }
  return blocks;
}

}  // namespace fd::web
