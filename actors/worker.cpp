#include "actors/worker.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"

namespace tradeflow {

worker_actor::behavior_type worker(worker_self self, int64_t expert_id,
                                   use_case uc, supervisor_actor supervisor,
                                   worker_deps deps, run_settings settings) {
  auto& st = self->state;
  st.expert_id = expert_id;
  st.uc = uc;
  st.key = lock_key(expert_id, uc);
  st.supervisor = std::move(supervisor);
  st.deps = std::move(deps);
  st.settings = settings;
  // Tickets must be unique per run across every requester of the registry,
  // including workers on other nodes whose actor ids may collide.
  st.tickets.seed(std::random_device{}() ^ self->id());
  st.log = component_logger("worker");
  // The supervisor owns the locks: without it no run can lock, so end with
  // it (monitored, not linked: see worker_for in supervisor.cpp).
  self->monitor(st.supervisor);
  self->set_down_handler([self](caf::down_msg& dm) {
    if (dm.source == self->state.supervisor.address())
      self->quit(dm.reason);
  });
  return {
    [self](process_atom, run_request req) {
      auto rp = self->make_response_promise<run_result>();
      start_run(self, std::move(req), rp);
      return rp;
    },
  };
}

} // namespace tradeflow
