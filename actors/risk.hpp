#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "messages/actor_types.hpp"

namespace tradeflow {

struct risk_state {
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "risk";
};

/// Risk management (docs/engine.md §5): sizes a run's candidates together from
/// the snapshot carried by the request; holds no state that can go stale.
risk_actor::behavior_type
risk_manager(risk_actor::stateful_pointer<risk_state> self);

} // namespace tradeflow
