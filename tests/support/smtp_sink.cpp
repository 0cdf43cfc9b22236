#include "support/smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <system_error>

namespace fd::testing {
namespace {

constexpr int kSliceMs = 50;                                   // how often a wait checks for shutdown
constexpr std::chrono::seconds kIdleTimeout{10};               // a silent client is dropped
constexpr std::size_t kMaxBuffered = 16 * 1024 * 1024;         // a runaway client is dropped

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The address inside "<…>" of "MAIL FROM:<a@b> SIZE=12", or what follows the colon.
std::string PathArgument(std::string_view line) {
  const auto open = line.find('<');
  const auto close = line.find('>', open == std::string_view::npos ? 0 : open);
  if (open != std::string_view::npos && close != std::string_view::npos)
    return std::string(line.substr(open + 1, close - open - 1));
  const auto colon = line.find(':');
  return colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1));
}

void SendAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;  // the client went away; the read loop notices
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void ParseHeaders(ReceivedMessage& m) {
  const auto split = m.data.find("\r\n\r\n");
  const std::string_view head = std::string_view(m.data).substr(0, split == std::string::npos ? m.data.size() : split);
  m.body = split == std::string::npos ? std::string() : m.data.substr(split + 4);
  std::size_t pos = 0;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(pos, end - pos);
    if ((line.starts_with(' ') || line.starts_with('\t')) && !m.headers.empty()) {
      m.headers.back().second += std::string(line);  // unfold: drop the CRLF, keep the white space
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      m.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    pos = end + 2;
  }
}

}  // namespace

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
      continue;
    }
    if (text.substr(i + 1).starts_with("\r\n")) {
      i += 2;  // soft line break
    } else if (text.substr(i + 1).starts_with("\n")) {
      i += 1;
    } else if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += '=';
    }
  }
  return out;
}

std::string DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const int v = value(c);
    if (v < 0) continue;  // padding and line breaks
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

std::string DecodeEncodedWords(std::string_view text) {
  std::string out, pending_space;
  bool after_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i).starts_with("=?")) {
      const auto q1 = text.find('?', i + 2);
      const auto q2 = q1 == std::string_view::npos ? q1 : text.find('?', q1 + 1);
      const auto end = q2 == std::string_view::npos ? q2 : text.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2) {
        const char encoding = static_cast<char>(text[q1 + 1] & ~0x20);
        const auto payload = text.substr(q2 + 1, end - q2 - 1);
        std::string decoded;
        if (encoding == 'B') {
          decoded = DecodeBase64(payload);
        } else {
          std::string q(payload);
          for (auto& c : q)
            if (c == '_') c = ' ';
          decoded = DecodeQuotedPrintable(q);
        }
        // White space between two encoded-words is not part of the text (RFC 2047 section 6.2).
        if (!after_word) out += pending_space;
        pending_space.clear();
        out += decoded;
        after_word = true;
        i = end + 2;
        continue;
      }
    }
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {  // folding counts as space
      pending_space += text[i++];
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += text[i++];
    after_word = false;
  }
  return out + pending_space;
}

std::string ReceivedMessage::Header(std::string_view name) const {
  const std::string wanted = Lower(name);
  for (const auto& [key, value] : headers)
    if (Lower(key) == wanted) return value;
  return "";
}

std::size_t ReceivedMessage::HeaderCount(std::string_view name) const {
  const std::string wanted = Lower(name);
  std::size_t n = 0;
  for (const auto& [key, value] : headers)
    if (Lower(key) == wanted) ++n;
  return n;
}

std::string ReceivedMessage::DecodedSubject() const { return DecodeEncodedWords(Header("Subject")); }

std::string ReceivedMessage::DecodedBody() const {
  const std::string encoding = Lower(Header("Content-Transfer-Encoding"));
  if (encoding == "quoted-printable") return DecodeQuotedPrintable(body);
  if (encoding == "base64") return DecodeBase64(body);
  return body;
}

namespace {

// A TCP socket bound to 127.0.0.1 on a port the system picks (so tests never collide), listening
// when asked. Returns the socket and sets `port`; throws std::system_error.
int BindLoopback(bool listen, std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::system_error(errno, std::system_category(), "smtp sink: socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || (listen && ::listen(fd, 16) != 0) ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const int error = errno;
    ::close(fd);
    throw std::system_error(error, std::system_category(), "smtp sink: bind");
  }
  port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

RefusingPort::RefusingPort() { fd_ = BindLoopback(false, port_); }
RefusingPort::~RefusingPort() { ::close(fd_); }
std::string RefusingPort::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

SmtpSink::SmtpSink() {
  listen_fd_ = BindLoopback(true, port_);
  thread_ = std::thread([this] { Run(); });
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
}

std::string SmtpSink::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

void SmtpSink::FailNextTransactions(int n) {
  std::lock_guard lock(mutex_);
  fail_next_ = n;
}

std::vector<ReceivedMessage> SmtpSink::Messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

std::size_t SmtpSink::MessageCount() const {
  std::lock_guard lock(mutex_);
  return messages_.size();
}

int SmtpSink::connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

int SmtpSink::transactions_started() const {
  std::lock_guard lock(mutex_);
  return transactions_started_;
}

int SmtpSink::transactions_failed() const {
  std::lock_guard lock(mutex_);
  return transactions_failed_;
}

bool SmtpSink::WaitForMessages(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return messages_.size() >= n; });
}

void SmtpSink::Run() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, kSliceMs) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    {
      std::lock_guard lock(mutex_);
      ++connections_;
    }
    Serve(fd);
    ::close(fd);
  }
}

void SmtpSink::Serve(int fd) {
  std::string buffer;
  // One CRLF-terminated line (without the CRLF); nullopt on close, idle time-out or shutdown.
  auto read_line = [&]() -> std::optional<std::string> {
    auto idle_until = std::chrono::steady_clock::now() + kIdleTimeout;
    for (;;) {
      if (const auto end = buffer.find("\r\n"); end != std::string::npos) {
        std::string line = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        return line;
      }
      if (stop_ || std::chrono::steady_clock::now() > idle_until || buffer.size() > kMaxBuffered) return std::nullopt;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, kSliceMs) <= 0) continue;
      char chunk[4096];
      const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) return std::nullopt;
      buffer.append(chunk, static_cast<std::size_t>(n));
      idle_until = std::chrono::steady_clock::now() + kIdleTimeout;
    }
  };

  SendAll(fd, "220 frontdoor-sink ESMTP ready\r\n");
  ReceivedMessage current;
  bool in_transaction = false;
  while (auto line = read_line()) {
    const std::string verb = Lower(line->substr(0, line->find(' ')));
    if (verb == "ehlo") {
      SendAll(fd, "250-frontdoor-sink\r\n250 8BITMIME\r\n");
    } else if (verb == "helo") {
      SendAll(fd, "250 frontdoor-sink\r\n");
    } else if (Lower(*line).starts_with("mail from:")) {
      current = ReceivedMessage{};
      current.mail_from = PathArgument(*line);
      in_transaction = true;
      {
        std::lock_guard lock(mutex_);
        ++transactions_started_;
      }
      SendAll(fd, "250 2.1.0 OK\r\n");
    } else if (Lower(*line).starts_with("rcpt to:")) {
      if (!in_transaction) {
        SendAll(fd, "503 5.5.1 MAIL first\r\n");
        continue;
      }
      current.recipients.push_back(PathArgument(*line));
      SendAll(fd, "250 2.1.5 OK\r\n");
    } else if (verb == "data") {
      if (!in_transaction || current.recipients.empty()) {
        SendAll(fd, "503 5.5.1 RCPT first\r\n");
        continue;
      }
      SendAll(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
      bool complete = false;
      while (auto data_line = read_line()) {
        if (*data_line == ".") {
          complete = true;
          break;
        }
        // Undo the sender's dot-stuffing (RFC 5321 section 4.5.2).
        current.data += data_line->starts_with('.') ? data_line->substr(1) : *data_line;
        current.data += "\r\n";
      }
      if (!complete) return;
      in_transaction = false;
      bool fail = false;
      {
        std::lock_guard lock(mutex_);
        if (fail_next_ > 0) {
          --fail_next_;
          ++transactions_failed_;
          fail = true;
        } else {
          ParseHeaders(current);
          messages_.push_back(std::move(current));
        }
      }
      changed_.notify_all();
      SendAll(fd, fail ? "451 4.3.0 Temporary failure (test sink)\r\n" : "250 2.0.0 OK queued\r\n");
    } else if (verb == "rset") {
      in_transaction = false;
      SendAll(fd, "250 2.0.0 OK\r\n");
    } else if (verb == "noop") {
      SendAll(fd, "250 2.0.0 OK\r\n");
    } else if (verb == "quit") {
      SendAll(fd, "221 2.0.0 Bye\r\n");
      return;
    } else {
      SendAll(fd, "502 5.5.2 Command not recognised\r\n");
    }
  }
}

}  // namespace fd::testing
