#include "actors/worker.hpp"

#include <random>

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
  std::random_device rd;
  st.next_ticket = (static_cast<uint64_t>(rd()) << 32) ^ rd() ^ self->id();
  st.log = component_logger("worker");
  // The supervisor owns the locks: without it no run can lock, so end with
  // it (monitored, not linked: see local_worker in supervisor_runs.cpp). A
  // run under way ends first: its lock is gone with the supervisor, and its
  // writes are fenced by epoch (a newer holder's make them stale_epoch), so
  // it can only record what happened.
  self->monitor(st.supervisor);
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    if (dm.source != st.supervisor.address())
      return;
    st.orphaned = true;
    fail_lock_waits(self, dm.reason);
    if (st.runs_active == 0) {
      self->quit(dm.reason);
      return;
    }
    st.log->warn("supervisor of {} lost with {} run(s) under way; they end "
                 "fenced, then this worker quits",
                 st.key, st.runs_active);
  });
  return {
    [self](process_atom, run_request req) {
      auto rp = self->make_response_promise<run_result>();
      start_run(self, std::move(req), rp);
      return rp;
    },
    [self](expire_atom) { check_lock_waits(self); },
  };
}

void run_ended(worker_self self) {
  auto& st = self->state;
  if (st.runs_active > 0)
    --st.runs_active;
  if (st.orphaned && st.runs_active == 0)
    self->quit(caf::exit_reason::user_shutdown);
}

} // namespace tradeflow
