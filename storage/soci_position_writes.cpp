#include "storage/soci_queries.hpp"
#include "storage/soci_write_statements.hpp"

// The open_positions write: a close or a leg change of one position, all
// or nothing, fenced by the lock's epoch like an entry write.
namespace tradeflow::storage::db {

namespace {

entry_outcome refused(tx_scope& tr, write_status status,
                      std::string reason) {
  tr.rollback();
  entry_outcome out;
  out.status = status;
  out.reason = std::move(reason);
  return out;
}

entry_outcome position_change_tx(statement_cache& db,
                                 const std::string& lock_key, int64_t epoch,
                                 const position_change& x) {
  tx_scope tr(db);
  if (!record_epoch(db, lock_key, epoch))
    return refused(tr, write_status::stale_epoch, "stale_epoch");
  // Every change is a compare-and-set: a status that moved since the run
  // read it (a refresh on this or another node) refuses the whole change.
  if (!update_transaction(db, x.updated, x.expected_status))
    return refused(tr, write_status::failed,
                   "conflict: transaction status changed");
  for (const auto& u : x.order_updates)
    if (!update_order(db, u))
      return refused(tr, write_status::failed,
                     "conflict: order status changed");
  entry_outcome out;
  out.transaction_id = x.updated.id;
  for (auto o : x.new_orders) {
    o.transaction_id = x.updated.id;
    o.id = insert_order(db, o);
    out.orders.push_back(std::move(o));
  }
  tr.commit();
  out.status = write_status::written;
  return out;
}

} // namespace

entry_outcome write_position_change(statement_cache& db,
                                    const std::string& lock_key,
                                    int64_t epoch, const position_change& x) {
  return unique_as_duplicate<entry_outcome>(
    db, [&] { return position_change_tx(db, lock_key, epoch, x); });
}

} // namespace tradeflow::storage::db
