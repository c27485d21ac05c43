// The lock registry's side of the supervisor: grants, waiters and their
// deadlines (docs/engine.md §3.1-§3.3).
#include "actors/supervisor.hpp"

#include <algorithm>

#include <caf/typed_event_based_actor.hpp>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

/// An entry of the deadline queue counts while its waiter still waits
/// with that deadline.
auto live_in(const supervisor_state& st) {
  return [&st](const deadline_queue<supervisor_state::time_point>::entry& e) {
    auto i = st.waiting.find(e.second);
    return i != st.waiting.end() && i->second.deadline == e.first;
  };
}

/// Makes sure an expiry tick is pending for the earliest deadline. Ticks
/// that find nothing due only re-arm, so a superseded tick is harmless.
void arm_tick(supervisor_self self) {
  auto& st = self->state;
  auto earliest = st.deadlines.earliest(live_in(st));
  if (!earliest || (st.tick_at && *st.tick_at <= *earliest))
    return;
  st.tick_at = earliest;
  auto delay = *earliest - self->clock().now();
  self->delayed_send(self, std::max(delay, caf::timespan{0}), expire_atom_v);
}

} // namespace

void watch(supervisor_self self, const caf::actor_addr& who) {
  // One monitor per actor: each monitor() call would add another down_msg.
  if (who && self->state.monitored.insert(who).second)
    self->monitor(who);
}

void forget_waiter(supervisor_self self, uint64_t ticket) {
  auto& st = self->state;
  auto i = st.waiting.find(ticket);
  if (i != st.waiting.end())
    st.waiting.erase(i); // its deadline entry goes when it is at the front
}

void deliver_grant(
  supervisor_self self,
  const caf::optional<lock_table<caf::actor_addr>::grant>& g) {
  if (!g)
    return;
  auto& st = self->state;
  auto i = st.waiting.find(g->ticket);
  if (i == st.waiting.end())
    return;
  st.log->debug("lock granted to waiter key={} ticket={} epoch={}", g->key,
                g->ticket, g->epoch);
  i->second.promise.deliver(lock_grant{g->key, g->ticket, g->epoch});
  st.waiting.erase(i);
}

void acquire_lock(supervisor_self self, const std::string& key,
                  uint64_t ticket, caf::timespan max_wait,
                  caf::typed_response_promise<lock_grant> rp,
                  const caf::actor_addr& who) {
  auto& st = self->state;
  watch(self, who);
  if (auto g = st.locks.acquire(key, ticket, who)) {
    rp.deliver(lock_grant{g->key, g->ticket, g->epoch});
    return;
  }
  // The registry owns the deadline: CAF drops late responses, so a
  // requester cannot learn of a grant after its own timeout.
  auto deadline = self->clock().now() + max_wait;
  st.waiting.emplace(ticket, supervisor_state::waiting_acquire{
                               std::move(rp), who, key, deadline});
  st.deadlines.add(deadline, ticket);
  arm_tick(self);
}

void expire_due(supervisor_self self) {
  auto& st = self->state;
  st.tick_at = caf::none;
  for (auto ticket : st.deadlines.take_due(self->clock().now(), live_in(st))) {
    auto i = st.waiting.find(ticket);
    if (st.locks.expire(i->second.key, i->first))
      i->second.promise.deliver(
        make_error(ec::lock_timeout, "not granted within max_wait"));
    st.waiting.erase(i);
  }
  arm_tick(self);
}

void locks_owner_down(supervisor_self self, const caf::actor_addr& who) {
  auto& st = self->state;
  std::vector<uint64_t> gone;
  for (auto& [ticket, w] : st.waiting)
    if (w.owner == who)
      gone.push_back(ticket);
  for (auto ticket : gone)
    forget_waiter(self, ticket);
  auto grants = st.locks.owner_down(who);
  if (!grants.empty() || st.locks.keys() > 0)
    st.log->info("holder down, locks released, next waiters granted={}",
                 grants.size());
  for (auto& g : grants)
    deliver_grant(self, g);
}

} // namespace tradeflow
