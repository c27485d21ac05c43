// decide_position without an actor: close, adjust in place, replace at the
// broker, and the cases that change nothing (docs/engine.md §2.5,
// docs/engine-details.md §8.3).
#include <boost/test/unit_test.hpp>

#include "actors/decisions/positions.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using os = order_status;
using at = action_type;

/// One rule without triggers (it always passes) with `actions`.
ruleset always(std::vector<rule_action> actions) {
  ruleset rs;
  rule r;
  r.name = "always";
  r.actions = std::move(actions);
  rs.rules.push_back(r);
  return rs;
}

// A long of 10 AAPL opened at 100 (transaction 5): entry 1 filled, take
// profit 2 at 110 and stop loss 3 at 95 open at the broker.
struct fixture {
  position_input in;
  std::vector<order> orders{
    make_order(1, 5, order_side::buy, order_type::market, os::filled),
    make_order(2, 5, order_side::sell, order_type::sell_limit, os::open, 1),
    make_order(3, 5, order_side::sell, order_type::sell_stop, os::open, 1),
  };

  fixture() {
    in.rec = make_rec(9, "AAPL", rec_action::buy, 20);
    in.txn = make_txn(5, "AAPL", order_side::buy, 10, 100);
    in.txn.take_profit = 110;
    in.txn.stop_loss = 95;
    in.current_price = 104;
    in.now_ms = 1000;
    orders[1].limit_price = 110;
    orders[2].stop_price = 95;
  }

  position_decision decide(std::vector<rule_action> actions) const {
    return decide_position(always(std::move(actions)), in, orders);
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(positions_decision, fixture)

BOOST_AUTO_TEST_CASE(nothing_passes_nothing_changes) {
  auto d = decide_position(ruleset{}, in, orders);
  BOOST_TEST(!d.change);
  BOOST_TEST(d.result == outcome::no_action);
  BOOST_TEST(d.reason == "no rule passed");
  BOOST_TEST(decide({act(at::buy)}).reason == "no close or adjust action");
}

BOOST_AUTO_TEST_CASE(close_sends_one_market_order_on_the_other_side) {
  auto d = decide({act(at::close), adjust_at(at::adjust_take_profit, 120)});
  BOOST_REQUIRE(d.change);
  BOOST_TEST(d.result == outcome::executed);
  BOOST_TEST(d.change->expected_status == txn_status::opened);
  BOOST_TEST(d.change->updated.status == txn_status::closing);
  // close wins over an adjustment of the same evaluation.
  BOOST_TEST(*d.change->updated.take_profit == 110.0);
  BOOST_REQUIRE(d.change->new_orders.size() == 1u);
  auto& x = d.change->new_orders[0];
  BOOST_TEST(x.role == order_role::close);
  BOOST_TEST(x.type == order_type::market);
  BOOST_TEST(x.side == order_side::sell);
  BOOST_TEST(x.quantity == 10);
  BOOST_TEST(x.status == os::pending);
  BOOST_TEST(x.client_order_id == "1-9-close");
  BOOST_TEST(d.reason == "close transaction 5 (1-9-close)");
}

BOOST_AUTO_TEST_CASE(close_needs_an_opened_position) {
  in.txn.status = txn_status::waiting;
  auto d = decide({act(at::close)});
  BOOST_TEST(!d.change);
  BOOST_TEST(d.result == outcome::no_action);
  BOOST_TEST(d.reason == "close applies to an OPENED transaction only");
}

BOOST_AUTO_TEST_CASE(a_leg_at_the_broker_is_replaced_once_its_cancel_lands) {
  auto d = decide({adjust(at::adjust_take_profit,
                          reference_value::current_price, 10)});
  BOOST_REQUIRE(d.change);
  BOOST_TEST(*d.change->updated.take_profit == 114.4);
  BOOST_REQUIRE(d.change->order_updates.size() == 1u);
  BOOST_TEST(d.change->order_updates[0].order_id == 2);
  // Settled by the venue's answer, not marked canceled before it.
  BOOST_TEST(d.change->order_updates[0].to == os::pending_cancel);
  BOOST_REQUIRE(d.cancels.size() == 1u);
  BOOST_TEST(d.cancels[0].client_order_id == "o-2");
  BOOST_REQUIRE(d.change->new_orders.size() == 1u);
  auto& x = d.change->new_orders[0];
  BOOST_TEST(x.role == order_role::take_profit);
  BOOST_TEST(x.type == order_type::sell_limit);
  BOOST_TEST(*x.limit_price == 114.4);
  // It waits on the entry, which has filled: the next trigger check
  // releases it. A filled entry means no rebase.
  BOOST_TEST(x.status == os::waiting_trigger);
  BOOST_TEST(*x.depends_on_order == 1);
  BOOST_TEST(!x.reference_price);
  BOOST_TEST(x.client_order_id == "1-9-tp");
}

BOOST_AUTO_TEST_CASE(a_waiting_leg_is_repriced_in_place) {
  in.txn.status = txn_status::waiting;
  orders[0].status = os::open;
  orders[2].status = os::waiting_trigger;
  auto d = decide({adjust(at::adjust_stop_loss,
                          reference_value::order_open_price, -10)});
  BOOST_REQUIRE(d.change);
  BOOST_TEST(d.change->new_orders.empty());
  BOOST_TEST(d.cancels.empty());
  BOOST_REQUIRE(d.change->order_updates.size() == 1u);
  auto& u = d.change->order_updates[0];
  BOOST_TEST(u.order_id == 3);
  BOOST_TEST(u.to == os::waiting_trigger);
  BOOST_TEST(*u.stop_price == 90.0);
  // Computed from the open price before the fill: rebased on release.
  BOOST_TEST(u.sets_reference);
  BOOST_TEST(*u.reference_price == 100.0);
}

BOOST_AUTO_TEST_CASE(a_missing_leg_waits_on_an_unfilled_entry) {
  in.txn.status = txn_status::waiting;
  orders[0].status = os::open;
  orders.pop_back(); // no stop loss yet
  auto d = decide({adjust_at(at::adjust_stop_loss, 91)});
  BOOST_REQUIRE(d.change);
  BOOST_REQUIRE(d.change->new_orders.size() == 1u);
  auto& x = d.change->new_orders[0];
  BOOST_TEST(x.role == order_role::stop_loss);
  BOOST_TEST(x.type == order_type::sell_stop);
  BOOST_TEST(x.status == os::waiting_trigger);
  BOOST_TEST(*x.depends_on_order == 1);
  // An explicit price is never rebased.
  BOOST_TEST(!x.reference_price);
}

BOOST_AUTO_TEST_CASE(an_unchanged_level_changes_nothing) {
  auto d = decide({adjust_at(at::adjust_take_profit, 110)});
  BOOST_TEST(!d.change);
  BOOST_TEST(d.result == outcome::no_action);
  BOOST_TEST(d.reason == "levels unchanged");
}

BOOST_AUTO_TEST_CASE(a_taken_client_id_skips_that_leg_only) {
  auto placed = orders[1];
  placed.id = 7;
  placed.client_order_id = "1-9-tp";
  placed.status = os::canceled;
  orders.push_back(placed);
  auto d = decide({adjust_at(at::adjust_take_profit, 120),
                   adjust_at(at::adjust_stop_loss, 97)});
  BOOST_REQUIRE(d.change);
  BOOST_REQUIRE(d.change->new_orders.size() == 1u);
  BOOST_TEST(d.change->new_orders[0].role == order_role::stop_loss);
  BOOST_TEST(*d.change->updated.take_profit == 110.0);
  BOOST_TEST(*d.change->updated.stop_loss == 97.0);
}

BOOST_AUTO_TEST_CASE(an_unusable_level_is_an_evaluation_error) {
  in.current_price = caf::none;
  auto d = decide({adjust_at(at::adjust_stop_loss, 97),
                   adjust(at::adjust_take_profit,
                          reference_value::current_price, 10)});
  BOOST_TEST(!d.change);
  BOOST_TEST(d.result == outcome::evaluation_error);
  BOOST_TEST(d.reason == "take profit level not computable or out of range");
}

BOOST_AUTO_TEST_CASE(adjusted_levels_lie_on_the_symbols_tick) {
  // 104 * (1 - 2.55 %) = 101.348: 101.348 on the default tick, 101.35 on
  // a cent grid, for the transaction and the replacing leg alike.
  auto sl = adjust(at::adjust_stop_loss, reference_value::current_price,
                   -2.55);
  BOOST_TEST(*decide({sl}).change->updated.stop_loss == 101.348);
  in.tick = tick_of(0.01);
  auto d = decide({sl});
  BOOST_REQUIRE(d.change);
  BOOST_TEST(*d.change->updated.stop_loss == 101.35);
  BOOST_REQUIRE(d.change->new_orders.size() == 1u);
  BOOST_TEST(*d.change->new_orders[0].stop_price == 101.35);
  // 110.004 lands on the live leg's 110.00: nothing to replace.
  auto same = decide({adjust_at(at::adjust_take_profit, 110.004)});
  BOOST_TEST(!same.change);
  BOOST_TEST(same.reason == "levels unchanged");
}

BOOST_AUTO_TEST_CASE(positions_are_found_by_symbol) {
  std::vector<transaction> live{
    make_txn(1, "MSFT", order_side::buy, 1, 10, txn_status::waiting),
    make_txn(2, "AAPL", order_side::buy, 1, 10, txn_status::waiting)};
  BOOST_TEST(position_on(live, "AAPL")->id == 2);
  BOOST_TEST(!position_on(live, "NVDA"));
  BOOST_TEST(!has_opened_on(live, "AAPL"));
  live[1].status = txn_status::opened;
  BOOST_TEST(has_opened_on(live, "AAPL"));
}

BOOST_AUTO_TEST_SUITE_END()
