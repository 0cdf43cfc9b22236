// The process's heap in use: under tcmalloc (the frontdoor program), the bytes it has handed out
// ("generic.current_allocated_bytes"); under glibc (libraries and tests), glibc's own accounting
// (mallinfo2): bytes handed out by malloc in every arena (uordblks) plus chunks too large for an
// arena that malloc mapped on their own (hblkhd).
// Beside the resident memory it separates "the program holds more" from "the allocator kept pages it
// was given back" (freed memory glibc has not returned, which counts in RSS and not here).
// Memory mapped without malloc is not in it: libsodium maps Argon2id's 64 MiB itself, so sign-ins
// under way do not show here, while they do in RSS.
//
// Thread safety: may be called from any thread; mallinfo2 locks each arena in turn while it walks
// its free lists (microseconds; once per scrape).
#pragma once

#include <cstdint>

namespace fd::metrics {

std::int64_t HeapInUseBytes() noexcept;

}  // namespace fd::metrics
