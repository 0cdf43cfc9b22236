// Where a new contact goes (HCR-4, HCR-5, HCR-6, HCR-9, HCR-13, HCR-18): returned to the sender, the
// managing-allegations (LADO) queue, the allocated worker when every child it is about is open to
// them, the out-of-hours queue when the service centre is closed, or the front door. Urgent contacts
// top every queue.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "policy/policy_pack.h"
#include "store/store.h"

namespace fd::app {

// A child a contact is about whose case is open to a worker (HCR-5).
struct OpenChild {
  int position = 0;  // on the contact, 0 for the first child
  std::string name;  // as the register has it
  std::int64_t worker_id = 0;
  std::string worker_name;
  std::optional<std::int64_t> team_id;
};

// HCR-5 and HCR-6 for the children a contact is about (not a child said to have caused harm).
struct OpenCases {
  std::vector<OpenChild> open;
  std::vector<std::string> not_open;  // the others' names, as the contact gives them
};

// `linked`, by the children's positions: the register record a child is linked to. A child with no
// link is looked up by exact match (name, date of birth, NHS number), as at receipt.
OpenCases FindOpenCases(store::Transaction& tx, const std::vector<Child>& children,
                        const std::vector<std::optional<std::int64_t>>& linked = {});

// The one worker every child of the contact is open to; nullopt when a child is not open, or when
// they are open to different workers: then the front door screens and decides, and each allocated
// worker is told.
std::optional<OpenChild> SoleHolder(const OpenCases& cases);

// In words, for the contact's routing note: which child is open to whom, and who works the contact.
// Empty when no child is open.
std::string OpenCasesNote(const policy::PolicyPack& pack, const OpenCases& cases);

struct RoutingDecision {
  std::string queue = "front-door";  // front-door, out-of-hours, lado, allocated-worker, returned
  std::string state = "received";    // "routed" when it leaves the front door's screening
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> allocated_team_id;
  std::string note;                  // in words, for the contact page
  std::vector<OpenChild> open;       // HCR-5: the allocated workers to tell, wherever it goes
};

// `front_door_open`: whether the front door is open at the time of receipt (policy/front_door_hours.h,
// the one rule). Only a pack with an intake service has an out-of-hours queue (HCR-18); Kent's seeds
// give none, so its contacts stay on the front door's queue whenever they arrive.
RoutingDecision RouteContact(store::Transaction& tx, const NewContact& contact, const policy::PolicyPack& pack,
                             bool front_door_open);

}  // namespace fd::app
