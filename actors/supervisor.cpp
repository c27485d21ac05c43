#include "actors/supervisor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "actors/worker.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

using self_ptr = supervisor_actor::stateful_pointer<supervisor_state>;

void deliver(self_ptr self,
             const lock_table<caf::actor_addr>::grant& g) {
  auto i = self->state.waiting.find(g.ticket);
  if (i == self->state.waiting.end())
    return;
  self->state.log->debug("lock granted to waiter key={} ticket={} epoch={}",
                         g.key, g.ticket, g.epoch);
  i->second.promise.deliver(lock_grant{g.key, g.ticket, g.epoch});
  self->state.waiting.erase(i);
}

void deliver(self_ptr self,
             const std::optional<lock_table<caf::actor_addr>::grant>& g) {
  if (g)
    deliver(self, *g);
}

void watch(self_ptr self, const caf::actor_addr& who) {
  // One monitor per actor: each monitor() call would add another down_msg.
  if (who && self->state.monitored.insert(who).second)
    self->monitor(who);
}

worker_actor worker_for(self_ptr self, int64_t expert_id, use_case uc) {
  auto& st = self->state;
  auto key = std::make_pair(expert_id, uc);
  if (auto i = st.workers.find(key); i != st.workers.end())
    return i->second;
  auto me = caf::actor_cast<supervisor_actor>(self);
  // Monitored, not linked: a link would carry a worker's exit_reason::kill
  // to us, and kill bypasses the exit handler (CAF ends the receiver), so
  // killing one holder would end the registry and every other worker.
  // Workers end with us by monitoring us (worker.cpp).
  auto w = self->spawn(worker, expert_id, uc, me, st.deps, st.settings);
  st.workers.emplace(key, w);
  watch(self, w.address());
  return w;
}

void on_down(self_ptr self, const caf::actor_addr& who) {
  auto& st = self->state;
  st.monitored.erase(who);
  for (auto i = st.waiting.begin(); i != st.waiting.end();)
    i = i->second.owner == who ? st.waiting.erase(i) : std::next(i);
  auto grants = st.locks.owner_down(who);
  if (!grants.empty() || st.locks.keys() > 0)
    st.log->info("holder down, locks released, next waiters granted={}",
                 grants.size());
  for (auto& g : grants)
    deliver(self, g);
  for (auto i = st.workers.begin(); i != st.workers.end(); ++i) {
    if (i->second.address() == who) {
      st.workers.erase(i);
      break;
    }
  }
}

} // namespace

supervisor_actor::behavior_type
supervisor(self_ptr self, worker_deps deps, run_settings settings,
           int64_t first_epoch) {
  auto& st = self->state;
  st.deps = std::move(deps);
  st.settings = settings;
  st.locks = lock_table<caf::actor_addr>{first_epoch};
  st.log = component_logger("supervisor");
  self->set_down_handler(
    [self](caf::down_msg& dm) { on_down(self, dm.source); });
  // A worker's exit reaches us as a down message; any exit message ends
  // the supervisor (and, through their monitors, its workers).
  self->set_exit_handler(
    [self](caf::exit_msg& em) { self->quit(em.reason); });
  return {
    [self](process_atom, run_request req) -> caf::delegated<run_result> {
      auto w = worker_for(self, req.expert_id, req.uc);
      return self->delegate(w, process_atom_v, req);
    },
    [self](acquire_atom, std::string& key, uint64_t ticket,
           caf::timespan max_wait) {
      // Read the sender before make_response_promise() moves it out.
      auto who = caf::actor_cast<caf::actor_addr>(self->current_sender());
      auto rp = self->make_response_promise<lock_grant>();
      watch(self, who);
      if (auto g = self->state.locks.acquire(key, ticket, who)) {
        rp.deliver(lock_grant{g->key, g->ticket, g->epoch});
        return rp;
      }
      self->state.waiting.emplace(
        ticket, supervisor_state::waiting_acquire{rp, who, key});
      // The registry owns the deadline: CAF drops late responses, so a
      // requester cannot learn of a grant after its own timeout.
      self->delayed_send(self, max_wait, expire_atom_v, key, ticket);
      return rp;
    },
    [self](release_atom, const std::string& key, uint64_t ticket) {
      deliver(self, self->state.locks.release(key, ticket));
    },
    [self](cancel_atom, const std::string& key, uint64_t ticket) {
      self->state.waiting.erase(ticket);
      deliver(self, self->state.locks.cancel(key, ticket));
    },
    [self](expire_atom, const std::string& key, uint64_t ticket) {
      if (!self->state.locks.expire(key, ticket))
        return;
      auto i = self->state.waiting.find(ticket);
      if (i == self->state.waiting.end())
        return;
      i->second.promise.deliver(
        make_error(ec::lock_timeout, "not granted within max_wait"));
      self->state.waiting.erase(i);
    },
    [self](status_atom) {
      auto& st = self->state;
      return registry_status{st.locks.keys(), st.locks.held(),
                             st.locks.waiting(), st.workers.size()};
    },
    [self](status_atom, const std::string& key) {
      auto& locks = self->state.locks;
      return key_status{locks.holder_ticket(key), locks.waiters(key),
                        locks.holder_epoch(key)};
    },
  };
}

} // namespace tradeflow
