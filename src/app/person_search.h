// "Is this child known?" (KCR-10, HCR-30, CRU-3): the people register searched by fuzzy match as a
// contact or consultation is typed. The matcher (PersonDirectory, match/) ranks the register; this
// use case decides who may search, which candidates are worth showing (the bands below), what is
// shown of each (restricted records: only that one exists and whom to ask), and audits the search.
// docs/matching.md "In the service" explains the bands; docs/decisions.md "People register search"
// why the audit holds no search terms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "app/match_bands.h"
#include "domain/contact.h"
#include "domain/error.h"

namespace fd::app {

// The probability bands, kLikelyMatch and kPossibleMatch, are in app/match_bands.h.
inline constexpr std::size_t kDefaultSearchLimit = 10;
inline constexpr std::size_t kMaxSearchLimit = 50;

enum class MatchBand { kLikely, kPossible };
std::string_view MatchBandId(MatchBand band);     // "likely", "possible"
std::string_view MatchBandWords(MatchBand band);  // "very likely", "possible"

// What a searcher knows; every field optional (empty). Field names are the API's parameters.
struct PersonSearchQuery {
  std::string first_names;    // first name first, then middle names, as typed
  std::string last_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string nhs_number;     // ten digits; spaces allowed
  std::string postcode;       // a full UK postcode, any case and spacing
  std::string gender;         // female, male, other, not_known
  bool empty() const {
    return first_names.empty() && last_name.empty() && date_of_birth.empty() && nhs_number.empty() &&
           postcode.empty();
  }
};

// The search a contact's child calls for: names, date of birth, NHS number and gender as recorded.
PersonSearchQuery QueryForChild(const Child& child);

// How one field compared, in words for the person deciding.
struct MatchReason {
  std::string field;      // "first_names", "last_name", "date_of_birth", "gender", "nhs_number", "postcode"
  std::string level;      // "exact", "close spelling", "nickname", … (match::LevelName)
  std::string agreement;  // "agreed", "partly agreed", "disagreed", "missing"
  double weight = 0.0;    // bits this field added
  std::string words;      // "Last name: \"exampel\" and \"example\" are spelt alike"
};

struct PersonCandidate {
  // A restricted record the searcher is not a named viewer of: only `ask` is set (whom to ask);
  // every other field is empty, not even the record's id.
  bool restricted = false;
  std::string ask;

  std::int64_t id = 0;
  double probability = 0.0;
  double match_weight = 0.0;
  MatchBand band = MatchBand::kPossible;
  std::string first_names, last_name;
  std::string date_of_birth;      // YYYY-MM-DD, or empty
  std::string gender;             // female, male, other, not_known
  std::string postcode_district;  // the outward code only ("EX1"), or empty
  bool open = false;              // an open case or involvement
  std::string allocated_worker;   // display name, or empty
  std::string team;               // team name, or empty
  bool sibling_open = false;      // a brother, sister or half-sibling (or child of the household) is open
  std::vector<MatchReason> reasons;  // one per field, forename first
};

struct PersonSearchResult {
  std::vector<PersonCandidate> candidates;  // best first; restricted ones in their ranked place
};

// The records among `ids` that `actor` may see only as existing: restricted, and the actor is not a
// named viewer. Each maps to whom to ask (the record's "ask", or a team manager when it names none).
// A record merged into another is judged by the record it was merged into. Every list of register
// matches shown to a person hides these the same way: no id, name, date or probability, only that
// a record exists and whom to ask (docs/security.md "The people register").
std::map<std::int64_t, std::string> RestrictedFrom(store::Transaction& tx, const Actor& actor,
                                                   const std::set<std::int64_t>& ids);

// Searches the register. `limit` caps the candidates the matcher ranks (1…kMaxSearchLimit);
// fewer come back when some fall below kPossibleMatch. A query with no names, date of birth, NHS
// number or postcode finds nobody and is not audited. Every other search is audited as
// "person.searched" (which fields were given, how many candidates, their record ids; never the
// search terms), in its own write transaction. The register is caught up first, so writes
// committed anywhere before the search began are seen.
// Errors: kForbidden (a role without Action::kViewRegister), kInvalid naming the field (a
// malformed date of birth, NHS number, postcode or gender, a name over 200 characters, a limit out
// of range), kUnavailable when the service has no people directory.
Result<PersonSearchResult> SearchPeople(AppContext& ctx, const Actor& actor, const PersonSearchQuery& query,
                                        std::size_t limit = kDefaultSearchLimit);

}  // namespace fd::app
