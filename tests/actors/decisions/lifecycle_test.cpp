#include <boost/test/unit_test.hpp>

#include "actors/decisions/lifecycle.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace tradeflow {
inline std::ostream& operator<<(std::ostream& os, trigger_decision x) {
  const char* names[] = {"error", "submit", "wait", "cancel"};
  return os << names[static_cast<int>(x)];
}
} // namespace tradeflow

namespace {

using os = order_status;
using td = trigger_decision;
constexpr int64_t now = 1000000;

// A long of 10 AAPL with entry 1, take profit 2 (sell_limit) and stop loss
// 3 (sell_stop), the legs depending on the entry.
struct fixture {
  transaction txn = make_txn(5, "AAPL", order_side::buy, 10, 100,
                             txn_status::waiting);
  std::vector<order> orders{
    make_order(1, 5, order_side::buy, order_type::market, os::pending),
    make_order(2, 5, order_side::sell, order_type::sell_limit,
               os::waiting_trigger, 1),
    make_order(3, 5, order_side::sell, order_type::sell_stop,
               os::waiting_trigger, 1),
  };

  void fill(order& x, double price) {
    x.status = os::filled;
    x.filled_qty = x.quantity;
    x.filled_avg_price = price;
  }

  sync_decision sync(bool index_taken = false) const {
    return sync_transaction(txn, orders, index_taken, now);
  }

  // The position is open, the legs are at the broker.
  void opened() {
    txn.status = txn_status::opened;
    fill(orders[0], 100);
    orders[1].status = os::open;
    orders[2].status = os::open;
  }

  // A close order (market, opposite side) was sent.
  order& closing(os status) {
    opened();
    txn.status = txn_status::closing;
    orders.push_back(
      make_order(4, 5, order_side::sell, order_type::market, status));
    orders.back().role = order_role::close;
    return orders.back();
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(lifecycle, fixture)

BOOST_AUTO_TEST_CASE(trigger_table_row_by_row) {
  // Parent missing.
  BOOST_TEST(classify_trigger(caf::none, os::filled) == td::error);
  // Parent status == trigger, even a status the later rows would classify.
  BOOST_TEST(classify_trigger(os::open, os::open) == td::submit);
  BOOST_TEST(classify_trigger(os::partially_filled, os::partially_filled)
             == td::submit);
  BOOST_TEST(classify_trigger(os::canceled, os::canceled) == td::submit);
  // partially_filled waits.
  BOOST_TEST(classify_trigger(os::partially_filled, os::filled) == td::wait);
  // filled submits whatever the trigger.
  BOOST_TEST(classify_trigger(os::filled, os::filled) == td::submit);
  BOOST_TEST(classify_trigger(os::filled, os::open) == td::submit);
  // Terminal parents cancel.
  for (auto s : {os::canceled, os::rejected, os::expired, os::error})
    BOOST_TEST(classify_trigger(s, os::filled) == td::cancel, s);
  // Anything else waits.
  for (auto s : {os::pending, os::waiting_trigger, os::open})
    BOOST_TEST(classify_trigger(s, os::filled) == td::wait, s);
}

BOOST_AUTO_TEST_CASE(every_order_but_the_entry_closes) {
  BOOST_TEST(!is_closing_order(orders[0]));
  BOOST_TEST(is_closing_order(orders[1]));
  BOOST_TEST(is_closing_order(orders[2]));
  // The stored role decides, not the side.
  orders[1].side = order_side::buy;
  BOOST_TEST(is_closing_order(orders[1]));
  orders[0].role = order_role::close;
  BOOST_TEST(is_closing_order(orders[0]));
}

BOOST_AUTO_TEST_CASE(rule1_waiting_entry_executed_opens) {
  BOOST_TEST(!sync().updated);
  fill(orders[0], 101.5);
  auto d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::opened);
  BOOST_TEST(*d.updated->open_price == 101.5);
  BOOST_TEST(*d.updated->open_date_ms == now);
  BOOST_TEST(d.cancel_orders.empty());
  // partially_filled is executed too.
  orders[0].status = os::partially_filled;
  orders[0].filled_qty = 4;
  orders[0].filled_avg_price = 99.0;
  d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::opened);
  BOOST_TEST(*d.updated->open_price == 99.0);
}

BOOST_AUTO_TEST_CASE(the_open_quantity_is_what_filled_and_follows_later_fills) {
  orders[0].status = os::partially_filled;
  orders[0].filled_qty = 4;
  orders[0].filled_avg_price = 99.0;
  auto d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->quantity == 4);
  txn = *d.updated;
  BOOST_TEST(!sync().updated); // nothing new
  orders[0].status = os::filled;
  orders[0].filled_qty = 10;
  orders[0].filled_avg_price = 99.5;
  d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::opened);
  BOOST_TEST(d.updated->quantity == 10);
  BOOST_TEST(*d.updated->open_price == 99.5);
}

BOOST_AUTO_TEST_CASE(rule1_waits_while_entry_works) {
  for (auto s : {os::pending, os::open}) {
    orders[0].status = s;
    auto d = sync();
    BOOST_TEST(!d.updated, s);
    BOOST_TEST(d.cancel_orders.empty(), s);
  }
}

BOOST_AUTO_TEST_CASE(rule2_waiting_entry_dead_fails_and_cancels_legs) {
  for (auto s : {os::canceled, os::rejected, os::expired, os::error}) {
    orders[0].status = s;
    auto d = sync();
    BOOST_REQUIRE(d.updated);
    BOOST_TEST(d.updated->status == txn_status::failed, s);
    BOOST_TEST(d.cancel_orders == (std::vector<int64_t>{2, 3}),
               boost::test_tools::per_element());
  }
  // A leg already final is not canceled again.
  orders[2].status = os::canceled;
  auto d = sync();
  BOOST_TEST(d.cancel_orders == (std::vector<int64_t>{2}),
             boost::test_tools::per_element());
  // Terminal with something filled is not "nothing filled": no rule 2.
  orders[0].filled_qty = 3;
  BOOST_TEST(!sync().updated);
}

BOOST_AUTO_TEST_CASE(rule3_closing_fill_closes_and_cancels_the_rest) {
  opened();
  BOOST_TEST(!sync().updated);
  fill(orders[1], 110);
  auto d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::closed);
  BOOST_TEST(*d.updated->close_price == 110.0);
  BOOST_TEST(*d.updated->close_date_ms == now);
  BOOST_TEST(d.cancel_orders == (std::vector<int64_t>{3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rule3_lowest_order_id_wins) {
  auto& close = closing(os::open);
  fill(close, 104);
  fill(orders[2], 95);
  auto d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::closed);
  BOOST_TEST(*d.updated->close_price == 95.0);
  // Leg 2 still works; 4 is filled, so final.
  BOOST_TEST(d.cancel_orders == (std::vector<int64_t>{2}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rule3_applies_to_a_short) {
  txn.side = order_side::sell;
  txn.status = txn_status::opened;
  orders = {
    make_order(1, 5, order_side::sell, order_type::market, os::filled),
    make_order(2, 5, order_side::buy, order_type::buy_limit, os::open, 1),
    make_order(3, 5, order_side::buy, order_type::buy_stop, os::open, 1),
  };
  fill(orders[2], 105);
  auto d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::closed);
  BOOST_TEST(*d.updated->close_price == 105.0);
  BOOST_TEST(d.cancel_orders == (std::vector<int64_t>{2}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rule4_dead_close_reopens) {
  closing(os::rejected);
  auto d = sync();
  BOOST_REQUIRE(d.updated);
  BOOST_TEST(d.updated->status == txn_status::opened);
  BOOST_TEST(!d.index_conflict);
  BOOST_TEST(d.cancel_orders.empty());
}

BOOST_AUTO_TEST_CASE(rule4_waits_while_a_close_works) {
  closing(os::canceled);
  orders.push_back(
    make_order(6, 5, order_side::sell, order_type::market, os::pending));
  orders.back().role = order_role::close;
  BOOST_TEST(!sync().updated);
  orders.back().status = os::error;
  BOOST_TEST(sync().updated->status == txn_status::opened);
}

BOOST_AUTO_TEST_CASE(rule4_needs_a_close_order) {
  // CLOSING with only legs (none of them a close order): unchanged.
  opened();
  txn.status = txn_status::closing;
  orders[1].status = os::canceled;
  orders[2].status = os::canceled;
  auto d = sync();
  BOOST_TEST(!d.updated);
  BOOST_TEST(!d.index_conflict);
}

BOOST_AUTO_TEST_CASE(rule4_index_conflict_stays_closing) {
  closing(os::expired);
  auto d = sync(true);
  BOOST_TEST(!d.updated);
  BOOST_TEST(d.index_conflict);
}

BOOST_AUTO_TEST_CASE(rule4_does_not_touch_opened) {
  auto& close = closing(os::canceled);
  (void) close;
  txn.status = txn_status::opened;
  BOOST_TEST(!sync().updated);
}

BOOST_AUTO_TEST_CASE(final_transactions_never_change) {
  fill(orders[0], 100);
  fill(orders[1], 110);
  for (auto s : {txn_status::closed, txn_status::failed}) {
    txn.status = s;
    auto d = sync();
    BOOST_TEST(!d.updated);
    BOOST_TEST(d.cancel_orders.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
