#include "domain/field_words.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

// The message names the field in words; its id is for the error's `field`, never the message's start.
TEST(FieldWords, NamesTheFieldAsPeopleDo) {
  EXPECT_EQ(FieldWords("referrer.name"), "The referrer's name");
  EXPECT_EQ(FieldWords("children[0].first_names"), "The first names of child 1");
  EXPECT_EQ(FieldWords("children[1]"), "Child 2");
  EXPECT_EQ(FieldWords("adults[0].role"), "The role of adult 1");
  EXPECT_EQ(FieldWords("intake.indicators[2]"), "Indicator 3");
  EXPECT_EQ(FieldWords("intake.channel"), "The channel");
  EXPECT_EQ(FieldWords("child.date_of_birth"), "The child's date of birth");
  EXPECT_EQ(FieldWords("requester_email"), "The requester's e-mail address");
  EXPECT_EQ(FieldWords("nhs_number"), "The NHS number");
  EXPECT_EQ(FieldWords("referrer.anonymous"), "Whether the referrer is anonymous");
  EXPECT_EQ(FieldWords("something_new"), "The something new");  // an id not known is spelt out
}

TEST(FieldWords, MessagesSayWhatToSend) {
  EXPECT_EQ(NotTextMessage("referrer.name"), "The referrer's name must be text, in quotes, like \"Sam Jones\"");
  EXPECT_EQ(NotTextMessage("concern"), "The concern must be text, in quotes");
  EXPECT_EQ(NotTextMessage("intake.household.parents"),
            "The answer to household question \"parents\" must be text, in quotes, like \"yes\"");
  EXPECT_EQ(NotTrueOrFalseMessage("intake.harm_by_another_child"),
            "Whether the harm is by another child must be true or false, without quotes");
  EXPECT_EQ(NotAListMessage("children"), "The children must be a list, in square brackets");
  EXPECT_EQ(NotAListMessage("intake.indicators", "indicator ids"),
            "The indicators must be a list, in square brackets, of indicator ids");
  EXPECT_EQ(NotAnObjectMessage("children[0]"), "Child 1 must be an object, in braces");
  EXPECT_EQ(UnknownFieldMessage("a contact"), "A contact has no field of this name; check its spelling");
}

}  // namespace
}  // namespace fd
