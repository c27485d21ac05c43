// Price increments (messages/ticks.hpp): the rounding of levels to a tick
// and the checks a tick size passes where it enters.
#include <boost/test/unit_test.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "messages/numbers.hpp"
#include "messages/ticks.hpp"

using namespace tradeflow;

namespace {

const price_tick t4{};
const price_tick cent = tick_of(0.01);
const price_tick nickel = tick_of(0.05);

// Shortest round-trip text: what the output prints.
std::string text(double x) {
  char buf[64];
  auto [end, err] = std::to_chars(buf, buf + sizeof(buf), x);
  return std::string(buf, end);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ticks)

BOOST_AUTO_TEST_CASE(the_default_tick_is_todays_rounding) {
  BOOST_TEST(t4.units == 10'000);
  BOOST_TEST(tick_value(t4) == 0.0001);
  // Bit for bit round_to_4_decimals (Python's round(x, 4)), from 1e-6 to
  // past the 1e15 bound, negative values included: every existing output
  // stays as it was.
  std::mt19937_64 gen{14};
  std::uniform_real_distribution<double> exponent{-6, 16};
  std::uniform_real_distribution<double> digits{1, 10};
  for (int i = 0; i < 200'000; ++i) {
    auto x = digits(gen) * std::pow(10.0, std::floor(exponent(gen)));
    if (i % 2 == 1)
      x = -x;
    auto want = round_to_4_decimals(x);
    auto got = round_to_tick(x, t4);
    if (got != want || std::signbit(got) != std::signbit(want))
      BOOST_FAIL("x=" << text(x) << ": " << text(got) << " != "
                      << text(want));
  }
}

BOOST_AUTO_TEST_CASE(ties_go_to_the_even_multiple) {
  // Exact binary ties, as Python's round(x, n).
  BOOST_TEST(round_to_tick(0.03125, t4) == 0.0312);
  BOOST_TEST(round_to_tick(0.125, cent) == 0.12);
  BOOST_TEST(round_to_tick(0.375, cent) == 0.38);
  BOOST_TEST(round_to_tick(2.5, tick_of(1)) == 2.0);
  BOOST_TEST(round_to_tick(3.5, tick_of(1)) == 4.0);
  // 101.375 lies halfway between 101.35 and 101.40 (multiples 2027 and
  // 2028 of 0.05): the even multiple.
  BOOST_TEST(round_to_tick(101.375, nickel) == 101.4);
  BOOST_TEST(round_to_tick(101.375, tick_of(0.25)) == 101.5);
  // Not ties: the exact binary value decides (101.345 is
  // 101.34499999999999886..., 0.025 is 0.02500000000000000138...).
  BOOST_TEST(round_to_tick(101.345, cent) == 101.34);
  BOOST_TEST(round_to_tick(2.675, cent) == 2.67);
  BOOST_TEST(round_to_tick(0.025, nickel) == 0.05);
}

BOOST_AUTO_TEST_CASE(results_are_the_decimal_multiple) {
  BOOST_TEST(round_to_tick(101.3456, cent) == 101.35);
  BOOST_TEST(text(round_to_tick(101.3456, cent)) == "101.35");
  BOOST_TEST(text(round_to_tick(0.1 + 0.2, cent)) == "0.3");
  BOOST_TEST(text(round_to_tick(101.3456, nickel)) == "101.35");
  BOOST_TEST(text(round_to_tick(101.3249, nickel)) == "101.3");
  BOOST_TEST(text(round_to_tick(1.15 * 3, nickel)) == "3.45");
  BOOST_TEST(text(round_to_tick(101.3456, t4)) == "101.3456");
  BOOST_TEST(text(round_to_tick(7.123456789, tick_of(1e-8)))
             == "7.12345679");
  BOOST_TEST(round_to_tick(-101.3456, cent) == -101.35);
  BOOST_TEST(round_to_tick(0.004, cent) == 0.0);
}

BOOST_AUTO_TEST_CASE(other_ticks_match_exact_arithmetic) {
  // Expected values from Python's fractions: float(round(F(x) / F(t)) *
  // F(t)), exact, ties to even.
  struct case_t {
    double x;
    double tick;
    double expected;
  };
  case_t cases[] = {
    {0.616, 0.05, 0.6},
    {7351.31832, 0.05, 7351.3},
    {0.65845, 0.05, 0.65},
    {684233128.0769554, 0.05, 684233128.1},
    {777516587.89, 0.03, 777516587.88},
    {2232.66116, 0.03, 2232.66},
    {8078.50795, 0.03, 8078.52},
    {14970355600901.309, 0.03, 14970355600901.31},
    {1.06, 0.25, 1.0},
    {0.59, 0.25, 0.5},
    {0.2740547, 0.25, 0.25},
    {583285309.3030499, 0.25, 583285309.25},
    {9439437741484.77, 0.00000007, 9439437741484.77},
    {58908416805727.12, 0.00000007, 58908416805727.12},
    {86.4847378, 0.00000007, 86.48473778},
    {67224979545055.85, 0.00000007, 67224979545055.85},
    {624117152.5283747, 1, 624117153.0},
    {5004.8, 1, 5005.0},
    {0.82, 1, 1.0},
    {2806.69, 1, 2807.0},
  };
  for (auto& c : cases)
    BOOST_TEST(round_to_tick(c.x, tick_of(c.tick)) == c.expected,
               "x=" << text(c.x) << " tick=" << text(c.tick));
}

BOOST_AUTO_TEST_CASE(large_prices_up_to_the_bound) {
  BOOST_TEST(round_to_tick(1e15, cent) == 1e15);
  BOOST_TEST(round_to_tick(1e15, nickel) == 1e15);
  // Doubles are 0.125 apart here: the result is the double nearest to
  // the multiple (999999999999999.75 is one).
  BOOST_TEST(round_to_tick(999999999999999.75, cent) == 999999999999999.75);
  BOOST_TEST(round_to_tick(999999999999999.875, tick_of(0.25))
             == 1e15);
  BOOST_TEST(round_to_tick(123456789012345.67, nickel)
             == 123456789012345.65);
  // From 2^53 on doubles are farther apart than any tick: unchanged, and
  // nothing overflows on the way.
  BOOST_TEST(round_to_tick(0x1p53 + 2, nickel) == 0x1p53 + 2);
  BOOST_TEST(round_to_tick(1e305, cent) == 1e305);
  BOOST_TEST(std::isinf(round_to_tick(INFINITY, cent)));
  BOOST_TEST(std::isnan(round_to_tick(NAN, cent)));
  // A tick no check let through leaves the value alone.
  BOOST_TEST(round_to_tick(1.23456, price_tick{0}) == 1.23456);
  BOOST_TEST(round_to_tick(1.23456, price_tick{INT64_MAX}) == 1.23456);
}

BOOST_AUTO_TEST_CASE(tick_sizes_are_checked) {
  for (double ok : {1.0, 0.01, 0.05, 0.0001, 1e-8, 0.00000007, 0.5})
    BOOST_TEST(tick_problem(ok).empty(), "tick " << text(ok));
  BOOST_TEST(tick_problem(0)
             == "must be a finite number in [0.00000001, 1], got 0");
  for (double bad : {-0.01, 1.01, 1e-9, 5e-9, double(NAN), double(INFINITY)})
    BOOST_TEST(!tick_problem(bad).empty(), "tick " << text(bad));
  BOOST_TEST(tick_problem(1.5e-8)
             == "must be a whole number of 0.00000001 steps, got 1.5e-08");
  BOOST_TEST(!tick_problem(0.123456789).empty());
  BOOST_TEST(tick_of(0.01).units == 1'000'000);
  BOOST_TEST(tick_of(1e-8).units == 1);
  BOOST_TEST(tick_of(1).units == tick_units_per_price);
  BOOST_TEST(tick_value(nickel) == 0.05);
}

BOOST_AUTO_TEST_CASE(a_table_gives_each_symbol_its_tick) {
  tick_table table;
  table.by_symbol["AAPL"] = cent;
  BOOST_TEST(table.of("AAPL").units == 1'000'000);
  BOOST_TEST(table.of("EURUSD").units == 10'000);
  table.fallback = nickel;
  BOOST_TEST(table.of("EURUSD").units == 5'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
