#pragma once

#include <cstdint>
#include <string>

#include <caf/meta/type_name.hpp>

namespace tradeflow {

/// supervisor -> worker: the lock on `key` is held by `ticket` under the
/// fencing `epoch` (docs/engine.md §3.3) until released.
struct lock_grant {
  std::string key;
  uint64_t ticket = 0;
  int64_t epoch = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, lock_grant& x) {
  return f(caf::meta::type_name("lock_grant"), x.key, x.ticket, x.epoch);
}

/// supervisor -> anyone: the size of the lock registry, of the worker
/// table and of the run admission queue, for tests, benchmarks and the demo.
struct registry_status {
  uint64_t keys = 0;
  uint64_t held = 0;
  uint64_t waiting = 0;
  uint64_t workers = 0;
  /// Runs started and not yet answered (at most max_runs_in_flight).
  uint64_t runs_active = 0;
  /// Runs waiting for admission.
  uint64_t runs_queued = 0;
  /// Worker nodes joined (0: every worker runs beside the supervisor).
  uint64_t nodes = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, registry_status& x) {
  return f(caf::meta::type_name("registry_status"), x.keys, x.held,
           x.waiting, x.workers, x.runs_active, x.runs_queued, x.nodes);
}

/// supervisor -> anyone: one key's holder ticket (0 = free) and waiters.
struct key_status {
  uint64_t holder_ticket = 0;
  uint64_t waiters = 0;
  int64_t epoch = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, key_status& x) {
  return f(caf::meta::type_name("key_status"), x.holder_ticket, x.waiters,
           x.epoch);
}

} // namespace tradeflow
