// The rule ids a message cites, kept only where the pack in force implements that family of rules: a
// Kent page or message does not cite Hertfordshire's HCR rules, nor a Hertfordshire one Kent's FDS
// ones. Pages (web/rule_citations.h) and the messages and notes of use cases (app/) share it.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "policy/policy_pack.h"

namespace fd::policy {

// `text` with each list of rule ids ("KCR-15, HCR-26") reduced to those `pack` cites. A list left
// empty goes with what only framed it: "(HCR-25)" and its space, "HCR-28: " at the start (the next
// word then starts with a capital), or a trailing ". HCR-26." Other words are untouched.
std::string CiteRules(const PolicyPack& pack, std::string_view text);

// `error` with CiteRules applied to its message and to each field's message: a use case's refusal
// under the pack its record was made under.
Error CiteRules(const PolicyPack& pack, Error error);

}  // namespace fd::policy
