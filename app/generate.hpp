#pragma once

#include <cstdint>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

/// Synthetic scenarios for benchmarks and smoke tests (`tradeflow gen`): a
/// pure function from parameters to a scenario document
/// (docs/scenario-format.md), identical for identical parameters on every
/// platform.
namespace tradeflow {

/// What `generate_scenario` builds; field names mirror the `gen` flags.
struct generate_params {
  /// `--experts`: number of experts, each with its own enter_market
  /// ruleset (1 .. 1,000,000).
  int64_t experts = 10;
  /// `--recs-per-expert`: BUY recommendations per expert, each on its own
  /// symbol (1 .. 10,000; experts x recs at most 10,000,000).
  int64_t recs_per_expert = 5;
  /// `--dup-ratio`: fraction of (expert, symbol) pairs that already have a
  /// WAITING or OPENED transaction (0 .. 1).
  double dup_ratio = 0.2;
  /// `--concurrency`: how many times every expert's run is triggered at
  /// the same instant (1 .. 100).
  int64_t concurrency = 3;
  /// `--seed`: seeds prices, profits, confidences and duplicate choice.
  uint64_t seed = 1;
};

/// Builds the scenario: symbols `S00001`.. shared by all experts, a price
/// for each, a balance and per-instrument cap that fund every candidate,
/// rulesets "bullish and confident -> buy + take profit at the expert's
/// target", round(dup_ratio * experts * recs_per_expert) given
/// transactions (WAITING or OPENED, quantity 1), `concurrency` run steps
/// per expert at `at_ms` 0, then drain, a price step that lifts every
/// price by 0-30 %, drain and refresh. Out-of-range parameters give
/// `ec::invalid_input` whose text names the flag (`--experts: ...`).
caf::expected<nlohmann::json> generate_scenario(const generate_params& p);

} // namespace tradeflow
