#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/run.hpp"
#include "messages/store.hpp"

/// The replay's JSON output (SCENARIO.md "Output").
namespace tradeflow {

struct replay_run {
  size_t step = 0;
  run_result result;
  /// Set for runs of one lock key started together (a race group).
  bool timing_dependent = false;
  std::string race_group;
};

/// Renders the output document: runs in step order, every transaction
/// (new ones name their entry's client order id) and every order
/// (`depends_on` = parent's client order id), numbers rounded to 4
/// decimals and integral values printed without a fraction.
nlohmann::json render_output(const std::string& scenario_name,
                             const std::vector<replay_run>& runs,
                             const store_snapshot& snapshot,
                             double elapsed_ms);

/// A number rounded to 4 decimals, as an integer when integral.
nlohmann::json json_number(double x);

} // namespace tradeflow
