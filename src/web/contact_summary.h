// The summary rows of a contact as both its page and the portal's receipt show them, so the two
// never describe a referrer or a child differently.
#pragma once

#include <string>
#include <vector>

#include "domain/contact.h"
#include "policy/policy_pack.h"
#include "web/templates.h"

namespace fd::web {

// A GOV.UK summary-list row; an empty value reads "Not given".
Data Row(const std::string& key, const std::string& value);
// "Mia Example"; "Unborn child" or "Unnamed child" when there is no name.
std::string ChildName(const Child& child);
// "943 476 5919": how an NHS number is written and read out.
std::string FormatNhsNumber(const std::string& digits);
// Who the referrer is; `anonymous_text` is what an anonymous referrer is called on that page. `pack`, the
// one the contact was received under, decides which rules a withheld identity cites.
void AddReferrerRows(const policy::PolicyPack& pack, const Referrer& referrer, const std::string& anonymous_text,
                     Data& rows);
// One block per child: a heading and its rows (dates, gender, address, school, NHS number, role).
// `person_links` ("/people/{id}" by position, "" when not linked) adds each child's register link,
// rendered by templates/person_link.mustache (as "register_link": data may not share a template's name).
Data ChildBlocks(const std::vector<Child>& children, const std::vector<std::string>& person_links = {});

}  // namespace fd::web
