#include "actors/cluster/broker_relay.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace tradeflow {

broker_actor::behavior_type broker_relay(broker_actor::pointer self,
                                         broker_actor venue) {
  return {
    [self, venue](submit_atom a, const broker_order& x) {
      return self->delegate(venue, a, x);
    },
    [self, venue](order_states_atom a, const std::vector<broker_order>& xs) {
      return self->delegate(venue, a, xs);
    },
    [self, venue](cancel_atom a, const broker_order& x) {
      return self->delegate(venue, a, x);
    },
    // Reports go to the venue's own broker actor, never to a relay.
    [](report_atom, const execution_report&) {},
    [self, venue](price_atom a, const std::vector<std::string>& symbols) {
      return self->delegate(venue, a, symbols);
    },
    [self, venue](set_price_atom a, const price_quotes& x) {
      return self->delegate(venue, a, x);
    },
    [self, venue](balance_atom a) { return self->delegate(venue, a); },
    [self, venue](faults_atom a, const broker_faults& x) {
      return self->delegate(venue, a, x);
    },
    [self, venue](setup_atom a, const venue_setup& x) {
      return self->delegate(venue, a, x);
    },
    // The venue's own latency timer; nothing to relay.
    [](deliver_atom, uint64_t) {},
  };
}

} // namespace tradeflow
