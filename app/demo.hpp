#pragma once

#include <ostream>
#include <string>

#include "app/replay.hpp"

namespace tradeflow {

/// The bundled demo scenario: several experts running concurrently, a
/// duplicate, a contended expert, a position that opens and closes at its
/// take profit.
const char* demo_scenario_json();

/// Prints a readable summary of a replay: one block per run (status, lock
/// wait, orders, outcomes), then transactions and orders.
void print_summary(std::ostream& out, const scenario& sc,
                   const replay_outcome& res);

} // namespace tradeflow
