#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <caf/timespan.hpp>

#include "actors/broker_adapter.hpp"
#include "actors/settings.hpp"
#include "messages/actor_types.hpp"
#include "storage/transaction_store.hpp"

/// Spawns and stops the engine's actors (docs/architecture.md §2, §5).
namespace tradeflow {

struct engine {
  supervisor_actor supervisor;
  store_actor store;
  risk_actor risk;
  broker_actor broker;
  refresher_actor refresher;
  /// Set when a periodic refresh interval was given.
  ticker_actor ticker;
};

/// Spawns the store detached (it blocks on the database), the broker
/// submitter, risk, refresher and the supervisor. `first_epoch` seeds the
/// registry's fencing epochs (database max + 1). A non-zero
/// `refresh_interval` starts the periodic refresh of a running engine
/// (replay leaves it off: its refreshes are steps).
engine start_engine(caf::actor_system& sys, const run_settings& settings,
                    std::shared_ptr<storage::transaction_store> db,
                    std::shared_ptr<broker_adapter> broker,
                    caf::timespan broker_latency, int64_t first_epoch,
                    caf::timespan refresh_interval = caf::timespan{0});

/// Opens the store at `url` and migrates its schema; errors are
/// invalid_input naming `--db` (exit code 2 for the user).
caf::expected<std::shared_ptr<storage::transaction_store>>
open_migrated_store(const std::string& url);

/// Sends every engine actor an exit so that `~actor_system` does not wait
/// on them forever.
void stop_engine(const engine& e);

} // namespace tradeflow
