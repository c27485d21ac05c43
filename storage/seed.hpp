#pragma once

#include <caf/error.hpp>

#include "messages/cluster.hpp"
#include "storage/transaction_store.hpp"

/// Writing a scenario's starting rows, for a replay in-process or against
/// a cluster's shared database, and for the benchmarks' storage floor.
namespace tradeflow::storage {

/// Writes rulesets, experts, recommendations and given transactions, in
/// that order (each refers to the ones before).
caf::error seed_store(transaction_store& db, const scenario_seed& x);

/// Like `seed_store`, but only into a database without rows, all in one
/// database transaction together with that check (see
/// `transaction_store::seed_fresh`): a replay's output is only meaningful
/// from a known start (`ec::invalid_input`), and a failure or a kill
/// halfway leaves the database fresh.
caf::error seed_fresh_store(transaction_store& db, const scenario_seed& x);

} // namespace tradeflow::storage
