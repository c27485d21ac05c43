#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "broker.hpp"
#include "entities.hpp"
#include "finite.hpp"
#include "rules.hpp"
#include "run.hpp"

/// The transaction-store actor's protocol: everything a run reads from or
/// writes to the database goes through these messages.
namespace tradeflow {

/// worker -> store: load what step 2-3 of a run need.
struct run_load_request {
  int64_t expert_id = 0;
  use_case uc = use_case::enter_market;
  int32_t lookback_days = 1;
  int64_t now_ms = 0;
  /// The run's lock and epoch: the store fences them before it reads
  /// (stale_epoch when a newer holder fenced already). Empty key: no fence.
  std::string lock_key;
  int64_t epoch = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_load_request& x) {
  return f(caf::meta::type_name("run_load_request"), x.expert_id, x.uc,
           x.lookback_days, x.now_ms, x.lock_key, x.epoch);
}

/// store -> worker: everything a run decides from, read once under its
/// lock: the expert (none: unknown), the use case's ruleset (none: not
/// set), the selected recommendations in load order with the action of
/// each one's previous recommendation, and the expert's WAITING/OPENED
/// transactions (the safety check reads these; the database's unique index
/// stays the last line of defence).
struct run_snapshot {
  caf::optional<expert> who;
  caf::optional<ruleset> rules;
  std::vector<recommendation> recommendations;
  std::vector<caf::optional<rec_action>> previous_actions;
  std::vector<transaction> live_transactions;
  /// open_positions only: every order of the live transactions.
  std::vector<order> position_orders;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_snapshot& x) {
  return f(caf::meta::type_name("run_snapshot"), x.who, x.rules,
           x.recommendations, x.previous_actions, x.live_transactions,
           x.position_orders);
}

/// One funded candidate: its transaction, entry order and legs, written
/// together in one database transaction.
struct entry_write {
  int64_t recommendation_id = 0;
  transaction txn;
  order entry;
  std::vector<order> legs;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, entry_write& x) {
  return f(caf::meta::type_name("entry_write"), x.recommendation_id, x.txn,
           x.entry, x.legs);
}

/// worker -> store: write these entries under the lock `lock_key` held with
/// fencing `epoch`.
struct write_request {
  std::string lock_key;
  int64_t epoch = 0;
  std::vector<entry_write> entries;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, write_request& x) {
  return f(caf::meta::type_name("write_request"), x.lock_key, x.epoch,
           x.entries);
}

enum class write_status : uint8_t { written, duplicate, stale_epoch, failed };

/// store -> worker: one entry's fate; `orders` carry their database ids.
struct write_result {
  int64_t recommendation_id = 0;
  write_status status = write_status::failed;
  int64_t transaction_id = 0;
  std::vector<order> orders;
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, write_result& x) {
  return f(caf::meta::type_name("write_result"), x.recommendation_id,
           x.status, x.transaction_id, x.orders, x.reason);
}

/// worker -> store: move order `order_id` from `from` to `to`, as a
/// compare-and-set on the old status.
struct order_update {
  int64_t order_id = 0;
  order_status from = order_status::pending;
  order_status to = order_status::pending;
  caf::optional<std::string> broker_order_id;
  int64_t filled_qty = 0;
  caf::optional<double> filled_avg_price;
  std::string comment;
  /// Set when a released leg takes its parent's filled quantity and its
  /// rebased level (docs/engine-details.md §6.4); none = unchanged.
  caf::optional<int64_t> quantity;
  caf::optional<double> limit_price;
  caf::optional<double> stop_price;
  /// Set when a waiting leg is repriced in place: `reference_price`
  /// replaces the stored reference of the rebase (docs/engine.md §4), none
  /// clearing it, so a level from an explicit price or the expert's target
  /// is kept when the entry fills.
  bool sets_reference = false;
  caf::optional<double> reference_price;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_update& x) {
  auto finite = finite_check("order_update", x.filled_avg_price, x.limit_price,
                             x.stop_price, x.reference_price);
  return f(caf::meta::type_name("order_update"),
           caf::meta::save_callback(finite), x.order_id, x.from, x.to,
           x.broker_order_id, x.filled_qty, x.filled_avg_price, x.comment,
           x.quantity, x.limit_price, x.stop_price, x.sets_reference,
           x.reference_price, caf::meta::load_callback(finite));
}

/// An update moving order `id` from `from` to `to`, nothing else changed
/// but the comment.
inline order_update move_order(int64_t id, order_status from, order_status to,
                               std::string comment = {}) {
  order_update x;
  x.order_id = id;
  x.from = from;
  x.to = to;
  x.comment = std::move(comment);
  return x;
}

/// One open_positions change to a position (docs/engine.md §2.5), written in
/// one database transaction under the lock's epoch: the transaction moves
/// from `expected_status` to `updated` (compare-and-set), `order_updates`
/// reprice or cancel its legs (each a compare-and-set), `new_orders` (a
/// close order or replacement legs) are inserted.
struct position_change {
  int64_t recommendation_id = 0;
  txn_status expected_status = txn_status::opened;
  transaction updated;
  std::vector<order_update> order_updates;
  std::vector<order> new_orders;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, position_change& x) {
  return f(caf::meta::type_name("position_change"), x.recommendation_id,
           x.expected_status, x.updated, x.order_updates, x.new_orders);
}

/// worker -> store: write these position changes under `lock_key`.
struct position_write_request {
  std::string lock_key;
  int64_t epoch = 0;
  std::vector<position_change> changes;
};

template <class Inspector>
typename Inspector::result_type
inspect(Inspector& f, position_write_request& x) {
  return f(caf::meta::type_name("position_write_request"), x.lock_key,
           x.epoch, x.changes);
}

/// Which orders a refresh covers: one expert's, or every expert's.
struct refresh_scope {
  caf::optional<int64_t> expert_id;
  /// The refresh's clock (a run's or a replay's `now`); none = the
  /// refresher's own clock.
  caf::optional<int64_t> as_of_ms;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, refresh_scope& x) {
  return f(caf::meta::type_name("refresh_scope"), x.expert_id, x.as_of_ms);
}

/// worker -> store: apply these broker states, then sync transactions.
struct refresh_report {
  refresh_scope scope;
  int64_t now_ms = 0;
  std::vector<broker_order_state> states;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, refresh_report& x) {
  return f(caf::meta::type_name("refresh_report"), x.scope, x.now_ms,
           x.states);
}

/// worker -> store: record a finished run and its outcomes.
struct run_record {
  int64_t expert_id = 0;
  use_case uc = use_case::enter_market;
  run_status status = run_status::processed;
  caf::optional<std::string> error;
  int64_t started_at_ms = 0;
  std::vector<recommendation_outcome> outcomes;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_record& x) {
  return f(caf::meta::type_name("run_record"), x.expert_id, x.uc, x.status,
           x.error, x.started_at_ms, x.outcomes);
}

/// store -> app: every transaction and order, for replay output.
struct store_snapshot {
  std::vector<transaction> transactions;
  std::vector<order> orders;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, store_snapshot& x) {
  return f(caf::meta::type_name("store_snapshot"), x.transactions, x.orders);
}

/// app -> store: recommendations arriving while the engine runs.
struct recommendation_batch {
  std::vector<recommendation> items;
};

template <class Inspector>
typename Inspector::result_type
inspect(Inspector& f, recommendation_batch& x) {
  return f(caf::meta::type_name("recommendation_batch"), x.items);
}

/// worker -> store: status updates made under a lock, applied in one
/// database transaction that records the lock's epoch first (stale_epoch
/// when a newer holder fenced).
struct fenced_updates {
  std::string lock_key;
  int64_t epoch = 0;
  std::vector<order_update> updates;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fenced_updates& x) {
  return f(caf::meta::type_name("fenced_updates"), x.lock_key, x.epoch,
           x.updates);
}

} // namespace tradeflow
