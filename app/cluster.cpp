#include "app/cluster.hpp"

#include <filesystem>

#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/openssl/publish.hpp>
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
  auto colon = text.rfind(':');
  auto bad = [&](const std::string& why) {
    return make_error(ec::invalid_input,
                      flag + ": '" + text + "': " + why + " (HOST:PORT)");
  };
  if (colon == std::string::npos || colon == 0)
    return bad("missing host or port");
  auto port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5
      || port_text.find_first_not_of("0123456789") != std::string::npos)
    return bad("port is not a number");
  auto port = std::stoul(port_text);
  if (port > 65535 || (port == 0 && !allow_any_port))
    return bad("port out of range");
  return endpoint{text.substr(0, colon), static_cast<uint16_t>(port)};
}

caf::error configure_tls(engine_config& cfg, const tls_options& tls) {
  auto given = !tls.cert.empty() + !tls.key.empty() + !tls.ca.empty();
  if (given == 0)
    return caf::none;
  if (given != 3)
    return make_error(ec::invalid_input,
                      "--tls-cert, --tls-key and --tls-ca go together");
  for (auto& [flag, path] : {std::pair{"--tls-cert", tls.cert},
                             std::pair{"--tls-key", tls.key},
                             std::pair{"--tls-ca", tls.ca}})
    if (!std::filesystem::is_regular_file(path))
      return make_error(ec::invalid_input,
                        std::string{flag} + ": cannot read '" + path + "'");
  cfg.openssl_certificate = tls.cert;
  cfg.openssl_key = tls.key;
  cfg.openssl_cafile = tls.ca;
  cfg.load<caf::openssl::manager>();
  return caf::none;
}

caf::expected<uint16_t> publish_supervisor(caf::actor_system& sys,
                                           const supervisor_actor& sup,
                                           const endpoint& at,
                                           const tls_options& tls) {
  auto port = tls.enabled()
                ? caf::openssl::publish(sup, at.port, at.host.c_str(), true)
                : sys.middleman().publish(sup, at.port, at.host.c_str(),
                                          true);
  if (!port)
    return make_error(ec::invalid_input,
                      "--listen: cannot listen on " + at.host + ":"
                        + std::to_string(at.port) + ": "
                        + sys.render(port.error()));
  return *port;
}

caf::expected<engine> connect_cluster(caf::actor_system& sys,
                                      const endpoint& at,
                                      const tls_options& tls) {
  auto where = at.host + ":" + std::to_string(at.port);
  // CAF's remote_actor waits forever on a peer that accepts and never
  // answers; asking the middleman (or the OpenSSL manager) directly gives
  // the connect a deadline.
  auto manager = tls.enabled() ? sys.openssl_manager().actor_handle()
                               : sys.middleman().actor_handle();
  caf::scoped_actor self{sys};
  caf::expected<supervisor_actor> sup{caf::sec::cannot_connect_to_node};
  self->request(manager, setup_timeout, caf::connect_atom::value, at.host,
                at.port)
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
  engine e;
  e.supervisor = *sup;
  e.store = caf::actor_cast<store_actor>((*handles)[0]);
  e.broker = caf::actor_cast<broker_actor>((*handles)[1]);
  e.refresher = caf::actor_cast<refresher_actor>((*handles)[2]);
  return e;
}

caf::expected<replay_outcome> execute_on_cluster(caf::actor_system& sys,
                                                 const scenario& sc,
                                                 const engine& e) {
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
