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

  caf::expected<int> migrate() override;
  caf::expected<bool> is_fresh() override;
  caf::expected<int64_t> max_epoch() override;

  caf::error put_ruleset(const ruleset& x) override;
  caf::error put_expert(const expert& x) override;
  caf::error put_recommendations(const std::vector<recommendation>& xs)
    override;
  caf::error put_transaction(const transaction& x) override;

  caf::expected<caf::optional<expert>> load_expert(int64_t id) override;
  caf::expected<caf::optional<ruleset>> load_ruleset(int64_t id) override;
  caf::expected<std::vector<recommendation>>
  recommendations_since(int64_t expert_id, int64_t since_ms) override;
  caf::expected<caf::optional<rec_action>>
  previous_action(int64_t expert_id, const std::string& symbol,
                  int64_t created_at_ms, int64_t id) override;
  caf::expected<std::vector<transaction>>
  live_transactions(int64_t expert_id,
                    const std::vector<std::string>& symbols) override;

  caf::expected<entry_outcome> write_entry(const std::string& lock_key,
                                           int64_t epoch,
                                           const entry_write& x) override;
  caf::expected<bool> update_order(const order_update& x) override;
  caf::expected<bool> update_transaction(const transaction& x,
                                         txn_status from) override;

  caf::expected<std::vector<order>>
  orders_to_refresh(const refresh_scope& scope) override;
  caf::expected<std::vector<order>>
  waiting_trigger_orders(const refresh_scope& scope) override;
  caf::expected<std::vector<order>>
  orders_by_client_id(const std::vector<std::string>& ids) override;
  caf::expected<caf::optional<order>> order_by_id(int64_t id) override;
  caf::expected<std::vector<std::pair<transaction, std::vector<order>>>>
  transactions_to_sync(const refresh_scope& scope) override;

  caf::expected<int64_t> record_run(const run_record& x) override;
  caf::expected<store_snapshot> snapshot() override;

  /// The outcomes recorded for run `run_id`, by recommendation id (not in
  /// `transaction_store`: for diagnostics and tests). Errors:
  /// `ec::storage_failure`.
  caf::expected<std::vector<recommendation_outcome>>
  run_outcomes(int64_t run_id);

private:
  std::unique_ptr<impl> impl_;
};

} // namespace tradeflow::storage
