#include <cmath>
#include <limits>

#include <boost/test/unit_test.hpp>

#include "tests/storage/ruleset_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

// One rule named 'r' with the given triggers and actions.
json with_rule(json triggers, json actions) {
  return {{"id", 1},
          {"rules",
           {{{"name", "r"}, {"triggers", triggers}, {"actions", actions}}}}};
}

json with_trigger(json t) {
  return with_rule(json::array({t}), json::array());
}

json with_action(json a) {
  return with_rule(json::array(), json::array({a}));
}

const std::string rule0 = "rulesets[0].rules[0] (rule 'r')";

} // namespace

BOOST_AUTO_TEST_SUITE(ruleset_codec)

BOOST_AUTO_TEST_CASE(defaults) {
  auto rs = storage::parse_ruleset(
    json::parse(R"({"id": 7, "rules": [{"name": "empty"}]})"), "x");
  BOOST_REQUIRE(rs);
  BOOST_TEST(rs->id == 7);
  BOOST_TEST(rs->name == "");
  BOOST_REQUIRE(rs->rules.size() == 1u);
  BOOST_TEST(rs->rules[0].name == "empty");
  BOOST_TEST(!rs->rules[0].continue_processing);
  BOOST_TEST(rs->rules[0].triggers.empty());
  BOOST_TEST(rs->rules[0].actions.empty());
}

BOOST_AUTO_TEST_CASE(parses_triggers_and_actions) {
  auto rs = storage::parse_ruleset(json::parse(R"({"id": 1, "name": "n",
    "rules": [{"name": "a", "continue_processing": true,
      "triggers": [{"event_type": "bullish"},
                   {"event_type": "confidence", "operator": ">=",
                    "value": 60}],
      "actions": [{"action_type": "buy"},
                  {"action_type": "adjust_take_profit",
                   "reference_value": "expert_target_price", "value": 0},
                  {"action_type": "adjust_stop_loss", "price": 95.5}]}]})"),
                                   "rulesets[0]");
  BOOST_REQUIRE(rs);
  auto& r = rs->rules.at(0);
  BOOST_TEST(r.continue_processing);
  BOOST_REQUIRE(r.triggers.size() == 2u);
  BOOST_TEST((r.triggers[0].event == event_type::bullish));
  BOOST_TEST(!r.triggers[0].op);
  BOOST_TEST((r.triggers[1].op == compare_op::ge));
  BOOST_TEST(*r.triggers[1].value == 60.0);
  BOOST_REQUIRE(r.actions.size() == 3u);
  BOOST_TEST((r.actions[1].reference == reference_value::expert_target_price));
  BOOST_TEST(*r.actions[1].value == 0.0);
  BOOST_TEST(!r.actions[1].price);
  BOOST_TEST(*r.actions[2].price == 95.5);
  BOOST_TEST(!r.actions[2].reference);
}

BOOST_AUTO_TEST_CASE(round_trip) {
  ruleset x;
  x.id = 42;
  x.name = "all kinds";
  rule a;
  a.name = "first";
  a.continue_processing = true;
  a.triggers.push_back({event_type::rating_positive_to_negative, {}, {}});
  a.triggers.push_back({event_type::profit_loss_percent, compare_op::ne,
                        -2.125});
  a.actions.push_back({action_type::close, {}, {}, {}});
  a.actions.push_back({action_type::adjust_stop_loss,
                       reference_value::order_open_price, -5.0, {}});
  a.actions.push_back({action_type::adjust_take_profit, {}, {}, 101.5});
  rule b;
  b.name = "second";
  x.rules = {a, b};
  auto y = storage::parse_ruleset(storage::to_json(x), "p");
  BOOST_REQUIRE(y);
  BOOST_TEST(y->id == x.id);
  BOOST_TEST(y->name == x.name);
  BOOST_REQUIRE(y->rules.size() == 2u);
  for (size_t i = 0; i < 2; ++i) {
    BOOST_TEST(y->rules[i].name == x.rules[i].name);
    BOOST_TEST(y->rules[i].continue_processing
               == x.rules[i].continue_processing);
    BOOST_TEST((y->rules[i].triggers == x.rules[i].triggers));
    BOOST_TEST((y->rules[i].actions == x.rules[i].actions));
  }
  BOOST_TEST(storage::to_json(*y) == storage::to_json(x));
}

BOOST_AUTO_TEST_CASE(ruleset_level_errors) {
  BOOST_TEST(ruleset_error(json::array())
             == "rulesets[0]: must be an object, got []");
  BOOST_TEST(ruleset_error({{"rules", json::array()}})
             == "rulesets[0].id: required");
  BOOST_TEST(ruleset_error({{"id", 1.5}, {"rules", json::array()}})
             == "rulesets[0].id: must be an integer, got 1.5");
  BOOST_TEST(ruleset_error({{"id", 1}}) == "rulesets[0].rules: required");
  BOOST_TEST(ruleset_error({{"id", 1}, {"rules", 3}})
             == "rulesets[0].rules: must be an array, got 3");
  BOOST_TEST(ruleset_error({{"id", 1}, {"name", 3}, {"rules", json::array()}})
             == "rulesets[0].name: must be a string, got 3");
  BOOST_TEST(ruleset_error({{"id", 1}, {"rulez", 1}, {"rules", json::array()}})
             == "rulesets[0].rulez: unknown key");
}

BOOST_AUTO_TEST_CASE(rule_level_errors) {
  BOOST_TEST(ruleset_error({{"id", 1}, {"rules", {{{"triggers", 1}}}}})
             == "rulesets[0].rules[0].name: required");
  auto x = with_rule(json::array(), json::array());
  x["rules"][0]["continue"] = true;
  BOOST_TEST(ruleset_error(x) == rule0 + ".continue: unknown key");
  x = with_rule(json::array(), json::array());
  x["rules"][0]["continue_processing"] = "yes";
  BOOST_TEST(ruleset_error(x)
             == rule0 + ".continue_processing: must be true or false, got "
                        "\"yes\"");
  BOOST_TEST(ruleset_error(with_rule({{"event_type", "bullish"}}, nullptr))
             == rule0 + ".triggers: must be an array, got "
                        "{\"event_type\":\"bullish\"}");
}

BOOST_AUTO_TEST_CASE(unknown_event_type) {
  auto x = json::parse(R"({"id": 1, "name": "broken", "rules": [
    {"name": "typo in trigger", "continue_processing": false,
     "triggers": [{"event_type": "bullishh"}],
     "actions": [{"action_type": "buy"}]}]})");
  BOOST_TEST(ruleset_error(x)
             == "rulesets[0].rules[0] (rule 'typo in trigger').triggers[0]."
                "event_type: unknown event_type 'bullishh'");
}

BOOST_AUTO_TEST_CASE(trigger_errors) {
  auto t0 = rule0 + ".triggers[0]";
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", "bullish"},
                                         {"threshold", 1}}))
             == t0 + ".threshold: unknown key");
  BOOST_TEST(ruleset_error(with_trigger({{"operator", ">"}}))
             == t0 + ".event_type: required");
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", 5}}))
             == t0 + ".event_type: must be a string, got 5");
}

BOOST_AUTO_TEST_CASE(flag_trigger_with_operator_or_value) {
  auto t0 = rule0 + ".triggers[0]";
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", "bullish"},
                                         {"operator", ">"}}))
             == t0 + ".operator: not allowed for flag event_type 'bullish', "
                     "got \">\"");
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", "has_position"},
                                         {"value", 1}}))
             == t0 + ".value: not allowed for flag event_type "
                     "'has_position', got 1");
}

BOOST_AUTO_TEST_CASE(numeric_trigger_without_operator_or_value) {
  auto t0 = rule0 + ".triggers[0]";
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", "confidence"},
                                         {"value", 60}}))
             == t0 + ".operator: required for numeric event_type "
                     "'confidence'");
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", "days_opened"},
                                         {"operator", ">"}}))
             == t0 + ".value: required for numeric event_type "
                     "'days_opened'");
}

BOOST_AUTO_TEST_CASE(unknown_operator) {
  BOOST_TEST(ruleset_error(with_trigger({{"event_type", "confidence"},
                                         {"operator", "=>"},
                                         {"value", 60}}))
             == rule0 + ".triggers[0].operator: unknown operator '=>'");
}

BOOST_AUTO_TEST_CASE(value_must_be_finite_number) {
  auto t0 = rule0 + ".triggers[0]";
  json t = {{"event_type", "confidence"}, {"operator", ">"}, {"value", "60"}};
  BOOST_TEST(ruleset_error(with_trigger(t))
             == t0 + ".value: must be a finite number, got \"60\"");
  t["value"] = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(ruleset_error(with_trigger(t))
             == t0 + ".value: must be a finite number, got nan");
  t["value"] = -std::numeric_limits<double>::infinity();
  BOOST_TEST(ruleset_error(with_trigger(t))
             == t0 + ".value: must be a finite number, got -inf");
}

BOOST_AUTO_TEST_CASE(unknown_action_type) {
  BOOST_TEST(ruleset_error(with_action({{"action_type", "buyy"}}))
             == rule0 + ".actions[0].action_type: unknown action_type 'buyy'");
  BOOST_TEST(ruleset_error(with_action({{"price", 1}}))
             == rule0 + ".actions[0].action_type: required");
}

BOOST_AUTO_TEST_CASE(buy_sell_close_take_no_parameters) {
  auto a0 = rule0 + ".actions[0]";
  BOOST_TEST(ruleset_error(with_action({{"action_type", "buy"},
                                        {"price", 10}}))
             == a0 + ".price: not allowed for action_type 'buy', got 10");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "close"},
                                        {"value", 2}}))
             == a0 + ".value: not allowed for action_type 'close', got 2");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "sell"},
                                        {"reference_value", "x"}}))
             == a0 + ".reference_value: not allowed for action_type 'sell', "
                     "got \"x\"");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "sell"},
                                        {"amount", 1}}))
             == a0 + ".amount: unknown key");
}

BOOST_AUTO_TEST_CASE(adjust_both_forms_or_neither) {
  auto a0 = rule0 + ".actions[0]";
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_take_profit"},
                                        {"price", 10},
                                        {"reference_value", "current_price"},
                                        {"value", 5}}))
             == a0 + ": adjust_take_profit takes either price or both "
                     "reference_value and value, not both");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_stop_loss"}}))
             == a0 + ": adjust_stop_loss takes either price or both "
                     "reference_value and value, got neither");
}

BOOST_AUTO_TEST_CASE(adjust_half_a_form) {
  auto a0 = rule0 + ".actions[0]";
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_stop_loss"},
                                        {"value", -5}}))
             == a0 + ".reference_value: required with value -5");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_stop_loss"},
                                        {"reference_value", "current_price"}}))
             == a0 + ".value: required with reference_value "
                     "\"current_price\"");
}

BOOST_AUTO_TEST_CASE(adjust_bad_values) {
  auto a0 = rule0 + ".actions[0]";
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_stop_loss"},
                                        {"reference_value", "open_price"},
                                        {"value", -5}}))
             == a0 + ".reference_value: unknown reference_value "
                     "'open_price'");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_take_profit"},
                                        {"price", "110"}}))
             == a0 + ".price: must be a finite number, got \"110\"");
  BOOST_TEST(ruleset_error(with_action({{"action_type", "adjust_take_profit"},
                                        {"reference_value", "current_price"},
                                        {"value", true}}))
             == a0 + ".value: must be a finite number, got true");
}

BOOST_AUTO_TEST_SUITE_END()
