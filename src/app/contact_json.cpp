#include "app/contact_json.h"

#include <fmt/format.h>
#include <set>

#include "calendar/local_time.h"
#include "domain/field_words.h"
#include "domain/information_checklist.h"
#include "domain/text.h"

namespace fd::app {
namespace {

using nlohmann::json;

// HCR-15: where `intake.call_reference` was read from before it was a field of its own.
constexpr const char* kCallReferenceInformationItem = "call_reference";

json OptionalDate(const std::optional<std::chrono::year_month_day>& d) {
  return d ? json(FormatIsoDate(*d)) : json(nullptr);
}

// Copies a string member into `out`; records a type error; notes unknown members.
void ReadString(const json& object, const char* key, const std::string& path, std::string& out,
                std::vector<FieldError>& errors) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return;
  if (!it->is_string()) {
    errors.push_back({path, NotTextMessage(path)});
    return;
  }
  out = it->get<std::string>();
}

void RejectUnknown(const json& object, const std::set<std::string>& known, const std::string& prefix,
                   std::vector<FieldError>& errors) {
  for (const auto& [key, value] : object.items()) {
    if (!known.contains(key)) {
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      errors.push_back({path, UnknownFieldMessage("a contact")});
    }
  }
}

void ReadBool(const json& object, const char* key, const std::string& path, bool& out,
              std::vector<FieldError>& errors) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return;
  if (!it->is_boolean()) errors.push_back({path, NotTrueOrFalseMessage(path)});
  else out = it->get<bool>();
}

// A JSON object of text values (household answers, information items).
void ReadTextMap(const json& object, const char* key, const std::string& path, std::map<std::string, std::string>& out,
                 std::vector<FieldError>& errors) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return;
  if (!it->is_object()) {
    errors.push_back({path, NotAnObjectMessage(path, "each answer as text")});
    return;
  }
  for (const auto& [k, v] : it->items()) {
    if (!v.is_string()) errors.push_back({path + "." + k, NotTextMessage(path + "." + k)});
    else out[k] = v.get<std::string>();
  }
}

void ReadIntake(const json& in, IntakeDraft& draft, std::vector<FieldError>& errors) {
  RejectUnknown(in, {"channel", "form", "hub_consultation", "consultation_number", "household", "information", "indicators",
                     "harm_by_another_child", "allegation_against_professional", "anonymity_limits_explained",
                     "passing_on_concern_of", "call_reference"},
                "intake", errors);
  ReadString(in, "channel", "intake.channel", draft.channel, errors);
  ReadString(in, "form", "intake.form", draft.form, errors);
  ReadString(in, "hub_consultation", "intake.hub_consultation", draft.hub_consultation, errors);
  ReadString(in, "consultation_number", "intake.consultation_number", draft.consultation_number, errors);
  ReadString(in, "passing_on_concern_of", "intake.passing_on_concern_of", draft.passing_on_concern_of, errors);
  ReadString(in, "call_reference", "intake.call_reference", draft.call_reference, errors);  // HCR-15
  ReadTextMap(in, "household", "intake.household", draft.household, errors);
  ReadTextMap(in, "information", "intake.information", draft.information, errors);
  // HCR-15: the reference was carried among the intake items before it was a field of its own, and a
  // client written then sends it there still: read as the same, when the field itself is not given.
  if (auto item = draft.information.find(kCallReferenceInformationItem); item != draft.information.end()) {
    if (Trim(draft.call_reference).empty()) draft.call_reference = item->second;
    draft.information.erase(item);
  }
  ReadBool(in, "harm_by_another_child", "intake.harm_by_another_child", draft.harm_by_another_child, errors);
  ReadBool(in, "allegation_against_professional", "intake.allegation_against_professional",
           draft.allegation_against_professional, errors);
  ReadBool(in, "anonymity_limits_explained", "intake.anonymity_limits_explained", draft.anonymity_limits_explained,
           errors);
  if (auto it = in.find("indicators"); it != in.end() && !it->is_null()) {
    if (!it->is_array()) {
      errors.push_back({"intake.indicators", NotAListMessage("intake.indicators", "the procedures' indicator ids")});
    } else {
      for (std::size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) {
          const std::string at = fmt::format("intake.indicators[{}]", i);
          errors.push_back({at, NotTextMessage(at)});
        } else {
          draft.indicators.push_back((*it)[i].get<std::string>());
        }
      }
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
          {"school", c.school},
          {"nhs_number", c.nhs_number},
          {"role", ChildRoleId(c.role)}};
}

json IntakeToJson(const Intake& in) {
  json household = json::object();
  for (std::size_t i = 0; i < HouseholdQuestions().size(); ++i)
    household[std::string(HouseholdQuestions()[i].id)] = AnswerId(in.household[i]);
  return {{"channel", ChannelId(in.channel)},
          {"form", FormKindId(in.form)},
          {"hub_consultation", in.hub_consultation},
          {"consultation_number", in.consultation_number},
          {"household", household},
          {"information", in.information},
          {"indicators", in.indicators},
          {"harm_by_another_child", in.harm_by_another_child},
          {"allegation_against_professional", in.allegation_against_professional},
          {"anonymity_limits_explained", in.anonymity_limits_explained},
          {"passing_on_concern_of", in.passing_on_concern_of},
          {"call_reference", in.call_reference}};
}

json ContactToJson(const Contact& c, const std::string& time_zone, const Screening* screening) {
  json children = json::array();
  for (const auto& child : c.children) children.push_back(ChildToJson(child));
  return {{"id", c.id},
          {"reference", c.reference},
          {"received_at", calendar::FormatLocalIso(c.received_at, time_zone)},
          {"received_at_utc", FormatUtc(c.received_at)},
          // When it was typed in: later than received_at for a call taken earlier (KCR-8, HCR-27).
          {"recorded_at", calendar::FormatLocalIso(c.recorded_at, time_zone)},
          {"recorded_by", {{"id", c.recorded_by}, {"name", c.recorded_by_name}}},
          {"referrer",
           {{"type", ReferrerTypeId(c.referrer.type)},
            {"anonymous", c.referrer.anonymous},
            {"name", c.referrer.name},
            {"role", c.referrer.role},
            {"agency", c.referrer.agency},
            {"phone", c.referrer.phone},
            {"email", c.referrer.email},
            {"identity_withheld", c.referrer.identity_withheld}}},
          {"children", children},
          {"concern", c.concern},
          {"intake", IntakeToJson(c.intake)},
          {"state", c.state},
          {"version", c.version},
          {"urgent", c.urgent},
          {"queue", c.queue},
          {"allocated_user_id", c.allocated_user_id ? json(*c.allocated_user_id) : json(nullptr)},
          {"routing_note", c.routing_note},
          {"missing_information", [&] {
             json missing = json::array();
             for (const auto& item : MissingInformation(c, screening)) missing.push_back({{"id", item.id}, {"title", item.title}});
             return missing;
           }()}};
}

json ContactSummaryToJson(const Contact& c, const std::string& time_zone) {
  json children = json::array();
  for (const auto& child : c.children)
    children.push_back({{"first_names", child.first_names}, {"last_name", child.last_name}, {"unborn", child.IsUnborn()}});
  return {{"id", c.id},
          {"reference", c.reference},
          {"received_at", calendar::FormatLocalIso(c.received_at, time_zone)},
          {"received_at_utc", FormatUtc(c.received_at)},
          {"referrer",
           {{"type", ReferrerTypeId(c.referrer.type)}, {"anonymous", c.referrer.anonymous}, {"agency", c.referrer.agency}}},
          {"children", children},
          {"state", c.state},
          {"version", c.version},
          {"urgent", c.urgent},
          {"queue", c.queue},
          {"allocated_user_id", c.allocated_user_id ? json(*c.allocated_user_id) : json(nullptr)}};
}

Result<ContactDraft> ContactDraftFromJson(const json& body) {
  std::vector<FieldError> errors;
  ContactDraft draft;
  if (!body.is_object())
    return std::unexpected(Error::InvalidField("", "The request body must be a JSON object describing the contact"));
  RejectUnknown(body, {"received_at", "referrer", "children", "concern", "intake"}, "", errors);
  ReadString(body, "received_at", "received_at", draft.received_at, errors);
  if (auto r = body.find("referrer"); r != body.end() && !r->is_null()) {
    if (!r->is_object()) {
      errors.push_back({"referrer", NotAnObjectMessage("referrer", "{type, name, role, agency, phone, email, anonymous}")});
    } else {
      RejectUnknown(*r, {"type", "anonymous", "name", "role", "agency", "phone", "email"}, "referrer", errors);
      ReadString(*r, "type", "referrer.type", draft.referrer_type, errors);
      ReadString(*r, "name", "referrer.name", draft.referrer_name, errors);
      ReadString(*r, "role", "referrer.role", draft.referrer_role, errors);
      ReadString(*r, "agency", "referrer.agency", draft.referrer_agency, errors);
      ReadString(*r, "phone", "referrer.phone", draft.referrer_phone, errors);
      ReadString(*r, "email", "referrer.email", draft.referrer_email, errors);
      if (auto a = r->find("anonymous"); a != r->end() && !a->is_null()) {
        if (!a->is_boolean()) errors.push_back({"referrer.anonymous", NotTrueOrFalseMessage("referrer.anonymous")});
        else draft.referrer_anonymous = a->get<bool>();
      }
    }
  } else {
    errors.push_back({"referrer", "Say who is making the contact (referrer)"});
  }
  if (auto cs = body.find("children"); cs != body.end() && !cs->is_null()) {
    if (!cs->is_array()) {
      errors.push_back({"children", NotAListMessage("children", "one object for each child")});
    } else if (cs->size() > kMaxChildren) {
      errors.push_back({"children", fmt::format("A contact can name at most {} children", kMaxChildren)});
    } else {
      for (std::size_t i = 0; i < cs->size(); ++i) {
        const auto& c = (*cs)[i];
        const std::string p = fmt::format("children[{}]", i);
        ChildDraft child;
        if (!c.is_object()) {
          errors.push_back({p, NotAnObjectMessage(p)});
        } else {
          RejectUnknown(c, {"first_names", "last_name", "date_of_birth", "expected_date", "gender", "address",
                            "school", "nhs_number", "role"},
                        p, errors);
          ReadString(c, "nhs_number", p + ".nhs_number", child.nhs_number, errors);
          ReadString(c, "role", p + ".role", child.role, errors);
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
  if (auto in = body.find("intake"); in != body.end() && !in->is_null()) {
    if (!in->is_object()) errors.push_back({"intake", NotAnObjectMessage("intake")});
    else ReadIntake(*in, draft.intake, errors);
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return draft;
}

}  // namespace fd::app
