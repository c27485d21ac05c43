#include "actors/worker_run.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/positions.hpp"
#include "messages/error.hpp"

// The open_positions run (docs/engine.md §2.5, docs/engine-details.md §8.3):
// each recommendation is decided against the expert's own position on its
// symbol by decide_position (actors/decisions/positions.hpp); this file
// writes the changes, one fenced database transaction each, and queues
// what they submit and cancel.
namespace tradeflow {

namespace {

using pending_change = std::pair<size_t, position_decision>;

void apply_result(const run_ptr& r, const pending_change& pc,
                  write_result& res) {
  auto& [i, d] = pc;
  switch (res.status) {
    case write_status::written:
      r->self->state.log->info("recommendation {}: {}", res.recommendation_id,
                               d.reason);
      set_outcome(r, i, outcome::executed, d.reason);
      r->to_cancel.insert(r->to_cancel.end(), d.cancels.begin(),
                          d.cancels.end());
      for (auto& o : res.orders) {
        r->result.orders.push_back(o.client_order_id);
        if (o.status == order_status::pending)
          r->to_submit.push_back(o);
      }
      break;
    case write_status::duplicate:
      // The recommendation already placed this order once.
      set_outcome(r, i, outcome::no_action, res.reason);
      break;
    case write_status::stale_epoch:
      note_stale_epoch(r);
      set_outcome(r, i, outcome::error, "stale_epoch");
      break;
    case write_status::failed:
      set_outcome(r, i, outcome::error, res.reason);
      break;
  }
}

void write_changes(run_ptr r, std::vector<pending_change> ds) {
  if (ds.empty())
    return refresh_and_finish(r);
  auto& st = r->self->state;
  position_write_request q{st.key, r->grant->epoch, {}};
  for (auto& [i, d] : ds)
    q.changes.push_back(*d.change);
  r->self->request(st.deps.store, st.settings.store_timeout, write_atom_v, q)
    .then(
      [r, ds](std::vector<write_result>& results) {
        for (size_t k = 0; k < results.size() && k < ds.size(); ++k)
          apply_result(r, ds[k], results[k]);
        submit_orders(r);
      },
      failer(r));
}

} // namespace

void evaluate_positions(run_ptr r) {
  std::vector<pending_change> pending;
  auto& data = r->snapshot;
  for (size_t i = 0; i < data.recommendations.size(); ++i) {
    auto& rec = data.recommendations[i];
    auto txn = position_on(data.live_transactions, rec.symbol);
    if (!txn) {
      set_outcome(r, i, outcome::no_position,
                  "no WAITING/OPENED transaction on " + rec.symbol);
      continue;
    }
    position_input in;
    in.rec = rec;
    in.txn = *txn;
    in.previous_action = data.previous_actions[i];
    in.current_price = price_of(r, rec.symbol);
    in.has_opened_position = has_opened_on(data.live_transactions,
                                           rec.symbol);
    in.virtual_equity = virtual_equity(r);
    in.now_ms = r->now_ms;
    in.tick = r->self->state.settings.ticks.of(rec.symbol);
    auto d = decide_position(*data.rules, in, data.position_orders);
    if (!d.change) {
      set_outcome(r, i, d.result, d.reason);
      continue;
    }
    pending.emplace_back(i, std::move(d));
  }
  write_changes(r, std::move(pending));
}

} // namespace tradeflow
