#pragma once

#include <string>

#include <caf/optional.hpp>

#include "app/cluster.hpp"
#include "app/config.hpp"
#include "app/exit_codes.hpp"

/// `tradeflow node`: a long-running engine process in a cluster.
namespace tradeflow {

struct node_options {
  /// "coordinator" or "worker".
  std::string role;
  /// Coordinator: HOST:PORT to listen on (port 0: any, printed).
  std::string listen;
  /// Worker: the coordinator's HOST:PORT.
  std::string join;
  /// Worker: a name unique in the cluster; placement hashes on it.
  std::string name;
  tls_options tls;
  /// Coordinator: allow a non-loopback `listen` without TLS.
  bool insecure = false;
  /// HOST:PORT to serve `/metrics` on (docs/metrics.md); none = off (an
  /// empty value given is refused, not taken for off).
  caf::optional<std::string> metrics;
};

/// Runs a node until SIGINT/SIGTERM (exit 0). A worker node that loses its
/// coordinator lets its runs end and exits 3. Bad flags, an unusable
/// database or an unreachable coordinator: `ec::invalid_input`.
/// `cfg` must be final (TLS configured) before the call: it builds the
/// actor system.
int run_node(engine_config& cfg, const node_options& opts);

} // namespace tradeflow
