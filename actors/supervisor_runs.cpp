// The run side of the supervisor: admission (a bounded number of runs in
// flight, the rest FIFO) and the worker table.
#include "actors/supervisor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/metrics.hpp"
#include "actors/worker.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

worker_actor local_worker(supervisor_self self, int64_t expert_id,
                          use_case uc) {
  auto& st = self->state;
  auto key = std::make_pair(expert_id, uc);
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

/// Counts a run answered with `result` (its status and outcomes) or with
/// an error, when metrics are on.
void count_run(const supervisor_state& st, use_case uc,
               const caf::expected<run_result>& result) {
  auto* m = st.settings.metrics.get();
  if (!m)
    return;
  if (!result) {
    m->run_failed(uc);
    return;
  }
  m->run_finished(uc, result->status);
  for (auto& x : result->outcomes)
    m->recommendation_decided(x.result);
}

} // namespace

void finish_run(supervisor_self self, uint64_t run_id,
                caf::expected<run_result> result) {
  auto& st = self->state;
  auto i = st.active.find(run_id);
  if (i == st.active.end())
    return; // already answered: its worker went down
  count_run(st, i->second.uc, result);
  if (result)
    i->second.promise.deliver(std::move(*result));
  else
    i->second.promise.deliver(std::move(result.error()));
  st.active.erase(i);
  start_queued(self);
  publish_gauges(st);
}

void send_to_worker(supervisor_self self, const worker_actor& w,
                    uint64_t run_id, run_request req) {
  auto i = self->state.active.find(run_id);
  if (i == self->state.active.end())
    return;
  i->second.worker = w.address();
  // No timeout here: every step of a run has its own, and a worker that
  // ends mid-run (its node lost, say) is answered by runs_worker_down.
  self->request(w, caf::infinite, process_atom_v, std::move(req))
    .then([self, run_id](run_result& r) { finish_run(self, run_id, r); },
          [self, run_id](caf::error& err) {
            finish_run(self, run_id, std::move(err));
          });
}

namespace {

void dispatch_run(supervisor_self self, run_request req,
                  caf::typed_response_promise<run_result> rp) {
  auto& st = self->state;
  auto run_id = st.next_run_id++;
  st.active.emplace(run_id,
                    supervisor_state::active_run{std::move(rp), {}, req.uc});
  auto key = std::make_pair(req.expert_id, req.uc);
  if (auto i = st.workers.find(key); i != st.workers.end()) {
    send_to_worker(self, i->second, run_id, std::move(req));
    return;
  }
  if (!st.nodes.empty()) {
    place_remote(self, run_id, std::move(req));
    return;
  }
  auto w = local_worker(self, req.expert_id, req.uc);
  send_to_worker(self, w, run_id, std::move(req));
}

} // namespace

void start_queued(supervisor_self self) {
  auto& st = self->state;
  while (!st.queued.empty()
         && st.active.size() < st.settings.max_runs_in_flight) {
    auto next = std::move(st.queued.front());
    st.queued.pop_front();
    dispatch_run(self, std::move(next.request), std::move(next.promise));
  }
}

void admit_run(supervisor_self self, run_request req,
               caf::typed_response_promise<run_result> rp) {
  auto& st = self->state;
  if (st.active.size() < st.settings.max_runs_in_flight
      && st.queued.empty()) {
    dispatch_run(self, std::move(req), std::move(rp));
    publish_gauges(st);
    return;
  }
  st.queued.push_back(supervisor_state::queued_run{std::move(req),
                                                   std::move(rp)});
  publish_gauges(st);
}

void runs_worker_down(supervisor_self self, const caf::actor_addr& who) {
  auto& st = self->state;
  bool ended_mid_run = false;
  for (auto i = st.active.begin(); i != st.active.end();) {
    if (!who || i->second.worker != who) {
      ++i;
      continue;
    }
    auto err = make_error(ec::run_failed, "worker ended before answering");
    count_run(st, i->second.uc, err);
    i->second.promise.deliver(std::move(err));
    i = st.active.erase(i);
    ended_mid_run = true;
  }
  for (auto i = st.workers.begin(); i != st.workers.end(); ++i) {
    if (i->second.address() == who) {
      st.workers.erase(i);
      break;
    }
  }
  if (ended_mid_run)
    start_queued(self);
}

} // namespace tradeflow
