#include "storage/soci_queries.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include <soci/soci.h>

#include "storage/soci_rows.hpp"
#include "storage/soci_statements.hpp"

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
    " depends_order_status_trigger, reference_price, created_at, comment,"
    " role FROM orders";
const std::string k_sync_orders_all
  = k_select_orders + " WHERE transaction_id IN (SELECT id FROM transactions"
    " WHERE " + k_sync_status + ") ORDER BY transaction_id, id";
const std::string k_sync_orders_one
  = k_select_orders + " WHERE transaction_id IN (SELECT id FROM transactions"
    " WHERE " + k_sync_status + " AND expert_id = :expert_id)"
    " ORDER BY transaction_id, id";
const std::string k_refresh_status
  = "status IN ('pending','open','partially_filled','pending_cancel')";
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
const std::string k_expert_txns
  = k_select_txns + " WHERE expert_id = :expert_id ORDER BY id";
const std::string k_expert_orders
  = k_select_orders + " WHERE expert_id = :expert_id ORDER BY id";

// Client ids per IN list, so that a long list stays a bounded statement.
constexpr size_t k_in_chunk = 100;

/// Row buffers and the values bound to their query: the buffers of one
/// cached SELECT.
template <class Row, class Params>
struct query_buffers {
  Row row;
  Params params;

  void bind(soci::statement& st) {
    row.bind(st);
    params.bind(st);
  }
};

struct no_params {
  void bind(soci::statement&) {
    // nop
  }
};

struct expert_param {
  int64_t expert_id = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::use(expert_id, "expert_id"));
  }
};

struct id_param {
  int64_t id = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::use(id, "id"));
  }
};

/// A full IN list of client ids; a shorter chunk repeats its first id,
/// which matches the same rows, so that one statement serves every chunk.
struct client_id_params {
  std::vector<std::string> ids = std::vector<std::string>(k_in_chunk);

  void bind(soci::statement& st) {
    for (size_t i = 0; i < ids.size(); ++i)
      st.exchange(soci::use(ids[i], "c" + std::to_string(i)));
  }
};

std::string client_id_query() {
  std::string names;
  for (size_t i = 0; i < k_in_chunk; ++i)
    names += (i == 0 ? ":c" : ", :c") + std::to_string(i);
  return k_select_orders + " WHERE client_order_id IN (" + names + ")";
}

const std::string k_orders_by_client_id = client_id_query();

/// Every row of the cached `query` once `fill` set its parameters.
template <class Row, class Params = no_params, class Fill>
auto cached_rows(statement_cache& db, const std::string& query, Fill fill) {
  auto& q = db.get<query_buffers<Row, Params>>(query);
  fill(q.buf.params);
  std::vector<decltype(q.buf.row.get())> out;
  execute_rows(q.st, [&] { out.push_back(q.buf.row.get()); });
  return out;
}

template <class Row>
auto cached_rows(statement_cache& db, const std::string& query) {
  return cached_rows<Row>(db, query, [](no_params&) {});
}

// One query per scope shape: an `expert_id = :expert_id` term lets the
// database use its expert indexes, so a run's cost does not grow with the
// number of other experts.
template <class Row>
auto scoped_rows(statement_cache& db, const refresh_scope& scope,
                 const std::string& all, const std::string& one) {
  if (!scope.expert_id)
    return cached_rows<Row>(db, all);
  return cached_rows<Row, expert_param>(
    db, one, [&](expert_param& p) { p.expert_id = *scope.expert_id; });
}

} // namespace

std::vector<transaction>
live_transactions(statement_cache& db, int64_t expert_id,
                  const std::vector<std::string>& symbols) {
  // An expert holds few live positions: filter the symbols here rather
  // than building an IN list.
  auto all = cached_rows<transaction_row, expert_param>(
    db, k_live_txns, [&](expert_param& p) { p.expert_id = expert_id; });
  if (symbols.empty())
    return all;
  std::set<std::string> wanted(symbols.begin(), symbols.end());
  std::vector<transaction> out;
  for (auto& x : all)
    if (wanted.count(x.symbol) > 0)
      out.push_back(std::move(x));
  return out;
}

std::vector<order> orders_to_refresh(statement_cache& db,
                                     const refresh_scope& scope) {
  return scoped_rows<order_row>(db, scope, k_refresh_all, k_refresh_one);
}

std::vector<order> waiting_trigger_orders(statement_cache& db,
                                          const refresh_scope& scope) {
  return scoped_rows<order_row>(db, scope, k_trigger_all, k_trigger_one);
}

std::vector<order> orders_by_client_id(statement_cache& db,
                                       const std::vector<std::string>& ids) {
  std::set<std::string> unique_ids(ids.begin(), ids.end());
  std::vector<std::string> keys(unique_ids.begin(), unique_ids.end());
  std::vector<order> out;
  for (size_t first = 0; first < keys.size(); first += k_in_chunk) {
    auto last = std::min(keys.size(), first + k_in_chunk);
    auto fill = [&](client_id_params& p) {
      for (size_t i = 0; i < k_in_chunk; ++i)
        p.ids[i] = keys[first + i < last ? first + i : first];
    };
    auto chunk = cached_rows<order_row, client_id_params>(
      db, k_orders_by_client_id, fill);
    std::move(chunk.begin(), chunk.end(), std::back_inserter(out));
  }
  std::sort(out.begin(), out.end(),
            [](const order& x, const order& y) { return x.id < y.id; });
  return out;
}

caf::optional<order> order_by_id(statement_cache& db, int64_t id) {
  auto xs = cached_rows<order_row, id_param>(db, k_order_by_id,
                                             [&](id_param& p) { p.id = id; });
  if (xs.empty())
    return caf::none;
  return std::move(xs.front());
}

std::vector<std::pair<transaction, std::vector<order>>>
transactions_to_sync(statement_cache& db, const refresh_scope& scope) {
  // One snapshot for both queries (SQLite); two queries, not one per row.
  tx_scope tr(db);
  auto txns = scoped_rows<transaction_row>(db, scope, k_sync_txns_all,
                                           k_sync_txns_one);
  auto orders = scoped_rows<order_row>(db, scope, k_sync_orders_all,
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

store_snapshot snapshot(statement_cache& db) {
  tx_scope tr(db);
  store_snapshot out;
  out.transactions = cached_rows<transaction_row>(db, k_all_txns);
  out.orders = cached_rows<order_row>(db, k_all_orders);
  tr.commit();
  return out;
}

store_snapshot expert_snapshot(statement_cache& db, int64_t expert_id) {
  refresh_scope scope{expert_id, caf::none};
  tx_scope tr(db);
  store_snapshot out;
  out.transactions
    = scoped_rows<transaction_row>(db, scope, k_all_txns, k_expert_txns);
  out.orders = scoped_rows<order_row>(db, scope, k_all_orders, k_expert_orders);
  tr.commit();
  return out;
}

} // namespace tradeflow::storage::db
