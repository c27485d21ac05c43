#pragma once

#include <cstdint>
#include <memory>

#include <caf/timespan.hpp>
#include <spdlog/logger.h>

#include "messages/actor_types.hpp"

namespace tradeflow {

struct refresh_ticker_state {
  refresher_actor refresher;
  caf::timespan interval{0};
  /// A refresh is under way: the next tick skips instead of piling up.
  bool in_flight = false;
  uint64_t refreshes = 0;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "refresh_ticker";
};

/// Asks the refresher for a refresh of every expert's orders every
/// `interval` (config `refresh-interval-ms`), one at a time: a tick that
/// finds the previous refresh still running skips.
ticker_actor::behavior_type
refresh_ticker(ticker_actor::stateful_pointer<refresh_ticker_state> self,
               refresher_actor refresher, caf::timespan interval);

} // namespace tradeflow
