// The cluster side of the supervisor: worker nodes join, workers are
// placed on them, and a lost node's experts move to the remaining nodes.
#include "actors/supervisor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

/// FNV-1a: a hash that is the same in every process and build, so a
/// restarted coordinator places experts as before.
uint64_t stable_hash(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

/// SplitMix64's finaliser: FNV alone left names that differ in their last
/// character (w1, w2, w3) ranked alike, so one node won every expert.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/// Rendezvous (highest random weight) hashing on the expert id: every use
/// case of an expert lands on the same node, and losing a node moves only
/// the experts it had.
const supervisor_state::node_entry& pick_node(const supervisor_state& st,
                                              int64_t expert_id) {
  const supervisor_state::node_entry* best = &st.nodes.front();
  uint64_t best_weight = 0;
  for (auto& n : st.nodes) {
    auto weight = mix(stable_hash(n.name)
                      ^ mix(static_cast<uint64_t>(expert_id)));
    if (weight >= best_weight) {
      best_weight = weight;
      best = &n;
    }
  }
  return *best;
}

} // namespace

caf::error node_joined(supervisor_self self, const caf::actor& agent,
                       std::string name) {
  auto& st = self->state;
  if (!agent)
    return make_error(ec::invalid_input, "join: no node agent");
  for (auto& n : st.nodes) {
    if (n.agent.address() == agent.address())
      return caf::none;
    if (n.name == name) {
      st.log->error("node name '{}' is taken; the joining node is refused",
                    name);
      return make_error(ec::invalid_input,
                        "--name: node name '" + name
                          + "' is taken by a live node");
    }
  }
  st.nodes.push_back(
    supervisor_state::node_entry{caf::actor_cast<node_actor>(agent), name});
  watch(self, agent.address());
  st.log->info("node '{}' joined ({} worker node(s))", name,
               st.nodes.size());
  return caf::none;
}

bool node_down(supervisor_self self, const caf::actor_addr& who) {
  auto& st = self->state;
  for (auto i = st.nodes.begin(); i != st.nodes.end(); ++i) {
    if (i->agent.address() != who)
      continue;
    st.log->warn("node '{}' lost: its locks are released and its experts "
                 "are placed on the remaining {} node(s) at their next run",
                 i->name, st.nodes.size() - 1);
    st.nodes.erase(i);
    return true;
  }
  return false;
}

void place_remote(supervisor_self self, uint64_t run_id, run_request req) {
  auto& st = self->state;
  auto key = std::make_pair(req.expert_id, req.uc);
  auto& waiting = st.placing[key];
  waiting.emplace_back(run_id, std::move(req));
  if (waiting.size() > 1)
    return; // a placement of this worker is already under way
  auto& node = pick_node(st, key.first);
  auto name = node.name;
  auto me = caf::actor_cast<caf::actor>(self);
  self
    ->request(node.agent, st.settings.store_timeout, place_atom_v, key.first,
              key.second, me)
    .then(
      [self, key, name](caf::actor& handle) {
        auto& st = self->state;
        auto w = caf::actor_cast<worker_actor>(handle);
        st.workers.emplace(key, w);
        watch(self, w.address());
        publish_gauges(st);
        st.log->info("placed worker of expert {} ({}) on node '{}'",
                     key.first, to_string(key.second), name);
        auto runs = std::move(st.placing[key]);
        st.placing.erase(key);
        for (auto& [id, r] : runs)
          send_to_worker(self, w, id, std::move(r));
      },
      [self, key, name](caf::error& err) {
        auto& st = self->state;
        st.log->error("could not place worker of expert {} on node '{}': {}",
                      key.first, name, describe(err));
        auto runs = std::move(st.placing[key]);
        st.placing.erase(key);
        for (auto& [id, r] : runs)
          finish_run(self, id,
                     make_error(ec::run_failed,
                                "node '" + name + "' could not place the "
                                "worker: " + describe(err)));
      });
}

} // namespace tradeflow
