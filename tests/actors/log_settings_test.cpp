#include "actors/logging.hpp"

#include <filesystem>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/support/printing.hpp"
#include "tests/support/temp_files.hpp"

// spdlog maps an unknown level name to `off` (every line dropped) and
// throws, or creates missing directories, for a log file it cannot open;
// the engine refuses both with an error value instead.
using namespace tradeflow;
using namespace tradeflow::test;

BOOST_AUTO_TEST_SUITE(log_settings)

BOOST_AUTO_TEST_CASE(unknown_level_is_refused_with_the_allowed_names) {
  for (auto bad : {"verbose", "WARN", "", "informational"}) {
    auto err = check_log_level(bad, "--log-level");
    BOOST_REQUIRE(is(err, ec::invalid_input));
    BOOST_TEST(has(reason_of(err), "expected one of trace, debug, info, warn"));
    logging_settings s;
    s.level = bad;
    s.console = false;
    BOOST_TEST(is(configure_logging(s), ec::invalid_input));
  }
  for (auto good : {"trace", "debug", "info", "warn", "warning", "err",
                    "error", "critical", "off"})
    BOOST_TEST(!check_log_level(good, "--log-level"), good);
}

BOOST_AUTO_TEST_CASE(directory_as_log_file_is_an_error_not_an_abort) {
  temp_directory dir;
  logging_settings s;
  s.console = false;
  s.file = dir.path.string();
  auto err = configure_logging(s);
  BOOST_REQUIRE(is(err, ec::invalid_input));
  BOOST_TEST(reason_of(err)
             == "--log-file: cannot open '" + s.file + "': Is a directory");
}

BOOST_AUTO_TEST_CASE(missing_directory_is_not_created) {
  temp_directory dir;
  logging_settings s;
  s.console = false;
  s.file = (dir.path / "no" / "such" / "x.log").string();
  auto err = configure_logging(s);
  BOOST_REQUIRE(is(err, ec::invalid_input));
  BOOST_TEST(has(reason_of(err), "--log-file: cannot open"));
  BOOST_TEST(!std::filesystem::exists(dir.path / "no"));
}

BOOST_AUTO_TEST_CASE(special_and_unwritable_files_are_refused) {
  logging_settings s;
  s.console = false;
  s.file = "/dev/null";
  BOOST_TEST(has(reason_of(configure_logging(s)), "not a regular file"));
  s.file = "/proc/version";
  BOOST_TEST(is(configure_logging(s), ec::invalid_input));
}

BOOST_AUTO_TEST_CASE(writable_file_is_configured) {
  temp_directory dir;
  logging_settings s;
  s.console = false;
  s.level = "info";
  s.file = (dir.path / "engine.log").string();
  BOOST_REQUIRE(!configure_logging(s));
  component_logger("app")->error("written");
  shutdown_logging();
  BOOST_TEST(std::filesystem::file_size(s.file) > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
