#include <filesystem>
#include <fstream>
#include <set>

#include <boost/test/unit_test.hpp>

#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace fs = std::filesystem;

namespace {

const std::string suffix = ".expected.json";

// The example scenarios (tests/scenarios/), with their expected outputs.
std::vector<fs::path> example_files() {
  std::vector<fs::path> result;
  for (auto dir : {"core", "lifecycle"})
    for (auto& entry : fs::directory_iterator(fs::path{TRADEFLOW_SCENARIO_DIR}
                                              / dir)) {
      auto name = entry.path().filename().string();
      if (name.size() < suffix.size()
          || name.compare(name.size() - suffix.size(), suffix.size(), suffix)
               != 0)
        result.push_back(entry.path());
    }
  return result;
}

json read_json(const fs::path& path) {
  std::ifstream in{path};
  return json::parse(in);
}

fs::path expected_of(const fs::path& scenario) {
  auto stem = scenario.stem().string();
  return scenario.parent_path() / (stem + suffix);
}

// A file in the temporary directory holding `text`.
fs::path temp_file(const std::string& name, const std::string& text) {
  auto path = fs::temp_directory_path() / name;
  std::ofstream{path} << text;
  return path;
}

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_files)

BOOST_AUTO_TEST_CASE(all_example_scenarios_are_present) {
  auto files = example_files();
  BOOST_TEST(files.size() == 14u);
  for (auto& f : files)
    BOOST_TEST(fs::exists(expected_of(f)), f << " has no expected file");
}

BOOST_AUTO_TEST_CASE(well_formed_scenarios_parse) {
  for (auto& f : example_files()) {
    auto expected = read_json(expected_of(f));
    if (expected.contains("exit_status"))
      continue;
    auto sc = load_scenario_file(f.string());
    BOOST_TEST_INFO("scenario " << f);
    BOOST_REQUIRE_MESSAGE(sc, error_text(sc));
    BOOST_TEST(sc->name == expected["scenario"].get<std::string>());
    std::set<size_t> run_steps;
    for (size_t i = 0; i < sc->steps.size(); ++i)
      if (sc->steps[i].what == scenario_step::kind::run)
        run_steps.insert(i);
    for (auto& run : expected["runs"])
      BOOST_TEST(run_steps.count(run["step"].get<size_t>()) == 1u);
  }
}

BOOST_AUTO_TEST_CASE(malformed_scenarios_fail_with_the_expected_message) {
  auto checked = 0;
  for (auto& f : example_files()) {
    auto expected = read_json(expected_of(f));
    if (!expected.contains("exit_status"))
      continue;
    ++checked;
    BOOST_TEST_INFO("scenario " << f);
    BOOST_TEST(expected["exit_status"] == 2);
    auto sc = load_scenario_file(f.string());
    BOOST_REQUIRE(!sc);
    auto text = reason(sc.error());
    for (auto& word : expected["error_mentions"])
      BOOST_TEST(text.find(word.get<std::string>()) != std::string::npos,
                 text << " mentions " << word);
    // The replay prints "replay: malformed scenario: " + the reason.
    auto message = expected["message"].get<std::string>();
    BOOST_TEST(message == "replay: malformed scenario: " + text);
  }
  BOOST_TEST(checked == 2);
}

BOOST_AUTO_TEST_CASE(spec_example_parses) {
  auto path = fs::path{TRADEFLOW_SCENARIO_DIR} / "lifecycle"
              / "sizing-400-400-200.json";
  auto sc = load_scenario_file(path.string());
  BOOST_REQUIRE(sc);
  BOOST_TEST(sc->rulesets.at(0).rules.at(0).actions.size() == 2u);
  BOOST_TEST(
    sc->experts.at(0).settings.max_virtual_equity_per_instrument_percent
    == 40.0);
  BOOST_TEST(sc->recommendations.size() == 3u);
}

BOOST_AUTO_TEST_CASE(unreadable_file) {
  auto sc = load_scenario_file("/nonexistent/dir/scenario.json");
  BOOST_REQUIRE(!sc);
  BOOST_TEST(reason(sc.error())
             == "cannot read scenario file '/nonexistent/dir/scenario.json': "
                "No such file or directory");
  sc = load_scenario_file(fs::temp_directory_path().string());
  BOOST_REQUIRE(!sc);
  BOOST_TEST(reason(sc.error()).find("is a directory") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_syntax_error_names_file_and_position) {
  auto path = temp_file("tradeflow_input_bad.json",
                        "{\"name\": \"x\",\n \"now\": }");
  auto sc = load_scenario_file(path.string());
  fs::remove(path);
  BOOST_REQUIRE(!sc);
  auto text = reason(sc.error());
  BOOST_TEST(text.find("scenario file '" + path.string()
                       + "' is not valid JSON")
             == 0u);
  BOOST_TEST(text.find("line 2, column 9") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(file_with_invalid_content) {
  auto path = temp_file("tradeflow_input_invalid.json",
                        "{\"now\": \"2026-01-05T15:00:00Z\"}");
  auto sc = load_scenario_file(path.string());
  fs::remove(path);
  BOOST_REQUIRE(!sc);
  BOOST_TEST(reason(sc.error()) == "account: required");
}

BOOST_AUTO_TEST_SUITE_END()
