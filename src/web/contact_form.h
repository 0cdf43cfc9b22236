// The contact form as the browser sends it, kept exactly as typed so a refused form comes back
// unchanged; and its conversion to the domain's ContactDraft.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "web/templates.h"

namespace fd::web {

struct ChildForm {
  std::string first_names, last_name, school, gender, address;
  std::string dob_day, dob_month, dob_year;
  std::string due_day, due_month, due_year;
  std::string nhs_number;
  std::string role = "subject";
};

struct ContactForm {
  std::string referrer_type;
  bool referrer_anonymous = false;
  bool anonymity_limits_explained = false;
  std::string referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email;
  std::vector<ChildForm> children{1};
  std::string concern;
};

// Reads the posted fields. The number of child blocks comes from `child_count`, capped so a
// crafted post cannot make the page enormous.
ContactForm ParseContactForm(const std::multimap<std::string, std::string>& fields);
ContactDraft ToDraft(const ContactForm& form);

// The id of the input an error about `field` should link to ("children[0].date_of_birth" →
// "children-0-dob-day").
std::string InputIdFor(const std::string& field);

// Everything the contact_form template needs, with each error beside its input.
Data ContactFormData(const ContactForm& form, const std::vector<FieldError>& errors, const std::string& csrf_token);
// The GOV.UK error summary list.
Data ErrorList(const std::vector<FieldError>& errors);

}  // namespace fd::web
