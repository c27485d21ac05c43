#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "actors/settings.hpp"
#include "messages/actor_types.hpp"

namespace tradeflow {

struct refresher_state {
  store_actor store;
  broker_actor broker;
  run_settings settings;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "refresher";
};

/// Refreshes a scope: one status request to the broker for all its working
/// orders, the transaction sync, then the waiting-trigger check, submitting
/// the legs it releases one at a time (docs/engine.md §2 steps 8-9,
/// docs/engine-details.md §6.3, §6.4).
/// Overlapping refreshes are safe: the store changes statuses by
/// compare-and-set, so a leg is released and submitted once.
refresher_actor::behavior_type
refresher(refresher_actor::stateful_pointer<refresher_state> self,
          store_actor store, broker_actor broker, run_settings settings);

} // namespace tradeflow
