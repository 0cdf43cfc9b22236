// Building one e-mail as RFC 5322 text: headers (RFC 2047 for non-ASCII), quoted-printable UTF-8
// body, CRLF lines. Pure: no I/O, no clock (the Date header comes in with the message).
//
// Everything that reaches an SMTP envelope or a header is checked here first, so a recipient or
// subject carrying CR/LF can never add a header or a recipient (header injection); such a message
// is refused as an `fd::Error` of kind kInvalid and never sent.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/instant.h"

namespace fd::notify {

// One e-mail to send. `idempotency_key` becomes the Message-ID, so a repeat is recognisable.
struct OutgoingMessage {
  std::string to;               // one bare address: "name@example.org"
  std::string subject;          // UTF-8, one line
  std::string body;             // UTF-8 plain text; LF, CRLF or CR line ends
  std::string idempotency_key;  // "contact:12:acknowledgement"
  Instant date;                 // the Date header
};

// An address with an optional display name, as `smtp.from` is written: "a@b" or "Front Door <a@b>".
struct Mailbox {
  std::string display_name;  // UTF-8, may be empty
  std::string address;       // bare
};

// Checks that `address` is one plain ASCII mailbox: local@domain, the local part dot-atom text,
// the domain letters, digits, hyphens and dots ("localhost" allowed); no spaces, quotes, brackets,
// commas or control characters; at most 254 characters. Returns kInvalid (field "recipient")
// naming the problem.
Result<void> CheckAddress(std::string_view address);

// Parses "a@b" or "Name <a@b>". Returns kInvalid when the address fails CheckAddress or the
// display name holds control characters or invalid UTF-8.
Result<Mailbox> ParseMailbox(std::string_view text);

// The header value for `text`: as is when it is short printable ASCII, otherwise RFC 2047
// encoded-words (`=?UTF-8?B?…?=`, at most 75 characters each, never splitting a character),
// folded with CRLF SP. REQUIRES: valid UTF-8 without CR or LF.
std::string EncodeHeaderText(std::string_view text);

// "<contact=3A12=3Aacknowledgement@frontdoor>": every byte but [A-Za-z0-9_-] becomes =HH, so
// distinct keys give distinct Message-IDs and any key gives a valid msg-id.
std::string MessageIdFor(std::string_view idempotency_key);

// RFC 5322 date in UTC: "Tue, 24 Nov 2026 09:30:00 +0000".
std::string FormatRfc5322Date(Instant instant);

// Quoted-printable (RFC 2045) with CRLF line ends and lines of at most 76 characters; every line
// end in `text` (LF, CRLF or CR) becomes CRLF.
std::string EncodeQuotedPrintable(std::string_view text);

// The whole message, headers and body, CRLF throughout, ready for DATA (the transport does the
// dot-stuffing). Returns kInvalid, without building anything, when the recipient fails
// CheckAddress, the subject has a line break or control character, or subject or body is not
// valid UTF-8.
Result<std::string> BuildMessage(const Mailbox& from, const OutgoingMessage& message);

}  // namespace fd::notify
