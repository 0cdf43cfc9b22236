#include "match/name_pool.h"

#include "match/phonetic.h"

namespace fd::match {

SoundCode PackSoundCode(std::string_view code) {
  SoundCode packed = 0;
  for (std::size_t i = 0; i < code.size() && i < 4; ++i) {
    packed = (packed << 8) | static_cast<unsigned char>(code[i]);
  }
  return packed;
}

NameForm MakeNameForm(std::string normalised) {
  const PhoneticCodes codes = DoubleMetaphone(normalised);
  return NameForm{std::move(normalised), PackSoundCode(codes.primary), PackSoundCode(codes.alternate)};
}

NameId NamePool::Intern(const std::string& normalised) {
  if (auto found = ids_.find(std::string_view(normalised)); found != ids_.end()) return found->second;
  const auto id = static_cast<NameId>(names_.size());
  names_.push_back(MakeNameForm(normalised));
  ids_.emplace(std::string_view(names_.back().text), id);
  return id;
}

std::optional<NameId> NamePool::Find(std::string_view normalised) const {
  if (auto found = ids_.find(normalised); found != ids_.end()) return found->second;
  return std::nullopt;
}

std::size_t NamePool::ApproxBytes() const {
  // Per name: the NameForm, its text when longer than the small-string buffer, and a hash node
  // (view, id, next pointer, cached hash) plus its bucket.
  std::size_t bytes = 0;
  for (const NameForm& name : names_) {
    bytes += sizeof(NameForm) + (name.text.size() > 15 ? name.text.capacity() + 1 : 0);
  }
  bytes +=
      ids_.size() * (sizeof(std::string_view) + sizeof(NameId) + 2 * sizeof(void*) + sizeof(std::size_t));
  bytes += ids_.bucket_count() * sizeof(void*);
  return bytes;
}

}  // namespace fd::match
