#pragma once

#include <memory>

#include <caf/expected.hpp>
#include <spdlog/logger.h>

#include "messages/actor_types.hpp"
#include "messages/ticks.hpp"
#include "storage/transaction_store.hpp"

namespace tradeflow {

struct store_state {
  std::shared_ptr<storage::transaction_store> db;
  std::shared_ptr<spdlog::logger> log;
  /// The ticks a released leg's rebased level is rounded to.
  tick_table ticks;
  static inline const char* name = "store";
};

/// The transaction-store actor: the only code that touches the database.
/// It does blocking I/O, so the app spawns it detached (its own thread).
store_actor::behavior_type
store(store_actor::stateful_pointer<store_state> self,
      std::shared_ptr<storage::transaction_store> db, tick_table ticks);

/// Step 8 of a run: applies broker states to orders (never out of filled
/// or a terminal status), then syncs transactions
/// (docs/engine-details.md §6.3).
caf::expected<sync_summary> apply_refresh(storage::transaction_store& db,
                                          spdlog::logger& log,
                                          const refresh_report& report);

/// Step 9: the waiting-trigger check (docs/engine-details.md §6.4). Legs to
/// submit are moved to `pending` by compare-and-set (so overlapping checks
/// release a leg once) with their parent's filled quantity and rebased level
/// (on the tick of the leg's symbol in `ticks`); returned in id order.
caf::expected<std::vector<order>>
release_triggers(storage::transaction_store& db, spdlog::logger& log,
                 const refresh_scope& scope, const tick_table& ticks);

} // namespace tradeflow
