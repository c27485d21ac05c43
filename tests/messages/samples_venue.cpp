#include "tests/messages/samples.hpp"

// Sizing, the broker and the cluster clients: each member differs from its
// default (see messages/risk.hpp, broker.hpp and cluster.hpp).
namespace tradeflow::test {

sizing_request sample(tag<sizing_request>) {
  sizing_candidate c;
  c.recommendation_id = 21;
  c.symbol = "MSFT";
  c.expected_profit_percent = 7.25;
  c.confidence = 82;
  c.price = 310.5;
  sizing_request x;
  x.balance = 100000;
  x.virtual_equity_pct = 40;
  x.settings = sample(tag<expert_settings>{});
  x.live_transactions = {sample(tag<transaction>{})};
  x.prices = {{"MSFT", 310.5}};
  x.candidates = {c};
  return x;
}

sizing_result sample(tag<sizing_result>) {
  sizing_decision d;
  d.recommendation_id = 21;
  d.quantity = 12;
  d.no_price = true;
  d.out_of_range = true;
  d.reason = "capped";
  return {{d}};
}

broker_order sample(tag<broker_order>) {
  broker_order x;
  x.client_order_id = "3-21-take_profit";
  x.symbol = "MSFT";
  x.side = order_side::sell;
  x.type = order_type::sell_limit;
  x.quantity = 12;
  x.limit_price = 330.5;
  x.stop_price = 300.25;
  x.oco_group = "3-21";
  return x;
}

submit_reply sample(tag<submit_reply>) {
  return {true, "paper-7", "accepted"};
}

price_quotes sample(tag<price_quotes>) {
  return {{{"AAPL", 101.25}, {"MSFT", 310.5}}};
}

broker_faults sample(tag<broker_faults>) {
  broker_faults x;
  x.refuse_symbols = {"GME"};
  x.timeout_symbols = {"AMC"};
  x.refuse_after = 2;
  x.drop_answers = true;
  x.cancel_loses_symbols = {"BB"};
  return x;
}

execution_report sample(tag<execution_report>) {
  execution_report x;
  x.client_order_id = "3-21-tp";
  x.kind = exec_kind::partially_filled;
  x.known = false;
  x.status = order_status::partially_filled;
  x.broker_order_id = "OM-9";
  x.exec_id = "E-4";
  x.last_qty = 40;
  x.last_price = 10.25;
  x.cum_qty = 60;
  x.avg_price = 10.125;
  x.text = "partial";
  return x;
}

cancel_request sample(tag<cancel_request>) {
  return {"3-21-tp", "3-21-tp-c1", "MSFT", order_side::sell, 12};
}

venue_setup sample(tag<venue_setup>) {
  venue_setup x;
  x.prices = sample(tag<price_quotes>{});
  x.balance = 100000;
  x.faults = sample(tag<broker_faults>{});
  x.latency_ms = 15;
  return x;
}

scenario_seed sample(tag<scenario_seed>) {
  scenario_seed x;
  x.rulesets = {sample(tag<ruleset>{})};
  x.experts = {sample(tag<expert>{})};
  x.recommendations = {sample(tag<recommendation>{})};
  x.transactions = {sample(tag<transaction>{})};
  return x;
}

order_event sample(tag<order_event>) {
  order_event x;
  x.order_id = 41;
  x.transaction_id = 12;
  x.expert_id = 3;
  x.symbol = "MSFT";
  x.client_order_id = "3-9-tp";
  x.role = order_role::take_profit;
  x.side = order_side::sell;
  x.type = order_type::sell_limit;
  x.quantity = 25;
  x.from = order_status::open;
  x.to = order_status::filled;
  x.filled_qty = 25;
  x.filled_avg_price = 412.5;
  x.broker_order_id = "B-77";
  x.reason = "one cancels the other";
  return x;
}

transaction_event sample(tag<transaction_event>) {
  transaction_event x;
  x.transaction_id = 12;
  x.expert_id = 3;
  x.symbol = "MSFT";
  x.from = txn_status::opened;
  x.to = txn_status::closed;
  x.side = order_side::sell;
  x.quantity = 25;
  x.open_price = 400.25;
  x.close_price = 412.5;
  return x;
}

engine_event sample(tag<engine_event>) {
  engine_event x;
  x.sequence = 99;
  x.kind = event_kind::order_filled;
  x.at_ms = 1767225600123;
  x.order = sample(tag<order_event>{});
  x.transaction = sample(tag<transaction_event>{});
  x.run = sample(tag<run_result>{});
  x.lost = 4;
  return x;
}

event_batch sample(tag<event_batch>) {
  return {{sample(tag<engine_event>{})}};
}

} // namespace tradeflow::test
