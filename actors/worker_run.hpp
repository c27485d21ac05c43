#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <caf/typed_response_promise.hpp>

#include "messages/broker_adapter.hpp"
#include "actors/decisions/entry_plan.hpp"
#include "actors/worker.hpp"

namespace tradeflow {

/// One run in flight, shared by the callbacks of its request chain. The
/// run decides from `snapshot`, loaded once under its lock.
struct run_state {
  worker_self self;
  run_request req;
  caf::typed_response_promise<run_result> rp;
  uint64_t ticket = 0;
  caf::optional<lock_grant> grant;
  std::chrono::steady_clock::time_point started;
  int64_t now_ms = 0;
  run_result result;
  run_snapshot snapshot;
  std::map<std::string, double> prices;
  double balance = 0;
  /// One slot per loaded recommendation, in load order.
  std::vector<caf::optional<recommendation_outcome>> outcomes;
  /// Recommendations whose rules produced an entry, with their plan.
  std::vector<std::pair<size_t, entry_plan>> planned;
  /// Written entries in sizing order (entry order first, then legs).
  std::vector<write_result> written;
  /// Orders to submit now, in order (entries, close orders, direct legs).
  std::vector<order> to_submit;
  /// Legs at the broker that a position change replaced (pending_cancel).
  std::vector<order> to_cancel;
  bool submitted_any = false;
  bool finished = false;
};

using run_ptr = std::shared_ptr<run_state>;

/// Steps of a run (worker_run.cpp): load the snapshot and check the
/// guards, then read the balance and prices.
void load_and_guard(run_ptr r);
void read_market(run_ptr r);
/// enter_market (worker_entry.cpp): evaluate, screen (safety check and
/// permission, from the snapshot), size, write.
void evaluate_all(run_ptr r);
void size_entries(run_ptr r);
void write_entries(run_ptr r, std::vector<entry_write> xs);
/// open_positions (worker_positions.cpp): decide each recommendation
/// against the expert's position on its symbol, then write the changes.
void evaluate_positions(run_ptr r);
/// Cancels `to_cancel` at the broker (a confirmed cancel moves its leg
/// from pending_cancel to canceled; anything else leaves it for the
/// refresh), then submits `to_submit` one at a time, each after the
/// previous answer or timeout, and records results.
void submit_orders(run_ptr r);
void refresh_and_finish(run_ptr r);

/// Ends a run that failed inside steps 2-9: logs the error, gives `error`
/// to every recommendation without an outcome, releases the lock.
void fail(run_ptr r, const caf::error& err);

/// Releases the lock (if held), records the run and delivers its result.
void finish(run_ptr r, run_status status);

/// The error handler of a step's request: the run fails with the error.
inline auto failer(run_ptr r) {
  return [r](caf::error& err) { fail(r, err); };
}

/// The current price of `symbol` read for this run, if the broker has one.
caf::optional<double> price_of(const run_ptr& r, const std::string& symbol);

/// The expert's virtual equity: the broker balance times its share.
double virtual_equity(const run_ptr& r);

/// Counts a store request or write refused as stale_epoch (a newer lock
/// holder exists), when metrics are on.
void note_stale_epoch(const run_ptr& r);

/// Sets the outcome of the recommendation at load index `i`.
void set_outcome(const run_ptr& r, size_t i, outcome x, std::string reason);

} // namespace tradeflow
