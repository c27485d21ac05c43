#pragma once

#include <string>

#include <caf/optional.hpp>

#include "actors/decisions/rule_engine.hpp"
#include "messages/ticks.hpp"

/// enter_market's plan for one recommendation, with its legs
/// (docs/engine.md §4, docs/engine-details.md §8.2): plain C++.
namespace tradeflow {

/// A take-profit or stop-loss leg to place with an entry.
struct leg_plan {
  order_role role = order_role::take_profit;
  order_type type = order_type::sell_limit;
  double level = 0;
  /// Set when the level is rebased to the fill on release (reference
  /// order_open_price or current_price).
  caf::optional<double> reference_price;
};

/// enter_market's reading of an evaluation (docs/engine.md §4,
/// docs/engine-details.md §8.2).
struct entry_plan {
  /// executed (= go on to safety check), no_action or evaluation_error.
  outcome result = outcome::no_action;
  order_side side = order_side::buy;
  caf::optional<leg_plan> take_profit;
  caf::optional<leg_plan> stop_loss;
  std::string reason;
};

/// Levels are rounded to `tick`, the tick of `rec.symbol`.
entry_plan plan_entry(const evaluation& ev, const recommendation& rec,
                      caf::optional<double> current_price, price_tick tick);

/// Level of an adjust action for a position of `side` (docs/engine.md §4):
/// ref * (1 + value/100) for a long, ref * (1 - value/100) for a short, or
/// the explicit price; rounded to the instrument's `tick` (round_to_tick;
/// the default tick is 4 decimals). None when not computable (no price
/// nor reference and value, non-finite), not positive after rounding, or
/// above limits::max_amount.
caf::optional<double> leg_level(const rule_action& a, order_side side,
                                caf::optional<double> reference,
                                price_tick tick);

/// Rebase on release: fill * level / reference rounded to `tick`; `level`
/// unchanged when that is not in (0, limits::max_amount].
double rebase_level(double level, double reference, double fill,
                    price_tick tick);

} // namespace tradeflow
