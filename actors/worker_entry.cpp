#include "actors/worker_run.hpp"

#include <cstdio>
#include <map>

#include <caf/typed_event_based_actor.hpp>

#include "messages/error.hpp"

// Steps 4-7 of the enter_market run: evaluate, safety check, permission,
// sizing, writing and submitting the entries.
namespace tradeflow {

namespace {

auto failer(run_ptr r) {
  return [r](caf::error& err) { fail(r, err); };
}

caf::optional<double> price_of(const run_ptr& r, const std::string& sym) {
  auto i = r->prices.find(sym);
  if (i == r->prices.end())
    return caf::none;
  return i->second;
}

std::string fmt_price(double x) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1f", x);
  return buf;
}

order make_leg(const run_ptr& r, const recommendation& rec,
               order_side entry_side, const leg_plan& plan,
               const char* leg) {
  order x;
  x.expert_id = rec.expert_id;
  x.recommendation_id = rec.id;
  x.symbol = rec.symbol;
  x.side = opposite(entry_side);
  x.type = plan.type;
  if (plan.type == order_type::sell_limit
      || plan.type == order_type::buy_limit)
    x.limit_price = plan.level;
  else
    x.stop_price = plan.level;
  x.status = order_status::waiting_trigger;
  x.client_order_id = client_order_id(rec.expert_id, rec.id, leg);
  x.depends_order_status_trigger = order_status::filled;
  x.reference_price = plan.reference_price;
  x.created_at_ms = r->now_ms;
  return x;
}

entry_write make_entry(const run_ptr& r, const recommendation& rec,
                       const entry_plan& plan, int64_t qty, double price) {
  entry_write w;
  w.recommendation_id = rec.id;
  auto& t = w.txn;
  t.expert_id = rec.expert_id;
  t.symbol = rec.symbol;
  t.side = plan.side;
  t.quantity = qty;
  t.open_price = price;
  t.status = txn_status::waiting;
  t.created_at_ms = r->now_ms;
  t.lock_epoch = r->grant ? r->grant->epoch : 0;
  auto& e = w.entry;
  e.expert_id = rec.expert_id;
  e.recommendation_id = rec.id;
  e.symbol = rec.symbol;
  e.side = plan.side;
  e.type = order_type::market;
  e.quantity = qty;
  e.status = order_status::pending;
  e.client_order_id = client_order_id(rec.expert_id, rec.id, "entry");
  e.created_at_ms = r->now_ms;
  if (plan.take_profit) {
    t.take_profit = plan.take_profit->level;
    w.legs.push_back(make_leg(r, rec, plan.side, *plan.take_profit, "tp"));
  }
  if (plan.stop_loss) {
    t.stop_loss = plan.stop_loss->level;
    w.legs.push_back(make_leg(r, rec, plan.side, *plan.stop_loss, "sl"));
  }
  for (auto& leg : w.legs)
    leg.quantity = qty;
  return w;
}

} // namespace

void evaluate_all(run_ptr r) {
  auto& st = r->self->state;
  auto& who = *r->data.who;
  auto virtual_equity = r->balance * who.virtual_equity_pct / 100;
  for (size_t i = 0; i < r->data.recommendations.size(); ++i) {
    auto& rec = r->data.recommendations[i];
    evaluation_input in;
    in.rec = rec;
    in.previous_action = r->data.previous_actions[i];
    in.current_price = price_of(r, rec.symbol);
    for (auto& t : r->data.live_transactions)
      if (t.symbol == rec.symbol && t.status == txn_status::opened)
        in.has_opened_position = true;
    in.virtual_equity = virtual_equity;
    in.now_ms = r->now_ms;
    auto ev = evaluate(*r->data.rules, in);
    auto plan = plan_entry(ev, rec, in.current_price);
    if (plan.result != outcome::executed) {
      st.log->info("recommendation {} for {}: {} ({})", rec.id, rec.symbol,
                   to_string(plan.result), plan.reason);
      set_outcome(r, i, plan.result, plan.reason);
      continue;
    }
    r->planned.emplace_back(i, std::move(plan));
  }
  safety_check(r);
}

void safety_check(run_ptr r) {
  auto& st = r->self->state;
  safety_request q{st.expert_id, {}};
  for (auto& [i, plan] : r->planned)
    q.symbols.push_back(r->data.recommendations[i].symbol);
  if (q.symbols.empty())
    return refresh_and_finish(r);
  r->self->request(st.deps.store, st.settings.store_timeout, check_atom_v, q)
    .then(
      [r](std::vector<transaction>& existing) {
        auto& st = r->self->state;
        auto& s = r->data.who->settings;
        std::vector<std::pair<size_t, entry_plan>> kept;
        for (auto& [i, plan] : r->planned) {
          auto& rec = r->data.recommendations[i];
          auto hit = std::find_if(existing.begin(), existing.end(),
                                  [&](const transaction& t) {
                                    return t.symbol == rec.symbol;
                                  });
          if (hit != existing.end()) {
            st.log->warn("SAFETY CHECK: Skipping recommendation {} for {} - "
                         "existing transaction {} in {} status for expert {}",
                         rec.id, rec.symbol, hit->id, to_string(hit->status),
                         st.expert_id);
            set_outcome(r, i, outcome::skipped_duplicate,
                        "transaction " + std::to_string(hit->id) + " in "
                          + to_string(hit->status));
            continue;
          }
          bool allowed = plan.side == order_side::buy ? s.enable_buy
                                                      : s.enable_sell;
          if (!allowed) {
            set_outcome(r, i, outcome::denied_permission,
                        to_string(plan.side) + " not enabled for expert");
            continue;
          }
          kept.emplace_back(i, std::move(plan));
        }
        r->planned = std::move(kept);
        size_entries(r);
      },
      failer(r));
}

void size_entries(run_ptr r) {
  if (r->planned.empty())
    return refresh_and_finish(r);
  auto& st = r->self->state;
  auto& who = *r->data.who;
  sizing_request q;
  q.balance = r->balance;
  q.virtual_equity_pct = who.virtual_equity_pct;
  q.settings = who.settings;
  q.live_transactions = r->data.live_transactions;
  q.prices = r->prices;
  for (auto& [i, plan] : r->planned) {
    auto& rec = r->data.recommendations[i];
    q.candidates.push_back(sizing_candidate{rec.id, rec.symbol,
                                            rec.expected_profit_percent,
                                            rec.confidence,
                                            price_of(r, rec.symbol)});
  }
  r->self->request(st.deps.risk, st.settings.store_timeout, size_atom_v, q)
    .then(
      [r](sizing_result& res) {
        std::map<int64_t, size_t> planned_by_rec;
        for (size_t k = 0; k < r->planned.size(); ++k)
          planned_by_rec[r->data.recommendations[r->planned[k].first].id] = k;
        std::vector<entry_write> writes;
        for (auto& d : res.decisions) {
          auto& [i, plan] = r->planned[planned_by_rec.at(d.recommendation_id)];
          auto& rec = r->data.recommendations[i];
          if (d.no_price) {
            set_outcome(r, i, outcome::no_price, d.reason);
            continue;
          }
          if (d.out_of_range) {
            set_outcome(r, i, outcome::evaluation_error, d.reason);
            continue;
          }
          if (d.quantity <= 0) {
            set_outcome(r, i, outcome::unfunded, d.reason);
            continue;
          }
          writes.push_back(
            make_entry(r, rec, plan, d.quantity, *price_of(r, rec.symbol)));
        }
        write_entries(r, std::move(writes));
      },
      failer(r));
}

void write_entries(run_ptr r, std::vector<entry_write> xs) {
  if (xs.empty())
    return refresh_and_finish(r);
  auto& st = r->self->state;
  write_request q{st.key, r->grant->epoch, std::move(xs)};
  r->self->request(st.deps.store, st.settings.store_timeout, write_atom_v, q)
    .then(
      [r, q](std::vector<write_result>& results) {
        auto& st = r->self->state;
        std::map<int64_t, size_t> index;
        for (size_t i = 0; i < r->data.recommendations.size(); ++i)
          index[r->data.recommendations[i].id] = i;
        for (size_t k = 0; k < results.size(); ++k) {
          auto& res = results[k];
          auto i = index.at(res.recommendation_id);
          auto& w = q.entries[k];
          switch (res.status) {
            case write_status::written: {
              auto reason = to_string(w.txn.side) + " "
                            + std::to_string(w.txn.quantity) + " "
                            + w.txn.symbol + " @ "
                            + fmt_price(*w.txn.open_price);
              st.log->info("recommendation {}: executed, {}",
                           res.recommendation_id, reason);
              set_outcome(r, i, outcome::executed, reason);
              for (auto& o : res.orders)
                r->result.orders.push_back(o.client_order_id);
              r->written.push_back(std::move(res));
              break;
            }
            case write_status::duplicate:
              st.log->warn("SAFETY CHECK: Skipping recommendation {} for {} "
                           "- the database refused a duplicate ({})",
                           res.recommendation_id, w.txn.symbol, res.reason);
              set_outcome(r, i, outcome::skipped_duplicate, res.reason);
              break;
            case write_status::stale_epoch:
              st.log->error("write for recommendation {} refused: "
                            "stale_epoch",
                            res.recommendation_id);
              set_outcome(r, i, outcome::error, "stale_epoch");
              break;
            case write_status::failed:
              set_outcome(r, i, outcome::error, res.reason);
              break;
          }
        }
        for (auto& w : r->written)
          r->to_submit.push_back(w.orders.front());
        submit_orders(r);
      },
      failer(r));
}

} // namespace tradeflow
