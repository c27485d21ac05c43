#include "storage/soci_queries.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include <soci/soci.h>

namespace tradeflow::storage::db {

namespace {

const std::string k_select_txns
  = "SELECT id, expert_id, symbol, side, quantity, open_price, close_price,"
    " take_profit, stop_loss, status, open_date, close_date, created_at,"
    " lock_epoch FROM transactions";
const std::string k_live_txns
  = k_select_txns
    + " WHERE expert_id = :expert_id AND status IN ('WAITING','OPENED')"
      " ORDER BY id";
const std::string k_sync_status = "status IN ('WAITING','OPENED','CLOSING')";
const std::string k_sync_txns_all
  = k_select_txns + " WHERE " + k_sync_status + " ORDER BY id";
const std::string k_sync_txns_one
  = k_select_txns + " WHERE " + k_sync_status
    + " AND expert_id = :expert_id ORDER BY id";
const std::string k_select_orders
  = "SELECT id, expert_id, recommendation_id, transaction_id, symbol, side,"
    " type, quantity, limit_price, stop_price, status, filled_qty,"
    " filled_avg_price, client_order_id, broker_order_id, depends_on_order,"
    " depends_order_status_trigger, reference_price, created_at, comment"
    " FROM orders";
const std::string k_sync_orders_all
  = k_select_orders + " WHERE transaction_id IN (SELECT id FROM transactions"
    " WHERE " + k_sync_status + ") ORDER BY transaction_id, id";
const std::string k_sync_orders_one
  = k_select_orders + " WHERE transaction_id IN (SELECT id FROM transactions"
    " WHERE " + k_sync_status + " AND expert_id = :expert_id)"
    " ORDER BY transaction_id, id";
const std::string k_refresh_status
  = "status IN ('pending','open','partially_filled')";
const std::string k_refresh_all
  = k_select_orders + " WHERE " + k_refresh_status + " ORDER BY id";
const std::string k_refresh_one
  = k_select_orders + " WHERE " + k_refresh_status
    + " AND expert_id = :expert_id ORDER BY id";
const std::string k_trigger_all
  = k_select_orders + " WHERE status = 'waiting_trigger' ORDER BY id";
const std::string k_trigger_one
  = k_select_orders
    + " WHERE status = 'waiting_trigger' AND expert_id = :expert_id"
      " ORDER BY id";
const std::string k_order_by_id = k_select_orders + " WHERE id = :id";
const std::string k_all_txns = k_select_txns + " ORDER BY id";
const std::string k_all_orders = k_select_orders + " ORDER BY id";

// Client ids per IN list, so that a long list stays a bounded statement.
constexpr size_t k_in_chunk = 100;

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
    trigger, comment;
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

using binder = std::function<void(soci::statement&)>;

const binder no_binds = [](soci::statement&) {};

template <class Row>
auto all_rows(soci::session& sql, const std::string& query,
              const binder& bind) {
  Row row;
  std::vector<decltype(row.get())> out;
  auto bind_all = [&](soci::statement& st) {
    row.bind(st);
    bind(st);
  };
  for_each_row(sql, query, bind_all, [&] { out.push_back(row.get()); });
  return out;
}

// One query per scope shape: an `expert_id = :expert_id` term lets the
// database use its expert indexes, so a run's cost does not grow with the
// number of other experts.
template <class Row>
auto scoped_rows(soci::session& sql, const refresh_scope& scope,
                 const std::string& all, const std::string& one) {
  if (!scope.expert_id)
    return all_rows<Row>(sql, all, no_binds);
  int64_t expert_id = *scope.expert_id;
  return all_rows<Row>(sql, one, [&](soci::statement& st) {
    st.exchange(soci::use(expert_id, "expert_id"));
  });
}

} // namespace

std::vector<transaction>
live_transactions(soci::session& sql, int64_t expert_id,
                  const std::vector<std::string>& symbols) {
  // An expert holds few live positions: filter the symbols here rather
  // than building an IN list.
  auto all = all_rows<transaction_row>(sql, k_live_txns,
                                       [&](soci::statement& st) {
    st.exchange(soci::use(expert_id, "expert_id"));
  });
  if (symbols.empty())
    return all;
  std::set<std::string> wanted(symbols.begin(), symbols.end());
  std::vector<transaction> out;
  for (auto& x : all)
    if (wanted.count(x.symbol) > 0)
      out.push_back(std::move(x));
  return out;
}

std::vector<order> orders_to_refresh(soci::session& sql,
                                     const refresh_scope& scope) {
  return scoped_rows<order_row>(sql, scope, k_refresh_all, k_refresh_one);
}

std::vector<order> waiting_trigger_orders(soci::session& sql,
                                          const refresh_scope& scope) {
  return scoped_rows<order_row>(sql, scope, k_trigger_all, k_trigger_one);
}

std::vector<order> orders_by_client_id(soci::session& sql,
                                       const std::vector<std::string>& ids) {
  std::set<std::string> unique_ids(ids.begin(), ids.end());
  std::vector<std::string> keys(unique_ids.begin(), unique_ids.end());
  std::vector<order> out;
  for (size_t first = 0; first < keys.size(); first += k_in_chunk) {
    auto last = std::min(keys.size(), first + k_in_chunk);
    // Generated placeholder names, never values: the ids stay bound.
    std::string names;
    for (auto i = first; i < last; ++i)
      names += (i == first ? ":c" : ", :c") + std::to_string(i - first);
    auto query = k_select_orders + " WHERE client_order_id IN (" + names
                 + ")";
    auto chunk = all_rows<order_row>(sql, query, [&](soci::statement& st) {
      for (auto i = first; i < last; ++i)
        st.exchange(soci::use(keys[i], "c" + std::to_string(i - first)));
    });
    std::move(chunk.begin(), chunk.end(), std::back_inserter(out));
  }
  std::sort(out.begin(), out.end(),
            [](const order& x, const order& y) { return x.id < y.id; });
  return out;
}

caf::optional<order> order_by_id(soci::session& sql, int64_t id) {
  auto xs = all_rows<order_row>(sql, k_order_by_id, [&](soci::statement& st) {
    st.exchange(soci::use(id, "id"));
  });
  if (xs.empty())
    return caf::none;
  return std::move(xs.front());
}

std::vector<std::pair<transaction, std::vector<order>>>
transactions_to_sync(soci::session& sql, const refresh_scope& scope) {
  // One snapshot for both queries (SQLite); two queries, not one per row.
  soci::transaction tr(sql);
  auto txns = scoped_rows<transaction_row>(sql, scope, k_sync_txns_all,
                                           k_sync_txns_one);
  auto orders = scoped_rows<order_row>(sql, scope, k_sync_orders_all,
                                       k_sync_orders_one);
  tr.commit();
  std::vector<std::pair<transaction, std::vector<order>>> out;
  std::map<int64_t, size_t> index;
  for (auto& x : txns) {
    index.emplace(x.id, out.size());
    out.emplace_back(std::move(x), std::vector<order>{});
  }
  for (auto& x : orders)
    if (auto i = index.find(x.transaction_id); i != index.end())
      out[i->second].second.push_back(std::move(x));
  return out;
}

store_snapshot snapshot(soci::session& sql) {
  soci::transaction tr(sql);
  store_snapshot out;
  out.transactions = all_rows<transaction_row>(sql, k_all_txns, no_binds);
  out.orders = all_rows<order_row>(sql, k_all_orders, no_binds);
  tr.commit();
  return out;
}

} // namespace tradeflow::storage::db
