#include "logging/log.h"

#include <spdlog/formatter.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <ctime>

#include "logging/request_context.h"

namespace fd::logging {
namespace {

using OrderedJson = nlohmann::ordered_json;

// The fields of the Log() call being formatted on this thread. spdlog's default logger is
// synchronous: the formatter runs inside the spdlog::log call, on the caller's thread, so the
// fields need not be copied into spdlog's message (which has no room for them).
thread_local const Fields* t_fields = nullptr;

// Whether Configure installed our formatter; before that (other commands, unit tests) fields are
// folded into the message so they are not lost.
std::atomic<bool> g_configured{false};

std::string UtcTime(const spdlog::log_clock::time_point& time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

std::string_view LevelName(spdlog::level::level_enum level) {
  const auto name = spdlog::level::to_string_view(level);
  return {name.data(), name.size()};
}

// Invalid UTF-8 (a byte sequence from a client, say) becomes U+FFFD rather than an exception.
std::string Dump(const OrderedJson& value) { return value.dump(-1, ' ', false, OrderedJson::error_handler_t::replace); }

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    OrderedJson line;
    line["time"] = UtcTime(msg.time);
    line["level"] = LevelName(msg.level);
    line["message"] = std::string_view(msg.payload.data(), msg.payload.size());
    if (const auto id = CurrentRequestId(); !id.empty()) line["request_id"] = id;
    if (t_fields) {
      for (const Field& f : *t_fields) {
        // The fixed keys above stay what they say, whatever a caller names a field.
        if (f.key == "time" || f.key == "level" || f.key == "message" || f.key == "request_id") continue;
        line[std::string(f.key)] = f.value;
      }
    }
    const std::string text = Dump(line);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

std::string FieldText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class TextFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string text = UtcTime(msg.time);
    text += ' ';
    text += LevelName(msg.level);
    if (const auto id = CurrentRequestId(); !id.empty()) text += fmt::format(" [{}]", id);
    text += ' ';
    text.append(msg.payload.data(), msg.payload.size());
    if (t_fields)
      for (const Field& f : *t_fields) text += fmt::format(" {}={}", f.key, FieldText(f.value));
    // One event, one line: a newline in a message cannot start a forged line.
    for (auto& c : text)
      if (c == '\n' || c == '\r') c = ' ';
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<TextFormatter>(); }
};

}  // namespace

std::optional<Format> FormatFromName(std::string_view name) {
  if (name == "json") return Format::kJson;
  if (name == "text") return Format::kText;
  return std::nullopt;
}

void Configure(Format format, std::shared_ptr<spdlog::sinks::sink> sink) {
  if (sink) {
    auto logger = std::make_shared<spdlog::logger>("frontdoor", std::move(sink));
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(std::move(logger));
  }
  if (format == Format::kJson)
    spdlog::set_formatter(std::make_unique<JsonFormatter>());
  else
    spdlog::set_formatter(std::make_unique<TextFormatter>());
  g_configured = true;
}

void Log(spdlog::level::level_enum level, std::string_view message, Fields fields) {
  if (!g_configured) {
    std::string text(message);
    for (const Field& f : fields) text += fmt::format(" {}={}", f.key, FieldText(f.value));
    spdlog::log(level, "{}", text);
    return;
  }
  const Fields* outer = t_fields;
  t_fields = &fields;
  spdlog::log(level, "{}", message);
  t_fields = outer;
}

}  // namespace fd::logging
