// make_fix_venue refuses bad options and settings files before anything
// connects.
#include <boost/test/unit_test.hpp>

#include "actors/fix/fix_venue.hpp"
#include "messages/error.hpp"
#include "tests/support/temp_files.hpp"

using namespace tradeflow;

namespace {

std::string refusal(const fix_venue_options& x) {
  auto venue = make_fix_venue(x);
  if (venue)
    return "accepted";
  BOOST_TEST(is(venue.error(), ec::invalid_input));
  return reason_of(venue.error());
}

fix_venue_options with_settings(const std::string& path) {
  fix_venue_options x;
  x.settings_file = path;
  return x;
}

constexpr const char* initiator = "[DEFAULT]\n"
                                  "ConnectionType=initiator\n"
                                  "SocketConnectHost=127.0.0.1\n"
                                  "SocketConnectPort=5001\n"
                                  "HeartBtInt=30\n"
                                  "StartTime=00:00:00\n"
                                  "EndTime=00:00:00\n";

} // namespace

BOOST_AUTO_TEST_SUITE(fix_venue_options_suite)

BOOST_AUTO_TEST_CASE(bad_options_are_refused) {
  BOOST_TEST(refusal({}).find("no session settings file") != std::string::npos);
  auto x = with_settings("/nonexistent/fix.cfg");
  x.market_collar = 1.5;
  BOOST_TEST(refusal(x).find("collar") != std::string::npos);
  x.market_collar = 0.05;
  BOOST_TEST(refusal(x).find("/nonexistent/fix.cfg") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(settings_must_name_one_fix42_initiator_with_a_store) {
  std::string session = "[SESSION]\nBeginString=FIX.4.2\n"
                        "SenderCompID=A\nTargetCompID=B\n";
  test::temp_text_file no_store{initiator + session};
  BOOST_TEST(refusal(with_settings(no_store.path)).find("FileStorePath")
             != std::string::npos);
  test::temp_text_file fix44{std::string{initiator} + "FileStorePath=s\n"
                             + "[SESSION]\nBeginString=FIX.4.4\n"
                             + "SenderCompID=A\nTargetCompID=B\n"};
  BOOST_TEST(refusal(with_settings(fix44.path)).find("FIX.4.2")
             != std::string::npos);
  test::temp_text_file good{std::string{initiator} + "FileStorePath=s\n"
                            + session};
  BOOST_TEST(refusal(with_settings(good.path)) == "accepted");
}

BOOST_AUTO_TEST_SUITE_END()
