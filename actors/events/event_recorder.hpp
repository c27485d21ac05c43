#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <caf/optional.hpp>

#include "messages/events.hpp"
#include "storage/transaction_store.hpp"

/// The store's side of the events (docs/embedding.md §3): a
/// transaction_store that forwards every call to the real one and turns
/// each committed status change into an event. The store actor is the only
/// writer, so the events leave in commit order, which is the order of
/// every transaction's changes.
namespace tradeflow {

/// The event kind of an order now in `to`, coming from `from` (none: just
/// written); none when the change is not one a host is told of (a leg
/// written waiting for its parent, a reprice in place).
caf::optional<event_kind> order_event_kind(caf::optional<order_status> from,
                                           order_status to);

/// The event of an order's change, from its row after the change.
engine_event make_order_event(const order& after,
                              caf::optional<order_status> from,
                              event_kind kind, int64_t at_ms);

/// The event of a transaction written or moved from `from`.
engine_event make_transaction_event(const transaction& after,
                                    caf::optional<txn_status> from,
                                    int64_t at_ms);

class event_recording_store final : public storage::transaction_store {
public:
  using publisher = std::function<void(std::vector<engine_event>)>;

  /// `publish` gets the events of each write once it committed (before
  /// the call returns); `clock` stamps them.
  event_recording_store(std::shared_ptr<storage::transaction_store> inner,
                        publisher publish, std::function<int64_t()> clock);

  caf::expected<int> migrate() override;
  caf::expected<bool> is_fresh() override;
  caf::error seed_fresh(const std::function<caf::error()>& f) override;
  caf::expected<int64_t> max_epoch() override;
  caf::error put_ruleset(const ruleset& x) override;
  caf::error put_expert(const expert& x) override;
  caf::error put_recommendations(const std::vector<recommendation>& xs) override;
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
  caf::expected<storage::entry_outcome>
  write_entry(const std::string& lock_key, int64_t epoch,
              const entry_write& x) override;
  caf::expected<storage::entry_outcome>
  write_position_change(const std::string& lock_key, int64_t epoch,
                        const position_change& x) override;
  caf::expected<bool> update_order(const order_update& x) override;
  caf::expected<bool> fence(const std::string& lock_key,
                            int64_t epoch) override;
  caf::expected<caf::optional<uint64_t>>
  update_orders_fenced(const std::string& lock_key, int64_t epoch,
                       const std::vector<order_update>& xs) override;
  caf::expected<std::vector<bool>>
  update_orders(const std::vector<order_update>& xs) override;
  caf::expected<bool> update_transaction(const transaction& x,
                                         txn_status from) override;
  caf::error grouped(const std::function<caf::error()>& f) override;
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
  caf::expected<store_snapshot> expert_snapshot(int64_t expert_id) override;

  /// Events lost because the changed row could not be read back.
  uint64_t unreadable() const noexcept {
    return unreadable_;
  }

private:
  /// Adds the event of order `id` moved from `from`, reading its row.
  void record_order(int64_t id, caf::optional<order_status> from);
  void record_new_orders(const std::vector<order>& xs);
  /// Publishes what was recorded, unless a group is still open.
  void flush();

  std::shared_ptr<storage::transaction_store> inner_;
  publisher publish_;
  std::function<int64_t()> clock_;
  std::vector<engine_event> pending_;
  int group_depth_ = 0;
  uint64_t unreadable_ = 0;
};

} // namespace tradeflow
