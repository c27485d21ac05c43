#include "tests/messages/samples.hpp"

// Runs, locks and the store protocol: each member differs from its
// default (see messages/run.hpp, lock.hpp and store.hpp for the defaults).
namespace tradeflow::test {

run_request sample(tag<run_request>) {
  run_request x;
  x.expert_id = 3;
  x.uc = use_case::open_positions;
  x.lookback_days = 5;
  x.as_of_ms = 1767225600000;
  return x;
}

recommendation_outcome sample(tag<recommendation_outcome>) {
  recommendation_outcome x;
  x.recommendation_id = 21;
  x.result = outcome::unfunded;
  x.reason = "balance";
  return x;
}

run_result sample(tag<run_result>) {
  run_result x;
  x.expert_id = 3;
  x.uc = use_case::open_positions;
  x.status = run_status::lock_timeout;
  x.error = "store: timeout";
  x.orders = {"3-21-entry"};
  x.outcomes = {sample(tag<recommendation_outcome>{})};
  x.lock_wait_ms = 2.5;
  return x;
}

lock_grant sample(tag<lock_grant>) {
  return {"expert_3_usecase_open_positions", 8, 4};
}

registry_status sample(tag<registry_status>) {
  return {1, 2, 3, 4, 5, 6, 7};
}

key_status sample(tag<key_status>) {
  return {8, 2, 4};
}

run_load_request sample(tag<run_load_request>) {
  run_load_request x;
  x.expert_id = 3;
  x.uc = use_case::open_positions;
  x.lookback_days = 5;
  x.now_ms = 1767225600000;
  x.lock_key = "expert_3_usecase_open_positions";
  x.epoch = 4;
  return x;
}

run_snapshot sample(tag<run_snapshot>) {
  run_snapshot x;
  x.who = sample(tag<expert>{});
  x.rules = sample(tag<ruleset>{});
  x.recommendations = {sample(tag<recommendation>{})};
  x.previous_actions = {caf::optional<rec_action>{rec_action::sell}};
  x.live_transactions = {sample(tag<transaction>{})};
  x.position_orders = {sample(tag<order>{})};
  return x;
}

write_request sample(tag<write_request>) {
  entry_write e;
  e.recommendation_id = 21;
  e.txn = sample(tag<transaction>{});
  e.entry = sample(tag<order>{});
  e.legs = {sample(tag<order>{})};
  write_request x;
  x.lock_key = "expert_3_usecase_enter_market";
  x.epoch = 4;
  x.entries = {e};
  return x;
}

write_result sample(tag<write_result>) {
  write_result x;
  x.recommendation_id = 21;
  x.status = write_status::duplicate;
  x.transaction_id = 31;
  x.orders = {sample(tag<order>{})};
  x.reason = "already written";
  return x;
}

order_update sample(tag<order_update>) {
  order_update x;
  x.order_id = 41;
  x.from = order_status::waiting_trigger;
  x.to = order_status::open;
  x.broker_order_id = "paper-9";
  x.filled_qty = 5;
  x.filled_avg_price = 199.25;
  x.comment = "released";
  x.quantity = 17;
  x.limit_price = 199.5;
  x.stop_price = 198.75;
  x.sets_reference = true;
  x.reference_price = 201.5;
  return x;
}

position_write_request sample(tag<position_write_request>) {
  position_change c;
  c.recommendation_id = 21;
  c.expected_status = txn_status::waiting;
  c.updated = sample(tag<transaction>{});
  c.order_updates = {sample(tag<order_update>{})};
  c.new_orders = {sample(tag<order>{})};
  position_write_request x;
  x.lock_key = "expert_3_usecase_open_positions";
  x.epoch = 4;
  x.changes = {c};
  return x;
}

fenced_updates sample(tag<fenced_updates>) {
  fenced_updates x;
  x.lock_key = "expert_3_usecase_open_positions";
  x.epoch = 4;
  x.updates = {sample(tag<order_update>{})};
  return x;
}

refresh_scope sample(tag<refresh_scope>) {
  refresh_scope x;
  x.expert_id = 3;
  x.as_of_ms = 1767225600000;
  return x;
}

broker_order_state sample(tag<broker_order_state>) {
  broker_order_state x;
  x.client_order_id = "3-21-entry";
  x.known = true;
  x.status = order_status::filled;
  x.filled_qty = 17;
  x.avg_price = 200.75;
  x.broker_order_id = "paper-8";
  return x;
}

refresh_report sample(tag<refresh_report>) {
  refresh_report x;
  x.scope = sample(tag<refresh_scope>{});
  x.now_ms = 1767225603000;
  x.states = {sample(tag<broker_order_state>{})};
  return x;
}

sync_summary sample(tag<sync_summary>) {
  return {3, 2};
}

run_record sample(tag<run_record>) {
  run_record x;
  x.expert_id = 3;
  x.uc = use_case::open_positions;
  x.status = run_status::lock_timeout;
  x.error = "store: timeout";
  x.started_at_ms = 1767225600000;
  x.outcomes = {sample(tag<recommendation_outcome>{})};
  return x;
}

store_snapshot sample(tag<store_snapshot>) {
  return {{sample(tag<transaction>{})}, {sample(tag<order>{})}};
}

recommendation_batch sample(tag<recommendation_batch>) {
  return {{sample(tag<recommendation>{})}};
}

} // namespace tradeflow::test
