#include "notify/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

namespace fd::notify {
namespace {

// libcurl's global state must be set up once before any handle; 7.84+ makes this thread-safe,
// the once_flag keeps older versions right too.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t ReadMessage(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Keeps the server's last 4xx/5xx reply: libcurl's own error ("Weird server reply") does not say
// what the server said, and an administrator needs "452 mailbox full" to act on a failed row.
int KeepServerReply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5')) return 0;
  auto* reply = static_cast<std::string*>(user);
  reply->clear();
  for (std::size_t i = 0; i < size && reply->size() < 300; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    if (c == '\r' || c == '\n') continue;
    *reply += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
  }
  return 0;
}

struct CurlCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

Result<std::unique_ptr<SmtpSender>> SmtpSender::Create(SmtpOptions options) {
  if (!options.url.starts_with("smtp://") && !options.url.starts_with("smtps://"))
    return std::unexpected(Error::InvalidField(
        "smtp.url", "smtp.url must start with smtp:// or smtps:// (or be \"\" to keep e-mails queued unsent)"));
  if (options.url.find_first_of("\r\n ") != std::string::npos)
    return std::unexpected(Error::InvalidField("smtp.url", "smtp.url contains a space or line break"));
  auto from = ParseMailbox(options.from);
  if (!from) return std::unexpected(Error::InvalidField("smtp.from", "smtp.from: " + from.error().message));
  InitCurlOnce();
  return std::unique_ptr<SmtpSender>(new SmtpSender(std::move(options), std::move(*from)));
}

SmtpSender::SmtpSender(SmtpOptions options, Mailbox from) : options_(std::move(options)), from_(std::move(from)) {}

Result<void> SmtpSender::Send(const OutgoingMessage& message) {
  // Built (and so checked) before any connection: a refused message never reaches the server.
  auto text = BuildMessage(from_, message);
  if (!text) return std::unexpected(text.error());

  std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
  if (!curl) return std::unexpected(Error::Unavailable("libcurl could not start a transfer"));
  const std::string envelope_from = "<" + from_.address + ">";
  const std::string envelope_to = "<" + message.to + ">";
  std::unique_ptr<curl_slist, SlistCleanup> recipients(curl_slist_append(nullptr, envelope_to.c_str()));
  if (!recipients) return std::unexpected(Error::Unavailable("libcurl could not allocate the recipient list"));

  Upload upload{*text};
  std::string server_reply;
  char curl_error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // Opportunistic STARTTLS on smtp://; when the server offers it, its certificate must verify.
  curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options_.total_timeout.count()));
  // Signals for time-outs are process-wide and unsafe with threads.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // needed for the debug callback; it prints nothing itself
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, KeepServerReply);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &server_reply);

  const CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) return {};
  const std::string reason = curl_error[0] ? curl_error : curl_easy_strerror(rc);
  if (!server_reply.empty())
    return std::unexpected(Error::Unavailable(fmt::format("{} (server said: {})", reason, server_reply)));
  return std::unexpected(Error::Unavailable(reason));
}

}  // namespace fd::notify
