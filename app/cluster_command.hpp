#pragma once

#include <string>

#include "app/cluster.hpp"
#include "app/config.hpp"
#include "app/scenario.hpp"

/// The client commands of a cluster: `replay FILE --join`, `status` and
/// `run`. Each connects to the coordinator, does its one thing, prints JSON
/// on stdout and returns the exit code (2: a user error, such as an
/// unreachable coordinator or a refused certificate).
namespace tradeflow {

struct client_options {
  std::string join;
  tls_options tls;
  /// `run`: the expert, use case and the run's clock.
  int64_t expert_id = 0;
  std::string use_case = "enter_market";
  int64_t as_of_ms = -1;
  /// `status`: one lock key's holder instead of the registry's totals.
  std::string key;
};

int replay_on_cluster(engine_config& cfg, const client_options& opts,
                      const scenario& sc);
int print_cluster_status(engine_config& cfg, const client_options& opts);
int trigger_run(engine_config& cfg, const client_options& opts);

} // namespace tradeflow
