#include "domain/text.h"

#include <gtest/gtest.h>

#include "domain/instant.h"
#include "domain/role.h"

namespace fd {
namespace {

TEST(Text, Utf8Validity) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("Zoë Ó Súilleabháin"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(Utf8Length("Zoë"), 3u);
}

TEST(Text, TrimAndControlCharacters) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  EXPECT_TRUE(HasControlCharacters("a\x01", true));
  EXPECT_FALSE(HasControlCharacters("a\nb", true));
  EXPECT_TRUE(HasControlCharacters("a\nb", false));
}

// A field is named for the start of a sentence; the messages read as sentences either way.
TEST(Text, MessagesReadAsSentencesWhateverTheFieldsNameStartsWith) {
  EXPECT_EQ(EnterMessage("The referrer's name"), "Enter the referrer's name");
  EXPECT_EQ(EnterMessage("Why you need the referrer's details"), "Enter why you need the referrer's details");
  EXPECT_EQ(EnterMessage("NHS number"), "Enter NHS number");
  EXPECT_EQ(EnterMessage("a reason"), "Enter a reason");
  EXPECT_EQ(CheckRequiredText("  ", 10, false, "The concern"), "Enter the concern");
  EXPECT_EQ(CheckText(std::string(11, 'x'), 10, false, "what they said"),
            "What they said must be 10 characters or fewer (it has 11)");
}

TEST(Text, SplitWordsOnAnyWhitespace) {
  EXPECT_EQ(SplitWords("Mary  Ann\tJo\r\nLee "), (std::vector<std::string>{"Mary", "Ann", "Jo", "Lee"}));
  EXPECT_TRUE(SplitWords(" \t ").empty());
  EXPECT_EQ(SplitWords("O'Neil-Smith"), (std::vector<std::string>{"O'Neil-Smith"}));
}

TEST(Instant, RoundTripsUtc) {
  auto t = ParseUtc("2026-03-29T00:59:59Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatUtc(*t), "2026-03-29T00:59:59Z");
  EXPECT_FALSE(ParseUtc("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseUtc("2026-03-29 00:59:59"));
}

// RULE KCR-8: a contact's received time comes with its offset, which is taken off to give UTC.
TEST(Instant, KCR8_ParsesIso8601WithItsOffset) {
  EXPECT_EQ(ParseIsoWithOffset("2026-11-27T16:50:00+00:00"), ParseUtc("2026-11-27T16:50:00Z"));
  EXPECT_EQ(ParseIsoWithOffset("2026-11-27T16:50Z"), ParseUtc("2026-11-27T16:50:00Z"));
  EXPECT_EQ(ParseIsoWithOffset("2026-06-01T09:05:00+01:00"), ParseUtc("2026-06-01T08:05:00Z"));
  EXPECT_EQ(ParseIsoWithOffset("2026-06-01T00:30-04:30"), ParseUtc("2026-06-01T05:00:00Z"));
  for (const char* bad : {"2026-11-27T16:50:00", "2026-11-27 16:50:00Z", "2026-02-30T10:00Z", "2026-11-27T24:00Z",
                          "2026-11-27T16:50:00+0000", "2026-11-27T16:50:00+24:00", "2026-11-27T16:50:60Z", "",
                          "2026-11-27T16:50:00.5Z", "2026-11-27T16:5Z"})
    EXPECT_FALSE(ParseIsoWithOffset(bad)) << bad;
}

TEST(Role, EveryRoleRoundTripsItsId) {
  EXPECT_EQ(AllRoles().size(), 10u);
  for (Role r : AllRoles()) {
    EXPECT_EQ(RoleFromId(RoleId(r)), r);
    EXPECT_NE(RoleTitle(r), "Unknown");
  }
  EXPECT_FALSE(RoleFromId("superuser"));
}

TEST(EscapeMarkup, EveryMarkupCharacterBecomesAReferenceAndTheRestIsKept) {
  EXPECT_EQ(EscapeMarkup("O'Brien & Sons <b>\"x\"</b>"),
            "O&#39;Brien &amp; Sons &lt;b&gt;&quot;x&quot;&lt;/b&gt;");
  EXPECT_EQ(EscapeMarkup("Zoë – plain"), "Zoë – plain");  // UTF-8 passes through untouched
  EXPECT_EQ(EscapeMarkup(""), "");
}

}  // namespace
TEST(Text, CountsTakeTheSingularOnlyForOne) {
  EXPECT_EQ(CountOf(0, "query", "queries"), "0 queries");
  EXPECT_EQ(CountOf(1, "query", "queries"), "1 query");
  EXPECT_EQ(CountOf(2, "error", "errors"), "2 errors");
}

}  // namespace fd
