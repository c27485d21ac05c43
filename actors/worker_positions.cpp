#include "actors/worker_run.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/lifecycle.hpp"
#include "messages/error.hpp"

// The open_positions run (docs/engine.md §2.5, docs/engine-details.md §8.3):
// each recommendation is evaluated against the expert's own position on its
// symbol; `close` sends a market order on the opposite side and moves the
// position to CLOSING, adjust actions reprice a waiting leg in place or replace
// a leg that is at the broker. Each change is one fenced database transaction.
namespace tradeflow {

namespace {

struct decision {
  caf::optional<position_change> change;
  outcome result = outcome::no_action;
  std::string reason;
  /// Legs at the broker to cancel once the change is written.
  std::vector<std::string> cancels;
};

bool is_tp_type(order_type t) {
  return t == order_type::sell_limit || t == order_type::buy_limit;
}

bool is_sl_type(order_type t) {
  return t == order_type::sell_stop || t == order_type::buy_stop;
}

caf::optional<double> reference_for(const rule_action& a,
                                    const transaction& txn,
                                    const recommendation& rec,
                                    caf::optional<double> price) {
  if (a.price || !a.reference)
    return caf::none;
  switch (*a.reference) {
    case reference_value::order_open_price:
      return txn.open_price;
    case reference_value::current_price:
      return price;
    case reference_value::expert_target_price:
      return target_price(rec);
  }
  return caf::none;
}

/// Whether one of the expert's loaded position orders already has client
/// order id `id` (the store's unique index remains the last word).
bool id_taken(const run_ptr& r, const std::string& id) {
  for (auto& o : r->data.position_orders)
    if (o.client_order_id == id)
      return true;
  return false;
}

/// The price a leg's level is rebased from when its entry fills
/// (docs/engine.md §4): only a level computed from the position's open
/// price or the current price, before the entry has filled.
caf::optional<double> rebase_reference(const order* entry,
                                       caf::optional<double> ref,
                                       const rule_action& a) {
  if (entry && !is_executed(entry->status) && ref && !a.price
      && a.reference != reference_value::expert_target_price)
    return ref;
  return caf::none;
}

/// Applies one adjust action to `d`; false when its level is unusable.
bool adjust(const run_ptr& r, const recommendation& rec,
            const transaction& txn, const rule_action& a, bool take_profit,
            caf::optional<double> price, position_change& c,
            std::vector<std::string>& cancels, bool& changed) {
  auto ref = reference_for(a, txn, rec, price);
  auto level = leg_level(a, txn.side, ref);
  if (!level)
    return false;
  const order* leg = nullptr;
  const order* entry = nullptr;
  for (auto& o : r->data.position_orders) {
    if (o.transaction_id != txn.id)
      continue;
    if (!is_closing_order(txn, o) && !o.depends_on_order)
      entry = &o;
    else if (is_closing_order(txn, o) && !is_final(o.status)
             && (take_profit ? is_tp_type(o.type) : is_sl_type(o.type)))
      leg = &o;
  }
  auto current = leg ? (leg->limit_price ? leg->limit_price : leg->stop_price)
                     : caf::optional<double>{};
  if (leg && current == level) {
    (take_profit ? c.updated.take_profit : c.updated.stop_loss) = level;
    return true;
  }
  auto id = client_order_id(rec.expert_id, rec.id, take_profit ? "tp" : "sl");
  auto waiting = leg && leg->status == order_status::waiting_trigger;
  // The same recommendation adjusting this leg again: its client id is
  // taken, so nothing is placed or canceled for this leg; the other leg
  // of the same evaluation is still applied.
  if (!waiting && id_taken(r, id))
    return true;
  (take_profit ? c.updated.take_profit : c.updated.stop_loss) = level;
  changed = true;
  if (waiting) {
    auto u = move_order(leg->id, leg->status, leg->status,
                        "repriced by recommendation "
                          + std::to_string(rec.id));
    (take_profit ? u.limit_price : u.stop_price) = level;
    u.sets_reference = true;
    u.reference_price = rebase_reference(entry, ref, a);
    c.order_updates.push_back(std::move(u));
    return true;
  }
  if (leg) {
    c.order_updates.push_back(move_order(
      leg->id, leg->status, order_status::canceled,
      "replaced by recommendation " + std::to_string(rec.id)));
    cancels.push_back(leg->client_order_id);
  }
  order x;
  x.expert_id = rec.expert_id;
  x.recommendation_id = rec.id;
  x.transaction_id = txn.id;
  x.symbol = txn.symbol;
  x.side = opposite(txn.side);
  bool is_long = txn.side == order_side::buy;
  x.type = take_profit ? (is_long ? order_type::sell_limit
                                  : order_type::buy_limit)
                       : (is_long ? order_type::sell_stop
                                  : order_type::buy_stop);
  (take_profit ? x.limit_price : x.stop_price) = level;
  x.quantity = txn.quantity;
  x.client_order_id = id;
  x.created_at_ms = r->now_ms;
  if (entry) {
    x.status = order_status::waiting_trigger;
    x.depends_on_order = entry->id;
    x.depends_order_status_trigger = order_status::filled;
    x.reference_price = rebase_reference(entry, ref, a);
  } else {
    x.status = order_status::pending;
  }
  c.new_orders.push_back(std::move(x));
  return true;
}

decision decide(const run_ptr& r, const recommendation& rec, size_t i,
                const transaction& txn, caf::optional<double> price) {
  evaluation_input in;
  in.rec = rec;
  in.previous_action = r->data.previous_actions[i];
  in.current_price = price;
  in.position = txn;
  for (auto& t : r->data.live_transactions)
    if (t.symbol == rec.symbol && t.status == txn_status::opened)
      in.has_opened_position = true;
  in.virtual_equity = r->balance * r->data.who->virtual_equity_pct / 100;
  in.now_ms = r->now_ms;
  auto ev = evaluate(*r->data.rules, in);
  bool close = false;
  // Among several adjust actions of one kind the last wins.
  const rule_action* tp = nullptr;
  const rule_action* sl = nullptr;
  for (auto& a : ev.actions) {
    close = close || a.type == action_type::close;
    if (a.type == action_type::adjust_take_profit)
      tp = &a;
    if (a.type == action_type::adjust_stop_loss)
      sl = &a;
  }
  decision d;
  if (!close && !tp && !sl) {
    d.reason = ev.passed_rules.empty() ? "no rule passed"
                                       : "no close or adjust action";
    return d;
  }
  position_change c;
  c.recommendation_id = rec.id;
  c.expected_status = txn.status;
  c.updated = txn;
  if (close) {
    if (txn.status != txn_status::opened) {
      d.reason = "close applies to an OPENED transaction only";
      return d;
    }
    c.updated.status = txn_status::closing;
    order x;
    x.expert_id = rec.expert_id;
    x.recommendation_id = rec.id;
    x.transaction_id = txn.id;
    x.symbol = txn.symbol;
    x.side = opposite(txn.side);
    x.type = order_type::market;
    x.quantity = txn.quantity;
    x.status = order_status::pending;
    x.client_order_id = client_order_id(rec.expert_id, rec.id, "close");
    x.created_at_ms = r->now_ms;
    d.reason = "close transaction " + std::to_string(txn.id) + " ("
               + x.client_order_id + ")";
    c.new_orders.push_back(std::move(x));
    d.change = std::move(c);
    d.result = outcome::executed;
    return d;
  }
  bool changed = false;
  std::vector<std::string> cancels;
  for (auto [action, is_tp] : {std::make_pair(tp, true),
                               std::make_pair(sl, false)}) {
    if (action != nullptr
        && !adjust(r, rec, txn, *action, is_tp, price, c, cancels,
                   changed)) {
      d.result = outcome::evaluation_error;
      d.reason = std::string{is_tp ? "take profit" : "stop loss"}
                 + " level not computable or out of range";
      return d;
    }
  }
  if (!changed) {
    d.reason = "levels unchanged";
    return d;
  }
  d.reason = "adjust transaction " + std::to_string(txn.id);
  d.change = std::move(c);
  d.result = outcome::executed;
  d.cancels = std::move(cancels);
  return d;
}

void write_changes(run_ptr r, std::vector<std::pair<size_t, decision>> ds);

} // namespace

void evaluate_positions(run_ptr r) {
  std::vector<std::pair<size_t, decision>> pending;
  for (size_t i = 0; i < r->data.recommendations.size(); ++i) {
    auto& rec = r->data.recommendations[i];
    const transaction* txn = nullptr;
    for (auto& t : r->data.live_transactions)
      if (t.symbol == rec.symbol && !txn)
        txn = &t;
    if (!txn) {
      set_outcome(r, i, outcome::no_position,
                  "no WAITING/OPENED transaction on " + rec.symbol);
      continue;
    }
    auto price = r->prices.count(rec.symbol)
                   ? caf::optional<double>{r->prices.at(rec.symbol)}
                   : caf::none;
    auto d = decide(r, rec, i, *txn, price);
    if (!d.change) {
      set_outcome(r, i, d.result, d.reason);
      continue;
    }
    pending.emplace_back(i, std::move(d));
  }
  write_changes(r, std::move(pending));
}

namespace {

void write_changes(run_ptr r, std::vector<std::pair<size_t, decision>> ds) {
  if (ds.empty())
    return refresh_and_finish(r);
  auto& st = r->self->state;
  position_write_request q{st.key, r->grant->epoch, {}};
  for (auto& [i, d] : ds)
    q.changes.push_back(*d.change);
  r->self->request(st.deps.store, st.settings.store_timeout, write_atom_v, q)
    .then(
      [r, ds](std::vector<write_result>& results) {
        auto& st = r->self->state;
        for (size_t k = 0; k < results.size(); ++k) {
          auto& [i, d] = ds[k];
          auto& res = results[k];
          switch (res.status) {
            case write_status::written:
              st.log->info("recommendation {}: {}", res.recommendation_id,
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
              set_outcome(r, i, outcome::error, "stale_epoch");
              break;
            case write_status::failed:
              set_outcome(r, i, outcome::error, res.reason);
              break;
          }
        }
        submit_orders(r);
      },
      [r](caf::error& err) { fail(r, err); });
}

} // namespace

} // namespace tradeflow
