#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "messages/error.hpp"
#include "storage/transaction_store.hpp"

namespace tradeflow::test {

/// A `transaction_store` decorator that forwards to a real store and fails
/// chosen calls (LevelDB's `SpecialEnv`): the Nth `write_entry` and the
/// Nth `recommendations_since` answer `ec::storage_failure` "database
/// connection lost" without reaching the real store, so a failed call
/// leaves no row behind. 0 = never fail. Not thread-safe, like the stores
/// it wraps.
class faulty_store : public storage::transaction_store {
public:
  explicit faulty_store(std::shared_ptr<storage::transaction_store> inner)
    : inner_(std::move(inner)) {
    // nop
  }

  /// Fail the `n`th `write_entry` call (1-based; 0 = never).
  int64_t fail_write_at = 0;

  /// Fail the `n`th `recommendations_since` call (1-based; 0 = never).
  int64_t fail_load_at = 0;

  /// Calls seen so far, failed ones included.
  int64_t writes = 0;
  int64_t loads = 0;

  /// The error every injected failure answers.
  static caf::error lost() {
    return make_error(ec::storage_failure, "database connection lost");
  }

  caf::expected<int> migrate() override {
    return inner_->migrate();
  }

  caf::expected<bool> is_fresh() override {
    return inner_->is_fresh();
  }

  caf::expected<int64_t> max_epoch() override {
    return inner_->max_epoch();
  }

  caf::error put_ruleset(const ruleset& x) override {
    return inner_->put_ruleset(x);
  }

  caf::error put_expert(const expert& x) override {
    return inner_->put_expert(x);
  }

  caf::error
  put_recommendations(const std::vector<recommendation>& xs) override {
    return inner_->put_recommendations(xs);
  }

  caf::error put_transaction(const transaction& x) override {
    return inner_->put_transaction(x);
  }

  caf::expected<caf::optional<expert>> load_expert(int64_t id) override {
    return inner_->load_expert(id);
  }

  caf::expected<caf::optional<ruleset>> load_ruleset(int64_t id) override {
    return inner_->load_ruleset(id);
  }

  caf::expected<std::vector<recommendation>>
  recommendations_since(int64_t expert_id, int64_t since_ms) override {
    if (++loads == fail_load_at)
      return lost();
    return inner_->recommendations_since(expert_id, since_ms);
  }

  caf::expected<caf::optional<rec_action>>
  previous_action(int64_t expert_id, const std::string& symbol,
                  int64_t created_at_ms, int64_t id) override {
    return inner_->previous_action(expert_id, symbol, created_at_ms, id);
  }

  caf::expected<std::vector<transaction>>
  live_transactions(int64_t expert_id,
                    const std::vector<std::string>& symbols) override {
    return inner_->live_transactions(expert_id, symbols);
  }

  caf::expected<storage::entry_outcome>
  write_entry(const std::string& lock_key, int64_t epoch,
              const entry_write& x) override {
    if (++writes == fail_write_at)
      return lost();
    return inner_->write_entry(lock_key, epoch, x);
  }

  caf::expected<storage::entry_outcome>
  write_position_change(const std::string& lock_key, int64_t epoch,
                        const position_change& x) override {
    return inner_->write_position_change(lock_key, epoch, x);
  }

  caf::expected<bool> update_order(const order_update& x) override {
    return inner_->update_order(x);
  }

  caf::expected<bool> fence(const std::string& lock_key,
                            int64_t epoch) override {
    return inner_->fence(lock_key, epoch);
  }

  caf::expected<caf::optional<uint64_t>>
  update_orders_fenced(const std::string& lock_key, int64_t epoch,
                       const std::vector<order_update>& xs) override {
    return inner_->update_orders_fenced(lock_key, epoch, xs);
  }

  caf::expected<bool> update_transaction(const transaction& x,
                                         txn_status from) override {
    return inner_->update_transaction(x, from);
  }

  caf::expected<std::vector<order>>
  orders_to_refresh(const refresh_scope& scope) override {
    return inner_->orders_to_refresh(scope);
  }

  caf::expected<std::vector<order>>
  waiting_trigger_orders(const refresh_scope& scope) override {
    return inner_->waiting_trigger_orders(scope);
  }

  caf::expected<std::vector<order>>
  orders_by_client_id(const std::vector<std::string>& ids) override {
    return inner_->orders_by_client_id(ids);
  }

  caf::expected<caf::optional<order>> order_by_id(int64_t id) override {
    return inner_->order_by_id(id);
  }

  caf::expected<std::vector<std::pair<transaction, std::vector<order>>>>
  transactions_to_sync(const refresh_scope& scope) override {
    return inner_->transactions_to_sync(scope);
  }

  caf::expected<int64_t> record_run(const run_record& x) override {
    return inner_->record_run(x);
  }

  caf::expected<store_snapshot> snapshot() override {
    return inner_->snapshot();
  }
  caf::expected<store_snapshot> expert_snapshot(int64_t expert_id) override {
    return inner_->expert_snapshot(expert_id);
  }

private:
  std::shared_ptr<storage::transaction_store> inner_;
};

} // namespace tradeflow::test
