#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "app/scenario.hpp"
#include "messages/store.hpp"

/// The end-to-end figure's floor: the rows a replay wrote, written again
/// with the same storage layer in one loop, without actors.
namespace tradeflow::bench {

/// The entry bundles (transaction + entry + legs) a replay created, in
/// the state `write_entry` writes them (WAITING, entry pending, legs
/// waiting_trigger), rebuilt from its final snapshot. Transactions whose
/// id is in `given` (the scenario's own) are left out.
std::vector<entry_write> rebuild_entries(const store_snapshot& snapshot,
                                         const scenario& given);

/// Opens `db_url` (a fresh database), migrates and seeds it like the
/// replay does (untimed), then writes `entries` with
/// `transaction_store::write_entry` one after the other and returns the
/// milliseconds of that loop alone. A write that is not `written` is an
/// `ec::run_failed` error.
caf::expected<double> write_floor(const std::string& db_url,
                                  const scenario& sc,
                                  const std::vector<entry_write>& entries);

/// Number of (expert, symbol) pairs holding more than one WAITING/OPENED
/// transaction in `snapshot` (the engine's guarantee: zero).
int64_t duplicate_live_pairs(const store_snapshot& snapshot);

} // namespace tradeflow::bench
