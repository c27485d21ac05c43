#include "actors/decisions/entry_plan.hpp"
#include "actors/decisions/orders.hpp"

#include <cmath>

#include "messages/limits.hpp"

namespace tradeflow {

namespace {

bool has_action(const evaluation& ev, action_type x) {
  for (auto& a : ev.actions)
    if (a.type == x)
      return true;
  return false;
}

// Among several adjust actions of one kind the last wins
// (docs/engine-details.md §8.2).
const rule_action* last_of(const evaluation& ev, action_type x) {
  const rule_action* result = nullptr;
  for (auto& a : ev.actions)
    if (a.type == x)
      result = &a;
  return result;
}

struct leg_result {
  caf::optional<leg_plan> plan;
  std::string error;
};

leg_result plan_leg(const rule_action& a, order_side side, order_role role,
                    const recommendation& rec,
                    caf::optional<double> current_price, price_tick tick) {
  auto name = to_string(a.type);
  leg_result result;
  leg_plan leg;
  leg.role = role;
  leg.type = leg_type(side, role);
  caf::optional<double> reference;
  if (!a.price && a.reference) {
    if (*a.reference == reference_value::expert_target_price) {
      reference = target_price(rec);
      if (!reference) {
        result.error = name + ": no expert target for a HOLD";
        return result;
      }
    } else {
      // For a market entry order_open_price is the current price when the
      // leg is created; both are rebased to the real fill on release.
      if (!current_price) {
        result.error = name + ": no current price";
        return result;
      }
      reference = current_price;
      leg.reference_price = current_price;
    }
  }
  auto level = leg_level(a, side, reference, tick);
  if (!level) {
    result.error = name + ": level not computable or out of range";
    return result;
  }
  leg.level = *level;
  result.plan = leg;
  return result;
}

} // namespace

caf::optional<double> leg_level(const rule_action& a, order_side side,
                                caf::optional<double> reference,
                                price_tick tick) {
  caf::optional<double> level;
  if (a.price) {
    level = *a.price;
  } else if (a.value && reference) {
    auto f = *a.value / 100.0;
    level = side == order_side::buy ? *reference * (1.0 + f)
                                    : *reference * (1.0 - f);
  }
  if (!level || !std::isfinite(*level))
    return caf::none;
  // On the venue's grid, or the venue refuses the leg.
  auto rounded = round_to_tick(*level, tick);
  // A level at or below zero can never be placed, and one above the
  // largest price would overflow order notionals: treat both as missing.
  if (!(rounded > 0) || rounded > limits::max_amount)
    return caf::none;
  return rounded;
}

double rebase_level(double level, double reference, double fill,
                    price_tick tick) {
  if (!(reference > 0))
    return level;
  auto rebased = round_to_tick(fill * level / reference, tick);
  // An absurd fill or reference must not make an unplaceable level.
  return rebased > 0 && rebased <= limits::max_amount ? rebased : level;
}

entry_plan plan_entry(const evaluation& ev, const recommendation& rec,
                      caf::optional<double> current_price, price_tick tick) {
  entry_plan result;
  auto buy = has_action(ev, action_type::buy);
  auto sell = has_action(ev, action_type::sell);
  if (!buy && !sell) {
    result.result = outcome::no_action;
    result.reason = ev.passed_rules.empty() ? "no rule passed"
                                            : "no buy or sell action";
    return result;
  }
  if (buy && sell) {
    result.result = outcome::evaluation_error;
    result.reason = "both buy and sell actions";
    return result;
  }
  result.side = buy ? order_side::buy : order_side::sell;
  // close is ignored in enter_market: there is no position to close yet.
  struct wanted {
    action_type type;
    order_role role;
    caf::optional<leg_plan>* slot;
  };
  wanted legs[] = {
    {action_type::adjust_take_profit, order_role::take_profit,
     &result.take_profit},
    {action_type::adjust_stop_loss, order_role::stop_loss, &result.stop_loss},
  };
  for (auto& w : legs) {
    auto a = last_of(ev, w.type);
    if (a == nullptr)
      continue;
    auto leg = plan_leg(*a, result.side, w.role, rec, current_price, tick);
    if (!leg.plan) {
      result.result = outcome::evaluation_error;
      result.reason = leg.error;
      result.take_profit = caf::none;
      result.stop_loss = caf::none;
      return result;
    }
    *w.slot = leg.plan;
  }
  result.result = outcome::executed;
  return result;
}

} // namespace tradeflow
