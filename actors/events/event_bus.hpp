#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <vector>
#include <memory>

#include <caf/actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "messages/actor_types.hpp"

/// The event bus (docs/embedding.md §3): one per engine. The store's
/// recorder and the engine's run calls publish; each subscriber has a
/// queue of at most `capacity` events and at most one batch in flight, so
/// a slow subscriber only ever costs its own events, never the engine's
/// time: when its queue is full, new events for it are dropped, and an
/// `events_lost` event giving how many takes their place in its stream.
namespace tradeflow {

struct bus_subscriber {
  caf::actor handle;
  std::deque<engine_event> queue;
  uint64_t capacity = 0;
  uint64_t lost = 0;
  bool in_flight = false;
};

struct event_bus_settings {
  /// Events per batch sent to one subscriber.
  size_t max_batch = 256;
  /// A subscriber that has not answered a batch by then is treated as
  /// having lost it (counted and reported like a full queue).
  caf::timespan delivery_timeout = std::chrono::seconds(10);
};

struct event_bus_state {
  uint64_t next_sequence = 1;
  uint64_t next_id = 1;
  std::map<uint64_t, bus_subscriber> subscribers;
  /// Flush requests waiting for every queue to drain.
  std::vector<caf::typed_response_promise<bool>> flushes;
  event_bus_settings settings;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "event_bus";
};

event_bus_actor::behavior_type
event_bus(event_bus_actor::stateful_pointer<event_bus_state> self,
          event_bus_settings settings);

/// The next batch for `sub`: up to `max_batch` queued events (removed from
/// the queue), and an `events_lost` event last when events were dropped
/// after the last one queued.
event_batch take_batch(bus_subscriber& sub, size_t max_batch);

/// Queues `ev` for `sub`, or counts it lost when the queue is full. The
/// first event queued after a loss is preceded by an `events_lost` event
/// with the count: the marker sits exactly where the gap is.
void offer(bus_subscriber& sub, const engine_event& ev);

} // namespace tradeflow
