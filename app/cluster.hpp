#pragma once

#include <cstdint>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "app/config.hpp"
#include "app/replay.hpp"
#include "app/tls_tunnel.hpp"
#include "app/wiring.hpp"

/// The network side of a cluster (docs/architecture.md §7,
/// docs/cluster.md): endpoints, TLS, publishing the coordinator's supervisor,
/// and what clients (worker nodes, `replay --join`, `status`, `run`) do
/// with it. TLS is terminated by stunnel (`app/tls_tunnel.hpp`).
namespace tradeflow {

/// Parses `HOST:PORT` or `[IPV6]:PORT` (`ec::invalid_input` naming
/// `flag`). Port 0 is allowed only when `allow_any_port` (listen: the
/// system picks one).
caf::expected<endpoint> parse_endpoint(const std::string& text,
                                       const std::string& flag,
                                       bool allow_any_port);

/// `host` as written in `HOST:PORT` (an IPv6 address in brackets).
inline std::string host_text(const endpoint& at) {
  return at.host.find(':') == std::string::npos ? at.host
                                                : "[" + at.host + "]";
}

/// Whether every address `host` resolves to is a loopback address.
bool is_loopback(const std::string& host);

/// The rule for a coordinator's `--listen`, checked before anything is
/// bound or written: a non-loopback address needs TLS, or `insecure`
/// (plain BASP from any peer that can reach it); `ec::invalid_input`.
caf::error check_listen(const endpoint& at, bool tls, bool insecure);

/// Publishes `sup` at `at` (plain BASP: with TLS, `at` is the loopback
/// port the node's stunnel forwards to); the bound port.
caf::expected<uint16_t> publish_supervisor(caf::actor_system& sys,
                                           const supervisor_actor& sup,
                                           const endpoint& at);

/// Connects to a coordinator and fetches its supervisor, store, paper
/// venue and refresher (`ec::invalid_input` when unreachable or refused).
/// CAF connects to `via`: `at` itself, or with TLS the local end of a
/// `tls_tunnel::dial` to `at` (messages name `at`).
caf::expected<engine_actors> connect_cluster(caf::actor_system& sys,
                                      const endpoint& at,
                                      const endpoint& via);

/// `replay FILE --join`: resets the venue to the scenario's start, seeds
/// the cluster's (fresh) database through the coordinator's store and runs
/// the steps as an in-process replay does.
caf::expected<replay_outcome> execute_on_cluster(caf::actor_system& sys,
                                                 const scenario& sc,
                                                 const engine_actors& e);

} // namespace tradeflow
