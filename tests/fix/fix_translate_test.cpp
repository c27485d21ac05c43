// The FIX mapping and the order book of actors/fix, without a network.
#include <boost/test/unit_test.hpp>

#include "actors/fix/fix_order_book.hpp"
#include "actors/fix/fix_translate.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::fix;

namespace {

broker_order order(order_type type, caf::optional<double> limit = caf::none) {
  broker_order x;
  x.client_order_id = "A1";
  x.symbol = "AAPL";
  x.side = type == order_type::sell_limit ? order_side::sell
                                          : order_side::buy;
  x.type = type;
  x.quantity = 100;
  x.limit_price = limit;
  return x;
}

wire_in report(std::string id, char status, char type) {
  wire_in x;
  x.cl_ord_id = id;
  x.order_id = id;
  x.ord_status = status;
  x.exec_type = type;
  return x;
}

} // namespace

BOOST_AUTO_TEST_SUITE(fix_translate)

BOOST_AUTO_TEST_CASE(limit_and_stop_orders_keep_their_prices) {
  auto w = to_wire(order(order_type::sell_limit, 10.25), {}, caf::none);
  BOOST_REQUIRE(w);
  BOOST_TEST(w->side == '2');
  BOOST_TEST(w->ord_type == '2');
  BOOST_TEST(w->price == 10.25);
  auto s = order(order_type::buy_stop);
  s.stop_price = 11.0;
  auto ws = to_wire(s, {}, caf::none);
  BOOST_REQUIRE(ws);
  BOOST_TEST(ws->ord_type == '3');
  BOOST_TEST(ws->stop_px == 11.0);
  BOOST_TEST(!to_wire(order(order_type::buy_limit), {}, caf::none));
}

BOOST_AUTO_TEST_CASE(market_orders_become_collared_limits) {
  market_mapping m{0.05, 0.01};
  auto buy = to_wire(order(order_type::market), m, 10.0);
  BOOST_REQUIRE(buy);
  BOOST_TEST(buy->ord_type == '2');
  BOOST_TEST(buy->price == 10.50);
  auto sell = order(order_type::market);
  sell.side = order_side::sell;
  auto ws = to_wire(sell, m, 10.01); // 9.5095 rounds up, inside the collar
  BOOST_REQUIRE(ws);
  BOOST_TEST(ws->price == 9.51, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(!to_wire(order(order_type::market), m, caf::none));
  auto plain = to_wire(order(order_type::market), {0.0, 0.01}, caf::none);
  BOOST_REQUIRE(plain);
  BOOST_TEST(plain->ord_type == '1');
  BOOST_TEST(!plain->has_price);
}

BOOST_AUTO_TEST_CASE(exec_types_map_to_kinds) {
  BOOST_TEST(kind_of('0', '0') == exec_kind::acknowledged);
  BOOST_TEST(kind_of('1', '1') == exec_kind::partially_filled);
  BOOST_TEST(kind_of('2', '2') == exec_kind::filled);
  BOOST_TEST(kind_of('4', '4') == exec_kind::canceled);
  BOOST_TEST(kind_of('C', 'C') == exec_kind::canceled);
  BOOST_TEST(kind_of('8', '8') == exec_kind::rejected);
  BOOST_TEST(kind_of('I', '0') == exec_kind::status);
  BOOST_TEST(kind_of(0, '2') == exec_kind::filled); // no 150: from 39
  BOOST_TEST(status_of('6') == order_status::pending_cancel);
}

BOOST_AUTO_TEST_CASE(cancel_answers_map_to_the_order) {
  fix_order_book book;
  book.add_order(order(order_type::buy_limit, 10.0));
  book.add_cancel({"A1", "A1-c", "AAPL", order_side::buy, 100});
  // A venue that answers under the cancel's id with tag 41 ...
  auto with41 = report("A1-c", '4', '4');
  with41.orig_cl_ord_id = "A1";
  BOOST_TEST(book.translate(with41)->client_order_id == "A1");
  // ... under the cancel's id without it, or like ordermatch.
  auto without = report("A1-c", '4', '4');
  without.order_id = "V-9";
  BOOST_TEST(book.translate(without)->client_order_id == "A1");
  wire_in reject;
  reject.kind = wire_kind::cancel_reject;
  reject.cl_ord_id = "A1-c";
  reject.orig_cl_ord_id = "A1";
  reject.ord_status = '2';
  auto r = book.translate(reject);
  BOOST_TEST(r->kind == exec_kind::cancel_rejected);
  BOOST_TEST(r->status == order_status::filled);
}

BOOST_AUTO_TEST_CASE(rejects_map_by_sequence_number) {
  fix_order_book book;
  book.add_order(order(order_type::buy_limit, 10.0));
  book.add_sent({7, "D", "A1"});
  book.add_sent({8, "H", "A1"});
  wire_in session;
  session.kind = wire_kind::session_reject;
  session.ref_seq_num = 7;
  auto r = book.translate(session);
  BOOST_REQUIRE(r);
  BOOST_TEST(r->kind == exec_kind::rejected);
  wire_in business;
  business.kind = wire_kind::business_reject;
  business.ref_seq_num = 8;
  auto s = book.translate(business);
  BOOST_REQUIRE(s);
  BOOST_TEST(s->kind == exec_kind::status);
  BOOST_TEST(!s->known);
  business.ref_seq_num = 99; // unknown, and no 379 to fall back on
  BOOST_TEST(!book.translate(business));
}

BOOST_AUTO_TEST_CASE(fills_carry_quantities_and_prices) {
  auto x = report("A1", '1', '1');
  x.exec_id = "E7";
  x.last_shares = 40;
  x.has_last_px = true;
  x.last_px = 9.9;
  x.cum_qty = 40;
  x.has_avg_px = true;
  x.avg_px = 9.9;
  auto r = report_of(x, "A1");
  BOOST_TEST(r.kind == exec_kind::partially_filled);
  BOOST_TEST(r.last_qty == 40);
  BOOST_TEST(r.exec_id == "E7");
  BOOST_TEST(*r.avg_price == 9.9);
  auto ack = report_of(report("A1", '0', '0'), "A1");
  BOOST_TEST(ack.exec_id.empty());
  BOOST_TEST(!ack.avg_price);
}

BOOST_AUTO_TEST_SUITE_END()
