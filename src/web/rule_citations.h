// Rule citations on pages: policy::CiteRules, and a Mustache section that applies it to a
// template's text.
#pragma once

#include "policy/policy_pack.h"
#include "policy/rule_citations.h"
#include "web/templates.h"

namespace fd::web {

using policy::CiteRules;

// A Mustache section, {{#cite}}(KCR-10, HCR-30){{/cite}}, that applies CiteRules to its text. The
// pack must outlive the rendering.
Data CiteSection(const policy::PolicyPack& pack);

}  // namespace fd::web
