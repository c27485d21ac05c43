#include "actors/refresh_ticker.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "messages/error.hpp"

namespace tradeflow {

ticker_actor::behavior_type
refresh_ticker(ticker_actor::stateful_pointer<refresh_ticker_state> self,
               refresher_actor refresher, caf::timespan interval) {
  auto& st = self->state;
  st.refresher = std::move(refresher);
  st.interval = interval;
  st.log = component_logger("refresher");
  self->delayed_send(self, interval, tick_atom_v);
  return {
    [self](tick_atom) {
      auto& st = self->state;
      self->delayed_send(self, st.interval, tick_atom_v);
      if (st.in_flight) {
        st.log->warn("periodic refresh skipped: the previous one is running");
        return;
      }
      st.in_flight = true;
      // A refresh that outlives several intervals is a fault: bound it.
      self
        ->request(st.refresher, 10 * st.interval, refresh_atom_v,
                  refresh_scope{}, true)
        .then(
          [self](sync_summary& s) {
            auto& st = self->state;
            st.in_flight = false;
            ++st.refreshes;
            st.log->debug("periodic refresh: {} orders, {} transactions",
                          s.orders_updated, s.transactions_changed);
          },
          [self](caf::error& err) {
            self->state.in_flight = false;
            self->state.log->error("periodic refresh failed: {}",
                                   describe(err));
          });
    },
  };
}

} // namespace tradeflow
