#include "bench/floor.hpp"

#include <map>
#include <set>
#include <utility>

#include "app/replay.hpp"
#include "bench/bench_util.hpp"
#include "messages/error.hpp"
#include "storage/transaction_store.hpp"

namespace tradeflow::bench {

namespace {

order as_written(order o, order_status status) {
  o.id = 0;
  o.transaction_id = 0;
  o.status = status;
  o.filled_qty = 0;
  o.filled_avg_price = caf::none;
  o.broker_order_id = caf::none;
  o.depends_on_order = caf::none;
  o.comment.clear();
  return o;
}


} // namespace

std::vector<entry_write> rebuild_entries(const store_snapshot& snapshot,
                                         const scenario& given) {
  std::set<int64_t> given_ids;
  for (auto& t : given.transactions)
    given_ids.insert(t.id);
  std::map<int64_t, std::vector<const order*>> by_txn;
  for (auto& o : snapshot.orders)
    by_txn[o.transaction_id].push_back(&o);
  std::vector<entry_write> out;
  for (auto& t : snapshot.transactions) {
    if (given_ids.count(t.id) > 0)
      continue;
    entry_write x;
    x.txn = t;
    x.txn.id = 0;
    x.txn.status = txn_status::waiting;
    x.txn.open_date_ms = caf::none;
    x.txn.close_date_ms = caf::none;
    x.txn.close_price = caf::none;
    for (auto* o : by_txn[t.id]) {
      if (!o->depends_on_order) {
        x.entry = as_written(*o, order_status::pending);
        x.recommendation_id = o->recommendation_id.value_or(0);
      } else {
        x.legs.push_back(as_written(*o, order_status::waiting_trigger));
      }
    }
    out.push_back(std::move(x));
  }
  return out;
}

caf::expected<double> write_floor(const std::string& db_url,
                                  const scenario& sc,
                                  const std::vector<entry_write>& entries) {
  auto db = storage::open_store(db_url);
  if (!db)
    return std::move(db.error());
  if (auto v = (*db)->migrate(); !v)
    return std::move(v.error());
  if (auto err = seed_store(**db, sc))
    return err;
  int64_t epoch = 1;
  auto t0 = bench_clock::now();
  for (auto& x : entries) {
    auto key = lock_key(x.txn.expert_id, use_case::enter_market);
    auto res = (*db)->write_entry(key, epoch++, x);
    if (!res)
      return std::move(res.error());
    if (res->status != write_status::written)
      return make_error(ec::run_failed, "floor write refused: " + res->reason);
  }
  return ms_since(t0);
}

int64_t duplicate_live_pairs(const store_snapshot& snapshot) {
  std::map<std::pair<int64_t, std::string>, int> live;
  for (auto& t : snapshot.transactions)
    if (t.status == txn_status::waiting || t.status == txn_status::opened)
      ++live[{t.expert_id, t.symbol}];
  int64_t dups = 0;
  for (auto& kvp : live)
    dups += kvp.second > 1 ? 1 : 0;
  return dups;
}

} // namespace tradeflow::bench
