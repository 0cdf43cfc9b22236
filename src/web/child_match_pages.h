// "Is this child known?" on the contact page (KCR-10, HCR-30): for each child not yet linked to the
// people register, the register's candidate matches with why each matched, a "This is the child"
// button for each, and "New person" when none is right.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/person_search.h"
#include "domain/contact.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// One register candidate as the "is this child known?" panels show it: name, date of birth, band,
// whether open and to whom, and why it matched; a restricted one only whom to ask (person_search.h).
Data CandidateItem(const app::PersonCandidate& c);

// A choice refused ("This is the child", "None of these"): the child's position and why.
struct ChildMatchForm {
  int position = -1;
  std::string error;
};

// Adds "matches" (and the forms) to each child block of `blocks` not linked yet (`links[i]` empty);
// a refused choice `form` is said in the page's error summary (`d`) and in that child's panel.
void AddChildMatches(PageContext& pc, const app::Actor& actor, const Contact& contact,
                     const std::vector<std::string>& links, const ChildMatchForm& form, Data& blocks, Data& d);

// The contact page again after a refused choice (pages.cpp): `status` 422 or 409.
using ContactPageWithChoice =
    std::function<http::Response(const http::Request&, std::int64_t contact_id, const ChildMatchForm&, int status)>;

void RegisterChildMatchPages(http::Router& router, const std::shared_ptr<PageContext>& pc,
                             ContactPageWithChoice contact_page);

}  // namespace fd::web
