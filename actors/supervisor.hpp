#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <caf/actor_addr.hpp>
#include <caf/actor_clock.hpp>
#include <caf/typed_response_promise.hpp>
#include <spdlog/logger.h>

#include "actors/decisions/deadline_queue.hpp"
#include "actors/decisions/lock_table.hpp"
#include "actors/settings.hpp"
#include "messages/actor_types.hpp"

namespace tradeflow {

/// The supervisor's state: the lock registry (key -> holder, FIFO waiters,
/// epochs) with the promises and deadlines of waiting acquirers, the worker
/// table, and run admission (a bounded number of runs in flight).
struct supervisor_state {
  using time_point = caf::actor_clock::time_point;

  /// A queued acquire: its promise, its owner (to drop it when the owner
  /// dies), its key and when it expires.
  struct waiting_acquire {
    caf::typed_response_promise<lock_grant> promise;
    caf::actor_addr owner;
    std::string key;
    time_point deadline;
  };

  /// A run admitted and handed to its worker (none while it is being
  /// placed), answered when it replies.
  struct active_run {
    caf::typed_response_promise<run_result> promise;
    caf::actor_addr worker;
    /// For runs_total when the run is answered with an error.
    use_case uc = use_case::enter_market;
  };

  /// A run waiting for admission.
  struct queued_run {
    run_request request;
    caf::typed_response_promise<run_result> promise;
  };

  lock_table<caf::actor_addr> locks;
  std::unordered_map<uint64_t, waiting_acquire> waiting;
  /// Deadlines of `waiting`, served by one timer: a timer per acquire made
  /// CAF's clock thread the bottleneck under contention. An entry counts
  /// only if `waiting` still has its ticket with that deadline.
  deadline_queue<time_point> deadlines;
  /// When the pending expiry tick fires, if one is pending.
  caf::optional<time_point> tick_at;

  using worker_key = std::pair<int64_t, use_case>;
  std::map<worker_key, worker_actor> workers;
  std::unordered_set<caf::actor_addr> monitored;

  /// A worker node that joined: its agent and its stable name.
  struct node_entry {
    node_actor agent;
    std::string name;
  };
  std::vector<node_entry> nodes;
  /// Admitted runs waiting for their worker to be placed on a node.
  std::map<worker_key, std::vector<std::pair<uint64_t, run_request>>> placing;

  std::unordered_map<uint64_t, active_run> active;
  std::deque<queued_run> queued;
  uint64_t next_run_id = 0;

  worker_deps deps;
  run_settings settings;
  std::shared_ptr<spdlog::logger> log;

  static inline const char* name = "supervisor";
};

using supervisor_self = supervisor_actor::stateful_pointer<supervisor_state>;

/// Spawns workers on demand, admits at most `settings.max_runs_in_flight` runs
/// at once (FIFO), owns the lock registry (docs/engine.md §3.2): grants FIFO,
/// expires waiters itself after their max_wait, releases the locks of holders
/// that die, and drops free keys. `first_epoch` is one more than the highest
/// epoch recorded in the database.
supervisor_actor::behavior_type supervisor(supervisor_self self,
                                           worker_deps deps,
                                           run_settings settings,
                                           int64_t first_epoch);

// Parts of the behaviour, one file each (supervisor_locks.cpp,
// supervisor_runs.cpp).

/// Grants at once or queues `ticket` with its deadline.
void acquire_lock(supervisor_self self, const std::string& key,
                  uint64_t ticket, caf::timespan max_wait,
                  caf::typed_response_promise<lock_grant> rp,
                  const caf::actor_addr& who);
/// Hands a lock to the next waiter (if any) and answers it.
void deliver_grant(supervisor_self self,
                   const caf::optional<lock_table<caf::actor_addr>::grant>& g);
/// Drops a queued acquire (granted, canceled or expired).
void forget_waiter(supervisor_self self, uint64_t ticket);
/// Answers every waiter whose deadline has passed with lock_timeout.
void expire_due(supervisor_self self);
/// Releases what a dead actor held or waited for.
void locks_owner_down(supervisor_self self, const caf::actor_addr& who);

/// Admits `req` or queues it.
void admit_run(supervisor_self self, run_request req,
               caf::typed_response_promise<run_result> rp);
/// Admits queued runs while there is room.
void start_queued(supervisor_self self);
/// Answers the runs of a worker that ended mid-run and forgets it.
void runs_worker_down(supervisor_self self, const caf::actor_addr& who);
/// Monitors `who` once.
void watch(supervisor_self self, const caf::actor_addr& who);
/// Sets the gauges (locks held, runs in flight and queued, workers) from
/// the tables, when metrics are on (supervisor.cpp).
void publish_gauges(const supervisor_state& st);
/// Answers an admitted run and admits the next queued one.
void finish_run(supervisor_self self, uint64_t run_id,
                caf::expected<run_result> result);
/// Hands an admitted run to its worker.
void send_to_worker(supervisor_self self, const worker_actor& w,
                    uint64_t run_id, run_request req);

/// Cluster (supervisor_nodes.cpp): a worker node joins (refused when its
/// name is taken by another live node).
caf::error node_joined(supervisor_self self, const caf::actor& agent,
                       std::string name);
/// Forgets a lost node; true when `who` was a node's agent.
bool node_down(supervisor_self self, const caf::actor_addr& who);
/// Places the worker of `req`'s key on a node (rendezvous hashing on the
/// expert id: stable per expert, spread across nodes, and only the experts
/// of a lost node move) and hands it the run.
void place_remote(supervisor_self self, uint64_t run_id, run_request req);

} // namespace tradeflow
