#include "actors/worker_run.hpp"

#include <cstdio>
#include <map>

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/checks.hpp"
#include "actors/decisions/orders.hpp"
#include "actors/decisions/positions.hpp"
#include "messages/error.hpp"

// Steps 4-7 of the enter_market run: evaluate, screen (the safety check
// and the permission, from the run's snapshot), size, write and submit the
// entries. The decisions are in actors/decisions/; this file asks and
// sends.
namespace tradeflow {

namespace {

std::string fmt_price(double x) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1f", x);
  return buf;
}

/// The safety check and the permission of step 5, from the snapshot read
/// under the lock (the database's unique index stays the last defence).
bool screened_in(const run_ptr& r, size_t i, const entry_plan& plan) {
  auto& st = r->self->state;
  auto& rec = r->snapshot.recommendations[i];
  auto screen = screen_entry(rec, plan.side, r->snapshot.live_transactions,
                             r->snapshot.who->settings);
  if (screen.result == outcome::executed)
    return true;
  if (screen.existing)
    st.log->warn("SAFETY CHECK: Skipping recommendation {} for {} - "
                 "existing transaction {} in {} status for expert {}",
                 rec.id, rec.symbol, screen.existing->id,
                 to_string(screen.existing->status), st.expert_id);
  set_outcome(r, i, screen.result, screen.reason);
  return false;
}

/// The outcome of one written entry; true when it went in.
bool record_write(const run_ptr& r, size_t i, const entry_write& w,
                  write_result& res) {
  auto& st = r->self->state;
  switch (res.status) {
    case write_status::written: {
      auto reason = to_string(w.txn.side) + " "
                    + std::to_string(w.txn.quantity) + " " + w.txn.symbol
                    + " @ " + fmt_price(*w.txn.open_price);
      st.log->info("recommendation {}: executed, {}", res.recommendation_id,
                   reason);
      set_outcome(r, i, outcome::executed, reason);
      for (auto& o : res.orders)
        r->result.orders.push_back(o.client_order_id);
      return true;
    }
    case write_status::duplicate:
      st.log->warn("SAFETY CHECK: Skipping recommendation {} for {} - the "
                   "database refused a duplicate ({})",
                   res.recommendation_id, w.txn.symbol, res.reason);
      set_outcome(r, i, outcome::skipped_duplicate, res.reason);
      return false;
    case write_status::stale_epoch:
      st.log->error("write for recommendation {} refused: stale_epoch",
                    res.recommendation_id);
      note_stale_epoch(r);
      set_outcome(r, i, outcome::error, "stale_epoch");
      return false;
    case write_status::failed:
      set_outcome(r, i, outcome::error, res.reason);
      return false;
  }
  return false;
}

} // namespace

void evaluate_all(run_ptr r) {
  auto& st = r->self->state;
  auto& snap = r->snapshot;
  for (size_t i = 0; i < snap.recommendations.size(); ++i) {
    auto& rec = snap.recommendations[i];
    evaluation_input in;
    in.rec = rec;
    in.previous_action = snap.previous_actions[i];
    in.current_price = price_of(r, rec.symbol);
    in.has_opened_position = has_opened_on(snap.live_transactions,
                                           rec.symbol);
    in.virtual_equity = virtual_equity(r);
    in.now_ms = r->now_ms;
    auto plan = plan_entry(evaluate(*snap.rules, in), rec, in.current_price,
                           st.settings.ticks.of(rec.symbol));
    if (plan.result != outcome::executed) {
      st.log->info("recommendation {} for {}: {} ({})", rec.id, rec.symbol,
                   to_string(plan.result), plan.reason);
      set_outcome(r, i, plan.result, plan.reason);
      continue;
    }
    r->planned.emplace_back(i, std::move(plan));
  }
  // Screened after every evaluation, so the log reads as the steps do.
  std::vector<std::pair<size_t, entry_plan>> kept;
  for (auto& [i, plan] : r->planned)
    if (screened_in(r, i, plan))
      kept.emplace_back(i, std::move(plan));
  r->planned = std::move(kept);
  size_entries(r);
}

void size_entries(run_ptr r) {
  if (r->planned.empty())
    return refresh_and_finish(r);
  auto& st = r->self->state;
  auto& who = *r->snapshot.who;
  sizing_request q;
  q.balance = r->balance;
  q.virtual_equity_pct = who.virtual_equity_pct;
  q.settings = who.settings;
  q.live_transactions = r->snapshot.live_transactions;
  q.prices = r->prices;
  for (auto& [i, plan] : r->planned) {
    auto& rec = r->snapshot.recommendations[i];
    q.candidates.push_back(sizing_candidate{rec.id, rec.symbol,
                                            rec.expected_profit_percent,
                                            rec.confidence,
                                            price_of(r, rec.symbol)});
  }
  r->self->request(st.deps.risk, st.settings.store_timeout, size_atom_v, q)
    .then(
      [r](sizing_result& res) {
        std::map<int64_t, size_t> planned_by_rec;
        for (size_t k = 0; k < r->planned.size(); ++k)
          planned_by_rec[r->snapshot.recommendations[r->planned[k].first].id]
            = k;
        std::vector<entry_write> writes;
        for (auto& d : res.decisions) {
          auto& [i, plan] = r->planned[planned_by_rec.at(d.recommendation_id)];
          auto& rec = r->snapshot.recommendations[i];
          if (d.no_price)
            set_outcome(r, i, outcome::no_price, d.reason);
          else if (d.out_of_range)
            set_outcome(r, i, outcome::evaluation_error, d.reason);
          else if (d.quantity <= 0)
            set_outcome(r, i, outcome::unfunded, d.reason);
          else
            writes.push_back(make_entry(rec, plan, d.quantity,
                                        *price_of(r, rec.symbol), r->now_ms,
                                        r->grant ? r->grant->epoch : 0));
        }
        write_entries(r, std::move(writes));
      },
      failer(r));
}

void write_entries(run_ptr r, std::vector<entry_write> xs) {
  if (xs.empty())
    return refresh_and_finish(r);
  auto& st = r->self->state;
  write_request q{st.key, r->grant->epoch, std::move(xs)};
  r->self->request(st.deps.store, st.settings.store_timeout, write_atom_v, q)
    .then(
      [r, q](std::vector<write_result>& results) {
        std::map<int64_t, size_t> index;
        for (size_t i = 0; i < r->snapshot.recommendations.size(); ++i)
          index[r->snapshot.recommendations[i].id] = i;
        for (size_t k = 0; k < results.size() && k < q.entries.size(); ++k) {
          auto& res = results[k];
          if (record_write(r, index.at(res.recommendation_id), q.entries[k],
                           res))
            r->written.push_back(std::move(res));
        }
        for (auto& w : r->written)
          r->to_submit.push_back(w.orders.front());
        submit_orders(r);
      },
      failer(r));
}

} // namespace tradeflow
