#include "domain/field_words.h"

#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include "domain/text.h"

namespace fd {
namespace {

// A field's name in words. `noun` takes "the" ("name" → "the referrer's name"); a `whether` phrase is
// whole already ("whether the referrer is anonymous"). `example`: a value of the right kind, if one helps.
struct Words {
  std::string_view key;
  std::string_view noun;
  std::string_view example = "";
  bool whether = false;
};

// The ids the API's bodies use, in the words of the forms that ask for the same thing.
constexpr std::array kWords{
    Words{"name", "name", "Sam Jones"},
    Words{"first_names", "first names", "Mia Rose"},
    Words{"last_name", "last name", "Example"},
    Words{"date_of_birth", "date of birth", "2017-05-14"},
    Words{"expected_date", "expected date of birth", "2027-01-31"},
    Words{"gender", "gender", "female"},
    Words{"address", "address", "12 Orchard Way"},
    Words{"school", "school", "Orchard Primary School"},
    Words{"nhs_number", "NHS number", "943 476 5919"},
    Words{"role", "role", "Class teacher"},
    Words{"type", "type"},
    Words{"agency", "agency", "Riverside Primary"},
    Words{"organisation", "organisation", "Orchard Primary School"},
    Words{"team", "team", "Front Door"},
    Words{"phone", "phone number", "07700 900123"},
    Words{"email", "e-mail address", "name@agency.gov.uk"},
    Words{"concern", "concern"},
    Words{"details", "details"},
    Words{"reason", "reason"},
    Words{"judgement", "judgement"},  // KCR-3: a review of which children are opened
    Words{"reasons", "reasons"},
    Words{"note", "note"},
    Words{"version", "version of the record you are looking at", "3"},
    Words{"summary", "summary"},
    Words{"channel", "channel", "phone"},
    Words{"form", "form", "red"},
    Words{"hub_consultation", "consultation hub's advice"},
    Words{"consultation_number", "consultation number"},
    Words{"passing_on_concern_of", "person whose concern is passed on"},
    Words{"call_reference", "reference of the phone call", "FD-2026-000123"},
    Words{"household", "household answers"},
    Words{"information", "information"},
    Words{"indicators", "indicators"},
    Words{"children", "children"},
    Words{"adults", "adults"},
    Words{"items", "items shared"},
    Words{"force_reference", "force's reference", "DA-2026-0412"},
    Words{"notified_at", "time of the notification", "2026-11-27T08:30"},
    Words{"risk_level", "risk level", "medium"},
    Words{"incident_summary", "summary of the incident"},
    Words{"officer", "officer's name", "PC Sam Jones"},
    Words{"officer_email", "officer's e-mail address", "sam.jones@police.uk"},
    Words{"person_id", "register record"},
    Words{"page", "page"},
    Words{"page_size", "page size"},
    Words{"anonymous", "whether the referrer is anonymous", "", true},
    Words{"harm_by_another_child", "whether the harm is by another child", "", true},
    Words{"allegation_against_professional", "whether the allegation is against a professional", "", true},
    Words{"anonymity_limits_explained", "whether the limits of anonymity were explained", "", true},
    Words{"identity_in_doubt", "whether the requester's identity is in doubt", "", true},
    Words{"safeguarding_purpose", "whether the purpose is safeguarding", "", true},
    Words{"safeguarding", "whether it is a safeguarding matter", "", true},
    Words{"consent", "whether there is consent", "", true},
    Words{"signed_parental_consent", "whether there is signed parental consent", "", true},
    Words{"identity_verified", "whether the requester's identity is verified", "", true},
    Words{"investigatory_body", "whether the requester is an investigatory body", "", true},
    Words{"received_at", "time the contact was received", "2026-11-27T09:30"},
    Words{"referrer", "referrer"},
    Words{"intake", "intake answers"},
    Words{"child", "child"},
    Words{"child_open_to", "worker the child is open to"},
    Words{"caller_type", "kind of caller", "school"},
    Words{"questions", "questions asked"},
    Words{"advice", "advice"},
    Words{"advised_route", "advised route", "red"},
    Words{"body", "request body"},
    Words{"answer", "answer"},
    Words{"question", "question"},
    Words{"urgency", "urgency", "standard"},
    Words{"lawful_basis", "lawful basis", "public-task"},
    Words{"decision", "decision"},
    Words{"to", "recipient", "Riverside Surgery"},
    Words{"reply_email", "e-mail address for the reply", "name@agency.gov.uk"},
    Words{"ids", "numbers"},
    Words{"limit", "limit", "20"},
    Words{"postcode", "postcode", "AB1 2CD"},
    Words{"address_from", "date the person moved to the address", "2024-09-01"},
    Words{"allocated_user_id", "allocated worker"},
    Words{"team_id", "team"},
    Words{"ask", "person to ask"},
    Words{"kind", "kind"},
    Words{"reference", "reference"},
    Words{"from_date", "start date", "2024-09-01"},
    Words{"to_date", "end date", "2025-03-31"},
    Words{"started_on", "date it started", "2025-01-06"},
    Words{"ended_on", "date it ended", "2026-03-31"},
    Words{"kept_person_id", "record kept"},
    Words{"merged_person_id", "record merged into it"},
    Words{"related_person_id", "related person's record"},
    Words{"method", "method", "verbal"},
    Words{"new", "whether to add a new record", "", true},
    Words{"is_child", "whether the person is a child", "", true},
    Words{"restricted", "whether the record is restricted", "", true},
    Words{"close_previous", "whether to end the previous address", "", true},
    Words{"safeguarding_lead_consulted", "whether the safeguarding lead was consulted", "", true},
    Words{"parent_discussed", "whether the concern was discussed with a parent", "", true},
    Words{"request_already_made", "whether a request was already made", "", true},
    Words{"include_met", "whether to include deadlines met", "", true},
    Words{"allow_errors", "whether to allow the census's errors", "", true},
    Words{"counted", "whether to list the records counted", "", true},
};

// Prefixes that name whose a field is: "requester_email" → "the requester's e-mail address".
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOwners{{
    {"requester_", "requester's"}, {"recipient_", "recipient's"}, {"subject_", "subject's"},
    {"referrer_", "referrer's"},   {"authorisation_", "authorisation's"}, {"consultee_", "consultee's"}}};

// Lists whose entries are named by number ("children[0]" → "child 1").
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kEntries{
    {{"children", "child"}, {"adults", "adult"}, {"indicators", "indicator"}, {"items", "item"}, {"ids", "number"}}};

struct Segment {
  std::string_view key;
  std::optional<std::size_t> index;  // "children[2]" → 2
};

std::vector<Segment> Split(std::string_view path) {
  std::vector<Segment> out;
  while (!path.empty()) {
    const auto dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    Segment s{part, std::nullopt};
    if (const auto open = part.find('['); open != std::string_view::npos && part.back() == ']') {
      std::size_t n = 0;
      const auto digits = part.substr(open + 1, part.size() - open - 2);
      if (std::from_chars(digits.data(), digits.data() + digits.size(), n).ec == std::errc()) s = {part.substr(0, open), n};
    }
    out.push_back(s);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return out;
}

const Words* Known(std::string_view key) {
  for (const auto& w : kWords)
    if (w.key == key) return &w;
  return nullptr;
}

std::string Spelt(std::string_view key) {
  std::string out(key);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

std::string Entry(const Segment& s) {
  std::string_view one = s.key;
  for (const auto& [list, entry] : kEntries)
    if (list == s.key) one = entry;
  return std::string(one) + " " + std::to_string(*s.index + 1);
}

// The noun of a key, whose it is when its prefix says ("requester_name" → "requester's name").
std::string Noun(std::string_view key) {
  if (const auto* w = Known(key)) return std::string(w->noun);
  for (const auto& [prefix, owner] : kOwners)
    if (key.starts_with(prefix)) {
      const auto rest = key.substr(prefix.size());
      const auto* w = Known(rest);
      return std::string(owner) + " " + (w && !w->whether ? std::string(w->noun) : Spelt(rest));
    }
  return Spelt(key);
}

// The field mid-sentence, with its example if any.
std::pair<std::string, std::string_view> Describe(std::string_view path) {
  const auto segments = Split(path);
  if (segments.empty()) return {"the request", ""};
  const Segment& leaf = segments.back();
  if (leaf.index) return {Entry(leaf), ""};
  const Words* known = Known(leaf.key);
  const std::string_view example = known ? known->example : "";
  if (known && known->whether) return {std::string(known->noun), ""};
  const std::string noun = Noun(leaf.key);
  if (segments.size() == 1) return {"the " + noun, example};
  const Segment& owner = segments[segments.size() - 2];
  if (owner.index) return {"the " + noun + " of " + Entry(owner), example};
  if (owner.key == "referrer") return {"the referrer's " + noun, example};
  if (owner.key == "child") return {"the child's " + noun, example};
  if (owner.key == "child_open_to") return {"the " + noun + " of the worker the child is open to", example};
  if (owner.key == "household") return {"the answer to household question \"" + std::string(leaf.key) + "\"", "yes"};
  if (owner.key == "information") return {"the information \"" + std::string(leaf.key) + "\"", ""};
  return {"the " + noun, example};
}

std::string WithExample(std::string message, std::string_view example) {
  if (!example.empty()) message += ", like \"" + std::string(example) + "\"";
  return message;
}

}  // namespace

std::string FieldWords(std::string_view path) { return SentenceStart(Describe(path).first); }

bool HasFieldWords(std::string_view key) {
  if (Known(key)) return true;
  for (const auto& [prefix, owner] : kOwners)
    if (key.starts_with(prefix) && Known(key.substr(prefix.size()))) return true;
  return false;
}

std::string NotTextMessage(std::string_view path) {
  const auto [words, example] = Describe(path);
  return WithExample(SentenceStart(words) + " must be text, in quotes", example);
}

std::string NotTrueOrFalseMessage(std::string_view path) {
  return SentenceStart(Describe(path).first) + " must be true or false, without quotes";
}

std::string NotAListMessage(std::string_view path, std::string_view of) {
  std::string out = SentenceStart(Describe(path).first) + " must be a list, in square brackets";
  if (!of.empty()) out += ", of " + std::string(of);
  return out;
}

std::string NotAnObjectMessage(std::string_view path, std::string_view fields) {
  std::string out = SentenceStart(Describe(path).first) + " must be an object, in braces";
  if (!fields.empty()) out += ": " + std::string(fields);
  return out;
}

std::string UnknownFieldMessage(std::string_view what, std::string_view known) {
  std::string out = SentenceStart(what) + " has no field of this name; check its spelling";
  if (!known.empty()) out += " (its fields: " + std::string(known) + ")";
  return out;
}

}  // namespace fd
