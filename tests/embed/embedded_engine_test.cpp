#include <boost/test/unit_test.hpp>

#include <future>
#include <map>

#include <prometheus/registry.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "tests/embed/embed_fixture.hpp"
#include "tests/support/printing.hpp"

// The public API of docs/embedding.md: an engine started, fed, run,
// queried and stopped through <tradeflow/engine.hpp> alone, over the
// installed shared library's code.
using namespace tradeflow;
using namespace tradeflow::embed_test;

BOOST_AUTO_TEST_SUITE(embedded_engine)

BOOST_FIXTURE_TEST_CASE(a_run_opens_a_position_and_its_take_profit_closes_it,
                        embed_fixture) {
  BOOST_REQUIRE(eng->subscribe(seen));
  seed({"AAPL"});
  auto run = eng->enter_market(7);
  BOOST_REQUIRE(run);
  BOOST_TEST(run->status == run_status::processed);
  BOOST_TEST(run->orders.size() == 3u); // the entry and its two legs
  BOOST_REQUIRE(eng->refresh());
  venue->set_prices(price_quotes{{{"AAPL", 111.0}}});
  BOOST_REQUIRE(eng->refresh());
  BOOST_REQUIRE(!eng->flush_events());
  auto txns = eng->transactions(7);
  BOOST_REQUIRE(txns);
  BOOST_REQUIRE_EQUAL(txns->size(), 1u);
  BOOST_TEST(to_string(txns->front().status) == "CLOSED");
  auto events = seen->events();
  // The transaction's life, in commit order.
  std::vector<std::string> life;
  for (auto& ev : events) {
    if (ev.transaction)
      life.push_back("txn " + to_string(ev.transaction->to));
    else if (ev.order)
      life.push_back(to_string(ev.order->role) + " " + to_string(ev.kind));
    else if (ev.run)
      life.push_back("run");
  }
  // The paper venue fills a market entry on arrival, so the run's own
  // refresh (docs/engine.md §2 steps 8-9) opens the position and releases
  // the legs; at 111 the take profit fills and the venue cancels its
  // one-cancels-other sibling before the sync closes the transaction.
  std::vector<std::string> expected{
    "txn WAITING",
    "entry order_submitted",
    "entry order_acknowledged",
    "entry order_filled",
    "txn OPENED",
    "take_profit order_submitted",
    "stop_loss order_submitted",
    "take_profit order_acknowledged",
    "stop_loss order_acknowledged",
    "run",
    "take_profit order_filled",
    "stop_loss order_canceled",
    "txn CLOSED",
  };
  BOOST_TEST(life == expected, boost::test_tools::per_element());
  for (size_t i = 0; i < events.size(); ++i)
    BOOST_TEST(events[i].sequence == i + 1);
}

BOOST_FIXTURE_TEST_CASE(refused_values_name_their_field_and_write_nothing,
                        embed_fixture) {
  seed({});
  auto bad = trading_expert(8);
  bad.virtual_equity_pct = 0;
  auto err = eng->put_expert(bad);
  BOOST_TEST(is(err, ec::invalid_input));
  BOOST_TEST(describe(err).find("expert.virtual_equity_pct") != std::string::npos);
  auto orphan = trading_expert(9);
  orphan.enter_market_ruleset_id = 42;
  err = eng->put_expert(orphan);
  BOOST_TEST(describe(err).find("expert.enter_market_ruleset_id: unknown "
                                "ruleset 42")
             != std::string::npos);
  // One unknown expert refuses the whole batch: the good one is not added.
  auto n = eng->add_recommendations({buy(1, 7, "AAPL"), buy(2, 99, "MSFT")});
  BOOST_REQUIRE(!n);
  BOOST_TEST(describe(n.error()).find("recommendations[1].expert_id: unknown "
                                      "expert 99")
             != std::string::npos);
  auto bad_symbol = buy(3, 7, " AAPL");
  n = eng->add_recommendations({bad_symbol});
  BOOST_REQUIRE(!n);
  BOOST_TEST(describe(n.error()).find("recommendations[0].symbol")
             != std::string::npos);
  auto run = eng->enter_market(7);
  BOOST_REQUIRE(run);
  BOOST_TEST(run->outcomes.empty());
  BOOST_TEST(eng->transactions(7)->empty());
  BOOST_TEST(is(eng->enter_market(0).error(), ec::invalid_input));
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused_before_anything_starts) {
  engine_options opts;
  opts.lock_wait = std::chrono::milliseconds{0};
  auto e = engine::start(opts);
  BOOST_REQUIRE(!e);
  BOOST_TEST(describe(e.error()).find("engine_options.lock_wait")
             != std::string::npos);
  opts = engine_options{};
  opts.tick_sizes["AAPL"] = 0.001;
  opts.tick_sizes["MSFT"] = 0;
  e = engine::start(opts);
  BOOST_REQUIRE(!e);
  BOOST_TEST(describe(e.error()).find("engine_options.tick_sizes.MSFT")
             != std::string::npos);
  opts = engine_options{};
  opts.tick_size = 1.5;
  e = engine::start(opts);
  BOOST_REQUIRE(!e);
  BOOST_TEST(describe(e.error()).find("engine_options.tick_size: must be")
             != std::string::npos);
  opts = engine_options{};
  opts.database = "nosuchscheme://x";
  e = engine::start(opts);
  BOOST_REQUIRE(!e);
  BOOST_TEST(is(e.error(), ec::invalid_input));
}

BOOST_AUTO_TEST_CASE(levels_lie_on_the_ticks_of_the_options) {
  engine_options opts;
  opts.tick_size = 0.01;
  opts.tick_sizes["AAPL"] = 0.25;
  embed_fixture f{opts};
  f.venue->set_prices(price_quotes{{{"AAPL", 101.23}, {"MSFT", 200.123}}});
  f.seed({"AAPL", "MSFT"});
  BOOST_REQUIRE(f.eng->enter_market(7));
  auto txns = f.eng->transactions(7);
  BOOST_REQUIRE(txns);
  BOOST_REQUIRE_EQUAL(txns->size(), 2u);
  for (auto& t : *txns) {
    BOOST_TEST_CONTEXT(t.symbol) {
      // +10 % and -5 %: 111.353 and 96.1685 on a 0.25 grid; 220.1353 and
      // 190.11685 on the 0.01 default.
      auto aapl = t.symbol == "AAPL";
      BOOST_TEST(*t.take_profit == (aapl ? 111.25 : 220.14));
      BOOST_TEST(*t.stop_loss == (aapl ? 96.25 : 190.12));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_slow_subscriber_loses_events_but_never_stalls_runs) {
  engine_options opts;
  opts.event_queue_capacity = 2;
  opts.event_batch_size = 1;
  embed_fixture f{opts};
  // The listener blocks on its first event until the runs are done.
  std::promise<void> release;
  auto gate = release.get_future().share();
  struct blocking : event_listener {
    std::shared_future<void> gate;
    std::shared_ptr<collector> seen;
    void on_event(const engine_event& ev) override {
      gate.wait();
      seen->on_event(ev);
    }
  };
  auto slow = std::make_shared<blocking>();
  slow->gate = gate;
  slow->seen = f.seen;
  BOOST_REQUIRE(f.eng->subscribe(slow));
  f.seed({"AAPL", "MSFT"});
  BOOST_REQUIRE(f.eng->enter_market(7)); // returns while the listener waits
  BOOST_REQUIRE(f.eng->refresh());
  release.set_value();
  BOOST_REQUIRE(!f.eng->flush_events());
  // Every event is either delivered in sequence or counted by the
  // events_lost marker that stands where it would have been.
  uint64_t next = 1;
  uint64_t lost = 0;
  for (auto& ev : f.seen->events()) {
    if (ev.kind == event_kind::events_lost) {
      lost += ev.lost;
      next += ev.lost;
      continue;
    }
    BOOST_TEST(ev.sequence == next);
    next = ev.sequence + 1;
  }
  BOOST_TEST(lost > 0u);
  BOOST_TEST(next > 10u); // the runs' events all accounted for
}

BOOST_AUTO_TEST_CASE(an_actor_subscriber_in_the_hosts_own_system) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto seen = std::make_shared<collector>();
  {
    engine_options opts;
    opts.paper_prices = {{"AAPL", 100.0}};
    auto started = engine::start(sys, opts);
    BOOST_REQUIRE(started);
    auto& eng = **started;
    auto sub = sys.spawn([seen](caf::event_based_actor*) -> caf::behavior {
      return {[seen](const event_batch& b) {
        for (auto& ev : b.events)
          seen->on_event(ev);
        return true;
      }};
    });
    BOOST_REQUIRE(eng.subscribe(sub));
    BOOST_REQUIRE(!eng.put_ruleset(bracket_ruleset()));
    BOOST_REQUIRE(!eng.put_expert(trading_expert(7)));
    BOOST_REQUIRE(eng.add_recommendations({buy(1, 7, "AAPL")}));
    BOOST_REQUIRE(eng.enter_market(7));
    BOOST_REQUIRE(!eng.flush_events());
    eng.stop();
    eng.stop(); // idempotent
    BOOST_TEST(!eng.enter_market(7));
    caf::anon_send_exit(sub, caf::exit_reason::user_shutdown);
  }
  auto kinds = kinds_of(seen->events());
  BOOST_REQUIRE(!kinds.empty());
  BOOST_TEST(kinds.back() == event_kind::run_finished);
}

BOOST_AUTO_TEST_CASE(logs_go_to_the_hosts_sinks_not_spdlogs_registry) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  engine_options opts;
  opts.log_sinks = {sink};
  opts.log_level = "debug";
  embed_fixture f{opts};
  f.seed({"AAPL"});
  BOOST_REQUIRE(f.eng->enter_market(7));
  f.eng->stop();
  BOOST_TEST(out.str().find("[worker]") != std::string::npos);
  BOOST_TEST(spdlog::get("store") == nullptr);
  BOOST_TEST(spdlog::get("worker") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(embedded_metrics)

// The host's registry gets the engine's families, and the store's events
// feed tradeflow_orders_total's fills and cancels (docs/metrics.md).
BOOST_AUTO_TEST_CASE(the_hosts_registry_counts_runs_and_fills) {
  auto registry = std::make_shared<prometheus::Registry>();
  engine_options opts;
  opts.metrics = registry;
  embed_fixture f{opts};
  f.seed({"AAPL"});
  BOOST_REQUIRE(f.eng->enter_market(7));
  f.venue->set_prices(price_quotes{{{"AAPL", 111.0}}});
  BOOST_REQUIRE(f.eng->refresh());
  std::map<std::string, double> orders;
  double runs = 0;
  for (auto& family : registry->Collect()) {
    for (auto& m : family.metric) {
      if (family.name == "tradeflow_runs_total")
        runs += m.counter.value;
      if (family.name == "tradeflow_orders_total")
        for (auto& label : m.label)
          if (label.name == "event")
            orders[label.value] += m.counter.value;
    }
  }
  BOOST_TEST(runs == 1.0);
  BOOST_TEST(orders["submitted"] == 3.0); // the entry and both legs
  BOOST_TEST(orders["filled"] == 2.0);    // the entry and the take profit
  BOOST_TEST(orders["canceled"] == 1.0);  // the stop loss
}

BOOST_AUTO_TEST_SUITE_END()
