#include "tests/interleavings/world_fixture.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>

#include <caf/local_actor.hpp>
#include <caf/send.hpp>

namespace tradeflow::test {

namespace {

using std::chrono::milliseconds;

ruleset buy_with_legs() {
  ruleset rs;
  rs.id = legs_ruleset_id;
  rs.name = "buy with legs";
  rule r;
  r.name = "bullish buys with legs";
  r.triggers.push_back(trigger{event_type::bullish, caf::none, caf::none});
  r.actions.push_back(
    rule_action{action_type::buy, caf::none, caf::none, caf::none});
  r.actions.push_back(rule_action{action_type::adjust_take_profit,
                                  reference_value::current_price, 5.0,
                                  caf::none});
  r.actions.push_back(rule_action{action_type::adjust_stop_loss,
                                  reference_value::current_price, -5.0,
                                  caf::none});
  rs.rules.push_back(std::move(r));
  return rs;
}

ruleset move_legs() {
  ruleset rs;
  rs.id = manage_ruleset_id;
  rs.name = "move legs";
  rule r;
  r.name = "always";
  r.actions.push_back(rule_action{action_type::adjust_take_profit,
                                  reference_value::current_price, 3.0,
                                  caf::none});
  r.actions.push_back(rule_action{action_type::adjust_stop_loss,
                                  reference_value::current_price, -3.0,
                                  caf::none});
  rs.rules.push_back(std::move(r));
  return rs;
}

} // namespace

world_fixture::world_fixture(const world_plan& p) : plan(p) {
  recorder = std::make_shared<recording_store>(real);
  db = recorder;
  require_ok(db->put_ruleset(buy_with_legs()));
  require_ok(db->put_ruleset(move_legs()));
  for (int64_t e = 1; e <= p.experts; ++e) {
    auto x = trader(e);
    x.enter_market_ruleset_id = legs_ruleset_id;
    x.open_positions_ruleset_id = manage_ruleset_id;
    x.settings.allow_automated_trade_modification = true;
    seed_expert(x);
  }
  if (!p.recs.empty())
    require_ok(db->put_recommendations(p.recs));
  int64_t txn_id = 1000;
  for (auto& [expert_id, symbol, status] : p.given) {
    seed_txn(txn_id, expert_id, symbol, status);
    given_ids.insert(txn_id++);
  }
  settings.lock_wait = milliseconds(p.lock_wait_ms);
  settings.lock_margin = milliseconds(p.lock_margin_ms);
  settings.max_runs_in_flight = p.max_runs;
  std::map<std::string, double> prices;
  for (auto& s : p.symbols)
    if (std::find(p.unpriced.begin(), p.unpriced.end(), s)
        == p.unpriced.end())
      prices.emplace(s, 100.0);
  start(milliseconds(p.latency_ms), std::move(prices), p.faults);
}

std::string world_fixture::inject(const world_event& ev) {
  switch (ev.kind) {
    case event_kind::trigger:
      runs.push_back(process(ev.expert, caf::infinite, ev.uc));
      return "trigger expert " + std::to_string(ev.expert)
             + (ev.uc == use_case::open_positions ? " open_positions"
                                                  : " enter_market");
    case event_kind::refresh:
      refreshes.push_back(refresh_all());
      return "refresh all";
    case event_kind::price:
      // Through the broker actor, so the move is one more message that
      // interleaves with the runs' submissions and status requests.
      caf::anon_send(eng.broker, set_price_atom_v,
                     price_quotes{{{ev.symbol, ev.price}}});
      return "price " + ev.symbol + " " + std::to_string(ev.price);
    case event_kind::faults:
      // Answers start or stop getting lost while requests are in flight.
      caf::anon_send(eng.broker, faults_atom_v, ev.faults);
      return std::string{"faults drop_answers="}
             + (ev.faults.drop_answers ? "1" : "0") + " refuse="
             + std::to_string(ev.faults.refuse_symbols.size());
    case event_kind::kill:
      break;
  }
  std::vector<caf::actor_addr> alive;
  for (auto& w : workers)
    if (caf::actor_cast<caf::strong_actor_ptr>(w) != nullptr)
      alive.push_back(w);
  if (alive.empty())
    return "kill: no worker yet";
  auto& victim = alive[ev.victim % alive.size()];
  caf::anon_send_exit(victim, caf::exit_reason::kill);
  killed_any = true;
  return "kill worker " + std::to_string(victim.id());
}

void world_fixture::run_random(size_t index) {
  auto& jobs = sched.jobs;
  std::swap(jobs[0], jobs[index]);
  auto* a = dynamic_cast<caf::local_actor*>(jobs.front());
  if (a != nullptr && std::strcmp(a->name(), "worker") == 0) {
    auto addr = a->address();
    if (std::find(workers.begin(), workers.end(), addr) == workers.end())
      workers.push_back(std::move(addr));
  }
  sched.run_once();
}

world_state world_fixture::peek() {
  world_state w;
  w.snapshot = snapshot();
  w.submits = broker->submits;
  return w;
}

world_state world_fixture::collect() {
  auto w = peek();
  w.runs = recorder->runs;
  for (int64_t e = 1; e <= plan.experts; ++e)
    w.loads[e] = expected_load(plan.recs, e);
  w.given_transactions = given_ids;
  std::vector<std::string> ids;
  for (auto& o : w.snapshot.orders)
    ids.push_back(o.client_order_id);
  for (auto& s : paper->status(ids))
    if (s.known)
      w.broker_known.insert(s.client_order_id);
  for (auto& r : runs) {
    if (!r->done)
      ++w.unanswered;
    else if (r->err)
      ++w.failures;
    else
      ++w.results;
  }
  for (auto& done : refreshes)
    if (!*done)
      ++w.unanswered;
  w.killed_any = killed_any;
  w.registry = registry();
  return w;
}

} // namespace tradeflow::test
