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

/// A replacement leg waiting for the cancel of the leg it replaces: sent
/// for what that leg left open once the cancel is confirmed, never sent
/// when that leg filled (docs/engine-details.md §6.5).
leg_release release_replacement(const order& leg, const order& parent) {
  leg_release r;
  r.update = move_order(leg.id, order_status::waiting_trigger,
                        order_status::waiting_trigger, leg.comment);
  r.kind = trigger_decision::wait;
  if (parent.status == order_status::filled) {
    r.kind = trigger_decision::cancel;
    r.update.to = order_status::canceled;
    r.update.comment = "the leg it replaces filled first";
  } else if (is_terminal(parent.status)) {
    auto left = leg.quantity - parent.filled_qty;
    r.kind = left > 0 ? trigger_decision::submit : trigger_decision::cancel;
    r.update.to = left > 0 ? order_status::pending : order_status::canceled;
    r.update.quantity = left;
  }
  return r;
}

leg_release release_leg(const order& leg, const caf::optional<order>& parent,
                        price_tick tick) {
  auto trigger = leg.depends_order_status_trigger.value_or(
    order_status::filled);
  if (trigger == order_status::canceled && parent)
    return release_replacement(leg, *parent);
  leg_release r;
  r.kind = classify_trigger(
    parent ? caf::optional<order_status>{parent->status} : caf::none,
    trigger);
  // An entry that ended after a partial fill opened that much: its legs
  // protect what filled (docs/engine-details.md §6.6).
  if (r.kind == trigger_decision::cancel && parent && parent->filled_qty > 0)
    r.kind = trigger_decision::submit;
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
