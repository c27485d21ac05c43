#include <boost/test/unit_test.hpp>

#include "actors/paper_broker.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;

namespace {

using os = order_status;
using ot = order_type;

broker_order make(std::string id, ot type, caf::optional<double> level = {},
                  std::string symbol = "AAPL", int64_t quantity = 10) {
  broker_order x;
  x.client_order_id = std::move(id);
  x.symbol = std::move(symbol);
  x.type = type;
  x.quantity = quantity;
  x.side = (type == ot::market || type == ot::buy_limit
            || type == ot::buy_stop)
             ? order_side::buy
             : order_side::sell;
  if (type == ot::buy_limit || type == ot::sell_limit)
    x.limit_price = level;
  if (type == ot::buy_stop || type == ot::sell_stop)
    x.stop_price = level;
  return x;
}

price_quotes quotes(std::map<std::string, double> xs) {
  price_quotes result;
  result.prices = std::move(xs);
  return result;
}

struct fixture {
  tradeflow::paper_broker broker{quotes({{"AAPL", 100}, {"MSFT", 200}}),
                                 100000, broker_faults{}};

  broker_order_state state(const std::string& id) {
    return broker.status({id}).at(0);
  }

  bool accepted(const broker_order& x) {
    auto reply = broker.submit(x);
    return reply && reply->accepted;
  }

  void price(double p) {
    broker.set_prices(quotes({{"AAPL", p}}));
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(paper_broker, fixture)

BOOST_AUTO_TEST_CASE(market_fills_at_current_price) {
  auto reply = broker.submit(make("m", ot::market));
  BOOST_REQUIRE(reply);
  BOOST_TEST(reply->accepted);
  BOOST_TEST(reply->broker_order_id == "P-1");
  auto s = state("m");
  BOOST_TEST(s.known);
  BOOST_TEST(s.status == os::filled);
  BOOST_TEST(s.filled_qty == 10);
  BOOST_TEST(*s.avg_price == 100.0);
  BOOST_TEST(s.broker_order_id == "P-1");
}

BOOST_AUTO_TEST_CASE(market_without_price_is_refused) {
  auto reply = broker.submit(make("m", ot::market, {}, "NVDA"));
  BOOST_REQUIRE(reply);
  BOOST_TEST(!reply->accepted);
  BOOST_TEST(reply->reason.find("NVDA") != std::string::npos);
  BOOST_TEST(!state("m").known);
}

BOOST_AUTO_TEST_CASE(limits_rest_then_fill_at_their_limit) {
  BOOST_TEST(accepted(make("bl", ot::buy_limit, 95.0)));
  BOOST_TEST(accepted(make("sl", ot::sell_limit, 110.0)));
  BOOST_TEST(state("bl").status == os::open);
  BOOST_TEST(state("sl").status == os::open);
  BOOST_TEST(state("sl").filled_qty == 0);
  price(95.01);
  BOOST_TEST(state("bl").status == os::open);
  price(94);
  BOOST_TEST(state("bl").status == os::filled);
  BOOST_TEST(*state("bl").avg_price == 95.0);
  price(109.99);
  BOOST_TEST(state("sl").status == os::open);
  price(111);
  BOOST_TEST(state("sl").status == os::filled);
  BOOST_TEST(*state("sl").avg_price == 110.0);
}

BOOST_AUTO_TEST_CASE(limits_fill_when_price_touches_the_limit) {
  BOOST_TEST(accepted(make("bl", ot::buy_limit, 95.0)));
  BOOST_TEST(accepted(make("sl", ot::sell_limit, 105.0)));
  price(95);
  BOOST_TEST(state("bl").status == os::filled);
  price(105);
  BOOST_TEST(state("sl").status == os::filled);
}

BOOST_AUTO_TEST_CASE(stops_trigger_and_fill_at_current_price) {
  BOOST_TEST(accepted(make("ss", ot::sell_stop, 95.0)));
  BOOST_TEST(accepted(make("bs", ot::buy_stop, 105.0)));
  price(96);
  BOOST_TEST(state("ss").status == os::open);
  price(93.5);
  BOOST_TEST(state("ss").status == os::filled);
  BOOST_TEST(*state("ss").avg_price == 93.5);
  price(104.99);
  BOOST_TEST(state("bs").status == os::open);
  price(105);
  BOOST_TEST(state("bs").status == os::filled);
  BOOST_TEST(*state("bs").avg_price == 105.0);
}

BOOST_AUTO_TEST_CASE(marketable_on_arrival_fills_at_once) {
  // Price 100: a buy_limit at 101 and a sell_limit at 99 are marketable;
  // they fill at the (better) current price (docs/engine-details.md
  // §6.2), stops too.
  BOOST_TEST(accepted(make("bl", ot::buy_limit, 101.0)));
  BOOST_TEST(accepted(make("sl", ot::sell_limit, 99.0)));
  BOOST_TEST(accepted(make("ss", ot::sell_stop, 100.0)));
  BOOST_TEST(accepted(make("bs", ot::buy_stop, 99.0)));
  BOOST_TEST(*state("bl").avg_price == 100.0);
  BOOST_TEST(*state("sl").avg_price == 100.0);
  BOOST_TEST(*state("ss").avg_price == 100.0);
  BOOST_TEST(*state("bs").avg_price == 100.0);
  for (auto id : {"bl", "sl", "ss", "bs"})
    BOOST_TEST(state(id).status == os::filled, id);
}

BOOST_AUTO_TEST_CASE(take_profit_below_the_price_fills_at_the_price) {
  // A long bought at 100 with a take profit at 50: the sell_limit is
  // marketable on arrival and sells at 100, not at 50.
  BOOST_TEST(accepted(make("tp", ot::sell_limit, 50.0)));
  BOOST_TEST(*state("tp").avg_price == 100.0);
  // A short's take profit above the price buys back at the price.
  BOOST_TEST(accepted(make("bl", ot::buy_limit, 250.0, "MSFT")));
  BOOST_TEST(*state("bl").avg_price == 200.0);
  // ... a resting one still fills at its limit when the price reaches it.
  BOOST_TEST(accepted(make("rest", ot::sell_limit, 120.0)));
  BOOST_TEST(state("rest").status == os::open);
  price(130);
  BOOST_TEST(*state("rest").avg_price == 120.0);
}

BOOST_AUTO_TEST_CASE(set_prices_only_checks_the_symbols_it_sets) {
  BOOST_TEST(accepted(make("a", ot::sell_limit, 110.0)));
  broker.set_prices(quotes({{"MSFT", 250}}));
  BOOST_TEST(state("a").status == os::open);
  BOOST_TEST(broker.prices({"AAPL", "MSFT", "NVDA"}).prices
             == (std::map<std::string, double>{{"AAPL", 100},
                                               {"MSFT", 250}}));
}

BOOST_AUTO_TEST_CASE(oco_fill_cancels_the_rest_of_its_group) {
  auto tp = make("tp", ot::sell_limit, 110.0);
  tp.oco_group = "t1";
  auto sl = make("sl", ot::sell_stop, 85.0);
  sl.oco_group = "t1";
  BOOST_TEST(accepted(make("guard", ot::sell_stop, 50.0)));
  BOOST_TEST(accepted(tp));
  BOOST_TEST(accepted(sl));
  BOOST_TEST(accepted(make("other", ot::sell_limit, 105.0)));
  price(80); // only the stop triggers
  BOOST_TEST(state("sl").status == os::filled);
  BOOST_TEST(*state("sl").avg_price == 80.0);
  BOOST_TEST(state("tp").status == os::canceled);
  BOOST_TEST(state("tp").filled_qty == 0);
  // Orders outside the group are untouched.
  BOOST_TEST(state("other").status == os::open);
  BOOST_TEST(state("guard").status == os::open);
  price(120); // a canceled leg never fills
  BOOST_TEST(state("tp").status == os::canceled);
  BOOST_TEST(state("other").status == os::filled);
}

BOOST_AUTO_TEST_CASE(set_prices_checks_in_submission_order) {
  // Both become fillable on one price change; "b-stop" was submitted
  // first, so it fills and cancels "a-limit" (id order would pick "a").
  auto stop = make("b-stop", ot::sell_stop, 90.0);
  stop.oco_group = "g";
  auto limit = make("a-limit", ot::buy_limit, 95.0);
  limit.oco_group = "g";
  BOOST_TEST(accepted(stop));
  BOOST_TEST(accepted(limit));
  price(80);
  BOOST_TEST(state("b-stop").status == os::filled);
  BOOST_TEST(state("a-limit").status == os::canceled);
  // Without a group both fill, in the same pass.
  BOOST_TEST(accepted(make("c", ot::sell_stop, 70.0)));
  BOOST_TEST(accepted(make("d", ot::buy_limit, 75.0)));
  price(60);
  BOOST_TEST(*state("c").avg_price == 60.0);
  BOOST_TEST(*state("d").avg_price == 75.0);
}

BOOST_AUTO_TEST_CASE(oco_on_arrival_cancels_the_group) {
  auto tp = make("tp", ot::sell_limit, 110.0);
  tp.oco_group = "g";
  BOOST_TEST(accepted(tp));
  auto close = make("close", ot::market);
  close.side = order_side::sell;
  close.oco_group = "g";
  BOOST_TEST(accepted(close));
  BOOST_TEST(state("close").status == os::filled);
  BOOST_TEST(state("tp").status == os::canceled);
  BOOST_TEST(!broker.cancel("tp"));
}

BOOST_AUTO_TEST_CASE(submit_is_idempotent_on_client_order_id) {
  auto first = broker.submit(make("x", ot::sell_limit, 110.0));
  auto again = broker.submit(make("x", ot::sell_limit, 120.0, "AAPL", 99));
  BOOST_REQUIRE(first);
  BOOST_REQUIRE(again);
  BOOST_TEST(again->accepted);
  BOOST_TEST(again->broker_order_id == first->broker_order_id);
  // Still the first order: 10 at 110.
  price(115);
  BOOST_TEST(state("x").filled_qty == 10);
  BOOST_TEST(*state("x").avg_price == 110.0);
  BOOST_TEST(broker.submit(make("y", ot::market))->broker_order_id == "P-2");
}

BOOST_AUTO_TEST_CASE(cancel_only_a_working_order) {
  BOOST_TEST(accepted(make("w", ot::sell_limit, 110.0)));
  BOOST_TEST(accepted(make("f", ot::market)));
  BOOST_TEST(!broker.cancel("f"));
  BOOST_TEST(!broker.cancel("unknown"));
  BOOST_TEST(broker.cancel("w"));
  BOOST_TEST(state("w").status == os::canceled);
  BOOST_TEST(!broker.cancel("w"));
  price(120); // a canceled order never fills
  BOOST_TEST(state("w").status == os::canceled);
  BOOST_TEST(state("f").status == os::filled);
}

BOOST_AUTO_TEST_CASE(status_of_unknown_ids) {
  auto xs = broker.status({"nope", "also"});
  BOOST_REQUIRE(xs.size() == 2u);
  BOOST_TEST(xs[0].client_order_id == "nope");
  BOOST_TEST(!xs[0].known);
  BOOST_TEST(xs[1].client_order_id == "also");
}

BOOST_AUTO_TEST_CASE(fault_refuse_symbols) {
  broker_faults f;
  f.refuse_symbols = {"AAPL"};
  broker.set_faults(f);
  auto reply = broker.submit(make("a", ot::market));
  BOOST_REQUIRE(reply);
  BOOST_TEST(!reply->accepted);
  BOOST_TEST(reply->reason == "broker refused AAPL (refuse_symbols)");
  BOOST_TEST(!state("a").known);
  BOOST_TEST(!accepted(make("leg", ot::sell_limit, 110.0)));
  BOOST_TEST(accepted(make("m", ot::market, {}, "MSFT")));
}

BOOST_AUTO_TEST_CASE(fault_timeout_symbols) {
  broker_faults f;
  f.timeout_symbols = {"AAPL"};
  broker.set_faults(f);
  BOOST_TEST(!broker.submit(make("a", ot::market)));
  BOOST_TEST(!state("a").known);
  price(100);
  BOOST_TEST(!state("a").known);
  BOOST_TEST(accepted(make("m", ot::market, {}, "MSFT")));
}

BOOST_AUTO_TEST_CASE(fault_refuse_after) {
  broker_faults f;
  f.refuse_after = 2;
  broker.set_faults(f);
  BOOST_TEST(accepted(make("1", ot::market)));
  BOOST_TEST(accepted(make("2", ot::market)));
  auto third = broker.submit(make("3", ot::market));
  BOOST_REQUIRE(third);
  BOOST_TEST(!third->accepted);
  BOOST_TEST(!state("3").known);
  // A known id is still answered the same.
  BOOST_TEST(accepted(make("1", ot::market)));
  f.refuse_after = 0;
  broker.set_faults(f);
  BOOST_TEST(!accepted(make("4", ot::market, {}, "MSFT")));
}

BOOST_AUTO_TEST_CASE(fault_drop_answers) {
  broker_faults f;
  f.drop_answers = true;
  broker.set_faults(f);
  BOOST_TEST(!broker.submit(make("a", ot::market)));
  // The order reached the book and filled.
  auto s = state("a");
  BOOST_TEST(s.known);
  BOOST_TEST(s.status == os::filled);
  BOOST_TEST(!broker.submit(make("a", ot::market)));
  broker.set_faults(broker_faults{});
  auto again = broker.submit(make("a", ot::market));
  BOOST_REQUIRE(again);
  BOOST_TEST(again->broker_order_id == s.broker_order_id);
  BOOST_TEST(broker.status({"a"}).at(0).filled_qty == 10);
}

BOOST_AUTO_TEST_CASE(balance_is_constant) {
  BOOST_TEST(broker.balance() == 100000.0);
  BOOST_TEST(accepted(make("m", ot::market, {}, "AAPL", 500)));
  BOOST_TEST(broker.balance() == 100000.0);
}

BOOST_AUTO_TEST_SUITE_END()
