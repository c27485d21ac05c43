#include "app/generate.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

using json = nlohmann::json;

constexpr const char* k_now = "2026-01-05T15:00:00Z";
constexpr const char* k_created = "2026-01-05T14:00:00Z";
constexpr const char* k_opened = "2026-01-02T15:00:00Z";

// splitmix64: unlike std::uniform_*_distribution, its output is the same
// on every standard library, so a seed names one scenario everywhere.
class rng {
public:
  explicit rng(uint64_t seed) : state_(seed) {
    // nop
  }

  uint64_t next() {
    auto z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  /// Uniform integer in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo
                                                                    + 1));
  }

private:
  uint64_t state_;
};

std::string symbol_name(int64_t i) {
  auto digits = std::to_string(i + 1);
  return "S" + std::string(digits.size() < 5 ? 5 - digits.size() : 0, '0')
         + digits;
}

// Prices in cents, so the JSON carries exact two-decimal values.
double cents(int64_t x) {
  return static_cast<double>(x) / 100.0;
}

caf::error check(const generate_params& p) {
  auto bad = [](const char* flag, const std::string& what) {
    return make_error(ec::invalid_input, std::string{flag} + ": " + what);
  };
  if (p.experts < 1 || p.experts > 1000000)
    return bad("--experts", "must be in 1..1000000, got "
                              + std::to_string(p.experts));
  if (p.recs_per_expert < 1 || p.recs_per_expert > 10000)
    return bad("--recs-per-expert", "must be in 1..10000, got "
                                      + std::to_string(p.recs_per_expert));
  if (!(p.dup_ratio >= 0 && p.dup_ratio <= 1))
    return bad("--dup-ratio", "must be in 0..1, got "
                                + std::to_string(p.dup_ratio));
  if (p.experts * p.recs_per_expert > 10000000)
    return bad("--recs-per-expert", "experts x recs-per-expert must be at "
                                      "most 10000000");
  if (p.concurrency < 1 || p.concurrency > 100)
    return bad("--concurrency", "must be in 1..100, got "
                                  + std::to_string(p.concurrency));
  return caf::none;
}

json make_ruleset(int64_t id) {
  // Thresholds vary per expert (50..69) but stay under every generated
  // confidence (70..100): each ruleset is distinct, each BUY passes.
  json trigger_conf = {{"event_type", "confidence"},
                       {"operator", ">="},
                       {"value", 50 + id % 20}};
  json rule = {{"name", "bullish and confident"},
               {"continue_processing", false},
               {"triggers", {{{"event_type", "bullish"}}, trigger_conf}},
               {"actions",
                {{{"action_type", "buy"}},
                 {{"action_type", "adjust_take_profit"},
                  {"reference_value", "expert_target_price"},
                  {"value", 0}}}}};
  return {{"id", id},
          {"name", "enter " + std::to_string(id)},
          {"rules", {rule}}};
}

json make_expert(int64_t id, int64_t recs) {
  // Caps of 100/(recs+1) % leave room for every candidate of a run.
  auto cap = std::floor(10000.0 / static_cast<double>(recs + 1)) / 100.0;
  json settings = {{"enable_buy", true},
                   {"enable_sell", false},
                   {"allow_automated_trade_opening", true},
                   {"allow_automated_trade_modification", false},
                   {"max_virtual_equity_per_instrument_percent", cap},
                   {"diversification_factor", 1.0}};
  return {{"id", id},
          {"name", "expert-" + std::to_string(id)},
          {"enabled", true},
          {"virtual_equity_pct", 100},
          {"enter_market_ruleset_id", id},
          {"open_positions_ruleset_id", nullptr},
          {"settings", settings}};
}

// Marks round(ratio * n) of n pairs, chosen by a partial Fisher-Yates.
std::vector<bool> pick_duplicates(rng& r, int64_t n, double ratio) {
  auto count = static_cast<int64_t>(std::llround(ratio
                                                 * static_cast<double>(n)));
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    idx[static_cast<size_t>(i)] = i;
  std::vector<bool> marked(static_cast<size_t>(n), false);
  for (int64_t i = 0; i < count; ++i) {
    auto j = r.between(i, n - 1);
    std::swap(idx[static_cast<size_t>(i)], idx[static_cast<size_t>(j)]);
    marked[static_cast<size_t>(idx[static_cast<size_t>(i)])] = true;
  }
  return marked;
}

/// The symbols' prices (in cents) and the lifted prices of the later price
/// step: two draws per symbol, in symbol order.
struct price_table {
  std::vector<int64_t> cents;
  json prices = json::object();
  json lifted = json::object();
};

price_table make_prices(rng& r, int64_t symbols) {
  price_table out;
  out.cents.resize(static_cast<size_t>(symbols));
  for (int64_t s = 0; s < symbols; ++s) {
    auto c = r.between(1000, 50000);
    out.cents[static_cast<size_t>(s)] = c;
    out.prices[symbol_name(s)] = cents(c);
    out.lifted[symbol_name(s)] = cents(c + c * r.between(0, 30) / 100);
  }
  return out;
}

/// The arrays of the document, filled expert by expert.
struct entity_lists {
  json rulesets = json::array();
  json experts = json::array();
  json transactions = json::array();
  json recommendations = json::array();
  json steps = json::array();
};

// Draws the expected profit, then the confidence (a braced list evaluates
// left to right, so the draw order is fixed).
json make_recommendation(rng& r, int64_t id, int64_t expert, int64_t symbol,
                         int64_t price_cents) {
  return {{"id", id},
          {"expert_id", expert},
          {"symbol", symbol_name(symbol)},
          {"action", "BUY"},
          {"expected_profit_percent", r.between(1, 50)},
          {"price_at_date", cents(price_cents)},
          {"confidence", r.between(70, 100)},
          {"risk_level", "MEDIUM"},
          {"time_horizon", "SHORT_TERM"},
          {"created_at", k_created}};
}

// A given position on the pair, OPENED or WAITING by one draw.
json make_given_position(rng& r, int64_t id, int64_t expert, int64_t symbol,
                         int64_t price_cents) {
  auto opened = r.next() % 2 == 0;
  json t = {{"id", id},
            {"expert_id", expert},
            {"symbol", symbol_name(symbol)},
            {"side", "BUY"},
            {"quantity", 1},
            {"open_price", cents(price_cents)},
            {"status", opened ? "OPENED" : "WAITING"}};
  if (opened)
    t["open_date"] = k_opened;
  return t;
}

/// Expert `e` with its ruleset, one recommendation per symbol, a given
/// position on each pair `dups` marks, and `concurrency` run steps.
void add_expert(rng& r, int64_t e, const generate_params& p,
                const std::vector<int64_t>& price,
                const std::vector<bool>& dups, entity_lists& out) {
  auto m = p.recs_per_expert;
  out.rulesets.push_back(make_ruleset(e));
  out.experts.push_back(make_expert(e, m));
  for (int64_t s = 0; s < m; ++s) {
    auto c = price[static_cast<size_t>(s)];
    out.recommendations.push_back(
      make_recommendation(r, (e - 1) * m + s + 1, e, s, c));
    if (!dups[static_cast<size_t>((e - 1) * m + s)])
      continue;
    auto id = static_cast<int64_t>(out.transactions.size()) + 1;
    out.transactions.push_back(make_given_position(r, id, e, s, c));
  }
  for (int64_t k = 0; k < p.concurrency; ++k)
    out.steps.push_back({{"at_ms", 0},
                         {"run",
                          {{"expert_id", e},
                           {"use_case", "enter_market"},
                           {"lookback_days", 1}}}});
}

} // namespace

caf::expected<json> generate_scenario(const generate_params& p) {
  if (auto err = check(p))
    return err;
  rng r{p.seed};
  auto n = p.experts;
  auto m = p.recs_per_expert;
  auto prices = make_prices(r, m);
  json doc = {{"name", "gen-" + std::to_string(n) + "x" + std::to_string(m)},
              {"now", k_now},
              {"account", {{"balance", 1000000}}},
              {"prices", prices.prices},
              {"broker",
               {{"latency_ms", 0},
                {"refuse_symbols", json::array()},
                {"timeout_symbols", json::array()}}}};
  auto dups = pick_duplicates(r, n * m, p.dup_ratio);
  entity_lists lists;
  for (int64_t e = 1; e <= n; ++e)
    add_expert(r, e, p, prices.cents, dups, lists);
  lists.steps.push_back({{"drain", true}});
  lists.steps.push_back({{"at_ms", 0}, {"prices", prices.lifted}});
  lists.steps.push_back({{"drain", true}});
  lists.steps.push_back({{"at_ms", 0}, {"refresh", true}});
  doc["rulesets"] = std::move(lists.rulesets);
  doc["experts"] = std::move(lists.experts);
  doc["transactions"] = std::move(lists.transactions);
  doc["recommendations"] = std::move(lists.recommendations);
  doc["steps"] = std::move(lists.steps);
  return doc;
}

} // namespace tradeflow
