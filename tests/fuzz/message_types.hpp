#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "messages/type_ids.hpp"

/// The message types the fuzz target `fuzz_messages` deserialises: every
/// type of the engine's type-ID block, since each of them may cross a node
/// boundary. An input's first byte (modulo the count) picks the type, the
/// rest is the serialised value.
namespace tradeflow::fuzz {

/// In the order of the type-ID block; append new types at the end so that
/// the saved inputs keep their meaning.
using message_types = std::tuple<
  use_case, expert, expert_settings, recommendation, transaction, order,
  ruleset, std::vector<std::string>, std::vector<transaction>,
  std::vector<order>, run_request, run_result, lock_grant, registry_status,
  key_status, run_load_request, run_snapshot, write_request,
  std::vector<write_result>, position_write_request,
  std::vector<order_update>, fenced_updates, refresh_scope, refresh_report,
  sync_summary, run_record, store_snapshot, recommendation_batch,
  sizing_request, sizing_result, broker_order, submit_reply,
  std::vector<broker_order_state>, price_quotes, broker_faults,
  execution_report, cancel_request, std::vector<broker_order>, venue_setup,
  scenario_seed, std::vector<ruleset>, std::vector<expert>,
  std::vector<recommendation>, engine_event, std::vector<engine_event>,
  event_batch>;

// A type added to the block must be added here too (the round-trip test in
// tests/messages covers it; this keeps the fuzzer from falling behind).
static_assert(std::tuple_size_v<message_types>
                == caf::id_block::tradeflow::end
                     - caf::id_block::tradeflow::begin,
              "fuzz_messages must cover every type of the type-ID block");

/// How many types `message_types` holds.
inline constexpr size_t message_type_count
  = std::tuple_size<message_types>::value;

/// Calls `f(T{})` with the `index`-th type of `message_types` (`index` is
/// below `message_type_count`).
template <class F, size_t I = 0>
void with_message_type(size_t index, F&& f) {
  if constexpr (I < message_type_count) {
    if (index == I)
      f(std::tuple_element_t<I, message_types>{});
    else
      with_message_type<F, I + 1>(index, std::forward<F>(f));
  }
}

} // namespace tradeflow::fuzz
