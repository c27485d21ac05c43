#include "tests/messages/samples.hpp"

// The entities and rulesets: each member differs from its default (see
// messages/entities.hpp and messages/rules.hpp for the defaults).
namespace tradeflow::test {

use_case sample(tag<use_case>) {
  return use_case::open_positions;
}

expert_settings sample(tag<expert_settings>) {
  expert_settings x;
  x.enable_buy = false;
  x.enable_sell = true;
  x.allow_automated_trade_opening = true;
  x.allow_automated_trade_modification = true;
  x.max_virtual_equity_per_instrument_percent = 12.5;
  x.diversification_factor = 0.75;
  x.weights = {{"AAPL", 50}, {"MSFT", 25.5}};
  return x;
}

expert sample(tag<expert>) {
  expert x;
  x.id = 3;
  x.name = "momentum";
  x.enabled = false;
  x.virtual_equity_pct = 40;
  x.enter_market_ruleset_id = 11;
  x.open_positions_ruleset_id = 12;
  x.settings = sample(tag<expert_settings>{});
  return x;
}

recommendation sample(tag<recommendation>) {
  recommendation x;
  x.id = 21;
  x.expert_id = 3;
  x.symbol = "MSFT";
  x.action = rec_action::sell;
  x.expected_profit_percent = 7.25;
  x.price_at_date = 310.5;
  x.confidence = 82;
  x.risk = risk_level::high;
  x.horizon = time_horizon::long_term;
  x.created_at_ms = 1767225600000;
  return x;
}

transaction sample(tag<transaction>) {
  transaction x;
  x.id = 31;
  x.expert_id = 3;
  x.symbol = "TSLA";
  x.side = order_side::sell;
  x.quantity = 17;
  x.open_price = 201.5;
  x.close_price = 190.25;
  x.take_profit = 180;
  x.stop_loss = 215;
  x.status = txn_status::closing;
  x.open_date_ms = 1767225601000;
  x.close_date_ms = 1767225602000;
  x.created_at_ms = 1767225600500;
  x.lock_epoch = 4;
  return x;
}

order sample(tag<order>) {
  order x;
  x.id = 41;
  x.expert_id = 3;
  x.recommendation_id = 21;
  x.transaction_id = 31;
  x.symbol = "TSLA";
  x.side = order_side::sell;
  x.type = order_type::sell_stop;
  x.role = order_role::stop_loss;
  x.quantity = 17;
  x.limit_price = 199.5;
  x.stop_price = 198.75;
  x.status = order_status::partially_filled;
  x.filled_qty = 5;
  x.filled_avg_price = 199.25;
  x.client_order_id = "3-21-stop_loss";
  x.broker_order_id = "paper-9";
  x.depends_on_order = 40;
  x.depends_order_status_trigger = order_status::filled;
  x.reference_price = 201.5;
  x.created_at_ms = 1767225600700;
  x.comment = "leg";
  return x;
}

ruleset sample(tag<ruleset>) {
  trigger t;
  t.event = event_type::confidence;
  t.op = compare_op::ge;
  t.value = 70;
  rule_action a;
  a.type = action_type::adjust_stop_loss;
  a.reference = reference_value::expert_target_price;
  a.value = -5;
  a.price = 150.5;
  ruleset x;
  x.id = 11;
  x.name = "enter";
  // Built in place: g++ -O1 mistakes the copy of caf::optional in an
  // initializer list for a read of an uninitialised value.
  x.rules.emplace_back();
  x.rules.back().name = "confident";
  x.rules.back().continue_processing = true;
  x.rules.back().triggers.push_back(t);
  x.rules.back().actions.push_back(a);
  return x;
}

} // namespace tradeflow::test
