#include "synth/places.h"

#include <fmt/format.h>

#include <cctype>

namespace fd::synth {
namespace {

// The letters the last two places of a postcode may hold (never C, I, K, M, O or V).
constexpr std::string_view kUnitLetters = "ABDEFGHJLNPQRSTUWXYZ";
constexpr int kSectors = 9;           // sectors 1–9 of each district
constexpr int kUnitsPerSector = 120;  // postcodes in use per sector, of the 400 possible

Address AddressIn(Random& random, int district_index) {
  const District& district = NameData::Get().districts()[static_cast<std::size_t>(district_index)];
  const int sector = random.Between(1, kSectors);
  const int unit = random.Between(0, kUnitsPerSector - 1);
  const int combo = (unit * 37 + sector * 11) % 400;
  const std::string postcode = fmt::format("{} {}{}{}", district.Outward(), sector, kUnitLetters[combo / 20],
                                           kUnitLetters[combo % 20]);
  // The street is a function of the postcode, so neighbours share it.
  const auto& stems = NameData::Get().street_stems();
  const auto& types = NameData::Get().street_types();
  const std::uint64_t street = Mix(static_cast<std::uint64_t>(district_index) * 1000 + static_cast<std::uint64_t>(sector),
                                   static_cast<std::uint64_t>(unit));
  const std::string street_name = fmt::format("{} {}", stems[street % stems.size()], types[(street >> 20) % types.size()]);
  std::string number = std::to_string(random.Between(1, 140));
  if (random.Chance(0.12)) number = fmt::format("Flat {}, {}", random.Between(1, 12), number);
  return Address{fmt::format("{} {}, {} {}", number, street_name, district.town, postcode), postcode, district_index};
}

}  // namespace

Address AnyAddress(Random& random) {
  return AddressIn(random, static_cast<int>(NameData::Get().district_weights().PickIndex(random)));
}

Address AddressNear(Random& random, int from_district) {
  const auto& districts = NameData::Get().districts();
  const double u = random.Uniform();
  if (u < 0.55) return AddressIn(random, from_district);
  if (u < 0.85) {
    // Another district of the same town when there is one.
    const std::string& town = districts[static_cast<std::size_t>(from_district)].town;
    for (int tries = 0; tries < 8; ++tries) {
      const int d = static_cast<int>(NameData::Get().district_weights().PickIndex(random));
      if (districts[static_cast<std::size_t>(d)].town == town) return AddressIn(random, d);
    }
    return AddressIn(random, from_district);
  }
  return AnyAddress(random);
}

std::string NormalisedPostcode(const std::string& postcode) {
  std::string out;
  for (char c : postcode)
    if (c != ' ') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace fd::synth
