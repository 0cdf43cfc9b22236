// HCR-18, KCR-8: an urgent contact that arrives while the front door is closed reaches someone: the
// out-of-hours service's secure mailbox when one is configured, and always the front door's managers;
// the referrer and the routing note say only what was really done; and the front door's queue lists
// the contacts that arrived out of hours, marked, in its urgent-then-oldest order. The clock is moved
// to a time the front door is closed (or open), so none of this depends on the day the tests run.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "procedures_fixture.h"
#include "app/accounts.h"
#include "app/out_of_hours.h"
#include "notify/outbox.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// A police officer's request for support about one child, with unexplained injuries when urgent.
json PoliceRequest(bool urgent) {
  json body = {{"referrer", {{"type", "police"}, {"name", "PC Jo Lane"}, {"agency", "Constabulary"},
                             {"email", "jo.lane@force.pnn.police.uk"}, {"phone", "01632 960 002"}}},
               {"children", json::array({{{"first_names", "Rowan"}, {"last_name", "Nightly"},
                                          {"date_of_birth", "2018-03-04"}, {"gender", "male"}}})},
               {"concern", "Found at a house call at night with bruises he could not explain."},
               {"intake", json::object()}};
  if (urgent) body["intake"]["indicators"] = {"unexplained-injuries"};
  return body;
}

class OutOfHoursFixture : public ApiTestUnderProcedures {
 protected:
  // Moves the clock forward, an hour at a time, until the front door is closed for the next hour
  // too, so the test's contacts do not arrive just as it opens (any day the tests run).
  void OutOfHours() {
    for (int hours = 0; hours < 24 * 14; ++hours) {
      const Instant now = clock_.Now();
      const policy::PolicyPack& pack = procedures_->PackAt(now);
      const auto& calendar = procedures_->CalendarAt(now);
      if (!app::FrontDoorOpen(pack, calendar, now) && !app::FrontDoorOpen(pack, calendar, now + std::chrono::hours(1)))
        return;
      clock_.Advance(std::chrono::hours(1));
    }
    FAIL() << "the front door was not closed in the next fortnight";
  }

  // A worker on out-of-hours duty: a member of the team named after the pack's out-of-hours service.
  std::int64_t OnDuty(const std::string& username, const std::string& email) {
    const std::string team = app::OutOfHoursTeam(procedures_->PackAt(clock_.Now()));
    auto id = app::CreateUser(*ctx_, std::nullopt,
                              {username, "Duty " + username, email, Role::kSocialWorker, team, kTestPassword});
    EXPECT_TRUE(id.has_value());
    return id.value_or(0);
  }

  json Send(const json& body) {
    auto reply = Client().SendJson("POST", "/api/v1/portal/contacts", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.Json();
  }

  // The contact as staff read it (GET /api/v1/contacts/{id}); the receipt gives only the reference.
  json ContactOf(const std::string& reference) {
    std::int64_t id = 0;
    {
      auto tx = store_->Begin(store::TransactionMode::kRead);
      id = tx->Query("SELECT id FROM contacts WHERE reference = ?", {reference}).at(0).Int(0);
    }
    auto reply = SignedIn(Role::kSocialWorker).Get("/api/v1/contacts/" + std::to_string(id));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.Json();
  }

  int Count(const std::string& sql, const store::Params& params) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return static_cast<int>(tx->Query(sql, params).at(0).Int(0));
  }

  std::int64_t UserId(const std::string& username) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT id FROM users WHERE username = ?", {username}).at(0).Int(0);
  }

  std::vector<notify::OutboxRow> EmailsFor(std::int64_t contact_id, const std::string& purpose) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    std::vector<notify::OutboxRow> out;
    for (auto& row : notify::ListOutbox(*tx, "contact", contact_id))
      if (row.purpose == purpose) out.push_back(std::move(row));
    return out;
  }
  std::vector<notify::OutboxRow> OutOfHoursEmails(std::int64_t contact_id) { return EmailsFor(contact_id, "out-of-hours"); }

  int ManagerNotices(std::int64_t contact_id) {
    return Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?",
                 {UserId("team_manager"), "/contacts/" + std::to_string(contact_id)});
  }
};

using HertfordshireOutOfHours = OutOfHoursFixture;  // the fixture's pack

// Kent's 2024 pack, nothing configured.
class KentOutOfHours : public OutOfHoursFixture {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent"); }
};

// RULE HCR-18: an urgent police request while the Customer Service Centre is closed is e-mailed at
// once to the Safeguarding Out of Hours Service's workers in frontdoor (at a secure address:
// reference and link, nothing of the family) and each has a notice, the front door's manager has a
// notice, it is audited, and the receipt and note say it went there.
TEST_F(HertfordshireOutOfHours, HCR18_AnUrgentContactIsEmailedToTheOutOfHoursServiceAndTheManagersAreTold) {
  const std::int64_t duty = OnDuty("edt", "edt.duty@hertfordshire.gov.uk");
  OutOfHours();
  const json receipt = Send(PoliceRequest(true));
  const std::string reference = receipt.at("reference");
  const std::string advice = receipt.at("urgent_advice");
  EXPECT_TRUE(Has(advice, "call 999 now")) << advice;
  EXPECT_TRUE(Has(advice, "your request has gone straight to the Safeguarding Out of Hours Service")) << advice;
  const std::string next = receipt.at("what_happens_next");
  EXPECT_FALSE(Has(next, "as soon as possible")) << next;
  EXPECT_TRUE(Has(next, "The Safeguarding Out of Hours Service has been sent it now")) << next;

  const json contact = ContactOf(reference);
  const std::int64_t id = contact.at("id");
  const std::string note = contact.at("routing_note");
  EXPECT_TRUE(Has(note, "sent at once by secure e-mail to the Safeguarding Out of Hours Service")) << note;
  EXPECT_TRUE(Has(note, "the front door's managers are told")) << note;

  const auto emails = OutOfHoursEmails(id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].recipient, "edt.duty@hertfordshire.gov.uk");
  EXPECT_TRUE(Has(emails[0].subject, reference)) << emails[0].subject;
  EXPECT_TRUE(Has(emails[0].body, "/contacts/" + std::to_string(id))) << emails[0].body;
  EXPECT_TRUE(Has(emails[0].body, "Injuries with no reasonable explanation")) << emails[0].body;
  // KCR-5: no names, no concern in the e-mail; they are read in frontdoor, signed in.
  EXPECT_FALSE(Has(emails[0].body, "Rowan")) << emails[0].body;
  EXPECT_FALSE(Has(emails[0].body, "Nightly")) << emails[0].body;
  EXPECT_FALSE(Has(emails[0].body, "bruises")) << emails[0].body;

  EXPECT_EQ(ManagerNotices(id), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?",
                  {duty, "/contacts/" + std::to_string(id)}),
            1);
  const std::string home = SignedIn(Role::kTeamManager).Get("/").body;
  EXPECT_TRUE(Has(home, "URGENT: contact " + reference)) << home;
  EXPECT_TRUE(Has(home, "e-mailed to the Safeguarding Out of Hours Service")) << home;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.out_of_hours_alerted' AND record_id = ? "
                  "AND changes LIKE '%edt.duty@hertfordshire.gov.uk%'",
                  {std::to_string(id)}),
            1);
}

// RULE HCR-18: with no out-of-hours service set up, nothing claims a hand-over: the receipt says the
// centre is closed and 999, the note says nobody could be sent it, and the front door's managers are
// told, to act on it first.
TEST_F(HertfordshireOutOfHours, HCR18_WithNoOutOfHoursServiceSetUpTheManagersAreToldAndNothingClaimsAHandOver) {
  OutOfHours();
  const json receipt = Send(PoliceRequest(true));
  const std::string advice = receipt.at("urgent_advice");
  EXPECT_TRUE(Has(advice, "call 999 now")) << advice;
  EXPECT_TRUE(Has(advice, "The Customer Service Centre is closed now (it opens again ")) << advice;
  EXPECT_FALSE(Has(advice, "Out of Hours Service")) << advice;
  EXPECT_FALSE(Has(receipt.at("what_happens_next").get<std::string>(), "as soon as possible"));

  const json contact = ContactOf(receipt.at("reference"));
  const std::int64_t id = contact.at("id");
  EXPECT_EQ(contact.at("queue"), "out-of-hours");
  const std::string note = contact.at("routing_note");
  EXPECT_FALSE(Has(note, "passed to the")) << note;
  EXPECT_TRUE(Has(note, "nobody from the Safeguarding Out of Hours Service is set up in frontdoor to be sent it"))
      << note;
  EXPECT_TRUE(Has(note, "(HCR-18)")) << note;
  EXPECT_TRUE(OutOfHoursEmails(id).empty());
  EXPECT_EQ(ManagerNotices(id), 1);
  const std::string home = SignedIn(Role::kTeamManager).Get("/").body;
  EXPECT_TRUE(Has(home, "nobody out of hours could be e-mailed it: act on it first")) << home;
  // The acknowledgement e-mail says what the receipt says, not "as soon as possible".
  const auto acknowledgements = EmailsFor(id, "acknowledgement");
  ASSERT_EQ(acknowledgements.size(), 1u);
  EXPECT_FALSE(Has(acknowledgements[0].body, "as soon as possible")) << acknowledgements[0].body;
  EXPECT_TRUE(Has(acknowledgements[0].body, "when the Customer Service Centre opens")) << acknowledgements[0].body;
}

// RULE HCR-18: a contact with no significant-harm indicator out of hours waits for the front door:
// no e-mail, no notice.
TEST_F(HertfordshireOutOfHours, HCR18_ANonUrgentContactOutOfHoursMakesNoNoticeAndNoEmail) {
  const std::int64_t duty = OnDuty("edt", "edt.duty@hertfordshire.gov.uk");
  OutOfHours();
  const json receipt = Send(PoliceRequest(false));
  const json contact = ContactOf(receipt.at("reference"));
  const std::int64_t id = contact.at("id");
  EXPECT_EQ(contact.at("queue"), "out-of-hours");
  EXPECT_TRUE(OutOfHoursEmails(id).empty());
  EXPECT_EQ(ManagerNotices(id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {duty}), 0);
  EXPECT_FALSE(Has(contact.at("routing_note").get<std::string>(), "passed to the"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.out_of_hours_alerted'", {}), 0);
}

// RULE HCR-18: in the centre's hours an urgent contact makes no out-of-hours e-mail or notice.
TEST_F(HertfordshireOutOfHours, HCR18_InHoursAnUrgentContactIsNotSentOutOfHours) {
  OnDuty("edt", "edt.duty@hertfordshire.gov.uk");
  DuringOpeningHours();
  const json receipt = Send(PoliceRequest(true));
  const json contact = ContactOf(receipt.at("reference"));
  EXPECT_EQ(contact.at("queue"), "front-door");
  EXPECT_TRUE(OutOfHoursEmails(contact.at("id")).empty());
  EXPECT_EQ(ManagerNotices(contact.at("id")), 0);
}

// RULE HCR-18: the front door's queue lists the contacts that arrived out of hours too, marked, in
// the same urgent-first then oldest-first order, on the API and the page; ?queue=out-of-hours lists
// those alone; the home page's link counts what the queue lists.
TEST_F(HertfordshireOutOfHours, HCR18_TheFrontDoorQueueListsTheContactsThatArrivedOutOfHours) {
  DuringOpeningHours();
  const std::string in_hours = Send(PoliceRequest(false)).at("reference");
  OutOfHours();
  const std::string routine = Send(PoliceRequest(false)).at("reference");
  const std::string urgent = Send(PoliceRequest(true)).at("reference");

  auto worker = SignedIn(Role::kSocialWorker);
  auto reply = worker.Get("/api/v1/contacts?queue=front-door");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json items = reply.Json().at("items");
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0].at("reference"), urgent);
  EXPECT_EQ(items[1].at("reference"), in_hours);
  EXPECT_EQ(items[2].at("reference"), routine);
  EXPECT_EQ(items[0].at("arrived_out_of_hours"), true);
  EXPECT_EQ(items[1].at("arrived_out_of_hours"), false);
  EXPECT_EQ(items[2].at("arrived_out_of_hours"), true);
  EXPECT_EQ(reply.Json().at("total"), 3);

  const json only = worker.Get("/api/v1/contacts?queue=out-of-hours").Json();
  ASSERT_EQ(only.at("items").size(), 2u) << only.dump();
  EXPECT_EQ(only.at("items")[0].at("reference"), urgent);
  EXPECT_EQ(only.at("items")[1].at("reference"), routine);
  const json urgent_only = worker.Get("/api/v1/contacts?queue=front-door&urgent=true").Json();
  ASSERT_EQ(urgent_only.at("items").size(), 1u) << urgent_only.dump();
  EXPECT_EQ(urgent_only.at("items")[0].at("reference"), urgent);

  const std::string page = worker.Get("/contacts?queue=front-door").body;
  const auto first = page.find(urgent), second = page.find(in_hours), third = page.find(routine);
  ASSERT_NE(first, std::string::npos) << page;
  ASSERT_NE(second, std::string::npos) << page;
  ASSERT_NE(third, std::string::npos) << page;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_TRUE(Has(page, "Arrived out of hours")) << page;

  const std::string home = worker.Get("/").body;
  EXPECT_TRUE(Has(home, "Front door queue</a> (3 waiting, 1 urgent)")) << home;
}

// RULE KCR-8: under Kent, whose seeds give no out-of-hours route, an urgent contact while the offices
// are closed still reaches someone (the front door's managers), and the receipt does not promise a
// prompt look by a social worker while nobody is on duty: it says the offices are closed, and 999.
TEST_F(KentOutOfHours, KCR8_AnUrgentContactWhileTheOfficesAreClosedTellsTheManagersAndTheReceiptSaysSo) {
  OutOfHours();
  const json receipt = Send(PoliceRequest(true));
  const std::string advice = receipt.at("urgent_advice");
  EXPECT_TRUE(Has(advice, "call 999 now")) << advice;
  EXPECT_TRUE(Has(advice, "Our offices are closed now (they open again ")) << advice;
  const std::string next = receipt.at("what_happens_next");
  EXPECT_FALSE(Has(next, "as soon as possible")) << next;
  EXPECT_TRUE(Has(next, "when our offices open")) << next;

  const json contact = ContactOf(receipt.at("reference"));
  const std::int64_t id = contact.at("id");
  EXPECT_EQ(contact.at("queue"), "front-door");  // Kent has no out-of-hours queue
  // The acknowledgement e-mail says the same as the receipt.
  const auto acknowledgements = EmailsFor(id, "acknowledgement");
  ASSERT_EQ(acknowledgements.size(), 1u);
  EXPECT_FALSE(Has(acknowledgements[0].body, "as soon as possible")) << acknowledgements[0].body;
  EXPECT_TRUE(Has(acknowledgements[0].body, "when our offices open")) << acknowledgements[0].body;
  const std::string note = contact.at("routing_note");
  EXPECT_TRUE(Has(note, "received while the offices were closed")) << note;
  EXPECT_TRUE(Has(note, "(KCR-8)")) << note;
  EXPECT_FALSE(Has(note, "HCR-18")) << note;
  EXPECT_EQ(ManagerNotices(id), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.out_of_hours_alerted' AND record_id = ?",
                  {std::to_string(id)}),
            1);
}

// RULE KCR-8: a routine Kent contact while the offices are closed makes no notice.
TEST_F(KentOutOfHours, KCR8_ANonUrgentContactWhileTheOfficesAreClosedMakesNoNotice) {
  OutOfHours();
  const json receipt = Send(PoliceRequest(false));
  const json contact = ContactOf(receipt.at("reference"));
  EXPECT_EQ(ManagerNotices(contact.at("id")), 0);
}

// RULE KCR-8: with a worker in Kent's "Out of Hours Service" team, Kent's urgent contact is e-mailed
// to them.
TEST_F(KentOutOfHours, KCR8_AnUrgentContactIsEmailedToTheOutOfHoursTeam) {
  OnDuty("ooh", "out-of-hours@kent.gcsx.gov.uk");
  OutOfHours();
  const json receipt = Send(PoliceRequest(true));
  const json contact = ContactOf(receipt.at("reference"));
  const auto emails = OutOfHoursEmails(contact.at("id"));
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].recipient, "out-of-hours@kent.gcsx.gov.uk");
  EXPECT_TRUE(Has(receipt.at("urgent_advice").get<std::string>(), "gone straight to the out-of-hours service"));
  EXPECT_EQ(ManagerNotices(contact.at("id")), 1);
}

// RULE HCR-18 RULE KCR-5: a duty worker whose address is off the pack's secure domains is not
// e-mailed (they still have a notice), and the note and receipt say so.
TEST_F(HertfordshireOutOfHours, HCR18_KCR5_AnAddressOffTheSecureDomainsIsNotEmailed) {
  const std::int64_t duty = OnDuty("edt", "duty@example.com");
  OutOfHours();
  const json receipt = Send(PoliceRequest(true));
  const json contact = ContactOf(receipt.at("reference"));
  EXPECT_TRUE(OutOfHoursEmails(contact.at("id")).empty());
  EXPECT_TRUE(Has(contact.at("routing_note").get<std::string>(), "no member of its team has a secure e-mail address"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {duty}), 1);
  EXPECT_FALSE(Has(receipt.at("urgent_advice").get<std::string>(), "gone straight"));
  EXPECT_EQ(ManagerNotices(contact.at("id")), 1);
}

}  // namespace
}  // namespace fd::testing
