#include "app/config.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/app/config_fixture.hpp"
#include "tests/support/printing.hpp"

// Every section and key of engine.ini is checked, not only [tradeflow]:
// CAF itself accepts unknown sections and keys, files keys outside a
// section at the top level and keeps the last of two equal keys.
using namespace tradeflow;
using namespace tradeflow::test;

BOOST_AUTO_TEST_SUITE(config_sections)

BOOST_AUTO_TEST_CASE(misspelt_and_unknown_sections_are_refused) {
  auto why = config_error("[Tradeflow]\nlock-wait-ms=5\n");
  BOOST_TEST(has(why, "unknown section [Tradeflow]"));
  BOOST_TEST(has(why, "[tradeflow]"));
  why = config_error("[logger]\nverbosity='trace'\n");
  BOOST_TEST(has(why, "unknown section [logger]"));
  why = config_error("[openssl]\ncertificate=\"x.pem\"\n");
  BOOST_TEST(has(why, "unknown section [openssl]"));
}

BOOST_AUTO_TEST_CASE(key_outside_a_section_is_refused) {
  auto why = config_error("lock-wait-ms=-5\n");
  BOOST_TEST(has(why, "line 1: key 'lock-wait-ms' outside a [section]"));
  why = config_error("; comment\n\nmax-threads = 2\n[scheduler]\n");
  BOOST_TEST(has(why, "line 3: key 'max-threads' outside"));
}

BOOST_AUTO_TEST_CASE(duplicate_key_is_refused) {
  auto why = config_error("[tradeflow]\nlock-wait-ms=100\nlock-wait-ms=200\n");
  BOOST_TEST(has(why, "line 3: duplicate key 'tradeflow.lock-wait-ms'"));
  // Also when the section is opened twice.
  why = config_error("[scheduler]\nmax-threads=2\n[tradeflow]\n"
                     "[scheduler]\nmax-threads = 3\n");
  BOOST_TEST(has(why, "duplicate key 'scheduler.max-threads'"));
  // The same key in two sections is no duplicate; a list spanning lines
  // is no key.
  temp_text_file ok{"[scheduler]\npolicy='sharing'\n[tradeflow]\n"
                    "log-level=\"err\"\n"};
  engine_config cfg;
  BOOST_TEST(!load_config_file(cfg, ok.path));
}

BOOST_AUTO_TEST_CASE(unknown_scheduler_and_middleman_keys_are_refused) {
  auto why = config_error("[scheduler]\nmax-threadz=2\n");
  BOOST_TEST(has(why, "scheduler.max-threadz: unknown key"));
  why = config_error("[middleman]\nheartbeat-intervall=1s\n");
  BOOST_TEST(has(why, "middleman.heartbeat-intervall: unknown key"));
}

BOOST_AUTO_TEST_CASE(wrong_types_in_caf_sections_are_refused_not_dropped) {
  auto why = config_error("[scheduler]\npolicy=\"stealing\"\n");
  BOOST_TEST(has(why, "scheduler.policy: expected an atom"));
  why = config_error("[scheduler]\nmax-threads=\"two\"\n");
  BOOST_TEST(has(why, "scheduler.max-threads: expected a whole number"));
  why = config_error("[middleman]\nheartbeat-interval=\"abc\"\n");
  BOOST_TEST(has(why, "middleman.heartbeat-interval: expected a duration"));
  why = config_error("[middleman]\nconnection-timeout=2000\n");
  BOOST_TEST(has(why, "middleman.connection-timeout: expected a duration"));
}

BOOST_AUTO_TEST_CASE(unknown_policy_is_refused) {
  auto why = config_error("[scheduler]\npolicy='bogus'\n");
  BOOST_TEST(has(why, "scheduler.policy: expected 'stealing' or 'sharing'"));
  why = config_error("[scheduler]\npolicy='testing'\n");
  BOOST_TEST(has(why, "scheduler.policy"));
}

BOOST_AUTO_TEST_CASE(directory_or_special_file_is_refused) {
  temp_directory dir;
  engine_config cfg;
  auto err = load_config_file(cfg, dir.path.string());
  BOOST_REQUIRE(is(err, ec::invalid_input));
  BOOST_TEST(has(reason_of(err), "Is a directory"));
  err = load_config_file(cfg, "/dev/zero");
  BOOST_REQUIRE(is(err, ec::invalid_input));
  BOOST_TEST(has(reason_of(err), "not a regular file"));
}

BOOST_AUTO_TEST_CASE(oversized_file_is_refused) {
  std::string text = "[tradeflow]\n";
  text += std::string(2 << 20, ';');
  auto why = config_error(text);
  BOOST_TEST(has(why, "larger than"));
}

BOOST_AUTO_TEST_CASE(good_caf_keys_are_applied) {
  temp_text_file f{"[scheduler]\nmax-threads=3\npolicy='sharing'\n"
                   "[middleman]\nworkers=0\nheartbeat-interval=250ms\n"
                   "connection-timeout=3s\n"};
  engine_config cfg;
  BOOST_REQUIRE(!load_config_file(cfg, f.path));
  BOOST_TEST(caf::get_or(cfg, "scheduler.max-threads", size_t{0}) == 3u);
  auto hb = caf::get_or(cfg, "middleman.heartbeat-interval", caf::timespan{});
  BOOST_TEST(hb.count() == 250'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
