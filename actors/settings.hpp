#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <caf/optional.hpp>
#include <caf/timespan.hpp>

#include "messages/actor_types.hpp"
#include "messages/ticks.hpp"

/// Plain settings handed to actors at spawn; actors never read config keys
/// themselves (the app reads them once).
namespace tradeflow {

class engine_metrics; // actors/metrics.hpp

struct run_settings {
  /// How long a run waits for its lock (docs/engine.md §3.1).
  caf::timespan lock_wait = std::chrono::milliseconds(500);
  /// A worker gives up on a registry that has not answered lock_wait plus
  /// this margin after its acquire (the registry owns the deadline; this
  /// only catches one that never answers). One watchdog timer per worker,
  /// not a timeout per request.
  caf::timespan lock_margin = std::chrono::milliseconds(250);
  /// A broker answer later than this is an unknown outcome
  /// (docs/engine-details.md §6.1).
  caf::timespan broker_timeout = std::chrono::seconds(1);
  /// Runs a supervisor lets run at once; later ones queue FIFO. Bounds the
  /// store's queue (every run's requests go through one store actor), so a
  /// burst of triggers cannot push store requests past store_timeout nor
  /// delay lock requests past their deadline. Lock waits are measured from
  /// the run's own acquire, after admission.
  size_t max_runs_in_flight = 512;
  /// Upper bound for any store request.
  caf::timespan store_timeout = std::chrono::seconds(30);
  /// Record the run's epoch in the database before it reads (a fence).
  /// Needed only where a lock can pass to a newer holder while the old one
  /// still runs: a node cut off past the registry's bound. A single
  /// process cannot lose a lock to a live holder, so it skips the commit
  /// per run; its writes are fenced by epoch either way.
  bool fence_on_load = false;
  /// Every instrument's price increment: take-profit and stop-loss levels
  /// are rounded to their symbol's tick (docs/engine.md §4). The default
  /// tick, 0.0001, is the engine's historical 4-decimal rounding.
  tick_table ticks;
  /// Fixed clock in milliseconds (replay's `now`); none = system clock.
  caf::optional<int64_t> fixed_now_ms;
  /// Where actors count what they do (docs/metrics.md); null = metrics
  /// off, and every call site checks it before anything else.
  std::shared_ptr<engine_metrics> metrics;
  /// Where the store's events go (an embedded engine's bus,
  /// docs/embedding.md §3); null = no events.
  event_bus_actor events;

  /// The engine's one clock for decisions.
  int64_t now_ms() const {
    if (fixed_now_ms)
      return *fixed_now_ms;
    using namespace std::chrono;
    return duration_cast<milliseconds>(
             system_clock::now().time_since_epoch())
      .count();
  }
};

/// The actors a worker talks to besides its supervisor.
struct worker_deps {
  store_actor store;
  risk_actor risk;
  broker_actor broker;
  refresher_actor refresher;
};

} // namespace tradeflow
