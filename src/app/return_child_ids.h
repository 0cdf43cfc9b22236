// Which id the statutory returns give each child (docs/decisions.md "One child, one id in the
// returns"): the register's, for a child confirmed as a register record (followed through merges, so
// one person has one id); the register's too for a child not linked whose NHS number one register
// record holds, directly or through a child confirmed as it; else, for children not linked who share
// a valid NHS number, the id of the first contact ever to give that number ("C12N1"), so one child
// has one id whatever period is asked for; else the contact's own ("C12N1"). No NHS number or name
// is ever in an id: the returns do not carry them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/report_records.h"

namespace fd::app {

// Register records, each read once, followed through merges to the record kept.
class ReturnPeople {
 public:
  explicit ReturnPeople(store::Transaction& tx) : tx_(tx) {}
  // The record kept for `id`; nullptr when there is none (or the merges go round in a loop).
  const store::ReturnPerson* Find(std::int64_t id);

 private:
  store::Transaction& tx_;
  std::map<std::int64_t, std::optional<store::ReturnPerson>> cache_;
};

// One child's id, and the register record it is when it is one.
struct ReturnChildId {
  std::string id;
  const store::ReturnPerson* person = nullptr;
};

class ReturnChildIds {
 public:
  // `holders`: store::NhsNumberHolders over the period the children were read from. `people` must
  // outlive this.
  ReturnChildIds(ReturnPeople& people, const std::vector<store::ReturnNhsNumberHolder>& holders);
  // Reads the holders itself.
  ReturnChildIds(store::Transaction& tx, ReturnPeople& people, const std::string& from_utc, const std::string& to_utc);

  ReturnChildId Of(const store::ReturnContactChild& child);
  // The valid NHS number a child not linked is known by here, or empty (used to tell children apart).
  static std::string ValidNhsNumber(const std::string& recorded);

 private:
  void Build(const std::vector<store::ReturnNhsNumberHolder>& holders);

  ReturnPeople& people_;
  std::map<std::string, ReturnChildId> by_nhs_number_;
};

}  // namespace fd::app
