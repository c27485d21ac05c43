#include "app/config_rules.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

#include "app/config.hpp"
#include "tests/app/config_fixture.hpp"
#include "tests/support/printing.hpp"

// Numbers from engine.ini have stated bounds: max-threads 0 crashes CAF's
// scheduler (division by zero) and 100000 takes minutes to start; every
// duration stays within 30 days so its ms -> ns conversion cannot wrap.
using namespace tradeflow;
using namespace tradeflow::test;

BOOST_AUTO_TEST_SUITE(config_bounds)

BOOST_AUTO_TEST_CASE(max_threads_is_bounded) {
  BOOST_TEST(has(config_error("[scheduler]\nmax-threads=0\n"),
                 "scheduler.max-threads: must be >= 1"));
  BOOST_TEST(has(config_error("[scheduler]\nmax-threads=-1\n"),
                 "scheduler.max-threads: must be >= 1"));
  BOOST_TEST(has(config_error("[scheduler]\nmax-threads=100000\n"),
                 "scheduler.max-threads: must be <= 256"));
  for (auto n : {"1", "256"}) {
    temp_text_file f{std::string{"[scheduler]\nmax-threads="} + n + "\n"};
    engine_config cfg;
    BOOST_TEST(!load_config_file(cfg, f.path), n);
  }
}

BOOST_AUTO_TEST_CASE(middleman_workers_are_bounded) {
  BOOST_TEST(has(config_error("[middleman]\nworkers=-1\n"),
                 "middleman.workers: must be >= 0"));
  BOOST_TEST(has(config_error("[middleman]\nworkers=257\n"),
                 "middleman.workers: must be <= 256"));
}

BOOST_AUTO_TEST_CASE(durations_have_a_maximum_of_30_days) {
  auto over = std::to_string(limits::max_duration_ms + 1);
  for (auto key : {"lock-wait-ms", "broker-timeout-ms",
                   "refresh-interval-ms"})
    BOOST_TEST(has(config_error(std::string{"[tradeflow]\n"} + key + "="
                                + over + "\n"),
                   std::string{"tradeflow."} + key + ": must be <= "));
  BOOST_TEST(has(config_error("[middleman]\nheartbeat-interval=721h\n"),
                 "middleman.heartbeat-interval: must be <= 30 days"));
  BOOST_TEST(has(config_error("[middleman]\nconnection-timeout=-1s\n"),
                 "middleman.connection-timeout: must be >= 0"));
  temp_text_file ok{"[tradeflow]\nlock-wait-ms="
                    + std::to_string(limits::max_duration_ms)
                    + "\n[middleman]\nheartbeat-interval=720h\n"};
  engine_config cfg;
  BOOST_TEST(!load_config_file(cfg, ok.path));
}

BOOST_AUTO_TEST_CASE(overflowing_number_is_refused) {
  auto why = config_error("[tradeflow]\nlock-wait-ms=9223372036854775808\n");
  BOOST_TEST(has(why, "integer_overflow"));
}

BOOST_AUTO_TEST_CASE(max_runs_in_flight_is_bounded) {
  BOOST_TEST(has(config_error("[tradeflow]\nmax-runs-in-flight=1000001\n"),
                 "tradeflow.max-runs-in-flight: must be <= 1000000"));
}

BOOST_AUTO_TEST_CASE(log_and_db_keys_obey_the_flag_rules) {
  BOOST_TEST(has(config_error("[tradeflow]\nlog-level=\"verbose\"\n"),
                 "tradeflow.log-level: unknown log level 'verbose'"));
  BOOST_TEST(has(config_error("[tradeflow]\nlog-level=\"WARN\"\n"),
                 "unknown log level 'WARN'"));
  temp_directory dir;
  BOOST_TEST(has(config_error("[tradeflow]\nlog-file=\"" + dir.path.string()
                              + "\"\n"),
                 "tradeflow.log-file: cannot open"));
  BOOST_TEST(has(config_error("[tradeflow]\ndb=\"sqlite3://nonsense\"\n"),
                 "tradeflow.db: database url: expected key=value"));
}

BOOST_AUTO_TEST_SUITE_END()
