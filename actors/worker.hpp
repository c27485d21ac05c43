#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "actors/settings.hpp"
#include "messages/actor_types.hpp"

namespace tradeflow {

struct run_state;

/// A worker's state: who it runs for, whom it talks to, and a ticket
/// source. Runs themselves live in their own context objects, so a second
/// trigger while a run is under way is a second, independent chain that
/// waits for the lock at the registry (and skips after lock_wait).
struct worker_state {
  int64_t expert_id = 0;
  use_case uc = use_case::enter_market;
  std::string key;
  supervisor_actor supervisor;
  worker_deps deps;
  run_settings settings;
  /// Next lock ticket: a random 64-bit start, then counting, so tickets of
  /// workers on every node stay distinct without a 2.5 KB generator each.
  uint64_t next_ticket = 0;
  /// Runs under way (their results not yet delivered).
  size_t runs_active = 0;
  /// Runs whose acquire the registry has not answered yet, oldest first.
  /// The acquire has no request timeout (the registry owns the deadline
  /// and answers while it lives): these are failed when the registry is
  /// lost, or by the watchdog when it stays silent past lock_margin.
  std::vector<std::shared_ptr<run_state>> awaiting_lock;
  /// A watchdog tick is pending (one per worker, re-armed while needed).
  bool lock_watch_armed = false;
  /// The supervisor is gone (its node lost): quit once no run is under way.
  bool orphaned = false;
  std::shared_ptr<spdlog::logger> log;

  static inline const char* name = "worker";
};

using worker_self = worker_actor::stateful_pointer<worker_state>;

/// One worker per (expert, use case): each `process` request is one run of
/// docs/engine.md §2 (enter_market) or §2.5 (open_positions), as a chain
/// of asynchronous requests that never blocks a thread.
worker_actor::behavior_type worker(worker_self self, int64_t expert_id,
                                   use_case uc, supervisor_actor supervisor,
                                   worker_deps deps, run_settings settings);

/// Starts one run; `rp` receives its result (worker_run.cpp).
void start_run(worker_self self, run_request req,
               caf::typed_response_promise<run_result> rp);

/// The supervisor is lost: runs still waiting for its answer end with
/// status lock_timeout and an error saying why (worker_run.cpp).
void fail_lock_waits(worker_self self, const caf::error& reason);

/// Watchdog tick: ends runs the registry left unanswered for lock_wait
/// plus lock_margin, and re-arms for the oldest remaining one.
void check_lock_waits(worker_self self);

/// A run's result is delivered: quits an orphaned worker once idle.
void run_ended(worker_self self);

} // namespace tradeflow
