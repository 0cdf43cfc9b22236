// Log lines: one valid JSON object per line, whatever the message holds, with the request id of
// the request the thread works for; plain spdlog calls go through the same formatter.
#include "logging/log.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "logging/request_context.h"
#include "support/log_capture.h"

namespace fd::logging {
namespace {

using nlohmann::json;

class Lines : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = spdlog::default_logger();
    sink_ = std::make_shared<testing::LogCapture>();
    Configure(Format::kJson, sink_);
  }
  void TearDown() override {
    spdlog::set_default_logger(previous_);
    Configure(Format::kText);
  }
  std::vector<std::string> Captured() { return sink_->Lines(); }

  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<testing::LogCapture> sink_;
};

TEST_F(Lines, AreOneJsonObjectEachWithTimeLevelMessageAndFields) {
  Info("request", {{"method", "GET"}, {"status", 200}, {"duration_ms", 1.5}, {"user_id", nullptr}});
  const auto lines = Captured();
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].back(), '\n');
  EXPECT_EQ(std::count(lines[0].begin(), lines[0].end(), '\n'), 1);
  const auto line = json::parse(lines[0]);
  EXPECT_EQ(line.at("level"), "info");
  EXPECT_EQ(line.at("message"), "request");
  EXPECT_EQ(line.at("method"), "GET");
  EXPECT_EQ(line.at("status"), 200);
  EXPECT_EQ(line.at("duration_ms"), 1.5);
  EXPECT_TRUE(line.at("user_id").is_null());
  EXPECT_FALSE(line.contains("request_id"));  // outside a request
  // UTC, ISO 8601, milliseconds: 2026-11-26T12:00:00.123Z
  const std::string time = line.at("time").get<std::string>();
  ASSERT_EQ(time.size(), 24u) << time;
  EXPECT_EQ(time[10], 'T');
  EXPECT_EQ(time.back(), 'Z');
}

// Quotes, newlines, control characters and broken UTF-8 in a message or field cannot break the
// line or forge another one.
TEST_F(Lines, StayValidWhateverTheTextHolds) {
  Error("fault: \"disk\"\nfull\x01", {{"error", std::string("bad \xff\xfe utf-8 \"}{")}});
  spdlog::warn("plain spdlog call with {} and a\nnewline", "\"quotes\"");
  const auto lines = Captured();
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& text : lines) {
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
    EXPECT_FALSE(json::parse(text, nullptr, false).is_discarded()) << text;
  }
  EXPECT_EQ(json::parse(lines[0]).at("message"), "fault: \"disk\"\nfull\x01");
  EXPECT_EQ(json::parse(lines[1]).at("level"), "warning");
}

TEST_F(Lines, CarryTheRequestIdOfTheScopeTheyAreWrittenIn) {
  {
    RequestScope outer("outer-1");
    Info("one");
    {
      RequestScope inner("inner-2");
      spdlog::info("two");
    }
    Info("three");
  }
  Info("four");
  const auto lines = Captured();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(json::parse(lines[0]).at("request_id"), "outer-1");
  EXPECT_EQ(json::parse(lines[1]).at("request_id"), "inner-2");
  EXPECT_EQ(json::parse(lines[2]).at("request_id"), "outer-1");
  EXPECT_FALSE(json::parse(lines[3]).contains("request_id"));
}

// A caller's field cannot overwrite the line's own keys (a forged request id, say).
TEST_F(Lines, FieldsCannotReplaceTheFixedKeys) {
  RequestScope scope("real-id");
  Info("m", {{"request_id", "forged"}, {"level", "error"}, {"message", "x"}});
  const auto line = json::parse(Captured().at(0));
  EXPECT_EQ(line.at("request_id"), "real-id");
  EXPECT_EQ(line.at("level"), "info");
  EXPECT_EQ(line.at("message"), "m");
}

TEST_F(Lines, TextFormatIsOneReadableLine) {
  Configure(Format::kText);
  RequestScope scope("abc");
  Info("request", {{"method", "GET"}, {"status", 200}});
  spdlog::info("two\nlines");
  const auto lines = Captured();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" info [abc] request method=GET status=200\n"), std::string::npos) << lines[0];
  EXPECT_EQ(std::count(lines[1].begin(), lines[1].end(), '\n'), 1) << lines[1];
}

TEST(RequestId, SaneIdsAreShortAndOfSafeCharacters) {
  EXPECT_TRUE(IsSaneRequestId("abc-123_x.y:z"));
  EXPECT_TRUE(IsSaneRequestId(std::string(64, 'a')));
  EXPECT_FALSE(IsSaneRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsSaneRequestId(""));
  EXPECT_FALSE(IsSaneRequestId("a b"));
  EXPECT_FALSE(IsSaneRequestId("a\nb"));
  EXPECT_FALSE(IsSaneRequestId("a\"b"));
  EXPECT_FALSE(IsSaneRequestId("a\x01"));
}

TEST(RequestId, NewIdsAre32HexDigitsAndDiffer) {
  const auto a = NewRequestId(), b = NewRequestId();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_TRUE(IsSaneRequestId(a));
}

}  // namespace
}  // namespace fd::logging
