// The lawful-basis ledger (migration 0020): one row per disclosure into or out of frontdoor, with
// who it was about. Backend-neutral, written against Transaction; every value is bound. Times are UTC
// ISO 8601 text. app/disclosures.h decides what may be written; this only stores and reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

// About whom: a register person, a contact's child, or both (a child linked to the register).
struct DisclosureSubjectRow {
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> contact_id;
  std::optional<std::int64_t> child_position;
};

struct DisclosureRow {
  std::int64_t id = 0;
  std::string direction;  // out, in
  std::vector<std::string> items;
  std::string counterpart_kind;  // agency, organisation, email, person
  std::string counterpart;
  std::string lawful_basis;
  std::string policy_version;
  std::optional<std::int64_t> authorised_by;
  std::optional<std::int64_t> recorded_by;
  std::string disclosed_at;
  std::string cause_kind;
  std::string cause_id;
  std::string detail;
  std::vector<DisclosureSubjectRow> subjects;
  std::string authorised_by_name, recorded_by_name;  // read only
};

// Writes the row and its subjects; returns its id.
std::int64_t InsertDisclosure(Transaction& tx, const DisclosureRow& row);

// Every disclosure about the person, oldest first: those naming the person (or a record merged into
// them), and those naming a contact's child now linked to any of them. Subjects are read too.
std::vector<DisclosureRow> DisclosuresAboutPerson(Transaction& tx, std::int64_t person_id);

// The disclosures a cause made ("agency-check", "12"), oldest first.
std::vector<DisclosureRow> DisclosuresByCause(Transaction& tx, const std::string& cause_kind,
                                              const std::string& cause_id);

// Retention: the row stays (the ledger records that something was shared); the purged record's link
// to it goes.
void UnlinkDisclosuresFromContact(Transaction& tx, std::int64_t contact_id);
void UnlinkDisclosuresFromPerson(Transaction& tx, std::int64_t person_id);

}  // namespace fd::store
