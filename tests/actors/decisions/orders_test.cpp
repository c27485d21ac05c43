// Building orders without an actor: roles, client ids, legs, the broker's
// view and an unanswered submission (docs/engine.md §3.3,
// docs/engine-details.md §8.2).
#include <boost/test/unit_test.hpp>

#include "actors/decisions/orders.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using os = order_status;

/// A BUY plan with a take profit at 110 (rebased from 100) and a stop loss
/// at 95 (explicit).
entry_plan long_with_legs() {
  entry_plan plan;
  plan.result = outcome::executed;
  plan.side = order_side::buy;
  leg_plan tp;
  tp.role = order_role::take_profit;
  tp.type = order_type::sell_limit;
  tp.level = 110;
  tp.reference_price = 100;
  leg_plan sl;
  sl.role = order_role::stop_loss;
  sl.type = order_type::sell_stop;
  sl.level = 95;
  plan.take_profit = tp;
  plan.stop_loss = sl;
  return plan;
}

} // namespace

BOOST_AUTO_TEST_SUITE(orders)

BOOST_AUTO_TEST_CASE(an_entry_carries_its_transaction_and_legs) {
  auto rec = make_rec(7, "AAPL", rec_action::buy, 10);
  auto w = make_entry(rec, long_with_legs(), 40, 100.5, 1234, 3);
  BOOST_TEST(w.recommendation_id == 7);
  BOOST_TEST(w.txn.status == txn_status::waiting);
  BOOST_TEST(w.txn.quantity == 40);
  BOOST_TEST(*w.txn.open_price == 100.5);
  BOOST_TEST(*w.txn.take_profit == 110.0);
  BOOST_TEST(*w.txn.stop_loss == 95.0);
  BOOST_TEST(w.txn.lock_epoch == 3u);
  BOOST_TEST(w.entry.role == order_role::entry);
  BOOST_TEST(w.entry.type == order_type::market);
  BOOST_TEST(w.entry.status == os::pending);
  BOOST_TEST(w.entry.client_order_id == "1-7-entry");
  BOOST_REQUIRE(w.legs.size() == 2u);
  auto& tp = w.legs[0];
  BOOST_TEST(tp.role == order_role::take_profit);
  BOOST_TEST(tp.client_order_id == "1-7-tp");
  BOOST_TEST(tp.side == order_side::sell);
  BOOST_TEST(*tp.limit_price == 110.0);
  BOOST_TEST(!tp.stop_price);
  BOOST_TEST(*tp.reference_price == 100.0);
  BOOST_TEST(tp.status == os::waiting_trigger);
  BOOST_TEST(*tp.depends_order_status_trigger == os::filled);
  BOOST_TEST(tp.quantity == 40);
  auto& sl = w.legs[1];
  BOOST_TEST(sl.role == order_role::stop_loss);
  BOOST_TEST(sl.client_order_id == "1-7-sl");
  BOOST_TEST(*sl.stop_price == 95.0);
  BOOST_TEST(!sl.limit_price);
  BOOST_TEST(!sl.reference_price);
}

BOOST_AUTO_TEST_CASE(leg_types_close_the_position) {
  using ot = order_type;
  BOOST_TEST(leg_type(order_side::buy, order_role::take_profit)
             == ot::sell_limit);
  BOOST_TEST(leg_type(order_side::buy, order_role::stop_loss)
             == ot::sell_stop);
  BOOST_TEST(leg_type(order_side::sell, order_role::take_profit)
             == ot::buy_limit);
  BOOST_TEST(leg_type(order_side::sell, order_role::stop_loss)
             == ot::buy_stop);
}

BOOST_AUTO_TEST_CASE(the_entry_is_found_by_role_not_by_id_or_side) {
  auto txn = make_txn(5, "AAPL", order_side::buy, 10, 100);
  std::vector<order> xs{
    make_order(4, 6, order_side::buy, order_type::market, os::open),
    make_order(9, 5, order_side::sell, order_type::sell_limit, os::open),
    make_order(8, 5, order_side::buy, order_type::market, os::filled),
  };
  BOOST_REQUIRE(entry_of(txn, xs));
  BOOST_TEST(entry_of(txn, xs)->id == 8);
  xs[2].role = order_role::close;
  BOOST_TEST(!entry_of(txn, xs));
}

BOOST_AUTO_TEST_CASE(closing_orders_share_one_oco_group_at_the_broker) {
  auto entry = make_order(1, 5, order_side::buy, order_type::market,
                          os::pending);
  BOOST_TEST(to_broker_order(entry).oco_group.empty());
  auto leg = make_order(2, 5, order_side::sell, order_type::sell_limit,
                        os::pending);
  leg.limit_price = 110;
  auto b = to_broker_order(leg);
  BOOST_TEST(b.oco_group == "txn-5");
  BOOST_TEST(b.client_order_id == "o-2");
  BOOST_TEST(*b.limit_price == 110.0);
  BOOST_TEST(b.quantity == 10);
  // The client id is not read: an entry named like a leg stays an entry.
  entry.client_order_id = "1-1-tp";
  BOOST_TEST(to_broker_order(entry).oco_group.empty());
}

BOOST_AUTO_TEST_CASE(a_close_and_an_unanswered_submission) {
  auto txn = make_txn(5, "AAPL", order_side::sell, 12, 100);
  auto rec = make_rec(3, "AAPL", rec_action::buy, 10);
  auto x = make_close(txn, rec, 99);
  BOOST_TEST(x.role == order_role::close);
  BOOST_TEST(x.side == order_side::buy);
  BOOST_TEST(x.quantity == 12);
  BOOST_TEST(x.transaction_id == 5);
  BOOST_TEST(x.client_order_id == "1-3-close");
  x.id = 44;
  auto u = unanswered_submission(x);
  BOOST_TEST(u.order_id == 44);
  BOOST_TEST(u.from == os::pending);
  BOOST_TEST(u.to == os::pending);
  BOOST_TEST(u.comment == "submission unanswered (unknown outcome)");
}

BOOST_AUTO_TEST_SUITE_END()
