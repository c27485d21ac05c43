#include "actors/supervisor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "actors/metrics.hpp"

namespace tradeflow {

namespace {

void init_supervisor(supervisor_self self, worker_deps deps,
                     run_settings settings, int64_t first_epoch) {
  auto& st = self->state;
  st.deps = std::move(deps);
  st.settings = settings;
  st.settings.max_runs_in_flight
    = std::max<size_t>(st.settings.max_runs_in_flight, 1);
  st.locks = lock_table<caf::actor_addr>{first_epoch};
  st.log = component_logger("supervisor");
  self->set_down_handler([self](caf::down_msg& dm) {
    self->state.monitored.erase(dm.source);
    if (node_down(self, dm.source))
      return;
    locks_owner_down(self, dm.source);
    runs_worker_down(self, dm.source);
    publish_gauges(self->state);
  });
  // A worker's exit reaches us as a down message; any exit message ends
  // the supervisor (and, through their monitors, its workers).
  self->set_exit_handler(
    [self](caf::exit_msg& em) { self->quit(em.reason); });
}

registry_status status_of(const supervisor_state& st) {
  return registry_status{st.locks.keys(),    st.locks.held(),
                         st.locks.waiting(), st.workers.size(),
                         st.active.size(),   st.queued.size(),
                         st.nodes.size()};
}

} // namespace

void publish_gauges(const supervisor_state& st) {
  auto* m = st.settings.metrics.get();
  if (!m)
    return;
  m->set_locks_held(st.locks.held());
  m->set_runs_in_flight(st.active.size());
  m->set_runs_queued(st.queued.size());
  m->set_workers(st.workers.size());
}

supervisor_actor::behavior_type supervisor(supervisor_self self,
                                           worker_deps deps,
                                           run_settings settings,
                                           int64_t first_epoch) {
  init_supervisor(self, std::move(deps), settings, first_epoch);
  return {
    [self](process_atom, run_request& req) {
      auto rp = self->make_response_promise<run_result>();
      admit_run(self, std::move(req), rp);
      return rp;
    },
    [self](acquire_atom, std::string& key, uint64_t ticket,
           caf::timespan max_wait) {
      // Read the sender before make_response_promise() moves it out.
      auto who = caf::actor_cast<caf::actor_addr>(self->current_sender());
      auto rp = self->make_response_promise<lock_grant>();
      acquire_lock(self, key, ticket, max_wait, rp, who);
      publish_gauges(self->state);
      return rp;
    },
    [self](release_atom, const std::string& key, uint64_t ticket) {
      deliver_grant(self, self->state.locks.release(key, ticket));
      publish_gauges(self->state);
    },
    [self](cancel_atom, const std::string& key, uint64_t ticket) {
      forget_waiter(self, ticket);
      deliver_grant(self, self->state.locks.cancel(key, ticket));
      publish_gauges(self->state);
    },
    [self](expire_atom) {
      expire_due(self);
      publish_gauges(self->state);
    },
    [self](status_atom) { return status_of(self->state); },
    [self](key_status_atom, const std::string& key) {
      auto& locks = self->state.locks;
      return key_status{locks.holder_ticket(key), locks.waiters(key),
                        locks.holder_epoch(key)};
    },
    [self](join_atom, const caf::actor& agent,
           std::string& name) -> caf::result<uint64_t> {
      if (auto err = node_joined(self, agent, std::move(name)))
        return err;
      return static_cast<uint64_t>(self->state.nodes.size());
    },
    [self](handles_atom) {
      auto& d = self->state.deps;
      return std::vector<caf::actor>{caf::actor_cast<caf::actor>(d.store),
                                     caf::actor_cast<caf::actor>(d.broker),
                                     caf::actor_cast<caf::actor>(d.refresher)};
    },
  };
}

} // namespace tradeflow
