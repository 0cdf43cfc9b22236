// Sends one e-mail over SMTP with libcurl: one connection per message, bounded time-outs, the
// server's own reply kept as the error text.
//
// URLs: "smtp://host:port" (STARTTLS is used when the server offers it, and its certificate must
// then verify) or "smtps://host:port" (TLS from the start). No other scheme is accepted, so a
// mistyped URL can never make libcurl speak another protocol.
//
// Thread safety: Send may be called from several threads at once (each call has its own handle).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "domain/error.h"
#include "notify/email_sender.h"
#include "notify/message.h"

namespace fd::notify {

struct SmtpOptions {
  std::string url;                                   // "smtp://127.0.0.1:2525"
  std::string from = "frontdoor@localhost";          // "a@b" or "Front Door <a@b>"
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds total_timeout{30};            // the whole conversation, so Send never hangs
};

class SmtpSender final : public EmailSender {
 public:
  // Checks the settings once, at start. Returns kInvalid naming the setting ("smtp.url" or
  // "smtp.from") when the URL is not smtp:// or smtps:// or the from address is not valid.
  static Result<std::unique_ptr<SmtpSender>> Create(SmtpOptions options);

  // See EmailSender::Send. The envelope sender is the from address; the one envelope recipient is
  // message.to. Gives kInvalid (never connecting) when BuildMessage refuses the message.
  Result<void> Send(const OutgoingMessage& message) override;

  const Mailbox& from() const { return from_; }

 private:
  SmtpSender(SmtpOptions options, Mailbox from);

  SmtpOptions options_;
  Mailbox from_;
};

}  // namespace fd::notify
