// The FIX venue (actors/fix) against QuickFIX's example acceptors, one
// case per CTest test: tests/fix/fix_harness.py starts the acceptor in a
// network namespace and runs the case in the acceptor's directory, so the
// relative FileStorePath of the settings files lands there.
#include <boost/test/unit_test.hpp>

#include "actors/fix/fix_venue.hpp"
#include "tests/fix/fix_support.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

broker_order limit(std::string id, std::string symbol, order_side side,
                   int64_t qty, double price) {
  broker_order x;
  x.client_order_id = std::move(id);
  x.symbol = std::move(symbol);
  x.side = side;
  x.type = side == order_side::buy ? order_type::buy_limit
                                   : order_type::sell_limit;
  x.quantity = qty;
  x.limit_price = price;
  return x;
}

broker_order market(std::string id, std::string symbol, int64_t qty) {
  broker_order x;
  x.client_order_id = std::move(id);
  x.symbol = std::move(symbol);
  x.type = order_type::market;
  x.quantity = qty;
  return x;
}

// A started venue with its own listener; stopped at the end of the case.
struct venue_fixture {
  std::shared_ptr<collecting_listener> reports
    = std::make_shared<collecting_listener>();
  std::shared_ptr<venue_adapter> venue;

  explicit venue_fixture(const char* settings, double collar = 0.05) {
    fix_venue_options opts;
    opts.settings_file = fix_env("FIX_TEST_DIR") + "/" + settings;
    opts.market_collar = collar;
    opts.reference_price = [](const std::string& symbol) {
      return symbol == "GOOG" ? caf::optional<double>{10.0} : caf::none;
    };
    auto x = make_fix_venue(opts);
    if (!x)
      BOOST_FAIL("make_fix_venue: " << describe(x.error()));
    venue = *x;
    venue->start(reports);
  }

  ~venue_fixture() {
    venue->stop();
  }

  // Submits and waits until the venue has the order working.
  void rest(const broker_order& x) {
    venue->submit(x);
    auto ack = reports->wait_for(x.client_order_id, exec_kind::acknowledged);
    BOOST_REQUIRE_MESSAGE(ack, x.client_order_id << " not acknowledged");
    BOOST_TEST(ack->status == order_status::open);
    BOOST_TEST(ack->broker_order_id == x.client_order_id); // ordermatch
  }
};

// In a forked child: a venue that rests `x`, writes one byte to `up` once
// ordermatch acknowledged it, then blocks on `down` until it is killed (or
// the test dies, which closes `down`).
[[noreturn]] void rest_until_killed(const std::string& settings,
                                    const broker_order& x, int up, int down) {
  fix_venue_options opts;
  opts.settings_file = settings;
  auto venue = make_fix_venue(opts);
  if (!venue)
    _exit(2);
  auto reports = std::make_shared<collecting_listener>();
  (*venue)->start(reports);
  (*venue)->submit(x);
  char acked = reports->wait_for(x.client_order_id, exec_kind::acknowledged)
                 ? 'a'
                 : 'n';
  if (write(up, &acked, 1) != 1)
    _exit(3);
  char ignored;
  while (read(down, &ignored, 1) > 0)
    continue;
  _exit(0);
}

struct ordermatch : venue_fixture {
  ordermatch() : venue_fixture("tradeflow-ordermatch.cfg") {
    // nop
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(fix_ordermatch)

BOOST_FIXTURE_TEST_CASE(entry_fills, ordermatch) {
  rest(limit("E1", "AAPL", order_side::buy, 100, 10.00));
  contra_process contra;
  contra.send("sell AAPL 100 9.90 C1");
  auto fill = reports->wait_for("E1", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(fill->status == order_status::filled);
  BOOST_TEST(fill->last_qty == 100);
  BOOST_TEST(fill->cum_qty == 100);
  // ordermatch fills at the sell order's price, here the incoming one.
  BOOST_TEST(*fill->last_price == 9.90);
  BOOST_TEST(*fill->avg_price == 9.90);
  BOOST_TEST(!fill->exec_id.empty());
}

BOOST_FIXTURE_TEST_CASE(take_profit_rests_and_fills, ordermatch) {
  rest(limit("TP1", "MSFT", order_side::sell, 50, 20.00));
  contra_process contra;
  contra.send("buy MSFT 50 20.50 C2");
  auto fill = reports->wait_for("TP1", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(fill->cum_qty == 50);
  BOOST_TEST(*fill->last_price == 20.00);
}

BOOST_FIXTURE_TEST_CASE(partial_fill, ordermatch) {
  rest(limit("P1", "IBM", order_side::buy, 100, 5.00));
  contra_process contra;
  contra.send("sell IBM 40 5.00 C3");
  auto part = reports->wait_for("P1", exec_kind::partially_filled);
  BOOST_REQUIRE(part);
  BOOST_TEST(part->status == order_status::partially_filled);
  BOOST_TEST(part->last_qty == 40);
  BOOST_TEST(part->cum_qty == 40);
  contra.send("sell IBM 60 5.00 C4");
  auto fill = reports->wait_for("P1", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(fill->last_qty == 60);
  BOOST_TEST(fill->cum_qty == 100);
  BOOST_TEST(*fill->avg_price == 5.00);
  BOOST_TEST(fill->exec_id != part->exec_id);
}

BOOST_FIXTURE_TEST_CASE(cancel_confirmed, ordermatch) {
  rest(limit("K1", "ORCL", order_side::buy, 10, 1.00));
  venue->cancel({"K1", "K1-cancel", "ORCL", order_side::buy, 10});
  // ordermatch confirms under the order's own ClOrdID, without tag 41.
  auto done = reports->wait_for("K1", exec_kind::canceled);
  BOOST_REQUIRE(done);
  BOOST_TEST(done->status == order_status::canceled);
  BOOST_TEST(done->cum_qty == 0);
}

// ordermatch does not answer a cancel of an order it no longer has. The
// status request after it is answered (35=j) only once ordermatch has
// processed the cancel (one session, in order), so when that answer is in,
// a cancel report would be too.
BOOST_FIXTURE_TEST_CASE(cancel_loses_to_fill, ordermatch) {
  auto order = limit("L1", "CSCO", order_side::buy, 10, 2.00);
  rest(order);
  contra_process contra;
  contra.send("sell CSCO 10 2.00 C5");
  BOOST_REQUIRE(reports->wait_for("L1", exec_kind::filled));
  venue->cancel({"L1", "L1-cancel", "CSCO", order_side::buy, 10});
  venue->request_status({order});
  auto answer = reports->wait_for("L1", exec_kind::status);
  BOOST_REQUIRE(answer);
  BOOST_TEST(!answer->known);
  for (const auto& r : reports->reports()) {
    BOOST_TEST(r.kind != exec_kind::canceled);
    BOOST_TEST(r.kind != exec_kind::cancel_rejected);
  }
  BOOST_TEST(answer->status == order_status::filled); // the last reported
}

BOOST_AUTO_TEST_CASE(market_order_rejected) {
  venue_fixture f{"tradeflow-ordermatch.cfg", 0.0}; // 40=1 on the wire
  f.venue->submit(market("M1", "AAPL", 100));
  auto no = f.reports->wait_for("M1", exec_kind::rejected);
  BOOST_REQUIRE(no);
  BOOST_TEST(no->status == order_status::rejected);
  // Which of its checks speaks first depends on the compiler that built
  // ordermatch (the order in which it evaluates a constructor's
  // arguments): g++ reads the absent Price (44) first, clang the type.
  BOOST_TEST((no->text == "Incorrect data format for value"
              || no->text == "Unsupported Order Type, use limit"),
             "reason: " << no->text);
}

BOOST_FIXTURE_TEST_CASE(market_order_collared, ordermatch) {
  contra_process contra;
  contra.send("sell GOOG 100 10.20 C6");
  BOOST_REQUIRE(contra.wait_for("report id=C6 status=0"));
  // Reference 10.00 (the fixture's hook), collar 5 %: a buy limit at
  // 10.50, which crosses the resting 10.20.
  venue->submit(market("MC1", "GOOG", 100));
  auto fill = reports->wait_for("MC1", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(*fill->last_price == 10.20);
}

BOOST_FIXTURE_TEST_CASE(unpriced_market_order_refused, ordermatch) {
  venue->submit(market("MU1", "AAPL", 100)); // no reference for AAPL
  auto no = reports->wait_for("MU1", exec_kind::rejected);
  BOOST_REQUIRE(no);
  BOOST_TEST(no->text.find("reference price") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(status_of_unknown_order, ordermatch) {
  venue->request_status({limit("U1", "AAPL", order_side::buy, 1, 1.0)});
  auto answer = reports->wait_for("U1", exec_kind::status);
  BOOST_REQUIRE(answer);
  BOOST_TEST(!answer->known);
  BOOST_TEST(answer->status == order_status::pending);
}

// The first venue logs out; the contra fills its order meanwhile; a new
// venue on the same FileStore logs on and gets the fill by resend.
BOOST_AUTO_TEST_CASE(resend_after_drop) {
  auto order = limit("R1", "AMZN", order_side::buy, 10, 3.00);
  auto first = std::make_unique<ordermatch>();
  first->rest(order);
  first->venue->stop();
  contra_process contra;
  contra.send("sell AMZN 10 3.00 C7");
  BOOST_REQUIRE(contra.wait_for("report id=C7 status=2"));
  for (const auto& r : first->reports->reports()) // stopped: none since
    BOOST_TEST(r.kind == exec_kind::acknowledged);
  ordermatch second;
  auto fill = second.reports->wait_for("R1", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(fill->cum_qty == 10);
  BOOST_TEST(*fill->last_price == 3.00);
}

// As above, but the first venue's process is killed (SIGKILL): no logout,
// the acceptor only sees the connection drop.
BOOST_AUTO_TEST_CASE(resend_after_kill) {
  auto order = limit("R2", "NFLX", order_side::buy, 10, 4.00);
  auto settings = fix_env("FIX_TEST_DIR") + "/tradeflow-ordermatch.cfg";
  int up[2], down[2];
  BOOST_REQUIRE(pipe(up) == 0 && pipe(down) == 0);
  auto child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    close(up[0]);
    close(down[1]);
    rest_until_killed(settings, order, up[1], down[0]);
  }
  close(up[1]);
  close(down[0]);
  pollfd p{up[0], POLLIN, 0};
  char acked = 0;
  auto ready = poll(&p, 1, 10000) == 1 && read(up[0], &acked, 1) == 1;
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  close(up[0]);
  close(down[1]);
  BOOST_REQUIRE_MESSAGE(ready && acked == 'a', "the child venue did not rest");
  contra_process contra;
  contra.send("sell NFLX 10 4.00 C8");
  BOOST_REQUIRE(contra.wait_for("report id=C8 status=2"));
  ordermatch second;
  auto fill = second.reports->wait_for("R2", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(fill->cum_qty == 10);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fix_executor)

BOOST_AUTO_TEST_CASE(limit_fills_at_once) {
  venue_fixture f{"tradeflow-executor.cfg"};
  f.venue->submit(limit("X1", "AAPL", order_side::buy, 100, 10.00));
  auto fill = f.reports->wait_for("X1", exec_kind::filled);
  BOOST_REQUIRE(fill);
  BOOST_TEST(fill->cum_qty == 100);
  BOOST_TEST(*fill->avg_price == 10.00);
  BOOST_TEST(!fill->broker_order_id.empty());
}

BOOST_AUTO_TEST_CASE(market_order_session_reject) {
  venue_fixture f{"tradeflow-executor.cfg", 0.0};
  f.venue->submit(market("X2", "AAPL", 100));
  auto no = f.reports->wait_for("X2", exec_kind::rejected);
  BOOST_REQUIRE(no);
  BOOST_TEST(no->status == order_status::rejected);
}

BOOST_AUTO_TEST_SUITE_END()
