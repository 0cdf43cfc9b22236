#include "web/rule_citations.h"

namespace fd::web {

Data CiteSection(const policy::PolicyPack& pack) {
  return Data{kainjow::mustache::lambda{[&pack](const std::string& text) { return CiteRules(pack, text); }}};
}

}  // namespace fd::web
