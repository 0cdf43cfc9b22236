// The audit log read on the page and the API (the admin/DPO review, finding 7): only the
// administrator and the data protection officer ("check the audit log"), newest first, filtered, bad
// filters named, secrets withheld, the chain's state shown, and the reading itself audited. And
// /record-access says when retention purged a person rather than that there is no such person.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "app/retention.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "http/message.h"
#include "mia_example.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

class AuditLog : public ApiTest {
 protected:
  std::int64_t IdOf(const std::string& username) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT id FROM users WHERE username = ?", {username}).at(0).Int(0);
  }

  std::int64_t Count(const std::string& action) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
  }

  json LastEvent(const std::string& action) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = ? ORDER BY seq DESC LIMIT 1", {action});
    return rows.empty() ? json(nullptr) : json::parse(rows[0].Text(0));
  }

  std::string Today() { return FormatIsoDate(calendar::LocalDate(clock_.Now(), "Europe/London")); }
};

// Finding 7: "check the audit log" is the administrator's and the DPO's (docs/security.md); a social
// worker and every other role is refused, on the API and the page, and is not offered the link.
TEST_F(AuditLog, Finding7_OnlyTheAdministratorAndTheDpoReadTheLog) {
  for (Role role : {Role::kSocialWorker, Role::kTeamManager, Role::kContactOfficer, Role::kAnalyst,
                    Role::kHubAdviser}) {
    SCOPED_TRACE(std::string(RoleId(role)));
    auto client = SignedIn(role);
    auto refused = client.Get("/api/v1/audit-events");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
    EXPECT_EQ(client.Get("/audit").status, 403);
    EXPECT_EQ(client.Get("/").body.find("href=\"/audit\""), std::string::npos);
  }
  EXPECT_EQ(Count("audit.viewed"), 0);
  for (Role role : {Role::kAdministrator, Role::kDataProtectionOfficer}) {
    SCOPED_TRACE(std::string(RoleId(role)));
    auto client = SignedIn(role);
    EXPECT_EQ(client.Get("/api/v1/audit-events").status, 200);
    EXPECT_EQ(client.Get("/audit").status, 200);
    EXPECT_NE(client.Get("/").body.find("href=\"/audit\""), std::string::npos);
  }
}

// Finding 7: who disabled whom is seen without a shell: by event type (a prefix), by who did it, by
// the record and by the day, newest first, a page at a time; each row says when, who, what in words
// and which record.
TEST_F(AuditLog, Finding7_FiltersNarrowTheEventsNewestFirst) {
  auto admin = SignedIn(Role::kAdministrator);
  const std::int64_t worker = IdOf("social_worker");
  ASSERT_EQ(admin.SendJson("POST", "/api/v1/users/" + std::to_string(worker) + "/disable", json::object()).status, 200);
  ASSERT_EQ(admin.SendJson("POST", "/api/v1/users/" + std::to_string(worker) + "/enable", json::object()).status, 200);

  auto users = admin.Get("/api/v1/audit-events?event_type=user.&record_kind=user&record_id=" + std::to_string(worker));
  ASSERT_EQ(users.status, 200) << users.body;
  const json body = users.Json();
  // Disabling also records what became of the worker's work (docs/decisions.md "People, roles and
  // sessions"): the two account events are among what the filter keeps, newest first.
  ASSERT_GE(body.at("total").get<int>(), 2);
  for (const auto& e : body.at("events")) {
    EXPECT_TRUE(e.at("event_type").get<std::string>().starts_with("user.")) << e.dump();
    EXPECT_EQ(e.at("record"), "User " + std::to_string(worker)) << e.dump();
  }
  const json* enabled = nullptr;
  const json* disabled = nullptr;
  for (const auto& e : body.at("events")) {
    if (e.at("event_type") == "user.enabled" && !enabled) enabled = &e;
    if (e.at("event_type") == "user.disabled" && !disabled) disabled = &e;
  }
  ASSERT_NE(enabled, nullptr) << body.dump();
  ASSERT_NE(disabled, nullptr) << body.dump();
  const json& newest = *enabled;
  EXPECT_EQ(newest.at("event_type"), "user.enabled");
  EXPECT_EQ(newest.at("what"), "Account enabled");
  EXPECT_EQ(newest.at("actor"), "administrator");
  EXPECT_EQ(newest.at("record"), "User " + std::to_string(worker));
  EXPECT_GT(enabled->at("seq").get<std::int64_t>(), disabled->at("seq").get<std::int64_t>());
  EXPECT_TRUE(newest.at("at").get<std::string>().starts_with(Today()));

  // Who did it: the sign-ins of the administrator, not the worker's.
  auto by_admin = admin.Get("/api/v1/audit-events?who=administrator&event_type=login.succeeded").Json();
  EXPECT_GE(by_admin.at("total").get<int>(), 1);
  for (const auto& e : by_admin.at("events")) EXPECT_EQ(e.at("actor"), "administrator");

  // By the day: today has them all, a day long past none.
  const auto all = admin.Get("/api/v1/audit-events").Json().at("total").get<int>();
  EXPECT_GT(all, 2);
  auto today = admin.Get("/api/v1/audit-events?from=" + Today() + "&to=" + Today()).Json();
  EXPECT_GE(today.at("total").get<int>(), all);  // this reading's own audit.viewed came between
  EXPECT_EQ(admin.Get("/api/v1/audit-events?from=2001-01-01&to=2001-01-31").Json().at("total"), 0);

  // A page at a time.
  auto first = admin.Get("/api/v1/audit-events?page_size=2").Json();
  auto second = admin.Get("/api/v1/audit-events?page_size=2&page=2").Json();
  ASSERT_EQ(first.at("events").size(), 2u);
  ASSERT_EQ(second.at("events").size(), 2u);
  // The second reading's page starts one event later: the first reading's audit.viewed was added on top.
  EXPECT_EQ(second.at("events").at(0).at("seq").get<std::int64_t>(),
            first.at("events").at(1).at("seq").get<std::int64_t>());

  // The page: the same filters, the date as GOV.UK date boxes, the rows in words.
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  const auto ymd = calendar::LocalDate(clock_.Now(), "Europe/London");
  const std::string day = std::to_string(static_cast<unsigned>(ymd.day()));
  const std::string month = std::to_string(static_cast<unsigned>(ymd.month()));
  const std::string year = std::to_string(static_cast<int>(ymd.year()));
  auto page = dpo.Get("/audit?event_type=user.d&who=administrator&from-day=" + day + "&from-month=" + month +
                      "&from-year=" + year);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Account disabled"), std::string::npos);
  EXPECT_EQ(page.body.find("Account enabled"), std::string::npos);
  EXPECT_NE(page.body.find("User " + std::to_string(worker)), std::string::npos);
  EXPECT_NE(page.body.find("1 event, newest first"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"user.d\""), std::string::npos);  // the filters kept
  EXPECT_NE(page.body.find("name=\"from-year\" type=\"text\" inputmode=\"numeric\" value=\"" + year + "\""),
            std::string::npos);
}

// Finding 7: each bad filter is refused with a message naming it, on the API (422 naming the
// field) and the page (the GOV.UK error summary, the form as typed).
TEST_F(AuditLog, Finding7_BadFiltersAreNamed) {
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"event_type=User%21", "event_type"},          {"who=a%20b", "who"},
      {"record_kind=Contact%3B", "record_kind"},     {"record_id=12", "record_kind"},
      {"record_kind=contact&record_id=1%272", "record_id"},
      {"from=2026-02-30", "from"},                   {"to=yesterday", "to"},
      {"from=2026-11-02&to=2026-11-01", "to"},       {"page=0", "page"},
      {"page_size=101", "page_size"},                {"page=two", "page"}};
  for (const auto& [query, field] : bad) {
    SCOPED_TRACE(query);
    auto refused = dpo.Get("/api/v1/audit-events?" + query);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(NamesField(refused, field)) << refused.body;
  }
  auto page = dpo.Get("/audit?who=a%20b&from-day=31&from-month=2&from-year=2026");
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(page.body.find("Who must be a username"), std::string::npos);
  EXPECT_NE(page.body.find("From must be a real date"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("value=\"a b\""), std::string::npos);  // kept as typed
  EXPECT_NE(page.body.find("href=\"#from-day\""), std::string::npos);
  EXPECT_EQ(dpo.Get("/audit?to-day=1&to-month=11&to-year=2026&from-day=2&from-month=11&from-year=2026").status, 422);
  EXPECT_EQ(Count("audit.viewed"), 0);  // nothing was read
}

// Finding 7: reading the log is itself audited, with the filters and the page, not what was shown.
TEST_F(AuditLog, Finding7_ReadingTheLogIsAudited) {
  auto admin = SignedIn(Role::kAdministrator);
  ASSERT_EQ(admin.Get("/api/v1/audit-events?event_type=user.&who=administrator&page_size=10").status, 200);
  EXPECT_EQ(Count("audit.viewed"), 1);
  const json viewed = LastEvent("audit.viewed");
  EXPECT_EQ(viewed.at("filters"), json({{"event_type", "user."}, {"who", "administrator"}}));
  EXPECT_EQ(viewed.at("page_size"), 10);
  EXPECT_TRUE(viewed.contains("total"));
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  ASSERT_EQ(dpo.Get("/audit?record_kind=person&record_id=7").status, 200);
  EXPECT_EQ(Count("audit.viewed"), 2);
  EXPECT_EQ(LastEvent("audit.viewed").at("filters"), json({{"record_kind", "person"}, {"record_id", "7"}}));
  // And it is in the log it reads, in words.
  auto seen = dpo.Get("/api/v1/audit-events?event_type=audit.viewed").Json();
  ASSERT_GE(seen.at("events").size(), 2u);
  EXPECT_EQ(seen.at("events").at(0).at("what"), "Audit log read");
}

// Finding 7: an event's details are shown, but a secret under a key naming one is withheld; sign-ins
// hold no password. The chain's state is shown: verified up to the last event, or where it breaks.
TEST_F(AuditLog, Finding7_SecretsAreWithheldAndTheChainStateIsShown) {
  auto admin = SignedIn(Role::kAdministrator);
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    audit::Append(*tx, {clock_.Now(), std::nullopt, "system", "test.secretive", "user", "1",
                        {{"password_hash", "$argon2id$v=19$abc"}, {"api_token", "fd_secret"}, {"tokens_revoked", 2},
                         {"team", "Front Door"}}});
    tx->Commit();
  }
  auto reply = admin.Get("/api/v1/audit-events?event_type=test.");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json details = reply.Json().at("events").at(0).at("details");
  EXPECT_EQ(details.at("password_hash"), "[withheld]");
  EXPECT_EQ(details.at("api_token"), "[withheld]");
  EXPECT_EQ(details.at("tokens_revoked"), 2);
  EXPECT_EQ(details.at("team"), "Front Door");
  EXPECT_EQ(reply.body.find("argon2id"), std::string::npos);
  EXPECT_EQ(reply.body.find("fd_secret"), std::string::npos);
  auto sign_ins = admin.Get("/api/v1/audit-events?event_type=login.");
  EXPECT_EQ(sign_ins.body.find(kTestPassword), std::string::npos);
  auto page = admin.Get("/audit?event_type=test.");
  EXPECT_EQ(page.body.find("argon2id"), std::string::npos);
  EXPECT_NE(page.body.find("team: Front Door"), std::string::npos);

  const json chain = reply.Json().at("chain");
  EXPECT_EQ(chain.at("intact"), true);
  const std::int64_t head = chain.at("verified_to").get<std::int64_t>();
  EXPECT_GT(head, 1);
  EXPECT_NE(page.body.find("The log verifies up to event "), std::string::npos);

  // An event edited behind the log's back: the page says where the chain breaks.
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2");
    tx->Commit();
  }
  auto broken = admin.Get("/api/v1/audit-events").Json().at("chain");
  EXPECT_EQ(broken.at("intact"), false);
  EXPECT_EQ(broken.at("first_bad_event"), 2);
  EXPECT_EQ(broken.at("verified_to"), 1);
  auto warned = admin.Get("/audit");
  EXPECT_NE(warned.body.find("The log verifies up to event 1 and breaks at event 2"), std::string::npos)
      << warned.body;
  EXPECT_NE(warned.body.find("govuk-warning-text"), std::string::npos);
}

// Finding 7: a person retention purged is not "no person with that number": /record-access and the
// API say it was purged by retention, on which day and under which period.
TEST_F(AuditLog, Finding7_RecordAccessSaysAPersonWasPurgedByRetention) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/people", MiaForTheRegister());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id").get<std::int64_t>();
  {
    // Born long enough ago that the child-record period has run (set in the store: the register
    // may rightly refuse such a date for a child).
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    // Made long ago too: a record made of someone already an adult is kept from the day it was made.
    tx->Execute("UPDATE people SET date_of_birth = '2000-03-03', created_at = '2001-06-01T09:00:00Z' WHERE id = ?",
                {id});
    tx->Commit();
  }
  auto run = app::RunRetention(*ctx_, /*dry_run=*/false);
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->items.size(), 1u);

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto form = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=" + std::to_string(id),
                       kForm);
  EXPECT_EQ(form.status, 422);
  EXPECT_NE(form.body.find("purged by retention on " + calendar::FormatLocalDateForPeople(clock_.Now())),
            std::string::npos)
      << form.body;
  EXPECT_NE(form.body.find("child-record"), std::string::npos);
  EXPECT_EQ(form.body.find("There is no person with that number"), std::string::npos);
  auto api = dpo.Get("/api/v1/people/" + std::to_string(id) + "/record-access");
  EXPECT_EQ(api.status, 404);
  EXPECT_NE(api.body.find("purged by retention on"), std::string::npos) << api.body;
  // A number never used is still no one.
  auto never = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=424242", kForm);
  EXPECT_NE(never.body.find("There is no person with that number on the register"), std::string::npos);
  // The purge itself is in the audit log, for the record.
  auto purge = dpo.Get("/api/v1/audit-events?event_type=retention.purged&record_kind=person&record_id=" +
                       std::to_string(id))
                   .Json();
  ASSERT_EQ(purge.at("total"), 1);
  EXPECT_EQ(purge.at("events").at(0).at("what"), "Purged by retention");
  EXPECT_EQ(purge.at("events").at(0).at("details").at("class"), "child-record");
}

}  // namespace
}  // namespace fd::testing
