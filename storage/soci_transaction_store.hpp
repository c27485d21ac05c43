#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "storage/transaction_store.hpp"

namespace tradeflow::storage {

/// The `transaction_store` on SOCI: SQLite (files or `:memory:`) or
/// PostgreSQL. SOCI stays behind a pimpl, so only storage/ sees it. Every
/// method catches the driver's exceptions and answers
/// `ec::storage_failure` with the driver's message instead. One instance
/// owns one session and is not thread-safe: give each thread (actor) its
/// own store.
class soci_transaction_store final : public transaction_store {
public:
  /// Opens the database named by `url` (see `open_store`). Errors:
  /// `ec::invalid_input` for an unknown scheme, `ec::storage_failure`
  /// when the connection or the SQLite pragmas fail.
  static caf::expected<std::unique_ptr<soci_transaction_store>>
  open(const std::string& url);

  /// The SOCI session, opaque outside storage/soci_transaction_store.cpp.
  struct impl;

  /// Takes an opened session; use `open`, the one place building an impl.
  explicit soci_transaction_store(std::unique_ptr<impl> ptr);

  ~soci_transaction_store() override;

  /// The SOCI backend in use: "sqlite3" or "postgresql".
  std::string backend_name() const;

  /// Number of prepared statements kept for reuse (for tests).
  size_t cached_statements() const;

  // -- transaction_store (documented there) ---------------------------------

  /// Applies the migrations of schema.hpp; see `transaction_store`.
  caf::expected<int> migrate() override;
  /// BEGIN IMMEDIATE on SQLite; a transaction holding an advisory lock
  /// (tried, not waited for) on PostgreSQL.
  caf::error seed_fresh(const std::function<caf::error()>& f) override;
  /// EXISTS over the six engine tables.
  caf::expected<bool> is_fresh() override;
  /// COALESCE(MAX(epoch), 0) of lock_epochs.
  caf::expected<int64_t> max_epoch() override;

  /// Stores the ruleset as the JSON of `to_json`.
  caf::error put_ruleset(const ruleset& x) override;
  /// Stores the weights as a JSON object.
  caf::error put_expert(const expert& x) override;
  /// One database transaction, one statement re-executed per row.
  caf::error put_recommendations(const std::vector<recommendation>& xs)
    override;
  /// Keeps `x.id` (auto id when 0) and moves a PostgreSQL identity past it.
  caf::error put_transaction(const transaction& x) override;

  /// None when no expert has this id.
  caf::expected<caf::optional<expert>> load_expert(int64_t id) override;
  /// A stored definition that no longer parses gives `ec::invalid_input`.
  caf::expected<caf::optional<ruleset>> load_ruleset(int64_t id) override;
  /// Ordered by (created_at, id).
  caf::expected<std::vector<recommendation>>
  recommendations_since(int64_t expert_id, int64_t since_ms) override;
  /// Ties on created_at are broken by id.
  caf::expected<caf::optional<rec_action>>
  previous_action(int64_t expert_id, const std::string& symbol,
                  int64_t created_at_ms, int64_t id) override;
  /// Ordered by id.
  caf::expected<std::vector<transaction>>
  live_transactions(int64_t expert_id,
                    const std::vector<std::string>& symbols) override;

  /// One database transaction: fence, transaction row, entry, legs.
  caf::expected<entry_outcome> write_entry(const std::string& lock_key,
                                           int64_t epoch,
                                           const entry_write& x) override;
  /// Keeps broker_order_id / filled_avg_price when `x` leaves them unset.
  caf::expected<entry_outcome>
  write_position_change(const std::string& lock_key, int64_t epoch,
                        const position_change& x) override;

  caf::expected<bool> update_order(const order_update& x) override;
  caf::expected<bool> fence(const std::string& lock_key,
                            int64_t epoch) override;
  caf::expected<caf::optional<uint64_t>>
  update_orders_fenced(const std::string& lock_key, int64_t epoch,
                       const std::vector<order_update>& xs) override;
  /// One database transaction for the whole batch. When it fails, the
  /// batch is rolled back and replayed one update per call, so that the
  /// outcome is the one `transaction_store` documents.
  caf::expected<std::vector<bool>>
  update_orders(const std::vector<order_update>& xs) override;
  /// One database transaction around `f` (nested calls of the store use
  /// savepoints); see `transaction_store::grouped` for failures.
  caf::error grouped(const std::function<caf::error()>& f) override;
  /// A clash with the open-position index gives `ec::storage_failure`
  /// whose text contains "unique".
  caf::expected<bool> update_transaction(const transaction& x,
                                         txn_status from) override;

  /// One query, using the expert index when the scope names one.
  caf::expected<std::vector<order>>
  orders_to_refresh(const refresh_scope& scope) override;
  /// One query, using the expert index when the scope names one.
  caf::expected<std::vector<order>>
  waiting_trigger_orders(const refresh_scope& scope) override;
  /// Ordered by id; duplicates in `ids` are read once.
  caf::expected<std::vector<order>>
  orders_by_client_id(const std::vector<std::string>& ids) override;
  /// None when no order has this id.
  caf::expected<caf::optional<order>> order_by_id(int64_t id) override;
  /// Two queries (transactions, then their orders), not one per row.
  caf::expected<std::vector<std::pair<transaction, std::vector<order>>>>
  transactions_to_sync(const refresh_scope& scope) override;

  /// One database transaction: the run row and its outcome rows.
  caf::expected<int64_t> record_run(const run_record& x) override;
  /// Both tables read inside one database transaction.
  caf::expected<store_snapshot> snapshot() override;
  caf::expected<store_snapshot> expert_snapshot(int64_t expert_id) override;

  /// The outcomes recorded for run `run_id`, by recommendation id (not in
  /// `transaction_store`: for diagnostics and tests). Errors:
  /// `ec::storage_failure`.
  caf::expected<std::vector<recommendation_outcome>>
  run_outcomes(int64_t run_id);

  // -- fault injection for tests --------------------------------------------

  /// Simulates a database fault on this session: `max_pages` > 0 caps an
  /// SQLite file at that many pages (`PRAGMA max_page_count`, a full
  /// disk; 0 lifts the cap) and `read_only` refuses writes (`PRAGMA
  /// query_only`). Errors: `ec::storage_failure`.
  caf::error simulate_fault(int64_t max_pages, bool read_only);

  /// Closes the connection as a server restart would; the next operation
  /// finds it lost and reconnects.
  void drop_connection();

private:
  std::unique_ptr<impl> impl_;
};

} // namespace tradeflow::storage
