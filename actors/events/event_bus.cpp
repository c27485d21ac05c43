#include "actors/events/event_bus.hpp"

#include <utility>

#include <caf/actor_cast.hpp>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

engine_event gap_of(uint64_t lost, int64_t at_ms) {
  engine_event gap;
  gap.kind = event_kind::events_lost;
  gap.lost = lost;
  gap.at_ms = at_ms;
  return gap;
}

} // namespace

void offer(bus_subscriber& sub, const engine_event& ev) {
  if (sub.queue.size() >= sub.capacity) {
    ++sub.lost;
    return;
  }
  // The marker goes where the gap is: after what was kept, before this.
  if (sub.lost > 0) {
    sub.queue.push_back(gap_of(sub.lost, ev.at_ms));
    sub.lost = 0;
  }
  sub.queue.push_back(ev);
}

event_batch take_batch(bus_subscriber& sub, size_t max_batch) {
  event_batch batch;
  while (!sub.queue.empty() && batch.events.size() < max_batch) {
    batch.events.push_back(std::move(sub.queue.front()));
    sub.queue.pop_front();
  }
  // A gap at the end: nothing newer came in since.
  if (sub.queue.empty() && sub.lost > 0) {
    auto at = batch.events.empty() ? 0 : batch.events.back().at_ms;
    batch.events.push_back(gap_of(sub.lost, at));
    sub.lost = 0;
  }
  return batch;
}

namespace {

using bus_pointer = event_bus_actor::stateful_pointer<event_bus_state>;

bool drained(const event_bus_state& st) {
  for (auto& [id, sub] : st.subscribers)
    if (sub.in_flight || !sub.queue.empty() || sub.lost > 0)
      return false;
  return true;
}

/// Answers the waiting flushes once nothing is queued or in flight.
void answer_flushes(bus_pointer self) {
  if (self->state.flushes.empty() || !drained(self->state))
    return;
  for (auto& p : self->state.flushes)
    p.deliver(true);
  self->state.flushes.clear();
}

/// Sends `id`'s next batch unless one is in flight or nothing waits.
void pump(bus_pointer self, uint64_t id) {
  auto i = self->state.subscribers.find(id);
  if (i == self->state.subscribers.end())
    return;
  auto& sub = i->second;
  if (sub.in_flight || (sub.queue.empty() && sub.lost == 0)) {
    answer_flushes(self);
    return;
  }
  auto batch = take_batch(sub, self->state.settings.max_batch);
  auto size = batch.events.size();
  sub.in_flight = true;
  self
    ->request(sub.handle, self->state.settings.delivery_timeout,
              std::move(batch))
    .then(
      [self, id](bool) {
        if (auto j = self->state.subscribers.find(id);
            j != self->state.subscribers.end()) {
          j->second.in_flight = false;
          pump(self, id);
        }
      },
      [self, id, size](caf::error& err) {
        auto j = self->state.subscribers.find(id);
        if (j == self->state.subscribers.end())
          return;
        if (err == caf::sec::request_receiver_down) {
          self->state.subscribers.erase(j);
          answer_flushes(self);
          return;
        }
        // A batch not acknowledged in time may or may not have been seen:
        // report it as lost so that the subscriber can reconcile.
        self->state.log->warn("subscription {}: batch of {} not acknowledged: "
                              "{}",
                              id, size, describe(err));
        j->second.lost += size;
        j->second.in_flight = false;
        pump(self, id);
      });
}

} // namespace

event_bus_actor::behavior_type
event_bus(event_bus_actor::stateful_pointer<event_bus_state> self,
          event_bus_settings settings) {
  self->state.settings = settings;
  self->state.log = component_logger("event_bus");
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& subs = self->state.subscribers;
    for (auto i = subs.begin(); i != subs.end();)
      i = i->second.handle.address() == dm.source ? subs.erase(i)
                                                  : std::next(i);
    answer_flushes(self);
  });
  return {
    [self](publish_atom, std::vector<engine_event>& events) {
      auto& st = self->state;
      for (auto& ev : events) {
        ev.sequence = st.next_sequence++;
        for (auto& [id, sub] : st.subscribers)
          offer(sub, ev);
      }
      for (auto& [id, sub] : st.subscribers)
        pump(self, id);
    },
    [self](subscribe_atom, caf::actor& handle, uint64_t capacity) {
      auto id = self->state.next_id++;
      self->monitor(handle);
      bus_subscriber sub;
      sub.handle = std::move(handle);
      sub.capacity = capacity;
      self->state.subscribers.emplace(id, std::move(sub));
      return id;
    },
    [self](unsubscribe_atom, uint64_t id) {
      self->state.subscribers.erase(id);
      answer_flushes(self);
    },
    [self](flush_atom) -> caf::result<bool> {
      if (drained(self->state))
        return true;
      auto p = self->make_response_promise<bool>();
      self->state.flushes.push_back(p);
      return p;
    },
  };
}

} // namespace tradeflow
