#include <limits>

#include <boost/test/unit_test.hpp>

#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

BOOST_AUTO_TEST_SUITE(scenario_parse)

BOOST_AUTO_TEST_CASE(base_scenario_parses_with_defaults) {
  auto sc = parse_scenario(base_scenario());
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  BOOST_TEST(sc->name == "base");
  BOOST_TEST(sc->now_ms == 1767625200000); // 2026-01-05T15:00:00Z
  BOOST_TEST(sc->balance == 100000.0);
  BOOST_TEST(sc->prices.prices.at("AAPL") == 100.0);
  BOOST_TEST(sc->latency_ms == 0);
  BOOST_TEST(sc->faults.refuse_symbols.empty());
  BOOST_TEST(sc->faults.timeout_symbols.empty());
  BOOST_TEST(sc->rulesets.size() == 2u);
  BOOST_REQUIRE(sc->experts.size() == 1u);
  auto& e = sc->experts[0];
  BOOST_TEST(e.name == "");
  BOOST_TEST(e.enabled);
  BOOST_TEST(e.virtual_equity_pct == 100.0);
  BOOST_TEST(*e.enter_market_ruleset_id == 1);
  BOOST_TEST(!e.open_positions_ruleset_id);
  BOOST_TEST(e.settings.enable_buy);
  BOOST_TEST(!e.settings.enable_sell);
  BOOST_TEST(e.settings.allow_automated_trade_opening);
  BOOST_TEST(!e.settings.allow_automated_trade_modification);
  BOOST_TEST(e.settings.max_virtual_equity_per_instrument_percent == 10.0);
  BOOST_TEST(e.settings.diversification_factor == 1.0);
  BOOST_TEST(e.settings.weights.empty());
}

BOOST_AUTO_TEST_CASE(optional_sections_may_be_absent) {
  auto doc = json::parse(R"({"now": "2026-01-05T15:00:00Z",
                             "account": {"balance": 0}})");
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  BOOST_TEST(sc->name == "");
  BOOST_TEST(sc->prices.prices.empty());
  BOOST_TEST(sc->experts.empty());
  BOOST_TEST(sc->steps.empty());
}

BOOST_AUTO_TEST_CASE(broker_section) {
  auto doc = base_scenario();
  doc["broker"] = {{"latency_ms", 800},
                   {"refuse_symbols", {"AAPL"}},
                   {"timeout_symbols", {"MSFT", "NVDA"}}};
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  BOOST_TEST(sc->latency_ms == 800);
  BOOST_TEST(sc->faults.refuse_symbols == std::vector<std::string>{"AAPL"});
  BOOST_TEST(sc->faults.timeout_symbols.size() == 2u);
  doc["broker"]["latency_ms"] = -1;
  BOOST_TEST(scenario_error(doc) == "broker.latency_ms: must be >= 0, got -1");
  doc["broker"]["latency_ms"] = 0.5;
  BOOST_TEST(scenario_error(doc)
             == "broker.latency_ms: must be an integer, got 0.5");
  doc["broker"]["latency_ms"] = 0;
  doc["broker"]["refuse_symbols"] = {"AAPL", 5};
  BOOST_TEST(scenario_error(doc) == "broker.refuse_symbols[1]: must be a "
                                    "non-empty string, got 5");
  doc["broker"]["refuse_symbols"] = json::array();
  doc["broker"]["timeout"] = json::array();
  BOOST_TEST(scenario_error(doc) == "broker.timeout: unknown key");
}

BOOST_AUTO_TEST_CASE(top_level_errors) {
  BOOST_TEST(scenario_error(json::array())
             == "scenario: must be an object, got []");
  auto doc = base_scenario();
  doc["setps"] = json::array();
  BOOST_TEST(scenario_error(doc) == "setps: unknown key");
  doc = base_scenario();
  doc["name"] = 3;
  BOOST_TEST(scenario_error(doc) == "name: must be a string, got 3");
  doc = base_scenario();
  doc["experts"] = json::object();
  BOOST_TEST(scenario_error(doc) == "experts: must be an array, got {}");
}

BOOST_AUTO_TEST_CASE(now_is_a_required_timestamp) {
  auto doc = base_scenario();
  doc.erase("now");
  BOOST_TEST(scenario_error(doc) == "now: required");
  doc["now"] = "2026-01-05 15:00";
  BOOST_TEST(scenario_error(doc)
             == "now: invalid timestamp '2026-01-05 15:00': expected "
                "YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]");
  doc["now"] = 1767625200000;
  BOOST_TEST(scenario_error(doc)
             == "now: must be a timestamp string, got 1767625200000");
}

BOOST_AUTO_TEST_CASE(account_balance) {
  auto doc = base_scenario();
  doc.erase("account");
  BOOST_TEST(scenario_error(doc) == "account: required");
  doc["account"] = json::object();
  BOOST_TEST(scenario_error(doc) == "account.balance: required");
  doc["account"]["balance"] = -1;
  BOOST_TEST(scenario_error(doc) == "account.balance: must be >= 0, got -1");
  doc["account"]["balance"] = "100";
  BOOST_TEST(scenario_error(doc)
             == "account.balance: must be a finite number, got \"100\"");
  doc["account"]["balance"] = std::numeric_limits<double>::infinity();
  BOOST_TEST(scenario_error(doc)
             == "account.balance: must be a finite number, got inf");
  doc["account"] = {{"balance", 1}, {"currency", "USD"}};
  BOOST_TEST(scenario_error(doc) == "account.currency: unknown key");
}

BOOST_AUTO_TEST_CASE(prices_must_be_positive_finite) {
  auto doc = base_scenario();
  doc["prices"]["MSFT"] = 0;
  BOOST_TEST(scenario_error(doc) == "prices.MSFT: must be > 0, got 0");
  doc["prices"]["MSFT"] = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(scenario_error(doc)
             == "prices.MSFT: must be a finite number, got nan");
  doc["prices"] = {{"", 1}};
  BOOST_TEST(scenario_error(doc) == "prices: empty symbol");
}

BOOST_AUTO_TEST_CASE(tick_sizes_are_bounded_where_they_enter) {
  auto sc = parse_scenario(base_scenario());
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  BOOST_TEST(!sc->tick_size);
  BOOST_TEST(sc->tick_sizes.empty());
  auto doc = base_scenario();
  doc["tick_size"] = 0.01;
  doc["tick_sizes"] = {{"NVDA", 0.05}, {"MSFT", 1}};
  sc = parse_scenario(doc);
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  BOOST_TEST(sc->tick_size->units == 1'000'000);
  BOOST_TEST(sc->tick_sizes.at("NVDA").units == 5'000'000);
  auto ticks = ticks_for(*sc, tick_table{});
  BOOST_TEST(ticks.of("AAPL").units == 1'000'000);
  BOOST_TEST(ticks.of("MSFT").units == 100'000'000);
  doc["tick_sizes"]["NVDA"] = 0;
  BOOST_TEST(scenario_error(doc) == "tick_sizes.NVDA: must be a finite "
                                    "number in [0.00000001, 1], got 0");
  doc["tick_sizes"] = {{"NVDA", 0.05}};
  doc["tick_size"] = 1e-9;
  BOOST_TEST(scenario_error(doc) == "tick_size: must be a finite number in "
                                    "[0.00000001, 1], got 1e-09");
  doc["tick_size"] = 0.000000015;
  BOOST_TEST(scenario_error(doc) == "tick_size: must be a whole number of "
                                    "0.00000001 steps, got 1.5e-08");
  doc["tick_size"] = "0.01";
  BOOST_TEST(scenario_error(doc)
             == "tick_size: must be a finite number, got \"0.01\"");
  doc["tick_size"] = 0.01;
  doc["tick_sizes"] = json::array();
  BOOST_TEST(scenario_error(doc)
             == "tick_sizes: must be an object (symbol: tick), got []");
}

BOOST_AUTO_TEST_CASE(every_ruleset_is_validated) {
  auto doc = base_scenario();
  // Ruleset 2 is referenced by nobody.
  doc["rulesets"][1]["rules"] = {{{"name", "x"},
                                  {"actions", {{{"action_type", "hold"}}}}}};
  BOOST_TEST(scenario_error(doc)
             == "rulesets[1].rules[0] (rule 'x').actions[0].action_type: "
                "unknown action_type 'hold'");
}

BOOST_AUTO_TEST_CASE(ruleset_ids_are_unique) {
  auto doc = base_scenario();
  doc["rulesets"][1]["id"] = 1;
  BOOST_TEST(scenario_error(doc) == "rulesets[1].id: duplicate ruleset id 1");
}

BOOST_AUTO_TEST_CASE(expert_ids_are_unique) {
  auto doc = base_scenario();
  doc["experts"].push_back({{"id", 1}});
  BOOST_TEST(scenario_error(doc) == "experts[1].id: duplicate expert id 1");
}

BOOST_AUTO_TEST_CASE(expert_rulesets_must_exist) {
  auto doc = base_scenario();
  doc["experts"][0]["open_positions_ruleset_id"] = 9;
  BOOST_TEST(scenario_error(doc)
             == "experts[0].open_positions_ruleset_id: unknown ruleset 9");
  doc["experts"][0]["open_positions_ruleset_id"] = 2;
  BOOST_TEST(scenario_error(doc) == "ok");
}

BOOST_AUTO_TEST_CASE(expert_fields) {
  auto doc = base_scenario();
  doc["experts"][0]["enabled"] = "yes";
  BOOST_TEST(scenario_error(doc)
             == "experts[0].enabled: must be true or false, got \"yes\"");
  doc = base_scenario();
  doc["experts"][0]["virtual_equity_pct"] = 0;
  BOOST_TEST(scenario_error(doc)
             == "experts[0].virtual_equity_pct: must be in (0, 100], got 0");
  doc = base_scenario();
  doc["experts"][0].erase("id");
  BOOST_TEST(scenario_error(doc) == "experts[0].id: required");
  doc = base_scenario();
  doc["experts"][0]["name"] = "momentum";
  doc["experts"][0]["enabled"] = false;
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->experts[0].name == "momentum");
  BOOST_TEST(!sc->experts[0].enabled);
}

BOOST_AUTO_TEST_CASE(settings_unknown_key) {
  auto doc = base_scenario();
  doc["experts"][0]["settings"]["enable_buyy"] = true;
  BOOST_TEST(scenario_error(doc)
             == "experts[0].settings.enable_buyy: unknown key");
}

BOOST_AUTO_TEST_CASE(diversification_factor_range) {
  auto doc = base_scenario();
  auto& s = doc["experts"][0]["settings"];
  s["diversification_factor"] = 0;
  BOOST_TEST(scenario_error(doc) == "experts[0].settings."
                                    "diversification_factor: must be in "
                                    "(0, 1], got 0");
  s["diversification_factor"] = 1.5;
  BOOST_TEST(scenario_error(doc) == "experts[0].settings."
                                    "diversification_factor: must be in "
                                    "(0, 1], got 1.5");
  s["diversification_factor"] = 0.5;
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->experts[0].settings.diversification_factor == 0.5);
}

BOOST_AUTO_TEST_CASE(max_equity_per_instrument_range) {
  auto doc = base_scenario();
  auto& s = doc["experts"][0]["settings"];
  s["max_virtual_equity_per_instrument_percent"] = 100.5;
  BOOST_TEST(scenario_error(doc)
             == "experts[0].settings.max_virtual_equity_per_instrument_"
                "percent: must be in (0, 100], got 100.5");
  s["max_virtual_equity_per_instrument_percent"] = 0;
  BOOST_TEST(scenario_error(doc)
             == "experts[0].settings.max_virtual_equity_per_instrument_"
                "percent: must be in (0, 100], got 0");
  s["max_virtual_equity_per_instrument_percent"] = 100;
  BOOST_TEST(scenario_error(doc) == "ok");
}

BOOST_AUTO_TEST_CASE(weights) {
  auto doc = base_scenario();
  auto& s = doc["experts"][0]["settings"];
  s["weights"] = {{"AAPL", 50}, {"MSFT", 0}};
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->experts[0].settings.weights.at("AAPL") == 50.0);
  BOOST_TEST(sc->experts[0].settings.weights.at("MSFT") == 0.0);
  s["weights"]["MSFT"] = -1;
  BOOST_TEST(scenario_error(doc)
             == "experts[0].settings.weights.MSFT: must be >= 0, got -1");
  s["weights"]["MSFT"] = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(scenario_error(doc) == "experts[0].settings.weights.MSFT: must "
                                    "be a finite number, got nan");
  s["weights"] = json::array();
  BOOST_TEST(scenario_error(doc) == "experts[0].settings.weights: must be an "
                                    "object (symbol: percent), got []");
}

BOOST_AUTO_TEST_SUITE_END()
