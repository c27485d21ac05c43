#include "actors/decisions/orders.hpp"

namespace tradeflow {

namespace {

order new_order(const recommendation& rec, int64_t now_ms, order_role role) {
  order x;
  x.expert_id = rec.expert_id;
  x.recommendation_id = rec.id;
  x.symbol = rec.symbol;
  x.role = role;
  x.client_order_id = client_order_id(rec.expert_id, rec.id,
                                      client_id_leg(role));
  x.created_at_ms = now_ms;
  return x;
}

void set_level(order& x, double level) {
  (x.role == order_role::take_profit ? x.limit_price : x.stop_price) = level;
}

} // namespace

const char* client_id_leg(order_role role) {
  switch (role) {
    case order_role::entry:
      return "entry";
    case order_role::take_profit:
      return "tp";
    case order_role::stop_loss:
      return "sl";
    case order_role::close:
      return "close";
  }
  return "entry";
}

order_type leg_type(order_side position_side, order_role role) {
  bool take_profit = role == order_role::take_profit;
  if (position_side == order_side::buy)
    return take_profit ? order_type::sell_limit : order_type::sell_stop;
  return take_profit ? order_type::buy_limit : order_type::buy_stop;
}

caf::optional<double> level_of(const order& leg) {
  return leg.role == order_role::take_profit ? leg.limit_price
                                             : leg.stop_price;
}

const order* entry_of(const transaction& txn,
                      const std::vector<order>& orders) {
  const order* result = nullptr;
  for (auto& x : orders)
    if (x.role == order_role::entry && x.transaction_id == txn.id
        && (result == nullptr || x.id < result->id))
      result = &x;
  return result;
}

order make_entry_leg(const recommendation& rec, order_side entry_side,
                     const leg_plan& plan, int64_t now_ms) {
  auto x = new_order(rec, now_ms, plan.role);
  x.side = opposite(entry_side);
  x.type = plan.type;
  set_level(x, plan.level);
  x.status = order_status::waiting_trigger;
  x.depends_order_status_trigger = order_status::filled;
  x.reference_price = plan.reference_price;
  return x;
}

entry_write make_entry(const recommendation& rec, const entry_plan& plan,
                       int64_t quantity, double price, int64_t now_ms,
                       uint64_t epoch) {
  entry_write w;
  w.recommendation_id = rec.id;
  auto& t = w.txn;
  t.expert_id = rec.expert_id;
  t.symbol = rec.symbol;
  t.side = plan.side;
  t.quantity = quantity;
  t.open_price = price;
  t.status = txn_status::waiting;
  t.created_at_ms = now_ms;
  t.lock_epoch = epoch;
  w.entry = new_order(rec, now_ms, order_role::entry);
  w.entry.side = plan.side;
  w.entry.type = order_type::market;
  w.entry.quantity = quantity;
  w.entry.status = order_status::pending;
  if (plan.take_profit) {
    t.take_profit = plan.take_profit->level;
    w.legs.push_back(make_entry_leg(rec, plan.side, *plan.take_profit, now_ms));
  }
  if (plan.stop_loss) {
    t.stop_loss = plan.stop_loss->level;
    w.legs.push_back(make_entry_leg(rec, plan.side, *plan.stop_loss, now_ms));
  }
  for (auto& leg : w.legs)
    leg.quantity = quantity;
  return w;
}

order make_close(const transaction& txn, const recommendation& rec,
                 int64_t now_ms) {
  auto x = new_order(rec, now_ms, order_role::close);
  x.transaction_id = txn.id;
  x.symbol = txn.symbol;
  x.side = opposite(txn.side);
  x.type = order_type::market;
  x.quantity = txn.quantity;
  x.status = order_status::pending;
  return x;
}

order make_position_leg(const transaction& txn, const recommendation& rec,
                        order_role role, double level, const order* entry,
                        caf::optional<double> reference, int64_t now_ms) {
  auto x = new_order(rec, now_ms, role);
  x.transaction_id = txn.id;
  x.symbol = txn.symbol;
  x.side = opposite(txn.side);
  x.type = leg_type(txn.side, role);
  set_level(x, level);
  x.quantity = txn.quantity;
  if (entry) {
    x.status = order_status::waiting_trigger;
    x.depends_on_order = entry->id;
    x.depends_order_status_trigger = order_status::filled;
    x.reference_price = reference;
  } else {
    x.status = order_status::pending;
  }
  return x;
}

broker_order to_broker_order(const order& x) {
  return broker_order{x.client_order_id,
                      x.symbol,
                      x.side,
                      x.type,
                      x.quantity,
                      x.limit_price,
                      x.stop_price,
                      x.role == order_role::entry
                        ? std::string{}
                        : "txn-" + std::to_string(x.transaction_id)};
}

order_update unanswered_submission(const order& x) {
  return move_order(x.id, order_status::pending, order_status::pending,
                    "submission unanswered (unknown outcome)");
}

order_update submission_update(int64_t order_id, const submit_reply& rep) {
  if (!rep.accepted)
    return move_order(order_id, order_status::pending, order_status::error,
                      rep.reason);
  auto u = move_order(order_id, order_status::pending, order_status::open);
  u.broker_order_id = rep.broker_order_id;
  return u;
}

} // namespace tradeflow
