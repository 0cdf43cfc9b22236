// Contacts in the store. Backend-neutral: written against Transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "store/queue_columns.h"
#include "store/store.h"

namespace fd::store {

// Takes the next number of a per-year sequence ("FD", 2026) → 123. REQUIRES: a write transaction.
std::int64_t NextReferenceNumber(Transaction& tx, const std::string& prefix, int year);

// Inserts a contact and its children; returns the new id.
std::int64_t InsertContact(Transaction& tx, const Contact& contact, Instant created_at);
std::optional<Contact> FindContact(Transaction& tx, std::int64_t id);
std::optional<Contact> FindContactByReference(Transaction& tx, const std::string& reference);

// Who screens a contact at the front door: the social worker a team manager allocated it to
// (store/screening_allocation_records.h), else the user who started its screening. They keep it
// until the decision is made: once screened, the proposal is theirs to make, and while it awaits
// authorisation it comes back to them if sent back (docs/decisions.md "A screened contact stays
// someone's until it is decided").
struct Screener {
  std::int64_t user_id = 0;
  std::string name;
  bool started = true;  // false: allocated, and screening not yet started
  std::string stage = "screening";  // the contact's state: received, screening, screened or proposed
};

struct ContactPage {
  std::vector<Contact> contacts;  // newest first
  std::int64_t total = 0;
  std::map<std::int64_t, Screener> screeners;  // of the contacts at the front door with a screener, by contact id
  // KCR-10, HCR-30: of a queue's page, the contacts with a child about whom another contact is not
  // yet decided (store/same_child_records.h); empty for other listings.
  std::set<std::int64_t> repeats;
  // Of a queue's page: when each contact must be decided by (store/queue_columns.h); a contact with
  // no open decision clock is absent.
  std::map<std::int64_t, DecideByClock> decide_by;
  // HCR-9: of the "returned" queue's page, the returned forms no e-mail could carry whose call to the
  // sender is not yet recorded (app/returned_forms.h); empty for other listings.
  std::set<std::int64_t> returns_to_ring;
};
// One page of contacts, newest received first. `page` counts from 1.
ContactPage ListContacts(Transaction& tx, int page, int page_size);

// A work queue: the contacts in `queue` still at the front door (received or being screened, or
// awaiting a decision), urgent first, then oldest received first (HCR-13: urgent contacts top every
// queue). `allocated_user_id` narrows the allocated-worker queue to one worker.
// `urgent_only`: the urgent contacts alone (served by contacts_by_queue(queue, urgent, received_at)).
// `awaiting_authorisation`: those whose proposed decision awaits a manager's authorisation (KCR-16).
// `overdue_at`: those with a clock a decision meets (store/queue_columns.h) breached at that time
// and unmet (KCR-8, HCR-27, HCR-32), however long ago they arrived.
ContactPage ListQueue(Transaction& tx, const std::string& queue,
                      std::optional<std::int64_t> allocated_user_id, int page, int page_size,
                      bool urgent_only = false, bool awaiting_authorisation = false,
                      std::optional<Instant> overdue_at = std::nullopt);

// The "to-screen" queue (review finding 9): the contacts at the front door (received, being screened,
// screened or awaiting authorisation) whose screener is `screener_id`: allocated to them by a team
// manager, or, unallocated, being screened by whoever started it. nullopt: every contact with a
// screener. Ordered, filtered and paged as ListQueue.
ContactPage ListToScreen(Transaction& tx, std::optional<std::int64_t> screener_id, int page, int page_size,
                         bool urgent_only = false, bool awaiting_authorisation = false,
                         std::optional<Instant> overdue_at = std::nullopt);

// The screeners of those of `contact_ids` at the front door until decided (allocated, being screened,
// screened, awaiting authorisation), by contact id; the others are absent.
std::map<std::int64_t, Screener> ScreenersOf(Transaction& tx, const std::vector<std::int64_t>& contact_ids);

}  // namespace fd::store
