#include "actors/worker_run.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/checks.hpp"
#include "actors/metrics.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

// The actor system's clock, not steady_clock: it is the same clock in
// production, and virtual time under the test coordinator.
double elapsed_ms(const run_ptr& r) {
  using namespace std::chrono;
  return duration<double, std::milli>(r->self->clock().now() - r->started)
    .count();
}

/// Takes `r` off the worker's list of runs awaiting the registry; false
/// when it was not there (fail_lock_waits ended it already).
bool stop_awaiting(const run_ptr& r) {
  auto& xs = r->self->state.awaiting_lock;
  auto i = std::find(xs.begin(), xs.end(), r);
  if (i == xs.end())
    return false;
  xs.erase(i);
  return true;
}

/// Ends a run that will get no answer to its acquire: lock_timeout, with
/// the reason as its error.
void give_up_wait(const run_ptr& r, std::string why) {
  auto& st = r->self->state;
  r->result.lock_wait_ms = elapsed_ms(r);
  st.log->warn("Could not acquire lock for expert {} ({}): {}", st.expert_id,
               to_string(st.uc), why);
  r->result.error = std::move(why);
  finish(r, run_status::lock_timeout);
}

/// Arms the worker's one watchdog tick `delay` from now unless one is
/// pending (a pending tick re-arms for whatever is still waiting).
void arm_lock_watch(worker_self self, caf::timespan delay) {
  auto& st = self->state;
  if (st.lock_watch_armed)
    return;
  st.lock_watch_armed = true;
  self->delayed_send(self, std::max(delay, caf::timespan{0}), expire_atom_v);
}

} // namespace

void start_run(worker_self self, run_request req,
               caf::typed_response_promise<run_result> rp) {
  auto r = std::make_shared<run_state>();
  auto& st = self->state;
  r->self = self;
  r->req = req;
  r->rp = std::move(rp);
  r->ticket = st.next_ticket++;
  if (r->ticket == 0) // 0 means "no holder" in the registry
    r->ticket = st.next_ticket++;
  ++st.runs_active;
  r->started = self->clock().now();
  r->now_ms = req.as_of_ms ? *req.as_of_ms : st.settings.now_ms();
  r->result.expert_id = st.expert_id;
  r->result.uc = st.uc;
  // No request timeout: the registry answers every acquire by its deadline
  // (grant or lock_timeout), and a timed request costs two trips through
  // CAF's clock thread per run. A lost registry fails this wait through
  // the down handler; a silent one through the worker's watchdog.
  st.awaiting_lock.push_back(r);
  arm_lock_watch(self, st.settings.lock_wait + st.settings.lock_margin);
  self
    ->request(st.supervisor, caf::infinite, acquire_atom_v, st.key, r->ticket,
              st.settings.lock_wait)
    .then(
      [r](lock_grant& g) {
        if (!stop_awaiting(r))
          return;
        r->result.lock_wait_ms = elapsed_ms(r);
        r->grant = std::move(g);
        auto& st = r->self->state;
        if (auto* m = st.settings.metrics.get())
          m->lock_waited(r->self->clock().now() - r->started);
        st.log->info("Acquired processing lock for expert {} ({})",
                     st.expert_id, to_string(st.uc));
        load_and_guard(r);
      },
      [r](caf::error& err) {
        if (!stop_awaiting(r))
          return;
        auto& st = r->self->state;
        r->result.lock_wait_ms = elapsed_ms(r);
        // Whatever failed, make sure a grant racing the failure is undone.
        r->self->send(st.supervisor, cancel_atom_v, st.key, r->ticket);
        if (!is(err, ec::lock_timeout))
          st.log->warn("lock request for {} failed: {}", st.key,
                       describe(err));
        st.log->info("Could not acquire lock for expert {} ({}) - another "
                     "run is already processing. Skipping.",
                     st.expert_id, to_string(st.uc));
        finish(r, run_status::lock_timeout);
      });
}

void fail_lock_waits(worker_self self, const caf::error& reason) {
  auto waiting = std::move(self->state.awaiting_lock);
  self->state.awaiting_lock.clear();
  for (auto& r : waiting)
    give_up_wait(r, "lock registry lost while waiting for the lock: "
                      + describe(reason));
}

void check_lock_waits(worker_self self) {
  auto& st = self->state;
  st.lock_watch_armed = false;
  auto limit = st.settings.lock_wait + st.settings.lock_margin;
  auto now = self->clock().now();
  while (!st.awaiting_lock.empty()
         && now - st.awaiting_lock.front()->started >= limit) {
    auto r = st.awaiting_lock.front();
    st.awaiting_lock.erase(st.awaiting_lock.begin());
    // A grant that still comes is undone by the registry on cancel.
    self->send(st.supervisor, cancel_atom_v, st.key, r->ticket);
    give_up_wait(r, "lock registry did not answer within "
                      + std::to_string(elapsed_ms(r)) + " ms");
  }
  if (!st.awaiting_lock.empty())
    arm_lock_watch(self, st.awaiting_lock.front()->started + limit - now);
}

void load_and_guard(run_ptr r) {
  auto& st = r->self->state;
  run_load_request load{st.expert_id, st.uc, r->req.lookback_days, r->now_ms,
                        st.settings.fence_on_load ? st.key : std::string{},
                        r->grant ? r->grant->epoch : 0};
  r->self->request(st.deps.store, st.settings.store_timeout, load_atom_v, load)
    .then(
      [r](run_snapshot& snap) {
        auto& st = r->self->state;
        if (auto stop = check_guards(snap, st.uc)) {
          st.log->info("Skipping expert {} ({}): {}", st.expert_id,
                       to_string(st.uc), stop->why);
          return finish(r, stop->status);
        }
        r->snapshot = std::move(snap);
        r->outcomes.resize(r->snapshot.recommendations.size());
        if (r->snapshot.recommendations.empty()) {
          st.log->info("No recommendations for expert {} ({}) in the last "
                       "{} day(s)",
                       st.expert_id, to_string(st.uc), r->req.lookback_days);
          return finish(r, run_status::processed);
        }
        read_market(r);
      },
      failer(r));
}

void read_market(run_ptr r) {
  auto& st = r->self->state;
  std::set<std::string> symbols;
  for (auto& rec : r->snapshot.recommendations)
    symbols.insert(rec.symbol);
  for (auto& t : r->snapshot.live_transactions)
    symbols.insert(t.symbol);
  std::vector<std::string> xs{symbols.begin(), symbols.end()};
  r->self->request(st.deps.broker, st.settings.broker_timeout, balance_atom_v)
    .then(
      [r, xs](double balance) {
        // A bare double from the broker (a remote one in a cluster): the
        // one reply no message type's own check covers.
        if (!std::isfinite(balance)) {
          fail(r, make_error(ec::non_finite_number,
                             "broker balance is not a finite number"));
          return;
        }
        r->balance = balance;
        auto& st = r->self->state;
        r->self
          ->request(st.deps.broker, st.settings.broker_timeout, price_atom_v,
                    xs)
          .then(
            [r](price_quotes& q) {
              r->prices = std::move(q.prices);
              if (r->self->state.uc == use_case::enter_market)
                evaluate_all(r);
              else
                evaluate_positions(r);
            },
            failer(r));
      },
      failer(r));
}

caf::optional<double> price_of(const run_ptr& r, const std::string& symbol) {
  auto i = r->prices.find(symbol);
  if (i == r->prices.end())
    return caf::none;
  return i->second;
}

double virtual_equity(const run_ptr& r) {
  return r->balance * r->snapshot.who->virtual_equity_pct / 100;
}

void set_outcome(const run_ptr& r, size_t i, outcome x, std::string reason) {
  r->outcomes[i] = recommendation_outcome{
    r->snapshot.recommendations[i].id, x, std::move(reason)};
}

void note_stale_epoch(const run_ptr& r) {
  if (auto* m = r->self->state.settings.metrics.get())
    m->stale_epoch();
}

void fail(run_ptr r, const caf::error& err) {
  auto& st = r->self->state;
  auto text = describe(err);
  st.log->error("Error processing expert recommendations for expert {}: {}",
                st.expert_id, text);
  if (is(err, ec::stale_epoch))
    note_stale_epoch(r);
  r->result.error = text;
  for (size_t i = 0; i < r->outcomes.size(); ++i)
    if (!r->outcomes[i])
      set_outcome(r, i, outcome::error, text);
  finish(r, run_status::processed);
}

void finish(run_ptr r, run_status status) {
  if (r->finished)
    return;
  r->finished = true;
  auto& st = r->self->state;
  if (r->grant) {
    r->self->send(st.supervisor, release_atom_v, st.key, r->ticket);
    st.log->info("Released processing lock for expert {} ({})", st.expert_id,
                 to_string(st.uc));
  }
  r->result.status = status;
  for (auto& x : r->outcomes)
    if (x)
      r->result.outcomes.push_back(*x);
  run_record rec{st.expert_id, st.uc, r->result.status, r->result.error,
                 r->now_ms, r->result.outcomes};
  r->self->request(st.deps.store, st.settings.store_timeout, record_atom_v,
                   std::move(rec))
    .then(
      [r](int64_t) {
        r->rp.deliver(r->result);
        run_ended(r->self);
      },
      [r](caf::error& err) {
        r->self->state.log->error("could not record run for {}: {}",
                                  r->self->state.key, describe(err));
        r->rp.deliver(r->result);
        run_ended(r->self);
      });
}

void refresh_and_finish(run_ptr r) {
  auto& st = r->self->state;
  refresh_scope scope{st.expert_id, r->now_ms};
  r->self
    ->request(st.deps.refresher, st.settings.store_timeout
                                   + 4 * st.settings.broker_timeout,
              refresh_atom_v, scope, r->submitted_any)
    .then([r](sync_summary&) { finish(r, run_status::processed); },
          failer(r));
}

} // namespace tradeflow
