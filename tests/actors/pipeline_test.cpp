#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/support/pipeline_fixture.hpp"

// The real engine, end to end under the test coordinator: the flows of
// docs/architecture.md §6: 1 (a waiter freed during its wait), 2 (the duplicate
// check), 3 (different experts in parallel, the same expert skipped) and 5
// (which transaction states block), and the run guards. Broker latency makes a
// run hold its lock across virtual time.
using namespace tradeflow;
using namespace tradeflow::test;
using namespace std::chrono_literals;

namespace {

using outcomes = std::vector<outcome>;
using strings = std::vector<std::string>;

} // namespace

BOOST_FIXTURE_TEST_SUITE(pipeline_suite, pipeline_fixture)

BOOST_AUTO_TEST_CASE(duplicate_check_skips_only_the_symbol_already_held) {
  seed_expert(1);
  seed_txn(456, 1, "AAPL", txn_status::waiting);
  seed_buy(1, 1, "AAPL", 30);
  seed_buy(2, 1, "GOOGL", 20);
  seed_buy(3, 1, "MSFT", 10);
  start(0ms, {{"AAPL", 100}, {"GOOGL", 200}, {"MSFT", 50}});
  auto a = process(1);
  run();
  BOOST_REQUIRE(a->done);
  auto& res = a->result;
  BOOST_TEST(to_string(res.status) == "processed");
  BOOST_TEST(!res.error);
  BOOST_TEST(outcomes_of(res)
             == (outcomes{outcome::skipped_duplicate, outcome::executed,
                          outcome::executed}));
  BOOST_TEST(res.outcomes[0].reason == "transaction 456 in WAITING");
  BOOST_TEST(res.orders == (strings{"1-2-entry", "1-3-entry"}));
  auto s = snapshot();
  BOOST_TEST(s.transactions.size() == 3u);
  BOOST_TEST(s.orders.size() == 2u);
  for (auto sym : {"AAPL", "GOOGL", "MSFT"})
    BOOST_TEST(live_of(s, 1, sym).size() == 1u, sym);
  // The given WAITING transaction is untouched: it has no orders to sync.
  BOOST_TEST(txn_by_id(s, 456).status == txn_status::waiting);
  BOOST_TEST(find_order(s, "1-1-entry") == nullptr);
  // Cap 10 % of (100,000 - 1,000 used by AAPL) = 9,900 per instrument.
  struct expected {
    const char* symbol;
    const char* client_id;
    int64_t qty;
    double price;
    const char* broker_id;
  };
  for (auto& x : {expected{"GOOGL", "1-2-entry", 49, 200, "P-1"},
                  expected{"MSFT", "1-3-entry", 198, 50, "P-2"}}) {
    auto o = find_order(s, x.client_id);
    BOOST_REQUIRE(o != nullptr);
    BOOST_TEST(o->symbol == x.symbol);
    BOOST_TEST(o->status == order_status::filled);
    BOOST_TEST(o->quantity == x.qty);
    BOOST_TEST(o->filled_qty == x.qty);
    BOOST_TEST(o->filled_avg_price == caf::optional<double>{x.price});
    BOOST_TEST(o->broker_order_id == caf::optional<std::string>{x.broker_id});
    auto t = txn_by_id(s, o->transaction_id);
    BOOST_TEST(t.status == txn_status::opened);
    BOOST_TEST(t.quantity == x.qty);
    BOOST_TEST(t.open_price == caf::optional<double>{x.price});
    BOOST_TEST(t.open_date_ms == caf::optional<int64_t>{pipeline_now});
  }
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(other_expert_runs_alongside_same_expert_is_skipped) {
  seed_expert(1);
  seed_expert(2);
  seed_buy(1, 1, "AAPL", 10);
  seed_buy(2, 2, "AAPL", 10);
  start(300ms, {{"AAPL", 100}});
  auto a = process(1);
  auto b = process(2);
  auto c = process(1);
  run();
  // Both experts hold their own key before any time passes; the second
  // run of expert 1 waits behind the first.
  BOOST_TEST(registry().held == 2u);
  BOOST_TEST(key(1).waiters == 1u);
  BOOST_TEST(key(2).waiters == 0u);
  advance(300ms); // both entries answered; both status requests out
  advance(199ms);
  BOOST_TEST(!c->done); // a timed wait of 500 ms, not a try-lock
  advance(1ms);
  BOOST_REQUIRE(c->done);
  BOOST_TEST(c->took_ms == 500);
  BOOST_TEST(to_string(c->result.status) == "lock_timeout");
  BOOST_TEST(c->result.lock_wait_ms == 500.0);
  BOOST_TEST(c->result.outcomes.empty());
  BOOST_TEST(c->result.orders.empty());
  BOOST_TEST(!a->done);
  BOOST_TEST(!b->done);
  advance(100ms); // the status answers: both runs end at 600 ms
  BOOST_REQUIRE(a->done);
  BOOST_REQUIRE(b->done);
  for (auto& x : {a, b}) {
    BOOST_TEST(x->took_ms == 600);
    BOOST_TEST(to_string(x->result.status) == "processed");
    BOOST_TEST(x->result.lock_wait_ms == 0.0);
    BOOST_TEST(outcomes_of(x->result) == outcomes{outcome::executed});
  }
  BOOST_TEST(a->result.orders == strings{"1-1-entry"});
  BOOST_TEST(b->result.orders == strings{"2-2-entry"});
  auto s = snapshot();
  BOOST_TEST(s.transactions.size() == 2u);
  BOOST_TEST(s.orders.size() == 2u);
  for (int64_t expert_id : {1, 2}) {
    auto live = live_of(s, expert_id, "AAPL");
    BOOST_REQUIRE(live.size() == 1u);
    BOOST_TEST(live[0].status == txn_status::opened);
    BOOST_TEST(live[0].quantity == 100); // 10 % of 100,000 at 100
  }
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(waiter_freed_during_its_wait_finds_the_new_position) {
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  // One entry at 100 ms latency: submit and status, so the first run
  // holds the lock for 200 ms, well under the 500 ms wait.
  start(100ms, {{"AAPL", 100}});
  auto a = process(1);
  auto b = process(1);
  run();
  BOOST_TEST(key(1).waiters == 1u);
  advance(100ms);
  BOOST_TEST(!a->done);
  BOOST_TEST(!b->done);
  advance(100ms);
  BOOST_REQUIRE(a->done);
  BOOST_REQUIRE(b->done); // granted at release, done without the broker
  BOOST_TEST(to_string(a->result.status) == "processed");
  BOOST_TEST(outcomes_of(a->result) == outcomes{outcome::executed});
  BOOST_TEST(a->result.orders == strings{"1-1-entry"});
  BOOST_TEST(b->took_ms == 200);
  BOOST_TEST(to_string(b->result.status) == "processed");
  BOOST_TEST(b->result.lock_wait_ms == 200.0);
  BOOST_TEST(outcomes_of(b->result) == outcomes{outcome::skipped_duplicate});
  // The first run refreshed before releasing: the position is OPENED.
  BOOST_TEST(b->result.outcomes[0].reason.find("in OPENED")
             != std::string::npos);
  BOOST_TEST(b->result.orders.empty());
  auto s = snapshot();
  BOOST_TEST(s.transactions.size() == 1u);
  BOOST_TEST(s.orders.size() == 1u);
  BOOST_TEST(live_of(s, 1, "AAPL").size() == 1u);
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(waiting_and_opened_block_closing_closed_failed_allow) {
  seed_expert(1);
  seed_txn(100, 1, "AAPL", txn_status::waiting);
  seed_txn(101, 1, "GOOGL", txn_status::opened);
  seed_txn(102, 1, "MSFT", txn_status::closing);
  seed_txn(103, 1, "TSLA", txn_status::closed);
  seed_txn(104, 1, "AMZN", txn_status::failed);
  // Load order follows expected profit: the symbols in the order above,
  // then NVDA, which has no transaction at all.
  seed_buy(1, 1, "AAPL", 60);
  seed_buy(2, 1, "GOOGL", 50);
  seed_buy(3, 1, "MSFT", 40);
  seed_buy(4, 1, "TSLA", 30);
  seed_buy(5, 1, "AMZN", 20);
  seed_buy(6, 1, "NVDA", 10);
  std::map<std::string, double> prices;
  for (auto sym : {"AAPL", "GOOGL", "MSFT", "TSLA", "AMZN", "NVDA"})
    prices[sym] = 100;
  start(0ms, prices);
  auto a = process(1);
  run();
  BOOST_REQUIRE(a->done);
  auto& res = a->result;
  BOOST_TEST(to_string(res.status) == "processed");
  BOOST_TEST(outcomes_of(res)
             == (outcomes{outcome::skipped_duplicate,
                          outcome::skipped_duplicate, outcome::executed,
                          outcome::executed, outcome::executed,
                          outcome::executed}));
  BOOST_TEST(res.outcomes[0].reason == "transaction 100 in WAITING");
  BOOST_TEST(res.outcomes[1].reason == "transaction 101 in OPENED");
  BOOST_TEST(res.orders
             == (strings{"1-3-entry", "1-4-entry", "1-5-entry",
                         "1-6-entry"}));
  auto s = snapshot();
  BOOST_TEST(s.transactions.size() == 9u);
  BOOST_TEST(s.orders.size() == 4u);
  // The given ones keep their states (none has an order to sync).
  BOOST_TEST(txn_by_id(s, 100).status == txn_status::waiting);
  BOOST_TEST(txn_by_id(s, 101).status == txn_status::opened);
  BOOST_TEST(txn_by_id(s, 102).status == txn_status::closing);
  BOOST_TEST(txn_by_id(s, 103).status == txn_status::closed);
  BOOST_TEST(txn_by_id(s, 104).status == txn_status::failed);
  // Cap 10 % of (100,000 - 2,000 held by WAITING + OPENED) at 100: 98.
  for (auto sym : {"AAPL", "GOOGL", "MSFT", "TSLA", "AMZN", "NVDA"})
    BOOST_TEST(live_of(s, 1, sym).size() == 1u, sym);
  for (auto sym : {"MSFT", "TSLA", "AMZN", "NVDA"}) {
    auto live = live_of(s, 1, sym);
    BOOST_TEST(live[0].id > 104, sym);
    BOOST_TEST(live[0].status == txn_status::opened, sym);
    BOOST_TEST(live[0].quantity == 98, sym);
  }
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(guards_end_runs_without_outcomes_and_free_the_lock) {
  // Expert 1 is never seeded.
  auto disabled = trader(2);
  disabled.enabled = false;
  auto closed = trader(3);
  closed.settings.allow_automated_trade_opening = false;
  auto bare = trader(4);
  bare.enter_market_ruleset_id = caf::none;
  for (auto& x : {disabled, closed, bare}) {
    seed_expert(x);
    seed_buy(x.id, x.id, "AAPL", 10);
  }
  start(0ms, {{"AAPL", 100}});
  std::vector<run_log_ptr> logs;
  for (int64_t id = 1; id <= 4; ++id)
    logs.push_back(process(id));
  run();
  strings expected{"guard:unknown_expert", "guard:disabled",
                   "guard:opening_not_allowed", "guard:no_ruleset"};
  for (size_t i = 0; i < logs.size(); ++i) {
    BOOST_REQUIRE(logs[i]->done);
    BOOST_TEST(to_string(logs[i]->result.status) == expected[i]);
    BOOST_TEST(logs[i]->result.expert_id == static_cast<int64_t>(i + 1));
    BOOST_TEST(!logs[i]->result.error);
    BOOST_TEST(logs[i]->result.outcomes.empty());
    BOOST_TEST(logs[i]->result.orders.empty());
  }
  auto s = snapshot();
  BOOST_TEST(s.transactions.empty());
  BOOST_TEST(s.orders.empty());
  BOOST_TEST(broker->submits.empty());
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_SUITE_END()
