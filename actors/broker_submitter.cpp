#include "actors/broker_submitter.hpp"

#include <chrono>

#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "actors/metrics.hpp"

namespace tradeflow {

namespace {

using self_ptr = broker_actor::stateful_pointer<broker_submitter_state>;

/// Delivers `value` through `rp` after the configured latency.
template <class T>
void answer(self_ptr self, caf::typed_response_promise<T> rp, T value) {
  auto& st = self->state;
  if (st.latency.count() == 0) {
    rp.deliver(std::move(value));
    return;
  }
  auto token = st.next_token++;
  st.delayed.emplace(token, [rp, value]() mutable {
    rp.deliver(std::move(value));
  });
  self->delayed_send(self, st.latency, deliver_atom_v, token);
}

/// Calls the adapter through `call`, timed when metrics are on: the
/// adapter answers synchronously, so this is the broker's own time.
template <class Call>
auto timed(self_ptr self, Call&& call) {
  auto* m = self->state.metrics.get();
  if (!m)
    return call(*self->state.broker);
  auto t0 = std::chrono::steady_clock::now();
  auto out = call(*self->state.broker);
  m->broker_request(std::chrono::steady_clock::now() - t0);
  return out;
}

void count_order(self_ptr self, engine_metrics::order_kind x) {
  if (auto* m = self->state.metrics.get())
    m->order_event(x);
}

caf::typed_response_promise<submit_reply> submit(self_ptr self,
                                                 const broker_order& x) {
  auto rp = self->make_response_promise<submit_reply>();
  auto reply = timed(self, [&x](broker_adapter& b) { return b.submit(x); });
  count_order(self, engine_metrics::order_kind::submitted);
  if (!reply) {
    self->state.log->warn("no answer for submission of {}", x.client_order_id);
    self->state.unanswered.push_back(rp);
    return rp;
  }
  self->state.log->info("submission of {} ({} {} {}): {}", x.client_order_id,
                        to_string(x.side), x.quantity, x.symbol,
                        reply->accepted ? "accepted" : reply->reason);
  if (!reply->accepted)
    count_order(self, engine_metrics::order_kind::rejected);
  answer(self, rp, std::move(*reply));
  return rp;
}

bool reset_venue(self_ptr self, const venue_setup& x) {
  auto& st = self->state;
  if (!st.broker->reset(x))
    return false;
  st.latency = std::chrono::milliseconds(x.latency_ms);
  st.log->info("venue reset: {} prices, balance {}, latency {} ms",
               x.prices.prices.size(), x.balance, x.latency_ms);
  return true;
}

} // namespace

broker_actor::behavior_type
broker_submitter(self_ptr self, std::shared_ptr<broker_adapter> broker,
                 caf::timespan latency,
                 std::shared_ptr<engine_metrics> metrics) {
  auto& st = self->state;
  st.broker = std::move(broker);
  st.latency = latency;
  st.metrics = std::move(metrics);
  st.log = component_logger("broker");
  return {
    [self](submit_atom, const broker_order& x) { return submit(self, x); },
    [self](order_states_atom, const std::vector<std::string>& ids) {
      auto rp = self->make_response_promise<std::vector<broker_order_state>>();
      answer(self, rp,
             timed(self, [&ids](broker_adapter& b) { return b.status(ids); }));
      return rp;
    },
    [self](cancel_atom, const std::string& id) {
      auto rp = self->make_response_promise<bool>();
      answer(self, rp,
             timed(self, [&id](broker_adapter& b) { return b.cancel(id); }));
      return rp;
    },
    [self](price_atom, const std::vector<std::string>& symbols) {
      return timed(self,
                   [&symbols](broker_adapter& b) { return b.prices(symbols); });
    },
    [self](set_price_atom, const price_quotes& x) {
      self->state.broker->set_prices(x);
      return true;
    },
    [self](balance_atom) {
      return timed(self, [](broker_adapter& b) { return b.balance(); });
    },
    [self](faults_atom, const broker_faults& x) {
      self->state.broker->set_faults(x);
      return true;
    },
    [self](setup_atom, const venue_setup& x) { return reset_venue(self, x); },
    [self](deliver_atom, uint64_t token) {
      auto i = self->state.delayed.find(token);
      if (i == self->state.delayed.end())
        return;
      auto fn = std::move(i->second);
      self->state.delayed.erase(i);
      fn();
    },
  };
}

} // namespace tradeflow
