#include <boost/test/unit_test.hpp>

#include "tests/app/input_fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

// Epoch milliseconds of `text`, or -1 when it does not parse.
int64_t ms(const std::string& text) {
  auto result = parse_timestamp(text);
  return result ? *result : -1;
}

std::string error_of(const std::string& text) {
  auto result = parse_timestamp(text);
  return result ? "ok" : reason(result.error());
}

constexpr int64_t jan5_15h = 1767625200000; // 2026-01-05T15:00:00Z

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_timestamp)

BOOST_AUTO_TEST_CASE(utc) {
  BOOST_TEST(ms("1970-01-01T00:00:00Z") == 0);
  BOOST_TEST(ms("2026-01-05T15:00:00Z") == jan5_15h);
  BOOST_TEST(ms("2000-03-01T00:00:00Z") == 951868800000);
}

BOOST_AUTO_TEST_CASE(no_zone_is_utc) {
  BOOST_TEST(ms("2026-01-05T15:00:00") == jan5_15h);
}

BOOST_AUTO_TEST_CASE(zone_offsets) {
  BOOST_TEST(ms("2026-01-05T17:00:00+02:00") == jan5_15h);
  BOOST_TEST(ms("2026-01-05T09:30:00-05:30") == jan5_15h);
  BOOST_TEST(ms("2026-01-05T15:00:00+00:00") == jan5_15h);
  BOOST_TEST(ms("2026-01-06T00:00:00+09:00") == jan5_15h);
}

BOOST_AUTO_TEST_CASE(fractions) {
  BOOST_TEST(ms("2026-01-05T15:00:00.5Z") == jan5_15h + 500);
  BOOST_TEST(ms("2026-01-05T15:00:00.25") == jan5_15h + 250);
  BOOST_TEST(ms("2026-01-05T15:00:00.123Z") == jan5_15h + 123);
  BOOST_TEST(ms("2026-01-05T15:00:00.123987+00:00") == jan5_15h + 123);
  BOOST_TEST(ms("2026-01-05T17:00:00.001+02:00") == jan5_15h + 1);
}

BOOST_AUTO_TEST_CASE(calendar) {
  BOOST_TEST(ms("2024-02-29T00:00:00Z") == 1709164800000);
  BOOST_TEST(ms("1969-12-31T23:59:59Z") == -1000);
  BOOST_TEST(error_of("2023-02-29T00:00:00Z")
             == "invalid timestamp '2023-02-29T00:00:00Z': day out of range");
  BOOST_TEST(error_of("2100-02-29T00:00:00Z")
             == "invalid timestamp '2100-02-29T00:00:00Z': day out of range");
  BOOST_TEST(error_of("2026-13-01T00:00:00Z")
             == "invalid timestamp '2026-13-01T00:00:00Z': month out of "
                "range");
  BOOST_TEST(error_of("2026-01-01T24:00:00Z")
             == "invalid timestamp '2026-01-01T24:00:00Z': time of day out "
                "of range");
}

BOOST_AUTO_TEST_CASE(malformed_text) {
  auto shape = "expected YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]";
  for (auto text : {"", "2026-01-05", "2026-01-05 15:00:00",
                    "2026-1-05T15:00:00Z", "2026-01-05T15:00Z", "today"})
    BOOST_TEST(error_of(text)
               == "invalid timestamp '" + std::string{text} + "': " + shape);
  BOOST_TEST(error_of("2026-01-05T15:00:00.Z")
             == "invalid timestamp '2026-01-05T15:00:00.Z': empty fraction "
                "of a second");
  BOOST_TEST(error_of("2026-01-05T15:00:00+0200")
             == "invalid timestamp '2026-01-05T15:00:00+0200': expected a "
                "zone offset +HH:MM");
  BOOST_TEST(error_of("2026-01-05T15:00:00+24:00")
             == "invalid timestamp '2026-01-05T15:00:00+24:00': zone offset "
                "out of range");
  BOOST_TEST(error_of("2026-01-05T15:00:00ZZ")
             == "invalid timestamp '2026-01-05T15:00:00ZZ': unexpected text "
                "after the time");
  BOOST_TEST(error_of("2026-01-05T15:00:00 UTC")
             == "invalid timestamp '2026-01-05T15:00:00 UTC': unexpected "
                "text after the time");
}

BOOST_AUTO_TEST_SUITE_END()
