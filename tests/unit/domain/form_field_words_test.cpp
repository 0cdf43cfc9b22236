// What a person typed, said back in the form's words (admin review finding 10: the 503 page showed
// "The form key 3okr…" and "The children-0-first names"; finding 6: the sign-in page after a session
// ended keeps what was typed). RULE KCR-18: nothing typed is lost, and nothing secret comes back.
#include "domain/form_field_words.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

TEST(FormFieldWords, LabelsSayTheBoxAsThePersonReadsIt) {
  EXPECT_EQ(FormFieldLabel("children-0-first_names"), "First names of child 1");
  EXPECT_EQ(FormFieldLabel("children-1-date_of_birth"), "Date of birth of child 2");
  EXPECT_EQ(FormFieldLabel("child.last_name"), "Child's last name");
  EXPECT_EQ(FormFieldLabel("referrer_name"), "Referrer's name");
  EXPECT_EQ(FormFieldLabel("concern"), "Concern");
}

TEST(FormFieldWords, KCR18_FormKeysVersionsAndSecretsAreNotShownAndDatesAreOneAnswer) {
  const FormPairs typed = {{"csrf_token", "abc"},
                           {"form_key", "3okr9x"},
                           {"version", "4"},
                           {"action", "submit"},
                           {"password", "hunter2"},
                           {"children-0-first_names", "Mia"},
                           {"children-0-date_of_birth-day", "14"},
                           {"children-0-date_of_birth-month", "5"},
                           {"children-0-date_of_birth-year", "2017"},
                           {"concern", "Left alone"},
                           {"empty", " "}};
  const auto answers = TypedAnswers(typed);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].label, "First names of child 1");
  EXPECT_EQ(answers[0].value, "Mia");
  EXPECT_EQ(answers[1].label, "Date of birth of child 1");
  EXPECT_EQ(answers[1].value, "14 5 2017");
  EXPECT_EQ(answers[2].label, "Concern");
  EXPECT_TRUE(NeverKeptFromForm("csrf_token"));
  EXPECT_TRUE(NeverKeptFromForm("new_password_again"));
  EXPECT_FALSE(NeverKeptFromForm("form_key"));  // sent again, so sending twice still records once
  EXPECT_TRUE(HiddenFromPerson("form_key"));
}

}  // namespace
}  // namespace fd
