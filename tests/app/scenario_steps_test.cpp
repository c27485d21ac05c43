#include <boost/test/unit_test.hpp>

#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using kind = scenario_step::kind;

// base_scenario() with `steps` replaced by `steps`. Callers pass
// json::array({...}): nlohmann's brace-initialisation of one element is an
// array under g++ but a copy of that element under clang.
json with_steps(json steps) {
  auto doc = base_scenario();
  doc["steps"] = std::move(steps);
  return doc;
}

std::string step_error(json step) {
  return scenario_error(with_steps(json::array({std::move(step)})));
}

json run_step(json run) {
  return {{"at_ms", 0}, {"run", std::move(run)}};
}

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_steps)

BOOST_AUTO_TEST_CASE(every_step_kind) {
  auto doc = with_steps(json::parse(R"([
    {"at_ms": 0, "run": {"expert_id": 1, "use_case": "enter_market",
                         "lookback_days": 2}},
    {"at_ms": 50, "prices": {"AAPL": 131.5}},
    {"at_ms": 60, "refresh": true},
    {"drain": true},
    {"at_ms": 0, "recommendations": []},
    {"at_ms": 5, "run": {"expert_id": 1, "use_case": "open_positions"}}
  ])"));
  doc["steps"][4]["recommendations"].push_back(recommendation_json(2));
  auto sc = parse_scenario(doc);
  BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
  auto& s = sc->steps;
  BOOST_REQUIRE(s.size() == 6u);
  BOOST_TEST((s[0].what == kind::run));
  BOOST_TEST(s[0].run.expert_id == 1);
  BOOST_TEST(s[0].run.uc == use_case::enter_market);
  BOOST_TEST(s[0].run.lookback_days == 2);
  BOOST_TEST((s[1].what == kind::prices));
  BOOST_TEST(s[1].at_ms == 50);
  BOOST_TEST(s[1].prices.prices.at("AAPL") == 131.5);
  BOOST_TEST((s[2].what == kind::refresh));
  BOOST_TEST(s[2].at_ms == 60);
  BOOST_TEST((s[3].what == kind::drain));
  BOOST_TEST((s[4].what == kind::recommendations));
  BOOST_REQUIRE(s[4].recommendations.size() == 1u);
  BOOST_TEST(s[4].recommendations[0].id == 2);
  BOOST_TEST(s[5].run.uc == use_case::open_positions);
  BOOST_TEST(s[5].run.lookback_days == 1); // the default
}

BOOST_AUTO_TEST_CASE(exactly_one_kind) {
  BOOST_TEST(step_error({{"at_ms", 0}})
             == "steps[0]: needs one of run, prices, refresh, "
                "recommendations, drain");
  BOOST_TEST(step_error({{"at_ms", 0}, {"refresh", true}, {"prices", {}}})
             == "steps[0]: has both prices and refresh, a step does one "
                "thing");
  BOOST_TEST(step_error({{"at_ms", 0}, {"refresh", true}, {"wait", 1}})
             == "steps[0].wait: unknown key");
  BOOST_TEST(scenario_error(with_steps({1}))
             == "steps[0]: must be an object, got 1");
}

BOOST_AUTO_TEST_CASE(at_ms) {
  BOOST_TEST(step_error({{"refresh", true}}) == "steps[0].at_ms: required");
  BOOST_TEST(step_error({{"at_ms", -1}, {"refresh", true}})
             == "steps[0].at_ms: must be >= 0, got -1");
  BOOST_TEST(step_error({{"at_ms", 1.5}, {"refresh", true}})
             == "steps[0].at_ms: must be an integer, got 1.5");
}

BOOST_AUTO_TEST_CASE(refresh_must_be_true) {
  BOOST_TEST(step_error({{"at_ms", 0}, {"refresh", false}})
             == "steps[0].refresh: must be true, got false");
}

BOOST_AUTO_TEST_CASE(drain_must_be_true_without_at_ms) {
  BOOST_TEST(step_error({{"drain", 1}})
             == "steps[0].drain: must be true, got 1");
  BOOST_TEST(step_error({{"drain", true}, {"at_ms", 0}})
             == "steps[0].at_ms: not allowed with drain, got 0");
}

BOOST_AUTO_TEST_CASE(run_unknown_expert_is_not_malformed) {
  auto sc = parse_scenario(with_steps(json::array(
    {run_step({{"expert_id", 99}, {"use_case", "enter_market"}})})));
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->steps[0].run.expert_id == 99);
}

BOOST_AUTO_TEST_CASE(run_fields) {
  BOOST_TEST(step_error(run_step({{"use_case", "enter_market"}}))
             == "steps[0].run.expert_id: required");
  BOOST_TEST(step_error(run_step({{"expert_id", 1}}))
             == "steps[0].run.use_case: required");
  BOOST_TEST(step_error(run_step({{"expert_id", 1}, {"use_case", "enter"}}))
             == "steps[0].run.use_case: unknown use_case 'enter'");
  BOOST_TEST(step_error(run_step({{"expert_id", 1},
                                  {"use_case", "enter_market"},
                                  {"lookback", 1}}))
             == "steps[0].run.lookback: unknown key");
  BOOST_TEST(step_error({{"at_ms", 0}, {"run", 1}})
             == "steps[0].run: must be an object, got 1");
}

BOOST_AUTO_TEST_CASE(lookback_days) {
  json run = {{"expert_id", 1}, {"use_case", "enter_market"}};
  run["lookback_days"] = 3.0;
  auto sc = parse_scenario(with_steps(json::array({run_step(run)})));
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->steps[0].run.lookback_days == 3);
  run["lookback_days"] = 0;
  BOOST_TEST(step_error(run_step(run)) == "ok");
  run["lookback_days"] = 1.5;
  BOOST_TEST(step_error(run_step(run))
             == "steps[0].run.lookback_days: must be an integer, got 1.5");
  run["lookback_days"] = -1;
  BOOST_TEST(step_error(run_step(run))
             == "steps[0].run.lookback_days: must be in [0, 2147483647], "
                "got -1");
}

BOOST_AUTO_TEST_CASE(prices_step) {
  BOOST_TEST(step_error({{"at_ms", 0}, {"prices", {{"AAPL", -2}}}})
             == "steps[0].prices.AAPL: must be > 0, got -2");
  BOOST_TEST(step_error({{"at_ms", 0}, {"prices", {1, 2}}})
             == "steps[0].prices: must be an object (symbol: price), got "
                "[1,2]");
}

BOOST_AUTO_TEST_CASE(recommendations_step) {
  auto rec = recommendation_json(1);
  BOOST_TEST(step_error({{"at_ms", 0}, {"recommendations", {rec}}})
             == "steps[0].recommendations[0].id: duplicate recommendation "
                "id 1");
  rec["id"] = 5;
  rec["expert_id"] = 3;
  BOOST_TEST(step_error({{"at_ms", 0}, {"recommendations", {rec}}})
             == "steps[0].recommendations[0].expert_id: unknown expert 3");
  rec["expert_id"] = 1;
  rec["price_at_date"] = -5;
  BOOST_TEST(step_error({{"at_ms", 0}, {"recommendations", {rec}}})
             == "steps[0].recommendations[0].price_at_date: must be > 0, "
                "got -5");
  BOOST_TEST(step_error({{"at_ms", 0}, {"recommendations", rec}})
                       .rfind("steps[0].recommendations: must be an array", 0)
             == 0u);
  // Ids are unique across steps too.
  rec["price_at_date"] = 10;
  auto doc = with_steps({{{"at_ms", 0}, {"recommendations", {rec}}},
                         {{"at_ms", 0}, {"recommendations", {rec}}}});
  BOOST_TEST(scenario_error(doc)
             == "steps[1].recommendations[0].id: duplicate recommendation "
                "id 5");
}

BOOST_AUTO_TEST_SUITE_END()
