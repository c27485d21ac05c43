#include "storage/soci_queries.hpp"
#include "storage/soci_write_statements.hpp"

#include <stdexcept>

namespace tradeflow::storage::db {

namespace {

/// The bind buffers of `k_update_order`.
struct order_update_params {
  int64_t id = 0, filled_qty = 0, sets_reference = 0;
  std::string from, to, comment;
  nullable<std::string> broker_id;
  nullable<double> avg, limit, stop, reference;
  nullable<int64_t> quantity;

  void assign(const order_update& x) {
    id = x.order_id;
    filled_qty = x.filled_qty;
    from = to_string(x.from);
    to = to_string(x.to);
    comment = x.comment;
    broker_id.set(x.broker_order_id);
    avg.set(x.filled_avg_price);
    limit.set(x.limit_price);
    stop.set(x.stop_price);
    quantity.set(x.quantity);
    sets_reference = x.sets_reference ? 1 : 0;
    reference.set(x.reference_price);
  }

  void bind(soci::statement& st) {
    db::bind(st, to, "to");
    db::bind(st, broker_id, "broker_order_id");
    db::bind(st, filled_qty, "filled_qty");
    db::bind(st, avg, "avg_price");
    db::bind(st, quantity, "quantity");
    db::bind(st, limit, "limit_price");
    db::bind(st, stop, "stop_price");
    db::bind(st, sets_reference, "sets_reference");
    db::bind(st, reference, "reference_price");
    db::bind(st, comment, "comment");
    db::bind(st, id, "id");
    db::bind(st, from, "from");
  }
};

/// The bind buffers of `k_update_txn`.
struct txn_update_params {
  txn_params p;
  std::string old_status;

  void bind(soci::statement& st) {
    db::bind(st, p.status, "to");
    db::bind(st, p.quantity, "quantity");
    db::bind(st, p.open_price, "open_price");
    db::bind(st, p.close_price, "close_price");
    db::bind(st, p.take_profit, "take_profit");
    db::bind(st, p.stop_loss, "stop_loss");
    db::bind(st, p.open_date, "open_date");
    db::bind(st, p.close_date, "close_date");
    db::bind(st, p.id, "id");
    db::bind(st, old_status, "from");
  }
};

entry_outcome write_entry_tx(statement_cache& db, const std::string& lock_key,
                             int64_t epoch, const entry_write& x) {
  entry_outcome out;
  tx_scope tr(db);
  if (!record_epoch(db, lock_key, epoch)) {
    tr.rollback();
    out.status = write_status::stale_epoch;
    out.reason = "stale_epoch";
    return out;
  }
  auto& txn = db.get<txn_insert>(k_insert_txn);
  txn.buf.params.assign(x.txn);
  txn.buf.params.epoch = epoch;
  execute_one(txn.st);
  out.transaction_id = txn.buf.id;
  auto insert = [&](order o, caf::optional<int64_t> parent) {
    o.transaction_id = out.transaction_id;
    if (parent)
      o.depends_on_order = parent;
    o.id = insert_order(db, o);
    out.orders.push_back(std::move(o));
    return out.orders.back().id;
  };
  auto entry_id = insert(x.entry, caf::none);
  for (const auto& leg : x.legs)
    insert(leg, entry_id);
  tr.commit();
  out.status = write_status::written;
  return out;
}

} // namespace

void put_transaction(soci::session& sql, const transaction& x) {
  txn_params params{x};
  soci::statement st(sql);
  params.bind_insert(st);
  if (x.id > 0) {
    st.exchange(soci::use(params.id, "id"));
    prepare(st, k_insert_txn_with_id);
    st.execute(true);
    if (sql.get_backend_name() == "postgresql") {
      int64_t next = 0;
      sql << k_pg_advance_txn_ids, soci::into(next);
    }
    return;
  }
  int64_t id = 0;
  st.exchange(soci::into(id));
  prepare(st, k_insert_txn);
  st.execute(true);
}

entry_outcome write_entry(statement_cache& db, const std::string& lock_key,
                          int64_t epoch, const entry_write& x) {
  return unique_as_duplicate<entry_outcome>(
    db, [&] { return write_entry_tx(db, lock_key, epoch, x); });
}

bool update_order(statement_cache& db, const order_update& x) {
  auto& up = db.get<order_update_params>(k_update_order);
  up.buf.assign(x);
  up.st.execute(true);
  return up.st.get_affected_rows() == 1;
}

std::vector<bool> update_orders(statement_cache& db,
                                const std::vector<order_update>& xs) {
  // One commit for the whole request instead of one per update: each
  // update stays a compare-and-set, so its result is the same.
  std::vector<bool> out;
  out.reserve(xs.size());
  tx_scope tr(db);
  for (const auto& x : xs)
    out.push_back(update_order(db, x));
  tr.commit();
  return out;
}

bool update_transaction(statement_cache& db, const transaction& x,
                        txn_status from) {
  auto& up = db.get<txn_update_params>(k_update_txn);
  up.buf.p.assign(x);
  up.buf.old_status = to_string(from);
  try {
    up.st.execute(true);
  } catch (const soci::soci_error& e) {
    // Callers tell "another position holds the index" from other failures.
    if (is_unique_violation(e))
      throw std::runtime_error("unique violation: " + e.get_error_message());
    throw;
  }
  return up.st.get_affected_rows() == 1;
}

} // namespace tradeflow::storage::db
