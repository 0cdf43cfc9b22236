// The 503 page a person's browser gets: what was typed comes back, escaped, and secrets do not.
#include "http/unavailable_page.h"

#include <gtest/gtest.h>

namespace fd::http {
namespace {

TEST(UnavailablePage, PagesForPeopleProblemJsonForTheApi) {
  EXPECT_TRUE(WantsPage("/request-for-support", ""));
  EXPECT_TRUE(WantsPage("/contacts/4/screening", "*/*"));
  EXPECT_FALSE(WantsPage("/api/v1/contacts", "application/json"));
  EXPECT_TRUE(WantsPage("/api/v1/contacts", "text/html,application/xhtml+xml"));
}

// RULE KCR-18: nothing a person typed is lost behind a failure; tokens and passwords never come back.
TEST(UnavailablePage, KCR18_ShowsBackTheTypedFieldsEscaped) {
  const Response page = UnavailablePage(
      "Sorry, the service is busy",
      "csrf_token=abc123&password=hunter2hunter2&version=4&concern=Left+alone+%3Cevery%3E+night&referrer_name=Jo&empty=",
      std::chrono::seconds(7));
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.body.find("Left alone &lt;every&gt; night"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find(">Referrer&#39;s name</label>"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("abc123"), std::string::npos);
  EXPECT_EQ(page.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(page.body.find(">version<"), std::string::npos);
  EXPECT_EQ(page.body.find(">empty<"), std::string::npos);
  bool retry = false;
  for (const auto& [name, value] : page.headers) retry = retry || (name == "Retry-After" && value == "7");
  EXPECT_TRUE(retry);
}

// Admin review finding 10: the boxes are named by their labels, and the form's key is not shown.
TEST(UnavailablePage, KCR18_NamesTheBoxesByTheirLabelsAndLeavesOutTheFormKey) {
  const Response page = UnavailablePage("Sorry, the service is busy",
                                        "form_key=3okr9xq&children-0-first_names=Mia&children-0-last_name=Example",
                                        std::chrono::seconds(7));
  EXPECT_NE(page.body.find(">First names of child 1</label>"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("3okr9xq"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("children-0"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("form key"), std::string::npos) << page.body;
}

TEST(UnavailablePage, WithNothingTypedSaysOnlyThatNothingWasSaved) {
  const Response page = UnavailablePage("Sorry, the service is unavailable", "", std::chrono::seconds(30));
  EXPECT_NE(page.body.find("Nothing was saved"), std::string::npos);
  EXPECT_EQ(page.body.find("What you typed"), std::string::npos);
}

}  // namespace
}  // namespace fd::http
