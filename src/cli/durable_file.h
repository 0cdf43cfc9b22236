// Making a written file durable before anyone may rely on it: fsync the file, rename it into place,
// fsync the folder (the rename itself lives in the folder). Without the folder's fsync a power cut
// right after "backup written" could leave the old name, or no name at all.
#pragma once

#include <sys/stat.h>

#include <expected>
#include <string>

namespace fd::cli {

// fsync(2) of a file's data. Returns the error in words, naming the file.
std::expected<void, std::string> SyncFile(const std::string& path);

// Renames `from` to `to` (same folder) and fsyncs the folder. Returns the error in words.
std::expected<void, std::string> RenameDurably(const std::string& from, const std::string& to);

// While it lives, every file this process and the programs it starts (pg_dump) create is readable
// and writable by its owner alone (mode 0600): a backup holds every child's record, and a default
// umask of 022 would let any user of the machine read it. Set before the first byte is written, so
// there is no moment at which the file is open to others.
class OwnerOnlyFiles {
 public:
  OwnerOnlyFiles() : previous_(::umask(0077)) {}
  ~OwnerOnlyFiles() { ::umask(previous_); }
  OwnerOnlyFiles(const OwnerOnlyFiles&) = delete;
  OwnerOnlyFiles& operator=(const OwnerOnlyFiles&) = delete;

 private:
  mode_t previous_;
};

// Removes a file if it is there; used to clean up a half-written file. Never fails loudly.
void RemoveIfPresent(const std::string& path);

}  // namespace fd::cli
