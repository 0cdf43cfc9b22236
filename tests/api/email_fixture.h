// The API fixture with the service's outbox sending to a real SMTP sink (support/smtp_sink.h), from
// the Hertfordshire front door's address: for tests of what people are told by e-mail.
#pragma once

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "support/smtp_sink.h"

namespace fd::testing {

class ApiTestWithEmail : public ApiTest {
 protected:
  void Configure(service::ServiceOptions& options) override { SendEmailToTheSink(options); }

  // For a suite that configures more than the e-mail: its Configure calls this too.
  void SendEmailToTheSink(service::ServiceOptions& options) {
    options.smtp_url = sink_.url();
    options.smtp_from = "frontdoor@hertfordshire.gov.uk";
  }

  // The body of the e-mail to `address` whose subject names `reference` (waits, bounded, for it to
  // arrive; a test failure and "" when it does not).
  std::string EmailTo(const std::string& address, const std::string& reference) {
    for (int i = 0; i < 100; ++i) {
      for (const auto& m : sink_.Messages())
        if (m.recipients == std::vector<std::string>{address} &&
            m.DecodedSubject().find(reference) != std::string::npos)
          return m.DecodedBody();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no e-mail about " << reference << " to " << address;
    return "";
  }

  // The path of the status link e-mailed to `address` (api_fixture.h StatusLinkSentTo).
  std::string LinkSentTo(const std::string& address) { return StatusLinkSentTo(sink_, address); }

  SmtpSink sink_;
};

}  // namespace fd::testing
