#include "storage/soci_binds.hpp"
#include "storage/soci_queries.hpp"

// The open_positions write: a close or a leg change of one position, all
// or nothing, fenced by the lock's epoch like an entry write.
namespace tradeflow::storage::db {

namespace {

entry_outcome refused(soci::transaction& tr, write_status status,
                      std::string reason) {
  tr.rollback();
  entry_outcome out;
  out.status = status;
  out.reason = std::move(reason);
  return out;
}

entry_outcome position_change_tx(soci::session& sql,
                                 const std::string& lock_key, int64_t epoch,
                                 const position_change& x) {
  soci::transaction tr(sql);
  if (!record_epoch(sql, lock_key, epoch))
    return refused(tr, write_status::stale_epoch, "stale_epoch");
  // Every change is a compare-and-set: a status that moved since the run
  // read it (a refresh on this or another node) refuses the whole change.
  if (!update_transaction(sql, x.updated, x.expected_status))
    return refused(tr, write_status::failed,
                   "conflict: transaction status changed");
  for (const auto& u : x.order_updates)
    if (!update_order(sql, u))
      return refused(tr, write_status::failed,
                     "conflict: order status changed");
  entry_outcome out;
  out.transaction_id = x.updated.id;
  {
    // Statements live in this scope: SQLite refuses to commit while a
    // RETURNING statement is still open.
    order_params params;
    int64_t order_id = 0;
    soci::statement insert_order(sql);
    params.bind_insert(insert_order);
    insert_order.exchange(soci::into(order_id));
    prepare(insert_order, k_insert_order);
    for (auto o : x.new_orders) {
      o.transaction_id = x.updated.id;
      params.assign(o);
      insert_order.execute(true);
      o.id = order_id;
      out.orders.push_back(std::move(o));
    }
  }
  tr.commit();
  out.status = write_status::written;
  return out;
}

} // namespace

entry_outcome write_position_change(soci::session& sql,
                                    const std::string& lock_key,
                                    int64_t epoch, const position_change& x) {
  return unique_as_duplicate<entry_outcome>(
    [&] { return position_change_tx(sql, lock_key, epoch, x); });
}

} // namespace tradeflow::storage::db
