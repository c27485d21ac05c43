#pragma once

// Internal to storage/: the into buffers of a transactions row and an
// orders row (column order of k_select_txns / k_select_orders in
// soci_order_reads.cpp). Includes SOCI, so only storage .cpp files include
// it.

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "storage/soci_queries.hpp"

namespace tradeflow::storage::db {

template <class T>
caf::optional<T> opt(const T& value, soci::indicator ind) {
  return unless_null(value, ind != soci::i_ok);
}

struct transaction_row {
  int64_t id = 0, expert_id = 0, quantity = 0, open_date = 0, close_date = 0,
          created_at = 0, lock_epoch = 0;
  std::string symbol, side, status;
  double open_price = 0, close_price = 0, take_profit = 0, stop_loss = 0;
  soci::indicator open_price_ind = soci::i_null, close_price_ind = soci::i_null,
                  take_profit_ind = soci::i_null, stop_loss_ind = soci::i_null,
                  open_date_ind = soci::i_null, close_date_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(expert_id));
    st.exchange(soci::into(symbol));
    st.exchange(soci::into(side));
    st.exchange(soci::into(quantity));
    st.exchange(soci::into(open_price, open_price_ind));
    st.exchange(soci::into(close_price, close_price_ind));
    st.exchange(soci::into(take_profit, take_profit_ind));
    st.exchange(soci::into(stop_loss, stop_loss_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(open_date, open_date_ind));
    st.exchange(soci::into(close_date, close_date_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(lock_epoch));
  }

  transaction get() const {
    transaction x;
    x.id = id;
    x.expert_id = expert_id;
    x.symbol = symbol;
    x.side = parsed(parse_order_side(side), "transactions.side", side);
    x.quantity = quantity;
    x.open_price = opt(open_price, open_price_ind);
    x.close_price = opt(close_price, close_price_ind);
    x.take_profit = opt(take_profit, take_profit_ind);
    x.stop_loss = opt(stop_loss, stop_loss_ind);
    x.status = parsed(parse_txn_status(status), "transactions.status", status);
    x.open_date_ms = opt(open_date, open_date_ind);
    x.close_date_ms = opt(close_date, close_date_ind);
    x.created_at_ms = created_at;
    x.lock_epoch = lock_epoch;
    return x;
  }
};

struct order_row {
  int64_t id = 0, expert_id = 0, recommendation_id = 0, transaction_id = 0,
          quantity = 0, filled_qty = 0, depends_on_order = 0, created_at = 0;
  std::string symbol, side, type, status, client_order_id, broker_order_id,
    trigger, comment, role;
  double limit_price = 0, stop_price = 0, avg_price = 0, reference_price = 0;
  soci::indicator recommendation_ind = soci::i_null,
                  limit_ind = soci::i_null, stop_ind = soci::i_null,
                  avg_ind = soci::i_null, broker_ind = soci::i_null,
                  depends_ind = soci::i_null, trigger_ind = soci::i_null,
                  reference_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(expert_id));
    st.exchange(soci::into(recommendation_id, recommendation_ind));
    st.exchange(soci::into(transaction_id));
    st.exchange(soci::into(symbol));
    st.exchange(soci::into(side));
    st.exchange(soci::into(type));
    st.exchange(soci::into(quantity));
    st.exchange(soci::into(limit_price, limit_ind));
    st.exchange(soci::into(stop_price, stop_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(filled_qty));
    st.exchange(soci::into(avg_price, avg_ind));
    st.exchange(soci::into(client_order_id));
    st.exchange(soci::into(broker_order_id, broker_ind));
    st.exchange(soci::into(depends_on_order, depends_ind));
    st.exchange(soci::into(trigger, trigger_ind));
    st.exchange(soci::into(reference_price, reference_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(comment));
    st.exchange(soci::into(role));
  }

  order get() const {
    order x;
    x.id = id;
    x.expert_id = expert_id;
    x.recommendation_id = opt(recommendation_id, recommendation_ind);
    x.transaction_id = transaction_id;
    x.symbol = symbol;
    x.side = parsed(parse_order_side(side), "orders.side", side);
    x.type = parsed(parse_order_type(type), "orders.type", type);
    x.role = parsed(parse_order_role(role), "orders.role", role);
    x.quantity = quantity;
    x.limit_price = opt(limit_price, limit_ind);
    x.stop_price = opt(stop_price, stop_ind);
    x.status = parsed(parse_order_status(status), "orders.status", status);
    x.filled_qty = filled_qty;
    x.filled_avg_price = opt(avg_price, avg_ind);
    x.client_order_id = client_order_id;
    x.broker_order_id = opt(broker_order_id, broker_ind);
    x.depends_on_order = opt(depends_on_order, depends_ind);
    if (trigger_ind == soci::i_ok)
      x.depends_order_status_trigger = parsed(
        parse_order_status(trigger), "orders.depends_order_status_trigger",
        trigger);
    x.reference_price = opt(reference_price, reference_ind);
    x.created_at_ms = created_at;
    x.comment = comment;
    return x;
  }
};

} // namespace tradeflow::storage::db
