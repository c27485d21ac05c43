#pragma once

#include <memory>
#include <set>

#include <caf/actor_addr.hpp>
#include <spdlog/logger.h>

#include "actors/settings.hpp"
#include "messages/actor_types.hpp"

namespace tradeflow {

struct node_agent_state {
  worker_deps deps;
  run_settings settings;
  caf::actor_addr supervisor;
  std::set<caf::actor_addr> workers;
  bool supervisor_lost = false;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "node_agent";
};

using node_agent_self = node_actor::stateful_pointer<node_agent_state>;

/// A worker node's agent: spawns the (expert, use case) workers the
/// coordinator's supervisor places on this node, wired to this node's own
/// store, risk, broker and refresher actors (`deps`). When the supervisor
/// is lost, the agent waits for its workers to end (they finish the run
/// under way, fenced) and quits, which ends the node process.
node_actor::behavior_type node_agent(node_agent_self self, worker_deps deps,
                                     run_settings settings);

} // namespace tradeflow
