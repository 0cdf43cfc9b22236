#include "domain/screening.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "domain/text.h"

namespace fd {
namespace {

constexpr std::size_t kMaxAnswerLength = 10000;

std::optional<Answer> ParseAnswer(const std::string& text, bool allow_not_known) {
  auto a = AnswerFromId(text);
  if (!a || *a == Answer::kNotAsked) return std::nullopt;
  if (*a == Answer::kNotKnown && !allow_not_known) return std::nullopt;
  return a;
}

}  // namespace

const std::vector<ScreeningQuestion>& ScreeningQuestions() {
  static const std::vector<ScreeningQuestion> questions = {
      {"nature", "The nature of the concern", "KCR-11"},
      {"how_arose", "How and why the concern arose", "KCR-11"},
      {"needs", "The child's apparent needs", "KCR-11"},
      {"child_location", "Where the child is now", "HCR-30"},
      {"last_seen", "When the child was last seen, and by whom", "HCR-30"},
      {"family_known", "Whether the child, siblings, other children or adults in the household are or were known",
       "HCR-30"},
  };
  return questions;
}

SharingBlock SharingBlockFor(const Screening* screening, bool asking_the_police) {
  const bool consent_recorded = screening && screening->consent != Consent::kNotRecorded;
  const bool police_first = screening && screening->crime_possible == Answer::kYes && asking_the_police;
  if (!consent_recorded && !police_first) return SharingBlock::kConsentNotRecorded;
  if (screening->NeedsSharingAuthorisation() && !screening->SharingAuthorised()) return SharingBlock::kNeedsAuthorisation;
  return SharingBlock::kNone;
}

bool NamesThePolice(std::string_view agency_words) {
  std::string words(agency_words);
  for (auto& c : words) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return words.find("police") != std::string::npos;
}

std::string_view ConsentId(Consent consent) {
  switch (consent) {
    case Consent::kInformedAgreed: return "informed_agreed";
    case Consent::kInformedOnly: return "informed_only";
    case Consent::kNotInformed: return "not_informed";
    case Consent::kNotRecorded: break;
  }
  return "";
}

std::string_view ConsentTitle(Consent consent) {
  switch (consent) {
    case Consent::kInformedAgreed: return "Parents informed and agreed to information being shared";
    case Consent::kInformedOnly: return "Parents informed only";
    case Consent::kNotInformed: return "Parents not informed and not agreed";
    case Consent::kNotRecorded: break;
  }
  return "Not recorded yet";
}

std::optional<Consent> ConsentFromId(std::string_view id) {
  for (Consent c : {Consent::kInformedAgreed, Consent::kInformedOnly, Consent::kNotInformed})
    if (ConsentId(c) == id) return c;
  return std::nullopt;
}

const std::vector<NotInformedReason>& NotInformedReasons() {
  static const std::vector<NotInformedReason> reasons = {
      {"prompt_harm", "Informing them would prompt harm to the child"},
      {"unreasonable_delay", "Informing them would cause unreasonable delay"},
      {"loss_of_evidence", "Informing them risks the loss of evidence"},
      {"staff_at_risk", "Informing them would put staff at risk"},
      {"informs_section_47", "The information is likely to inform a Section 47 decision"},
  };
  return reasons;
}

Result<Screening> ApplyScreeningDraft(const Screening& current, const ScreeningDraft& draft) {
  Screening s = current;
  std::vector<FieldError> errors;
  const auto& questions = ScreeningQuestions();
  for (const auto& [id, text] : draft.answers) {
    auto q = std::find_if(questions.begin(), questions.end(), [&](const auto& x) { return x.id == id; });
    if (q == questions.end()) {
      const auto& items = InformationItems();
      const bool checklist = std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.id == id; });
      errors.push_back({"answers." + id,
                        checklist ? fmt::format("'{}' is an item of the referral checklist (KCR-7), not a screening "
                                                "question: send it in \"information\"",
                                                id)
                                  : fmt::format("'{}' is not a screening question", id)});
      continue;
    }
    if (auto problem = CheckText(text, kMaxAnswerLength, true, q->title)) {
      errors.push_back({"answers." + id, *problem});
      continue;
    }
    if (Trim(text).empty()) s.answers.erase(id);
    else s.answers[id] = text;
  }
  auto answer = [&](const std::string& text, const char* field, Answer& out, bool allow_not_known, const char* what) {
    if (text.empty()) return;
    if (auto a = ParseAnswer(text, allow_not_known)) out = *a;
    else errors.push_back({field, fmt::format("Answer '{}' with {}", what, allow_not_known ? "yes, no or not known" : "yes or no")});
  };
  answer(draft.significant_harm, "significant_harm", s.significant_harm, true, "Does it involve significant harm?");
  answer(draft.urgent_action, "urgent_action", s.urgent_action, false,
         "Is urgent action needed for this or any child in the household?");
  answer(draft.crime_possible, "crime_possible", s.crime_possible, false, "May a crime have been committed?");
  answer(draft.police_protection, "police_protection", s.police_protection, false,
         "Has a child been taken into police protection?");
  if (!draft.consent.empty()) {
    if (auto c = ConsentFromId(draft.consent)) {
      s.consent = *c;
      if (*c != Consent::kNotInformed) {
        s.not_informed_reason.clear();
        s.not_informed_detail.clear();
      }
    } else {
      errors.push_back({"consent", "Choose one: parents informed and agreed, informed only, or not informed"});
    }
  }
  if (s.consent == Consent::kNotInformed) {
    if (!draft.not_informed_reason.empty() || s.not_informed_reason.empty()) {
      const auto& reasons = NotInformedReasons();
      if (std::none_of(reasons.begin(), reasons.end(), [&](const auto& r) { return r.id == draft.not_informed_reason; })) {
        // The reasons by id, so an API caller learns the accepted values from the refusal itself.
        std::string ids;
        for (std::size_t i = 0; i < reasons.size(); ++i)
          ids += fmt::format("{}{}", i == 0 ? "" : i + 1 == reasons.size() ? " or " : ", ", reasons[i].id);
        errors.push_back({"not_informed_reason",
                          fmt::format("Parents may be left uninformed only for a recorded reason: choose why (HCR-25): {}",
                                      ids)});
      } else {
        s.not_informed_reason = draft.not_informed_reason;
      }
    }
    if (!draft.not_informed_detail.empty()) {
      if (auto problem = CheckText(draft.not_informed_detail, kMaxAnswerLength, true, "The detail"))
        errors.push_back({"not_informed_detail", *problem});
      else s.not_informed_detail = draft.not_informed_detail;
    }
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return s;
}

std::vector<ScreeningTask> ScreeningTasks(const Screening& s, const ScreeningFacts& facts) {
  std::vector<ScreeningTask> tasks;
  for (const auto& q : ScreeningQuestions())
    tasks.push_back({std::string("answers.") + std::string(q.id), std::string(q.title), std::string(q.rule),
                     s.answers.contains(std::string(q.id))});
  tasks.push_back({"significant_harm", "Whether it involves significant harm", "KCR-11",
                   s.significant_harm != Answer::kNotAsked});
  tasks.push_back({"urgent_action", "Whether urgent action is needed for this or any child in the household", "KCR-11",
                   s.urgent_action != Answer::kNotAsked});
  tasks.push_back({"household", "The four household questions asked of the referrer", "KCR-6", facts.household_answered});
  std::string checks_title = "Record checks: known, child protection plan, looked after, household";
  if (!facts.record_checks_withheld_ask.empty())
    checks_title +=
        fmt::format(". Answers withheld on a restricted record: ask {} to run them", facts.record_checks_withheld_ask);
  tasks.push_back({"record_checks", std::move(checks_title), "KCR-10, HCR-30", facts.record_checks_done});
  tasks.push_back({"consent", "Consent and informing parents", "HCR-25", s.consent != Consent::kNotRecorded});
  if (s.NeedsSharingAuthorisation())
    tasks.push_back({"sharing_authorisation", "A team manager's authorisation to share without the parents' knowledge",
                     "KCR-15", s.SharingAuthorised()});
  tasks.push_back({"crime_possible", "Whether a crime may have been committed", "KCR-13",
                   s.crime_possible != Answer::kNotAsked});
  if (s.crime_possible == Answer::kYes || facts.police_notification_pending)
    tasks.push_back({"police_notification", "Police notified, with the time", "KCR-13", !facts.police_notification_pending});
  return tasks;
}

std::vector<FieldError> WhatBlocksCompletion(const Screening& s, const ScreeningFacts& facts) {
  std::vector<FieldError> blocks;
  for (const auto& t : ScreeningTasks(s, facts))
    if (!t.done) blocks.push_back({t.id, fmt::format("Still to do: {} ({})", t.title, t.rule)});
  return blocks;
}

}  // namespace fd
