#include <cmath>

#include <boost/test/unit_test.hpp>

#include "actors/decisions/selection.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

std::vector<int64_t> ids(const std::vector<recommendation>& xs) {
  std::vector<int64_t> result;
  for (auto& x : xs)
    result.push_back(x.id);
  return result;
}

// The recommendations of core/lookback-newest-per-symbol-hold inside a
// two-day window (minutes relative to 2026-01-05T15:00Z).
std::vector<recommendation> lookback_window() {
  auto at = [](int64_t minutes) { return minutes * minute_ms; };
  return {
    make_rec(1, "AAPL", rec_action::buy, 5, at(-120)),
    make_rec(2, "AAPL", rec_action::sell, 8, at(-60)),
    make_rec(3, "AAPL", rec_action::hold, 0, at(-10)),
    make_rec(4, "AAPL", rec_action::buy, 40, at(-1500)),
    make_rec(5, "GOOGL", rec_action::hold, 3, at(-5)),
    make_rec(6, "MSFT", rec_action::buy, 15, at(-1500)),
    make_rec(7, "NVDA", rec_action::buy, 10, at(-30)),
    make_rec(8, "AMD", rec_action::buy, 12, at(-20)),
    make_rec(9, "AMD", rec_action::sell, 12, at(-20)),
    make_rec(10, "TSLA", rec_action::buy, 6, at(-60)),
    make_rec(11, "TSLA", rec_action::buy, 50, at(-180)),
  };
}

} // namespace

BOOST_AUTO_TEST_SUITE(selection)

BOOST_AUTO_TEST_CASE(round4_is_pythons_round_x_4) {
  // Take-profit levels price_at_date * (1 + ep / 100) where rounding the
  // product x * 1e4 (the old way) is 0.0001 too high.
  struct example {
    double x, expected;
  };
  for (auto e : {example{37.5 * (1 + 26.23 / 100), 47.3362},
                 example{261.75 * (1 + 28.62 / 100), 336.6628},
                 example{133.66 * (1 + 1.25 / 100), 135.3307},
                 example{493.65 * (1 + 23.7 / 100), 610.645},
                 example{300.00885, 300.0088}}) {
    BOOST_TEST(std::round(e.x * 1e4) / 1e4 != e.expected); // the old way
    BOOST_TEST(round4(e.x) == e.expected);
  }
  BOOST_TEST(round4(0.03125) == 0.0312); // an exact tie goes to even
  BOOST_TEST(round4(0.03135) == 0.0314);
  BOOST_TEST(round4(1e305) == 1e305);    // no overflow through x * 1e4
  BOOST_TEST(std::isinf(round4(INFINITY)));
}

BOOST_AUTO_TEST_CASE(round4_rounds_to_four_decimals) {
  BOOST_TEST(round4(104.99999999) == 105.0);
  BOOST_TEST(round4(1.23456) == 1.2346);
  BOOST_TEST(round4(1.23454) == 1.2345);
  BOOST_TEST(round4(-2.00004) == -2.0);
  BOOST_TEST(round4(110) == 110.0);
}

BOOST_AUTO_TEST_CASE(newest_per_symbol_drops_hold_symbols) {
  // AAPL's newest is a HOLD (id 3): the older BUY and SELL are stale. GOOGL
  // is a HOLD. AMD ties on created_at: id 9 (SELL) is newer. TSLA keeps id
  // 10 (newer) although id 11 has the larger EP.
  auto xs = select_recommendations(lookback_window(), true);
  BOOST_TEST(ids(xs) == (std::vector<int64_t>{6, 9, 7, 10}),
             boost::test_tools::per_element());
  BOOST_TEST(xs[1].action == rec_action::sell);
}

BOOST_AUTO_TEST_CASE(one_day_window_matches_first_run) {
  auto window = lookback_window();
  std::vector<recommendation> day;
  for (auto& x : window)
    if (x.created_at_ms >= -day_ms)
      day.push_back(x);
  auto xs = select_recommendations(day, true);
  BOOST_TEST(ids(xs) == (std::vector<int64_t>{9, 7, 10}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keeps_hold_when_not_dropping) {
  // open_positions keeps HOLDs; still only the newest per symbol.
  auto xs = select_recommendations(lookback_window(), false);
  BOOST_TEST(ids(xs) == (std::vector<int64_t>{6, 9, 7, 10, 5, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ties_on_ep_go_newest_first) {
  std::vector<recommendation> xs{
    make_rec(1, "TSLA", rec_action::buy, 30, 10 * minute_ms),
    make_rec(2, "MSFT", rec_action::buy, 20, 20 * minute_ms),
    make_rec(3, "AAPL", rec_action::buy, 10, 30 * minute_ms),
    make_rec(4, "GOOGL", rec_action::buy, 10, 50 * minute_ms),
    // Same created_at as AAPL: the larger id is newer.
    make_rec(5, "AMD", rec_action::buy, 10, 30 * minute_ms),
  };
  auto result = select_recommendations(xs, true);
  BOOST_TEST(ids(result) == (std::vector<int64_t>{1, 2, 4, 5, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_window_gives_nothing) {
  BOOST_TEST(select_recommendations({}, true).empty());
  std::vector<recommendation> only_hold{
    make_rec(1, "AAPL", rec_action::hold, 5)};
  BOOST_TEST(select_recommendations(only_hold, true).empty());
  BOOST_TEST(select_recommendations(only_hold, false).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
