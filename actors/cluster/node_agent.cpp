#include "actors/cluster/node_agent.hpp"

#include <caf/actor_cast.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "actors/metrics.hpp"
#include "actors/worker.hpp"

namespace tradeflow {

namespace {

/// A worker node's `tradeflow_workers`: the workers it hosts.
void publish_workers(const node_agent_state& st) {
  if (auto* m = st.settings.metrics.get())
    m->set_workers(st.workers.size());
}

void quit_when_idle(node_agent_self self) {
  auto& st = self->state;
  if (st.supervisor_lost && st.workers.empty())
    self->quit(caf::exit_reason::user_shutdown);
}

} // namespace

node_actor::behavior_type node_agent(node_agent_self self, worker_deps deps,
                                     run_settings settings) {
  auto& st = self->state;
  st.deps = std::move(deps);
  st.settings = settings;
  st.log = component_logger("node");
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    if (dm.source == st.supervisor) {
      st.supervisor_lost = true;
      st.log->error("lost the coordinator's supervisor ({}); {} worker(s) "
                    "end their runs, then this node stops",
                    caf::to_string(dm.reason), st.workers.size());
    } else {
      st.workers.erase(dm.source);
      publish_workers(st);
    }
    quit_when_idle(self);
  });
  // Stopping the node stops its workers: they are not linked to us, and
  // they would otherwise live on as long as the coordinator does.
  self->set_exit_handler([self](caf::exit_msg& em) {
    for (auto& w : self->state.workers)
      self->send_exit(w, em.reason);
    self->quit(em.reason);
  });
  return {
    [self](place_atom, int64_t expert_id, use_case uc,
           const caf::actor& supervisor) -> caf::result<caf::actor> {
      auto& st = self->state;
      if (st.supervisor_lost)
        return caf::sec::request_receiver_down;
      if (st.supervisor != supervisor.address()) {
        st.supervisor = supervisor.address();
        self->monitor(supervisor);
      }
      auto w = self->spawn(worker, expert_id, uc,
                           caf::actor_cast<supervisor_actor>(supervisor),
                           st.deps, st.settings);
      st.workers.insert(w.address());
      publish_workers(st);
      self->monitor(w);
      st.log->info("spawned worker for expert {} ({})", expert_id,
                   to_string(uc));
      return caf::actor_cast<caf::actor>(w);
    },
  };
}

} // namespace tradeflow
