#pragma once

#include <tuple>

#include "messages/type_ids.hpp"

/// Every member of every message type and of the types nested in them, as
/// a tuple of references, written here by hand and independently of
/// `inspect()`: the round-trip test compares each of them, so a member
/// that `inspect()` forgets comes back with its default value and fails.
/// A structured binding must name every member of a struct, so a member
/// added to a message type and not here fails to compile this file.
namespace tradeflow::test {

#define TRADEFLOW_FIELDS(type, ...)                                            \
  inline auto fields(const type& x) {                                          \
    const auto& [__VA_ARGS__] = x;                                             \
    return std::tie(__VA_ARGS__);                                              \
  }

// -- entities and rules (messages/entities.hpp, messages/rules.hpp) ----------
TRADEFLOW_FIELDS(expert_settings, enable_buy, enable_sell, allow_opening,
                 allow_modification, max_equity_percent, diversification,
                 weights)
TRADEFLOW_FIELDS(expert, id, name, enabled, virtual_equity_pct,
                 enter_market_ruleset_id, open_positions_ruleset_id, settings)
TRADEFLOW_FIELDS(recommendation, id, expert_id, symbol, action,
                 expected_profit_percent, price_at_date, confidence, risk,
                 horizon, created_at_ms)
TRADEFLOW_FIELDS(transaction, id, expert_id, symbol, side, quantity,
                 open_price, close_price, take_profit, stop_loss, status,
                 open_date_ms, close_date_ms, created_at_ms, lock_epoch)
TRADEFLOW_FIELDS(order, id, expert_id, recommendation_id, transaction_id,
                 symbol, side, type, role, quantity, limit_price, stop_price,
                 status, filled_qty, filled_avg_price, client_order_id,
                 broker_order_id, depends_on_order,
                 depends_order_status_trigger, reference_price, created_at_ms,
                 comment)
TRADEFLOW_FIELDS(trigger, event, op, value)
TRADEFLOW_FIELDS(rule_action, type, reference, value, price)
TRADEFLOW_FIELDS(rule, name, continue_processing, triggers, actions)
TRADEFLOW_FIELDS(ruleset, id, name, rules)

// -- runs and locks (messages/run.hpp, messages/lock.hpp) --------------------
TRADEFLOW_FIELDS(run_request, expert_id, uc, lookback_days, as_of_ms)
TRADEFLOW_FIELDS(recommendation_outcome, recommendation_id, result, reason)
TRADEFLOW_FIELDS(run_result, expert_id, uc, status, error, orders, outcomes,
                 lock_wait_ms)
TRADEFLOW_FIELDS(lock_grant, key, ticket, epoch)
TRADEFLOW_FIELDS(registry_status, keys, held, waiting, workers, runs_active,
                 runs_queued, nodes)
TRADEFLOW_FIELDS(key_status, holder_ticket, waiters, epoch)

// -- store protocol (messages/store.hpp) -------------------------------------
TRADEFLOW_FIELDS(run_load_request, expert_id, uc, lookback_days, now_ms,
                 lock_key, epoch)
TRADEFLOW_FIELDS(run_snapshot, who, rules, recommendations, previous_actions,
                 live_transactions, position_orders)
TRADEFLOW_FIELDS(entry_write, recommendation_id, txn, entry, legs)
TRADEFLOW_FIELDS(write_request, lock_key, epoch, entries)
TRADEFLOW_FIELDS(write_result, recommendation_id, status, transaction_id,
                 orders, reason)
TRADEFLOW_FIELDS(order_update, order_id, from, to, broker_order_id,
                 filled_qty, filled_avg_price, comment, quantity, limit_price,
                 stop_price, sets_reference, reference_price)
TRADEFLOW_FIELDS(position_change, recommendation_id, expected_status, updated,
                 order_updates, new_orders)
TRADEFLOW_FIELDS(position_write_request, lock_key, epoch, changes)
TRADEFLOW_FIELDS(refresh_scope, expert_id, as_of_ms)
TRADEFLOW_FIELDS(broker_order_state, client_order_id, known, status,
                 filled_qty, avg_price, broker_order_id)
TRADEFLOW_FIELDS(refresh_report, scope, now_ms, states)
TRADEFLOW_FIELDS(sync_summary, orders_updated, transactions_changed)
TRADEFLOW_FIELDS(run_record, expert_id, uc, status, error, started_at_ms,
                 outcomes)
TRADEFLOW_FIELDS(store_snapshot, transactions, orders)
TRADEFLOW_FIELDS(recommendation_batch, items)
TRADEFLOW_FIELDS(fenced_updates, lock_key, epoch, updates)

// -- risk, broker and cluster clients (messages/risk.hpp, broker.hpp,
// cluster.hpp) ---------------------------------------------------------------
TRADEFLOW_FIELDS(sizing_candidate, recommendation_id, symbol,
                 expected_profit_percent, confidence, price)
TRADEFLOW_FIELDS(sizing_request, balance, virtual_equity_pct, settings,
                 live_transactions, prices, candidates)
TRADEFLOW_FIELDS(sizing_decision, recommendation_id, quantity, no_price,
                 out_of_range, reason)
TRADEFLOW_FIELDS(sizing_result, decisions)
TRADEFLOW_FIELDS(broker_order, client_order_id, symbol, side, type, quantity,
                 limit_price, stop_price, oco_group)
TRADEFLOW_FIELDS(submit_reply, accepted, broker_order_id, reason)
TRADEFLOW_FIELDS(price_quotes, prices)
TRADEFLOW_FIELDS(broker_faults, refuse_symbols, timeout_symbols, refuse_after,
                 drop_answers, cancel_loses_symbols)
TRADEFLOW_FIELDS(execution_report, client_order_id, kind, known, status,
                 broker_order_id, exec_id, last_qty, last_price, cum_qty,
                 avg_price, text)
TRADEFLOW_FIELDS(cancel_request, client_order_id, cancel_id, symbol, side,
                 quantity)
TRADEFLOW_FIELDS(venue_setup, prices, balance, faults, latency_ms)
TRADEFLOW_FIELDS(scenario_seed, rulesets, experts, recommendations,
                 transactions)

// -- events to the host (messages/events.hpp) ---------------------------------
TRADEFLOW_FIELDS(order_event, order_id, transaction_id, expert_id, symbol,
                 client_order_id, role, side, type, quantity, from, to,
                 filled_qty, filled_avg_price, broker_order_id, reason)
TRADEFLOW_FIELDS(transaction_event, transaction_id, expert_id, symbol, from,
                 to, side, quantity, open_price, close_price)
TRADEFLOW_FIELDS(engine_event, sequence, kind, at_ms, order, transaction, run,
                 lost)
TRADEFLOW_FIELDS(event_batch, events)

#undef TRADEFLOW_FIELDS

} // namespace tradeflow::test
