#include "app/cluster.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

/// How long a client waits for the coordinator's answers while setting up.
constexpr auto setup_timeout = std::chrono::seconds(10);

template <class T>
caf::expected<T> ask(caf::scoped_actor& self, const caf::actor& dest,
                     caf::message msg) {
  caf::expected<T> out{caf::sec::request_timeout};
  self->request(dest, setup_timeout, std::move(msg))
    .receive([&](T& x) { out = std::move(x); },
             [&](caf::error& err) { out = std::move(err); });
  return out;
}

} // namespace

caf::expected<endpoint> parse_endpoint(const std::string& text,
                                       const std::string& flag,
                                       bool allow_any_port) {
  auto bad = [&](const std::string& why) {
    return make_error(ec::invalid_input,
                      flag + ": '" + text + "': " + why
                        + " (HOST:PORT or [IPV6]:PORT)");
  };
  auto colon = text.rfind(':');
  auto host = text.substr(0, colon == std::string::npos ? 0 : colon);
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close < 2)
      return bad("unbalanced brackets");
    if (close + 1 >= text.size() || text[close + 1] != ':')
      return bad("missing port");
    host = text.substr(1, close - 1);
    colon = close + 1;
  } else if (colon == std::string::npos || colon == 0) {
    return bad("missing host or port");
  } else if (host.find(':') != std::string::npos) {
    return bad("an IPv6 address goes in brackets");
  }
  auto port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5
      || port_text.find_first_not_of("0123456789") != std::string::npos)
    return bad("port is not a number");
  auto port = std::stoul(port_text);
  if (port > 65535 || (port == 0 && !allow_any_port))
    return bad("port out of range");
  return endpoint{host, static_cast<uint16_t>(port)};
}

bool is_loopback(const std::string& host) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || !res)
    return false;
  auto all = true;
  for (auto* ai = res; ai; ai = ai->ai_next) {
    if (ai->ai_family == AF_INET) {
      auto addr = ntohl(
        reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr.s_addr);
      all = all && (addr >> 24) == 127;
    } else if (ai->ai_family == AF_INET6) {
      auto& addr = reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr;
      all = all && IN6_IS_ADDR_LOOPBACK(&addr);
    } else {
      all = false;
    }
  }
  freeaddrinfo(res);
  return all;
}

caf::error check_listen(const endpoint& at, bool tls, bool insecure) {
  // Without TLS, whoever reaches the port speaks BASP to the node, and
  // CAF 0.17 reads a payload of any length a 36-byte header announces.
  if (!tls && !insecure && !is_loopback(at.host))
    return make_error(ec::invalid_input,
                      "--listen: " + at.host
                        + " is not a loopback address: give --tls-cert, "
                          "--tls-key and --tls-ca, or --insecure to serve "
                          "plain BASP to every peer that can reach it");
  return caf::none;
}

caf::expected<uint16_t> publish_supervisor(caf::actor_system& sys,
                                           const supervisor_actor& sup,
                                           const endpoint& at) {
  auto port = sys.middleman().publish(sup, at.port, at.host.c_str(), true);
  if (!port)
    return make_error(ec::invalid_input,
                      "--listen: cannot listen on " + at.host + ":"
                        + std::to_string(at.port) + ": "
                        + sys.render(port.error()));
  return *port;
}

caf::expected<engine_actors> connect_cluster(caf::actor_system& sys,
                                      const endpoint& at,
                                      const endpoint& via) {
  auto where = host_text(at) + ":" + std::to_string(at.port);
  // CAF's remote_actor waits forever on a peer that accepts and never
  // answers; asking the middleman directly gives
  // the connect a deadline.
  auto manager = sys.middleman().actor_handle();
  caf::scoped_actor self{sys};
  caf::expected<supervisor_actor> sup{caf::sec::cannot_connect_to_node};
  self->request(manager, setup_timeout, caf::connect_atom::value, via.host,
                via.port)
    .receive(
      [&](const caf::node_id&, caf::strong_actor_ptr& ptr,
          const std::set<std::string>& interface) {
        if (!ptr)
          sup = caf::sec::no_actor_published_at_port;
        else if (interface != sys.message_types<supervisor_actor>())
          sup = caf::sec::unexpected_actor_messaging_interface;
        else
          sup = caf::actor_cast<supervisor_actor>(std::move(ptr));
      },
      [&](caf::error& err) { sup = std::move(err); });
  if (!sup)
    return make_error(ec::invalid_input, "--join: cannot join " + where
                                           + ": "
                                           + sys.render(sup.error()));
  auto handles = ask<std::vector<caf::actor>>(
    self, caf::actor_cast<caf::actor>(*sup), caf::make_message(handles_atom_v));
  if (!handles || handles->size() != 3)
    return make_error(ec::invalid_input,
                      "--join: " + where + " did not hand out its engine: "
                        + (handles ? "wrong answer"
                                   : sys.render(handles.error())));
  engine_actors e;
  e.supervisor = *sup;
  e.store = caf::actor_cast<store_actor>((*handles)[0]);
  e.broker = caf::actor_cast<broker_actor>((*handles)[1]);
  e.refresher = caf::actor_cast<refresher_actor>((*handles)[2]);
  return e;
}

caf::expected<replay_outcome> execute_on_cluster(caf::actor_system& sys,
                                                 const scenario& sc,
                                                 const engine_actors& e) {
  // The cluster's nodes decide with their own ticks ([broker] tick-size,
  // --tick-size); the scenario's would be ignored without a word.
  if (sc.tick_size || !sc.tick_sizes.empty())
    return make_error(ec::invalid_input,
                      "--join: tick_size and tick_sizes are the cluster "
                      "nodes' settings ([broker] tick-size, --tick-size); "
                      "replay this scenario without --join");
  caf::scoped_actor self{sys};
  auto venue = ask<bool>(self, caf::actor_cast<caf::actor>(e.broker),
                         caf::make_message(setup_atom_v, venue_of(sc)));
  if (!venue)
    return make_error(ec::run_failed,
                      "setting up the venue: " + describe(venue.error()));
  if (!*venue)
    return make_error(ec::invalid_input,
                      "--join: the cluster's broker is not a paper venue; "
                      "a scenario cannot be replayed against it");
  auto seeded = ask<bool>(self, caf::actor_cast<caf::actor>(e.store),
                          caf::make_message(seed_atom_v, seed_of(sc)));
  if (!seeded) {
    if (is(seeded.error(), ec::invalid_input))
      return make_error(ec::invalid_input,
                        "--join: " + reason_of(seeded.error()));
    return make_error(ec::run_failed,
                      "loading scenario: " + describe(seeded.error()));
  }
  return run_steps(sys, sc, e);
}

} // namespace tradeflow
