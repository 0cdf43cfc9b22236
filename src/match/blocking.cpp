#include "match/blocking.h"

#include <algorithm>

namespace fd::match {
namespace {

void AddNameKeys(KeyKind kind, const NameForm& name, std::vector<BlockingKey>& keys) {
  // A single letter is an initial: its code would file it with every name that starts alike.
  if (name.text.size() < 2) return;
  if (name.primary != 0) keys.push_back(MakeKey(kind, name.primary));
  if (name.alternate != 0) keys.push_back(MakeKey(kind, name.alternate));
}

void Deduplicate(std::vector<BlockingKey>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

BlockingKey MakeKey(KeyKind kind, std::uint64_t value) {
  return (static_cast<BlockingKey>(kind) << 56) | (value & ((BlockingKey{1} << 56) - 1));
}

Posting PostingFor(std::uint32_t slot, const Record& record) {
  Posting posting;
  posting.slot = slot;
  posting.forename = record.forename;
  posting.middle = record.middle;
  posting.surname = record.surname;
  posting.date_of_birth = record.date_of_birth & ((1u << 25) - 1);
  posting.gender = static_cast<std::uint32_t>(record.gender) & 3u;
  posting.more_forenames = record.more_forenames > 0 ? 1 : 0;
  posting.more_surnames = (record.current_parts + record.previous_names) > 0 ? 1 : 0;
  return posting;
}

std::vector<BlockingKey> RecordKeys(const Record& record, std::span<const NameId> extra_names,
                                    const NamePool& pool) {
  std::vector<BlockingKey> keys;
  if (record.date_of_birth != 0) keys.push_back(MakeKey(KeyKind::kDateOfBirth, record.date_of_birth));
  if (record.nhs != 0) keys.push_back(MakeKey(KeyKind::kNhsNumber, record.nhs));
  if (record.postcode != 0) keys.push_back(MakeKey(KeyKind::kPostcode, record.postcode));
  const RecordNames names = NamesOf(record, extra_names);
  if (!names.forenames.empty()) AddNameKeys(KeyKind::kForenameSound, pool.Get(names.forenames.front()), keys);
  for (NameId id : names.surnames) AddNameKeys(KeyKind::kSurnameSound, pool.Get(id), keys);
  Deduplicate(keys);
  return keys;
}

std::vector<BlockingKey> QueryKeys(const PreparedQuery& query) {
  std::vector<BlockingKey> keys;
  if (query.date_of_birth != 0) {
    const DateOfBirth date = UnpackDate(query.date_of_birth);
    keys.push_back(MakeKey(KeyKind::kDateOfBirth, query.date_of_birth));
    // Only real dates can be on a record, so impossible variants (31/02) are skipped.
    const DateOfBirth variants[] = {
        DateOfBirth{date.year, date.day, date.month},
        DateOfBirth{date.year - 1, date.month, date.day},
        DateOfBirth{date.year + 1, date.month, date.day},
    };
    for (const DateOfBirth& variant : variants) {
      if (IsValidDate(variant)) keys.push_back(MakeKey(KeyKind::kDateOfBirth, PackDate(variant)));
    }
  }
  if (query.nhs != 0) keys.push_back(MakeKey(KeyKind::kNhsNumber, query.nhs));
  if (query.postcode != 0) keys.push_back(MakeKey(KeyKind::kPostcode, query.postcode));
  if (!query.forenames.empty()) AddNameKeys(KeyKind::kForenameSound, query.forenames.front().form, keys);
  for (const QueryName& name : query.surnames) AddNameKeys(KeyKind::kSurnameSound, name.form, keys);
  Deduplicate(keys);
  return keys;
}

}  // namespace fd::match
