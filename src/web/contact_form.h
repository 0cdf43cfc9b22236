// The contact form as the browser sends it, kept exactly as typed so a refused form comes back
// unchanged; and its conversion to the domain's ContactDraft. The same form, with a public face,
// is the Request for Support portal (portal_pages.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "policy/policy_pack.h"
#include "web/templates.h"

namespace fd::web {

struct ChildForm {
  std::string first_names, last_name, school, gender, address;
  std::string dob_day, dob_month, dob_year;
  std::string due_day, due_month, due_year;
  std::string nhs_number;         // HCR-17
  std::string role = "subject";   // HCR-3: "subject" or "harming_child"
};

// What the form's last "Add another child" or "Remove child N" did. The page shown again says so in
// a status line and keeps the keyboard's place: at the new child's first box, or at that line after
// a removal, not at the top of the page (WCAG 2.4.3).
struct ChildChange {
  enum class Kind { kAdded, kRemoved, kNoMoreRoom } kind;
  std::size_t number;  // the child added or removed, counting from 1
};

struct ContactForm {
  std::string referrer_type;
  bool referrer_anonymous = false;
  bool anonymity_limits_explained = false;
  std::string referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email;
  std::vector<ChildForm> children{1};
  std::string concern;
  // Intake (domain/intake.h).
  // KCR-8, HCR-27: when the call or e-mail came in, local time; a new form shows now. Empty: now.
  std::string received_date;                        // YYYY-MM-DD
  std::string received_time;                        // HH:MM
  std::string channel = "phone";                    // how it came in
  std::string form_kind;                            // "", "red", "green" (HCR-9…HCR-11)
  std::string hub_consultation;                     // what the Consultation Hub advised (HCR-10)
  std::string consultation_number;                  // the consultation this contact follows (CRU-4, HCR-10)
  std::map<std::string, std::string> household;     // KCR-6: question id → yes | no | not_known
  std::map<std::string, std::string> information;   // KCR-7: free-text item id → text as typed
  std::vector<std::string> indicators;              // HCR-12/13: ticked indicator ids, as posted
  bool harm_by_another_child = false;               // HCR-3
  bool allegation_against_professional = false;     // HCR-4
  std::string passing_on_concern_of;                // HCR-14
  std::string call_reference;                       // HCR-15: the reference given when they phoned
  // The form's own idempotency key, made when the empty form is shown and carried by every re-show:
  // the same form sent twice (a double click, a refresh, the back button) records one contact.
  std::string form_key;
  // Set by ApplyChildAction, never by the browser.
  std::optional<ChildChange> child_change;
};

// Who the form is for: staff recording a contact, or the public portal (no channel choice, words
// addressed to the person filling it in, and the urgent warning shown as indicators are ticked).
enum class FormAudience { kStaff, kPortal };

// Reads the posted fields. The number of child blocks comes from `child_count`, capped so a
// crafted post cannot make the page enormous.
ContactForm ParseContactForm(const std::multimap<std::string, std::string>& fields);
// What is recorded: the form, less any empty child boxes after the first (an "Add another child"
// pressed once too often, or by Enter in a text box, must not stop the form being sent).
ContactDraft ToDraft(const ContactForm& form);

// What identifies a sent form's answers (app::RequestFingerprint of its fields, less the CSRF token,
// the button pressed and the form key): sent again unchanged, it is the same request.
std::string FormFingerprint(const std::multimap<std::string, std::string>& fields);

// The form's own buttons for its child boxes: "add-child" adds one (up to kMaxChildren),
// "remove-child-N" removes box N (never the first). Returns whether `action` was one of them, so the
// page shows the form again instead of recording it; form.child_change says what it did.
bool ApplyChildAction(ContactForm& form, std::string_view action);

// The id of the input an error about `field` should link to ("children[0].date_of_birth" →
// "children-0-dob-day", "intake.household.mental_illness" → "household-mental_illness").
std::string InputIdFor(const std::string& field);

// Everything the contact_form (or portal_form) template needs, with each error beside its input.
// From the pack in force: its significant-harm indicators, offered as checkboxes; and the red/green
// form and hub questions only where the pack has them (its [intake] switches and a hub consultation
// type). The portal's pages add the urgent advice shown when an indicator is ticked ("urgent_advice"),
// since it depends on the time (HCR-18).
Data ContactFormData(const ContactForm& form, const std::vector<FieldError>& errors, const std::string& csrf_token,
                     const policy::PolicyPack& pack, FormAudience audience = FormAudience::kStaff);
// KCR-6: the household questions as the browser sends them ("household-<question id>"), and their
// radios for templates/intake_household.mustache: `given` the answers as typed or recorded, each
// question's error being the one on "<error_prefix>.<question id>". Shared by the contact form and
// the screening page, so the questions are asked with the same names and checked the same way.
std::map<std::string, std::string> HouseholdFromFields(const std::multimap<std::string, std::string>& fields);
Data HouseholdQuestionsData(const std::map<std::string, std::string>& given, const std::vector<FieldError>& errors,
                            const std::string& error_prefix);
// KCR-7: the checklist's free-text items as boxes for templates/intake_information.mustache (named
// "information-<item id>"), `given` as typed or recorded, each item's error the one on
// "<error_prefix>.<item id>"; `open` is set when one holds text or an error. Shared by the contact
// form and the screening page.
Data InformationItemsData(const std::map<std::string, std::string>& given, const std::vector<FieldError>& errors,
                          const std::string& error_prefix, bool& open);
// The GOV.UK error summary list, each error linking to its field's input (InputIdFor) or, for a field
// in `links`, to the input given there.
Data ErrorList(const std::vector<FieldError>& errors, const std::map<std::string, std::string>& links = {});

// Words shown for intake values on pages (the domain keeps ids).
std::string FormKindTitle(FormKind form);
std::string ChildRoleTitle(ChildRole role);
// The advice shown to a referrer who gave a significant-harm indicator (HCR-12): the pack's words,
// always with the 999 advice.
std::string UrgentAdviceText(const std::string& pack_advice);

}  // namespace fd::web
