#include "actors/risk.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/sizing.hpp"
#include "actors/logging.hpp"

namespace tradeflow {

risk_actor::behavior_type
risk_manager(risk_actor::stateful_pointer<risk_state> self) {
  self->state.log = component_logger("risk");
  return {
    [self](size_atom, const sizing_request& req) {
      auto res = size_candidates(req);
      for (auto& d : res.decisions)
        self->state.log->debug("sized recommendation {}: quantity {} ({})",
                               d.recommendation_id, d.quantity, d.reason);
      return res;
    },
  };
}

} // namespace tradeflow
