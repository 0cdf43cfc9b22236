// Addresses in the made-up county (data/synth/districts.csv): well-formed UK postcodes in districts
// that do not exist, each postcode on one street of its post town.
#pragma once

#include <string>

#include "synth/name_data.h"
#include "synth/random.h"

namespace fd::synth {

struct Address {
  std::string line;      // "14 Orchard Way, Wealdham WH3 4AB"
  std::string postcode;  // as written, "WH3 4AB"
  int district = 0;      // index into NameData::districts()
};

// A home anywhere in the county, districts weighted by their households.
Address AnyAddress(Random& random);
// A home after a move from `from_district`: usually nearby (the same district or town).
Address AddressNear(Random& random, int from_district);
// "WH34AB": upper case, no spaces, as the register stores postcodes.
std::string NormalisedPostcode(const std::string& postcode);

}  // namespace fd::synth
