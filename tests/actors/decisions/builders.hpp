#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include <caf/optional.hpp>

#include "messages/entities.hpp"
#include "messages/rules.hpp"

namespace tradeflow {

/// Prints rule enums in failed assertions (tests/support/printing.hpp
/// covers the entity enums).
inline std::ostream& operator<<(std::ostream& os, action_type x) {
  return os << to_string(x);
}

/// Prints an event type by its name in docs/engine.md §4.
inline std::ostream& operator<<(std::ostream& os, event_type x) {
  return os << to_string(x);
}

} // namespace tradeflow

/// Small builders for the logic suites: every field the test does not name
/// keeps a plain default.
namespace tradeflow::test {

/// One minute in milliseconds, for created_at offsets.
constexpr int64_t minute_ms = 60000;

/// A day in milliseconds.
constexpr int64_t day_ms = 86400000;

/// A recommendation of expert 1 at price_at_date 100.
inline recommendation make_rec(int64_t id, std::string symbol,
                               rec_action action, double ep,
                               int64_t created_at_ms = 0) {
  recommendation x;
  x.id = id;
  x.expert_id = 1;
  x.symbol = std::move(symbol);
  x.action = action;
  x.expected_profit_percent = ep;
  x.price_at_date = 100;
  x.created_at_ms = created_at_ms;
  return x;
}

/// A transaction of expert 1 with an open price.
inline transaction make_txn(int64_t id, std::string symbol, order_side side,
                            int64_t quantity, double open_price,
                            txn_status status = txn_status::opened) {
  transaction x;
  x.id = id;
  x.expert_id = 1;
  x.symbol = std::move(symbol);
  x.side = side;
  x.quantity = quantity;
  x.open_price = open_price;
  x.status = status;
  return x;
}

/// An order of transaction `txn_id` in `status`. Its role follows its
/// type: a limit order is a take profit, a stop order a stop loss, a market
/// order the entry (a test that closes sets order_role::close).
inline order make_order(int64_t id, int64_t txn_id, order_side side,
                        order_type type, order_status status,
                        caf::optional<int64_t> depends_on = caf::none) {
  order x;
  x.id = id;
  x.expert_id = 1;
  x.transaction_id = txn_id;
  x.symbol = "AAPL";
  x.side = side;
  x.type = type;
  x.role = type == order_type::market ? order_role::entry
           : type == order_type::buy_limit || type == order_type::sell_limit
             ? order_role::take_profit
             : order_role::stop_loss;
  x.quantity = 10;
  x.status = status;
  x.depends_on_order = depends_on;
  if (depends_on)
    x.depends_order_status_trigger = order_status::filled;
  x.client_order_id = "o-" + std::to_string(id);
  return x;
}

/// A flag trigger.
inline trigger flag(event_type e) {
  trigger x;
  x.event = e;
  return x;
}

/// A numeric trigger.
inline trigger numeric(event_type e, compare_op op, double value) {
  trigger x;
  x.event = e;
  x.op = op;
  x.value = value;
  return x;
}

/// A parameterless action (buy, sell, close).
inline rule_action act(action_type type) {
  rule_action x;
  x.type = type;
  return x;
}

/// An adjust action relative to a reference.
inline rule_action adjust(action_type type, reference_value ref,
                          double value) {
  rule_action x;
  x.type = type;
  x.reference = ref;
  x.value = value;
  return x;
}

/// An adjust action at an explicit price.
inline rule_action adjust_at(action_type type, double price) {
  rule_action x;
  x.type = type;
  x.price = price;
  return x;
}

} // namespace tradeflow::test
