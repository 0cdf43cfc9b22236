#include "metrics/heap_memory.h"

#include <malloc.h>

namespace fd::metrics {

std::int64_t HeapInUseBytes() noexcept {
  // mallinfo2, not mallinfo: the older one's int fields wrap at 2 GiB.
  const struct mallinfo2 info = mallinfo2();
  return static_cast<std::int64_t>(info.uordblks + info.hblkhd);
}

}  // namespace fd::metrics
