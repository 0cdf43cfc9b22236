#include "metrics/heap_memory.h"

#include <malloc.h>

#include <cstddef>

// gperftools' C interface, present only when the program is linked with tcmalloc (the frontdoor
// program is, docs/decisions.md "tcmalloc for the server"); weak, so everything else links without it.
extern "C" int MallocExtension_GetNumericProperty(const char* property, std::size_t* value) __attribute__((weak));

namespace fd::metrics {

std::int64_t HeapInUseBytes() noexcept {
  // Under tcmalloc glibc's arenas hold next to nothing: ask the allocator that hands memory out.
  if (MallocExtension_GetNumericProperty != nullptr) {
    std::size_t allocated = 0;
    if (MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &allocated))
      return static_cast<std::int64_t>(allocated);
  }
  // mallinfo2, not mallinfo: the older one's int fields wrap at 2 GiB.
  const struct mallinfo2 info = mallinfo2();
  return static_cast<std::int64_t>(info.uordblks + info.hblkhd);
}

}  // namespace fd::metrics
