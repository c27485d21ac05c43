#include "actors/decisions/positions.hpp"

#include "actors/decisions/entry_plan.hpp"
#include "actors/decisions/lifecycle.hpp"
#include "actors/decisions/orders.hpp"

namespace tradeflow {

namespace {

/// The reference an adjust action's relative level is computed from.
caf::optional<double> reference_for(const rule_action& a,
                                    const position_input& in) {
  if (a.price || !a.reference)
    return caf::none;
  switch (*a.reference) {
    case reference_value::order_open_price:
      return in.txn.open_price;
    case reference_value::current_price:
      return in.current_price;
    case reference_value::expert_target_price:
      return target_price(in.rec);
  }
  return caf::none;
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

/// The position's entry and its live leg of `role` (null when none).
struct position_legs {
  const order* entry = nullptr;
  const order* leg = nullptr;
};

position_legs find_legs(const transaction& txn,
                        const std::vector<order>& orders, order_role role) {
  position_legs result;
  result.entry = entry_of(txn, orders);
  for (auto& o : orders)
    if (o.transaction_id == txn.id && o.role == role && !is_final(o.status))
      result.leg = &o;
  return result;
}

bool id_taken(const std::vector<order>& orders, const std::string& id) {
  for (auto& o : orders)
    if (o.client_order_id == id)
      return true;
  return false;
}

/// What one adjust action does to the position's change.
struct adjust_state {
  position_change change;
  std::vector<order> cancels;
  bool changed = false;
};

/// Applies one adjust action of `role`; false when its level is unusable.
bool adjust(const position_input& in, const std::vector<order>& orders,
            const rule_action& a, order_role role, adjust_state& s) {
  auto ref = reference_for(a, in);
  auto level = leg_level(a, in.txn.side, ref, in.tick);
  if (!level)
    return false;
  auto& txn = in.txn;
  auto& slot = role == order_role::take_profit ? s.change.updated.take_profit
                                               : s.change.updated.stop_loss;
  auto [entry, leg] = find_legs(txn, orders, role);
  if (leg && level_of(*leg) == level) {
    slot = level;
    return true;
  }
  auto id = client_order_id(in.rec.expert_id, in.rec.id, client_id_leg(role));
  auto waiting = leg && leg->status == order_status::waiting_trigger;
  // The same recommendation adjusting this leg again: its client id is
  // taken, so nothing is placed or canceled for this leg; the other leg
  // of the same evaluation is still applied.
  if (!waiting && id_taken(orders, id))
    return true;
  slot = level;
  s.changed = true;
  auto rec_text = " by recommendation " + std::to_string(in.rec.id);
  if (waiting) {
    auto u = move_order(leg->id, leg->status, leg->status,
                        "repriced" + rec_text);
    (role == order_role::take_profit ? u.limit_price : u.stop_price) = level;
    u.sets_reference = true;
    u.reference_price = rebase_reference(entry, ref, a);
    s.change.order_updates.push_back(std::move(u));
    return true;
  }
  if (leg) {
    // Settled by the venue's answer: a leg that fills before its cancel
    // lands closes the position, and its replacement then never goes out
    // (docs/engine-details.md §6.5).
    s.change.order_updates.push_back(move_order(
      leg->id, leg->status, order_status::pending_cancel,
      "replaced" + rec_text));
    s.cancels.push_back(*leg);
    s.cancels.back().comment = "replaced" + rec_text;
  }
  s.change.new_orders.push_back(make_position_leg(
    txn, in.rec, role, *level, entry, rebase_reference(entry, ref, a),
    in.now_ms));
  if (leg && !entry) {
    // No entry to wait for: the replacement waits for the cancel itself.
    auto& x = s.change.new_orders.back();
    x.status = order_status::waiting_trigger;
    x.depends_on_order = leg->id;
    x.depends_order_status_trigger = order_status::canceled;
  }
  return true;
}

position_decision close_position(const position_input& in,
                                 position_change c) {
  position_decision d;
  auto& txn = in.txn;
  if (txn.status != txn_status::opened) {
    d.reason = "close applies to an OPENED transaction only";
    return d;
  }
  c.updated.status = txn_status::closing;
  auto x = make_close(txn, in.rec, in.now_ms);
  d.reason = "close transaction " + std::to_string(txn.id) + " ("
             + x.client_order_id + ")";
  c.new_orders.push_back(std::move(x));
  d.change = std::move(c);
  d.result = outcome::executed;
  return d;
}

} // namespace

const transaction* position_on(const std::vector<transaction>& live,
                               const std::string& symbol) {
  for (auto& t : live)
    if (t.symbol == symbol)
      return &t;
  return nullptr;
}

bool has_opened_on(const std::vector<transaction>& live,
                   const std::string& symbol) {
  for (auto& t : live)
    if (t.symbol == symbol && t.status == txn_status::opened)
      return true;
  return false;
}

position_decision decide_position(const ruleset& rules,
                                  const position_input& in,
                                  const std::vector<order>& orders) {
  evaluation_input ev_in;
  ev_in.rec = in.rec;
  ev_in.previous_action = in.previous_action;
  ev_in.current_price = in.current_price;
  ev_in.position = in.txn;
  ev_in.has_opened_position = in.has_opened_position;
  ev_in.virtual_equity = in.virtual_equity;
  ev_in.now_ms = in.now_ms;
  auto ev = evaluate(rules, ev_in);
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
  position_decision d;
  if (!close && !tp && !sl) {
    d.reason = ev.passed_rules.empty() ? "no rule passed"
                                       : "no close or adjust action";
    return d;
  }
  adjust_state s;
  s.change.recommendation_id = in.rec.id;
  s.change.expected_status = in.txn.status;
  s.change.updated = in.txn;
  if (close)
    return close_position(in, std::move(s.change));
  for (auto [action, role] : {std::make_pair(tp, order_role::take_profit),
                              std::make_pair(sl, order_role::stop_loss)}) {
    if (action != nullptr && !adjust(in, orders, *action, role, s)) {
      d.result = outcome::evaluation_error;
      d.reason = std::string{role == order_role::take_profit ? "take profit"
                                                             : "stop loss"}
                 + " level not computable or out of range";
      return d;
    }
  }
  if (!s.changed) {
    d.reason = "levels unchanged";
    return d;
  }
  d.reason = "adjust transaction " + std::to_string(in.txn.id);
  d.change = std::move(s.change);
  d.result = outcome::executed;
  d.cancels = std::move(s.cancels);
  return d;
}

} // namespace tradeflow
