// The floor under any read frontdoor can answer (issue 11 point 1, docs/benchmarks.md "The floor of
// a Beast server"): Boost.Beast over Asio, the server's own I/O shape (one io_context run by a thread a core,
// a coroutine and a strand a connection, keep-alive), answering every GET with one file's bytes held in memory.
// No routing, sign-in, database, audit, log or handler thread: what is left is what Beast and the
// kernel cost. `scripts/bench-throughput` runs wrk against it beside nginx serving the same file.
//
//   http_floor --port-file F --body FILE [--threads N]
// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

asio::awaitable<void> Serve(tcp::socket socket, const std::string& body) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> request;
    beast::error_code error;
    co_await bhttp::async_read(stream, buffer, request, asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return;
    bhttp::response<bhttp::string_body> response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    response.body() = body;
    response.prepare_payload();
    co_await bhttp::async_write(stream, response, asio::redirect_error(asio::use_awaitable, error));
    if (error || !response.keep_alive()) co_return;
  }
}

asio::awaitable<void> Accept(asio::io_context& ioc, tcp::acceptor& acceptor, const std::string& body) {
  for (;;) {
    beast::error_code error;
    tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, error));
    if (error) continue;
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(socket.get_executor(), Serve(std::move(socket), body), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string port_file, body_file;
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port-file") port_file = argv[i + 1];
    else if (flag == "--body") body_file = argv[i + 1];
    else if (flag == "--threads") threads = std::stoi(argv[i + 1]);
  }
  if (port_file.empty() || body_file.empty() || threads < 1) {
    std::cerr << "usage: http_floor --port-file F --body FILE [--threads N]\n";
    return 2;
  }
  std::ifstream in(body_file, std::ios::binary);
  std::stringstream read;
  read << in.rdbuf();
  const std::string body = read.str();

  // As the server: one io_context run by a thread a core, each connection on a strand of its own.
  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), 0);
  acceptor.open(at.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(at);
  acceptor.listen(asio::socket_base::max_listen_connections);
  std::ofstream(port_file) << acceptor.local_endpoint().port() << '\n';
  asio::co_spawn(ioc, Accept(ioc, acceptor, body), asio::detached);
  std::vector<std::thread> running;
  for (int i = 0; i < threads; ++i) running.emplace_back([&ioc] { ioc.run(); });
  for (auto& t : running) t.join();
}
