// Each list's query parameters, defined once for its API route and its page: which names it takes
// and what each may be (read through api::QueryReader). The page and the API differ only where a
// page cannot take a parameter at all: a page shows a fixed number of rows (no page_size), and the
// dashboard's page takes its dates as GOV.UK date boxes as well as the links' ISO dates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/query_reader.h"
#include "app/actor.h"
#include "app/deadlines.h"

namespace fd::api {

enum class QueryFrom { kApi, kPage };

// /contacts and GET /api/v1/contacts: every contact newest first, or a work queue with its filters.
struct ContactListQuery {
  std::string queue;  // empty: every contact
  bool urgent = false;    // HCR-13
  bool awaiting = false;  // KCR-16: awaiting=authorisation
  bool overdue = false;   // KCR-8, HCR-27
  int page = 1;
  int page_size = 25;
};
std::vector<std::string_view> ContactListParams(QueryFrom from);
ContactListQuery ReadContactList(QueryReader& query, int page_size);

// /deadlines and GET /api/v1/deadlines.
struct DeadlineListQuery {
  std::string scope;  // mine, team or all: the team's without one (everyone's for a user in no team)
  app::QueueScope queue_scope = app::QueueScope::kAll;
  bool include_met = false;
  int page = 1;
  int page_size = app::kDeadlinePageSize;
};
std::vector<std::string_view> DeadlineListParams(QueryFrom from);
DeadlineListQuery ReadDeadlineList(QueryReader& query, const app::Actor& actor);

// /information-requests and GET /api/v1/information-requests: the same names on both.
struct InformationRequestListQuery {
  std::string queue;   // the actor's default queue when none is named
  std::string status;  // open, closed or any; "any" for the all queue, else "open", when none is named
};
std::vector<std::string_view> InformationRequestListParams();
InformationRequestListQuery ReadInformationRequestList(QueryReader& query, const app::Actor& actor);

// The dashboard's period and team (from, to, team), and what else the dashboard and its records take.
std::vector<std::string_view> DashboardParams(QueryFrom from);
std::vector<std::string_view> DashboardRecordsParams(QueryFrom from);

// The statutory returns' parameters, the same on the reports page's links and the API.
std::vector<std::string_view> AnnexAParams(QueryFrom from);
std::vector<std::string_view> CinCensusParams();
std::vector<std::string_view> ReturnChildrenCheckParams(QueryFrom from);

// Searching the register: the API's fields, and on the page (GOV.UK date boxes for the date of birth)
// the fields the page's form has.
std::vector<std::string_view> PersonSearchParams(QueryFrom from);

// The other lists: who viewed a person's records (page), accounts (role, team, status), referrals
// (team), police notifications (status, page).
std::vector<std::string_view> RecordAccessParams(QueryFrom from);
std::vector<std::string_view> UserListParams();
std::vector<std::string_view> ReferralListParams();
std::vector<std::string_view> PoliceNotificationListParams(QueryFrom from);

// The names a page's GOV.UK date boxes add for a date parameter: `<name>-day`, `-month`, `-year`.
void AddDateBoxes(std::vector<std::string_view>& names, std::string_view name);

}  // namespace fd::api
