#include <map>
#include <set>
#include <string>
#include <utility>

#include <boost/test/unit_test.hpp>

#include "app/generate.hpp"
#include "app/scenario.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using json = nlohmann::json;

namespace {

generate_params params(int64_t experts, int64_t recs, double dup,
                       int64_t concurrency, uint64_t seed = 1) {
  generate_params p;
  p.experts = experts;
  p.recs_per_expert = recs;
  p.dup_ratio = dup;
  p.concurrency = concurrency;
  p.seed = seed;
  return p;
}

json generate_ok(const generate_params& p) {
  auto doc = generate_scenario(p);
  BOOST_REQUIRE_MESSAGE(doc, (doc ? std::string{} : describe(doc.error())));
  return *doc;
}

// The error text of a rejected parameter set ("" when accepted).
std::string rejection(const generate_params& p) {
  auto doc = generate_scenario(p);
  if (doc)
    return "";
  BOOST_TEST(is(doc.error(), ec::invalid_input));
  return reason_of(doc.error());
}

} // namespace

BOOST_AUTO_TEST_SUITE(generate)

BOOST_AUTO_TEST_CASE(same_parameters_same_document) {
  auto a = generate_ok(params(7, 9, 0.3, 2, 42)).dump();
  BOOST_TEST(a == generate_ok(params(7, 9, 0.3, 2, 42)).dump());
  BOOST_TEST(a != generate_ok(params(7, 9, 0.3, 2, 43)).dump());
}

BOOST_AUTO_TEST_CASE(parses_as_a_valid_scenario) {
  auto sc = parse_scenario(generate_ok(params(5, 4, 0.5, 3)));
  BOOST_REQUIRE_MESSAGE(sc, (sc ? std::string{} : describe(sc.error())));
  BOOST_TEST(sc->experts.size() == 5u);
  BOOST_TEST(sc->rulesets.size() == 5u);
  BOOST_TEST(sc->recommendations.size() == 20u);
  BOOST_TEST(sc->transactions.size() == 10u);
}

BOOST_AUTO_TEST_CASE(each_expert_its_own_ruleset_and_distinct_symbols) {
  auto doc = generate_ok(params(6, 8, 0, 1));
  std::set<int64_t> rulesets;
  for (auto& e : doc["experts"])
    rulesets.insert(e["enter_market_ruleset_id"].get<int64_t>());
  BOOST_TEST(rulesets.size() == 6u);
  std::map<int64_t, std::set<std::string>> symbols;
  for (auto& r : doc["recommendations"]) {
    BOOST_TEST(r["action"] == "BUY");
    auto sym = r["symbol"].get<std::string>();
    BOOST_TEST(doc["prices"].contains(sym));
    symbols[r["expert_id"].get<int64_t>()].insert(sym);
  }
  BOOST_TEST(symbols.size() == 6u);
  for (auto& kvp : symbols)
    BOOST_TEST(kvp.second.size() == 8u);
}

BOOST_AUTO_TEST_CASE(caps_fund_every_candidate) {
  auto doc = generate_ok(params(2, 30, 0, 1));
  for (auto& e : doc["experts"]) {
    auto cap = e["settings"]["max_virtual_equity_per_instrument_percent"]
                 .get<double>();
    BOOST_TEST(cap * 30 < 100.0);
    // The smallest slice must still buy the dearest share (500).
    BOOST_TEST(doc["account"]["balance"].get<double>() * cap / 100 > 500.0);
  }
}

BOOST_AUTO_TEST_CASE(duplicates_are_distinct_live_pairs) {
  auto doc = generate_ok(params(10, 10, 0.25, 1));
  BOOST_REQUIRE(doc["transactions"].size() == 25u);
  std::set<std::pair<int64_t, std::string>> pairs;
  for (auto& t : doc["transactions"]) {
    auto status = t["status"].get<std::string>();
    BOOST_TEST((status == "WAITING" || status == "OPENED"));
    pairs.emplace(t["expert_id"].get<int64_t>(),
                  t["symbol"].get<std::string>());
  }
  BOOST_TEST(pairs.size() == 25u);
  BOOST_TEST(generate_ok(params(3, 3, 0, 1))["transactions"].empty());
  BOOST_TEST(generate_ok(params(3, 3, 1, 1))["transactions"].size() == 9u);
}

BOOST_AUTO_TEST_CASE(runs_at_once_then_drain_prices_drain_refresh) {
  auto steps = generate_ok(params(4, 2, 0, 3))["steps"];
  BOOST_REQUIRE(steps.size() == 4u * 3u + 4u);
  std::map<int64_t, int> runs;
  for (size_t i = 0; i < 12; ++i) {
    BOOST_TEST(steps[i]["at_ms"] == 0);
    ++runs[steps[i]["run"]["expert_id"].get<int64_t>()];
  }
  BOOST_TEST(runs.size() == 4u);
  for (auto& kvp : runs)
    BOOST_TEST(kvp.second == 3);
  BOOST_TEST(steps[12] == json({{"drain", true}}));
  BOOST_TEST(steps[13].contains("prices"));
  BOOST_TEST(steps[14] == json({{"drain", true}}));
  BOOST_TEST(steps[15]["refresh"] == true);
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_flag) {
  auto has = [](const std::string& text, const char* flag) {
    return text.find(flag) != std::string::npos;
  };
  BOOST_TEST(has(rejection(params(0, 1, 0, 1)), "--experts"));
  BOOST_TEST(has(rejection(params(1, 0, 0, 1)), "--recs-per-expert"));
  BOOST_TEST(has(rejection(params(1, 1, -0.1, 1)), "--dup-ratio"));
  BOOST_TEST(has(rejection(params(1, 1, 1.5, 1)), "--dup-ratio"));
  BOOST_TEST(has(rejection(params(1, 1, 0, 0)), "--concurrency"));
  BOOST_TEST(has(rejection(params(1000000, 10000, 0, 1)),
                 "--recs-per-expert"));
  BOOST_TEST(rejection(params(1, 1, 0, 1)) == "");
}

BOOST_AUTO_TEST_SUITE_END()
