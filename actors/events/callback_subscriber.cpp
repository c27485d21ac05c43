#include "actors/events/callback_subscriber.hpp"

#include <exception>

#include "actors/logging.hpp"

namespace tradeflow {

caf::behavior callback_subscriber(caf::event_based_actor* self,
                                  event_callback on_event) {
  static_cast<void>(self);
  auto log = component_logger("event_bus");
  return {
    [on_event, log](const event_batch& batch) {
      for (auto& ev : batch.events) {
        try {
          on_event(ev);
        } catch (const std::exception& e) {
          log->error("event listener threw on event {}: {}", ev.sequence,
                     e.what());
        } catch (...) {
          log->error("event listener threw on event {}", ev.sequence);
        }
      }
      return true;
    },
  };
}

} // namespace tradeflow
