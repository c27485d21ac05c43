#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include <caf/timespan.hpp>
#include <spdlog/logger.h>

#include "messages/broker_adapter.hpp"
#include "messages/actor_types.hpp"

namespace tradeflow {

class engine_metrics; // actors/metrics.hpp

struct broker_submitter_state {
  std::shared_ptr<broker_adapter> broker;
  /// Answer delay for submit, status and cancel (not prices or balance).
  caf::timespan latency{0};
  /// Answers waiting for their latency to pass, by token.
  std::unordered_map<uint64_t, std::function<void()>> delayed;
  uint64_t next_token = 1;
  /// Promises the broker never answers (unknown outcome): kept, not
  /// broken, so the requester sees its own timeout.
  std::vector<caf::typed_response_promise<submit_reply>> unanswered;
  /// Null = metrics off (docs/metrics.md).
  std::shared_ptr<engine_metrics> metrics;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "broker";
};

/// The broker-submission actor: the one path to the broker adapter (the
/// paper broker or a real one). Handles each request on arrival and delays
/// its answer by `latency`. With `metrics` (null: off), it times each
/// adapter call and counts submissions and refusals. No default argument:
/// CAF's spawn of a function-based actor passes every parameter.
broker_actor::behavior_type
broker_submitter(broker_actor::stateful_pointer<broker_submitter_state> self,
                 std::shared_ptr<broker_adapter> broker,
                 caf::timespan latency,
                 std::shared_ptr<engine_metrics> metrics);

} // namespace tradeflow
