#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "finite.hpp"

/// Rulesets of docs/engine.md §4, already validated: every event type,
/// operator and action is a known enum value.
namespace tradeflow {

enum class event_type : uint8_t {
  bullish,
  bearish,
  current_rating_positive,
  current_rating_neutral,
  current_rating_negative,
  short_term,
  medium_term,
  long_term,
  lowrisk,
  mediumrisk,
  highrisk,
  has_position,
  has_no_position,
  rating_positive_to_neutral,
  rating_positive_to_negative,
  rating_neutral_to_positive,
  rating_neutral_to_negative,
  rating_negative_to_positive,
  rating_negative_to_neutral,
  new_target_higher,
  new_target_lower,
  // Numeric events (need operator and value) from here on.
  confidence,
  expected_profit_target_percent,
  percent_to_new_target,
  percent_to_current_target,
  profit_loss_percent,
  profit_loss_amount,
  days_opened,
  instrument_account_share,
};

enum class compare_op : uint8_t { gt, lt, ge, le, eq, ne };

enum class action_type : uint8_t {
  buy,
  sell,
  close,
  adjust_take_profit,
  adjust_stop_loss
};

enum class reference_value : uint8_t {
  order_open_price,
  current_price,
  expert_target_price
};

/// One condition; `op` and `value` are set exactly for numeric events.
struct trigger {
  event_type event = event_type::bullish;
  caf::optional<compare_op> op;
  caf::optional<double> value;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trigger& x) {
  auto finite = finite_check("trigger", x.value);
  return f(caf::meta::type_name("trigger"), caf::meta::save_callback(finite),
           x.event, x.op, x.value, caf::meta::load_callback(finite));
}

inline bool operator==(const trigger& x, const trigger& y) {
  return x.event == y.event && x.op == y.op && x.value == y.value;
}

/// One action; adjust actions carry either `price` or `reference` + `value`.
struct rule_action {
  action_type type = action_type::buy;
  caf::optional<reference_value> reference;
  caf::optional<double> value;
  caf::optional<double> price;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rule_action& x) {
  auto finite = finite_check("rule_action", x.value, x.price);
  return f(caf::meta::type_name("rule_action"),
           caf::meta::save_callback(finite), x.type, x.reference, x.value,
           x.price, caf::meta::load_callback(finite));
}

inline bool operator==(const rule_action& x, const rule_action& y) {
  return x.type == y.type && x.reference == y.reference && x.value == y.value
         && x.price == y.price;
}

struct rule {
  std::string name;
  bool continue_processing = false;
  std::vector<trigger> triggers;
  std::vector<rule_action> actions;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rule& x) {
  return f(caf::meta::type_name("rule"), x.name, x.continue_processing,
           x.triggers, x.actions);
}

struct ruleset {
  int64_t id = 0;
  std::string name;
  std::vector<rule> rules;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ruleset& x) {
  return f(caf::meta::type_name("ruleset"), x.id, x.name, x.rules);
}

/// The event_type text of docs/engine.md §4 ("bullish",
/// "rating_positive_to_neutral").
std::string to_string(event_type x);
caf::optional<event_type> parse_event_type(const std::string& x);
bool is_numeric(event_type x);
std::string to_string(compare_op x);
caf::optional<compare_op> parse_compare_op(const std::string& x);
std::string to_string(action_type x);
caf::optional<action_type> parse_action_type(const std::string& x);
std::string to_string(reference_value x);
caf::optional<reference_value> parse_reference_value(const std::string& x);

} // namespace tradeflow
