// The server over real loopback sockets: keep-alive, limits, time-outs, faults, graceful stop.
#include "http/server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <future>
#include <thread>

#include "http/problem.h"

namespace fd::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Sends raw bytes and reads until the server closes or `until` appears; returns what arrived.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  void Send(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }
  // Reads until `marker` has been seen `count` times or the connection closes.
  std::string ReadUntil(const std::string& marker, int count = 1) {
    std::string data;
    char buf[4096];
    for (;;) {
      int seen = 0;
      for (auto pos = data.find(marker); pos != std::string::npos; pos = data.find(marker, pos + 1)) ++seen;
      if (seen >= count) return data;
      boost::system::error_code ec;
      const std::size_t n = socket_.read_some(asio::buffer(buf), ec);
      if (ec) return data;
      data.append(buf, n);
    }
  }
  // True when the server has closed the connection (read gives EOF).
  bool ClosedByServer() {
    char buf[256];
    boost::system::error_code ec;
    for (;;) {
      socket_.read_some(asio::buffer(buf), ec);
      if (ec) return ec == asio::error::eof || ec == asio::error::connection_reset;
    }
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/hello", Access::kPublic, [](Request&) { return Response::Text(200, "hello"); });
    router_.Add("POST", "/echo", Access::kPublic, [](Request& r) { return Response::Text(200, r.body); });
    router_.Add("GET", "/slow", Access::kPublic, [](Request&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return Response::Text(200, "finally");
    });
    router_.Add("GET", "/throws", Access::kPublic, [](Request&) -> Response { throw std::runtime_error("boom"); });
    router_.Add("GET", "/fault", Access::kPublic, [](Request&) -> Response { throw std::range_error("disk"); });
    options_.port = 0;
    options_.io_threads = 2;
    options_.handler_threads = 2;
    options_.body_limit = 1024;
    options_.header_timeout = std::chrono::milliseconds(300);
    options_.idle_timeout = std::chrono::milliseconds(2000);
    options_.fault_mapper = [](const Request&, const std::exception& e) -> std::optional<Response> {
      if (dynamic_cast<const std::range_error*>(&e)) return Problem(503, "Service unavailable", "try later");
      return std::nullopt;
    };
  }
  void StartServer() {
    server_ = std::make_unique<Server>(options_, router_);
    server_->Start();
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  std::string Exchange(const std::string& raw) {
    RawClient client(server_->port());
    client.Send(raw);
    return client.ReadUntil("\r\n\r\n");
  }

  Router router_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, AnswersWithSecurityHeaders) {
  StartServer();
  const auto reply = Exchange("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(reply.find("HTTP/1.1 200"), std::string::npos);
  EXPECT_NE(reply.find("Content-Security-Policy: default-src 'self'"), std::string::npos);
  EXPECT_NE(reply.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(reply.find("Cache-Control: no-store"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  RawClient client(server_->port());
  client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto replies = client.ReadUntil("hello", 2);
  std::size_t count = 0;
  for (auto pos = replies.find("HTTP/1.1 200"); pos != std::string::npos; pos = replies.find("HTTP/1.1 200", pos + 1))
    ++count;
  EXPECT_EQ(count, 2u);
}

TEST_F(ServerTest, HeadHasNoBody) {
  StartServer();
  RawClient client(server_->port());
  client.Send("HEAD /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto reply = client.ReadUntil("never-appears");
  EXPECT_NE(reply.find("Content-Length: 5"), std::string::npos);
  EXPECT_EQ(reply.find("hello"), std::string::npos);
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  StartServer();
  const std::string body(2048, 'x');
  const auto reply =
      Exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n" + body);
  EXPECT_NE(reply.find("HTTP/1.1 413"), std::string::npos) << reply;
}

TEST_F(ServerTest, MalformedRequestIs400) {
  StartServer();
  const auto reply = Exchange("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(reply.find("HTTP/1.1 400"), std::string::npos) << reply;
}

TEST_F(ServerTest, PathTraversalIsRefused) {
  StartServer();
  EXPECT_NE(Exchange("GET /static/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 400"),
            std::string::npos);
  EXPECT_NE(Exchange("GET /static/%2e%2e/secret HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 400"), std::string::npos);
}

TEST_F(ServerTest, ASlowClientIsDisconnectedAfterTheHeaderTimeout) {
  StartServer();
  RawClient client(server_->port());
  client.Send("GET /hello HTTP/1.1\r\nHo");  // and then nothing more
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.ClosedByServer());
  // Generous bound: only proves the server did not wait forever.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_F(ServerTest, AHandlerExceptionIs500AndTheServerCarriesOn) {
  StartServer();
  EXPECT_NE(Exchange("GET /throws HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 500"), std::string::npos);
  EXPECT_NE(Exchange("GET /fault HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 503"), std::string::npos);
  EXPECT_NE(Exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(ServerTest, GracefulStopFinishesTheRequestInFlightThenRefusesNewOnes) {
  StartServer();
  const auto port = server_->port();
  auto in_flight = std::async(std::launch::async, [port] {
    RawClient client(port);
    client.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    return client.ReadUntil("finally");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the request reach its handler
  server_->Stop();
  const auto reply = in_flight.get();
  EXPECT_NE(reply.find("HTTP/1.1 200"), std::string::npos) << reply;
  EXPECT_NE(reply.find("finally"), std::string::npos);
  EXPECT_THROW(RawClient{port}, boost::system::system_error);
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnections) {
  StartServer();
  RawClient idle(server_->port());
  idle.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  idle.ReadUntil("hello");
  server_->Stop();  // must not wait the whole grace period for the idle connection
  EXPECT_TRUE(idle.ClosedByServer());
}

}  // namespace
}  // namespace fd::http
