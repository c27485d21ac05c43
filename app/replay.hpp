#pragma once

#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/settings.hpp"
#include "app/replay_output.hpp"
#include "app/wiring.hpp"
#include "app/scenario.hpp"
#include "app/venue_choice.hpp"
#include "storage/transaction_store.hpp"

/// Runs a scenario's steps through the real actor system
/// (docs/scenario-format.md).
namespace tradeflow {

struct replay_outcome {
  std::vector<replay_run> runs;
  store_snapshot snapshot;
  /// The lock registry once every step and the final refresh are done.
  registry_status registry;
  double elapsed_ms = 0;
};

/// The scenario's starting rows and paper-venue state.
scenario_seed seed_of(const scenario& sc);
venue_setup venue_of(const scenario& sc);

/// Writes the scenario's rulesets, experts, recommendations and given
/// transactions into `db` (the replay's first step, also used by the
/// benchmark's storage floor).
caf::error seed_store(storage::transaction_store& db, const scenario& sc);

/// Runs `sc`'s steps at their times (drains included) against the engine
/// `e` (in-process or a cluster's handles), then the final refresh, and
/// collects the runs, the store's snapshot and the registry's status.
/// `board` (may be null) learns each price step's prices.
caf::expected<replay_outcome>
run_steps(caf::actor_system& sys, const scenario& sc, const engine_actors& e,
          std::shared_ptr<quote_board> board = nullptr);

/// Loads `sc` into the fresh store at `db_url` (`ec::invalid_input` when
/// the URL is bad, the database unreachable or not fresh), runs every step
/// at its time (drains included), does the final refresh and returns what
/// happened. `settings.fixed_now_ms` is set to the scenario's `now`.
/// With `venue.fix()` it trades on the FIX venue (its collar's reference:
/// the scenario's prices and price steps; its balance the account's)
/// instead of the paper venue, and the scenario's `broker` faults and
/// latency do not apply.
caf::expected<replay_outcome> execute_scenario(caf::actor_system& sys,
                                               const scenario& sc,
                                               const std::string& db_url,
                                               run_settings settings,
                                               venue_choice venue = {});

} // namespace tradeflow
