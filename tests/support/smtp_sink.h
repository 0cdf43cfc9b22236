// A tiny real SMTP server for tests: listens on 127.0.0.1 on a port the system picks, runs on its
// own thread, speaks enough SMTP for libcurl (220, EHLO/HELO, MAIL FROM, RCPT TO, DATA … ".",
// RSET, NOOP, QUIT) and keeps every message it accepted. It can be told to answer the next N
// transactions with "451" at the end of DATA, discarding them, like a busy or greylisting server.
//
// One connection at a time; every read waits at most 10 s and checks for shutdown every 50 ms,
// so the destructor always returns promptly.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace fd::testing {

struct ReceivedMessage {
  std::string mail_from;                // envelope sender, without <>
  std::vector<std::string> recipients;  // envelope recipients, without <>
  std::string data;                     // the message as sent (dot-stuffing undone), CRLF lines
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded, in order
  std::string body;                     // everything after the blank line, still encoded

  // The first header of that name (any case), or "" when there is none.
  std::string Header(std::string_view name) const;
  std::size_t HeaderCount(std::string_view name) const;
  // Subject with RFC 2047 encoded-words decoded.
  std::string DecodedSubject() const;
  // The body decoded per Content-Transfer-Encoding (quoted-printable or base64; otherwise as is).
  std::string DecodedBody() const;
};

std::string DecodeQuotedPrintable(std::string_view text);
std::string DecodeBase64(std::string_view text);
std::string DecodeEncodedWords(std::string_view text);  // RFC 2047, B and Q, any charset kept as bytes

class SmtpSink {
 public:
  // Binds and starts serving. Throws std::system_error when it cannot bind.
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const;  // "smtp://127.0.0.1:PORT"

  // The next `n` transactions are answered "451 4.3.0" after their data, and not kept.
  void FailNextTransactions(int n);

  std::vector<ReceivedMessage> Messages() const;
  std::size_t MessageCount() const;
  int connections() const;          // connections accepted
  int transactions_started() const; // MAIL FROM commands received
  int transactions_failed() const;  // transactions answered 451
  // Waits until at least `n` messages were accepted; false after `timeout`.
  bool WaitForMessages(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

 private:
  void Run();
  void Serve(int fd);

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<ReceivedMessage> messages_;  // GUARDED_BY(mutex_)
  int fail_next_ = 0;                      // GUARDED_BY(mutex_)
  int connections_ = 0;                    // GUARDED_BY(mutex_)
  int transactions_started_ = 0;           // GUARDED_BY(mutex_)
  int transactions_failed_ = 0;            // GUARDED_BY(mutex_)
  std::thread thread_;
};

// A loopback port held bound but not listening: a connection to it is refused at once, and no
// other test can take the port while this lives (unlike a port closed and hoped to stay free).
class RefusingPort {
 public:
  RefusingPort();  // throws std::system_error when it cannot bind
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::string url() const;  // "smtp://127.0.0.1:PORT"

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace fd::testing
