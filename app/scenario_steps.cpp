#include "app/scenario_detail.hpp"

#include <cstdint>
#include <iterator>
#include <vector>

namespace tradeflow::scenario_detail {

namespace {

using kind = scenario_step::kind;

constexpr const char* kind_keys[]
  = {"run", "prices", "refresh", "recommendations", "drain"};

constexpr kind kinds[] = {kind::run, kind::prices, kind::refresh,
                          kind::recommendations, kind::drain};

// `refresh` and `drain` carry no data: they must say true.
void must_be_true(checker& c, const json& x, const std::string& path) {
  if (!x.is_boolean() || !x.get<bool>())
    c.fail(path, "must be true, got " + show(x));
}

run_request parse_run(checker& c, const json& x, const std::string& path) {
  object_reader r{c, x, path, {"expert_id", "use_case", "lookback_days"}};
  run_request result;
  // An unknown expert is not malformed: the run ends guard:unknown_expert.
  result.expert_id = r.integer("expert_id");
  result.uc = r.enumeration<use_case>("use_case", parse_use_case,
                                      "use_case", true, result.uc);
  if (auto days = r.opt_integer("lookback_days")) {
    if (*days < 0 || *days > INT32_MAX)
      c.fail(r.at("lookback_days"),
             "must be in [0, " + std::to_string(INT32_MAX) + "], got "
               + std::to_string(*days));
    else
      result.lookback_days = static_cast<int32_t>(*days);
  }
  return result;
}

std::vector<recommendation>
parse_feed(checker& c, const json& x, const std::string& path,
           const std::set<int64_t>& experts, std::set<int64_t>& rec_ids) {
  std::vector<recommendation> result;
  if (!x.is_array()) {
    c.fail(path, "must be an array, got " + show(x));
    return result;
  }
  for (size_t i = 0; i < x.size(); ++i)
    result.push_back(
      parse_recommendation(c, x[i], index(path, i), experts, rec_ids));
  return result;
}

caf::optional<price_tick> read_tick(checker& c, const json& x,
                                    const std::string& path) {
  auto value = read_number(c, x, path);
  if (!value)
    return caf::none;
  if (auto why = tick_problem(*value); !why.empty()) {
    c.fail(path, why);
    return caf::none;
  }
  return tick_of(*value);
}

} // namespace

price_quotes parse_prices(checker& c, const json& x,
                          const std::string& path) {
  price_quotes result;
  if (!x.is_object()) {
    c.fail(path, "must be an object (symbol: price), got " + show(x));
    return result;
  }
  for (auto& item : x.items()) {
    auto at = member_path(path, item.key());
    check_symbol_key(c, path, item.key());
    if (auto p = read_amount(c, item.value(), at))
      result.prices.emplace(item.key(), *p);
  }
  return result;
}

void parse_ticks(checker& c, object_reader& r, scenario& s) {
  if (auto x = r.find("tick_size"))
    s.tick_size = read_tick(c, *x, r.at("tick_size"));
  auto xs = r.find("tick_sizes");
  if (!xs)
    return;
  auto path = r.at("tick_sizes");
  if (!xs->is_object()) {
    c.fail(path, "must be an object (symbol: tick), got " + show(*xs));
    return;
  }
  for (auto& item : xs->items()) {
    check_symbol_key(c, path, item.key());
    if (auto t = read_tick(c, item.value(), member_path(path, item.key())))
      s.tick_sizes.emplace(item.key(), *t);
  }
}

scenario_step parse_step(checker& c, const json& x, const std::string& path,
                         const std::set<int64_t>& experts,
                         std::set<int64_t>& rec_ids) {
  object_reader r{c,
                  x,
                  path,
                  {"at_ms", "run", "prices", "refresh", "recommendations",
                   "drain"}};
  scenario_step step;
  std::vector<size_t> given;
  for (size_t i = 0; i < std::size(kind_keys); ++i)
    if (x.is_object() && x.contains(kind_keys[i]))
      given.push_back(i);
  if (given.empty()) {
    c.fail(path, "needs one of run, prices, refresh, recommendations, drain");
    return step;
  }
  if (given.size() > 1) {
    c.fail(path, std::string{"has both "} + kind_keys[given[0]] + " and "
                   + kind_keys[given[1]] + ", a step does one thing");
    return step;
  }
  auto key = kind_keys[given[0]];
  auto& value = x[key];
  step.what = kinds[given[0]];
  if (step.what == kind::drain) {
    if (x.contains("at_ms"))
      c.fail(r.at("at_ms"), "not allowed with drain, got "
                              + show(x["at_ms"]));
    must_be_true(c, value, r.at(key));
    return step;
  }
  if (!r.find("at_ms"))
    c.fail(r.at("at_ms"), "required");
  step.at_ms = r.opt_duration("at_ms").value_or(0);
  switch (step.what) {
    case kind::run:
      step.run = parse_run(c, value, r.at(key));
      break;
    case kind::prices:
      step.prices = parse_prices(c, value, r.at(key));
      break;
    case kind::refresh:
      must_be_true(c, value, r.at(key));
      break;
    case kind::recommendations:
      step.recommendations = parse_feed(c, value, r.at(key), experts,
                                        rec_ids);
      break;
    case kind::drain:
      break;
  }
  return step;
}

} // namespace tradeflow::scenario_detail

namespace tradeflow {

tick_table ticks_for(const scenario& sc, tick_table ticks) {
  if (sc.tick_size)
    ticks.fallback = *sc.tick_size;
  for (auto& [symbol, tick] : sc.tick_sizes)
    ticks.by_symbol[symbol] = tick;
  return ticks;
}

} // namespace tradeflow
