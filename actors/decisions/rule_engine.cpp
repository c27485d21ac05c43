#include "actors/decisions/rule_engine.hpp"

#include <algorithm>
#include <cmath>

namespace tradeflow {

namespace {

constexpr double ms_per_day = 86400000.0;

// The threshold of new_target_higher / new_target_lower, in percent.
constexpr double target_move_pct = 2.0;

enum class rating : uint8_t { positive, neutral, negative };

rating rating_of(rec_action x) {
  switch (x) {
    case rec_action::buy:
      return rating::positive;
    case rec_action::hold:
      return rating::neutral;
    default:
      return rating::negative;
  }
}

bool compare(compare_op op, double lhs, double rhs) {
  // Exact comparison on purpose (docs/engine-details.md §8.2): no
  // tolerance.
  switch (op) {
    case compare_op::gt:
      return lhs > rhs;
    case compare_op::lt:
      return lhs < rhs;
    case compare_op::ge:
      return lhs >= rhs;
    case compare_op::le:
      return lhs <= rhs;
    case compare_op::eq:
      return lhs == rhs;
    case compare_op::ne:
      return lhs != rhs;
  }
  return false;
}

// A price that can divide: present, finite and positive.
caf::optional<double> usable(caf::optional<double> x) {
  if (x && std::isfinite(*x) && *x > 0)
    return x;
  return caf::none;
}

double short_sign(const transaction& txn) {
  return txn.side == order_side::sell ? -1.0 : 1.0;
}

bool rating_change(const evaluation_input& in, rating from, rating to) {
  return in.previous_action && rating_of(*in.previous_action) == from
         && rating_of(in.rec.action) == to;
}

// The position's take profit, when there is a position that has one.
caf::optional<double> position_tp(const evaluation_input& in) {
  if (!in.position)
    return caf::none;
  return usable(in.position->take_profit);
}

bool target_moved(const evaluation_input& in, bool higher) {
  auto t = target_price(in.rec);
  auto tp = position_tp(in);
  if (!t || !tp)
    return false;
  auto pct = (*t - *tp) / *tp * 100.0;
  return higher ? pct > target_move_pct : pct < -target_move_pct;
}

// The input of a numeric event, or none when it is missing.
caf::optional<double> numeric_input(event_type e, const evaluation_input& in) {
  auto cur = usable(in.current_price);
  auto& pos = in.position;
  switch (e) {
    case event_type::confidence:
      return in.rec.confidence;
    case event_type::expected_profit_target_percent:
      return in.rec.expected_profit_percent;
    case event_type::percent_to_new_target: {
      auto t = target_price(in.rec);
      if (!t || !cur)
        return caf::none;
      return (*t - *cur) / *cur * 100.0;
    }
    case event_type::percent_to_current_target: {
      auto tp = position_tp(in);
      if (!tp || !cur)
        return caf::none;
      return (*tp - *cur) / *cur * 100.0;
    }
    case event_type::profit_loss_percent: {
      if (!pos || !cur || !usable(pos->open_price))
        return caf::none;
      auto open = *pos->open_price;
      return short_sign(*pos) * (*cur - open) / open * 100.0;
    }
    case event_type::profit_loss_amount: {
      if (!pos || !cur || !pos->open_price)
        return caf::none;
      auto qty = static_cast<double>(pos->quantity);
      return short_sign(*pos) * (*cur - *pos->open_price) * qty;
    }
    case event_type::days_opened:
      if (!pos || !pos->open_date_ms)
        return caf::none;
      return static_cast<double>(in.now_ms - *pos->open_date_ms) / ms_per_day;
    case event_type::instrument_account_share: {
      if (!pos || !cur || !(in.virtual_equity > 0))
        return caf::none;
      auto qty = static_cast<double>(pos->quantity);
      return qty * *cur / in.virtual_equity * 100.0;
    }
    default:
      return caf::none;
  }
}

bool flag_holds(event_type e, const evaluation_input& in) {
  auto action = in.rec.action;
  switch (e) {
    case event_type::bullish:
    case event_type::current_rating_positive:
      return action == rec_action::buy;
    case event_type::bearish:
    case event_type::current_rating_negative:
      return action == rec_action::sell;
    case event_type::current_rating_neutral:
      return action == rec_action::hold;
    case event_type::short_term:
      return in.rec.horizon == time_horizon::short_term;
    case event_type::medium_term:
      return in.rec.horizon == time_horizon::medium_term;
    case event_type::long_term:
      return in.rec.horizon == time_horizon::long_term;
    case event_type::lowrisk:
      return in.rec.risk == risk_level::low;
    case event_type::mediumrisk:
      return in.rec.risk == risk_level::medium;
    case event_type::highrisk:
      return in.rec.risk == risk_level::high;
    // Both use cases look at the expert's OPENED transactions, not at the
    // position in context (docs/engine-details.md §8.2).
    case event_type::has_position:
      return in.has_opened_position;
    case event_type::has_no_position:
      return !in.has_opened_position;
    case event_type::rating_positive_to_neutral:
      return rating_change(in, rating::positive, rating::neutral);
    case event_type::rating_positive_to_negative:
      return rating_change(in, rating::positive, rating::negative);
    case event_type::rating_neutral_to_positive:
      return rating_change(in, rating::neutral, rating::positive);
    case event_type::rating_neutral_to_negative:
      return rating_change(in, rating::neutral, rating::negative);
    case event_type::rating_negative_to_positive:
      return rating_change(in, rating::negative, rating::positive);
    case event_type::rating_negative_to_neutral:
      return rating_change(in, rating::negative, rating::neutral);
    case event_type::new_target_higher:
      return target_moved(in, true);
    case event_type::new_target_lower:
      return target_moved(in, false);
    default:
      return false;
  }
}

} // namespace

caf::optional<double> target_price(const recommendation& rec) {
  auto ep = rec.expected_profit_percent / 100.0;
  switch (rec.action) {
    case rec_action::buy:
      return rec.price_at_date * (1.0 + ep);
    case rec_action::sell:
      return rec.price_at_date * (1.0 - ep);
    default:
      return caf::none;
  }
}

bool holds(const trigger& t, const evaluation_input& in) {
  if (!is_numeric(t.event))
    return flag_holds(t.event, in);
  // Validation rejects a numeric trigger without operator or value; should
  // one get here anyway, it is a missing input: false.
  if (!t.op || !t.value)
    return false;
  auto x = numeric_input(t.event, in);
  if (!x || !std::isfinite(*x))
    return false;
  return compare(*t.op, *x, *t.value);
}

evaluation evaluate(const ruleset& rules, const evaluation_input& in) {
  evaluation result;
  for (auto& r : rules.rules) {
    auto pass = std::all_of(r.triggers.begin(), r.triggers.end(),
                            [&](const trigger& t) { return holds(t, in); });
    if (!pass)
      continue;
    result.passed_rules.push_back(r.name);
    for (auto& a : r.actions) {
      auto& acts = result.actions;
      if (std::find(acts.begin(), acts.end(), a) == acts.end())
        acts.push_back(a);
    }
    if (!r.continue_processing)
      break;
  }
  return result;
}

} // namespace tradeflow
