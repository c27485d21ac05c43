#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "messages/entities.hpp"
#include "messages/lock.hpp"
#include "messages/store.hpp"

/// The invariants of docs/engine.md that every seeded interleaving must keep,
/// checked on plain data read back from the store, the broker and the
/// supervisor once the engine is quiescent. CAF-free, so a test can feed
/// it hand-made states and see it fail.
namespace tradeflow::test {

/// Everything the checker reads, collected at quiescence.
struct world_state {
  /// Every transaction and order in the SQLite store.
  store_snapshot snapshot;
  /// Every run the workers recorded (`record_run`), in recording order.
  std::vector<run_record> runs;
  /// Per expert, the recommendation ids an enter_market run loads (newest
  /// per symbol, HOLD dropped), computed from the seeded recommendations.
  std::map<int64_t, std::set<int64_t>> loads;
  /// Ids of transactions seeded before the engine started (no orders).
  std::set<int64_t> given_transactions;
  /// Submissions that reached the broker, per client order id.
  std::map<std::string, int> submits;
  /// Client order ids the broker's book knows.
  std::set<std::string> broker_known;
  /// The lock registry and run admission at the end.
  registry_status registry;
  /// Run requests answered with a run_result / with an error, and whether
  /// a worker was killed (the only excuse for an error answer).
  size_t results = 0;
  size_t failures = 0;
  size_t unanswered = 0;
  bool killed_any = false;
};

/// Every violation found, one line each (empty: all invariants hold):
/// - `two_live`: two WAITING/OPENED transactions on one (expert, symbol);
/// - `two_orders`: a client order id submitted twice, stored twice, or at
///   the broker without a stored order;
/// - `lock_held`: a key held, waited for or runs still admitted;
/// - `outcomes`: a recorded run whose outcomes are not exactly one per
///   recommendation it loaded, a run request never answered, or a run
///   answered by neither a record nor a killed worker;
/// - `siblings`: a transaction without its entry and both legs, or an
///   order whose transaction or parent is missing.
std::vector<std::string> check_invariants(const world_state& w);

/// The invariants that must hold at every step, not only at the end:
/// `two_live` and `two_orders` over the store and the broker's submission
/// counts (the other fields of `w` are not read).
std::vector<std::string> check_safety(const world_state& w);

/// The ids an enter_market run of `expert_id` loads from `recs`
/// (docs/engine.md §2 step 3): newest per symbol by (created_at, id), HOLD
/// dropped.
std::set<int64_t> expected_load(const std::vector<recommendation>& recs,
                                int64_t expert_id);

} // namespace tradeflow::test
