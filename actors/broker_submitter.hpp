#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <caf/timespan.hpp>
#include <spdlog/logger.h>

#include "actors/venue/venue_requests.hpp"
#include "messages/actor_types.hpp"
#include "messages/broker_adapter.hpp"
#include "messages/venue.hpp"

namespace tradeflow {

class engine_metrics; // actors/metrics.hpp

/// What the broker actor trades against (README, "Connecting a real
/// venue").
struct broker_backend {
  broker_backend() = default;

  /// Trades against a synchronous adapter (the common case: paper).
  template <class T, class = std::enable_if_t<
                       std::is_convertible<T*, broker_adapter*>::value>>
  broker_backend(std::shared_ptr<T> x) : sync(std::move(x)) {
    // nop
  }

  /// A synchronous adapter (the paper broker, a host's): orders go to it
  /// through a `sync_venue`, and prices, balance and the simulation steps
  /// (prices, faults, setup) come from it.
  std::shared_ptr<broker_adapter> sync;
  /// An asynchronous venue (FIX, a host's): used when `sync` is null. Its
  /// prices are those set by price steps or the host, from `prices`, and
  /// its balance is `balance`.
  std::shared_ptr<venue_adapter> venue;
  price_quotes prices;
  double balance = 0;
};

struct broker_submitter_state {
  std::shared_ptr<venue_adapter> venue;
  std::shared_ptr<broker_adapter> sync;
  price_quotes quotes;
  double balance = 0;
  /// The simulated answer delay (a paper venue's latency), applied to the
  /// reports of a synchronous venue; read on the venue's threads.
  std::shared_ptr<std::atomic<int64_t>> latency_ns;
  /// How long a request waits for the venue's report; an unanswered one is
  /// then answered with a timeout and forgotten.
  caf::timespan window{0};
  venue_requests requests;
  /// Numbers the cancel requests (FIX: a ClOrdID of their own).
  uint64_t next_cancel = 1;
  /// Null = metrics off (docs/metrics.md).
  std::shared_ptr<engine_metrics> metrics;
  std::shared_ptr<spdlog::logger> log;
  static inline const char* name = "broker";
};

/// The broker-submission actor: the one path to the venue. A request goes
/// to the venue at once and is answered when the venue's report arrives
/// (acknowledged or rejected; canceled or cancel rejected; status), or
/// with a timeout after `window`. Reports arrive in this actor's mailbox
/// from the venue's own threads; none of them blocks. For a venue without
/// native one-cancels-other, a fill cancels the other working orders of
/// its group here. With `metrics` (null: off), it times each venue call
/// and counts submissions and refusals.
broker_actor::behavior_type
broker_submitter(broker_actor::stateful_pointer<broker_submitter_state> self,
                 broker_backend backend, caf::timespan latency,
                 caf::timespan window, std::shared_ptr<engine_metrics> metrics);

} // namespace tradeflow
