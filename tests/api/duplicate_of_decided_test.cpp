// A contact closed as a duplicate of one already decided (app/duplicates.h CloseAsDuplicate): the
// original's authorisation told its duplicates' referrers then, so this one's referrer is told at
// once, in the same transaction, in the words their type allows (HCR-24, KCR-17): e-mailed where
// frontdoor may, else a call for the decision's proposer. Over real HTTP, under Hertfordshire (the
// fixture's pack) and Kent, through the API and the contact page.
#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

const json kPoliceByEmail = {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Constabulary"},
                             {"email", "jo.webb@pnn.police.uk"}};
const json kNeighbourByPhone = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}};
const json kNeighbourByEmail = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"email", "jo@example.org"}};

// Both packs have this outcome; it makes a referral, which a professional is told of (HCR-33).
const json kDecision = {{"outcome", "child-and-family-assessment"},
                        {"children", {0}},
                        {"rationale", "Internal reasoning"},
                        {"next_steps", "A social worker will visit the family this week"},
                        {"protective_factors", "Mother engaged; school watching daily"}};

std::string Path(const json& contact) {
  return "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>());
}
std::string Page(const json& contact) { return "/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()); }

class DuplicateOfDecided : public ApiTest {
 protected:
  json Record(const json& referrer) {
    json body = ScreenableSchoolContact();
    if (!referrer.is_null()) body["referrer"] = referrer;
    auto created = officer_.SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  // The school's contact, screened and decided (the worker proposes, the manager authorises).
  json DecidedOriginal() {
    DuringOpeningHours();
    officer_ = SignedIn(Role::kContactOfficer);
    worker_ = SignedIn(Role::kSocialWorker);
    manager_ = SignedIn(Role::kTeamManager);
    json original = Record(nullptr);
    ScreenAndDecide(worker_, manager_, original.at("id"), kDecision);
    return original;
  }

  HttpReply Close(const json& duplicate, const json& original) {
    return worker_.SendJson("POST", Path(duplicate) + "/duplicate-of",
                            {{"contact", original.at("reference")},
                             {"reason", "Same incident"},
                             {"version", worker_.Get(Path(duplicate)).Json().at("version")}});
  }

  std::vector<store::Row> Outcomes(const json& contact) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT recipient, subject, body FROM outbox WHERE record_type = 'contact' AND record_id = ? AND "
                     "purpose = 'outcome'",
                     {contact.at("id").get<std::int64_t>()});
  }

  std::string ToldInAudit(const json& contact) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query(
        "SELECT changes FROM audit_events WHERE action = 'contact.closed_as_duplicate' AND record_id = ?",
        {std::to_string(contact.at("id").get<std::int64_t>())});
    if (rows.size() != 1) return "no audit";
    const json told = json::parse(rows[0].Text(0)).at("referrer_told");
    return told.is_null() ? "null" : told.get<std::string>();
  }

  std::int64_t Disclosures(const json& contact) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return static_cast<std::int64_t>(tx->Query("SELECT 1 FROM disclosures WHERE cause_id = ?",
                                               {std::to_string(contact.at("id").get<std::int64_t>()) + ":outcome"})
                                         .size());
  }

  // The calls listed on the proposer's home page for `contact`.
  const json* CallListed(const json& calls, const json& contact) {
    for (const auto& c : calls)
      if (c.at("contact_id") == contact.at("id")) return &c;
    return nullptr;
  }

  HttpClient officer_{0};
  HttpClient worker_{0};
  HttpClient manager_{0};
};

// Kent's pack instead of the fixture's.
class DuplicateOfDecidedUnderKent : public DuplicateOfDecided {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

// RULE HCR-24 RULE KCR-17: a police officer's e-mail about a contact decided already, closed as its
// duplicate, is e-mailed the outcome and next steps at once under its own reference, with where it
// was passed (HCR-33); a disclosure is recorded, and the audit says how they were told.
TEST_F(DuplicateOfDecided, HCR24_KCR17_AProfessionalsDuplicateOfADecidedContactIsEmailedAtOnce) {
  const json original = DecidedOriginal();
  if (HasFatalFailure()) return;
  const json duplicate = Record(kPoliceByEmail);
  auto closed = Close(duplicate, original);
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto sent = Outcomes(duplicate);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].Text(0), "jo.webb@pnn.police.uk");
  EXPECT_EQ(sent[0].Text(1), "Hertfordshire County Council: outcome of contact " +
                                 duplicate.at("reference").get<std::string>());
  EXPECT_NE(sent[0].Text(2).find("Child and Family Assessment"), std::string::npos) << sent[0].Text(2);
  EXPECT_NE(sent[0].Text(2).find("A social worker will visit the family this week"), std::string::npos);
  EXPECT_NE(sent[0].Text(2).find("It has been passed to the"), std::string::npos) << sent[0].Text(2);
  EXPECT_EQ(sent[0].Text(2).find("Internal reasoning"), std::string::npos);
  EXPECT_EQ(Disclosures(duplicate), 1);
  EXPECT_EQ(ToldInAudit(duplicate), "emailed");
  // No call as well: they were e-mailed.
  EXPECT_EQ(worker_.Get(Path(duplicate) + "/referrer-call").status, 404);
}

// RULE HCR-24 RULE KCR-17: a member of the public who gave an e-mail address is e-mailed that the
// concern was acted on, not what was decided.
TEST_F(DuplicateOfDecided, HCR24_KCR17_AMemberOfThePublicIsEmailedOnlyThatItWasActedOn) {
  const json original = DecidedOriginal();
  if (HasFatalFailure()) return;
  const json duplicate = Record(kNeighbourByEmail);
  ASSERT_EQ(Close(duplicate, original).status, 200);
  const auto sent = Outcomes(duplicate);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].Text(2).find("we cannot tell you what that action is"), std::string::npos) << sent[0].Text(2);
  EXPECT_EQ(sent[0].Text(2).find("Child and Family Assessment"), std::string::npos);
  EXPECT_EQ(sent[0].Text(2).find("A social worker will visit"), std::string::npos);
}

// RULE HCR-24 RULE KCR-17: a neighbour who gave only a phone number: the call is opened at once for
// the decision's proposer, on their list and the contact, with the words for the public.
TEST_F(DuplicateOfDecided, HCR24_KCR17_APhoneOnlyDuplicateOfADecidedContactIsRungAtOnce) {
  const json original = DecidedOriginal();
  if (HasFatalFailure()) return;
  const json duplicate = Record(kNeighbourByPhone);
  ASSERT_EQ(Close(duplicate, original).status, 200);
  EXPECT_TRUE(Outcomes(duplicate).empty());
  auto call = worker_.Get(Path(duplicate) + "/referrer-call");
  ASSERT_EQ(call.status, 200) << call.body;
  auto mine = worker_.Get("/api/v1/referrers-to-tell");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json calls = mine.Json().at("calls");
  const json* listed = CallListed(calls, duplicate);
  ASSERT_NE(listed, nullptr) << mine.body;
  EXPECT_NE(listed->at("tell").get<std::string>().find("but not what was decided"), std::string::npos) << *listed;
  EXPECT_NE(listed->at("tell").get<std::string>().find("duplicate of " + original.at("reference").get<std::string>()),
            std::string::npos)
      << *listed;
  EXPECT_EQ(ToldInAudit(duplicate), "to-ring");
  // Recorded as told, the call is in the ledger about the original's children.
  auto told = worker_.SendJson("POST", Path(duplicate) + "/referrer-call",
                               json{{"note", "Rang Jo: told the concern was looked at and acted on"}});
  ASSERT_EQ(told.status, 200) << told.body;
}

// RULE HCR-24 RULE KCR-17: the original's own referrer, sending again, is told once (by the
// original's authorisation), not again; and a duplicate of an undecided contact waits for its
// decision (TellDuplicatesReferrers), as before.
TEST_F(DuplicateOfDecided, HCR24_KCR17_TheOriginalsOwnReferrerIsNotToldTwice) {
  const json original = DecidedOriginal();
  if (HasFatalFailure()) return;
  const json again = Record(nullptr);  // the school again
  ASSERT_EQ(Close(again, original).status, 200);
  EXPECT_TRUE(Outcomes(again).empty());
  EXPECT_EQ(ToldInAudit(again), "same-referrer");

  const json undecided = Record(nullptr);
  const json waiting = Record(kPoliceByEmail);
  ASSERT_EQ(Close(waiting, undecided).status, 200);
  EXPECT_TRUE(Outcomes(waiting).empty());
  EXPECT_EQ(ToldInAudit(waiting), "null");
}

// RULE HCR-24 RULE KCR-17: the same through the contact page's form.
TEST_F(DuplicateOfDecided, HCR24_KCR17_ThePageTellsTheReferrerAtOnceToo) {
  const json original = DecidedOriginal();
  if (HasFatalFailure()) return;
  const json duplicate = Record(kPoliceByEmail);
  auto shown = worker_.Get(Page(duplicate));
  ASSERT_EQ(shown.status, 200);
  auto done = worker_.Send("POST", Page(duplicate) + "/duplicate-of",
                           FormBody({{"csrf_token", FirstCapture(shown.body, "name=\"csrf_token\" value=\"([^\"]+)\"")},
                                     {"version", FirstCapture(shown.body, "name=\"version\" value=\"([0-9]+)\"")},
                                     {"contact", original.at("reference").get<std::string>()},
                                     {"reason", "Same incident"}}),
                           kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  ASSERT_EQ(Outcomes(duplicate).size(), 1u);
}

// RULE KCR-17: under Kent, in Kent's words: a professional e-mailed the outcome, a neighbour with only
// a phone number rung with what the public may hear.
TEST_F(DuplicateOfDecidedUnderKent, KCR17_ADuplicateOfADecidedContactIsToldAtOnceInKentsWords) {
  const json original = DecidedOriginal();
  if (HasFatalFailure()) return;
  const json police = Record(kPoliceByEmail);
  ASSERT_EQ(Close(police, original).status, 200);
  const auto sent = Outcomes(police);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].Text(1), "Kent County Council: outcome of contact " + police.at("reference").get<std::string>());
  EXPECT_NE(sent[0].Text(2).find("A social worker will visit the family this week"), std::string::npos);

  const json neighbour = Record(kNeighbourByPhone);
  ASSERT_EQ(Close(neighbour, original).status, 200);
  auto call = worker_.Get(Path(neighbour) + "/referrer-call");
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_NE(call.Json().at("tell").get<std::string>().find("but not what was decided"), std::string::npos) << call.body;
}

}  // namespace
}  // namespace fd::testing
