#pragma once

#include <functional>

#include <caf/event_based_actor.hpp>

#include "messages/events.hpp"

/// Hands each event of a batch to a plain C++ function, in order, then
/// acknowledges the batch (docs/embedding.md §3.1). Spawned detached: the
/// function runs on a thread of its own, so a slow host callback never
/// holds a scheduler thread of the engine.
namespace tradeflow {

using event_callback = std::function<void(const engine_event&)>;

caf::behavior callback_subscriber(caf::event_based_actor* self,
                                  event_callback on_event);

} // namespace tradeflow
