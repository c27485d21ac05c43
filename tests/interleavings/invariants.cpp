#include "tests/interleavings/invariants.hpp"

#include <sstream>
#include <utility>

namespace tradeflow::test {

namespace {

using lines = std::vector<std::string>;

template <class... Ts>
std::string cat(Ts&&... xs) {
  std::ostringstream out;
  (out << ... << xs);
  return out.str();
}

bool ends_with(const std::string& x, const std::string& suffix) {
  return x.size() >= suffix.size()
         && x.compare(x.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void check_live(const world_state& w, lines& out) {
  std::map<std::pair<int64_t, std::string>, std::vector<int64_t>> live;
  for (auto& t : w.snapshot.transactions)
    if (blocks_new_entry(t.status))
      live[{t.expert_id, t.symbol}].push_back(t.id);
  for (auto& [key, ids] : live)
    if (ids.size() > 1) {
      std::string list;
      for (auto id : ids)
        list += cat(list.empty() ? "" : ",", id);
      out.push_back(cat("two_live: expert ", key.first, " symbol ",
                        key.second, " has WAITING/OPENED transactions ",
                        list));
    }
}

void check_orders(const world_state& w, lines& out) {
  std::map<std::string, int> stored;
  for (auto& o : w.snapshot.orders)
    ++stored[o.client_order_id];
  for (auto& [id, n] : stored)
    if (n > 1)
      out.push_back(cat("two_orders: client id ", id, " stored ", n,
                        " times"));
  for (auto& [id, n] : w.submits) {
    if (n > 1)
      out.push_back(cat("two_orders: client id ", id, " submitted ", n,
                        " times to the broker"));
    if (stored.count(id) == 0)
      out.push_back(cat("two_orders: client id ", id,
                        " reached the broker but is not stored"));
  }
  for (auto& id : w.broker_known)
    if (w.submits.count(id) == 0)
      out.push_back(cat("two_orders: broker knows ", id,
                        " that was never submitted"));
}

void check_locks(const world_state& w, lines& out) {
  auto& r = w.registry;
  if (r.keys != 0 || r.held != 0 || r.waiting != 0 || r.runs_active != 0
      || r.runs_queued != 0)
    out.push_back(cat("lock_held: at the end keys=", r.keys, " held=", r.held,
                      " waiting=", r.waiting, " runs_active=", r.runs_active,
                      " runs_queued=", r.runs_queued));
}

void check_run(const world_state& w, size_t index, const run_record& run,
               lines& out) {
  auto where = cat("outcomes: run #", index, " of expert ", run.expert_id,
                   " (", to_string(run.status), run.error ? ", error " : "",
                   run.error ? *run.error : "", ")");
  std::multiset<int64_t> got;
  for (auto& o : run.outcomes)
    got.insert(o.recommendation_id);
  if (run.status != run_status::processed) {
    if (!got.empty())
      out.push_back(cat(where, " has ", got.size(), " outcomes"));
    return;
  }
  auto i = w.loads.find(run.expert_id);
  std::multiset<int64_t> want;
  if (i != w.loads.end())
    want.insert(i->second.begin(), i->second.end());
  // A run whose load failed looked at nothing (docs/engine-details.md
  // §8.6).
  if (run.error && got.empty())
    return;
  if (got != want) {
    std::string g, x;
    for (auto id : got)
      g += cat(g.empty() ? "" : ",", id);
    for (auto id : want)
      x += cat(x.empty() ? "" : ",", id);
    out.push_back(cat(where, " recorded outcomes for [", g,
                      "] but loaded [", x, "]"));
  }
}

void check_runs(const world_state& w, lines& out) {
  for (size_t i = 0; i < w.runs.size(); ++i)
    if (w.runs[i].uc == use_case::enter_market)
      check_run(w, i, w.runs[i], out);
  if (w.unanswered > 0)
    out.push_back(cat("outcomes: ", w.unanswered,
                      " run requests never answered"));
  if (w.failures > 0 && !w.killed_any)
    out.push_back(cat("outcomes: ", w.failures,
                      " run requests failed though no worker was killed"));
  // Each answered run was recorded; a killed worker may have recorded a
  // run it could not answer any more.
  if (w.runs.size() < w.results || w.runs.size() > w.results + w.failures)
    out.push_back(cat("outcomes: ", w.runs.size(), " runs recorded for ",
                      w.results, " results and ", w.failures, " failures"));
}

void check_siblings(const world_state& w, lines& out) {
  std::map<int64_t, const transaction*> txns;
  for (auto& t : w.snapshot.transactions)
    txns[t.id] = &t;
  std::map<int64_t, std::vector<const order*>> by_txn;
  for (auto& o : w.snapshot.orders) {
    if (txns.count(o.transaction_id) == 0)
      out.push_back(cat("siblings: order ", o.client_order_id,
                        " names missing transaction ", o.transaction_id));
    by_txn[o.transaction_id].push_back(&o);
  }
  for (auto& [id, t] : txns) {
    if (w.given_transactions.count(id) > 0)
      continue;
    const order* entry = nullptr;
    int entries = 0, tps = 0, sls = 0;
    for (auto* o : by_txn[id]) {
      if (ends_with(o->client_order_id, "-entry")) {
        entry = o;
        ++entries;
      }
      tps += ends_with(o->client_order_id, "-tp") ? 1 : 0;
      sls += ends_with(o->client_order_id, "-sl") ? 1 : 0;
    }
    if (entries != 1 || tps != 1 || sls != 1) {
      out.push_back(cat("siblings: transaction ", id, " of expert ",
                        t->expert_id, " on ", t->symbol, " has ", entries,
                        " entries, ", tps, " take-profit and ", sls,
                        " stop-loss legs"));
      continue;
    }
    for (auto* o : by_txn[id])
      if (o != entry
          && (o->depends_on_order != entry->id
              || o->recommendation_id != entry->recommendation_id
              || o->quantity != entry->quantity))
        out.push_back(cat("siblings: leg ", o->client_order_id,
                          " does not hang on entry ",
                          entry->client_order_id));
    if (entry->quantity != t->quantity)
      out.push_back(cat("siblings: transaction ", id, " quantity ",
                        t->quantity, " but entry ", entry->quantity));
  }
}

} // namespace

std::vector<std::string> check_invariants(const world_state& w) {
  lines out;
  check_live(w, out);
  check_orders(w, out);
  check_locks(w, out);
  check_runs(w, out);
  check_siblings(w, out);
  return out;
}

std::vector<std::string> check_safety(const world_state& w) {
  lines out;
  check_live(w, out);
  check_orders(w, out);
  return out;
}

std::set<int64_t> expected_load(const std::vector<recommendation>& recs,
                                int64_t expert_id) {
  std::map<std::string, const recommendation*> newest;
  for (auto& r : recs) {
    if (r.expert_id != expert_id)
      continue;
    auto& slot = newest[r.symbol];
    if (slot == nullptr
        || std::make_pair(r.created_at_ms, r.id)
             > std::make_pair(slot->created_at_ms, slot->id))
      slot = &r;
  }
  std::set<int64_t> result;
  for (auto& [symbol, r] : newest)
    if (r->action != rec_action::hold)
      result.insert(r->id);
  return result;
}

} // namespace tradeflow::test
