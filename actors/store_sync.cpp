#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "actors/decisions/lifecycle.hpp"
#include "actors/decisions/triggers.hpp"
#include "actors/store.hpp"
#include "messages/error.hpp"

// The refresh side of the store actor: broker states into orders, the
// transaction sync of docs/engine-details.md §6.3 and the trigger check of
// §6.4, each decided in actors/decisions/ and written here. Every status
// change is a compare-and-set on the old status, so two refreshes that
// overlap (on this node or another) never apply a change twice.
namespace tradeflow {

namespace {

/// Log lines of one attempt, written once the attempt stands: a grouped
/// attempt that fails is run again, and its lines must not appear twice.
using deferred_log = std::vector<std::function<void(spdlog::logger&)>>;

/// Runs `attempt` (which fills `result` and `lines`) as one group of store
/// writes, then writes the lines of the run that counted.
template <class T, class F>
caf::expected<T> in_group(storage::transaction_store& db, spdlog::logger& log,
                          F attempt) {
  caf::expected<T> result{T{}};
  deferred_log lines;
  auto err = db.grouped([&]() -> caf::error {
    lines.clear();
    result = attempt(lines);
    return result ? caf::error{} : result.error();
  });
  for (auto& line : lines)
    line(log);
  if (err)
    return err;
  return result;
}

caf::expected<bool> cancel_order(storage::transaction_store& db,
                                 const order& x, const std::string& why) {
  if (is_final(x.status))
    return false;
  auto u = move_order(x.id, x.status, order_status::canceled, why);
  u.filled_qty = x.filled_qty;
  return db.update_order(u);
}

/// The transaction's take profit / stop loss follow a leg rebased to the
/// fill (docs/engine-details.md §8.5).
caf::error follow_rebased_leg(storage::transaction_store& db, const order& leg,
                              double level) {
  auto txns = db.transactions_to_sync(refresh_scope{leg.expert_id, caf::none});
  if (!txns)
    return std::move(txns.error());
  for (auto& [txn, unused] : *txns) {
    if (txn.id != leg.transaction_id)
      continue;
    auto updated = txn;
    (leg.role == order_role::take_profit ? updated.take_profit
                                         : updated.stop_loss)
      = level;
    auto ok = db.update_transaction(updated, txn.status);
    if (!ok)
      return std::move(ok.error());
  }
  return caf::none;
}

/// Broker states into orders: each known order that moved is updated.
caf::error apply_states(storage::transaction_store& db, deferred_log& log,
                        const refresh_report& report, sync_summary& summary) {
  std::vector<std::string> ids;
  for (auto& s : report.states)
    if (s.known)
      ids.push_back(s.client_order_id);
  auto orders = db.orders_by_client_id(ids);
  if (!orders)
    return std::move(orders.error());
  std::map<std::string, const order*> by_id;
  for (auto& o : *orders)
    by_id.emplace(o.client_order_id, &o);
  for (auto& s : report.states) {
    auto i = by_id.find(s.client_order_id);
    if (!s.known || i == by_id.end())
      continue; // an order the broker does not know is left as it is
    auto& o = *i->second;
    if (is_final(o.status) || o.status == order_status::waiting_trigger)
      continue;
    // A cancel in flight ends with the venue's final word (canceled, or
    // filled when the fill came first); until then only its fills move.
    auto to = o.status == order_status::pending_cancel && !is_final(s.status)
                ? order_status::pending_cancel
                : s.status;
    if (o.status == to && o.filled_qty == s.filled_qty)
      continue;
    auto u = move_order(o.id, o.status, to, o.comment);
    u.broker_order_id = s.broker_order_id;
    u.filled_qty = s.filled_qty;
    u.filled_avg_price = s.avg_price;
    auto ok = db.update_order(u);
    if (!ok)
      return std::move(ok.error());
    if (!*ok)
      continue;
    ++summary.orders_updated;
    log.emplace_back([id = o.client_order_id, from = o.status, to, s](
                       spdlog::logger& l) {
      l.info("order {} {} -> {} (filled {})", id, to_string(from),
             to_string(to), s.filled_qty);
    });
  }
  return caf::none;
}

/// Writes one transaction's sync decision: its new row and the orders
/// one-cancels-other ends.
caf::error write_sync(storage::transaction_store& db, deferred_log& log,
                      const transaction& txn,
                      const std::vector<order>& txn_orders,
                      const sync_decision& d, sync_summary& summary) {
  if (d.index_conflict)
    log.emplace_back([txn](spdlog::logger& l) {
      l.error("transaction {} stays CLOSING: a newer position of expert "
              "{} holds {}",
              txn.id, txn.expert_id, txn.symbol);
    });
  if (d.updated) {
    auto ok = db.update_transaction(*d.updated, txn.status);
    if (!ok)
      return std::move(ok.error());
    if (*ok) {
      ++summary.transactions_changed;
      log.emplace_back([id = txn.id, from = txn.status,
                        to = d.updated->status](spdlog::logger& l) {
        l.info("transaction {} {} -> {}", id, to_string(from), to_string(to));
      });
    }
  }
  for (auto id : d.cancel_orders)
    for (auto& o : txn_orders)
      if (o.id == id) {
        auto ok = cancel_order(db, o, "one cancels the other");
        if (!ok)
          return std::move(ok.error());
      }
  return caf::none;
}

caf::expected<sync_summary> apply_once(storage::transaction_store& db,
                                       deferred_log& log,
                                       const refresh_report& report) {
  sync_summary summary;
  if (auto err = apply_states(db, log, report, summary))
    return err;
  auto txns = db.transactions_to_sync(report.scope);
  if (!txns)
    return std::move(txns.error());
  // Positions blocking a new entry per (expert, symbol), counted once:
  // comparing every pair was quadratic in a refresh of all experts.
  std::map<std::pair<int64_t, std::string>, int> blocking;
  for (auto& [txn, unused] : *txns)
    if (blocks_new_entry(txn.status))
      ++blocking[{txn.expert_id, txn.symbol}];
  for (auto& [txn, txn_orders] : *txns) {
    // Taken when another row of the pair blocks (this one not counted).
    auto same = blocking[{txn.expert_id, txn.symbol}];
    bool taken = same - (blocks_new_entry(txn.status) ? 1 : 0) > 0;
    auto d = sync_transaction(txn, txn_orders, taken, report.now_ms);
    if (auto err = write_sync(db, log, txn, txn_orders, d, summary))
      return err;
  }
  return summary;
}

/// (transaction, role) of the legs whose cancel the venue has not settled:
/// their replacements wait, so that a leg that fills first closes the
/// position once (docs/engine-details.md §6.5).
caf::expected<std::set<std::pair<int64_t, order_role>>>
cancels_in_flight(storage::transaction_store& db, const refresh_scope& scope) {
  std::set<std::pair<int64_t, order_role>> result;
  auto working = db.orders_to_refresh(scope);
  if (!working)
    return std::move(working.error());
  for (auto& o : *working)
    if (o.status == order_status::pending_cancel)
      result.emplace(o.transaction_id, o.role);
  return result;
}

caf::expected<std::vector<order>>
release_once(storage::transaction_store& db, deferred_log& log,
             const refresh_scope& scope, const tick_table& ticks) {
  std::vector<order> released_legs;
  auto waiting = db.waiting_trigger_orders(scope);
  if (!waiting)
    return std::move(waiting.error());
  std::set<std::pair<int64_t, order_role>> in_flight;
  if (!waiting->empty()) {
    auto found = cancels_in_flight(db, scope);
    if (!found)
      return std::move(found.error());
    in_flight = std::move(*found);
  }
  for (auto& leg : *waiting) {
    if (in_flight.count({leg.transaction_id, leg.role}) > 0)
      continue; // the leg it replaces may still fill
    caf::optional<order> parent;
    if (leg.depends_on_order) {
      auto p = db.order_by_id(*leg.depends_on_order);
      if (!p)
        return std::move(p.error());
      parent = *p;
    }
    auto r = release_leg(leg, parent, ticks.of(leg.symbol));
    if (r.kind == trigger_decision::wait)
      continue;
    if (r.rebased_level)
      if (auto err = follow_rebased_leg(db, leg, *r.rebased_level))
        return err;
    auto ok = db.update_order(r.update);
    if (!ok)
      return std::move(ok.error());
    if (!*ok)
      continue; // another refresh changed it first: it releases the leg
    log.emplace_back([id = leg.client_order_id, to = r.update.to](
                       spdlog::logger& l) {
      l.info("waiting leg {} -> {}", id, to_string(to));
    });
    if (r.update.to == order_status::pending)
      released_legs.push_back(released(leg, r));
  }
  return released_legs;
}

} // namespace

// Both steps write many rows per request: grouping them saves one commit
// per row. Every write stays a compare-and-set on its old status.
caf::expected<sync_summary> apply_refresh(storage::transaction_store& db,
                                          spdlog::logger& log,
                                          const refresh_report& report) {
  return in_group<sync_summary>(db, log, [&](deferred_log& lines) {
    return apply_once(db, lines, report);
  });
}

caf::expected<std::vector<order>>
release_triggers(storage::transaction_store& db, spdlog::logger& log,
                 const refresh_scope& scope, const tick_table& ticks) {
  return in_group<std::vector<order>>(db, log, [&](deferred_log& lines) {
    return release_once(db, lines, scope, ticks);
  });
}

} // namespace tradeflow
