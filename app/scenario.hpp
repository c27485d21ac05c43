#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

#include "messages/broker.hpp"
#include "messages/entities.hpp"
#include "messages/rules.hpp"
#include "messages/run.hpp"
#include "messages/ticks.hpp"

/// A replay scenario (docs/scenario-format.md "Input"), fully validated:
/// referential checks and the validation rules of docs/engine-details.md
/// §8.1 hold for every field.
namespace tradeflow {

/// One item of `steps`: exactly one of its kinds; only the member of that
/// kind is set.
struct scenario_step {
  /// `run`, `prices`, `refresh`, `recommendations` or `drain`.
  enum class kind : uint8_t { run, prices, refresh, recommendations, drain };
  kind what = kind::run;
  /// Milliseconds after the replay start (or after the last drain); 0 for
  /// a drain, which has none.
  int64_t at_ms = 0;
  run_request run;                            ///< kind::run
  price_quotes prices;                        ///< kind::prices
  std::vector<recommendation> recommendations; ///< kind::recommendations
};

/// A whole scenario document. Defaults of docs/engine.md §1 are filled in; ids
/// are unique and every reference (expert, ruleset) resolves, except a
/// `run` step's expert (an unknown one ends `guard:unknown_expert`).
struct scenario {
  /// `name` ("" when absent).
  std::string name;
  /// `now`: the replay's fixed clock, epoch milliseconds UTC.
  int64_t now_ms = 0;
  /// `account.balance`.
  double balance = 0;
  /// Initial paper-broker prices.
  price_quotes prices;
  /// `broker.latency_ms` (0 without a `broker` section).
  int64_t latency_ms = 0;
  /// `broker.refuse_symbols` and `broker.timeout_symbols`.
  broker_faults faults;
  /// `tick_size`: the default tick of this scenario's instruments; none:
  /// the engine's (engine.ini `[broker] tick-size`, `--tick-size`).
  caf::optional<price_tick> tick_size;
  /// `tick_sizes`: ticks of single symbols, over any default.
  std::map<std::string, price_tick> tick_sizes;
  std::vector<ruleset> rulesets;
  std::vector<expert> experts;
  /// Given transactions; created_at is open_date (else `now`).
  std::vector<transaction> transactions;
  /// The top-level recommendations (steps may add more).
  std::vector<recommendation> recommendations;
  std::vector<scenario_step> steps;
};

/// The ticks a replay of `sc` trades with: the engine's `ticks`, with its
/// default replaced by the scenario's `tick_size` and its symbols' by
/// `tick_sizes` (the scenario describes its instruments).
tick_table ticks_for(const scenario& sc, tick_table ticks);

/// Parses and validates a scenario document. Errors are `ec::invalid_input`
/// whose text names the field path and the offending value
/// (`experts[0].settings.enable_buyy: unknown key`).
caf::expected<scenario> parse_scenario(const nlohmann::json& doc);

/// Reads `path` (unreadable or not JSON: `ec::invalid_input` naming the
/// file and the parse position) and parses it.
caf::expected<scenario> load_scenario_file(const std::string& path);

/// Parses an ISO-8601 timestamp `YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]`
/// ("2026-01-05T15:00:00Z"; no zone = UTC; fraction digits past the
/// millisecond are dropped) into epoch milliseconds. Malformed text or an
/// impossible date: `ec::invalid_input` quoting the text.
caf::expected<int64_t> parse_timestamp(const std::string& text);

} // namespace tradeflow
