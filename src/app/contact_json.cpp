#include "app/contact_json.h"

#include <fmt/format.h>
#include <set>

#include "calendar/local_time.h"

namespace fd::app {
namespace {

using nlohmann::json;

json OptionalDate(const std::optional<std::chrono::year_month_day>& d) {
  return d ? json(FormatIsoDate(*d)) : json(nullptr);
}

// Copies a string member into `out`; records a type error; notes unknown members.
void ReadString(const json& object, const char* key, const std::string& path, std::string& out,
                std::vector<FieldError>& errors) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return;
  if (!it->is_string()) {
    errors.push_back({path, fmt::format("{} must be text", path)});
    return;
  }
  out = it->get<std::string>();
}

void RejectUnknown(const json& object, const std::set<std::string>& known, const std::string& prefix,
                   std::vector<FieldError>& errors) {
  for (const auto& [key, value] : object.items()) {
    if (!known.contains(key)) {
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      errors.push_back({path, fmt::format("{} is not a field of a contact; check its spelling", path)});
    }
  }
}

}  // namespace

json ChildToJson(const Child& c) {
  return {{"first_names", c.first_names},
          {"last_name", c.last_name},
          {"date_of_birth", OptionalDate(c.date_of_birth)},
          {"expected_date", OptionalDate(c.expected_date)},
          {"unborn", c.IsUnborn()},
          {"gender", GenderId(c.gender)},
          {"address", c.address},
          {"school", c.school}};
}

json ContactToJson(const Contact& c, const std::string& time_zone) {
  json children = json::array();
  for (const auto& child : c.children) children.push_back(ChildToJson(child));
  return {{"id", c.id},
          {"reference", c.reference},
          {"received_at", calendar::FormatLocalIso(c.received_at, time_zone)},
          {"received_at_utc", FormatUtc(c.received_at)},
          {"recorded_by", {{"id", c.recorded_by}, {"name", c.recorded_by_name}}},
          {"referrer",
           {{"type", ReferrerTypeId(c.referrer.type)},
            {"anonymous", c.referrer.anonymous},
            {"name", c.referrer.name},
            {"role", c.referrer.role},
            {"agency", c.referrer.agency},
            {"phone", c.referrer.phone},
            {"email", c.referrer.email}}},
          {"children", children},
          {"concern", c.concern}};
}

Result<ContactDraft> ContactDraftFromJson(const json& body) {
  std::vector<FieldError> errors;
  ContactDraft draft;
  if (!body.is_object())
    return std::unexpected(Error::InvalidField("", "The request body must be a JSON object describing the contact"));
  RejectUnknown(body, {"referrer", "children", "concern"}, "", errors);
  if (auto r = body.find("referrer"); r != body.end() && !r->is_null()) {
    if (!r->is_object()) {
      errors.push_back({"referrer", "referrer must be an object"});
    } else {
      RejectUnknown(*r, {"type", "anonymous", "name", "role", "agency", "phone", "email"}, "referrer", errors);
      ReadString(*r, "type", "referrer.type", draft.referrer_type, errors);
      ReadString(*r, "name", "referrer.name", draft.referrer_name, errors);
      ReadString(*r, "role", "referrer.role", draft.referrer_role, errors);
      ReadString(*r, "agency", "referrer.agency", draft.referrer_agency, errors);
      ReadString(*r, "phone", "referrer.phone", draft.referrer_phone, errors);
      ReadString(*r, "email", "referrer.email", draft.referrer_email, errors);
      if (auto a = r->find("anonymous"); a != r->end() && !a->is_null()) {
        if (!a->is_boolean()) errors.push_back({"referrer.anonymous", "referrer.anonymous must be true or false"});
        else draft.referrer_anonymous = a->get<bool>();
      }
    }
  } else {
    errors.push_back({"referrer", "Say who is making the contact (referrer)"});
  }
  if (auto cs = body.find("children"); cs != body.end() && !cs->is_null()) {
    if (!cs->is_array()) {
      errors.push_back({"children", "children must be a list"});
    } else if (cs->size() > kMaxChildren) {
      errors.push_back({"children", fmt::format("A contact can name at most {} children", kMaxChildren)});
    } else {
      for (std::size_t i = 0; i < cs->size(); ++i) {
        const auto& c = (*cs)[i];
        const std::string p = fmt::format("children[{}]", i);
        ChildDraft child;
        if (!c.is_object()) {
          errors.push_back({p, p + " must be an object"});
        } else {
          RejectUnknown(c, {"first_names", "last_name", "date_of_birth", "expected_date", "gender", "address",
                            "school"},
                        p, errors);
          ReadString(c, "first_names", p + ".first_names", child.first_names, errors);
          ReadString(c, "last_name", p + ".last_name", child.last_name, errors);
          ReadString(c, "date_of_birth", p + ".date_of_birth", child.date_of_birth, errors);
          ReadString(c, "expected_date", p + ".expected_date", child.expected_date, errors);
          ReadString(c, "gender", p + ".gender", child.gender, errors);
          ReadString(c, "address", p + ".address", child.address, errors);
          ReadString(c, "school", p + ".school", child.school, errors);
        }
        draft.children.push_back(std::move(child));
      }
    }
  }
  ReadString(body, "concern", "concern", draft.concern, errors);
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return draft;
}

}  // namespace fd::app
