#include "app/api_checks.hpp"

#include <cmath>
#include <string>

#include "app/venue_choice.hpp"
#include "messages/error.hpp"
#include "messages/json_input.hpp"
#include "messages/limits.hpp"
#include "messages/ticks.hpp"
#include "storage/ruleset_codec.hpp"

namespace tradeflow {

namespace {

caf::error refuse(const std::string& field, const std::string& why) {
  return make_error(ec::invalid_input, field + ": " + why);
}

std::string text(double x) {
  return std::isfinite(x) ? std::to_string(x) : std::string{"not finite"};
}

/// `x` must be finite and in (0, hi].
caf::error in_range(const std::string& field, double x, double hi) {
  if (!std::isfinite(x) || x <= 0 || x > hi)
    return refuse(field, "must be in (0, " + text(hi) + "], got " + text(x));
  return caf::none;
}

caf::error positive_id(const std::string& field, int64_t x) {
  if (x <= 0)
    return refuse(field, "must be > 0, got " + std::to_string(x));
  return caf::none;
}

caf::error check_settings(const expert_settings& s) {
  if (auto err = in_range("expert.settings.max_virtual_equity_per_instrument"
                          "_percent",
                          s.max_virtual_equity_per_instrument_percent, 100))
    return err;
  if (auto err = in_range("expert.settings.diversification_factor",
                          s.diversification_factor, 1))
    return err;
  for (auto& [symbol, weight] : s.weights) {
    auto field = "expert.settings.weights." + symbol;
    if (auto why = json_input::symbol_problem(symbol); !why.empty())
      return refuse("expert.settings.weights", why);
    if (!std::isfinite(weight) || weight < 0)
      return refuse(field, "must be a finite number >= 0, got "
                              + text(weight));
  }
  return caf::none;
}

caf::error check_one(const recommendation& x, const std::string& at) {
  if (auto err = positive_id(at + ".id", x.id))
    return err;
  if (auto err = positive_id(at + ".expert_id", x.expert_id))
    return err;
  if (auto why = json_input::symbol_problem(x.symbol); !why.empty())
    return refuse(at + ".symbol", why);
  if (!std::isfinite(x.expected_profit_percent))
    return refuse(at + ".expected_profit_percent", "must be finite");
  if (auto err = in_range(at + ".price_at_date", x.price_at_date,
                          limits::max_amount))
    return err;
  if (x.confidence
      && (!std::isfinite(*x.confidence) || *x.confidence < 0
          || *x.confidence > 100))
    return refuse(at + ".confidence",
                  "must be in [0, 100], got " + text(*x.confidence));
  if (x.created_at_ms < 0)
    return refuse(at + ".created_at_ms", "must be >= 0");
  return caf::none;
}

} // namespace

caf::error check_ticks(double tick_size,
                       const std::map<std::string, double>& tick_sizes) {
  if (auto why = tick_problem(tick_size); !why.empty())
    return refuse("engine_options.tick_size", why);
  for (auto& [symbol, tick] : tick_sizes) {
    if (auto why = json_input::symbol_problem(symbol); !why.empty())
      return refuse("engine_options.tick_sizes", why);
    if (auto why = tick_problem(tick); !why.empty())
      return refuse("engine_options.tick_sizes." + symbol, why);
  }
  return caf::none;
}

caf::error check_venue_options(bool broker, bool venue,
                               const std::string& fix_config) {
  auto set = int{broker} + int{venue} + int{!fix_config.empty()};
  if (set > 1)
    return refuse("engine_options", "set at most one of broker, venue and "
                                    "fix_config");
  if (fix_config.empty())
    return caf::none;
  venue_choice choice;
  choice.broker = "fix";
  choice.fix_config = fix_config;
  if (auto err = check_venue_choice(choice))
    return refuse("engine_options.fix_config", reason_of(err));
  return caf::none;
}

caf::error check_ruleset(const ruleset& x) {
  if (auto err = positive_id("ruleset.id", x.id))
    return err;
  // The codec's parser is the replay format's: one set of rules for both.
  auto back = storage::parse_ruleset(storage::to_json(x), "ruleset");
  if (!back)
    return std::move(back.error());
  return caf::none;
}

caf::error check_expert(const expert& x) {
  if (auto err = positive_id("expert.id", x.id))
    return err;
  if (auto why = json_input::name_problem(x.name); !why.empty())
    return refuse("expert.name", why);
  if (auto err = in_range("expert.virtual_equity_pct", x.virtual_equity_pct,
                          100))
    return err;
  return check_settings(x.settings);
}

caf::error check_recommendations(const std::vector<recommendation>& xs) {
  for (size_t i = 0; i < xs.size(); ++i)
    if (auto err = check_one(xs[i], "recommendations[" + std::to_string(i)
                                      + "]"))
      return err;
  return caf::none;
}

} // namespace tradeflow
