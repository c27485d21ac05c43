#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Domain enums of docs/engine.md §1. Each stores as the exact string that
/// section names; `to_string` gives it and `parse_*` reads it back (nullopt for
/// an unknown string, so callers can name the offending field).
namespace tradeflow {

enum class rec_action : uint8_t { buy, sell, hold };
enum class risk_level : uint8_t { low, medium, high };
enum class time_horizon : uint8_t { short_term, medium_term, long_term };
enum class use_case : uint8_t { enter_market, open_positions };
enum class txn_status : uint8_t { waiting, opened, closing, closed, failed };
enum class order_side : uint8_t { buy, sell };
enum class order_type : uint8_t {
  market,
  buy_limit,
  sell_limit,
  buy_stop,
  sell_stop
};
enum class order_status : uint8_t {
  pending,
  waiting_trigger,
  open,
  partially_filled,
  filled,
  canceled,
  rejected,
  expired,
  error
};

/// Per-recommendation outcome of a run (docs/engine.md §2.4).
enum class outcome : uint8_t {
  executed,
  no_action,
  skipped_duplicate,
  denied_permission,
  unfunded,
  no_price,
  no_position,
  evaluation_error,
  error
};

std::string to_string(rec_action x);
std::string to_string(risk_level x);
std::string to_string(time_horizon x);
std::string to_string(use_case x);
std::string to_string(txn_status x);
std::string to_string(order_side x);
std::string to_string(order_type x);
std::string to_string(order_status x);
std::string to_string(outcome x);

std::optional<rec_action> parse_rec_action(std::string_view x);
std::optional<risk_level> parse_risk_level(std::string_view x);
std::optional<time_horizon> parse_time_horizon(std::string_view x);
std::optional<use_case> parse_use_case(std::string_view x);
std::optional<txn_status> parse_txn_status(std::string_view x);
std::optional<order_side> parse_order_side(std::string_view x);
std::optional<order_type> parse_order_type(std::string_view x);
std::optional<order_status> parse_order_status(std::string_view x);

/// Executed = filled or partially filled (docs/engine.md §1).
inline bool is_executed(order_status x) {
  return x == order_status::filled || x == order_status::partially_filled;
}

/// Terminal = canceled, rejected, expired or error; filled is not terminal.
inline bool is_terminal(order_status x) {
  return x == order_status::canceled || x == order_status::rejected
         || x == order_status::expired || x == order_status::error;
}

/// A status that a refresh never moves an order out of
/// (docs/engine-details.md §8.5).
inline bool is_final(order_status x) {
  return x == order_status::filled || is_terminal(x);
}

/// WAITING and OPENED block a new entry on the same (expert, symbol).
inline bool blocks_new_entry(txn_status x) {
  return x == txn_status::waiting || x == txn_status::opened;
}

inline order_side opposite(order_side x) {
  return x == order_side::buy ? order_side::sell : order_side::buy;
}

} // namespace tradeflow
