#include "messages/rules.hpp"

#include <array>
#include <utility>

namespace tradeflow {

namespace {

constexpr std::array<std::pair<event_type, const char*>, 29> event_names{{
  {event_type::bullish, "bullish"},
  {event_type::bearish, "bearish"},
  {event_type::current_rating_positive, "current_rating_positive"},
  {event_type::current_rating_neutral, "current_rating_neutral"},
  {event_type::current_rating_negative, "current_rating_negative"},
  {event_type::short_term, "short_term"},
  {event_type::medium_term, "medium_term"},
  {event_type::long_term, "long_term"},
  {event_type::lowrisk, "lowrisk"},
  {event_type::mediumrisk, "mediumrisk"},
  {event_type::highrisk, "highrisk"},
  {event_type::has_position, "has_position"},
  {event_type::has_no_position, "has_no_position"},
  {event_type::rating_positive_to_neutral, "rating_positive_to_neutral"},
  {event_type::rating_positive_to_negative, "rating_positive_to_negative"},
  {event_type::rating_neutral_to_positive, "rating_neutral_to_positive"},
  {event_type::rating_neutral_to_negative, "rating_neutral_to_negative"},
  {event_type::rating_negative_to_positive, "rating_negative_to_positive"},
  {event_type::rating_negative_to_neutral, "rating_negative_to_neutral"},
  {event_type::new_target_higher, "new_target_higher"},
  {event_type::new_target_lower, "new_target_lower"},
  {event_type::confidence, "confidence"},
  {event_type::expected_profit_target_percent,
   "expected_profit_target_percent"},
  {event_type::percent_to_new_target, "percent_to_new_target"},
  {event_type::percent_to_current_target, "percent_to_current_target"},
  {event_type::profit_loss_percent, "profit_loss_percent"},
  {event_type::profit_loss_amount, "profit_loss_amount"},
  {event_type::days_opened, "days_opened"},
  {event_type::instrument_account_share, "instrument_account_share"},
}};

constexpr std::array<std::pair<compare_op, const char*>, 6> op_names{{
  {compare_op::gt, ">"}, {compare_op::lt, "<"}, {compare_op::ge, ">="},
  {compare_op::le, "<="}, {compare_op::eq, "=="}, {compare_op::ne, "!="}}};

constexpr std::array<std::pair<action_type, const char*>, 5> action_names{{
  {action_type::buy, "buy"}, {action_type::sell, "sell"},
  {action_type::close, "close"},
  {action_type::adjust_take_profit, "adjust_take_profit"},
  {action_type::adjust_stop_loss, "adjust_stop_loss"}}};

constexpr std::array<std::pair<reference_value, const char*>, 3> ref_names{{
  {reference_value::order_open_price, "order_open_price"},
  {reference_value::current_price, "current_price"},
  {reference_value::expert_target_price, "expert_target_price"}}};

template <class Table, class Enum>
std::string name_in(const Table& xs, Enum x) {
  for (auto& [value, text] : xs)
    if (value == x)
      return text;
  return "?";
}

template <class Enum, class Table>
caf::optional<Enum> value_in(const Table& xs, const std::string& x) {
  for (auto& [value, text] : xs)
    if (x == text)
      return value;
  return caf::none;
}

} // namespace

std::string to_string(event_type x) {
  return name_in(event_names, x);
}

caf::optional<event_type> parse_event_type(const std::string& x) {
  return value_in<event_type>(event_names, x);
}

bool is_numeric(event_type x) {
  return x >= event_type::confidence;
}

std::string to_string(compare_op x) {
  return name_in(op_names, x);
}

caf::optional<compare_op> parse_compare_op(const std::string& x) {
  return value_in<compare_op>(op_names, x);
}

std::string to_string(action_type x) {
  return name_in(action_names, x);
}

caf::optional<action_type> parse_action_type(const std::string& x) {
  return value_in<action_type>(action_names, x);
}

std::string to_string(reference_value x) {
  return name_in(ref_names, x);
}

caf::optional<reference_value> parse_reference_value(const std::string& x) {
  return value_in<reference_value>(ref_names, x);
}

} // namespace tradeflow
