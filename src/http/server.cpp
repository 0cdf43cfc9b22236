#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

#include "http/beast_message.h"
#include "http/problem.h"
#include "http/unavailable_page.h"
#include "logging/log.h"
#include "logging/request_context.h"
#include "metrics/request_metrics.h"

namespace fd::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Boost 1.74's string_view is not std::string_view.
std::string Str(beast::string_view s) { return std::string(s.data(), s.size()); }

// The answer when the service is over one of its limits: the client should try again shortly.
Response Busy(std::chrono::seconds retry_after) {
  auto r = Problem(503, "Service busy", "The service is handling as many requests as it can. Try again in a moment.");
  r.Header("Retry-After", std::to_string(retry_after.count()));
  return r;
}

// A body too large is refused before routing, so before the pages could answer; a person who sent a
// page's form gets a page saying what to do, an API client the problem+json (http::WantsPage).
bool WantsPage(const bhttp::request<bhttp::string_body>& header) {
  const auto accept = header.find(bhttp::field::accept);
  return http::WantsPage(Str(header.target()), accept == header.end() ? std::string() : Str(accept->value()));
}

// The body of a form a person sent, to show back on a page that says nothing was saved; none for
// anything else (JSON, a file).
std::string FormBody(const bhttp::request<bhttp::string_body>& in) {
  const auto type = in.find(bhttp::field::content_type);
  if (type == in.end() || !Str(type->value()).starts_with("application/x-www-form-urlencoded")) return "";
  return in.body();
}

Response TooLargePage() {
  return Response::Html(
      413,
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>What you sent is too large – frontdoor</title></head>\n<body>\n<main>\n"
      "<h1>What you sent is too large</h1>\n"
      "<p>The form was larger than this service accepts, so nothing was saved.</p>\n"
      "<p>Go back, shorten the longest text (or paste less), and send it again.</p>\n"
      "</main>\n</body>\n</html>\n");
}

}  // namespace

// One connection's shared state, visible to Stop() so it can close idle connections.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request is being handled; only touched on the connection's strand
};

struct Server::Impl {
  Impl(ServerOptions o, const Router& r)
      : options(std::move(o)),
        handler_threads(HandlerThreads(options)),
        router(r),
        handlers(static_cast<std::size_t>(handler_threads)),
        acceptor(ioc) {
    largest_body_limit = options.body_limit;
    for (const auto& [path, limit] : options.body_limit_by_path) largest_body_limit = std::max(largest_body_limit, limit);
  }

  static int Cores() { return std::max(1u, std::thread::hardware_concurrency()); }
  // Eight a core: a handler mostly waits, for the disk's flush that makes its write or its view
  // durable (group_sync.h, app/read_audit.h), and the more handlers wait at once the more writes one
  // flush covers. Two a core left the flushes a few commits each (docs/decisions.md "Eight handler
  // threads a core").
  static int HandlerThreads(const ServerOptions& o) { return o.handler_threads > 0 ? o.handler_threads : 8 * Cores(); }

  asio::awaitable<void> Accept();
  asio::awaitable<void> Refuse(std::shared_ptr<Connection> connection);
  asio::awaitable<void> Serve(std::shared_ptr<Connection> connection);
  asio::awaitable<bool> HandleOne(Connection& c, beast::flat_buffer& buffer, bool first);
  Response Dispatch(Request& request);
  void LogRequest(const Request& request, const std::string& method, int status,
                  std::chrono::steady_clock::duration took) const;
  void Forget(const std::shared_ptr<Connection>& connection);

  ServerOptions options;
  // Counted once: hardware_concurrency() reads /sys on every call, and admission is checked for
  // every request.
  const int handler_threads;
  const Router& router;
  std::size_t largest_body_limit = 0;  // of body_limit and body_limit_by_path: what a header is read under
  asio::thread_pool handlers;
  std::vector<std::thread> io_threads;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::atomic<std::size_t> open_connections{0};
  // Requests handed to the handler pool and not yet handled: running plus queued.
  std::atomic<std::size_t> admitted{0};
  std::uint16_t port = 0;

  std::mutex mutex;
  std::condition_variable changed;
  std::list<std::weak_ptr<Connection>> connections;  // GUARDED_BY(mutex)
  bool stopped = false;                               // GUARDED_BY(mutex)
  bool stop_started = false;                          // GUARDED_BY(mutex)

  // Declared last so it is destroyed first: pending coroutines refer to the members above.
  asio::io_context ioc;
  tcp::acceptor acceptor;
};

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      logging::Warn("accept failed", {{"error", ec.message()}});
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    if (open_connections.load() >= options.max_connections) {
      asio::co_spawn(connection->stream.get_executor(), Refuse(connection), asio::detached);
      continue;
    }
    ++open_connections;
    {
      std::lock_guard lock(mutex);
      connections.push_back(connection);
    }
    asio::co_spawn(connection->stream.get_executor(), Serve(connection), asio::detached);
  }
}

// A connection past max_connections: answered 503 without reading its request (it holds no buffer
// and no handler), and closed.
asio::awaitable<void> Server::Impl::Refuse(std::shared_ptr<Connection> connection) {
  if (options.request_metrics) options.request_metrics->Refused("other", 503);
  beast::error_code ec;
  connection->stream.expires_after(options.write_timeout);
  co_await bhttp::async_write(connection->stream, ToBeast(Busy(options.retry_after), 11, false, false, options.hsts),
                              asio::redirect_error(asio::use_awaitable, ec));
  connection->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  connection->stream.close();
}

void Server::Impl::Forget(const std::shared_ptr<Connection>& connection) {
  --open_connections;
  std::lock_guard lock(mutex);
  connections.remove_if([&](const std::weak_ptr<Connection>& w) {
    auto p = w.lock();
    return !p || p == connection;
  });
  changed.notify_all();
}

asio::awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> connection) {
  beast::flat_buffer buffer;
  bool first = true;
  try {
    while (!stopping && co_await HandleOne(*connection, buffer, first)) first = false;
  } catch (const std::exception& e) {
    logging::Error("connection failed", {{"error", e.what()}});
  }
  beast::error_code ec;
  connection->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection->stream.close();
  Forget(connection);
}

// Reads, handles and answers one request. Returns whether to keep the connection open.
asio::awaitable<bool> Server::Impl::HandleOne(Connection& c, beast::flat_buffer& buffer, bool first) {
  beast::error_code ec;
  // A kept-alive connection may sit idle between requests; once a request starts, its whole
  // header must arrive within header_timeout, so a client trickling bytes cannot hold a slot.
  // While it waits, an idle connection holds only a small buffer (the last request's is given back),
  // so thousands of them cost little memory; the header read grows it as a request needs.
  if (!first && buffer.size() == 0) {
    buffer.shrink_to_fit();
    c.stream.expires_after(options.idle_timeout);
    const std::size_t n =
        co_await c.stream.async_read_some(buffer.prepare(512), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return false;
    buffer.commit(n);
  }
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
  // The path, and so its limit, is known only once the header is read, and Beast checks a
  // Content-Length against the limit as the header ends: read the header under the largest limit,
  // then hold the request to its own path's.
  parser.body_limit(largest_body_limit);
  c.stream.expires_after(options.header_timeout);
  co_await bhttp::async_read_header(c.stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) {
    std::size_t limit = options.body_limit;
    if (!options.body_limit_by_path.empty()) {
      std::string_view path(parser.get().target().data(), parser.get().target().size());
      path = path.substr(0, path.find('?'));
      if (auto it = options.body_limit_by_path.find(path); it != options.body_limit_by_path.end()) limit = it->second;
    }
    if (parser.content_length() && *parser.content_length() > limit) ec = bhttp::error::body_limit;
    else parser.body_limit(limit);
  }
  if (!ec && !parser.is_done()) {
    c.stream.expires_after(options.body_timeout);
    co_await bhttp::async_read(c.stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    std::optional<Response> refusal = RefusalForReadError(ec);
    if (refusal && refusal->status == 413 && parser.is_header_done() && WantsPage(parser.get()))
      refusal = TooLargePage();
    if (refusal) {
      // Refused while reading: no request to route, but still an id, a count and a log line.
      const std::string request_id = logging::NewRequestId();
      refusal->Header("X-Request-Id", request_id);
      const std::string method = parser.is_header_done() ? Str(parser.get().method_string()) : "other";
      if (options.request_metrics) options.request_metrics->Refused(method, refusal->status);
      {
        logging::RequestScope scope(request_id);
        logging::Info("request refused", {{"method", method}, {"route", "unmatched"}, {"status", refusal->status}});
      }
      c.stream.expires_after(options.write_timeout);
      co_await bhttp::async_write(c.stream, ToBeast(std::move(*refusal), 11, false, false, options.hsts),
                                  asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return false;
  }

  const BeastRequest& in = parser.get();
  c.busy = true;
  ++in_flight;
  if (options.request_metrics) options.request_metrics->Started();
  const auto started = std::chrono::steady_clock::now();
  beast::error_code peer_ec;
  const auto endpoint = c.stream.socket().remote_endpoint(peer_ec);
  Request request;
  request.request_id = RequestIdFor(in);
  auto refusal = BuildRequest(in, peer_ec ? "" : endpoint.address().to_string(), options.trust_proxy, request);
  Response response;
  if (refusal) {
    response = std::move(*refusal);
  } else if (router.AnswersInPlace(request)) {
    // The liveness check: answered here, never queued, so a supervisor probing it does not restart a
    // node that is busy but healthy because its probe was shed. (Readiness, /readyz, is queued like any
    // request: a node shedding load may rightly be taken out of a load balancer's rotation.)
    response = Dispatch(request);
  } else if (admitted.fetch_add(1) >= static_cast<std::size_t>(handler_threads) + options.max_queued_requests) {
    // Every handler is busy and the queue is full: answered now, not queued without bound. A person
    // gets a page with what they typed, to send again.
    --admitted;
    response = WantsPage(in) ? UnavailablePage("Sorry, the service is busy", FormBody(in), options.retry_after)
                             : Busy(options.retry_after);
  } else {
    // Handlers block on the database; run them on the handler pool, then resume on this strand.
    response = co_await asio::co_spawn(
        handlers, [this, &request]() -> asio::awaitable<Response> { co_return Dispatch(request); },
        asio::use_awaitable);
    --admitted;
  }
  response.Header("X-Request-Id", request.request_id);
  const bool keep_alive = in.keep_alive() && !stopping;
  // Counted and logged once the answer is ready, before it is sent: a client that has its answer
  // finds it already counted, and the duration is the service's own time, not the network's.
  const auto took = std::chrono::steady_clock::now() - started;
  const std::string method = request.method.empty() ? Str(in.method_string()) : request.method;
  if (options.request_metrics)
    options.request_metrics->Finished(request.route_index, method, response.status,
                                      std::chrono::duration_cast<std::chrono::nanoseconds>(took));
  LogRequest(request, method, response.status, took);
  c.stream.expires_after(options.write_timeout);
  co_await bhttp::async_write(c.stream,
                              ToBeast(std::move(response), in.version(), keep_alive, in.method() == bhttp::verb::head,
                                      options.hsts || request.secure),
                              asio::redirect_error(asio::use_awaitable, ec));
  c.busy = false;
  {
    std::lock_guard lock(mutex);
    --in_flight;
    changed.notify_all();
  }
  co_return !ec && keep_alive;
}

// The access log: one line per request, with the route's pattern beside the path (no query string:
// it may hold names searched for) and the signed-in user's id, never their name.
void Server::Impl::LogRequest(const Request& request, const std::string& method, int status,
                              std::chrono::steady_clock::duration took) const {
  logging::RequestScope scope(request.request_id);
  const std::string route =
      request.route_index ? router.routes().at(*request.route_index).pattern : std::string("unmatched");
  const double ms = std::chrono::duration<double, std::milli>(took).count();
  nlohmann::json user = nullptr;
  if (request.user) user = request.user->user_id;
  logging::Info("request", {{"method", method},
                            {"route", route},
                            {"path", router.LoggablePath(request.path)},
                            {"status", status},
                            {"duration_ms", std::round(ms * 10) / 10},
                            {"user_id", user}});
}

// Runs on a handler thread: everything logged while the handler works (a store fault included)
// carries the request's id.
Response Server::Impl::Dispatch(Request& request) {
  logging::RequestScope scope(request.request_id);
  try {
    return router.Dispatch(request);
  } catch (const std::exception& e) {
    const std::string path = router.LoggablePath(request.path);
    if (!options.fault_logger || !options.fault_logger(request.method, path, e))
      logging::Error("request failed", {{"method", request.method}, {"path", path}, {"error", e.what()}});
    if (options.fault_mapper) {
      if (auto mapped = options.fault_mapper(request, e)) return std::move(*mapped);
    }
  } catch (...) {
    logging::Error("request failed", {{"method", request.method}, {"path", router.LoggablePath(request.path)}, {"error", "unknown exception"}});
  }
  return Problem(500, "Something went wrong", "Something went wrong and nothing was saved. Try again.");
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() { Stop(); }

void Server::Start() {
  auto& d = *impl_;
  const tcp::endpoint endpoint{asio::ip::make_address(d.options.address), d.options.port};
  d.acceptor.open(endpoint.protocol());
  d.acceptor.set_option(asio::socket_base::reuse_address(true));
  d.acceptor.bind(endpoint);
  d.acceptor.listen(asio::socket_base::max_listen_connections);
  d.port = d.acceptor.local_endpoint().port();
  asio::co_spawn(d.ioc, d.Accept(), asio::detached);
  const int threads = d.options.io_threads > 0 ? d.options.io_threads : Impl::Cores();
  for (int i = 0; i < threads; ++i) d.io_threads.emplace_back([&d] { d.ioc.run(); });
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::Wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait(lock, [&] { return impl_->stopped; });
}

void Server::Stop() {
  auto& d = *impl_;
  {
    std::unique_lock lock(d.mutex);
    if (d.stop_started) {
      d.changed.wait(lock, [&] { return d.stopped; });
      return;
    }
    d.stop_started = true;
  }
  d.stopping = true;
  asio::post(d.ioc, [&d] {
    beast::error_code ec;
    d.acceptor.close(ec);
  });
  // Close connections waiting for a request; those answering one close after their reply.
  {
    std::lock_guard lock(d.mutex);
    for (auto& weak : d.connections) {
      if (auto c = weak.lock()) {
        asio::post(c->stream.get_executor(), [c] {
          beast::error_code ignored;  // the connection may have closed meanwhile
          if (!c->busy) c->stream.socket().cancel(ignored);
        });
      }
    }
  }
  {
    std::unique_lock lock(d.mutex);
    d.changed.wait_for(lock, d.options.stop_grace, [&] { return d.in_flight == 0 && d.connections.empty(); });
  }
  d.ioc.stop();
  for (auto& t : d.io_threads)
    if (t.joinable()) t.join();
  d.handlers.join();
  {
    std::lock_guard lock(d.mutex);
    d.stopped = true;
  }
  d.changed.notify_all();
}

}  // namespace fd::http
