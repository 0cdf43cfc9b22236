#include "app/demo_data.h"

#include <stdexcept>

#include "app/accounts.h"
#include "app/contacts.h"
#include "app/demo_register.h"
#include "store/people_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

struct DemoUser {
  const char* username;
  const char* name;
  Role role;
  const char* team;
  const char* agency = "";  // a partner user's agency
};

constexpr DemoUser kUsers[] = {
    {"officer", "Olivia Contact", Role::kContactOfficer, "Front Door"},
    {"worker", "Sam Social", Role::kSocialWorker, "Front Door"},
    {"manager", "Morgan Manager", Role::kTeamManager, "Front Door"},
    {"coordinator", "Chris Coordinator", Role::kCpCoordinator, "Child Protection"},
    {"chair", "Jordan Chair", Role::kCpChair, "Child Protection"},
    {"hub", "Harper Hub", Role::kHubAdviser, "Consultation Hub"},
    {"dpo", "Dana Protection", Role::kDataProtectionOfficer, "Information Governance"},
    {"analyst", "Alex Analyst", Role::kAnalyst, "Performance"},
    {"admin", "Ari Admin", Role::kAdministrator, ""},
    // Issue 12: partner agency users, one for each of some of the pack's agencies.
    {"police", "Pat Police", Role::kPartner, "", "police"},
    {"health", "Harley Health", Role::kPartner, "", "health"},
    {"school", "Sky School", Role::kPartner, "", "education"},
};

ContactDraft SchoolContact() {
  ContactDraft d;
  d.referrer_type = "school";
  d.referrer_name = "Priya Shah";
  d.referrer_role = "Designated safeguarding lead";
  d.referrer_agency = "Riverside Primary School";
  d.referrer_phone = "01632 960 001";
  d.referrer_email = "dsl@riverside-primary.kent.gov.uk";
  d.children.push_back({"Mia", "Example", "2017-05-14", "", "female", "12 Orchard Way, Exampleton EX1 2AB",
                        "Riverside Primary School", "9434765919", "subject"});
  d.children.push_back({"Leo", "Example", "2020-01-30", "", "male", "12 Orchard Way, Exampleton EX1 2AB",
                        "Riverside Nursery", "", "subject"});
  d.concern =
      "Mia arrived at school hungry for the third day this week and said there was no food at home. "
      "Her younger brother Leo was collected late from nursery twice.";
  d.intake.channel = "email";
  d.intake.household = {{"domestic_abuse", "not_known"}, {"mental_illness", "yes"}, {"substance_misuse", "no"},
                        {"learning_difficulties", "no"}};
  d.intake.information = {{"parental_responsibility", "Mother, Sam Example"},
                          {"child_location", "Mia is at school today; Leo at nursery"}};
  return d;
}

ContactDraft PublicContact() {
  ContactDraft d;
  d.referrer_type = "member_of_public";
  d.referrer_anonymous = true;
  d.intake.anonymity_limits_explained = true;
  d.children.push_back({"", "", "", "", "not_known", "Flat above the launderette, High Street, Exampleton", "", "", "subject"});
  d.children.back().first_names = "Unknown";
  d.concern = "A neighbour hears a young child crying for long periods late at night and adults shouting.";
  return d;
}

ContactDraft HealthContact() {
  ContactDraft d;
  d.referrer_type = "health";
  d.referrer_name = "Dr Tom Reed";
  d.referrer_role = "Community midwife";
  d.referrer_agency = "Exampleton Hospital";
  d.referrer_phone = "01632 960 123";
  d.referrer_email = "t.reed@nhs.net";
  ChildDraft unborn;
  unborn.last_name = "Sample";
  unborn.gender = "not_known";
  d.children.push_back(unborn);
  d.concern = "Expectant mother disclosed domestic abuse by her partner at the booking appointment.";
  return d;
}

}  // namespace

const std::vector<DemoLogin>& DemoLogins() {
  static const std::vector<DemoLogin> logins = [] {
    std::vector<DemoLogin> v;
    for (const auto& u : kUsers) v.push_back({u.username, u.role});
    return v;
  }();
  return logins;
}

DemoSeedReport SeedDemo(AppContext& ctx) {
  DemoSeedReport report;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    if (!store::ListUsers(*tx).empty()) return report;
  }
  for (const auto& u : kUsers) {
    auto created = CreateUser(ctx, std::nullopt, {u.username, u.name, "", u.role, u.team, kDemoPassword, u.agency});
    if (!created) throw std::runtime_error("seed-demo: could not create " + std::string(u.username) + ": " +
                                           created.error().message);
  }
  report.seeded = true;
  report.logins = DemoLogins();

  Actor officer;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    auto user = store::FindUserByUsername(*tx, "officer");
    officer = {user->id, user->username, user->display_name, Role::kContactOfficer, user->team_id};
  }
  // A small register for record checks (KCR-10): Mia was known before; her household is recorded;
  // Tia is open to a team, so a contact about her goes to her allocated worker (HCR-5).
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
    auto worker = store::FindUserByUsername(*tx, "worker");
    store::InsertPerson(*tx, {0, "Mia", "Example", "2017-05-14", "9434765919", "orchard-way-12", true, false, {}, {},
                              false, false, "Contact in 2024: information and advice"});
    store::InsertPerson(*tx, {0, "Sam", "Example", "1990-08-21", "", "orchard-way-12", false, false, {}, {}, false,
                              false, "Parent"});
    store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, worker->id,
                              worker->team_id, true, false, "Child protection plan since 2026"});
    SeedDemoRegister(*tx);
    tx->Commit();
  }
  auto health = HealthContact();
  // An unborn child's expected date must be near the contact date, so it is set relative to today.
  const auto today = std::chrono::floor<std::chrono::days>(ctx.clock.Now());
  health.children[0].expected_date = FormatIsoDate(std::chrono::year_month_day{today + std::chrono::days(120)});
  for (const auto& draft : {SchoolContact(), PublicContact(), health}) {
    auto recorded = RecordContact(ctx, officer, draft);
    if (!recorded) throw std::runtime_error("seed-demo: a demo contact was refused: " + recorded.error().message);
    ++report.contacts;
  }
  return report;
}

}  // namespace fd::app
