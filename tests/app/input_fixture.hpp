#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/scenario.hpp"
#include "tests/storage/ruleset_fixture.hpp"

/// Helpers of the scenario tests: a minimal valid scenario to break one
/// field at a time, and the error text of a parse (with the ruleset and
/// error helpers of tests/storage/ruleset_fixture.hpp).
namespace tradeflow::test {

/// A valid scenario with one of everything: two rulesets (1 referenced,
/// 2 not), expert 1, a given OPENED transaction, one recommendation and a
/// run step.
inline json base_scenario() {
  return json::parse(R"({
    "name": "base",
    "now": "2026-01-05T15:00:00Z",
    "account": {"balance": 100000},
    "prices": {"AAPL": 100},
    "rulesets": [
      {"id": 1, "name": "enter", "rules": [
        {"name": "bullish", "triggers": [{"event_type": "bullish"}],
         "actions": [{"action_type": "buy"}]}]},
      {"id": 2, "rules": []}
    ],
    "experts": [
      {"id": 1, "enter_market_ruleset_id": 1,
       "open_positions_ruleset_id": null,
       "settings": {"allow_automated_trade_opening": true}}
    ],
    "transactions": [
      {"id": 100, "expert_id": 1, "symbol": "TSLA", "side": "BUY",
       "quantity": 10, "open_price": 200, "status": "OPENED",
       "open_date": "2026-01-02T15:00:00Z"}
    ],
    "recommendations": [
      {"id": 1, "expert_id": 1, "symbol": "AAPL", "action": "BUY",
       "expected_profit_percent": 30, "price_at_date": 100,
       "confidence": 90, "risk_level": "MEDIUM",
       "time_horizon": "SHORT_TERM", "created_at": "2026-01-05T14:00:00Z"}
    ],
    "steps": [
      {"at_ms": 0, "run": {"expert_id": 1, "use_case": "enter_market"}}
    ]
  })");
}

/// A valid recommendation with id `id` (for steps and duplicates).
inline json recommendation_json(int id) {
  auto rec = base_scenario()["recommendations"][0];
  rec["id"] = id;
  return rec;
}

/// The error text of parsing `doc`, or "ok" when it parses.
inline std::string scenario_error(const json& doc) {
  auto result = parse_scenario(doc);
  if (result)
    return "ok";
  return reason(result.error());
}

} // namespace tradeflow::test
