#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/run.hpp"
#include "messages/store.hpp"

/// The replay's JSON output (docs/scenario-format.md "Output").
namespace tradeflow {

/// One `run` step's result as the replay collected it.
struct replay_run {
  /// 0-based index of the step in `steps`.
  size_t step = 0;
  run_result result;
  /// Set for runs of one lock key started together (a race group).
  bool timing_dependent = false;
  std::string race_group;
};

/// The output's `format_version`: raised when a field changes its meaning
/// or disappears, so a reader of stored outputs can tell which it holds
/// (docs/scenario-format.md "Output").
constexpr int replay_format_version = 1;

/// Renders the output document: `format_version` first, then runs in
/// step order, every transaction (new ones name their entry's client order
/// id) and every order (`depends_on` = parent's client order id), numbers
/// rounded to 4 decimals and integral values printed without a fraction.
/// Keys keep the order of docs/scenario-format.md "Output" (an
/// `ordered_json`); print it with `dump(2)`. Runs are sorted by step,
/// transactions by id and orders by expert, recommendation and id.
/// `elapsed_ms` goes to `stats`.
nlohmann::ordered_json render_output(const std::string& scenario_name,
                                     const std::vector<replay_run>& runs,
                                     const store_snapshot& snapshot,
                                     double elapsed_ms);

/// Marks runs of one lock key started together (the same `start_slot`
/// of their steps) as a race group (docs/scenario-format.md "Race groups").
void mark_race_groups(std::vector<replay_run>& runs,
                      const std::map<size_t, std::string>& start_slot);

/// A number rounded to 4 decimals, as an integer when integral (null when
/// not finite).
nlohmann::ordered_json json_number(double x);

} // namespace tradeflow
