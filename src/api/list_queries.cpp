#include "api/list_queries.h"

#include "app/contacts.h"
#include "app/information_requests.h"

namespace fd::api {

std::vector<std::string_view> ContactListParams(QueryFrom from) {
  std::vector<std::string_view> names = {"queue", "urgent", "awaiting", "overdue", "page"};
  if (from == QueryFrom::kApi) names.push_back("page_size");
  return names;
}

ContactListQuery ReadContactList(QueryReader& query, int page_size) {
  ContactListQuery out;
  out.queue = query.OneOf("queue", app::QueueIds());
  out.urgent = query.TrueOrFalse("urgent").value_or(false);
  out.awaiting = !query.OneOf("awaiting", {"authorisation"}).empty();
  out.overdue = query.TrueOrFalse("overdue").value_or(false);
  out.page = query.WholeNumber("page", 1);
  out.page_size = query.WholeNumber("page_size", page_size);
  // The filters narrow a work queue; on the list of every contact they would be ignored.
  if (!query.Given("queue"))
    for (const char* filter : {"urgent", "awaiting", "overdue"})
      if (query.Has(filter))
        query.Refuse(filter, std::string(filter) + " is a filter of a work queue: give queue too, or leave " + filter +
                                 " out");
  return out;
}

std::vector<std::string_view> DeadlineListParams(QueryFrom from) {
  std::vector<std::string_view> names = {"scope", "include_met", "page"};
  if (from == QueryFrom::kApi) names.push_back("page_size");
  return names;
}

DeadlineListQuery ReadDeadlineList(QueryReader& query, const app::Actor& actor) {
  DeadlineListQuery out;
  out.scope = query.OneOf("scope", {"mine", "team", "all"});
  // A front door works its deadlines together: without a scope, the team's queue.
  if (out.scope.empty()) out.scope = actor.team_id ? "team" : "all";
  out.queue_scope = out.scope == "mine"   ? app::QueueScope::kMine
                    : out.scope == "team" ? app::QueueScope::kTeam
                                          : app::QueueScope::kAll;
  out.include_met = query.TrueOrFalse("include_met").value_or(false);
  out.page = query.WholeNumber("page", 1);
  out.page_size = query.WholeNumber("page_size", app::kDeadlinePageSize);
  return out;
}

std::vector<std::string_view> InformationRequestListParams() { return {"queue", "status"}; }

InformationRequestListQuery ReadInformationRequestList(QueryReader& query, const app::Actor& actor) {
  InformationRequestListQuery out;
  out.queue = query.OneOf("queue", app::InformationRequestQueues());
  if (out.queue.empty()) out.queue = app::DefaultInformationRequestQueue(actor);
  out.status = query.OneOf("status", {"open", "closed", "any"});
  if (out.status.empty()) out.status = out.queue == "all" ? "any" : "open";
  return out;
}

std::vector<std::string_view> PersonSearchParams(QueryFrom from) {
  if (from == QueryFrom::kApi)
    return {"first_names", "last_name", "date_of_birth", "nhs_number", "postcode", "gender", "limit"};
  return {"first_names", "last_name", "nhs_number", "date_of_birth-day", "date_of_birth-month", "date_of_birth-year"};
}

std::vector<std::string_view> RecordAccessParams(QueryFrom from) {
  if (from == QueryFrom::kApi) return {"page", "page_size"};
  return {"page"};
}

std::vector<std::string_view> UserListParams() { return {"role", "team", "status"}; }

std::vector<std::string_view> ReferralListParams() { return {"team"}; }

std::vector<std::string_view> PoliceNotificationListParams(QueryFrom from) {
  // The page shows the notifications waiting for triage, with a banner after a bulk decision.
  if (from == QueryFrom::kApi) return {"status", "page", "page_size"};
  return {"decided"};
}

void AddDateBoxes(std::vector<std::string_view>& names, std::string_view name) {
  if (name == "from") names.insert(names.end(), {"from-day", "from-month", "from-year"});
  if (name == "to") names.insert(names.end(), {"to-day", "to-month", "to-year"});
}

std::vector<std::string_view> DashboardParams(QueryFrom from) {
  std::vector<std::string_view> names = {"from", "to", "team"};
  if (from == QueryFrom::kApi) names.push_back("format");
  else {
    AddDateBoxes(names, "from");
    AddDateBoxes(names, "to");
  }
  return names;
}

std::vector<std::string_view> DashboardRecordsParams(QueryFrom from) {
  std::vector<std::string_view> names = {"from", "to", "team", "figure", "breakdown", "counted", "page"};
  if (from == QueryFrom::kApi) names.push_back("page_size");
  return names;
}

std::vector<std::string_view> AnnexAParams(QueryFrom from) {
  std::vector<std::string_view> names = {"list", "from", "to", "format"};
  if (from == QueryFrom::kPage) {
    AddDateBoxes(names, "from");
    AddDateBoxes(names, "to");
  }
  return names;
}

std::vector<std::string_view> CinCensusParams() { return {"year", "allow_errors"}; }

std::vector<std::string_view> ReturnChildrenCheckParams(QueryFrom from) {
  std::vector<std::string_view> names = {"from", "to", "year"};
  if (from == QueryFrom::kPage) {
    // "Check the children first" is a button on either form, so the page takes both forms' fields.
    names.insert(names.end(), {"list", "format", "allow_errors"});
    AddDateBoxes(names, "from");
    AddDateBoxes(names, "to");
  }
  return names;
}

}  // namespace fd::api
