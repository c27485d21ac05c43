#include "actors/decisions/lifecycle.hpp"

#include "actors/decisions/orders.hpp"

namespace tradeflow {

namespace {

bool died_unfilled(const order& x) {
  return is_terminal(x.status) && x.filled_qty == 0;
}

sync_decision open_on_fill(const transaction& txn, const order& entry,
                           int64_t now_ms) {
  sync_decision result;
  auto t = txn;
  t.status = txn_status::opened;
  if (entry.filled_avg_price)
    t.open_price = entry.filled_avg_price;
  // The open quantity is what filled (docs/engine-details.md §6.6).
  if (entry.filled_qty > 0)
    t.quantity = entry.filled_qty;
  t.open_date_ms = now_ms;
  result.updated = std::move(t);
  return result;
}

sync_decision fail_entry(const transaction& txn, const order& entry,
                         const std::vector<order>& orders) {
  sync_decision result;
  auto t = txn;
  t.status = txn_status::failed;
  result.updated = std::move(t);
  for (auto& x : orders)
    if (x.id != entry.id && !is_final(x.status))
      result.cancel_orders.push_back(x.id);
  return result;
}

sync_decision close_on_fill(const transaction& txn, const order& winner,
                            const std::vector<order>& orders,
                            int64_t now_ms) {
  sync_decision result;
  auto t = txn;
  t.status = txn_status::closed;
  t.close_price = winner.filled_avg_price;
  t.close_date_ms = now_ms;
  result.updated = std::move(t);
  // One cancels the other: the position can never be closed twice.
  for (auto& x : orders)
    if (x.id != winner.id && is_closing_order(x) && !is_final(x.status))
      result.cancel_orders.push_back(x.id);
  return result;
}

} // namespace

trigger_decision classify_trigger(caf::optional<order_status> parent,
                                  order_status trigger) {
  if (!parent)
    return trigger_decision::error;
  if (*parent == trigger)
    return trigger_decision::submit;
  if (*parent == order_status::partially_filled)
    return trigger_decision::wait;
  if (*parent == order_status::filled)
    return trigger_decision::submit;
  if (is_terminal(*parent))
    return trigger_decision::cancel;
  return trigger_decision::wait;
}

bool is_closing_order(const order& x) {
  return x.role != order_role::entry;
}

sync_decision sync_transaction(const transaction& txn,
                               const std::vector<order>& orders,
                               bool open_index_taken, int64_t now_ms) {
  if (txn.status == txn_status::waiting) {
    auto entry = entry_of(txn, orders);
    if (entry == nullptr)
      return {};
    if (is_executed(entry->status))
      return open_on_fill(txn, *entry, now_ms);
    if (died_unfilled(*entry))
      return fail_entry(txn, *entry, orders);
    return {};
  }
  if (txn.status != txn_status::opened && txn.status != txn_status::closing)
    return {};
  // Rule 3: when several closing orders filled, the lowest id wins.
  const order* winner = nullptr;
  for (auto& x : orders)
    if (is_closing_order(x) && x.status == order_status::filled
        && (winner == nullptr || x.id < winner->id))
      winner = &x;
  if (winner != nullptr)
    return close_on_fill(txn, *winner, orders, now_ms);
  // An entry that keeps filling after the position opened: its open
  // quantity and price follow the fills (docs/engine-details.md §6.6).
  if (auto entry = entry_of(txn, orders);
      txn.status == txn_status::opened && entry && entry->filled_qty > 0
      && entry->filled_qty != txn.quantity) {
    sync_decision grown;
    auto t = txn;
    t.quantity = entry->filled_qty;
    if (entry->filled_avg_price)
      t.open_price = entry->filled_avg_price;
    grown.updated = std::move(t);
    return grown;
  }
  if (txn.status != txn_status::closing)
    return {};
  // Rule 4: every close order died unfilled, so the position is still open.
  auto closes = 0;
  for (auto& x : orders) {
    if (x.role != order_role::close)
      continue;
    if (!died_unfilled(x))
      return {};
    ++closes;
  }
  if (closes == 0)
    return {};
  sync_decision result;
  if (open_index_taken) {
    // A newer position holds the symbol: reopening would break the index.
    result.index_conflict = true;
    return result;
  }
  auto t = txn;
  t.status = txn_status::opened;
  result.updated = std::move(t);
  return result;
}

} // namespace tradeflow
