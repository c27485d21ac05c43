#include "actors/decisions/triggers.hpp"

#include "actors/decisions/entry_plan.hpp"
#include "actors/decisions/orders.hpp"

namespace tradeflow {

namespace {

void submit_with_fill(const order& leg, const order& parent, price_tick tick,
                      leg_release& r) {
  auto& u = r.update;
  if (parent.filled_qty <= 0) {
    u.to = order_status::error;
    u.comment = "parent filled nothing";
    return;
  }
  u.to = order_status::pending;
  u.quantity = parent.filled_qty;
  auto level = level_of(leg);
  if (level && leg.reference_price && parent.filled_avg_price) {
    auto rebased = rebase_level(*level, *leg.reference_price,
                                *parent.filled_avg_price, tick);
    if (rebased != *level)
      r.rebased_level = rebased;
    level = rebased;
  }
  (leg.role == order_role::take_profit ? u.limit_price : u.stop_price)
    = level;
}

} // namespace

leg_release release_leg(const order& leg, const caf::optional<order>& parent,
                        price_tick tick) {
  leg_release r;
  auto trigger = leg.depends_order_status_trigger.value_or(
    order_status::filled);
  r.kind = classify_trigger(
    parent ? caf::optional<order_status>{parent->status} : caf::none,
    trigger);
  r.update = move_order(leg.id, order_status::waiting_trigger,
                        order_status::waiting_trigger, leg.comment);
  switch (r.kind) {
    case trigger_decision::wait:
      break;
    case trigger_decision::error:
      r.update.to = order_status::error;
      r.update.comment = "parent order missing";
      break;
    case trigger_decision::cancel:
      r.update.to = order_status::canceled;
      r.update.comment = "parent order ended unfilled";
      break;
    case trigger_decision::submit:
      submit_with_fill(leg, *parent, tick, r);
      break;
  }
  return r;
}

order released(order leg, const leg_release& r) {
  leg.status = r.update.to;
  if (r.update.quantity)
    leg.quantity = *r.update.quantity;
  if (r.update.limit_price)
    leg.limit_price = r.update.limit_price;
  if (r.update.stop_price)
    leg.stop_price = r.update.stop_price;
  return leg;
}

} // namespace tradeflow
