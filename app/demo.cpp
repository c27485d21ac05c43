#include "app/demo.hpp"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace tradeflow {

namespace {

// The demo's scenario (docs/scenario-format.md "Input"), one named part
// per top-level section so each says what it is there for.

// A paper account funding every order, prices for every symbol the
// recommendations name, and a 300 ms broker latency that keeps each run
// (and its lock) busy, so runs started together overlap.
constexpr const char* k_market = R"json(
  "name": "demo",
  "now": "2026-01-05T15:00:00Z",
  "account": {"balance": 100000},
  "prices": {"AAPL": 100, "MSFT": 200, "NVDA": 50, "GOOGL": 150,
             "AMZN": 120, "TSLA": 250, "META": 300},
  "broker": {"latency_ms": 300}
)json";

// Ruleset 1 buys confident bulls with a take profit at the expert's target
// and a stop loss 5 % under the open price; ruleset 2 trades both ways.
constexpr const char* k_rulesets = R"json(
  "rulesets": [
    {"id": 1, "name": "confident bulls, target as take profit", "rules": [
      {"name": "bullish and confident",
       "triggers": [{"event_type": "bullish"},
                    {"event_type": "confidence", "operator": ">=",
                     "value": 60}],
       "actions": [{"action_type": "buy"},
                   {"action_type": "adjust_take_profit",
                    "reference_value": "expert_target_price", "value": 0},
                   {"action_type": "adjust_stop_loss",
                    "reference_value": "order_open_price", "value": -5}]}]},
    {"id": 2, "name": "both directions", "rules": [
      {"name": "short the bears", "continue_processing": true,
       "triggers": [{"event_type": "bearish"}],
       "actions": [{"action_type": "sell"}]},
      {"name": "buy the bulls",
       "triggers": [{"event_type": "bullish"}],
       "actions": [{"action_type": "buy"}]}]}
  ]
)json";

// Expert 1 (momentum) is the contended one, expert 2 also sells, expert 3
// is disabled and is turned away.
constexpr const char* k_experts = R"json(
  "experts": [
    {"id": 1, "name": "momentum", "enter_market_ruleset_id": 1,
     "settings": {"allow_automated_trade_opening": true,
                  "max_virtual_equity_per_instrument_percent": 20}},
    {"id": 2, "name": "value", "enter_market_ruleset_id": 2,
     "settings": {"allow_automated_trade_opening": true,
                  "enable_sell": true}},
    {"id": 3, "name": "paused", "enabled": false,
     "enter_market_ruleset_id": 1,
     "settings": {"allow_automated_trade_opening": true}}
  ]
)json";

// An OPENED MSFT position of expert 1: its new MSFT BUY is refused as a
// duplicate.
constexpr const char* k_transactions = R"json(
  "transactions": [
    {"id": 100, "expert_id": 1, "symbol": "MSFT", "side": "BUY",
     "quantity": 10, "open_price": 190, "status": "OPENED",
     "open_date": "2026-01-02T15:00:00Z"}
  ]
)json";

// One recommendation per case: AAPL opens and later hits its take profit,
// MSFT is the duplicate, NVDA misses the confidence trigger, GOOGL and the
// SELL of TSLA go through ruleset 2, AMZN is a HOLD, META belongs to the
// disabled expert.
constexpr const char* k_recommendations = R"json(
  "recommendations": [
    {"id": 1, "expert_id": 1, "symbol": "AAPL", "action": "BUY",
     "expected_profit_percent": 8, "price_at_date": 100, "confidence": 90,
     "risk_level": "MEDIUM", "time_horizon": "SHORT_TERM",
     "created_at": "2026-01-05T14:00:00Z"},
    {"id": 2, "expert_id": 1, "symbol": "MSFT", "action": "BUY",
     "expected_profit_percent": 12, "price_at_date": 200, "confidence": 80,
     "risk_level": "LOW", "time_horizon": "MEDIUM_TERM",
     "created_at": "2026-01-05T14:10:00Z"},
    {"id": 3, "expert_id": 1, "symbol": "NVDA", "action": "BUY",
     "expected_profit_percent": 20, "price_at_date": 50, "confidence": 40,
     "risk_level": "HIGH", "time_horizon": "SHORT_TERM",
     "created_at": "2026-01-05T14:20:00Z"},
    {"id": 4, "expert_id": 2, "symbol": "GOOGL", "action": "BUY",
     "expected_profit_percent": 15, "price_at_date": 150, "confidence": 70,
     "risk_level": "MEDIUM", "time_horizon": "LONG_TERM",
     "created_at": "2026-01-05T13:00:00Z"},
    {"id": 5, "expert_id": 2, "symbol": "TSLA", "action": "SELL",
     "expected_profit_percent": 10, "price_at_date": 250, "confidence": 75,
     "risk_level": "HIGH", "time_horizon": "SHORT_TERM",
     "created_at": "2026-01-05T13:30:00Z"},
    {"id": 6, "expert_id": 2, "symbol": "AMZN", "action": "HOLD",
     "expected_profit_percent": 0, "price_at_date": 120, "confidence": 50,
     "risk_level": "LOW", "time_horizon": "LONG_TERM",
     "created_at": "2026-01-05T13:45:00Z"},
    {"id": 7, "expert_id": 3, "symbol": "META", "action": "BUY",
     "expected_profit_percent": 9, "price_at_date": 300, "confidence": 95,
     "risk_level": "LOW", "time_horizon": "SHORT_TERM",
     "created_at": "2026-01-05T14:30:00Z"}
  ]
)json";

// Three experts start at once, expert 1 twice (one run waits 0.5 s and
// skips); then AAPL rises past its take profit, a refresh records the
// fill (the position closes, its stop loss is canceled), and expert 1
// runs again.
constexpr const char* k_steps = R"json(
  "steps": [
    {"at_ms": 0, "run": {"expert_id": 1, "use_case": "enter_market"}},
    {"at_ms": 0, "run": {"expert_id": 1, "use_case": "enter_market"}},
    {"at_ms": 0, "run": {"expert_id": 2, "use_case": "enter_market"}},
    {"at_ms": 0, "run": {"expert_id": 3, "use_case": "enter_market"}},
    {"drain": true},
    {"at_ms": 0, "prices": {"AAPL": 109}},
    {"drain": true},
    {"at_ms": 0, "refresh": true},
    {"drain": true},
    {"at_ms": 0, "run": {"expert_id": 1, "use_case": "enter_market"}}
  ]
)json";

} // namespace

const char* demo_scenario_json() {
  static const std::string doc = std::string{"{"} + k_market + ",\n"
                                 + k_rulesets + ",\n" + k_experts + ",\n"
                                 + k_transactions + ",\n"
                                 + k_recommendations + ",\n" + k_steps
                                 + "}";
  return doc.c_str();
}

namespace {

std::string num(const caf::optional<double>& x) {
  if (!x)
    return "-";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", *x);
  return buf;
}

/// One line per run, then one per outcome of its recommendations.
void print_runs(std::ostream& out, const scenario& sc,
                const std::vector<replay_run>& runs) {
  std::map<int64_t, std::string> names;
  for (auto& e : sc.experts)
    names[e.id] = e.name;
  char line[256];
  for (auto& r : runs) {
    auto& x = r.result;
    std::snprintf(line, sizeof(line),
                  "  step %-2zu expert %-3lld %-10s %-13s %-22s lock wait "
                  "%7.1f ms  orders %zu%s\n",
                  r.step, static_cast<long long>(x.expert_id),
                  names[x.expert_id].c_str(), to_string(x.uc).c_str(),
                  to_string(x.status).c_str(), x.lock_wait_ms, x.orders.size(),
                  r.timing_dependent ? "  (raced)" : "");
    out << line;
    if (x.error)
      out << "      error: " << *x.error << '\n';
    for (auto& o : x.outcomes) {
      std::snprintf(line, sizeof(line), "      rec %-4lld %-18s %s\n",
                    static_cast<long long>(o.recommendation_id),
                    to_string(o.result).c_str(), o.reason.c_str());
      out << line;
    }
  }
}

void print_transactions(std::ostream& out, const store_snapshot& snapshot) {
  char line[256];
  for (auto& t : snapshot.transactions) {
    std::snprintf(line, sizeof(line),
                  "  #%-4lld expert %-3lld %-6s %-4s qty %-6lld %-8s open %-9s"
                  " close %-9s tp %-9s sl %s\n",
                  static_cast<long long>(t.id),
                  static_cast<long long>(t.expert_id), t.symbol.c_str(),
                  to_string(t.side).c_str(),
                  static_cast<long long>(t.quantity),
                  to_string(t.status).c_str(), num(t.open_price).c_str(),
                  num(t.close_price).c_str(), num(t.take_profit).c_str(),
                  num(t.stop_loss).c_str());
    out << line;
  }
}

void print_orders(std::ostream& out, const store_snapshot& snapshot) {
  char line[256];
  for (auto& o : snapshot.orders) {
    auto level = o.limit_price ? o.limit_price : o.stop_price;
    std::snprintf(line, sizeof(line),
                  "  %-12s %-4s %-10s qty %-6lld level %-9s %-15s filled "
                  "%lld @ %s\n",
                  o.client_order_id.c_str(), to_string(o.side).c_str(),
                  to_string(o.type).c_str(),
                  static_cast<long long>(o.quantity), num(level).c_str(),
                  to_string(o.status).c_str(),
                  static_cast<long long>(o.filled_qty),
                  num(o.filled_avg_price).c_str());
    out << line;
  }
}

} // namespace

void print_summary(std::ostream& out, const scenario& sc,
                   const replay_outcome& res) {
  out << "Scenario '" << sc.name << "': " << sc.experts.size()
      << " experts, " << res.runs.size() << " runs, "
      << static_cast<int64_t>(res.elapsed_ms) << " ms\n\nRuns\n";
  print_runs(out, sc, res.runs);
  out << "\nTransactions\n";
  print_transactions(out, res.snapshot);
  out << "\nLock registry after the runs: " << res.registry.keys
      << " keys, " << res.registry.held << " held, " << res.registry.waiting
      << " waiting (" << res.registry.workers << " workers alive)\n";
  out << "\nOrders\n";
  print_orders(out, res.snapshot);
}

} // namespace tradeflow
