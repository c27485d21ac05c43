#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <caf/actor_addr.hpp>

#include "tests/interleavings/invariants.hpp"
#include "tests/support/faulty_store.hpp"
#include "tests/support/pipeline_fixture.hpp"

/// The engine of one seed: `pipeline_fixture` (supervisor, workers, store
/// over SQLite `:memory:`, risk, refresher, broker submitter over the
/// paper broker, all under the test coordinator) seeded from a plan, with
/// hooks for the seeded scheduler.
namespace tradeflow::test {

/// The enter_market ruleset of the interleaving experts: BUY when bullish,
/// take profit at +5 % and stop loss at -5 % of the current price, so each
/// written candidate is a transaction, an entry and two legs.
constexpr int64_t legs_ruleset_id = 11;

/// The open_positions ruleset of the interleaving experts: move every live
/// position's take profit to +3 % and its stop loss to -3 % of the current
/// price (a cancel and a replacement per leg).
constexpr int64_t manage_ruleset_id = 12;

/// The random world of one seed, before the engine starts.
struct world_plan {
  int64_t experts = 2;
  std::vector<std::string> symbols;
  std::vector<recommendation> recs;
  /// Positions given before start: (expert, symbol, WAITING or OPENED).
  std::vector<std::tuple<int64_t, std::string, txn_status>> given;
  /// Symbols the paper broker has no price for.
  std::vector<std::string> unpriced;
  int64_t latency_ms = 0;
  int64_t lock_wait_ms = 500;
  int64_t lock_margin_ms = 250;
  size_t max_runs = 512;
  broker_faults faults;
};

enum class event_kind { trigger, refresh, price, kill, faults };

/// One scripted outside event.
struct world_event {
  event_kind kind = event_kind::trigger;
  /// trigger: the expert to run, and which of its runs.
  int64_t expert = 1;
  use_case uc = use_case::enter_market;
  /// price: the symbol and its new price.
  std::string symbol;
  double price = 100;
  /// kill: which of the workers seen so far (modulo their number).
  uint64_t victim = 0;
  /// faults: the broker's new fault settings.
  broker_faults faults;
};

/// A `faulty_store` that never fails and keeps every recorded run.
class recording_store : public faulty_store {
public:
  using faulty_store::faulty_store;

  /// Every `record_run` call, in order.
  std::vector<run_record> runs;

  caf::expected<int64_t> record_run(const run_record& x) override {
    runs.push_back(x);
    return faulty_store::record_run(x);
  }
};

struct world_fixture : pipeline_fixture {
  const world_plan& plan;
  std::shared_ptr<recording_store> recorder;
  std::vector<run_log_ptr> runs;
  std::vector<std::shared_ptr<bool>> refreshes;
  /// Every worker that ran so far (weak: dead ones stay listed).
  std::vector<caf::actor_addr> workers;
  std::set<int64_t> given_ids;
  bool killed_any = false;

  /// Seeds experts, recommendations and given positions, then starts the
  /// engine with the plan's latency, lock waits and broker faults.
  explicit world_fixture(const world_plan& p);

  /// Applies `ev` now; returns a line for the seed's summary.
  std::string inject(const world_event& ev);

  /// Moves the ready job at `index` to the front and runs it once,
  /// remembering it when it is a worker.
  void run_random(size_t index);

  /// The store and the broker's submission counts as they are now; valid
  /// between two scheduler steps (every actor runs on the test thread).
  world_state peek();

  /// Reads the store, the broker and the registry for the checker; the
  /// engine must be quiescent.
  world_state collect();
};

} // namespace tradeflow::test
