#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "messages/json_input.hpp"
#include "messages/limits.hpp"
#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace fs = std::filesystem;

namespace {

// `depth` nested arrays around 1.
std::string nested(size_t depth) {
  return std::string(depth, '[') + "1" + std::string(depth, ']');
}

std::string parse_error(const std::string& text) {
  auto result = json_input::parse(text, "scenario");
  return result ? "ok" : reason(result.error());
}

// A file in the temporary directory, removed when the test ends.
struct temp_path {
  fs::path path = fs::temp_directory_path()
                  / ("tradeflow_limits_" + std::to_string(getpid()));
  ~temp_path() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
};

std::string file_error(const std::string& path) {
  auto result = load_scenario_file(path);
  return result ? "ok" : reason(result.error());
}

} // namespace

BOOST_AUTO_TEST_SUITE(input_limits)

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_at_parse_without_recursion) {
  auto start = std::chrono::steady_clock::now();
  auto doc = R"({"account": {"balance": )" + nested(100000) + "}}";
  // The top object, `account` and 62 arrays make the 64 levels allowed;
  // the path of the 63rd array is cut to 200 characters.
  std::string path = "account.balance";
  for (int i = 0; i < 62; ++i)
    path += "[0]";
  BOOST_TEST(parse_error(doc)
             == path.substr(0, 200) + "...: nested deeper than 64 levels");
  BOOST_TEST(parse_error(nested(limits::max_json_depth - 1)) == "ok");
  // A deep value built in memory (not parsed) still prints in bounded
  // time and space: the renderer keeps its own stack.
  nlohmann::json deep = 1;
  for (int i = 0; i < 100000; ++i)
    deep = nlohmann::json::array({std::move(deep)});
  auto doc2 = base_scenario();
  doc2["account"]["balance"] = std::move(deep);
  auto text = scenario_error(doc2);
  BOOST_TEST(text.find("account.balance: must be a finite number, got [[[")
             == 0u);
  BOOST_TEST(text.size() < 300u, text.size());
  auto elapsed = std::chrono::steady_clock::now() - start;
  BOOST_TEST((elapsed < std::chrono::seconds(10)));
}

BOOST_AUTO_TEST_CASE(quoted_values_are_cut) {
  auto doc = base_scenario();
  doc["name"] = nlohmann::json::array();
  for (int i = 0; i < 1000; ++i)
    doc["name"].push_back(std::string(1000, 'x'));
  auto text = scenario_error(doc);
  BOOST_TEST(text.find("name: must be a string, got [\"xxx") == 0u);
  BOOST_TEST(text.size() < 300u, text.size());
  BOOST_TEST(text.substr(text.size() - 3) == "...");
  // A long string, an unknown enum value and a long unknown key too.
  auto show = json_input::show(std::string(1'000'000, 'y'));
  BOOST_TEST(show.size() <= limits::max_quoted_chars + 5);
  doc = base_scenario();
  doc["recommendations"][0]["action"] = std::string(100000, 'B');
  BOOST_TEST(scenario_error(doc).size() < 300u);
  doc = base_scenario();
  doc[std::string(100000, 'k')] = 1;
  BOOST_TEST(scenario_error(doc).size() < 300u);
  doc = base_scenario();
  doc["now"] = std::string(100000, '2');
  BOOST_TEST(scenario_error(doc).size() < 400u);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_refused_at_any_level) {
  BOOST_TEST(parse_error(R"({"name": "a", "name": "b"})")
             == "scenario: duplicate key 'name'");
  BOOST_TEST(parse_error(R"({"account": {"balance": -5, "balance": 1}})")
             == "account: duplicate key 'balance'");
  BOOST_TEST(parse_error(R"({"rulesets": [{"id": 1}, {"id": 2, "rules": [
               {"name": "x", "name": "y"}]}]})")
             == "rulesets[1].rules[0]: duplicate key 'name'");
  BOOST_TEST(parse_error(R"({"a": {}, "b": {"a": 1}})") == "ok");
}

BOOST_AUTO_TEST_CASE(only_regular_files_of_bounded_size_are_read) {
  BOOST_TEST(file_error("/dev/zero")
             == "cannot read scenario file '/dev/zero': not a regular file");
  temp_path big;
  { std::ofstream{big.path}; }
  // Sparse: no disk space is used.
  fs::resize_file(big.path, limits::max_scenario_bytes + 1);
  BOOST_TEST(file_error(big.path.string())
             == "cannot read scenario file '" + big.path.string()
                  + "': larger than 512 MiB (536870913 bytes)");
  temp_path dup;
  std::ofstream{dup.path} << R"({"now": 1, "now": 2})";
  BOOST_TEST(file_error(dup.path.string())
             == "scenario file '" + dup.path.string()
                  + "' is not valid JSON: scenario: duplicate key 'now'");
}

BOOST_AUTO_TEST_CASE(ids_must_be_positive) {
  auto doc = base_scenario();
  doc["transactions"][0]["id"] = 0;
  BOOST_TEST(scenario_error(doc) == "transactions[0].id: must be > 0, got 0");
  doc = base_scenario();
  doc["recommendations"][0]["id"] = -1;
  BOOST_TEST(scenario_error(doc)
             == "recommendations[0].id: must be > 0, got -1");
  doc = base_scenario();
  doc["experts"][0]["id"] = 0;
  BOOST_TEST(scenario_error(doc) == "experts[0].id: must be > 0, got 0");
  doc = base_scenario();
  doc["rulesets"][1]["id"] = -3;
  BOOST_TEST(scenario_error(doc) == "rulesets[1].id: must be > 0, got -3");
}

BOOST_AUTO_TEST_CASE(durations_have_a_maximum) {
  BOOST_TEST(limits::max_duration_ms == 2'592'000'000);
  auto doc = base_scenario();
  doc["steps"][0]["at_ms"] = 10'000'000'000'000;
  BOOST_TEST(scenario_error(doc)
             == "steps[0].at_ms: must be <= 2592000000 (30 days), got "
                "10000000000000");
  doc["steps"][0]["at_ms"] = limits::max_duration_ms;
  BOOST_TEST(scenario_error(doc) == "ok");
  doc = base_scenario();
  doc["broker"] = {{"latency_ms", 9'223'372'036'854'775'807}};
  BOOST_TEST(scenario_error(doc)
             == "broker.latency_ms: must be <= 2592000000 (30 days), got "
                "9223372036854775807");
}

BOOST_AUTO_TEST_CASE(amounts_and_quantities_have_a_maximum) {
  auto doc = base_scenario();
  doc["account"]["balance"] = 1e308;
  BOOST_TEST(scenario_error(doc)
             == "account.balance: must be <= 1e+15, got 1e+308");
  doc = base_scenario();
  doc["transactions"][0]["open_price"] = 1e308;
  BOOST_TEST(scenario_error(doc)
             == "transactions[0].open_price: must be <= 1e+15, got 1e+308");
  doc = base_scenario();
  doc["prices"]["AAPL"] = 2e15;
  BOOST_TEST(scenario_error(doc) == "prices.AAPL: must be <= 1e+15, got 2e+15");
  doc = base_scenario();
  doc["transactions"][0]["quantity"] = 9'000'000'000'000'000'000;
  BOOST_TEST(scenario_error(doc)
             == "transactions[0].quantity: must be <= 1000000000000000, got "
                "9000000000000000000");
}

BOOST_AUTO_TEST_SUITE_END()
