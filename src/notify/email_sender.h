// The port the outbox worker sends through. SmtpSender is the production implementation; the
// interface lets a deployment (or a test) put something else behind the outbox.
#pragma once

#include "domain/error.h"
#include "notify/message.h"

namespace fd::notify {

class EmailSender {
 public:
  virtual ~EmailSender() = default;

  // Sends one message and returns once the receiving server has accepted it (or refused it).
  // Errors:
  //   kInvalid      the message itself cannot be sent (bad recipient, header injection, not
  //                 UTF-8); nothing went on the wire and retrying cannot help.
  //   kUnavailable  the server could not be reached or did not accept the message; the message
  //                 holds the server's reply. Worth retrying.
  // Thread safety: implementations must allow concurrent calls.
  virtual Result<void> Send(const OutgoingMessage& message) = 0;
};

}  // namespace fd::notify
