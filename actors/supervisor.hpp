#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

#include <caf/actor_addr.hpp>
#include <caf/typed_response_promise.hpp>
#include <spdlog/logger.h>

#include "actors/lock_table.hpp"
#include "actors/settings.hpp"
#include "messages/actor_types.hpp"

namespace tradeflow {

/// The supervisor's state: the lock registry (key -> holder, FIFO waiters,
/// epochs), the promises of waiting acquirers, and the worker table.
struct supervisor_state {
  /// A queued acquire: its promise, its owner (to drop it when the owner
  /// dies) and its key.
  struct waiting_acquire {
    caf::typed_response_promise<lock_grant> promise;
    caf::actor_addr owner;
    std::string key;
  };

  lock_table<caf::actor_addr> locks;
  std::unordered_map<uint64_t, waiting_acquire> waiting;
  std::map<std::pair<int64_t, use_case>, worker_actor> workers;
  std::set<caf::actor_addr> monitored;
  worker_deps deps;
  run_settings settings;
  std::shared_ptr<spdlog::logger> log;

  static inline const char* name = "supervisor";
};

/// Spawns workers on demand, owns the lock registry (ENGINE.md 3.2):
/// grants FIFO, expires waiters itself after their max_wait, releases the
/// locks of holders that die, and drops free keys. `first_epoch` is one more
/// than the highest epoch recorded in the database.
supervisor_actor::behavior_type
supervisor(supervisor_actor::stateful_pointer<supervisor_state> self,
           worker_deps deps, run_settings settings, int64_t first_epoch);

} // namespace tradeflow
