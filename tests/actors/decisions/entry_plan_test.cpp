#include <boost/test/unit_test.hpp>

#include "actors/decisions/entry_plan.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using at = action_type;
using rv = reference_value;

// The default tick (0.0001, 4 decimals) and a US equity venue's (0.01).
const price_tick t4{};
const price_tick cent = tick_of(0.01);

evaluation passed(std::vector<rule_action> xs) {
  evaluation ev;
  ev.actions = std::move(xs);
  ev.passed_rules = {"r"};
  return ev;
}

// A BUY at price_at_date 100 with EP 30: target 130, SELL target 70.
recommendation rec(rec_action action = rec_action::buy) {
  return make_rec(1, "AAPL", action, 30);
}

} // namespace

BOOST_AUTO_TEST_SUITE(entry_plan)

BOOST_AUTO_TEST_CASE(no_buy_or_sell_is_no_action) {
  auto none = plan_entry(evaluation{}, rec(), 100.0, t4);
  BOOST_TEST(none.result == outcome::no_action);
  BOOST_TEST(none.reason == "no rule passed");
  auto close_only = plan_entry(passed({act(at::close)}), rec(), 100.0, t4);
  BOOST_TEST(close_only.result == outcome::no_action);
  BOOST_TEST(close_only.reason == "no buy or sell action");
  auto adjust_only = plan_entry(
    passed({adjust(at::adjust_take_profit, rv::current_price, 10)}), rec(),
    100.0, t4);
  BOOST_TEST(adjust_only.result == outcome::no_action);
}

BOOST_AUTO_TEST_CASE(buy_and_sell_is_an_error) {
  auto p = plan_entry(passed({act(at::buy), act(at::sell)}), rec(), 100.0, t4);
  BOOST_TEST(p.result == outcome::evaluation_error);
}

BOOST_AUTO_TEST_CASE(plain_buy_and_sell) {
  auto b = plan_entry(passed({act(at::buy), act(at::close)}), rec(), 100.0, t4);
  BOOST_TEST(b.result == outcome::executed);
  BOOST_TEST(b.side == order_side::buy);
  BOOST_TEST(!b.take_profit);
  BOOST_TEST(!b.stop_loss);
  auto s = plan_entry(passed({act(at::sell)}), rec(rec_action::sell), 100.0,
                      t4);
  BOOST_TEST(s.result == outcome::executed);
  BOOST_TEST(s.side == order_side::sell);
}

BOOST_AUTO_TEST_CASE(long_bracket_relative_to_current_price) {
  auto p = plan_entry(
    passed({act(at::buy), adjust(at::adjust_take_profit, rv::current_price, 10),
            adjust(at::adjust_stop_loss, rv::order_open_price, -5)}),
    rec(), 100.0, t4);
  BOOST_REQUIRE(p.result == outcome::executed);
  BOOST_REQUIRE(p.take_profit);
  BOOST_REQUIRE(p.stop_loss);
  BOOST_TEST(p.take_profit->type == order_type::sell_limit);
  BOOST_TEST(p.take_profit->level == 110.0);
  BOOST_TEST(*p.take_profit->reference_price == 100.0);
  BOOST_TEST(p.stop_loss->type == order_type::sell_stop);
  BOOST_TEST(p.stop_loss->level == 95.0);
  BOOST_TEST(*p.stop_loss->reference_price == 100.0);
}

BOOST_AUTO_TEST_CASE(short_bracket_mirrors_the_long) {
  auto p = plan_entry(
    passed({act(at::sell),
            adjust(at::adjust_take_profit, rv::current_price, 10),
            adjust(at::adjust_stop_loss, rv::current_price, -5)}),
    rec(rec_action::sell), 200.0, t4);
  BOOST_REQUIRE(p.result == outcome::executed);
  BOOST_TEST(p.side == order_side::sell);
  BOOST_TEST(p.take_profit->type == order_type::buy_limit);
  BOOST_TEST(p.take_profit->level == 180.0);
  BOOST_TEST(p.stop_loss->type == order_type::buy_stop);
  BOOST_TEST(p.stop_loss->level == 210.0);
}

BOOST_AUTO_TEST_CASE(expert_target_and_explicit_price_keep_no_reference) {
  auto p = plan_entry(
    passed({act(at::buy), adjust(at::adjust_take_profit,
                                 rv::expert_target_price, 0),
            adjust_at(at::adjust_stop_loss, 91.123456)}),
    rec(), 100.0, t4);
  BOOST_REQUIRE(p.result == outcome::executed);
  BOOST_TEST(p.take_profit->level == 130.0);
  BOOST_TEST(!p.take_profit->reference_price);
  BOOST_TEST(p.stop_loss->level == 91.1235);
  BOOST_TEST(!p.stop_loss->reference_price);
  // A short's target is below the price: 70, and 10 % under it is 63.
  auto s = plan_entry(
    passed({act(at::sell), adjust(at::adjust_take_profit,
                                  rv::expert_target_price, 10)}),
    rec(rec_action::sell), 100.0, t4);
  BOOST_TEST(s.take_profit->level == 63.0);
}

BOOST_AUTO_TEST_CASE(last_adjust_of_a_kind_wins) {
  auto p = plan_entry(
    passed({adjust(at::adjust_take_profit, rv::current_price, 10),
            act(at::buy),
            adjust(at::adjust_take_profit, rv::current_price, 20),
            adjust(at::adjust_stop_loss, rv::current_price, -5),
            adjust(at::adjust_stop_loss, rv::current_price, -8)}),
    rec(), 100.0, t4);
  BOOST_TEST(p.take_profit->level == 120.0);
  BOOST_TEST(p.stop_loss->level == 92.0);
}

BOOST_AUTO_TEST_CASE(uncomputable_levels_are_errors) {
  auto tp_cur = adjust(at::adjust_take_profit, rv::current_price, 10);
  auto no_price = plan_entry(passed({act(at::buy), tp_cur}), rec(),
                             caf::none, t4);
  BOOST_TEST(no_price.result == outcome::evaluation_error);
  // A HOLD has no target.
  auto tp_target = adjust(at::adjust_take_profit, rv::expert_target_price, 0);
  auto hold = plan_entry(passed({act(at::buy), tp_target}),
                         rec(rec_action::hold), 100.0, t4);
  BOOST_TEST(hold.result == outcome::evaluation_error);
  // -100 % of the price is a level of 0.
  auto zero = plan_entry(
    passed({act(at::buy), adjust(at::adjust_stop_loss, rv::current_price,
                                 -100)}),
    rec(), 100.0, t4);
  BOOST_TEST(zero.result == outcome::evaluation_error);
  auto negative = plan_entry(
    passed({act(at::buy), adjust_at(at::adjust_take_profit, -1)}), rec(),
    100.0, t4);
  BOOST_TEST(negative.result == outcome::evaluation_error);
  BOOST_TEST(!negative.take_profit);
}

BOOST_AUTO_TEST_CASE(levels_above_the_largest_price_are_errors) {
  // 1e305 used to round to inf (x * 1e4) and be placed with a null price.
  auto huge = plan_entry(
    passed({act(at::buy), adjust_at(at::adjust_take_profit, 1e305)}), rec(),
    100.0, t4);
  BOOST_TEST(huge.result == outcome::evaluation_error);
  BOOST_TEST(huge.reason
             == "adjust_take_profit: level not computable or out of range");
  BOOST_TEST(!leg_level(adjust_at(at::adjust_take_profit, 2e15),
                        order_side::buy, caf::none, t4));
  BOOST_TEST(*leg_level(adjust_at(at::adjust_take_profit, 1e15),
                        order_side::buy, caf::none, t4)
             == 1e15);
  // The expert target 37.5 * 1.2623 = 47.33625 rounds down (Python).
  auto target = make_rec(1, "AAPL", rec_action::buy, 26.23);
  target.price_at_date = 37.5;
  auto plan = plan_entry(
    passed({act(at::buy), adjust(at::adjust_take_profit,
                                 rv::expert_target_price, 0)}),
    target, 37.5, t4);
  BOOST_REQUIRE(plan.take_profit);
  BOOST_TEST(plan.take_profit->level == 47.3362);
}

BOOST_AUTO_TEST_CASE(leg_level_forms) {
  auto rel = adjust(at::adjust_stop_loss, rv::current_price, -5);
  BOOST_TEST(*leg_level(rel, order_side::buy, 100.0, t4) == 95.0);
  BOOST_TEST(*leg_level(rel, order_side::sell, 100.0, t4) == 105.0);
  BOOST_TEST(*leg_level(rel, order_side::buy, 33.33333, t4) == 31.6667);
  BOOST_TEST(!leg_level(rel, order_side::buy, caf::none, t4));
  auto explicit_price = adjust_at(at::adjust_take_profit, 120.5);
  BOOST_TEST(*leg_level(explicit_price, order_side::sell, caf::none, t4)
             == 120.5);
  BOOST_TEST(!leg_level(act(at::adjust_take_profit), order_side::buy,
                        100.0, t4));
  BOOST_TEST(!leg_level(adjust_at(at::adjust_take_profit, 0),
                        order_side::buy, 100.0, t4));
}

BOOST_AUTO_TEST_CASE(rebase_to_the_fill) {
  // TP at 110 computed from 100, filled at 102: 112.2.
  BOOST_TEST(rebase_level(110, 100, 102, t4) == 112.2);
  BOOST_TEST(rebase_level(95, 100, 100, t4) == 95.0);
  BOOST_TEST(rebase_level(110, 100, 101.23, t4) == 111.353);
  BOOST_TEST(rebase_level(95, 100, 33.33333, t4) == 31.6667);
}

BOOST_AUTO_TEST_CASE(levels_lie_on_the_instruments_tick) {
  // 101.3456 as an explicit price, and as 100 * (1 + 1.3456 %).
  auto price = adjust_at(at::adjust_take_profit, 101.3456);
  auto rel = adjust(at::adjust_take_profit, rv::current_price, 1.3456);
  BOOST_TEST(*leg_level(price, order_side::buy, caf::none, t4) == 101.3456);
  BOOST_TEST(*leg_level(price, order_side::buy, caf::none, cent) == 101.35);
  BOOST_TEST(*leg_level(rel, order_side::buy, 100.0, t4) == 101.3456);
  BOOST_TEST(*leg_level(rel, order_side::buy, 100.0, cent) == 101.35);
  auto p = plan_entry(passed({act(at::buy), price}), rec(), 100.0, cent);
  BOOST_REQUIRE(p.take_profit);
  BOOST_TEST(p.take_profit->level == 101.35);
  // A nickel grid: 101.3456 is nearer 101.35 than 101.30.
  BOOST_TEST(*leg_level(price, order_side::buy, caf::none, tick_of(0.05))
             == 101.35);
  // A level that rounds to 0 on the grid cannot be placed.
  auto tiny = adjust_at(at::adjust_stop_loss, 0.004);
  BOOST_TEST(*leg_level(tiny, order_side::buy, caf::none, t4) == 0.004);
  BOOST_TEST(!leg_level(tiny, order_side::buy, caf::none, cent));
  // The rebase rounds to the tick too: 110 from 100 filled at 101.23 is
  // 111.353, on a cent grid 111.35.
  BOOST_TEST(rebase_level(110, 100, 101.23, cent) == 111.35);
}

BOOST_AUTO_TEST_SUITE_END()
