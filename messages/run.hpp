#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "enums.hpp"
#include "finite.hpp"

namespace tradeflow {

/// app/replay -> supervisor -> worker: one `process(expert, use_case,
/// lookback_days)` call (docs/engine.md §2).
struct run_request {
  int64_t expert_id = 0;
  use_case uc = use_case::enter_market;
  int32_t lookback_days = 1;
  /// The run's clock, epoch ms (a replay's fixed `now`, also on workers of
  /// other nodes); none = the worker's own clock.
  caf::optional<int64_t> as_of_ms;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_request& x) {
  return f(caf::meta::type_name("run_request"), x.expert_id, x.uc,
           x.lookback_days, x.as_of_ms);
}

/// Why one recommendation did or did not become an order (docs/engine.md
/// §2.4).
struct recommendation_outcome {
  int64_t recommendation_id = 0;
  outcome result = outcome::no_action;
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type
inspect(Inspector& f, recommendation_outcome& x) {
  return f(caf::meta::type_name("recommendation_outcome"),
           x.recommendation_id, x.result, x.reason);
}

/// worker -> requester: what one run decided; `error` is set when steps
/// 2-9 failed (the status stays `processed`, docs/engine.md §2.4).
struct run_result {
  int64_t expert_id = 0;
  use_case uc = use_case::enter_market;
  run_status status = run_status::processed;
  caf::optional<std::string> error;
  /// Client order ids of the orders this run created.
  std::vector<std::string> orders;
  /// One per recommendation looked at, in load order.
  std::vector<recommendation_outcome> outcomes;
  double lock_wait_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_result& x) {
  auto finite = finite_check("run_result", x.lock_wait_ms);
  return f(caf::meta::type_name("run_result"), caf::meta::save_callback(finite),
           x.expert_id, x.uc, x.status, x.error, x.orders, x.outcomes,
           x.lock_wait_ms, caf::meta::load_callback(finite));
}

/// What a refresh changed (store -> refresher -> requester).
struct sync_summary {
  uint64_t orders_updated = 0;
  uint64_t transactions_changed = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sync_summary& x) {
  return f(caf::meta::type_name("sync_summary"), x.orders_updated,
           x.transactions_changed);
}

/// The lock key of docs/engine.md §3.1: `expert_{id}_usecase_{use_case}`.
inline std::string lock_key(int64_t expert_id, use_case uc) {
  return "expert_" + std::to_string(expert_id) + "_usecase_" + to_string(uc);
}

/// Deterministic client order id `{expert}-{recommendation}-{leg}`
/// (docs/engine.md §3.3).
inline std::string client_order_id(int64_t expert_id, int64_t rec_id,
                                   const char* leg) {
  return std::to_string(expert_id) + "-" + std::to_string(rec_id) + "-" + leg;
}

} // namespace tradeflow
