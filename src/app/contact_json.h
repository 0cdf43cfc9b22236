// The JSON shape of a contact, shared by the API and the audit log so they never disagree.
// docs/api.md documents it.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/contact.h"
#include "domain/error.h"
#include "domain/screening.h"

namespace fd::app {

// `screening`: the contact's screening when it has one: its answers count toward the referral
// checklist (KCR-7, domain/information_checklist.h), so `missing_information` lists only what is
// really missing. Null: none yet (a contact just recorded).
nlohmann::json ContactToJson(const Contact& contact, const std::string& time_zone,
                             const Screening* screening = nullptr);
// A row of a contact list: what the queue page shows (reference, state, queue, received, urgent, who
// it is from by kind and organisation, the children's names), never the concern, a child's date of
// birth, NHS number, address or school, nor the referrer's contact details. Reading a list is not
// audited as a view, so a row must not be the record: the record is read by id, audited.
nlohmann::json ContactSummaryToJson(const Contact& contact, const std::string& time_zone);
nlohmann::json ChildToJson(const Child& child);
nlohmann::json IntakeToJson(const Intake& intake);

// Reads an API request body into a draft. Wrong types are refused with the field named
// ("children[1].date_of_birth must be a string"); unknown fields are refused too, so a typo in a
// field name is never silently dropped.
Result<ContactDraft> ContactDraftFromJson(const nlohmann::json& body);

}  // namespace fd::app
