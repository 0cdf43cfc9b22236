// A session that ends while someone fills in a form loses nothing (admin review finding 6). The
// reviewer's officer opened /contacts/new, their session expired, and the full contact they posted
// was answered 303 to a blank sign-in page. Now the answer is the sign-in page saying "Your session
// ended", carrying what was typed (never the old CSRF token, nor a password), and after signing in
// "Send your form again" shows it in the form's words and sends it, with the new session's token, to
// where it was going. RULE KCR-18: every contact is recorded, so none may be lost on the way in.
#include <regex>

#include "api_fixture.h"
#include "page_forms.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;
using SessionEndedForm = ApiTest;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

std::string Unescaped(std::string text) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

// The hidden fields of the form whose opening tag contains `form_marker`, as a browser sends them.
Fields HiddenFieldsOf(const std::string& page, const std::string& form_marker) {
  const auto start = page.find(form_marker);
  const auto end = page.find("</form>", start);
  const std::string form = start == std::string::npos ? std::string() : page.substr(start, end - start);
  Fields out;
  const std::regex hidden("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
  for (std::sregex_iterator it(form.begin(), form.end(), hidden), done; it != done; ++it)
    out.emplace_back(Unescaped((*it)[1].str()), Unescaped((*it)[2].str()));
  return out;
}

const Fields kContact = {{"child_count", "1"},
                         {"channel", "email"},
                         {"referrer_type", "police"},
                         {"referrer_name", "PC Jo Webb"},
                         {"referrer_agency", "Hertfordshire Constabulary"},
                         {"referrer_email", "jo.webb@herts.pnn.police.uk"},
                         {"children-0-first_names", "Ava"},
                         {"children-0-last_name", "Example"},
                         {"children-0-dob-day", "2"},
                         {"children-0-dob-month", "3"},
                         {"children-0-dob-year", "2016"},
                         {"concern", "Ava's mother was arrested last night; Ava is with a neighbour."},
                         {"action", "record"}};

TEST_F(SessionEndedForm, KCR18_AContactPostedAfterTheSessionEndedIsKeptThroughSignInAndSentAgain) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string old_token = officer.csrf_token;
  ASSERT_EQ(officer.Get("/contacts/new").status, 200);
  {  // The session ends while the form is open (timed out, or ended by an administrator's change).
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM sessions", {});
    tx->Commit();
  }
  auto ended = SendForm(officer, "/contacts", kContact);
  ASSERT_EQ(ended.status, 401) << ended.body;  // not a bare redirect
  EXPECT_TRUE(Has(ended, "Your session ended. Sign in again, then check what you typed and send it")) << ended.body;
  EXPECT_TRUE(Has(ended, "name=\"kept:referrer_name\" value=\"PC Jo Webb\"")) << ended.body;
  EXPECT_FALSE(Has(ended, old_token)) << "the old CSRF token is never kept";
  EXPECT_FALSE(Has(ended, "kept:csrf_token"));
  // What was typed, in the form's words: the boxes' labels, a date as one answer, no form keys.
  EXPECT_TRUE(Has(ended, "First names of child 1")) << ended.body;
  EXPECT_TRUE(Has(ended, "Date of birth of child 1")) << ended.body;
  EXPECT_TRUE(Has(ended, ">2 3 2016<")) << ended.body;
  EXPECT_FALSE(Has(ended, "children-0-first names"));

  Fields sign_in = HiddenFieldsOf(ended.body, "action=\"/sign-in\"");
  sign_in.push_back({"username", "contact_officer"});
  sign_in.push_back({"password", kTestPassword});
  auto signed_in = officer.Send("POST", "/sign-in", FormBody(sign_in), kFormContentType);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_TRUE(Has(signed_in, "Send your form again")) << signed_in.body;
  EXPECT_TRUE(Has(signed_in, "action=\"/contacts\"")) << signed_in.body;
  EXPECT_TRUE(Has(signed_in, "Ava&#39;s mother was arrested") || Has(signed_in, "Ava&apos;s mother was arrested"))
      << signed_in.body;
  const Fields again = HiddenFieldsOf(signed_in.body, "id=\"send-again\"");
  ASSERT_FALSE(again.empty()) << signed_in.body;
  EXPECT_EQ(again.front().first, "csrf_token");
  EXPECT_NE(again.front().second, old_token);

  auto sent = officer.Send("POST", "/contacts", FormBody(again), kFormContentType);
  ASSERT_EQ(sent.status, 303) << sent.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0), 1);
}

// A wrong password on the sign-in page keeps the form still; a password typed into the form is
// never carried (the form asks for it again).
TEST_F(SessionEndedForm, AWrongPasswordKeepsTheFormAndPasswordsAreNeverCarried) {
  auto admin = SignedIn(Role::kAdministrator);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM sessions", {});
    tx->Commit();
  }
  auto ended = SendForm(admin, "/users",
                        {{"username", "kim"}, {"display_name", "Kim New"}, {"password", "a secret passphrase"},
                         {"password_again", "a secret passphrase"}, {"role", "social_worker"}});
  ASSERT_EQ(ended.status, 401) << ended.body;
  EXPECT_FALSE(Has(ended, "a secret passphrase"));
  Fields sign_in = HiddenFieldsOf(ended.body, "action=\"/sign-in\"");
  sign_in.push_back({"username", "administrator"});
  sign_in.push_back({"password", "not the password"});
  auto wrong = admin.Send("POST", "/sign-in", FormBody(sign_in), kFormContentType);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(Has(wrong, "name=\"kept:display_name\" value=\"Kim New\"")) << wrong.body;
  EXPECT_TRUE(Has(wrong, "Your session ended"));
}

// A form another site made arrives with no session cookie (SameSite=Strict), so it looks like a
// session that ended: it is never kept to be sent again, or a forged request would be one click from
// being sent with the user's new session. The browser's own headers say where it came from.
TEST_F(SessionEndedForm, AFormFromAnotherSiteIsNeverOfferedToBeSentAgain) {
  auto admin = SignedIn(Role::kAdministrator);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM sessions", {});
    tx->Commit();
  }
  const std::string body = FormBody({{"username", "mallory"}, {"display_name", "Mallory"}, {"role", "administrator"}});
  for (const auto& headers : std::vector<std::map<std::string, std::string>>{
           {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "https://elsewhere.example"}},
           {{"Content-Type", "application/x-www-form-urlencoded"}, {"Sec-Fetch-Site", "cross-site"}}}) {
    auto forged = admin.Send("POST", "/users", body, headers);
    EXPECT_NE(forged.status, 200) << forged.body;
    EXPECT_FALSE(Has(forged, "mallory")) << forged.body;
    EXPECT_FALSE(Has(forged, "kept:")) << forged.body;
  }
  // The same form from this site's own page is kept.
  auto own = admin.Send("POST", "/users", body,
                        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(own.status, 401) << own.body;
  EXPECT_TRUE(Has(own, "name=\"kept:username\" value=\"mallory\"")) << own.body;
}

// The API is answered as before: 401 problem+json, nothing to sign in to on a page.
TEST_F(SessionEndedForm, TheApiIsStillAnswered401) {
  auto officer = SignedIn(Role::kContactOfficer);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM sessions", {});
    tx->Commit();
  }
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact()).status, 401);
}

}  // namespace
}  // namespace fd::testing
