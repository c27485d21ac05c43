#include "app/config.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

#include "messages/error.hpp"
#include "tests/app/config_fixture.hpp"
#include "tests/support/printing.hpp"

// engine.ini: CAF accepts unknown keys and silently drops values of the
// wrong type; the engine must instead refuse them, naming the key.
using namespace tradeflow;

namespace {

using ini_file = test::temp_text_file;

std::string load_error(const std::string& text) {
  return test::config_error(text);
}

} // namespace

BOOST_AUTO_TEST_SUITE(config_file)

BOOST_AUTO_TEST_CASE(valid_file_sets_the_values) {
  ini_file f{"[scheduler]\nmax-threads=2\n[tradeflow]\nlock-wait-ms=400\n"
             "broker-timeout-ms=1500\nlog-level=\"err\"\n"
             "max-runs-in-flight=8\n"};
  engine_config cfg;
  BOOST_TEST(!load_config_file(cfg, f.path));
  BOOST_TEST(cfg.lock_wait_ms == 400);
  BOOST_TEST(cfg.broker_timeout_ms == 1500);
  BOOST_TEST(cfg.log_level == "err");
  BOOST_TEST((cfg.run().lock_wait == std::chrono::milliseconds(400)));
  BOOST_TEST(cfg.run().max_runs_in_flight == 8u);
}

BOOST_AUTO_TEST_CASE(wrong_type_is_refused_not_dropped) {
  auto why = load_error("[tradeflow]\nlock-wait-ms=\"abc\"\n");
  BOOST_TEST(why.find("tradeflow.lock-wait-ms") != std::string::npos);
  BOOST_TEST(why.find("abc") != std::string::npos);
  why = load_error("[tradeflow]\nlog-level=3\n");
  BOOST_TEST(why.find("tradeflow.log-level") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_key_is_refused) {
  auto why = load_error("[tradeflow]\nlock-wiat-ms=5\n");
  BOOST_TEST(why.find("tradeflow.lock-wiat-ms: unknown key")
             != std::string::npos);
}

BOOST_AUTO_TEST_CASE(negative_duration_is_refused) {
  auto why = load_error("[tradeflow]\nbroker-timeout-ms=-1\n");
  BOOST_TEST(why.find("tradeflow.broker-timeout-ms: must be >= 0")
             != std::string::npos);
  why = load_error("[tradeflow]\nmax-runs-in-flight=0\n");
  BOOST_TEST(why.find("tradeflow.max-runs-in-flight: must be >= 1")
             != std::string::npos);
}

BOOST_AUTO_TEST_CASE(broker_tick_size_is_read_and_checked) {
  BOOST_TEST(engine_config{}.run().ticks.fallback.units == 10'000);
  ini_file f{"[broker]\ntick-size=0.01\n"};
  engine_config cfg;
  BOOST_TEST(!load_config_file(cfg, f.path));
  BOOST_TEST(cfg.tick_size == 0.01);
  BOOST_TEST(cfg.run().ticks.fallback.units == 1'000'000);
  for (auto bad : {"0.0", "1.5", "-0.01", "0.000000001", "0.000000015"})
    BOOST_TEST(load_error(std::string{"[broker]\ntick-size="} + bad + "\n")
                   .find("broker.tick-size: must be")
                 != std::string::npos,
               bad);
  auto why = load_error("[broker]\ntick-size=\"0.01\"\n");
  BOOST_TEST(why.find("broker.tick-size: expected a number with a decimal")
             != std::string::npos);
}

BOOST_AUTO_TEST_CASE(syntax_error_and_missing_file_are_refused) {
  auto why = load_error("[tradeflow\nx=1\n");
  BOOST_TEST(why.find("line") != std::string::npos);
  engine_config cfg;
  auto err = load_config_file(cfg, "/nonexistent/engine.ini");
  BOOST_TEST(is(err, ec::invalid_input));
}

BOOST_AUTO_TEST_CASE(shipped_engine_ini_is_valid) {
  engine_config cfg;
  auto err = load_config_file(cfg, TRADEFLOW_SOURCE_DIR "/config/engine.ini");
  BOOST_TEST(!err, describe(err));
}

BOOST_AUTO_TEST_SUITE_END()
