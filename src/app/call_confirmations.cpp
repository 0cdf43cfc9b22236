#include "app/call_confirmations.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/deadlines.h"
#include "app/duplicates.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "store/call_reference_records.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"
#include "store/same_child_records.h"

namespace fd::app {
namespace {

// Why the contact named by the reference is not the call `written` confirms, in staff's words;
// empty when it is. Its written-confirmation deadline is checked when it is met.
std::string WhyNotTheCall(store::Transaction& tx, const Contact& written, const Contact& call) {
  if (call.id == written.id) return "that is this contact's own reference";
  if (call.intake.channel != Channel::kPhone) return "that contact did not come by phone";
  if (!SameReferrer(call.referrer, written.referrer)) return "that call was made by another referrer";
  if (!store::SharesChild(tx, written.id, call.id)) return "that call is about no child of this contact";
  return "";
}

}  // namespace

bool TracksWrittenConfirmationOfCalls(const policy::PolicyPack& pack) {
  return pack.Timescale(kWrittenConfirmationTimescale) != nullptr;
}

bool CameInWriting(Channel channel) {
  return channel == Channel::kEmail || channel == Channel::kPortal || channel == Channel::kForm;
}

void MatchCallReference(store::Transaction& tx, const Actor& actor, const Contact& contact, Instant now) {
  const std::string& quoted = contact.intake.call_reference;
  if (quoted.empty()) return;
  // What staff do when it confirmed nothing: the confirmation may still be this contact.
  const std::string check = "Check the reference with the referrer. If this contact is their written confirmation "
                            "of a call, record it on that call, or close this contact as a duplicate of it.";
  std::string why_not;
  std::optional<Contact> call;
  if (!CameInWriting(contact.intake.channel)) {
    why_not = "this contact did not come in writing";
  } else {
    call = store::FindContactByReference(tx, quoted);
    if (!call) why_not = "no contact has that reference";
    else why_not = WhyNotTheCall(tx, contact, *call);
    if (why_not.empty() &&
        MeetDeadline(tx, "contact", call->id, kWrittenConfirmationTimescale, now, actor.user_id) == 0)
      why_not = "that call is not awaiting its written confirmation (it was recorded already, or none is due)";
  }
  std::optional<std::int64_t> confirmed;
  std::string note;
  if (why_not.empty()) {
    confirmed = call->id;
    note = fmt::format(
        "The written confirmation of phone contact {} (HCR-15): the referrer quoted its reference, and it is recorded "
        "there as received. Read both; if this one adds nothing, close it as a duplicate of {}.",
        call->reference, call->reference);
    audit::Append(tx, {now, actor.user_id, actor.username, "contact.written_confirmation", "contact",
                       std::to_string(call->id),
                       {{"note", fmt::format("Contact {}, which quoted this call's reference", contact.reference)},
                        {"confirmed_by", contact.id}}});
  } else {
    note = fmt::format("The referrer quoted {} as the reference of their phone call, but {}: no written confirmation "
                       "was recorded (HCR-15). {}",
                       quoted, why_not, check);
  }
  store::InsertCallReference(tx, contact.id, quoted, confirmed, note);
  audit::Append(tx, {now, actor.user_id, actor.username, "contact.call_reference", "contact",
                     std::to_string(contact.id),
                     {{"reference_given", quoted},
                      {"confirms_call", confirmed ? nlohmann::json(*confirmed) : nlohmann::json(nullptr)},
                      {"note", note}}});
}

CallReferences CallReferencesOf(AppContext& ctx, std::int64_t contact_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return {store::CallReferenceOf(*tx, contact_id), store::WrittenConfirmationsOf(*tx, contact_id)};
}

std::string WrittenConfirmationRequest(const Contact& call, Instant due_at, const std::string& within,
                                       const std::string& portal_url, const std::string& time_zone, bool to_officer) {
  const std::string due = calendar::FormatLocalForPeople(due_at, time_zone);
  if (to_officer)
    return fmt::format(
        "Ask {} to confirm this call in writing by {}, within {} of it: the request form at {}, quoting {} as the "
        "reference of their phone call, with any Families First Assessment they have done (HCR-15). We cannot "
        "e-mail them this: tell them now, on the call.",
        call.referrer.name.empty() ? std::string("the referrer") : call.referrer.name, due, within, portal_url,
        call.reference);
  return fmt::format(
      "Please confirm your call in writing by {}, within {} of it: fill in the request form at {}, give {} as "
      "the reference of your phone call, and attach or describe any Families First Assessment you have done.\n\n",
      due, within, portal_url, call.reference);
}

}  // namespace fd::app
