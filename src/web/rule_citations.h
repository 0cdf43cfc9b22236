// The rule ids a page cites, kept only where the pack in force implements that family of rules: a
// Kent page does not cite Hertfordshire's HCR rules, nor a Hertfordshire page Kent's FDS ones.
#pragma once

#include <string>
#include <string_view>

#include "policy/policy_pack.h"
#include "web/templates.h"

namespace fd::web {

// `text` with each list of rule ids ("KCR-15, HCR-26") reduced to those `pack` cites. A list left
// empty goes with what only framed it: "(HCR-25)" and its space, "HCR-28: " at the start (the next
// word then starts with a capital), or a trailing ". HCR-26." Other words are untouched.
std::string CiteRules(const policy::PolicyPack& pack, std::string_view text);

// A Mustache section, {{#cite}}(KCR-10, HCR-30){{/cite}}, that applies CiteRules to its text. The
// pack must outlive the rendering.
Data CiteSection(const policy::PolicyPack& pack);

}  // namespace fd::web
