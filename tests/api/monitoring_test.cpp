// Monitoring (issue 10 point 4): GET /metrics in the Prometheus text format, and JSON-lines logs
// carrying each request's id (docs/monitoring.md). The real service over loopback, a real SQLite
// file, and the log lines captured from spdlog's default logger as the server writes them.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "api/session_guard.h"
#include "api_fixture.h"
#include "app/api_tokens.h"
#include "logging/log.h"
#include "support/log_capture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Labels = std::map<std::string, std::string>;

// --- A strict parser of the text exposition format, version 0.0.4 ------------------------------

struct Sample {
  std::string name;
  Labels labels;
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> help, type;
  std::vector<Sample> samples;

  // The sample's value, or 0 when the series is absent (a counter not yet incremented).
  double Value(const std::string& name, const Labels& labels = {}) const {
    for (const auto& s : samples)
      if (s.name == name && s.labels == labels) return s.value;
    return 0;
  }
  bool Has(const std::string& name, const Labels& labels = {}) const {
    for (const auto& s : samples)
      if (s.name == name && s.labels == labels) return true;
    return false;
  }
};

bool IsMetricName(const std::string& name) { return std::regex_match(name, std::regex("[a-zA-Z_:][a-zA-Z0-9_:]*")); }

std::optional<double> ParseValue(const std::string& text) {
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

// Labels "{a="x",b="y\"z"}" starting at text[i] == '{'; advances i past '}'. Only \\, \" and \n
// are valid escapes.
std::optional<Labels> ParseLabels(const std::string& text, std::size_t& i, std::string& error) {
  Labels labels;
  ++i;
  while (i < text.size() && text[i] != '}') {
    const auto eq = text.find('=', i);
    if (eq == std::string::npos) return error = "label without '='", std::nullopt;
    const std::string key = text.substr(i, eq - i);
    if (!std::regex_match(key, std::regex("[a-zA-Z_][a-zA-Z0-9_]*"))) return error = "bad label name " + key, std::nullopt;
    i = eq + 1;
    if (i >= text.size() || text[i] != '"') return error = "label value not quoted", std::nullopt;
    ++i;
    std::string value;
    for (;; ++i) {
      if (i >= text.size()) return error = "unterminated label value", std::nullopt;
      const char c = text[i];
      if (c == '"') break;
      if (c == '\n') return error = "raw newline in label value", std::nullopt;
      if (c == '\\') {
        if (++i >= text.size()) return error = "dangling escape", std::nullopt;
        if (text[i] == 'n') value += '\n';
        else if (text[i] == '\\' || text[i] == '"') value += text[i];
        else return error = "bad escape", std::nullopt;
      } else {
        value += c;
      }
    }
    ++i;  // closing quote
    if (!labels.emplace(key, value).second) return error = "label " + key + " twice", std::nullopt;
    if (i < text.size() && text[i] == ',') ++i;
    else if (i < text.size() && text[i] != '}') return error = "expected ',' or '}'", std::nullopt;
  }
  if (i >= text.size()) return error = "labels not closed", std::nullopt;
  ++i;
  return labels;
}

// The family a sample belongs to: its own name, or a histogram's name without _bucket/_sum/_count.
std::string FamilyOf(const Exposition& e, const std::string& name) {
  if (e.type.contains(name)) return name;
  for (const std::string suffix : {"_bucket", "_sum", "_count"})
    if (name.ends_with(suffix)) {
      const std::string base = name.substr(0, name.size() - suffix.size());
      if (e.type.contains(base) && e.type.at(base) == "histogram") return base;
    }
  return {};
}

std::optional<Exposition> Parse(const std::string& text, std::string& error) {
  Exposition e;
  if (text.empty() || text.back() != '\n') return error = "does not end with a newline", std::nullopt;
  std::set<std::string> series;
  std::string current;  // the family whose samples are being read: a family's samples are together
  std::set<std::string> finished;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) return error = "empty line", std::nullopt;
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      const bool is_help = line[2] == 'H';
      const auto sp = line.find(' ', 7);
      if (sp == std::string::npos) return error = "comment without text: " + line, std::nullopt;
      const std::string name = line.substr(7, sp - 7), rest = line.substr(sp + 1);
      if (!IsMetricName(name)) return error = "bad metric name: " + line, std::nullopt;
      auto& map = is_help ? e.help : e.type;
      if (map.contains(name)) return error = "second HELP/TYPE for " + name, std::nullopt;
      if (!is_help && rest != "counter" && rest != "gauge" && rest != "histogram")
        return error = "unknown type: " + line, std::nullopt;
      if (!is_help && !e.help.contains(name)) return error = "TYPE before HELP: " + line, std::nullopt;
      if (finished.contains(name)) return error = "family declared again: " + name, std::nullopt;
      map[name] = rest;
      continue;
    }
    if (line.starts_with("#")) return error = "unexpected comment: " + line, std::nullopt;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    Sample s;
    s.name = line.substr(0, i);
    if (!IsMetricName(s.name)) return error = "bad sample name: " + line, std::nullopt;
    if (i < line.size() && line[i] == '{') {
      auto labels = ParseLabels(line, i, error);
      if (!labels) return error += ": " + line, std::nullopt;
      s.labels = std::move(*labels);
    }
    if (i >= line.size() || line[i] != ' ') return error = "no space before the value: " + line, std::nullopt;
    auto value = ParseValue(line.substr(i + 1));
    if (!value) return error = "bad value: " + line, std::nullopt;
    s.value = *value;
    const std::string family = FamilyOf(e, s.name);
    if (family.empty()) return error = "sample without HELP and TYPE: " + line, std::nullopt;
    if (family != current) {
      if (!current.empty()) finished.insert(current);
      if (finished.contains(family)) return error = "family's samples not together: " + line, std::nullopt;
      current = family;
    }
    if (e.type.at(family) == "counter" && !s.name.ends_with("_total"))
      return error = "counter not named _total: " + line, std::nullopt;
    if (!series.insert(line.substr(0, i)).second) return error = "series twice: " + line, std::nullopt;
    e.samples.push_back(std::move(s));
  }
  for (const auto& [name, _] : e.help)
    if (!e.type.contains(name)) return error = "HELP without TYPE: " + name, std::nullopt;
  return e;
}

// Every histogram series: buckets by ascending le, never decreasing, ending in +Inf equal to _count.
void ExpectHistogramsAreCumulative(const Exposition& e) {
  for (const auto& [family, type] : e.type) {
    if (type != "histogram") continue;
    std::map<Labels, std::vector<std::pair<double, double>>> buckets;  // labels without le → (le, count)
    for (const auto& s : e.samples) {
      if (s.name != family + "_bucket") continue;
      Labels base = s.labels;
      ASSERT_TRUE(base.contains("le")) << family;
      const auto le = ParseValue(base.at("le"));
      ASSERT_TRUE(le) << base.at("le");
      base.erase("le");
      buckets[base].emplace_back(*le, s.value);
    }
    for (const auto& [labels, list] : buckets) {
      ASSERT_FALSE(list.empty());
      for (std::size_t i = 1; i < list.size(); ++i) {
        EXPECT_LT(list[i - 1].first, list[i].first) << family << ": le out of order";
        EXPECT_LE(list[i - 1].second, list[i].second) << family << ": buckets not cumulative";
      }
      EXPECT_TRUE(std::isinf(list.back().first)) << family << ": no +Inf bucket";
      EXPECT_TRUE(e.Has(family + "_count", labels)) << family;
      EXPECT_TRUE(e.Has(family + "_sum", labels)) << family;
      EXPECT_EQ(list.back().second, e.Value(family + "_count", labels)) << family << ": +Inf bucket is not _count";
    }
  }
}

// --- The fixture: log lines captured, a Prometheus token made -----------------------------------

class Monitoring : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto token = app::CreateApiToken(*ctx_, std::nullopt, {"prometheus", "administrator", {"metrics"}});
    ASSERT_TRUE(token.has_value());
    token_ = token->token;
  }

  std::map<std::string, std::string> Bearer(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
  }
  HttpReply Scrape() { return Client().Send("GET", "/metrics", "", Bearer(token_)); }
  Exposition ScrapeParsed() {
    auto reply = Scrape();
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::string error;
    auto parsed = Parse(reply.body, error);
    EXPECT_TRUE(parsed.has_value()) << error << "\n" << reply.body;
    return parsed.value_or(Exposition{});
  }
  std::vector<std::string> LogLines() const { return logs_.Lines(); }
  // The lines that name this request id (each parsed; a line that is not JSON fails the test).
  std::vector<json> LinesOf(const std::string& request_id) const {
    std::vector<json> out;
    for (const auto& text : LogLines()) {
      json line = json::parse(text, nullptr, false);
      EXPECT_FALSE(line.is_discarded()) << "not JSON: " << text;
      if (!line.is_discarded() && line.value("request_id", "") == request_id) out.push_back(std::move(line));
    }
    return out;
  }

  static json ContactBody() {
    return {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                          {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
            {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                       {"gender", "female"}, {"address", "12 Orchard Way"}}})},
            {"concern", "Arrived hungry three days running."}};
  }
  std::int64_t CreateContact(HttpClient& officer) {
    auto created = officer.SendJson("POST", "/api/v1/contacts", ContactBody());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().at("id").get<std::int64_t>();
  }

  CapturedLogs logs_;  // first member: made before SetUp, undone after TearDown
  std::string token_;
};

// --- /metrics: access -----------------------------------------------------------------------------

// Signed in like every route: refused with no credential (401, problem+json, never a redirect a
// scraper would follow to the sign-in page), with a token lacking the scope, a role that may not
// see metrics, or a scoped token whose user's role may not; answered to the administrator's token
// and session.
TEST_F(Monitoring, MetricsAreRefusedWithoutTheCredentialAndAnsweredWithIt) {
  auto anonymous = Client().Get("/metrics");
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(anonymous.Header("content-type"), "application/problem+json");
  EXPECT_EQ(Client().Send("GET", "/metrics", "", Bearer("fdt_not-a-token")).status, 401);

  auto other_scope = app::CreateApiToken(*ctx_, std::nullopt, {"x", "administrator", {"deadlines:read"}});
  ASSERT_TRUE(other_scope.has_value());
  EXPECT_EQ(Client().Send("GET", "/metrics", "", Bearer(other_scope->token)).status, 403);
  auto analyst_token = app::CreateApiToken(*ctx_, std::nullopt, {"y", "analyst", {"metrics"}});
  if (analyst_token) {
    EXPECT_EQ(Client().Send("GET", "/metrics", "", Bearer(analyst_token->token)).status, 403);
  }
  EXPECT_EQ(SignedIn(Role::kContactOfficer).Get("/metrics").status, 403);

  auto scraped = Scrape();
  ASSERT_EQ(scraped.status, 200) << scraped.body;
  EXPECT_EQ(scraped.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(SignedIn(Role::kAdministrator).Get("/metrics").status, 200);
}

// RULE CAL-2: the last day the bank-holiday list in force covers (31 December 2028), as the UTC
// midnight after it, so an alert can ask for the next list in good time (docs/monitoring.md).
TEST_F(Monitoring, CAL2_MetricsSayWhereTheBankHolidayListEnds) {
  EXPECT_EQ(ScrapeParsed().Value("frontdoor_bank_holidays_known_until_timestamp_seconds"), 1861920000);
}

// --- /metrics: counters and histograms -----------------------------------------------------------

// Known requests raise their route pattern's counter by exactly their number, under the status they
// got; the histogram's _count rises by the same; requests no route matched count as "unmatched".
TEST_F(Monitoring, CountersRiseByExactlyTheRequestsMade) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string id = std::to_string(CreateContact(officer));
  const Labels ok = {{"route", "/api/v1/contacts/{id}"}, {"method", "GET"}, {"code", "200"}};
  const Labels missing = {{"route", "/api/v1/contacts/{id}"}, {"method", "GET"}, {"code", "404"}};
  const Labels unmatched = {{"route", "unmatched"}, {"method", "GET"}, {"code", "404"}};
  const Labels timed = {{"route", "/api/v1/contacts/{id}"}, {"method", "GET"}};
  const Labels scrape = {{"route", "/metrics"}, {"method", "GET"}, {"code", "200"}};

  const auto before = ScrapeParsed();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(officer.Get("/api/v1/contacts/" + id).status, 200);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(officer.Get("/api/v1/contacts/999999").status, 404);
  ASSERT_EQ(officer.Get("/api/v1/no-such-thing").status, 404);
  const auto after = ScrapeParsed();

  EXPECT_EQ(after.Value("frontdoor_http_requests_total", ok) - before.Value("frontdoor_http_requests_total", ok), 3);
  // Each of the three reads recorded its view, one after another: three batches of one.
  EXPECT_EQ(after.Value("frontdoor_read_audit_views_total") - before.Value("frontdoor_read_audit_views_total"), 3);
  EXPECT_EQ(after.Value("frontdoor_read_audit_batches_total") - before.Value("frontdoor_read_audit_batches_total"), 3);
  EXPECT_EQ(after.Value("frontdoor_http_requests_total", missing) -
                before.Value("frontdoor_http_requests_total", missing),
            2);
  EXPECT_EQ(after.Value("frontdoor_http_requests_total", unmatched) -
                before.Value("frontdoor_http_requests_total", unmatched),
            1);
  EXPECT_EQ(after.Value("frontdoor_http_request_duration_seconds_count", timed) -
                before.Value("frontdoor_http_request_duration_seconds_count", timed),
            5);
  // The first scrape was counted once it was answered, so the second sees it.
  EXPECT_EQ(after.Value("frontdoor_http_requests_total", scrape) - before.Value("frontdoor_http_requests_total", scrape),
            1);
  // The scrape being answered is the only request in flight.
  EXPECT_EQ(after.Value("frontdoor_http_requests_in_flight"), 1);
  ExpectHistogramsAreCumulative(after);
}

// The whole exposition parses strictly, every metric has HELP and TYPE, histograms are cumulative,
// and the metrics docs/monitoring.md lists are all there.
TEST_F(Monitoring, ExpositionParsesStrictlyAndHasEveryDocumentedMetric) {
  auto officer = SignedIn(Role::kContactOfficer);
  CreateContact(officer);
  const auto e = ScrapeParsed();
  ExpectHistogramsAreCumulative(e);
  for (const std::string name :
       {"frontdoor_http_requests_total", "frontdoor_http_request_duration_seconds", "frontdoor_http_requests_in_flight",
        "frontdoor_contacts_open", "frontdoor_deadlines_breached", "frontdoor_outbox_unsent", "frontdoor_outbox_failed",
        "frontdoor_outbox_oldest_unsent_age_seconds", "frontdoor_db_connections_max", "frontdoor_db_connections_open",
        "frontdoor_db_connections_in_use", "frontdoor_db_connection_waiting", "frontdoor_db_connection_waits_total",
        "frontdoor_db_connection_wait_seconds_total", "frontdoor_db_transaction_begin_seconds_total",
        "frontdoor_read_audit_views_total", "frontdoor_read_audit_batches_total",
        "frontdoor_process_start_time_seconds", "frontdoor_heap_in_use_bytes"})
    EXPECT_TRUE(e.type.contains(name)) << name;
  // The pool (SQLite's and PostgreSQL's both 8 connections by default), opened by the requests.
  EXPECT_EQ(e.Value("frontdoor_db_connections_max"), 8);
  EXPECT_GE(e.Value("frontdoor_db_connections_open"), 1);
}

// The memory gauges the soak reads (docs/monitoring.md "Memory"): the heap on every node, SQLite's
// only where SQLite is the store. Their values are sane: a serving process holds megabytes of heap,
// not bytes and not terabytes; SQLite, with its schemas and the pages read, holds some, no more
// than its high-water mark and less than the heap it allocates from (it uses malloc).
TEST_F(Monitoring, MemoryGaugesAreThereWithSaneValues) {
  auto officer = SignedIn(Role::kContactOfficer);
  CreateContact(officer);
  const auto e = ScrapeParsed();
  EXPECT_EQ(e.type.at("frontdoor_heap_in_use_bytes"), "gauge");
  const double heap = e.Value("frontdoor_heap_in_use_bytes");
  EXPECT_GT(heap, 1 << 20);
  EXPECT_LT(heap, 64.0 * (1LL << 30));
  const std::vector<std::string> sqlite_gauges = {
      "frontdoor_sqlite_memory_used_bytes", "frontdoor_sqlite_memory_highwater_bytes", "frontdoor_sqlite_page_cache_bytes",
      "frontdoor_sqlite_statement_bytes", "frontdoor_sqlite_statements"};
  if (ctx_->store.dialect() != store::Dialect::kSqlite) {
    for (const auto& name : sqlite_gauges) EXPECT_FALSE(e.type.contains(name)) << name;
    return;
  }
  for (const auto& name : sqlite_gauges) EXPECT_EQ(e.type.at(name), "gauge") << name;
  const double used = e.Value("frontdoor_sqlite_memory_used_bytes");
  const double highwater = e.Value("frontdoor_sqlite_memory_highwater_bytes");
  EXPECT_GT(used, 10 * 1024);
  EXPECT_LE(used, highwater);
  EXPECT_LT(used, heap);
  // The pool's caches and statements are part of what SQLite holds, and recording a contact
  // prepared statements and read pages.
  EXPECT_GT(e.Value("frontdoor_sqlite_page_cache_bytes"), 0);
  EXPECT_GT(e.Value("frontdoor_sqlite_statement_bytes"), 0);
  EXPECT_GT(e.Value("frontdoor_sqlite_statements"), 10);
  EXPECT_LE(e.Value("frontdoor_sqlite_page_cache_bytes") + e.Value("frontdoor_sqlite_statement_bytes"), used);

  // More work reads more pages; the high-water mark never falls below what was held before.
  for (int i = 0; i < 20; ++i) CreateContact(officer);
  ASSERT_EQ(officer.Get("/api/v1/contacts").status, 200);
  const auto later = ScrapeParsed();
  EXPECT_GE(later.Value("frontdoor_sqlite_memory_highwater_bytes"), highwater);
  EXPECT_LE(later.Value("frontdoor_sqlite_memory_used_bytes"), later.Value("frontdoor_sqlite_memory_highwater_bytes"));
}

// No label carries a record's id or reference: routes are patterns, other labels are codes.
TEST_F(Monitoring, NoLabelCarriesAnIdOrAReference) {
  auto officer = SignedIn(Role::kContactOfficer);
  std::set<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const auto id = CreateContact(officer);
    ids.insert(std::to_string(id));
    ASSERT_EQ(officer.Get("/api/v1/contacts/" + std::to_string(id)).status, 200);
    ASSERT_EQ(officer.Get("/contacts/" + std::to_string(id)).status, 200);
  }
  ASSERT_EQ(officer.Get("/api/v1/contacts/123456789").status, 404);
  ASSERT_EQ(officer.Get("/people/FD-2026-000001/nothing").status, 404);
  const auto e = ScrapeParsed();
  ASSERT_FALSE(e.samples.empty());
  const std::regex code("[A-Za-z][A-Za-z0-9_.-]*");
  for (const auto& s : e.samples) {
    for (const auto& [key, value] : s.labels) {
      if (key == "le" || key == "code") {
        EXPECT_TRUE(ParseValue(value).has_value() || value == "other") << key << "=" << value;
        continue;
      }
      EXPECT_EQ(value.find("FD-"), std::string::npos) << key << "=" << value;
      if (key == "route") {
        // Each segment of a route pattern is literal text or a {parameter}; never a number.
        EXPECT_TRUE(value == "unmatched" || value.starts_with("/")) << value;
        std::size_t start = 1;
        while (start <= value.size() && value != "unmatched") {
          const auto end = std::min(value.find('/', start), value.size());
          const std::string segment = value.substr(start, end - start);
          EXPECT_FALSE(!segment.empty() && segment.find_first_not_of("0123456789") == std::string::npos)
              << "a number in route " << value;
          EXPECT_FALSE(ids.contains(segment)) << value;
          start = end + 1;
        }
      } else {
        EXPECT_TRUE(std::regex_match(value, code)) << key << "=" << value;
      }
    }
  }
}

// --- /metrics: figures read from the store --------------------------------------------------------

// A small hand-made data set: queues, deadlines and the outbox as rows, and the gauges that say so.
TEST_F(Monitoring, QueueDeadlineAndOutboxGaugesMatchTheData) {
  const Instant now = clock_.Now();
  const std::string ago_hour = FormatUtc(now - std::chrono::hours(1)), in_hour = FormatUtc(now + std::chrono::hours(1));
  const std::string ago_day = FormatUtc(now - std::chrono::hours(24));
  {
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    const auto user = tx->Query("SELECT id FROM users ORDER BY id LIMIT 1").at(0).Int(0);
    auto contact = [&](const std::string& reference, const std::string& queue, const std::string& state) {
      tx->Execute("INSERT INTO contacts (reference, received_at, recorded_by, referrer_type, referrer_anonymous, "
                  "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, created_at, "
                  "queue, state) VALUES (?, ?, ?, 'school', 0, 'A', '', '', '', '', 'c', ?, ?, ?)",
                  {reference, ago_hour, user, ago_hour, queue, state});
    };
    contact("FD-2026-000001", "front-door", "received");
    contact("FD-2026-000002", "front-door", "received");
    contact("FD-2026-000003", "lado", "screening");
    contact("FD-2026-000004", "front-door", "proposed");
    contact("FD-2026-000005", "front-door", "decided");  // left the queue
    contact("FD-2026-000006", "allocated-worker", "routed");
    auto deadline = [&](const std::string& timescale, const std::string& rule, const std::string& due,
                        std::optional<std::string> met) {
      tx->Execute("INSERT INTO deadlines (timescale, rule_id, obligation, record_type, record_id, record_reference, "
                  "starts_at, due_at, met_at, policy_version, created_at) "
                  "VALUES (?, ?, 'o', 'contact', 1, 'FD-2026-000001', ?, ?, ?, 'v1', ?)",
                  {timescale, rule, ago_day, due, met ? store::Value(*met) : store::Value(), ago_day});
    };
    deadline("decision", "HCR-21", ago_hour, std::nullopt);  // breached
    deadline("decision", "HCR-21", ago_hour, std::nullopt);  // breached
    deadline("decision", "HCR-21", in_hour, std::nullopt);   // open, not yet due
    deadline("decision", "HCR-21", ago_hour, ago_hour);       // met (late): not open
    deadline("acknowledgement", "HCR-22", ago_hour, std::nullopt);  // breached
    auto email = [&](const std::string& key, const std::string& created, std::optional<std::string> sent,
                     std::optional<std::string> failed) {
      tx->Execute("INSERT INTO outbox (idempotency_key, recipient, subject, body, record_type, record_id, purpose, "
                  "created_at, next_attempt_at, sent_at, failed_at) "
                  "VALUES (?, 'a@example.org', 's', 'b', 'contact', 1, 'acknowledgement', ?, ?, ?, ?)",
                  {key, created, created, sent ? store::Value(*sent) : store::Value(),
                   failed ? store::Value(*failed) : store::Value()});
    };
    email("k1", ago_day, std::nullopt, std::nullopt);     // unsent, the oldest
    email("k2", ago_hour, std::nullopt, std::nullopt);    // unsent
    email("k3", ago_day, ago_hour, std::nullopt);         // sent
    email("k4", ago_day, std::nullopt, ago_hour);         // given up
    tx->Commit();
  }
  const auto e = ScrapeParsed();
  EXPECT_EQ(e.Value("frontdoor_contacts_open", {{"queue", "front-door"}, {"state", "received"}}), 2);
  EXPECT_EQ(e.Value("frontdoor_contacts_open", {{"queue", "lado"}, {"state", "screening"}}), 1);
  EXPECT_EQ(e.Value("frontdoor_contacts_open", {{"queue", "front-door"}, {"state", "proposed"}}), 1);
  int open_series = 0;
  for (const auto& s : e.samples) open_series += s.name == "frontdoor_contacts_open";
  EXPECT_EQ(open_series, 3);  // decided and routed contacts are in no queue

  EXPECT_EQ(e.Value("frontdoor_deadlines_breached", {{"timescale", "decision"}, {"rule", "HCR-21"}}), 2);
  EXPECT_EQ(e.Value("frontdoor_deadlines_breached", {{"timescale", "acknowledgement"}, {"rule", "HCR-22"}}), 1);

  EXPECT_EQ(e.Value("frontdoor_outbox_unsent"), 2);
  EXPECT_EQ(e.Value("frontdoor_outbox_failed"), 1);
  const double age = e.Value("frontdoor_outbox_oldest_unsent_age_seconds");
  EXPECT_GE(age, 24 * 3600);
  EXPECT_LT(age, 24 * 3600 + 600);  // the day-old e-mail, not a younger one (and not the failed one)
}

// --- Logs ------------------------------------------------------------------------------------------

// Every line written while serving a request is a JSON object with that request's id; the access
// line has the method, route pattern, status, duration and user id; an incoming sane X-Request-Id is
// echoed. Sign-in secrets never reach a line.
TEST_F(Monitoring, EveryLogLineOfARequestIsJsonWithItsId) {
  HttpClient client = Client();
  auto signed_in = client.Send("POST", "/api/v1/session",
                               json{{"username", "contact_officer"}, {"password", kTestPassword}}.dump(),
                               {{"Content-Type", "application/json"}, {"X-Request-Id", "sign-in-1"}});
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  EXPECT_EQ(signed_in.Header("x-request-id"), "sign-in-1");
  client.csrf_token = signed_in.Json().at("csrf_token").get<std::string>();
  const std::size_t before = LogLines().size();

  auto reply = client.Send("GET", "/api/v1/contacts/999999", "", {{"X-Request-Id", "trace-abc.123:x"}});
  ASSERT_EQ(reply.status, 404);
  EXPECT_EQ(reply.Header("x-request-id"), "trace-abc.123:x");

  const auto lines = LogLines();
  ASSERT_GT(lines.size(), before);
  for (std::size_t i = before; i < lines.size(); ++i) {
    const json line = json::parse(lines[i], nullptr, false);
    ASSERT_FALSE(line.is_discarded()) << lines[i];
    EXPECT_EQ(line.value("request_id", ""), "trace-abc.123:x") << lines[i];
    EXPECT_TRUE(line.contains("time") && line.contains("level") && line.contains("message")) << lines[i];
  }
  const auto mine = LinesOf("trace-abc.123:x");
  ASSERT_EQ(mine.size(), 1u);
  const json& access = mine[0];
  EXPECT_EQ(access.at("message"), "request");
  EXPECT_EQ(access.at("method"), "GET");
  EXPECT_EQ(access.at("route"), "/api/v1/contacts/{id}");
  EXPECT_EQ(access.at("status"), 404);
  EXPECT_TRUE(access.at("duration_ms").is_number());
  EXPECT_TRUE(access.at("user_id").is_number_integer());

  const std::string session = client.cookies.at(std::string(api::kSessionCookie));
  for (const auto& text : lines) {
    EXPECT_EQ(text.find(kTestPassword), std::string::npos) << text;
    EXPECT_EQ(text.find(session), std::string::npos) << text;
    EXPECT_EQ(text.find(client.csrf_token), std::string::npos) << text;
    EXPECT_EQ(text.find(token_), std::string::npos) << text;
  }
}

// An X-Request-Id that is too long, or holds characters that could break or forge a log line, is
// replaced by a fresh id, which the response carries.
TEST_F(Monitoring, ABadRequestIdIsReplaced) {
  for (const std::string& bad : {std::string(65, 'a'), std::string("two words"), std::string("a\"}{b"),
                                std::string("ctl\x01char"), std::string("tab\tchar")}) {
    auto reply = Client().Send("GET", "/healthz", "", {{"X-Request-Id", bad}});
    const std::string id = reply.Header("x-request-id");
    EXPECT_NE(id, bad);
    EXPECT_EQ(id.size(), 32u) << id;
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    EXPECT_FALSE(LinesOf(id).empty()) << "the replacement id is the one logged";
  }
  // Without one, each request gets its own.
  EXPECT_NE(Client().Get("/healthz").Header("x-request-id"), Client().Get("/healthz").Header("x-request-id"));
}

// A store fault (the disk full) answers 503 and logs one error line, JSON, with the request's id;
// the access line follows with the 503.
TEST_F(Monitoring, AStoreFaultLogsOneJsonLineWithTheRequestIdAndAnswers503) {
  auto officer = SignedIn(Role::kContactOfficer);
  store_->FailFromNowOn(true);
  auto reply = officer.Send("POST", "/api/v1/contacts", ContactBody().dump(),
                            {{"Content-Type", "application/json"},
                             {"X-CSRF-Token", officer.csrf_token},
                             {"X-Request-Id", "fault-1"}});
  store_->FailFromNowOn(false);
  EXPECT_EQ(reply.status, 503) << reply.body;
  EXPECT_EQ(reply.Header("x-request-id"), "fault-1");
  const auto lines = LinesOf("fault-1");
  int errors = 0;
  for (const auto& line : lines) {
    if (line.at("level") != "error") continue;
    ++errors;
    EXPECT_EQ(line.at("message"), "request failed");
    EXPECT_NE(line.at("error").get<std::string>().find("disk is full"), std::string::npos) << line.dump();
  }
  EXPECT_EQ(errors, 1);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().at("message"), "request");
  EXPECT_EQ(lines.back().at("status"), 503);
  EXPECT_EQ(lines.back().at("route"), "/api/v1/contacts");
}

}  // namespace
}  // namespace fd::testing
