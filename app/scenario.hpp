#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

#include "messages/broker.hpp"
#include "messages/entities.hpp"
#include "messages/rules.hpp"
#include "messages/run.hpp"

/// A replay scenario (SCENARIO.md "Input"), fully validated: referential
/// checks and ENGINE.md 8's validation rules hold for every field.
namespace tradeflow {

struct scenario_step {
  enum class kind : uint8_t { run, prices, refresh, recommendations, drain };
  kind what = kind::run;
  /// Milliseconds after the replay start (or after the last drain).
  int64_t at_ms = 0;
  run_request run;                            ///< kind::run
  price_quotes prices;                        ///< kind::prices
  std::vector<recommendation> recommendations; ///< kind::recommendations
};

struct scenario {
  std::string name;
  int64_t now_ms = 0;
  double balance = 0;
  price_quotes prices;
  int64_t latency_ms = 0;
  broker_faults faults;
  std::vector<ruleset> rulesets;
  std::vector<expert> experts;
  std::vector<transaction> transactions;
  std::vector<recommendation> recommendations;
  std::vector<scenario_step> steps;
};

/// Parses and validates a scenario document. Errors are `ec::invalid_input`
/// whose text names the field path and the offending value
/// (`experts[0].settings.enable_buyy: unknown key`).
caf::expected<scenario> parse_scenario(const nlohmann::json& doc);

/// Reads `path` (unreadable or not JSON: `ec::invalid_input` naming the
/// file and the parse position) and parses it.
caf::expected<scenario> load_scenario_file(const std::string& path);

/// Parses an ISO-8601 timestamp ("2026-01-05T15:00:00Z", with optional
/// fraction and zone offset; no zone = UTC) into epoch milliseconds.
caf::expected<int64_t> parse_timestamp(const std::string& text);

} // namespace tradeflow
