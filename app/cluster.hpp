#pragma once

#include <cstdint>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "app/config.hpp"
#include "app/replay.hpp"
#include "app/wiring.hpp"

/// The network side of a cluster (docs in README "Cluster"): endpoints,
/// TLS, publishing the coordinator's supervisor, and what clients (worker
/// nodes, `replay --join`, `status`, `run`) do with it.
namespace tradeflow {

/// `HOST:PORT`.
struct endpoint {
  std::string host;
  uint16_t port = 0;
};

/// Parses `HOST:PORT` (`ec::invalid_input` naming `flag`). Port 0 is
/// allowed only when `allow_any_port` (listen: the system picks one).
caf::expected<endpoint> parse_endpoint(const std::string& text,
                                       const std::string& flag,
                                       bool allow_any_port);

/// Certificate, key and CA for CAF's OpenSSL module; all three or none.
struct tls_options {
  std::string cert;
  std::string key;
  std::string ca;

  bool enabled() const {
    return !cert.empty();
  }
};

/// Checks the three files exist and sets them in `cfg` (and loads the
/// OpenSSL module) before the actor system is built.
caf::error configure_tls(engine_config& cfg, const tls_options& tls);

/// Publishes `sup` at `at` (over TLS when configured); the bound port.
caf::expected<uint16_t> publish_supervisor(caf::actor_system& sys,
                                           const supervisor_actor& sup,
                                           const endpoint& at,
                                           const tls_options& tls);

/// Connects to a coordinator and fetches its supervisor, store, paper
/// venue and refresher (`ec::invalid_input` when unreachable or refused).
caf::expected<engine> connect_cluster(caf::actor_system& sys,
                                      const endpoint& at,
                                      const tls_options& tls);

/// `replay FILE --join`: resets the venue to the scenario's start, seeds
/// the cluster's (fresh) database through the coordinator's store and runs
/// the steps as an in-process replay does.
caf::expected<replay_outcome> execute_on_cluster(caf::actor_system& sys,
                                                 const scenario& sc,
                                                 const engine& e);

} // namespace tradeflow
