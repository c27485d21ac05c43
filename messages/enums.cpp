#include "messages/enums.hpp"

#include <array>
#include <utility>

namespace tradeflow {

namespace {

template <class Enum, size_t N>
using names = std::array<std::pair<Enum, const char*>, N>;

constexpr names<rec_action, 3> rec_action_names{{
  {rec_action::buy, "BUY"}, {rec_action::sell, "SELL"},
  {rec_action::hold, "HOLD"}}};
constexpr names<risk_level, 3> risk_level_names{{
  {risk_level::low, "LOW"}, {risk_level::medium, "MEDIUM"},
  {risk_level::high, "HIGH"}}};
constexpr names<time_horizon, 3> time_horizon_names{{
  {time_horizon::short_term, "SHORT_TERM"},
  {time_horizon::medium_term, "MEDIUM_TERM"},
  {time_horizon::long_term, "LONG_TERM"}}};
constexpr names<use_case, 2> use_case_names{{
  {use_case::enter_market, "enter_market"},
  {use_case::open_positions, "open_positions"}}};
constexpr names<txn_status, 5> txn_status_names{{
  {txn_status::waiting, "WAITING"}, {txn_status::opened, "OPENED"},
  {txn_status::closing, "CLOSING"}, {txn_status::closed, "CLOSED"},
  {txn_status::failed, "FAILED"}}};
constexpr names<run_status, 7> run_status_names{{
  {run_status::processed, "processed"},
  {run_status::lock_timeout, "lock_timeout"},
  {run_status::guard_unknown_expert, "guard:unknown_expert"},
  {run_status::guard_disabled, "guard:disabled"},
  {run_status::guard_opening_not_allowed, "guard:opening_not_allowed"},
  {run_status::guard_modification_not_allowed,
   "guard:modification_not_allowed"},
  {run_status::guard_no_ruleset, "guard:no_ruleset"}}};
constexpr names<order_role, 4> order_role_names{{
  {order_role::entry, "entry"}, {order_role::take_profit, "take_profit"},
  {order_role::stop_loss, "stop_loss"}, {order_role::close, "close"}}};
constexpr names<order_side, 2> order_side_names{{
  {order_side::buy, "BUY"}, {order_side::sell, "SELL"}}};
constexpr names<order_type, 5> order_type_names{{
  {order_type::market, "market"}, {order_type::buy_limit, "buy_limit"},
  {order_type::sell_limit, "sell_limit"}, {order_type::buy_stop, "buy_stop"},
  {order_type::sell_stop, "sell_stop"}}};
constexpr names<order_status, 10> order_status_names{{
  {order_status::pending, "pending"},
  {order_status::waiting_trigger, "waiting_trigger"},
  {order_status::open, "open"},
  {order_status::partially_filled, "partially_filled"},
  {order_status::filled, "filled"}, {order_status::canceled, "canceled"},
  {order_status::rejected, "rejected"}, {order_status::expired, "expired"},
  {order_status::error, "error"},
  {order_status::pending_cancel, "pending_cancel"}}};
constexpr names<exec_kind, 7> exec_kind_names{{
  {exec_kind::acknowledged, "acknowledged"}, {exec_kind::rejected, "rejected"},
  {exec_kind::partially_filled, "partially_filled"},
  {exec_kind::filled, "filled"}, {exec_kind::canceled, "canceled"},
  {exec_kind::cancel_rejected, "cancel_rejected"},
  {exec_kind::status, "status"}}};
constexpr names<outcome, 9> outcome_names{{
  {outcome::executed, "executed"}, {outcome::no_action, "no_action"},
  {outcome::skipped_duplicate, "skipped_duplicate"},
  {outcome::denied_permission, "denied_permission"},
  {outcome::unfunded, "unfunded"}, {outcome::no_price, "no_price"},
  {outcome::no_position, "no_position"},
  {outcome::evaluation_error, "evaluation_error"}, {outcome::error, "error"}}};

template <class Enum, size_t N>
std::string name_of(const names<Enum, N>& xs, Enum x) {
  for (auto& [value, text] : xs)
    if (value == x)
      return text;
  return "?";
}

template <class Enum, size_t N>
caf::optional<Enum> value_of(const names<Enum, N>& xs, std::string_view x) {
  for (auto& [value, text] : xs)
    if (x == text)
      return value;
  return caf::none;
}

} // namespace

#define TRADEFLOW_ENUM_STRINGS(type)                                           \
  std::string to_string(type x) {                                              \
    return name_of(type##_names, x);                                           \
  }
TRADEFLOW_ENUM_STRINGS(rec_action)
TRADEFLOW_ENUM_STRINGS(risk_level)
TRADEFLOW_ENUM_STRINGS(time_horizon)
TRADEFLOW_ENUM_STRINGS(use_case)
TRADEFLOW_ENUM_STRINGS(txn_status)
TRADEFLOW_ENUM_STRINGS(order_side)
TRADEFLOW_ENUM_STRINGS(order_type)
TRADEFLOW_ENUM_STRINGS(order_status)
TRADEFLOW_ENUM_STRINGS(outcome)
TRADEFLOW_ENUM_STRINGS(order_role)
TRADEFLOW_ENUM_STRINGS(run_status)
TRADEFLOW_ENUM_STRINGS(exec_kind)
#undef TRADEFLOW_ENUM_STRINGS

#define TRADEFLOW_ENUM_PARSE(type)                                             \
  caf::optional<type> parse_##type(std::string_view x) {                       \
    return value_of(type##_names, x);                                          \
  }
TRADEFLOW_ENUM_PARSE(rec_action)
TRADEFLOW_ENUM_PARSE(risk_level)
TRADEFLOW_ENUM_PARSE(time_horizon)
TRADEFLOW_ENUM_PARSE(use_case)
TRADEFLOW_ENUM_PARSE(txn_status)
TRADEFLOW_ENUM_PARSE(order_side)
TRADEFLOW_ENUM_PARSE(order_type)
TRADEFLOW_ENUM_PARSE(order_status)
TRADEFLOW_ENUM_PARSE(order_role)
TRADEFLOW_ENUM_PARSE(outcome)
TRADEFLOW_ENUM_PARSE(run_status)
TRADEFLOW_ENUM_PARSE(exec_kind)
#undef TRADEFLOW_ENUM_PARSE

} // namespace tradeflow
