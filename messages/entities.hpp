#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "enums.hpp"
#include "finite.hpp"

/// Stored entities of docs/engine.md §1. Field names follow the storage
/// columns; times are UTC milliseconds since the epoch.
namespace tradeflow {

/// Per-expert trading settings with the defaults of docs/engine.md §1.
struct expert_settings {
  bool enable_buy = true;
  bool enable_sell = false;
  bool allow_automated_trade_opening = false;
  bool allow_automated_trade_modification = false;
  double max_virtual_equity_per_instrument_percent = 10;
  double diversification_factor = 1.0;
  /// Instrument weights in percent; a symbol not listed weighs 100.
  std::map<std::string, double> weights;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, expert_settings& x) {
  auto finite = finite_check("expert_settings",
                             x.max_virtual_equity_per_instrument_percent,
                             x.diversification_factor, x.weights);
  return f(caf::meta::type_name("expert_settings"),
           caf::meta::save_callback(finite), x.enable_buy, x.enable_sell,
           x.allow_automated_trade_opening,
           x.allow_automated_trade_modification,
           x.max_virtual_equity_per_instrument_percent,
           x.diversification_factor, x.weights,
           caf::meta::load_callback(finite));
}

/// An automated analysis agent that writes recommendations.
struct expert {
  int64_t id = 0;
  std::string name;
  bool enabled = true;
  double virtual_equity_pct = 100;
  caf::optional<int64_t> enter_market_ruleset_id;
  caf::optional<int64_t> open_positions_ruleset_id;
  expert_settings settings;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, expert& x) {
  auto finite = finite_check("expert", x.virtual_equity_pct);
  return f(caf::meta::type_name("expert"), caf::meta::save_callback(finite),
           x.id, x.name, x.enabled, x.virtual_equity_pct,
           x.enter_market_ruleset_id, x.open_positions_ruleset_id, x.settings,
           caf::meta::load_callback(finite));
}

/// A BUY / SELL / HOLD view of one symbol by one expert.
struct recommendation {
  int64_t id = 0;
  int64_t expert_id = 0;
  std::string symbol;
  rec_action action = rec_action::hold;
  double expected_profit_percent = 0;
  double price_at_date = 0;
  caf::optional<double> confidence;
  risk_level risk = risk_level::medium;
  time_horizon horizon = time_horizon::short_term;
  int64_t created_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, recommendation& x) {
  auto finite = finite_check("recommendation", x.expected_profit_percent,
                             x.price_at_date, x.confidence);
  return f(caf::meta::type_name("recommendation"),
           caf::meta::save_callback(finite), x.id, x.expert_id, x.symbol,
           x.action, x.expected_profit_percent, x.price_at_date, x.confidence,
           x.risk, x.horizon, x.created_at_ms,
           caf::meta::load_callback(finite));
}

/// One position's life, from entry to exit.
struct transaction {
  int64_t id = 0;
  int64_t expert_id = 0;
  std::string symbol;
  order_side side = order_side::buy;
  int64_t quantity = 0;
  caf::optional<double> open_price;
  caf::optional<double> close_price;
  caf::optional<double> take_profit;
  caf::optional<double> stop_loss;
  txn_status status = txn_status::waiting;
  caf::optional<int64_t> open_date_ms;
  caf::optional<int64_t> close_date_ms;
  int64_t created_at_ms = 0;
  /// Fencing epoch of the lock under which the row was written
  /// (docs/engine.md §3.3).
  int64_t lock_epoch = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, transaction& x) {
  auto finite = finite_check("transaction", x.open_price, x.close_price,
                             x.take_profit, x.stop_loss);
  return f(caf::meta::type_name("transaction"),
           caf::meta::save_callback(finite), x.id, x.expert_id, x.symbol,
           x.side, x.quantity, x.open_price, x.close_price, x.take_profit,
           x.stop_loss, x.status, x.open_date_ms, x.close_date_ms,
           x.created_at_ms, x.lock_epoch, caf::meta::load_callback(finite));
}

/// What goes to the broker: an entry, a take-profit / stop-loss leg or a
/// close. `client_order_id` is `{expert}-{recommendation}-{leg}`.
struct order {
  int64_t id = 0;
  int64_t expert_id = 0;
  caf::optional<int64_t> recommendation_id;
  int64_t transaction_id = 0;
  std::string symbol;
  order_side side = order_side::buy;
  order_type type = order_type::market;
  order_role role = order_role::entry;
  int64_t quantity = 0;
  caf::optional<double> limit_price;
  caf::optional<double> stop_price;
  order_status status = order_status::pending;
  int64_t filled_qty = 0;
  caf::optional<double> filled_avg_price;
  std::string client_order_id;
  caf::optional<std::string> broker_order_id;
  caf::optional<int64_t> depends_on_order;
  caf::optional<order_status> depends_order_status_trigger;
  /// The price a leg's level was computed from; set only for legs that are
  /// rebased to the real fill on release (docs/engine.md §4).
  caf::optional<double> reference_price;
  int64_t created_at_ms = 0;
  std::string comment;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order& x) {
  auto finite = finite_check("order", x.limit_price, x.stop_price,
                             x.filled_avg_price, x.reference_price);
  return f(caf::meta::type_name("order"), caf::meta::save_callback(finite),
           x.id, x.expert_id, x.recommendation_id, x.transaction_id, x.symbol,
           x.side, x.type, x.role, x.quantity, x.limit_price, x.stop_price,
           x.status, x.filled_qty, x.filled_avg_price, x.client_order_id,
           x.broker_order_id, x.depends_on_order,
           x.depends_order_status_trigger, x.reference_price, x.created_at_ms,
           x.comment, caf::meta::load_callback(finite));
}

} // namespace tradeflow
