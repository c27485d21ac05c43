#pragma once

#include <cstdint>

#include <caf/actor.hpp>

#include "messages/events.hpp"

/// Subscribing to an engine's events (docs/embedding.md §3).
namespace tradeflow {

/// A plain C++ subscriber.
///
/// Threading: each subscription gets a thread of its own, owned by the
/// engine; `on_event` is called on it, one event at a time, in sequence
/// order, never concurrently with itself. A slow `on_event` delays only
/// its own subscription: the engine never waits for it, and when its queue
/// holds `engine_options::event_queue_capacity` events, newer ones are
/// dropped and the next call is an `events_lost` event with their count.
/// An exception thrown by `on_event` is logged and the next event follows.
/// Do not call `engine::stop` from `on_event`.
class event_listener {
public:
  virtual ~event_listener() = default;
  virtual void on_event(const engine_event& event) = 0;
};

/// Identifies one subscription for `engine::unsubscribe`.
using subscription_id = uint64_t;

/// A CAF subscriber is any actor that handles `event_batch` and answers
/// `true` once it has taken the batch: the engine sends the next batch only
/// then (at most one in flight), so the subscriber's mailbox stays
/// bounded. A batch not answered within 10 s counts as lost.
///
///   caf::behavior subscriber(caf::event_based_actor*) {
///     return {[](const tradeflow::event_batch& b) { ...; return true; }};
///   }
///
/// The handle is held until the actor ends or `unsubscribe`.
using event_subscriber = caf::actor;

} // namespace tradeflow
