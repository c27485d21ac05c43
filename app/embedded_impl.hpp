#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <tradeflow/engine.hpp>

#include "actors/settings.hpp"
#include "app/wiring.hpp"
#include "messages/actor_types.hpp"

/// The state behind the public `tradeflow::engine` (app/include): the
/// actors of app/wiring.hpp plus the event bus. Private to app/.
namespace tradeflow {

struct engine::impl {
  /// Set when the engine made its own actor system (declared first:
  /// destroyed last, after every handle below).
  std::unique_ptr<caf::actor_system_config> own_config;
  std::unique_ptr<caf::actor_system> own_system;
  caf::actor_system* sys = nullptr;
  engine_options options;
  run_settings settings;
  engine_actors actors;
  event_bus_actor bus;
  std::mutex mtx;
  std::atomic<bool> stopped{false};
  /// The callback subscriptions' actors: ended on unsubscribe and stop.
  std::map<subscription_id, caf::actor> listeners;

  caf::timespan call_timeout() const {
    return options.call_timeout;
  }

  /// Sends `run_finished` for `r` to the bus.
  void publish_run(const run_result& r) const;
};

/// The `run_finished` event of `r`.
engine_event run_finished_event(run_result r, int64_t at_ms);

/// The error a call of a stopped engine gets.
caf::error engine_stopped();

} // namespace tradeflow
