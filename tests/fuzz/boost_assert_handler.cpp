// Boost's assertion handler for the fuzz build (BOOST_ENABLE_ASSERT_HANDLER, set by the top
// CMakeLists.txt when FRONTDOOR_FUZZ): every failed assertion aborts, as assert() would, so libFuzzer
// reports it, except one that is itself wrong.
//
// Boost 1.74's HTTP parser (the Debian 12 package) asserts `n >= 5` in
// basic_parser::parse_chunk_header when a chunked body's last chunk arrives without its final
// CRLF ("0\r\n" and then one more byte). Only 3 bytes are possible there, and the code after the
// assertion handles them: it finds no end of message and asks for more (error::need_more). Upstream
// corrected the assertion in boostorg/beast pull request 2861 (Boost 1.86). Release builds, which the
// server is, compile assertions out, so the server answers such a request as it should: it waits for
// the rest, and times out or refuses it. The input that found it is kept as a regression
// (tests/fuzz/regressions/http_request), and the harness still checks everything after the parser.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace boost {

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  if (std::string_view(expr) == "n >= 5" &&
      std::string_view(file).ends_with("boost/beast/http/impl/basic_parser.ipp"))
    return;
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed.\n", file, line, function, expr);
  std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file, long line) {
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed: %s\n", file, line, function, expr, msg);
  std::abort();
}

}  // namespace boost
