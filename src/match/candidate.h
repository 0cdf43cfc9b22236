// What a search returns: who might be the child, how strongly, and why.
#pragma once

#include <string>
#include <vector>

#include "match/levels.h"
#include "match/person.h"

namespace fd::match {

// How one field compared, for the person reviewing the match.
struct Reason {
  Field field = Field::kForename;
  Level level = Level::kMissing;
  Agreement agreement = Agreement::kMissing;
  double weight = 0.0;  // bits this field added (negative: evidence against)
  std::string detail;   // e.g. "\"bill\" is a nickname of \"william\""
};

struct Candidate {
  PersonId id = 0;
  // The Fellegi–Sunter match weight: the sum of the fields' log2(m/u), in bits. Each bit doubles
  // the odds that this is the same child. Candidates are ranked by it.
  double match_weight = 0.0;
  // The posterior probability (0–1) that this record is the child searched for, from the match
  // weight, the prior (Index::Prior) and the weights of the search's other best candidates, which
  // share the chance (at most one record is the child). See docs/matching.md "Reading a score".
  double probability = 0.0;
  std::vector<Reason> reasons;  // one per field, in Field order
};

}  // namespace fd::match
