#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/support/pipeline_fixture.hpp"

// The open_positions run end to end (docs/engine.md §2.5,
// docs/engine-details.md §8.3): adjust actions
// reprice a waiting leg in place or cancel and replace a leg at the
// broker, the same recommendation cannot place a leg twice, and close
// sends one market order and moves the position to CLOSING.
using namespace tradeflow;
using namespace tradeflow::test;
using namespace std::chrono_literals;

namespace {

constexpr int64_t enter_with_tp_id = 20;
constexpr int64_t manage_id = 21;

rule_action explicit_tp(double price) {
  rule_action a;
  a.type = action_type::adjust_take_profit;
  a.price = price;
  return a;
}

/// A take profit `percent` over the current price.
rule_action relative_tp(double percent) {
  rule_action a;
  a.type = action_type::adjust_take_profit;
  a.reference = reference_value::current_price;
  a.value = percent;
  return a;
}

struct positions_fixture : pipeline_fixture {
  positions_fixture() {
    ruleset enter;
    enter.id = enter_with_tp_id;
    enter.name = "buy with a take profit at 120";
    rule r;
    r.name = "bullish";
    r.triggers.push_back(trigger{event_type::bullish, caf::none, caf::none});
    r.actions.push_back(rule_action{action_type::buy, caf::none, caf::none,
                                    caf::none});
    r.actions.push_back(explicit_tp(120));
    enter.rules.push_back(r);
    require_ok(db->put_ruleset(enter));
    auto x = trader(1);
    x.enter_market_ruleset_id = enter_with_tp_id;
    x.open_positions_ruleset_id = manage_id;
    x.settings.allow_automated_trade_modification = true;
    seed_expert(x);
    seed_buy(1, 1, "AAPL", 10);
  }

  void manage_with(rule_action a) {
    ruleset manage;
    manage.id = manage_id;
    manage.name = "manage";
    rule r;
    r.name = "always";
    r.actions.push_back(a);
    manage.rules.push_back(r);
    require_ok(db->put_ruleset(manage));
  }

  /// A HOLD on AAPL newer than the BUY: the recommendation a later
  /// open_positions run acts on.
  void seed_hold(int64_t id) {
    recommendation x;
    x.id = id;
    x.expert_id = 1;
    x.symbol = "AAPL";
    x.action = rec_action::hold;
    x.price_at_date = 100;
    x.created_at_ms = pipeline_now - 30'000 + id;
    require_ok(db->put_recommendations({x}));
  }

  run_result manage() {
    auto log = process(1, caf::infinite, use_case::open_positions);
    run();
    BOOST_REQUIRE(log->done);
    return log->result;
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(positions_suite, positions_fixture)

BOOST_AUTO_TEST_CASE(adjust_reprices_a_waiting_leg_in_place) {
  manage_with(explicit_tp(150));
  // The entry never gets an answer, so its take profit stays waiting.
  broker_faults faults;
  faults.timeout_symbols = {"AAPL"};
  start(0ms, {{"AAPL", 100}}, faults);
  auto entry = process(1);
  run();
  advance(1s); // the submission's broker timeout: unknown outcome
  BOOST_REQUIRE(entry->done);
  BOOST_TEST(entry->result.outcomes.at(0).result == outcome::executed);
  auto res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::executed);
  BOOST_TEST(res.orders.empty()); // repriced, nothing new placed
  auto s = snapshot();
  auto* tp = find_order(s, "1-1-tp");
  BOOST_REQUIRE(tp);
  BOOST_TEST(tp->status == order_status::waiting_trigger);
  BOOST_TEST(*tp->limit_price == 150.0);
  BOOST_TEST(*live_of(s, 1, "AAPL").at(0).take_profit == 150.0);
  // The same level again changes nothing.
  res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::no_action);
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(a_repriced_waiting_leg_takes_the_reference_of_its_level) {
  // Take profit 10 % over the current price, computed before the entry
  // filled: rebased to the fill on release, from the price it came from
  // (docs/engine.md §4), not from the reference of the level it replaced.
  manage_with(relative_tp(10));
  broker_faults faults;
  faults.timeout_symbols = {"AAPL"};
  start(0ms, {{"AAPL", 100}}, faults);
  auto entry = process(1);
  run();
  advance(1s); // the entry stays pending: its take profit stays waiting
  BOOST_REQUIRE(entry->done);
  auto s = snapshot();
  BOOST_REQUIRE(find_order(s, "1-1-tp"));
  BOOST_TEST(!find_order(s, "1-1-tp")->reference_price); // explicit 120
  paper->set_prices(price_quotes{{{"AAPL", 110}}});
  auto res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::executed);
  s = snapshot();
  auto* leg = find_order(s, "1-1-tp");
  BOOST_TEST(leg->status == order_status::waiting_trigger);
  BOOST_TEST(*leg->limit_price == 121.0);
  BOOST_REQUIRE(leg->reference_price);
  BOOST_TEST(*leg->reference_price == 110.0);
}

BOOST_AUTO_TEST_CASE(adjust_replaces_a_leg_that_is_at_the_broker) {
  // Take profit 50 % over the current price: it moves with the price.
  manage_with(relative_tp(50));
  start(0ms, {{"AAPL", 100}});
  auto entry = process(1);
  run();
  BOOST_REQUIRE(entry->done);
  auto s = snapshot();
  BOOST_REQUIRE(find_order(s, "1-1-tp"));
  BOOST_TEST(find_order(s, "1-1-tp")->status == order_status::open);
  seed_hold(2);
  auto res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::executed);
  BOOST_TEST(res.orders == std::vector<std::string>{"1-2-tp"});
  s = snapshot();
  BOOST_TEST(find_order(s, "1-1-tp")->status == order_status::canceled);
  auto* replacement = find_order(s, "1-2-tp");
  BOOST_REQUIRE(replacement);
  BOOST_TEST(*replacement->limit_price == 150.0);
  BOOST_TEST(replacement->quantity == find_order(s, "1-1-entry")->quantity);
  // Placed on the (filled) entry and released by the same run's check.
  BOOST_TEST(replacement->status == order_status::open);
  BOOST_TEST(broker->submits["1-2-tp"] == 1);
  // The paper broker no longer works the old leg.
  auto old = paper->status({"1-1-tp"});
  BOOST_TEST(old.at(0).status == order_status::canceled);
  // The same recommendation adjusting again (the price moved, so the level
  // would change) places and cancels nothing: its client id is taken.
  paper->set_prices(price_quotes{{{"AAPL", 110}}});
  res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::no_action);
  s = snapshot();
  BOOST_TEST(find_order(s, "1-2-tp")->status == order_status::open);
  BOOST_TEST(*find_order(s, "1-2-tp")->limit_price == 150.0);
  BOOST_TEST(broker->submits["1-2-tp"] == 1);
}

BOOST_AUTO_TEST_CASE(close_sends_one_market_order_and_closes_on_fill) {
  rule_action close;
  close.type = action_type::close;
  manage_with(close);
  start(0ms, {{"AAPL", 100}});
  auto entry = process(1);
  run();
  BOOST_REQUIRE(entry->done);
  seed_hold(2);
  auto res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::executed);
  BOOST_TEST(res.orders == std::vector<std::string>{"1-2-close"});
  auto s = snapshot();
  auto* close_order = find_order(s, "1-2-close");
  BOOST_REQUIRE(close_order);
  BOOST_TEST(close_order->side == order_side::sell);
  BOOST_TEST(close_order->status == order_status::filled);
  auto txn = txn_by_id(s, close_order->transaction_id);
  BOOST_TEST(txn.status == txn_status::closed);
  BOOST_TEST(*txn.close_price == 100.0);
  // Its take profit was canceled when the close filled.
  BOOST_TEST(find_order(s, "1-1-tp")->status == order_status::canceled);
  // Nothing left to close: the next run finds no position.
  res = manage();
  BOOST_TEST(res.outcomes.at(0).result == outcome::no_position);
  BOOST_TEST(broker->submits["1-2-close"] == 1);
}

BOOST_AUTO_TEST_CASE(close_of_a_waiting_position_is_no_action) {
  rule_action close;
  close.type = action_type::close;
  manage_with(close);
  seed_txn(300, 1, "MSFT", txn_status::waiting);
  recommendation x;
  x.id = 3;
  x.expert_id = 1;
  x.symbol = "MSFT";
  x.action = rec_action::sell;
  x.expected_profit_percent = 5;
  x.price_at_date = 100;
  x.created_at_ms = pipeline_now - 1000;
  require_ok(db->put_recommendations({x}));
  start(0ms, {{"AAPL", 100}, {"MSFT", 100}});
  auto res = manage();
  BOOST_REQUIRE(res.outcomes.size() == 2u);
  for (auto& o : res.outcomes)
    if (o.recommendation_id == 3)
      BOOST_TEST(o.result == outcome::no_action);
    else
      BOOST_TEST(o.result == outcome::no_position);
  BOOST_TEST(snapshot().orders.empty());
}

BOOST_AUTO_TEST_SUITE_END()
