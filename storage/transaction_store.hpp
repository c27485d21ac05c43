#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "messages/entities.hpp"
#include "messages/rules.hpp"
#include "messages/run.hpp"
#include "messages/store.hpp"

/// The storage interface: every database access of the engine. Methods
/// return `caf::expected` / `caf::error` with `ec::storage_failure` (and
/// the driver's message) on database failures; they never throw.
namespace tradeflow::storage {

/// Result of writing one entry bundle (docs/engine.md §2 step 6).
struct entry_outcome {
  write_status status = write_status::failed;
  int64_t transaction_id = 0;
  /// Entry first, then legs, with their database ids.
  std::vector<order> orders;
  std::string reason;
};

/// The `ec::invalid_input` error of a database that is not fresh.
caf::error make_fresh_error();

class transaction_store {
public:
  virtual ~transaction_store() = default;

  /// Creates or upgrades the schema; returns the schema version.
  virtual caf::expected<int> migrate() = 0;

  /// True when no engine table holds a row (a "fresh" database).
  virtual caf::expected<bool> is_fresh() = 0;

  /// Runs `f`, seeding calls of this store, in one database transaction
  /// that first takes the database's writer lock and checks that no engine
  /// table holds a row: a concurrent seeder or a database with rows gives
  /// `ec::invalid_input` ("must name a fresh database"); when `f` fails,
  /// nothing of it stands and its error is returned. This default (for
  /// stores without transactions) checks `is_fresh` and runs `f`.
  virtual caf::error seed_fresh(const std::function<caf::error()>& f) {
    auto fresh = is_fresh();
    if (!fresh)
      return std::move(fresh.error());
    if (!*fresh)
      return make_fresh_error();
    return f();
  }

  /// Highest fencing epoch recorded in the database (0 when none).
  virtual caf::expected<int64_t> max_epoch() = 0;

  // -- seeding (replay, demo, tests) -----------------------------------------

  virtual caf::error put_ruleset(const ruleset& x) = 0;
  virtual caf::error put_expert(const expert& x) = 0;
  virtual caf::error put_recommendations(const std::vector<recommendation>& xs)
    = 0;
  /// Inserts given transactions with their ids (status as given).
  virtual caf::error put_transaction(const transaction& x) = 0;

  // -- reads for a run -------------------------------------------------------

  virtual caf::expected<caf::optional<expert>> load_expert(int64_t id) = 0;
  virtual caf::expected<caf::optional<ruleset>> load_ruleset(int64_t id) = 0;

  /// The expert's recommendations with created_at_ms >= since_ms.
  virtual caf::expected<std::vector<recommendation>>
  recommendations_since(int64_t expert_id, int64_t since_ms) = 0;

  /// Action of the expert's newest recommendation on `symbol` strictly
  /// older than (created_at_ms, id), any age; none when there is none.
  virtual caf::expected<caf::optional<rec_action>>
  previous_action(int64_t expert_id, const std::string& symbol,
                  int64_t created_at_ms, int64_t id) = 0;

  /// The expert's WAITING/OPENED transactions (all symbols when `symbols`
  /// is empty), ordered by id.
  virtual caf::expected<std::vector<transaction>>
  live_transactions(int64_t expert_id,
                    const std::vector<std::string>& symbols) = 0;

  // -- writes ----------------------------------------------------------------

  /// Writes one transaction + entry + legs in one database transaction,
  /// after recording `epoch` for `lock_key` conditionally in the same
  /// transaction. A newer recorded epoch gives `stale_epoch`; a violated
  /// open-position index or client order id gives `duplicate`; nothing is
  /// written in either case. Legs' `depends_on_order` is set to the entry.
  virtual caf::expected<entry_outcome>
  write_entry(const std::string& lock_key, int64_t epoch,
              const entry_write& x) = 0;

  /// Writes one open_positions change in one database transaction, fenced
  /// like `write_entry`. A compare-and-set that finds another status gives
  /// `failed` with reason "conflict"; a taken client order id gives
  /// `duplicate`; nothing is written in either case. `orders` are the
  /// inserted `new_orders` with their ids.
  virtual caf::expected<entry_outcome>
  write_position_change(const std::string& lock_key, int64_t epoch,
                        const position_change& x) = 0;

  /// Compare-and-set of an order's status (and broker fields, and the
  /// quantity and levels when given); true when the row was in `x.from`
  /// and is now in `x.to`.
  virtual caf::expected<bool> update_order(const order_update& x) = 0;

  /// Records `epoch` as `lock_key`'s fence unless a newer one is recorded
  /// (false then). A new lock holder fences before it reads, so a holder
  /// that lost the lock (a paused node) cannot write after it.
  virtual caf::expected<bool> fence(const std::string& lock_key,
                                    int64_t epoch) = 0;

  /// `update_order` for each of `xs` under the lock `lock_key` at `epoch`,
  /// in one database transaction that records the epoch conditionally
  /// first: none when a newer epoch is recorded (nothing changed), else how
  /// many updates applied.
  virtual caf::expected<caf::optional<uint64_t>>
  update_orders_fenced(const std::string& lock_key, int64_t epoch,
                       const std::vector<order_update>& xs) = 0;

  /// `update_order` for each of `xs` in order; the result of each. When
  /// one fails, the updates before it stay applied, it and the rest are
  /// not, and its error is returned. This default makes one call per
  /// update; a store may apply the batch in one database transaction as
  /// long as the outcome is the same.
  virtual caf::expected<std::vector<bool>>
  update_orders(const std::vector<order_update>& xs) {
    std::vector<bool> out;
    out.reserve(xs.size());
    for (const auto& x : xs) {
      auto ok = update_order(x);
      if (!ok)
        return std::move(ok.error());
      out.push_back(*ok);
    }
    return out;
  }

  /// Compare-and-set of a transaction's status and the fields given.
  virtual caf::expected<bool> update_transaction(const transaction& x,
                                                 txn_status from) = 0;

  /// Runs `f`, a sequence of calls to this store, so that their writes
  /// commit together where the store can, and returns `f`'s error. The
  /// outcome stays that of separate calls: a store that grouped a run of
  /// `f` which then failed rolls it back and runs `f` once more ungrouped,
  /// so `f` must reset whatever it computes when it starts. This default
  /// runs `f` once.
  virtual caf::error grouped(const std::function<caf::error()>& f) {
    return f();
  }

  // -- refresh and sync ------------------------------------------------------

  /// Orders of the scope (one expert or all) whose status is pending, open,
  /// partially_filled or pending_cancel, ordered by id.
  virtual caf::expected<std::vector<order>>
  orders_to_refresh(const refresh_scope& scope) = 0;

  /// Orders of the scope in status waiting_trigger, ordered by id.
  virtual caf::expected<std::vector<order>>
  waiting_trigger_orders(const refresh_scope& scope) = 0;

  /// Orders by client order id (missing ones are left out).
  virtual caf::expected<std::vector<order>>
  orders_by_client_id(const std::vector<std::string>& ids) = 0;

  /// One order by id.
  virtual caf::expected<caf::optional<order>> order_by_id(int64_t id) = 0;

  /// Transactions of the scope in WAITING, OPENED or CLOSING, with all
  /// their orders, ordered by transaction id then order id.
  virtual caf::expected<std::vector<std::pair<transaction, std::vector<order>>>>
  transactions_to_sync(const refresh_scope& scope) = 0;

  // -- records and output ----------------------------------------------------

  /// Records a finished run and one outcome per recommendation; returns
  /// the run id.
  virtual caf::expected<int64_t> record_run(const run_record& x) = 0;

  /// Every transaction and every order, ordered by id.
  virtual caf::expected<store_snapshot> snapshot() = 0;

  /// The expert's transactions and orders, ordered by id.
  virtual caf::expected<store_snapshot> expert_snapshot(int64_t expert_id) = 0;
};

/// Opens the store named by `url`: `sqlite3://db=PATH` (PATH may be
/// `:memory:`), a bare file path (SQLite), or `postgresql://...` (libpq
/// keywords). Sets a busy timeout, then WAL mode, on SQLite; bounds the
/// connect (5 s) and every statement (30 s) on PostgreSQL unless the URL
/// says otherwise. Errors: `ec::invalid_input` for an unknown scheme or a
/// database that holds tables but is not tradeflow's (checked before
/// anything is written), `ec::storage_failure` when the database cannot
/// be opened.
caf::expected<std::unique_ptr<transaction_store>>
open_store(const std::string& url);

} // namespace tradeflow::storage
