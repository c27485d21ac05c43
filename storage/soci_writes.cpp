#include "storage/soci_queries.hpp"
#include "storage/soci_binds.hpp"

#include <stdexcept>


namespace tradeflow::storage::db {

namespace {

entry_outcome write_entry_tx(soci::session& sql, const std::string& lock_key,
                             int64_t epoch, const entry_write& x) {
  entry_outcome out;
  soci::transaction tr(sql);
  if (!record_epoch(sql, lock_key, epoch)) {
    tr.rollback();
    out.status = write_status::stale_epoch;
    out.reason = "stale_epoch";
    return out;
  }
  {
    // Statements live in this scope: SQLite refuses to commit while a
    // RETURNING statement is still open.
    txn_params txn{x.txn};
    txn.epoch = epoch;
    soci::statement insert_txn(sql);
    txn.bind_insert(insert_txn);
    insert_txn.exchange(soci::into(out.transaction_id));
    prepare(insert_txn, k_insert_txn);
    insert_txn.execute(true);
    order_params params;
    int64_t order_id = 0;
    soci::statement insert_order(sql);
    params.bind_insert(insert_order);
    insert_order.exchange(soci::into(order_id));
    prepare(insert_order, k_insert_order);
    auto insert = [&](order o, caf::optional<int64_t> parent) {
      o.transaction_id = out.transaction_id;
      if (parent)
        o.depends_on_order = parent;
      params.assign(o);
      insert_order.execute(true);
      o.id = order_id;
      out.orders.push_back(std::move(o));
    };
    insert(x.entry, caf::none);
    auto entry_id = order_id;
    for (const auto& leg : x.legs)
      insert(leg, entry_id);
  }
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

entry_outcome write_entry(soci::session& sql, const std::string& lock_key,
                          int64_t epoch, const entry_write& x) {
  return unique_as_duplicate<entry_outcome>(
    [&] { return write_entry_tx(sql, lock_key, epoch, x); });
}

bool update_order(soci::session& sql, const order_update& x) {
  int64_t id = x.order_id, filled_qty = x.filled_qty;
  auto from = to_string(x.from), to = to_string(x.to);
  auto comment = x.comment;
  nullable<std::string> broker_id;
  broker_id.set(x.broker_order_id);
  nullable<double> avg, limit, stop;
  avg.set(x.filled_avg_price);
  limit.set(x.limit_price);
  stop.set(x.stop_price);
  nullable<int64_t> quantity;
  quantity.set(x.quantity);
  soci::statement st(sql);
  bind(st, to, "to");
  bind(st, broker_id, "broker_order_id");
  bind(st, filled_qty, "filled_qty");
  bind(st, avg, "avg_price");
  bind(st, quantity, "quantity");
  bind(st, limit, "limit_price");
  bind(st, stop, "stop_price");
  bind(st, comment, "comment");
  bind(st, id, "id");
  bind(st, from, "from");
  prepare(st, k_update_order);
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool update_transaction(soci::session& sql, const transaction& x,
                        txn_status from) {
  txn_params p{x};
  auto old_status = to_string(from);
  soci::statement st(sql);
  bind(st, p.status, "to");
  bind(st, p.quantity, "quantity");
  bind(st, p.open_price, "open_price");
  bind(st, p.close_price, "close_price");
  bind(st, p.take_profit, "take_profit");
  bind(st, p.stop_loss, "stop_loss");
  bind(st, p.open_date, "open_date");
  bind(st, p.close_date, "close_date");
  bind(st, p.id, "id");
  bind(st, old_status, "from");
  prepare(st, k_update_txn);
  try {
    st.execute(true);
  } catch (const soci::soci_error& e) {
    // Callers tell "another position holds the index" from other failures.
    if (is_unique_violation(e))
      throw std::runtime_error("unique violation: " + e.get_error_message());
    throw;
  }
  return st.get_affected_rows() == 1;
}

} // namespace tradeflow::storage::db
