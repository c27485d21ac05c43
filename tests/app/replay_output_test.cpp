#include <cmath>
#include <limits>

#include <boost/test/unit_test.hpp>

#include "app/replay_output.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;

namespace {

using ojson = nlohmann::ordered_json;

std::vector<std::string> keys_of(const ojson& x) {
  std::vector<std::string> result;
  for (auto& item : x.items())
    result.push_back(item.key());
  return result;
}

order make_order(int64_t id, int64_t txn, std::string client_id,
                 order_side side) {
  order o;
  o.id = id;
  o.expert_id = 1;
  o.recommendation_id = 1;
  o.transaction_id = txn;
  o.symbol = "AAPL";
  o.side = side;
  o.quantity = 392;
  o.client_order_id = std::move(client_id);
  return o;
}

// A new position (101) with an entry and a take-profit leg, and a given
// position (100) closed by an order of the opposite side.
store_snapshot sample_snapshot() {
  store_snapshot s;
  transaction given;
  given.id = 100;
  given.expert_id = 1;
  given.symbol = "TSLA";
  given.quantity = 10;
  given.open_price = 200;
  given.close_price = 230.00004;
  given.status = txn_status::closed;
  transaction fresh;
  fresh.id = 101;
  fresh.expert_id = 1;
  fresh.symbol = "AAPL";
  fresh.quantity = 392;
  fresh.open_price = 100.123456;
  fresh.take_profit = 130;
  fresh.status = txn_status::opened;
  s.transactions = {fresh, given}; // out of order on purpose
  auto entry = make_order(11, 101, "1-1-entry", order_side::buy);
  entry.status = order_status::filled;
  entry.filled_qty = 392;
  entry.filled_avg_price = 100.0;
  auto tp = make_order(12, 101, "1-1-tp", order_side::sell);
  tp.type = order_type::sell_limit;
  tp.role = order_role::take_profit;
  tp.limit_price = 129.99996;
  tp.status = order_status::waiting_trigger;
  tp.depends_on_order = 11;
  tp.comment = "leg";
  auto close = make_order(13, 100, "1-2-close", order_side::sell);
  close.recommendation_id = 2;
  close.role = order_role::close;
  close.symbol = "TSLA";
  close.quantity = 10;
  s.orders = {close, tp, entry};
  return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(replay_output)

BOOST_AUTO_TEST_CASE(json_number_rounds_to_4_decimals) {
  BOOST_TEST(json_number(1.23456).dump() == "1.2346");
  BOOST_TEST(json_number(0.00004).dump() == "0");
  BOOST_TEST(json_number(-2.71828).dump() == "-2.7183");
  BOOST_TEST(json_number(12.5).dump() == "12.5");
  BOOST_TEST(json_number(129.99996).dump() == "130");
}

BOOST_AUTO_TEST_CASE(json_number_rounds_like_python_and_stays_finite) {
  // round(x * 1e4) / 1e4 gives 47.3363, 336.6629 and 0.0313 here; the
  // correctly rounded decimal of the binary value is below the half.
  BOOST_TEST(json_number(37.5 * (1 + 26.23 / 100)).dump() == "47.3362");
  BOOST_TEST(json_number(261.75 * (1 + 28.62 / 100)).dump() == "336.6628");
  BOOST_TEST(json_number(0.03125).dump() == "0.0312"); // a tie: to even
  // Above 1.8e304 the old product overflowed to inf and printed null.
  BOOST_TEST(json_number(1e305).dump() == "1e+305");
  BOOST_TEST(json_number(1.7e308).dump() == "1.7e+308");
}

BOOST_AUTO_TEST_CASE(json_number_prints_integral_values_without_fraction) {
  BOOST_TEST(json_number(100.0).is_number_integer());
  BOOST_TEST(json_number(100.0).dump() == "100");
  BOOST_TEST(json_number(-0.0).dump() == "0");
  BOOST_TEST(json_number(1e20).is_number_float());
}

BOOST_AUTO_TEST_CASE(json_number_non_finite_is_null) {
  BOOST_TEST(json_number(std::numeric_limits<double>::quiet_NaN()).is_null());
  BOOST_TEST(json_number(std::numeric_limits<double>::infinity()).is_null());
}

BOOST_AUTO_TEST_CASE(document_keys_in_spec_order) {
  auto doc = render_output("demo", {}, sample_snapshot(), 12.54321);
  BOOST_TEST(keys_of(doc) == (std::vector<std::string>{
                               "format_version", "scenario", "runs",
                               "transactions", "orders", "stats"}));
  BOOST_TEST(doc["scenario"] == "demo");
  BOOST_TEST(doc["runs"].dump() == "[]");
  BOOST_TEST(doc["stats"].dump()
             == R"({"runs":0,"orders":3,"elapsed_ms":12.5432})");
}

// Readers of stored outputs tell the format by this field, so it must not
// disappear or change without a new number (docs/scenario-format.md).
BOOST_AUTO_TEST_CASE(format_version_is_first_and_1) {
  auto doc = render_output("x", {}, {}, 0);
  BOOST_REQUIRE(doc.contains("format_version"));
  BOOST_TEST(doc.begin().key() == "format_version");
  BOOST_TEST(doc["format_version"].is_number_integer());
  BOOST_TEST(doc["format_version"] == 1);
  BOOST_TEST(doc.dump().rfind(R"({"format_version":1,"scenario":"x",)", 0)
             == 0u);
}

BOOST_AUTO_TEST_CASE(runs_in_step_order_with_optional_fields) {
  replay_run plain;
  plain.step = 2;
  plain.result.expert_id = 1;
  plain.result.status = run_status::lock_timeout;
  plain.result.lock_wait_ms = 500.18549;
  replay_run full;
  full.step = 0;
  full.result.expert_id = 1;
  full.result.uc = use_case::open_positions;
  full.result.status = run_status::processed;
  full.result.error = "store down";
  full.result.orders = {"1-1-entry", "1-1-tp"};
  full.result.outcomes = {{1, outcome::executed, "BUY 392 AAPL"},
                          {2, outcome::no_action, ""}};
  full.timing_dependent = true;
  full.race_group = "at_ms 0: expert_1_usecase_open_positions";
  auto doc = render_output("x", {plain, full}, {}, 0);
  BOOST_REQUIRE(doc["runs"].size() == 2u);
  BOOST_TEST(doc["runs"][0].dump()
             == R"({"step":0,"expert_id":1,"use_case":"open_positions",)"
                R"("status":"processed","error":"store down",)"
                R"("lock_wait_ms":0,"orders":["1-1-entry","1-1-tp"],)"
                R"("outcomes":[{"recommendation_id":1,"outcome":"executed",)"
                R"("reason":"BUY 392 AAPL"},{"recommendation_id":2,)"
                R"("outcome":"no_action"}],"timing_dependent":true,)"
                R"("race_group":"at_ms 0: expert_1_usecase_open_positions"})");
  BOOST_TEST(doc["runs"][1].dump()
             == R"({"step":2,"expert_id":1,"use_case":"enter_market",)"
                R"("status":"lock_timeout","lock_wait_ms":500.1855,)"
                R"("orders":[],"outcomes":[]})");
  BOOST_TEST(doc["stats"]["runs"] == 2);
}

BOOST_AUTO_TEST_CASE(transactions_sorted_with_entry_client_order_id) {
  auto doc = render_output("x", {}, sample_snapshot(), 0);
  auto& txns = doc["transactions"];
  BOOST_REQUIRE(txns.size() == 2u);
  BOOST_TEST(txns[0].dump()
             == R"({"id":100,"expert_id":1,"symbol":"TSLA","side":"BUY",)"
                R"("quantity":10,"status":"CLOSED","open_price":200,)"
                R"("close_price":230,"take_profit":null,"stop_loss":null,)"
                R"("entry_client_order_id":null})");
  BOOST_TEST(txns[1].dump()
             == R"({"id":101,"expert_id":1,"symbol":"AAPL","side":"BUY",)"
                R"("quantity":392,"status":"OPENED","open_price":100.1235,)"
                R"("close_price":null,"take_profit":130,"stop_loss":null,)"
                R"("entry_client_order_id":"1-1-entry"})");
}

BOOST_AUTO_TEST_CASE(orders_with_depends_on_client_id) {
  auto doc = render_output("x", {}, sample_snapshot(), 0);
  auto& orders = doc["orders"];
  BOOST_REQUIRE(orders.size() == 3u);
  BOOST_TEST(orders[0].dump()
             == R"({"client_order_id":"1-1-entry","transaction_id":101,)"
                R"("symbol":"AAPL","side":"BUY","type":"market",)"
                R"("quantity":392,"limit_price":null,"stop_price":null,)"
                R"("status":"filled","filled_qty":392,)"
                R"("filled_avg_price":100,"depends_on":null,"comment":""})");
  BOOST_TEST(orders[1].dump()
             == R"({"client_order_id":"1-1-tp","transaction_id":101,)"
                R"("symbol":"AAPL","side":"SELL","type":"sell_limit",)"
                R"("quantity":392,"limit_price":130,"stop_price":null,)"
                R"("status":"waiting_trigger","filled_qty":0,)"
                R"("filled_avg_price":null,"depends_on":"1-1-entry",)"
                R"("comment":"leg"})");
  BOOST_TEST(orders[2]["client_order_id"] == "1-2-close");
  BOOST_TEST(orders[2]["depends_on"].is_null());
}

BOOST_AUTO_TEST_SUITE_END()
