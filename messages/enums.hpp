#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/optional.hpp>

/// Domain enums of docs/engine.md §1. Each stores as the exact string that
/// section names; `to_string` gives it and `parse_*` reads it back (none for
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
/// What an order is for in its transaction. Stored with the order, so
/// nothing infers it from the client id, the side or the order type.
enum class order_role : uint8_t { entry, take_profit, stop_loss, close };
/// What one execution report says happened (messages/venue.hpp).
enum class exec_kind : uint8_t {
  acknowledged,     // accepted and working at the venue
  rejected,         // refused on submission
  partially_filled, // a fill that leaves quantity working
  filled,           // the last fill
  canceled,         // confirmed cancel (or expired, or done for the day)
  cancel_rejected,  // the cancel did not land (too late, unknown order)
  status            // answer to a status request, nothing new happened
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
  error,
  /// A cancel was sent and the venue has not confirmed it yet; settled by
  /// the venue's answer (canceled, or filled when the fill came first).
  pending_cancel
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

/// How a run ended (docs/engine.md §2.4). A run that fails inside steps
/// 2-9 ends `processed` and carries an `error` (the contract's choice:
/// outcomes already decided stand); `guard_*` name the guard that stopped
/// it and render as `guard:<reason>`.
enum class run_status : uint8_t {
  processed,
  lock_timeout,
  guard_unknown_expert,
  guard_disabled,
  guard_opening_not_allowed,
  guard_modification_not_allowed,
  guard_no_ruleset
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
std::string to_string(order_role x);
std::string to_string(run_status x);
std::string to_string(exec_kind x);

caf::optional<rec_action> parse_rec_action(std::string_view x);
caf::optional<risk_level> parse_risk_level(std::string_view x);
caf::optional<time_horizon> parse_time_horizon(std::string_view x);
caf::optional<use_case> parse_use_case(std::string_view x);
caf::optional<txn_status> parse_txn_status(std::string_view x);
caf::optional<order_side> parse_order_side(std::string_view x);
caf::optional<order_type> parse_order_type(std::string_view x);
caf::optional<order_status> parse_order_status(std::string_view x);
caf::optional<order_role> parse_order_role(std::string_view x);
caf::optional<outcome> parse_outcome(std::string_view x);
caf::optional<run_status> parse_run_status(std::string_view x);
caf::optional<exec_kind> parse_exec_kind(std::string_view x);

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

/// Take-profit and stop-loss legs close a position at a level.
inline bool is_leg(order_role x) {
  return x == order_role::take_profit || x == order_role::stop_loss;
}

inline order_side opposite(order_side x) {
  return x == order_side::buy ? order_side::sell : order_side::buy;
}

} // namespace tradeflow
