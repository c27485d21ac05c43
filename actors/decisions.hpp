#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "messages/entities.hpp"
#include "messages/risk.hpp"
#include "messages/rules.hpp"

/// The engine's decisions as plain C++ (no actors, no I/O), each unit
/// tested on its own: recommendation selection (docs/engine.md §2 step 3),
/// rule evaluation (§4), entry planning with legs (§4 and
/// docs/engine-details.md §8.2), sizing (§5).
namespace tradeflow {

/// Rounds to 4 decimals (every level and price the engine outputs).
double round4(double x);

/// Step 3: keep the newest per symbol (created_at, then id); drop symbols
/// whose newest is a HOLD when `drop_hold`; order by expected profit
/// descending, ties newest first. `window` is already limited to the
/// lookback window.
std::vector<recommendation>
select_recommendations(std::vector<recommendation> window, bool drop_hold);

/// Everything a trigger may look at for one recommendation.
struct evaluation_input {
  recommendation rec;
  /// Action of the expert's previous recommendation on the symbol.
  caf::optional<rec_action> previous_action;
  caf::optional<double> current_price;
  /// The position in context (open_positions run); none in enter_market.
  caf::optional<transaction> position;
  /// The expert has an OPENED transaction on the symbol.
  bool has_opened_position = false;
  /// Virtual equity, for instrument_account_share.
  double virtual_equity = 0;
  int64_t now_ms = 0;
};

/// The target T of docs/engine.md §4 (none for HOLD).
caf::optional<double> target_price(const recommendation& rec);

/// Whether one trigger holds; a missing input makes it false.
bool holds(const trigger& t, const evaluation_input& in);

/// The actions of the passing rules, identical ones kept once, in order.
struct evaluation {
  std::vector<rule_action> actions;
  std::vector<std::string> passed_rules;
};

evaluation evaluate(const ruleset& rules, const evaluation_input& in);

/// A take-profit or stop-loss leg to place with an entry.
struct leg_plan {
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

entry_plan plan_entry(const evaluation& ev, const recommendation& rec,
                      caf::optional<double> current_price);

/// Level of an adjust action for a position of `side` (docs/engine.md §4):
/// ref * (1 + value/100) for a long, ref * (1 - value/100) for a short, or
/// the explicit price; rounded to 4 decimals. None when not computable
/// (no price nor reference and value, non-finite), not positive, or above
/// limits::max_amount.
caf::optional<double> leg_level(const rule_action& a, order_side side,
                                caf::optional<double> reference);

/// Rebase on release: round4(fill * level / reference); `level` unchanged
/// when that is not in (0, limits::max_amount].
double rebase_level(double level, double reference, double fill);

/// docs/engine.md §5: quantities for every candidate, in sizing order.
sizing_result size_candidates(const sizing_request& req);

} // namespace tradeflow
