#include <string>

#include <boost/test/unit_test.hpp>

#include "messages/json_input.hpp"
#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

const std::string nul{"A\0B", 3};

} // namespace

BOOST_AUTO_TEST_SUITE(input_names)

BOOST_AUTO_TEST_CASE(symbols_refuse_control_characters_and_blanks) {
  auto doc = base_scenario();
  doc["recommendations"][0]["symbol"] = nul;
  BOOST_TEST(scenario_error(doc)
             == "recommendations[0].symbol: must not contain control "
                "characters (U+0000 at byte 1), got \"A\\u0000B\"");
  doc["recommendations"][0]["symbol"] = " ";
  BOOST_TEST(scenario_error(doc)
             == "recommendations[0].symbol: must not be only whitespace, "
                "got \" \"");
  doc["recommendations"][0]["symbol"] = "AAPL ";
  BOOST_TEST(scenario_error(doc)
             == "recommendations[0].symbol: must not start or end with "
                "whitespace, got \"AAPL \"");
  doc = base_scenario();
  doc["transactions"][0]["symbol"] = "TS\x1fLA";
  BOOST_TEST(scenario_error(doc)
             == "transactions[0].symbol: must not contain control "
                "characters (U+001F at byte 2), got \"TS\\u001fLA\"");
  doc = base_scenario();
  doc["prices"] = {{nul, 1}};
  BOOST_TEST(scenario_error(doc)
             == "prices.A\\u0000B: must not contain control characters "
                "(U+0000 at byte 1), got 'A\\u0000B'");
  doc = base_scenario();
  doc["broker"] = {{"refuse_symbols", {"MSFT", nul}}};
  BOOST_TEST(scenario_error(doc).find("broker.refuse_symbols[1]: must not "
                                      "contain control characters")
             == 0u);
  doc = base_scenario();
  doc["broker"] = {{"timeout_symbols", {"\t"}}};
  BOOST_TEST(scenario_error(doc).find("broker.timeout_symbols[0]: must not "
                                      "contain control characters")
             == 0u);
  doc = base_scenario();
  doc["experts"][0]["settings"]["weights"] = {{"  ", 10}};
  BOOST_TEST(scenario_error(doc)
             == "experts[0].settings.weights.  : must not be only "
                "whitespace, got '  '");
  doc = base_scenario();
  doc["steps"].push_back({{"at_ms", 1}, {"prices", {{"\x7f", 1}}}});
  BOOST_TEST(scenario_error(doc).find("steps[1].prices.\\u007F: must not "
                                      "contain control characters")
             == 0u);
}

BOOST_AUTO_TEST_CASE(names_refuse_control_characters) {
  auto doc = base_scenario();
  doc["experts"][0]["name"] = "mo\nmentum";
  BOOST_TEST(scenario_error(doc)
             == "experts[0].name: must not contain control characters "
                "(U+000A at byte 2), got \"mo\\nmentum\"");
  doc = base_scenario();
  doc["name"] = nul;
  BOOST_TEST(scenario_error(doc).find("name: must not contain control")
             == 0u);
  // U+0085 (a C1 control) too; other Unicode text is a valid name.
  doc["name"] = "caf\xc3\xa9 \xc2\x85";
  BOOST_TEST(scenario_error(doc).find("name: must not contain control "
                                      "characters (U+0085 at byte 6)")
             == 0u);
  doc["name"] = "caf\xc3\xa9 \xe2\x82\xac";
  BOOST_TEST(scenario_error(doc) == "ok");
}

BOOST_AUTO_TEST_CASE(ruleset_names_and_ids) {
  auto rs = base_scenario()["rulesets"][0];
  rs["name"] = nul;
  BOOST_TEST(ruleset_error(rs).find("rulesets[0].name: must not contain "
                                    "control characters (U+0000 at byte 1)")
             == 0u);
  rs = base_scenario()["rulesets"][0];
  rs["rules"][0]["name"] = "x\x01";
  BOOST_TEST(ruleset_error(rs)
             == "rulesets[0].rules[0].name: must not contain control "
                "characters (U+0001 at byte 1), got \"x\\u0001\"");
  rs = base_scenario()["rulesets"][0];
  rs["id"] = 0;
  BOOST_TEST(ruleset_error(rs) == "rulesets[0].id: must be > 0, got 0");
  rs["id"] = -2.0;
  BOOST_TEST(ruleset_error(rs) == "rulesets[0].id: must be > 0, got -2");
}

BOOST_AUTO_TEST_CASE(ruleset_messages_are_cut) {
  auto rs = base_scenario()["rulesets"][0];
  rs["rules"][0]["triggers"][0]["event_type"] = std::string(100000, 'b');
  auto text = ruleset_error(rs);
  BOOST_TEST(text.size() < 300u, text.size());
  BOOST_TEST(text.find("unknown event_type 'bbbb") != std::string::npos);
  rs = base_scenario()["rulesets"][0];
  rs["rules"][0][std::string(100000, 'k')] = 1;
  BOOST_TEST(ruleset_error(rs).size() < 500u);
  rs = base_scenario()["rulesets"][0];
  rs["rules"][0]["name"] = std::string(100000, 'n');
  rs["rules"][0]["bogus"] = 1;
  BOOST_TEST(ruleset_error(rs).size() < 500u);
}

BOOST_AUTO_TEST_SUITE_END()
