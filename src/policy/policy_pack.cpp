#include "policy/policy_pack.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "calendar/bank_holidays.h"
#include "domain/consultation_callers.h"
#include "domain/contact.h"
#include "domain/text.h"

namespace fd::policy {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// A rule id as the procedures' codes are written: two or more capitals, a dash, a digit ("HCR-12").
bool ContainsRuleId(std::string_view text) {
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  for (std::size_t dash = text.find('-'); dash != std::string_view::npos; dash = text.find('-', dash + 1)) {
    std::size_t letters = 0;
    while (letters < dash && upper(text[dash - letters - 1])) ++letters;
    if (letters >= 2 && dash + 1 < text.size() && text[dash + 1] >= '0' && text[dash + 1] <= '9') return true;
  }
  return false;
}

// Reads typed values out of a TOML table, recording every problem with its line instead of
// stopping at the first, so `policy check` lists them all.
class Reader {
 public:
  Reader(std::string file, PackErrors& errors) : file_(std::move(file)), errors_(errors) {}

  void Error(const toml::node* node, std::string message) {
    const auto& src = node ? node->source() : toml::source_region{};
    errors_.push_back({file_, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column), std::move(message)});
  }
  void Error(const toml::table& parent, std::string message) { Error(static_cast<const toml::node*>(&parent), std::move(message)); }

  std::optional<std::string> String(const toml::table& t, std::string_view key, bool required = true) {
    const toml::node* node = t.get(key);
    if (!node) {
      if (required) Error(t, fmt::format("missing '{}': expected text", key));
      return std::nullopt;
    }
    if (auto v = node->value<std::string>()) return *v;
    Error(node, fmt::format("'{}' must be text in quotes", key));
    return std::nullopt;
  }

  std::optional<bool> Bool(const toml::table& t, std::string_view key, bool fallback) {
    const toml::node* node = t.get(key);
    if (!node) return fallback;
    if (auto v = node->value<bool>()) return *v;
    Error(node, fmt::format("'{}' must be true or false", key));
    return std::nullopt;
  }

  std::optional<calendar::Date> DateValue(const toml::table& t, std::string_view key, bool required) {
    const toml::node* node = t.get(key);
    if (!node) {
      if (required) Error(t, fmt::format("missing '{}': expected a date like 2024-09-01", key));
      return std::nullopt;
    }
    if (auto d = node->value<toml::date>())
      return calendar::Date{std::chrono::year{d->year}, std::chrono::month{d->month}, std::chrono::day{d->day}};
    Error(node, fmt::format("'{}' must be a date like 2024-09-01 (no quotes)", key));
    return std::nullopt;
  }

  const toml::table* Table(const toml::table& t, std::string_view key, bool required = true) {
    const toml::node* node = t.get(key);
    if (!node) {
      if (required) Error(t, fmt::format("missing [{}] table", key));
      return nullptr;
    }
    if (auto* table = node->as_table()) return table;
    Error(node, fmt::format("'{}' must be a table", key));
    return nullptr;
  }

  // An array of tables ([[key]]); empty when absent and not required.
  std::vector<const toml::table*> Tables(const toml::table& t, std::string_view key, bool required) {
    std::vector<const toml::table*> out;
    const toml::node* node = t.get(key);
    if (!node) {
      if (required) Error(t, fmt::format("missing [[{}]] entries", key));
      return out;
    }
    const auto* array = node->as_array();
    if (!array) {
      Error(node, fmt::format("'{}' must be a list of tables ([[{}]])", key, key));
      return out;
    }
    for (const auto& item : *array) {
      if (const auto* table = item.as_table()) out.push_back(table);
      else Error(&item, fmt::format("each entry of '{}' must be a table", key));
    }
    return out;
  }

  std::vector<std::string> Strings(const toml::table& t, std::string_view key) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
      Error(node, fmt::format("'{}' must be a list of text values", key));
      return out;
    }
    for (const auto& item : *array) {
      if (auto v = item.value<std::string>()) out.push_back(*v);
      else Error(&item, fmt::format("each entry of '{}' must be text", key));
    }
    return out;
  }

  // "09:00" → 540; "24:00" allowed as the end of the day.
  std::optional<int> ClockMinute(const toml::table& t, std::string_view key) {
    auto text = String(t, key);
    if (!text) return std::nullopt;
    const std::string& s = *text;
    if (s.size() == 5 && s[2] == ':' && std::isdigit(s[0]) && std::isdigit(s[1]) && std::isdigit(s[3]) &&
        std::isdigit(s[4])) {
      const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
      if ((h < 24 && m < 60) || (h == 24 && m == 0)) return h * 60 + m;
    }
    Error(t.get(key), fmt::format("'{}' must be a time like \"09:00\" (got \"{}\")", key, s));
    return std::nullopt;
  }

  std::optional<calendar::ClockPeriod> Period(const toml::table& t) {
    auto start = ClockMinute(t, "start");
    auto end = ClockMinute(t, "end");
    if (!start || !end) return std::nullopt;
    if (*end <= *start) {
      Error(t.get("end"), "'end' must be after 'start'");
      return std::nullopt;
    }
    return calendar::ClockPeriod{*start, *end};
  }

  // "Mon-Fri", "Sat", "Sat-Sun", "Mon-Sun" → weekday numbers (0 = Sunday).
  std::vector<unsigned> Days(const toml::table& t) {
    auto text = String(t, "days");
    if (!text) return {};
    std::string s = *text;
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto index = [](std::string_view name) -> int {
      for (int i = 0; i < 7; ++i)
        if (name == kDayNames[i]) return i;
      return -1;
    };
    const auto dash = s.find('-');
    const int from = index(s.substr(0, dash));
    const int to = dash == std::string::npos ? from : index(s.substr(dash + 1));
    if (from < 0 || to < 0) {
      Error(t.get("days"), fmt::format("'days' must be a day or range like \"Mon-Fri\" or \"Sat\" (got \"{}\")", *text));
      return {};
    }
    std::vector<unsigned> days;
    for (int d = from;; d = (d + 1) % 7) {
      days.push_back(static_cast<unsigned>(d));
      if (d == to) break;
    }
    return days;
  }

  // A misspelt setting would otherwise be ignored and its default used without anyone knowing
  // (e.g. "closed_on_bank_holiday"), so every key not in `known` is an error naming the right ones.
  void OnlyKnown(const toml::table& t, std::initializer_list<std::string_view> known) {
    for (const auto& [key, node] : t) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      std::string expected;
      for (auto k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
      Error(&node, fmt::format("unknown setting '{}': expected one of {}", key.str(), expected));
    }
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  PackErrors& errors_;
};

// A UK phone number as people write and dial it: a national number (0 and 9 or 10 more digits, "0300
// 123 4043"), the same with +44 instead of the 0, or a three-digit service number (999, 101, 111).
// Spaces only between digits, so it reads back exactly as the pack wrote it.
bool LooksLikeUkPhoneNumber(std::string_view text) {
  std::string digits;
  std::size_t i = 0;
  const bool international = text.starts_with("+44");
  if (international) i = text.size() > 3 && text[3] == ' ' ? 4 : 3;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') digits += text[i];
    else if (text[i] != ' ' || digits.empty() || i + 1 == text.size() || text[i + 1] == ' ') return false;
  }
  if (international) return !digits.empty() && digits[0] != '0' && (digits.size() == 9 || digits.size() == 10);
  if (digits == "999" || digits == "112" || digits == "101" || digits == "111") return true;
  return digits.size() >= 10 && digits.size() <= 11 && digits[0] == '0';
}

// [[services]] phone and email (ServiceContact): checked here, since they are sent to referrers as
// they are written; each error names the service and the field.
void ReadServiceContact(Reader& r, const toml::table& t, const std::string& service_id, PolicyPack& pack) {
  ServiceContact contact;
  if (auto phone = r.String(t, "phone", false)) {
    if (LooksLikeUkPhoneNumber(*phone)) contact.phone = *phone;
    else
      r.Error(t.get("phone"), fmt::format("service \"{}\": 'phone' must be a UK phone number like \"0300 123 4043\" "
                                          "or \"+44 300 123 4043\", digits and single spaces only (got \"{}\")",
                                          service_id, *phone));
  }
  if (auto email = r.String(t, "email", false)) {
    if (LooksLikeEmail(*email)) contact.email = *email;
    else
      r.Error(t.get("email"), fmt::format("service \"{}\": 'email' must be one e-mail address like "
                                          "\"referrals@example.gov.uk\" (got \"{}\")",
                                          service_id, *email));
  }
  if (!contact.phone.empty() || !contact.email.empty()) pack.service_contacts[service_id] = std::move(contact);
}

std::optional<calendar::ServiceHours> ReadService(Reader& r, const toml::table& t) {
  r.OnlyKnown(t, {"id", "name", "closed_on_bank_holidays", "open_from", "open_until", "hours", "bank_holiday_hours",
                  "phone", "email", "rule", "note", "urgent_route"});
  calendar::ServiceHours service;
  auto id = r.String(t, "id");
  auto name = r.String(t, "name");
  auto closed = r.Bool(t, "closed_on_bank_holidays", true);
  service.open_from = r.DateValue(t, "open_from", false);
  service.open_until = r.DateValue(t, "open_until", false);
  for (const auto* h : r.Tables(t, "hours", true)) {
    r.OnlyKnown(*h, {"days", "start", "end"});
    auto days = r.Days(*h);
    auto period = r.Period(*h);
    if (period)
      for (unsigned d : days) service.weekly.push_back({d, *period});
  }
  for (const auto* h : r.Tables(t, "bank_holiday_hours", false))
    if (r.OnlyKnown(*h, {"start", "end"}); auto period = r.Period(*h)) service.bank_holiday_hours.push_back(*period);
  if (!id || !name || !closed) return std::nullopt;
  service.id = *id;
  service.name = *name;
  service.closed_on_bank_holidays = *closed;
  return service;
}

// IR-1…IR-10: [[information_request_types]]. Check ids, routes and answers are checked against
// what the code implements, since an unknown one would otherwise be silently skipped or refused.
void ReadInformationRequestTypes(Reader& r, const toml::table& root, PolicyPack& pack) {
  for (const auto* t : r.Tables(root, "information_request_types", false)) {
    r.OnlyKnown(*t, {"id", "name", "rule", "description", "checks", "route", "reply_domains", "manager_review",
                     "answers", "subject_access", "lawful_basis"});
    InformationRequestType type;
    type.id = r.String(*t, "id").value_or("");
    type.name = r.String(*t, "name").value_or("");
    type.rule = r.String(*t, "rule").value_or("");
    type.description = r.String(*t, "description", false).value_or("");
    type.checks = r.Strings(*t, "checks");
    for (const auto& c : type.checks)
      if (!IsKnownInformationCheck(c))
        r.Error(t->get("checks"), fmt::format("information request type \"{}\": unknown check \"{}\" in 'checks': expected "
                                              "safeguarding-purpose-or-consent, consent, signed-parental-consent, "
                                              "reasons-and-context, investigatory-body or identity-verified",
                                              type.id, c));
    type.route = r.String(*t, "route", false).value_or(std::string(ir_route::kCaseHolder));
    if (!IsKnownInformationRoute(type.route))
      r.Error(t->get("route"), fmt::format("'route' must be \"case-holder\", \"case-holder-and-legal\" or "
                                           "\"data-protection-team\" (got \"{}\")",
                                           type.route));
    type.reply_domains = r.Strings(*t, "reply_domains");
    type.manager_review = r.Bool(*t, "manager_review", false).value_or(false);
    type.answers = r.String(*t, "answers", false).value_or(std::string(ir_answers::kKnownStatus));
    if (!IsKnownInformationAnswers(type.answers))
      r.Error(t->get("answers"), fmt::format("'answers' must be \"known-status\", \"confirm-involvement\" or "
                                             "\"detailed\" (got \"{}\")",
                                             type.answers));
    type.subject_access = r.Bool(*t, "subject_access", false).value_or(false);
    if (type.subject_access && type.route != ir_route::kDataProtectionTeam)
      r.Error(t->get("subject_access"),
              fmt::format("information request type \"{}\": a subject access request goes to the Data Protection "
                          "Team (IR-9): set route = \"data-protection-team\" or remove 'subject_access'",
                          type.id));
    type.lawful_basis = r.String(*t, "lawful_basis", false).value_or("");
    for (const auto& other : pack.information_request_types)
      if (!type.id.empty() && other.id == type.id)
        r.Error(t->get("id"), fmt::format("information request type id \"{}\" is used twice", type.id));
    pack.information_request_types.push_back(std::move(type));
  }
}

// A request type's `lawful_basis` names one of [[lawful_bases]], which are read after the types.
// REQUIRES: pack.information_request_types and pack.lawful_bases already read.
void CheckInformationRequestBases(Reader& r, const toml::table& root, const PolicyPack& pack) {
  // Read straight from the tables: ReadInformationRequestTypes has already named anything malformed.
  const auto* types = root.get_as<toml::array>("information_request_types");
  if (!types) return;
  for (const auto& node : *types) {
    const auto* t = node.as_table();
    const auto* basis = t ? t->get_as<std::string>("lawful_basis") : nullptr;
    if (!basis || basis->get().empty() || pack.LawfulBasisById(basis->get())) continue;
    const auto* id = t->get_as<std::string>("id");
    r.Error(basis, fmt::format("information request type \"{}\" names lawful basis \"{}\", which no [[lawful_bases]] "
                               "defines",
                               id ? id->get() : std::string(), basis->get()));
  }
}

// Statutory returns (docs/reports.md, docs/policy-packs.md "[returns]"). Every code is checked
// against the census's lists, and every referrer type and outcome must be mapped: an unmapped one
// would otherwise leave a record off a return, or its source blank, without anyone knowing.
// REQUIRES: pack.outcomes already read.
void ReadReturns(Reader& r, const toml::table& root, PolicyPack& pack) {
  const toml::table* t = r.Table(root, "returns", false);
  if (!t) return;
  r.OnlyKnown(*t, {"la_code", "early_help_organisation", "referral_sources", "outcomes"});
  returns::ReturnCodes codes;
  codes.la_code = r.String(*t, "la_code").value_or("");
  if (t->get("la_code") && (codes.la_code.size() != 3 || !std::all_of(codes.la_code.begin(), codes.la_code.end(),
                                                                       [](unsigned char c) { return std::isdigit(c); })))
    r.Error(t->get("la_code"), fmt::format("'la_code' must be the DfE local authority number, three digits like "
                                           "\"919\" (got \"{}\")",
                                           codes.la_code));
  codes.early_help_organisation = r.String(*t, "early_help_organisation", false).value_or("");
  std::string allowed_sources;
  for (auto code : returns::CinReferralSourceCodes()) allowed_sources += (allowed_sources.empty() ? "" : ", ") + std::string(code);
  if (const toml::table* sources = r.Table(*t, "referral_sources")) {
    const auto keys = returns::ReferralSourceKeys();
    for (const auto& [key, node] : *sources) {
      const std::string id(key.str());
      if (std::find(keys.begin(), keys.end(), id) == keys.end()) {
        std::string expected;
        for (const auto& k : keys) expected += (expected.empty() ? "" : ", ") + k;
        r.Error(&node, fmt::format("unknown referrer type '{}': expected one of {}", id, expected));
        continue;
      }
      const auto code = node.value<std::string>();
      if (!code) r.Error(&node, fmt::format("'{}' must be text in quotes", id));
      else if (!returns::IsCinReferralSource(*code))
        r.Error(&node, fmt::format("'{}' must be a CIN census referral source code ({}), got \"{}\"", id,
                                   allowed_sources, *code));
      else codes.referral_sources[id] = *code;
    }
    for (const auto& k : keys)
      if (!sources->get(k)) r.Error(*sources, fmt::format("missing referral source code for '{}'", k));
  }
  if (const toml::table* outcomes = r.Table(*t, "outcomes")) {
    for (const auto& [key, node] : *outcomes) {
      const std::string id(key.str());
      const auto* o = node.as_table();
      if (!o) {
        r.Error(&node, fmt::format("outcome '{}' must be a table like {{ cin_referral = \"further-action\" }}", id));
        continue;
      }
      r.OnlyKnown(*o, {"cin_referral", "primary_need"});
      const auto it = std::find_if(pack.outcomes.begin(), pack.outcomes.end(), [&](const Outcome& x) { return x.id == id; });
      if (it == pack.outcomes.end()) {
        r.Error(&node, fmt::format("[returns.outcomes] names outcome '{}', which this pack's [[outcomes]] do not define", id));
        continue;
      }
      returns::OutcomeReturnCodes mapped;
      if (auto text = r.String(*o, "cin_referral")) {
        if (auto kind = returns::CensusReferralFromId(*text)) mapped.referral = *kind;
        else r.Error(o->get("cin_referral"), fmt::format("'cin_referral' must be \"none\", \"further-action\" or "
                                                          "\"no-further-action\" (got \"{}\")",
                                                          *text));
        // An outcome that makes a referral (HCR-29, KCR-2) is a referral that led to further action;
        // one that does not cannot be.
        const bool makes_referral = it->next == "assessment" || it->next == "section-47";
        if (makes_referral && mapped.referral != returns::CensusReferral::kFurtherAction)
          r.Error(o->get("cin_referral"), fmt::format("outcome '{}' leads to {}, a referral: 'cin_referral' must be "
                                                      "\"further-action\"",
                                                      id, it->next));
        if (!makes_referral && mapped.referral == returns::CensusReferral::kFurtherAction)
          r.Error(o->get("cin_referral"), fmt::format("outcome '{}' leads to {}, which makes no referral: 'cin_referral' "
                                                      "must be \"none\" or \"no-further-action\"",
                                                      id, it->next));
      }
      mapped.primary_need = r.String(*o, "primary_need", false).value_or("");
      if (!mapped.primary_need.empty() && !returns::IsCinPrimaryNeed(mapped.primary_need))
        r.Error(o->get("primary_need"), fmt::format("'primary_need' must be a CIN census primary need code, N0 to N9 "
                                                     "(got \"{}\")",
                                                     mapped.primary_need));
      codes.outcomes[id] = mapped;
    }
    for (const auto& o : pack.outcomes)
      if (!o.id.empty() && !outcomes->get(o.id))
        r.Error(*outcomes, fmt::format("missing census mapping for outcome '{}'", o.id));
  }
  pack.returns = std::move(codes);
}

// Issue 12: [[lawful_bases]], [[partner_agencies]] and [ledger]. All optional; ids unique; the
// ledger's entries must name a basis the pack defines.
void ReadSharing(Reader& r, const toml::table& root, PolicyPack& pack) {
  for (const auto* b : r.Tables(root, "lawful_bases", false)) {
    r.OnlyKnown(*b, {"id", "label", "without_knowledge", "consent"});
    LawfulBasis basis;
    basis.id = r.String(*b, "id").value_or("");
    basis.label = r.String(*b, "label").value_or("");
    basis.without_knowledge = r.Bool(*b, "without_knowledge", false).value_or(false);
    basis.consent = r.Bool(*b, "consent", false).value_or(false);
    if (pack.LawfulBasisById(basis.id)) r.Error(b, fmt::format("lawful basis id \"{}\" is used twice", basis.id));
    if (basis.consent && basis.without_knowledge)
      r.Error(b, "a basis cannot be both the parents' consent and without their knowledge");
    pack.lawful_bases.push_back(basis);
  }
  for (const auto* a : r.Tables(root, "partner_agencies", false)) {
    r.OnlyKnown(*a, {"id", "name"});
    PartnerAgency agency{r.String(*a, "id").value_or(""), r.String(*a, "name").value_or("")};
    if (pack.PartnerAgencyById(agency.id)) r.Error(a, fmt::format("partner agency id \"{}\" is used twice", agency.id));
    pack.partner_agencies.push_back(agency);
  }
  if (const auto* l = r.Table(root, "ledger", false)) {
    r.OnlyKnown(*l, {"referrer_outcome", "information_request", "statutory_returns", "referrer_identity_consent",
                     "referrer_identity_authorised"});
    for (const auto& [key, field] :
         {std::pair{"referrer_outcome", &pack.ledger.referrer_outcome},
          std::pair{"information_request", &pack.ledger.information_request},
          std::pair{"statutory_returns", &pack.ledger.statutory_returns},
          std::pair{"referrer_identity_consent", &pack.ledger.referrer_identity_consent},
          std::pair{"referrer_identity_authorised", &pack.ledger.referrer_identity_authorised}}) {
      *field = r.String(*l, key, false).value_or("");
      if (!field->empty() && !pack.LawfulBasisById(*field))
        r.Error(l->get(key), fmt::format("[ledger] {} names lawful basis \"{}\", which no [[lawful_bases]] defines", key,
                                         *field));
    }
  }
}

void ReadBody(Reader& r, const toml::table& root, const std::string& path, PolicyPack& pack) {
  r.OnlyKnown(root, {"pack", "office_hours", "services", "timescales", "consultation_types",
                     "significant_harm_indicators", "outcomes", "secure_email", "retention", "routing",
                     "chair_consultation_areas", "information_request_types", "returns", "referrer_status",
                     "lawful_bases", "partner_agencies", "ledger", "intake", "decisions"});
  if (const auto* p = r.Table(root, "pack")) {
    r.OnlyKnown(*p, {"authority", "authority_name", "version", "title", "effective_from", "time_zone", "bank_holidays",
                     "bank_holiday_division", "sources"});
    pack.authority = r.String(*p, "authority").value_or("");
    pack.authority_name = r.String(*p, "authority_name").value_or("");
    pack.version = r.String(*p, "version").value_or("");
    pack.title = r.String(*p, "title").value_or("");
    if (auto d = r.DateValue(*p, "effective_from", true)) pack.effective_from = *d;
    pack.time_zone = r.String(*p, "time_zone").value_or("");
    if (p->get("time_zone") && pack.time_zone.empty())
      r.Error(p->get("time_zone"), "'time_zone' must not be empty: expected an IANA name like \"Europe/London\"");
    if (!pack.time_zone.empty()) {
      try {
        calendar::WorkingCalendar probe(pack.time_zone, {});
      } catch (const std::exception&) {
        r.Error(p->get("time_zone"), fmt::format("unknown time zone \"{}\": expected an IANA name like \"Europe/London\"",
                                                 pack.time_zone));
      }
    }
    auto file = r.String(*p, "bank_holidays");
    auto division = r.String(*p, "bank_holiday_division");
    if (file && division) {
      // Relative to the policies folder (the parent of the authority folder).
      const fs::path resolved = fs::path(path).parent_path().parent_path() / *file;
      pack.bank_holiday_file = resolved.string();
      pack.bank_holiday_division = *division;
      auto dates = calendar::LoadBankHolidays(pack.bank_holiday_file, *division);
      if (!dates) r.Error(p->get("bank_holidays"), dates.error());
    }
  }
  if (const auto* office = r.Table(root, "office_hours", false)) {
    r.OnlyKnown(*office, {"start", "end"});
    if (auto period = r.Period(*office)) pack.office_hours = *period;
  }
  for (const auto* s : r.Tables(root, "services", true)) {
    if (auto service = ReadService(r, *s)) {
      for (const auto& other : pack.services)
        if (other.id == service->id) r.Error(s, fmt::format("service id \"{}\" is used twice", service->id));
      ReadServiceContact(r, *s, service->id, pack);
      pack.services.push_back(std::move(*service));
    }
  }
  if (const auto* timescales = r.Table(root, "timescales")) {
    for (const auto& [key, node] : *timescales) {
      const auto* t = node.as_table();
      if (!t) {
        r.Error(&node, fmt::format("timescale '{}' must be a table like {{ within = \"1 working day\", rule = \"KCR-8\" }}",
                                   key.str()));
        continue;
      }
      r.OnlyKnown(*t, {"within", "rule", "description"});
      TimescaleRule rule;
      rule.id = std::string(key.str());
      rule.text = r.String(*t, "within").value_or("");
      rule.rule = r.String(*t, "rule").value_or("");
      rule.description = r.String(*t, "description", false).value_or("");
      if (!rule.text.empty()) {
        auto parsed = calendar::ParseTimescale(rule.text);
        if (!parsed) r.Error(t->get("within"), parsed.error());
        else rule.timescale = *parsed;
      }
      pack.timescales[rule.id] = rule;
    }
  }
  for (const auto* c : r.Tables(root, "consultation_types", false)) {
    r.OnlyKnown(*c, {"id", "name", "service", "named", "preconditions", "eligible_callers", "rule", "note", "retention",
                     "safeguarding_retention", "on_child_record", "advice_routes", "number_emailed"});
    ConsultationType type;
    type.id = r.String(*c, "id").value_or("");
    type.name = r.String(*c, "name").value_or("");
    type.service = r.String(*c, "service", false).value_or("");  // none: not limited to a service's hours
    type.named = r.Bool(*c, "named", false).value_or(false);
    type.preconditions = r.Strings(*c, "preconditions");
    type.eligible_callers = r.Strings(*c, "eligible_callers");
    type.retention = r.String(*c, "retention", false).value_or("consultation");
    type.safeguarding_retention = r.String(*c, "safeguarding_retention", false).value_or("");
    type.on_child_record = r.String(*c, "on_child_record", false).value_or("never");
    if (type.on_child_record != "never" && type.on_child_record != "when-safeguarding" && type.on_child_record != "always")
      r.Error(c->get("on_child_record"), "'on_child_record' must be \"never\", \"when-safeguarding\" or \"always\"");
    if (type.on_child_record != "never" && !type.named)
      r.Error(c->get("on_child_record"), "a consultation about no named child cannot go on the child's record (FDS-7)");
    type.advice_routes = r.Strings(*c, "advice_routes");
    type.number_emailed = r.Bool(*c, "number_emailed", false).value_or(false);
    if (!type.service.empty() && !pack.Service(type.service))
      r.Error(c->get("service"), fmt::format("consultation type \"{}\" names service \"{}\", which this pack does not "
                                             "define",
                                             type.id, type.service));
    pack.consultation_types.push_back(type);
  }
  // HCR-7: a caller a line takes must be one the request form can offer, or nobody could ask.
  for (const auto* c : r.Tables(root, "consultation_types", false))
    for (const auto& caller : r.Strings(*c, "eligible_callers")) {
      const auto referrer = ReferrerTypeFromId(caller);
      const bool extra = std::any_of(kConsultationOnlyCallers.begin(), kConsultationOnlyCallers.end(),
                                     [&](const ConsultationCaller& k) { return k.id == caller; });
      if ((!referrer || !IsProfessional(*referrer)) && !extra) {
        std::string kinds;
        for (const auto& k : kConsultationOnlyCallers) kinds += (kinds.empty() ? "" : ", ") + std::string(k.id);
        r.Error(c->get("eligible_callers"),
                fmt::format("eligible caller \"{}\" is neither a professional kind of referrer nor a kind of "
                            "consultation caller ({})",
                            caller, kinds));
      }
    }
  for (const auto* i : r.Tables(root, "significant_harm_indicators", true))
    if (r.OnlyKnown(*i, {"id", "label"}); true) pack.significant_harm_indicators.push_back({r.String(*i, "id").value_or(""), r.String(*i, "label").value_or("")});
  for (const auto* o : r.Tables(root, "outcomes", true))
    if (r.OnlyKnown(*o, {"id", "label", "next"}); true) pack.outcomes.push_back(
        {r.String(*o, "id").value_or(""), r.String(*o, "label").value_or(""), r.String(*o, "next").value_or("")});
  if (const auto* email = r.Table(root, "secure_email")) {
    r.OnlyKnown(*email, {"domains"});
    pack.secure_email_domains = r.Strings(*email, "domains");
    if (pack.secure_email_domains.empty()) r.Error(*email, "'domains' must list at least one secure e-mail domain");
  }
  if (const auto* routing = r.Table(root, "routing", false)) {
    r.OnlyKnown(*routing, {"intake_service", "out_of_hours_service", "red_forms_need_hub_consultation", "referral_team",
                           "urgent_advice", "legal_helpdesk_email", "fast_track_indicators"});
    pack.routing.intake_service = r.String(*routing, "intake_service", false).value_or("");
    pack.routing.out_of_hours_service = r.String(*routing, "out_of_hours_service", false).value_or("");
    pack.routing.red_forms_need_hub_consultation =
        r.Bool(*routing, "red_forms_need_hub_consultation", false).value_or(false);
    pack.routing.referral_team = r.String(*routing, "referral_team", false).value_or("Assessment team");
    pack.routing.urgent_advice = r.String(*routing, "urgent_advice", false).value_or("");
    // Said to the public (the portal's warning, its receipt, its "not sent" page): in their words, so
    // no rule id ("HCR-12"), which staff pages may cite but a member of the public cannot follow.
    if (ContainsRuleId(pack.routing.urgent_advice))
      r.Error(routing->get("urgent_advice"), "urgent_advice is shown to the public: leave out rule ids such as HCR-12");
    pack.routing.legal_helpdesk_email = r.String(*routing, "legal_helpdesk_email", false).value_or("");
    if (const auto& e = pack.routing.legal_helpdesk_email;
        !e.empty() && (e.find('@') == std::string::npos || e.find(' ') != std::string::npos))
      r.Error(routing->get("legal_helpdesk_email"), "legal_helpdesk_email must be one e-mail address");
    // HCR-13: each names one of this pack's significant-harm indicators, so a misspelt id cannot
    // silently switch the fast track off.
    if (const toml::node* fast = routing->get("fast_track_indicators")) {
      pack.routing.fast_track_indicators = r.Strings(*routing, "fast_track_indicators");
      for (const auto& id : pack.routing.fast_track_indicators)
        if (std::none_of(pack.significant_harm_indicators.begin(), pack.significant_harm_indicators.end(),
                         [&](const auto& i) { return i.id == id; }))
          r.Error(fast, fmt::format("fast_track_indicators names indicator \"{}\", which [[significant_harm_indicators]] "
                                    "does not define",
                                    id));
    }
    for (const char* key : {"intake_service", "out_of_hours_service"}) {
      const std::string& id = std::string_view(key) == "intake_service" ? pack.routing.intake_service
                                                                         : pack.routing.out_of_hours_service;
      if (!id.empty() && !pack.Service(id))
        r.Error(routing->get(key), fmt::format("routing names service \"{}\", which this pack does not define", id));
    }
  }
  // Each authority's own intake rules, off unless its pack sets them (docs/policy-packs.md "[intake]").
  if (const auto* intake = r.Table(root, "intake", false)) {
    r.OnlyKnown(*intake, {"red_and_green_forms", "health_contacts_need_nhs_number", "health_contacts_need_form",
                          "urgent_timescales", "received_days_before", "passed_on_recorded"});
    if (const toml::node* days = intake->get("received_days_before")) {
      const auto value = days->value<int64_t>();
      if (!value || *value < 0 || *value > 31)
        r.Error(days, "'received_days_before' must be a whole number of days from 0 to 31");
      else pack.intake.received_days_before = static_cast<int>(*value);
    }
    pack.intake.red_and_green_forms = r.Bool(*intake, "red_and_green_forms", false).value_or(false);
    pack.intake.health_contacts_need_nhs_number =
        r.Bool(*intake, "health_contacts_need_nhs_number", false).value_or(false);
    pack.intake.health_contacts_need_form = r.Bool(*intake, "health_contacts_need_form", false).value_or(false);
    if (pack.intake.health_contacts_need_form && !pack.intake.red_and_green_forms)
      r.Error(intake->get("health_contacts_need_form"),
              "health_contacts_need_form asks for a red or green form: set red_and_green_forms = true as well");
    if (intake->get("urgent_timescales")) {
      pack.intake.urgent_timescales = r.Strings(*intake, "urgent_timescales");
      for (const auto& id : pack.intake.urgent_timescales)
        if (!pack.Timescale(id))
          r.Error(intake->get("urgent_timescales"),
                  fmt::format("urgent_timescales names timescale \"{}\", which [timescales] does not define", id));
    }
    pack.intake.passed_on_recorded = r.String(*intake, "passed_on_recorded", false).value_or("");
    if (intake->get("passed_on_recorded") && !pack.intake.passed_on_recorded.empty() &&
        !pack.Timescale(pack.intake.passed_on_recorded))
      r.Error(intake->get("passed_on_recorded"),
              fmt::format("passed_on_recorded names timescale \"{}\", which [timescales] does not define (name one "
                          "there, like passed-on-recorded = {{ within = \"1 working day\", rule = \"HCR-5\", "
                          "description = \"...\" }})",
                          pack.intake.passed_on_recorded));
  }
  if (pack.routing.red_forms_need_hub_consultation && !pack.intake.red_and_green_forms) {
    if (const auto* routing = r.Table(root, "routing", false))
      r.Error(routing->get("red_forms_need_hub_consultation"),
              "red_forms_need_hub_consultation is about red forms: set red_and_green_forms = true in [intake] as well");
  }
  if (const auto* decisions = r.Table(root, "decisions", false)) {
    r.OnlyKnown(*decisions, {"protective_factors_before_transfer"});
    pack.decisions.protective_factors_before_transfer =
        r.Bool(*decisions, "protective_factors_before_transfer", false).value_or(false);
  }
  // Issue 12 point 3: how long a referrer's status link works.
  if (const auto* status = r.Table(root, "referrer_status", false)) {
    r.OnlyKnown(*status, {"link_valid_days"});
    const toml::node* days = status->get("link_valid_days");
    if (days) {
      const auto value = days->value<int64_t>();
      if (!value || *value < 1 || *value > 3660)
        r.Error(days, "'link_valid_days' must be a whole number of days from 1 to 3660");
      else pack.status_link_days = static_cast<int>(*value);
    }
  }
  for (const auto* k : r.Tables(root, "retention", false)) {
    r.OnlyKnown(*k, {"record", "years", "from", "basis"});
    RetentionPeriod period;
    period.record = r.String(*k, "record").value_or("");
    period.basis = r.String(*k, "basis", false).value_or("");
    if (auto from = r.String(*k, "from", false)) {
      if (auto trigger = RetentionTriggerFromId(*from)) period.from = *trigger;
      else r.Error(k->get("from"), "'from' must be \"created\", \"closed\" or \"date-of-birth\"");
    }
    const toml::node* years = k->get("years");
    if (!years || !years->value<int64_t>() || *years->value<int64_t>() < 1)
      r.Error(years ? years : static_cast<const toml::node*>(k), "'years' must be a whole number of at least 1");
    else period.years = static_cast<int>(*years->value<int64_t>());
    pack.retention.push_back(period);
  }
  // Point 7 of the consultations work: every consultation record carries a retention class, so
  // each type must name one the pack defines.
  for (const auto* c : r.Tables(root, "consultation_types", false)) {
    const std::string id = r.String(*c, "id").value_or("");
    for (const auto& type : pack.consultation_types)
      for (const auto& [key, cls] : {std::pair{"retention", type.retention},
                                     std::pair{"safeguarding_retention", type.safeguarding_retention}})
        if (type.id == id && !cls.empty() && !pack.Retention(cls))
          r.Error(c->get(key) ? c->get(key) : static_cast<const toml::node*>(c),
                  fmt::format("consultation type \"{}\" is kept under retention class \"{}\", which no [[retention]] "
                              "table defines",
                              id, cls));
  }
  for (const auto* a : r.Tables(root, "chair_consultation_areas", false)) {
    r.OnlyKnown(*a, {"id", "name", "inbox"});
    ChairConsultationArea area{r.String(*a, "id").value_or(""), r.String(*a, "name").value_or(""),
                               r.String(*a, "inbox").value_or("")};
    if (!area.inbox.empty() && area.inbox.find('@') == std::string::npos)
      r.Error(a->get("inbox"), "'inbox' must be an e-mail address");
    pack.chair_consultation_areas.push_back(area);
  }
  ReadInformationRequestTypes(r, root, pack);
  ReadReturns(r, root, pack);
  ReadSharing(r, root, pack);
  CheckInformationRequestBases(r, root, pack);
}

}  // namespace

std::string PackError::ToString() const {
  if (line > 0) return fmt::format("{}:{}:{}: {}", file, line, column, message);
  return fmt::format("{}: {}", file, message);
}

const RetentionPeriod* PolicyPack::Retention(const std::string& record) const {
  for (const auto& r : retention)
    if (r.record == record) return &r;
  return nullptr;
}

const InformationRequestType* PolicyPack::InformationRequestTypeById(const std::string& id) const {
  for (const auto& t : information_request_types)
    if (t.id == id) return &t;
  return nullptr;
}

const LawfulBasis* PolicyPack::LawfulBasisById(const std::string& id) const {
  for (const auto& b : lawful_bases)
    if (b.id == id) return &b;
  return nullptr;
}

const PartnerAgency* PolicyPack::PartnerAgencyById(const std::string& id) const {
  for (const auto& a : partner_agencies)
    if (a.id == id) return &a;
  return nullptr;
}

bool PolicyPack::HasHubAdvice() const {
  return std::any_of(consultation_types.begin(), consultation_types.end(),
                     [](const ConsultationType& t) { return !t.advice_routes.empty(); });
}

bool PolicyPack::Cites(std::string_view rule_id) const {
  const auto family = rule_id.substr(0, rule_id.find('-'));
  if (family.empty() || family.size() == rule_id.size()) return false;
  auto same = [&](std::string_view rule) { return rule.substr(0, rule.find('-')) == family; };
  for (const auto& [id, t] : timescales)
    if (same(t.rule)) return true;
  for (const auto& t : information_request_types)
    if (same(t.rule)) return true;
  return false;
}

const calendar::ServiceHours* PolicyPack::HubService() const {
  for (const auto& t : consultation_types)
    if (!t.advice_routes.empty()) return Service(t.service);
  return nullptr;
}

ServiceContact PolicyPack::ContactOf(const std::string& service_id) const {
  auto it = service_contacts.find(service_id);
  return it == service_contacts.end() ? ServiceContact{} : it->second;
}

const calendar::ServiceHours* PolicyPack::Service(const std::string& id) const {
  for (const auto& s : services)
    if (s.id == id) return &s;
  return nullptr;
}

const TimescaleRule* PolicyPack::Timescale(const std::string& id) const {
  auto it = timescales.find(id);
  return it == timescales.end() ? nullptr : &it->second;
}

namespace {

// Both LoadPack and ParsePack: the TOML parsed (or its syntax error), then every rule checked.
template <typename ParseToml>
std::expected<PolicyPack, PackErrors> ReadPack(const std::string& path, ParseToml parse_toml) {
  PackErrors errors;
  toml::table root;
  try {
    root = parse_toml();
  } catch (const toml::parse_error& e) {
    errors.push_back({path, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                      std::string(e.description())});
    return std::unexpected(errors);
  }
  PolicyPack pack;
  pack.file = path;
  Reader reader(path, errors);
  ReadBody(reader, root, path, pack);
  if (!errors.empty()) return std::unexpected(errors);
  return pack;
}

}  // namespace

std::expected<PolicyPack, PackErrors> LoadPack(const std::string& path) {
  return ReadPack(path, [&] { return toml::parse_file(path); });
}

std::expected<PolicyPack, PackErrors> ParsePack(std::string_view text, const std::string& path) {
  return ReadPack(path, [&] { return toml::parse(text, path); });
}

std::expected<std::vector<PolicyPack>, PackErrors> LoadAuthority(const std::string& folder) {
  PackErrors errors;
  std::vector<PolicyPack> packs;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  if (ec) return std::unexpected(PackErrors{{folder, 0, 0, "cannot be read: " + ec.message()}});
  std::sort(files.begin(), files.end());
  if (files.empty()) return std::unexpected(PackErrors{{folder, 0, 0, "holds no policy pack (*.toml)"}});
  for (const auto& file : files) {
    auto pack = LoadPack(file.string());
    if (!pack) errors.insert(errors.end(), pack.error().begin(), pack.error().end());
    else packs.push_back(std::move(*pack));
  }
  for (std::size_t i = 1; i < packs.size(); ++i)
    if (packs[i].authority != packs[0].authority)
      errors.push_back({packs[i].file, 0, 0, fmt::format("authority \"{}\" differs from \"{}\" in {}", packs[i].authority,
                                                         packs[0].authority, packs[0].file)});
  for (std::size_t i = 0; i < packs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (packs[i].effective_from == packs[j].effective_from)
        errors.push_back({packs[i].file, 0, 0,
                          fmt::format("takes effect on the same date as {}: each version needs its own effective_from",
                                      packs[j].file)});
  if (!errors.empty()) return std::unexpected(errors);
  std::sort(packs.begin(), packs.end(), [](const PolicyPack& a, const PolicyPack& b) {
    return std::chrono::sys_days{a.effective_from} < std::chrono::sys_days{b.effective_from};
  });
  return packs;
}

std::expected<std::vector<PolicyPack>, PackErrors> LoadPolicy(const std::string& path) {
  if (fs::is_directory(path)) return LoadAuthority(path);
  auto pack = LoadPack(path);
  if (!pack) return std::unexpected(pack.error());
  return std::vector<PolicyPack>{std::move(*pack)};
}

const PolicyPack* VersionInForce(const std::vector<PolicyPack>& versions, calendar::Date date) {
  const PolicyPack* found = nullptr;
  for (const auto& v : versions)
    if (std::chrono::sys_days{v.effective_from} <= std::chrono::sys_days{date}) found = &v;
  return found;
}

calendar::WorkingCalendar CalendarFor(const PolicyPack& pack) {
  auto dates = calendar::LoadBankHolidays(pack.bank_holiday_file, pack.bank_holiday_division);
  if (!dates) throw std::runtime_error(dates.error());
  return calendar::WorkingCalendar(pack.time_zone, std::move(*dates), pack.office_hours);
}

namespace {

std::string IsoDate(calendar::Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

constexpr const char* kUpdateHowTo =
    "download the newer list from https://www.gov.uk/bank-holidays.json and install it with "
    "`frontdoor calendar import FILE` (docs/policy-packs.md \"Bank holidays\")";

}  // namespace

std::optional<std::string> BankHolidayWarning(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                              calendar::Date today) {
  const auto until = calendar.HolidaysKnownUntil();
  const auto horizon = std::chrono::sys_days(today + kBankHolidayWarningAhead);
  if (until && std::chrono::sys_days(*until) >= horizon) return std::nullopt;
  const std::string file = std::filesystem::path(pack.bank_holiday_file).filename().string();
  if (!until) return fmt::format("the bank-holiday list {} has no bank holidays for {}: {}", file,
                                 pack.bank_holiday_division, kUpdateHowTo);
  return fmt::format("the bank-holiday list {} ({}) ends on {}{}; working days after it would count bank holidays as "
                     "working days: {}",
                     file, pack.bank_holiday_division, IsoDate(*until),
                     std::chrono::sys_days(*until) < std::chrono::sys_days(today) ? ", which has passed"
                                                                                  : ", less than 12 months away",
                     kUpdateHowTo);
}

std::string BankHolidaysUnknownMessage(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                       calendar::Date date) {
  const auto until = calendar.HolidaysKnownUntil();
  return fmt::format("the bank holidays of {} are not known: the list {} ends on {}, so the answer could fall on a "
                     "bank holiday; {}",
                     IsoDate(date), std::filesystem::path(pack.bank_holiday_file).filename().string(),
                     until ? IsoDate(*until) : std::string("(empty)"), kUpdateHowTo);
}

}  // namespace fd::policy
