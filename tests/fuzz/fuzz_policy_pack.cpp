// Policy pack loading (`frontdoor policy check`, and every start): any TOML text, valid or not, is
// either a pack or a list of errors, each naming the file; never a fault. A pack that loads also
// gives its working calendar. The text is placed in the real policies folder so its bank-holiday
// file (found relative to the pack) resolves as it would for a real authority.
#include <string>

#include "fuzz_check.h"
#include "policy/policy_pack.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fd::fuzz::Check;
  static const std::string path = std::string(FD_SOURCE_DIR) + "/policies/fuzz/pack.toml";
  const auto pack = fd::policy::ParsePack(fd::fuzz::Text(data, size), path);
  if (!pack) {
    Check(!pack.error().empty(), "a refused pack has no error");
    for (const auto& error : pack.error()) {
      Check(error.file == path, "an error names another file: " + error.ToString());
      Check(!error.message.empty(), "an error without a message");
    }
    return 0;
  }
  // Loading already checked the zone and the bank-holiday file, so this must not throw.
  const auto calendar = fd::policy::CalendarFor(*pack);
  (void)calendar.IsWorkingDay(pack->effective_from);
  return 0;
}
