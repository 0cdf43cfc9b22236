#include "domain/intake.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/named_values.h"

namespace fd {
namespace {

constexpr std::array<Named<Channel>, 6> kChannels = {{
    {Channel::kPhone, "phone", "Phone call"},
    {Channel::kEmail, "email", "E-mail"},
    {Channel::kPortal, "portal", "Request for Support portal"},
    {Channel::kForm, "form", "Request form"},
    {Channel::kInPerson, "in_person", "In person"},
    {Channel::kPoliceNotification, "police_notification", "Police notification"},
}};

constexpr std::array<Named<Answer>, 4> kAnswers = {{
    {Answer::kNotAsked, "not_asked", "Not asked yet"},
    {Answer::kYes, "yes", "Yes"},
    {Answer::kNo, "no", "No"},
    {Answer::kNotKnown, "not_known", "Not known"},
}};

constexpr std::array<Named<FormKind>, 3> kForms = {{
    {FormKind::kNone, "", "No form"},
    {FormKind::kRed, "red", "Red form: child protection"},
    {FormKind::kGreen, "green", "Green form: service request"},
}};

constexpr std::array<Named<ChildRole>, 2> kChildRoles = {{
    {ChildRole::kSubject, "subject", "Child the concern is about"},
    {ChildRole::kHarmingChild, "harming_child", "Child said to have caused the harm"},
}};

}  // namespace

std::string_view ChannelId(Channel channel) { return IdOf(kChannels, channel); }
std::string_view ChannelTitle(Channel channel) { return TitleOf(kChannels, channel); }
std::optional<Channel> ChannelFromId(std::string_view id) { return FromId(kChannels, id); }

std::string_view AnswerId(Answer answer) { return IdOf(kAnswers, answer); }
std::string_view AnswerTitle(Answer answer) { return TitleOf(kAnswers, answer); }
std::optional<Answer> AnswerFromId(std::string_view id) { return FromId(kAnswers, id); }

std::string_view FormKindId(FormKind form) { return IdOf(kForms, form); }
std::optional<FormKind> FormKindFromId(std::string_view id) { return FromId(kForms, id); }

std::string_view ChildRoleId(ChildRole role) { return IdOf(kChildRoles, role); }
std::optional<ChildRole> ChildRoleFromId(std::string_view id) { return FromId(kChildRoles, id); }

const std::array<HouseholdQuestion, 4>& HouseholdQuestions() {
  static const std::array<HouseholdQuestion, 4> questions = {{
      {"domestic_abuse", "Domestic abuse in the household"},
      {"mental_illness", "Mental illness in the household"},
      {"substance_misuse", "Substance misuse in the household"},
      {"learning_difficulties", "Learning difficulties in the household"},
  }};
  return questions;
}

void ReadHouseholdAnswers(const std::map<std::string, std::string>& given, const std::string& prefix,
                          std::array<Answer, 4>& household, std::vector<FieldError>& errors) {
  const auto& questions = HouseholdQuestions();
  for (const auto& [id, answer] : given) {
    auto q = std::find_if(questions.begin(), questions.end(), [&](const auto& h) { return h.id == id; });
    if (q == questions.end()) {
      errors.push_back({prefix + "." + id, "Not a household question: use domestic_abuse, mental_illness, "
                                           "substance_misuse or learning_difficulties"});
      continue;
    }
    auto a = AnswerFromId(answer);
    if (!a) {
      errors.push_back({prefix + "." + id, fmt::format("Answer '{}' with yes, no or not known", q->title)});
      continue;
    }
    household[static_cast<std::size_t>(q - questions.begin())] = *a;
  }
}

const std::vector<InformationItem>& InformationItems() {
  static const std::vector<InformationItem> items = {
      {"children_names", "Children's full names", false},
      {"children_dates_of_birth", "Children's dates of birth", false},
      {"children_gender", "Children's gender", false},
      {"address", "Family address", false},
      {"school", "School or nursery", false},
      {"parental_responsibility", "Who holds parental responsibility", true},
      {"household_members", "Household members and their dates of birth", true},
      {"identity", "Ethnicity, first language and religion", true},
      {"special_needs", "Special needs and communication", true},
      {"significant_events", "Significant events", true},
      {"concern", "Cause for concern: allegations, sources, timing, location", false},
      {"child_location", "Where the child is now, and their condition", true},
      {"immediate_protection", "Whether immediate protection is needed", true},
      {"alleged_perpetrator", "Alleged perpetrator", true},
      {"referrer_knowledge", "Referrer's relationship to the child and what they know", true},
      {"other_agencies", "Other agencies involved", true},
      {"parents_knowledge", "Parents' knowledge of and agreement to the referral", true},
  };
  return items;
}

bool Intake::HouseholdAnswered() const {
  return std::none_of(household.begin(), household.end(), [](Answer a) { return a == Answer::kNotAsked; });
}

}  // namespace fd
