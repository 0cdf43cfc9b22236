#include "notify/message.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "domain/text.h"

namespace fd::notify {
namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";

// Longest header text sent unencoded; RFC 5322 allows 998 octets a line and the name needs room.
constexpr std::size_t kMaxPlainHeader = 900;
// An encoded-word is at most 75 characters; "=?UTF-8?B?" and "?=" take 12, leaving 63 for
// base64, i.e. 15 groups of 4 characters = 45 bytes of text.
constexpr std::size_t kBytesPerEncodedWord = 45;

bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

std::string Base64(std::string_view bytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                            (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Always encodes: words of whole UTF-8 characters, folded onto continuation lines.
std::string EncodeWords(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(pos + kBytesPerEncodedWord, text.size());
    // Never split a character between two words (RFC 2047 section 5).
    while (end < text.size() && end > pos && IsContinuationByte(text[end])) --end;
    if (end == pos) end = std::min(pos + kBytesPerEncodedWord, text.size());  // not UTF-8: still progress
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

bool IsPlainHeaderText(std::string_view text) {
  if (text.size() > kMaxPlainHeader || text.find("=?") != std::string_view::npos) return false;
  for (char c : text)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

// A display name written bare only when it is words of letters, digits and spaces; anything else
// is encoded rather than quoted, which is always valid and needs no escaping rules.
std::string EncodeDisplayName(std::string_view name) {
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '))
      return EncodeWords(name);
  return std::string(name);
}

std::string Hex(unsigned char c) { return {'=', kHex[c >> 4], kHex[c & 15]}; }

}  // namespace

Result<void> CheckAddress(std::string_view address) {
  if (address.empty()) return std::unexpected(Error::InvalidField("recipient", "The e-mail address is empty"));
  if (address.size() > 254)
    return std::unexpected(Error::InvalidField("recipient", "The e-mail address is longer than 254 characters"));
  for (char ch : address) {
    if (ch == '\r' || ch == '\n')
      return std::unexpected(Error::InvalidField("recipient", "The e-mail address contains a line break"));
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7F)
      return std::unexpected(Error::InvalidField(
          "recipient", "The e-mail address contains a space, control character or non-ASCII character"));
  }
  const auto at = address.find('@');
  if (at == std::string_view::npos || at != address.rfind('@'))
    return std::unexpected(Error::InvalidField("recipient", "The e-mail address must contain exactly one @"));
  const auto local = address.substr(0, at);
  const auto domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return std::unexpected(Error::InvalidField("recipient", "The part of the e-mail address before @ is not valid"));
  for (char c : local)
    if (!IsAtext(c) && c != '.')
      return std::unexpected(Error::InvalidField("recipient", "The part of the e-mail address before @ is not valid"));
  // Domain: dot-separated labels of letters, digits and inner hyphens. One label is allowed, since
  // "frontdoor@localhost" is the usual sender on a development machine.
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto dot = std::min(domain.find('.', start), domain.size());
    const auto label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return std::unexpected(Error::InvalidField("recipient", "The domain of the e-mail address is not valid"));
    for (char c : label)
      if (!IsLabelChar(c))
        return std::unexpected(Error::InvalidField("recipient", "The domain of the e-mail address is not valid"));
    start = dot + 1;
  }
  return {};
}

Result<Mailbox> ParseMailbox(std::string_view text) {
  const std::string trimmed = Trim(text);
  Mailbox mailbox;
  const auto open = trimmed.find('<');
  if (open != std::string::npos && trimmed.back() == '>') {
    mailbox.display_name = Trim(std::string_view(trimmed).substr(0, open));
    mailbox.address = trimmed.substr(open + 1, trimmed.size() - open - 2);
  } else {
    mailbox.address = trimmed;
  }
  if (!IsValidUtf8(mailbox.display_name) || HasControlCharacters(mailbox.display_name, false))
    return std::unexpected(Error::InvalidField("from", "The sender's name contains characters that cannot be sent"));
  if (auto ok = CheckAddress(mailbox.address); !ok) return std::unexpected(ok.error());
  return mailbox;
}

std::string EncodeHeaderText(std::string_view text) {
  if (IsPlainHeaderText(text)) return std::string(text);
  return EncodeWords(text);
}

std::string MessageIdFor(std::string_view idempotency_key) {
  std::string id = "<";
  for (char ch : idempotency_key) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
      id += ch;
    else
      id += Hex(c);
  }
  return id + "@frontdoor>";
}

std::string FormatRfc5322Date(Instant instant) {
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{instant - day};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays[std::chrono::weekday{day}.c_encoding()],
                     static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t column = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
      column = 0;
      continue;
    }
    const bool line_ends = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    const auto c = static_cast<unsigned char>(ch);
    std::string token;
    // Trailing white space would be stripped in transit, so the last one on a line is encoded.
    if ((c == ' ' || c == '\t') && !line_ends) token = std::string(1, ch);
    else if (c >= 33 && c <= 126 && c != '=') token = std::string(1, ch);
    else token = Hex(c);
    // 75 characters and a soft line break "=" keep every line within the 76 RFC 2045 allows.
    if (column + token.size() > 75) {
      out += "=\r\n";
      column = 0;
    }
    out += token;
    column += token.size();
  }
  return out;
}

Result<std::string> BuildMessage(const Mailbox& from, const OutgoingMessage& message) {
  if (auto ok = CheckAddress(message.to); !ok) return std::unexpected(ok.error());
  if (message.subject.find_first_of("\r\n") != std::string::npos)
    return std::unexpected(Error::InvalidField("subject", "The subject contains a line break"));
  if (!IsValidUtf8(message.subject) || HasControlCharacters(message.subject, false))
    return std::unexpected(Error::InvalidField("subject", "The subject contains characters that cannot be sent"));
  if (!IsValidUtf8(message.body))
    return std::unexpected(Error::InvalidField("body", "The message contains characters that could not be read"));
  if (message.idempotency_key.empty())
    return std::unexpected(Error::InvalidField("idempotency_key", "The message has no idempotency key"));

  std::string from_header = from.address;
  if (!from.display_name.empty()) from_header = EncodeDisplayName(from.display_name) + " <" + from.address + ">";

  std::string out;
  out += "Date: " + FormatRfc5322Date(message.date) + "\r\n";
  out += "From: " + from_header + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + EncodeHeaderText(message.subject) + "\r\n";
  out += "Message-ID: " + MessageIdFor(message.idempotency_key) + "\r\n";
  // RFC 3834: tells auto-responders (out-of-office replies) not to answer a machine.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  // Quoted-printable rather than 8bit: safe through relays without 8BITMIME, and no line can
  // exceed SMTP's 998-octet limit whatever the body holds.
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += EncodeQuotedPrintable(message.body);
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace fd::notify
