#include "app/contacts.h"

#include "app/contact_json.h"
#include "app/deadlines.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"

namespace fd::app {

Result<Contact> RecordContact(AppContext& ctx, const Actor& actor, const ContactDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kRecordContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const auto today = calendar::LocalDate(now, ctx.time_zone);
  auto valid = ValidateContact(draft, today);
  if (!valid) return std::unexpected(valid.error());

  Contact contact;
  contact.received_at = now;
  contact.recorded_by = actor.user_id;
  contact.recorded_by_name = actor.display_name;
  contact.referrer = std::move(valid->referrer);
  contact.children = std::move(valid->children);
  contact.concern = std::move(valid->concern);

  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  const int year = static_cast<int>(today.year());
  contact.reference = FormatContactReference(year, store::NextReferenceNumber(*tx, "FD", year));
  contact.id = store::InsertContact(*tx, contact, now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.created", "contact", std::to_string(contact.id),
                      ContactToJson(contact, ctx.time_zone)});
  // KCR-8 / HCR-27 decide, HCR-22 acknowledge: whichever the pack in force defines, counted from receipt.
  const DeadlineSubject subject{"contact", contact.id, contact.reference, actor.team_id, std::nullopt};
  for (const char* timescale : {"decision", "acknowledgement"}) OpenDeadline(*tx, ctx, timescale, subject, now);
  tx->Commit();
  return contact;
}

Result<Contact> GetContact(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = store::FindContact(*tx, id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  return std::move(*contact);
}

Result<Contact> GetContactByReference(AppContext& ctx, const Actor& actor, const std::string& reference) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = store::FindContactByReference(*tx, reference);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with reference " + reference));
  return std::move(*contact);
}

Result<store::ContactPage> ListContacts(AppContext& ctx, const Actor& actor, int page, int page_size) {
  if (auto allowed = Authorise(actor, Action::kListContacts); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (page_size < 1 || page_size > kMaxPageSize)
    errors.push_back({"page_size", "Page size must be between 1 and 100"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return store::ListContacts(*tx, page, page_size);
}

}  // namespace fd::app
