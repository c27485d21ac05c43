#include "app/flags.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

#include "app/config_rules.hpp"
#include "tests/support/temp_files.hpp"
#include "tests/support/printing.hpp"

// A flag obeys the rule of its engine.ini key: a given value that is
// negative, empty, not a number, overflowing or above the maximum is an
// error, never "not given" nor a saturated or wrapped number.
using namespace tradeflow;
using namespace tradeflow::test;

namespace {

std::string flag_error(const engine_flags& f) {
  engine_config cfg;
  auto err = apply_flags(f, cfg);
  BOOST_REQUIRE(is(err, ec::invalid_input));
  return reason_of(err);
}

std::string client_error(const client_flags& f) {
  client_options opts;
  auto err = apply_client_flags(f, opts);
  BOOST_REQUIRE(is(err, ec::invalid_input));
  return reason_of(err);
}

} // namespace

BOOST_AUTO_TEST_SUITE(flags)

BOOST_AUTO_TEST_CASE(bad_duration_flags_are_refused) {
  using member = caf::optional<std::string> engine_flags::*;
  std::pair<member, const char*> flags[]
    = {{&engine_flags::lock_wait_ms, "--lock-wait-ms"},
       {&engine_flags::broker_timeout_ms, "--broker-timeout-ms"},
       {&engine_flags::refresh_interval_ms, "--refresh-interval-ms"},
       {&engine_flags::heartbeat_ms, "--heartbeat-ms"},
       {&engine_flags::connection_timeout_ms, "--connection-timeout-ms"}};
  for (auto [field, name] : flags) {
    BOOST_TEST_CONTEXT(name) {
      engine_flags f;
      f.*field = "-1";
      BOOST_TEST(has(flag_error(f), std::string{name} + ": must be >= 0"));
      f.*field = "";
      BOOST_TEST(has(flag_error(f), "expected a whole number"));
      f.*field = "9223372036854775808";
      BOOST_TEST(has(flag_error(f), "expected a whole number"));
      f.*field = "99999999999999";
      BOOST_TEST(has(flag_error(f), "must be <= 2592000000 ms (30 days)"));
      f.*field = "12ms";
      BOOST_TEST(has(flag_error(f), "expected a whole number"));
    }
  }
}

BOOST_AUTO_TEST_CASE(good_duration_flags_are_applied) {
  engine_flags f;
  f.lock_wait_ms = "0";
  f.broker_timeout_ms = std::to_string(limits::max_duration_ms);
  f.heartbeat_ms = "250";
  engine_config cfg;
  BOOST_REQUIRE(!apply_flags(f, cfg));
  BOOST_TEST(cfg.lock_wait_ms == 0);
  BOOST_TEST(cfg.broker_timeout_ms == limits::max_duration_ms);
  auto hb = caf::get_or(cfg, "middleman.heartbeat-interval", caf::timespan{});
  BOOST_TEST(hb.count() == 250'000'000);
}

BOOST_AUTO_TEST_CASE(tick_size_flag_is_checked) {
  engine_flags f;
  for (auto bad : {"0", "2", "-0.01", "1e-9", "nan", "inf"}) {
    f.tick_size = bad;
    BOOST_TEST(has(flag_error(f), "--tick-size: must be a finite number"),
               bad);
  }
  for (auto bad : {"", "0.01x", " 0.01", "cent"}) {
    f.tick_size = bad;
    BOOST_TEST(has(flag_error(f), "--tick-size: expected a number"), bad);
  }
  f.tick_size = "0.000000015";
  BOOST_TEST(has(flag_error(f), "whole number of 0.00000001 steps"));
  f.tick_size = "0.05";
  engine_config cfg;
  BOOST_REQUIRE(!apply_flags(f, cfg));
  BOOST_TEST(cfg.run().ticks.fallback.units == 5'000'000);
}

BOOST_AUTO_TEST_CASE(venue_flags_are_checked) {
  engine_flags f;
  for (auto bad : {"", "FIX", "ib"}) {
    f.broker = bad;
    BOOST_TEST(has(flag_error(f), "--broker: expected paper or fix"), bad);
  }
  f = engine_flags{};
  f.fix_config = "";
  BOOST_TEST(has(flag_error(f), "--fix-config: empty file name"));
  // --broker fix without a settings file: refused on the merged config.
  f = engine_flags{};
  f.broker = "fix";
  engine_config cfg;
  BOOST_REQUIRE(!apply_flags(f, cfg));
  auto err = check_effective_config(cfg);
  BOOST_TEST(is(err, ec::invalid_input));
  BOOST_TEST((has(reason_of(err), "--fix-config: required")
              || has(reason_of(err), "--broker: fix: this build has no FIX")));
}

BOOST_AUTO_TEST_CASE(log_level_flag_is_checked) {
  for (auto bad : {"verbose", "WARN", "", "Info"}) {
    engine_flags f;
    f.log_level = bad;
    auto why = flag_error(f);
    BOOST_TEST(has(why, "--log-level: unknown log level"));
    BOOST_TEST(has(why, "trace, debug, info"));
  }
}

BOOST_AUTO_TEST_CASE(log_file_flag_is_checked_without_writing) {
  temp_directory dir;
  engine_flags f;
  f.log_file = dir.path.string();
  BOOST_TEST(has(flag_error(f), "--log-file: cannot open '" + dir.path.string()
                                  + "': Is a directory"));
  auto missing = dir.path / "missing" / "x.log";
  f.log_file = missing.string();
  BOOST_TEST(has(flag_error(f), "--log-file: cannot open"));
  BOOST_TEST(!std::filesystem::exists(dir.path / "missing"));
}

BOOST_AUTO_TEST_CASE(db_flag_is_checked) {
  for (auto bad : {"", "sqlite3://db=", "sqlite3://nonsense",
                   "sqlite3://db=x.db timeout=abc", "sqlite3://db=x bogus=1"}) {
    engine_flags f;
    f.db = bad;
    BOOST_TEST(has(flag_error(f), "--db: database url"), bad);
  }
}

BOOST_AUTO_TEST_CASE(client_numbers_are_checked) {
  client_flags f;
  f.expert = "0";
  BOOST_TEST(has(client_error(f), "--expert: must be >= 1"));
  f.expert = "-3";
  BOOST_TEST(has(client_error(f), "--expert: must be >= 1"));
  f.expert = "9223372036854775808";
  BOOST_TEST(has(client_error(f), "--expert: expected a whole number"));
  f.expert = "7";
  f.as_of_ms = "-1";
  BOOST_TEST(has(client_error(f), "--as-of-ms: must be >= 0"));
  f.as_of_ms = "1767225600000";
  client_options opts;
  BOOST_REQUIRE(!apply_client_flags(f, opts));
  BOOST_TEST(opts.expert_id == 7);
  BOOST_TEST(opts.as_of_ms == 1767225600000);
}

BOOST_AUTO_TEST_CASE(lock_key_shape_is_checked) {
  for (auto bad : {"\xff\xfe", "expert_0_usecase_enter_market",
                   "expert_x_usecase_enter_market", "expert_1_usecase_",
                   "expert_1_usecase_exit", "EXPERT_1_usecase_enter_market"}) {
    client_flags f;
    f.key = bad;
    BOOST_TEST(has(client_error(f), "--key: expected expert_{id}_usecase_"));
  }
  client_flags f;
  f.key = "expert_12_usecase_open_positions";
  client_options opts;
  BOOST_TEST(!apply_client_flags(f, opts));
  BOOST_TEST(opts.key == "expert_12_usecase_open_positions");
}

BOOST_AUTO_TEST_SUITE_END()
