#include <limits>

#include <boost/test/unit_test.hpp>

#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

// base_scenario() with recommendations[0][key] = value.
std::string rec_error(const char* key, json value) {
  auto doc = base_scenario();
  doc["recommendations"][0][key] = std::move(value);
  return scenario_error(doc);
}

// base_scenario() without recommendations[0][key].
std::string rec_error_without(const char* key) {
  auto doc = base_scenario();
  doc["recommendations"][0].erase(key);
  return scenario_error(doc);
}

// base_scenario() with transactions[0][key] = value.
std::string txn_error(const char* key, json value) {
  auto doc = base_scenario();
  doc["transactions"][0][key] = std::move(value);
  return scenario_error(doc);
}

const double not_a_number = std::numeric_limits<double>::quiet_NaN();

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_entities)

BOOST_AUTO_TEST_CASE(recommendation_fields) {
  auto sc = parse_scenario(base_scenario());
  BOOST_REQUIRE(sc);
  auto& rec = sc->recommendations.at(0);
  BOOST_TEST(rec.id == 1);
  BOOST_TEST(rec.expert_id == 1);
  BOOST_TEST(rec.symbol == "AAPL");
  BOOST_TEST(rec.action == rec_action::buy);
  BOOST_TEST(rec.expected_profit_percent == 30.0);
  BOOST_TEST(rec.price_at_date == 100.0);
  BOOST_TEST(*rec.confidence == 90.0);
  BOOST_TEST((rec.risk == risk_level::medium));
  BOOST_TEST((rec.horizon == time_horizon::short_term));
  BOOST_TEST(rec.created_at_ms == 1767621600000);
}

BOOST_AUTO_TEST_CASE(recommendation_id) {
  BOOST_TEST(rec_error_without("id") == "recommendations[0].id: required");
  BOOST_TEST(rec_error("id", 1.5)
             == "recommendations[0].id: must be an integer, got 1.5");
  auto doc = base_scenario();
  doc["recommendations"].push_back(recommendation_json(1));
  BOOST_TEST(scenario_error(doc)
             == "recommendations[1].id: duplicate recommendation id 1");
}

BOOST_AUTO_TEST_CASE(recommendation_unknown_expert) {
  BOOST_TEST(rec_error("expert_id", 7)
             == "recommendations[0].expert_id: unknown expert 7");
}

BOOST_AUTO_TEST_CASE(recommendation_symbol) {
  BOOST_TEST(rec_error("symbol", "")
             == "recommendations[0].symbol: must be a non-empty string, "
                "got \"\"");
  BOOST_TEST(rec_error_without("symbol")
             == "recommendations[0].symbol: required");
}

BOOST_AUTO_TEST_CASE(recommendation_action) {
  BOOST_TEST(rec_error("action", "buy")
             == "recommendations[0].action: unknown action 'buy'");
  BOOST_TEST(rec_error("action", 1)
             == "recommendations[0].action: must be a string, got 1");
}

BOOST_AUTO_TEST_CASE(expected_profit_percent) {
  BOOST_TEST(rec_error_without("expected_profit_percent")
             == "recommendations[0].expected_profit_percent: required");
  BOOST_TEST(rec_error("expected_profit_percent", not_a_number)
             == "recommendations[0].expected_profit_percent: must be a "
                "finite number, got nan");
  BOOST_TEST(rec_error("expected_profit_percent", -3) == "ok");
}

BOOST_AUTO_TEST_CASE(price_at_date) {
  BOOST_TEST(rec_error("price_at_date", -5)
             == "recommendations[0].price_at_date: must be > 0, got -5");
  BOOST_TEST(rec_error("price_at_date", 0)
             == "recommendations[0].price_at_date: must be > 0, got 0");
  BOOST_TEST(rec_error_without("price_at_date")
             == "recommendations[0].price_at_date: required");
  BOOST_TEST(rec_error("price_at_date", std::numeric_limits<double>::infinity())
             == "recommendations[0].price_at_date: must be a finite number, "
                "got inf");
}

BOOST_AUTO_TEST_CASE(confidence) {
  BOOST_TEST(rec_error("confidence", 100.5)
             == "recommendations[0].confidence: must be in [0, 100], got "
                "100.5");
  BOOST_TEST(rec_error("confidence", -1)
             == "recommendations[0].confidence: must be in [0, 100], got -1");
  auto doc = base_scenario();
  doc["recommendations"][0].erase("confidence");
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE(sc);
  BOOST_TEST(!sc->recommendations[0].confidence);
}

BOOST_AUTO_TEST_CASE(risk_level_and_time_horizon_are_required) {
  BOOST_TEST(rec_error_without("risk_level")
             == "recommendations[0].risk_level: required");
  BOOST_TEST(rec_error("risk_level", "EXTREME")
             == "recommendations[0].risk_level: unknown risk_level "
                "'EXTREME'");
  BOOST_TEST(rec_error_without("time_horizon")
             == "recommendations[0].time_horizon: required");
  BOOST_TEST(rec_error("time_horizon", "SHORT")
             == "recommendations[0].time_horizon: unknown time_horizon "
                "'SHORT'");
}

BOOST_AUTO_TEST_CASE(created_at) {
  BOOST_TEST(rec_error_without("created_at")
             == "recommendations[0].created_at: required");
  BOOST_TEST(rec_error("created_at", "2026-02-30T00:00:00Z")
             == "recommendations[0].created_at: invalid timestamp "
                "'2026-02-30T00:00:00Z': day out of range");
  auto doc = base_scenario();
  doc["recommendations"][0]["created_at"] = "2026-01-05T14:00:00";
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->recommendations[0].created_at_ms == 1767621600000);
}

BOOST_AUTO_TEST_CASE(recommendation_unknown_key) {
  BOOST_TEST(rec_error("confidance", 90)
             == "recommendations[0].confidance: unknown key");
}

BOOST_AUTO_TEST_CASE(transaction_fields_and_defaults) {
  auto doc = base_scenario();
  doc["transactions"][0].erase("status");
  doc["transactions"][0]["take_profit"] = nullptr;
  doc["transactions"][0]["stop_loss"] = 180.5;
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  auto& t = sc->transactions.at(0);
  BOOST_TEST(t.id == 100);
  BOOST_TEST(t.side == order_side::buy);
  BOOST_TEST(t.quantity == 10);
  BOOST_TEST(t.status == txn_status::waiting);
  BOOST_TEST(*t.open_price == 200.0);
  BOOST_TEST(!t.close_price);
  BOOST_TEST(!t.take_profit);
  BOOST_TEST(*t.stop_loss == 180.5);
  BOOST_TEST(*t.open_date_ms == 1767366000000);
  BOOST_TEST(!t.close_date_ms);
  BOOST_TEST(t.created_at_ms == 1767366000000);
}

BOOST_AUTO_TEST_CASE(transaction_ids_are_unique) {
  auto doc = base_scenario();
  auto t = doc["transactions"][0];
  t["status"] = "CLOSED";
  doc["transactions"].push_back(t);
  BOOST_TEST(scenario_error(doc)
             == "transactions[1].id: duplicate transaction id 100");
}

BOOST_AUTO_TEST_CASE(transaction_expert_symbol_side) {
  BOOST_TEST(txn_error("expert_id", 2)
             == "transactions[0].expert_id: unknown expert 2");
  BOOST_TEST(txn_error("symbol", "")
             == "transactions[0].symbol: must be a non-empty string, got "
                "\"\"");
  BOOST_TEST(txn_error("side", "LONG")
             == "transactions[0].side: unknown side 'LONG'");
}

BOOST_AUTO_TEST_CASE(transaction_quantity_is_whole_and_positive) {
  BOOST_TEST(txn_error("quantity", 2.5)
             == "transactions[0].quantity: must be an integer, got 2.5");
  BOOST_TEST(txn_error("quantity", 0)
             == "transactions[0].quantity: must be > 0, got 0");
  BOOST_TEST(txn_error("quantity", "10")
             == "transactions[0].quantity: must be an integer, got \"10\"");
  BOOST_TEST(txn_error("quantity", 10.0) == "ok");
}

BOOST_AUTO_TEST_CASE(transaction_prices) {
  BOOST_TEST(txn_error("open_price", -1)
             == "transactions[0].open_price: must be > 0, got -1");
  BOOST_TEST(txn_error("close_price", not_a_number)
             == "transactions[0].close_price: must be a finite number, got "
                "nan");
  BOOST_TEST(txn_error("take_profit", 0)
             == "transactions[0].take_profit: must be > 0, got 0");
  BOOST_TEST(txn_error("stop_loss", "95")
             == "transactions[0].stop_loss: must be a finite number, got "
                "\"95\"");
}

BOOST_AUTO_TEST_CASE(transaction_status_and_dates) {
  BOOST_TEST(txn_error("status", "OPEN")
             == "transactions[0].status: unknown status 'OPEN'");
  BOOST_TEST(txn_error("close_date", "yesterday")
             == "transactions[0].close_date: invalid timestamp 'yesterday': "
                "expected YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]");
  BOOST_TEST(txn_error("lock_epoch", 1)
             == "transactions[0].lock_epoch: unknown key");
}

BOOST_AUTO_TEST_CASE(given_transactions_respect_open_position_index) {
  auto doc = base_scenario();
  auto t = doc["transactions"][0];
  t["id"] = 101;
  t["status"] = "WAITING";
  doc["transactions"].push_back(t);
  BOOST_TEST(scenario_error(doc)
             == "transactions[1].symbol: expert 1 already has transaction "
                "100 in OPENED on 'TSLA' (one WAITING/OPENED per expert and "
                "symbol)");
  // CLOSED, CLOSING and FAILED ones do not count.
  for (auto status : {"CLOSED", "CLOSING", "FAILED"}) {
    doc["transactions"][1]["status"] = status;
    BOOST_TEST(scenario_error(doc) == "ok");
  }
}

BOOST_AUTO_TEST_SUITE_END()
