#include <boost/test/unit_test.hpp>

#include "actors/decisions/sizing.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

sizing_candidate cand(int64_t rec_id, std::string symbol, double ep,
                      caf::optional<double> confidence,
                      caf::optional<double> price = 100.0) {
  sizing_candidate x;
  x.recommendation_id = rec_id;
  x.symbol = std::move(symbol);
  x.expected_profit_percent = ep;
  x.confidence = confidence;
  x.price = price;
  return x;
}

sizing_request request(double balance, double cap_pct) {
  sizing_request x;
  x.balance = balance;
  x.settings.max_virtual_equity_per_instrument_percent = cap_pct;
  return x;
}

// (recommendation id, quantity) pairs in sizing order.
std::vector<std::pair<int64_t, int64_t>> sized(const sizing_request& req) {
  std::vector<std::pair<int64_t, int64_t>> result;
  for (auto& d : size_candidates(req).decisions)
    result.emplace_back(d.recommendation_id, d.quantity);
  return result;
}

using pairs = std::vector<std::pair<int64_t, int64_t>>;

} // namespace

namespace std {
inline ostream& operator<<(ostream& os, const pair<int64_t, int64_t>& x) {
  return os << '(' << x.first << ", " << x.second << ')';
}
} // namespace std

BOOST_AUTO_TEST_SUITE(sizing)

BOOST_AUTO_TEST_CASE(spec_example_400_400_200) {
  auto req = request(100000, 40);
  req.candidates = {cand(1, "AAPL", 30, 90.0), cand(2, "MSFT", 20, 90.0),
                    cand(3, "GOOGL", 10, 90.0)};
  BOOST_TEST(sized(req) == (pairs{{1, 400}, {2, 400}, {3, 200}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ep_ordering_scenario) {
  // Load order TSLA, MSFT, GOOGL, AAPL; scores 6, 10, 10, 10.
  auto req = request(10000, 60);
  req.candidates = {cand(1, "TSLA", 30, 20.0), cand(2, "MSFT", 20, 50.0),
                    cand(4, "GOOGL", 10, 100.0), cand(3, "AAPL", 10, 100.0)};
  auto result = size_candidates(req);
  BOOST_REQUIRE(result.decisions.size() == 4u);
  BOOST_TEST(sized(req) == (pairs{{2, 60}, {4, 40}, {3, 0}, {1, 0}}),
             boost::test_tools::per_element());
  BOOST_TEST(result.decisions[2].reason
             == "remaining equity 0.00 < price 100.0");
  BOOST_TEST(!result.decisions[2].no_price);
}

BOOST_AUTO_TEST_CASE(no_confidence_scores_by_ep) {
  auto req = request(10000, 100);
  req.candidates = {cand(1, "A", 30, 10.0), cand(2, "B", 5, caf::none)};
  // Scores 3 and 5: B first and takes everything.
  BOOST_TEST(sized(req) == (pairs{{2, 100}, {1, 0}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(used_counts_live_notional_and_unrealised_loss) {
  auto req = request(100000, 10);
  // Live: 10 @ 100 (now 90: loss 100) and a short 5 @ 200 (now 220: loss
  // 100); a winning long adds no gain back; closed and failed ones count 0;
  // a transaction without open price counts 0.
  req.live_transactions = {
    make_txn(1, "AAPL", order_side::buy, 10, 100),
    make_txn(2, "TSLA", order_side::sell, 5, 200),
    make_txn(3, "NVDA", order_side::buy, 10, 50, txn_status::waiting),
    make_txn(4, "AMD", order_side::buy, 100, 100, txn_status::closed),
    make_txn(5, "AMD", order_side::buy, 100, 100, txn_status::failed),
    make_txn(6, "INTC", order_side::buy, 10, 0),
  };
  req.live_transactions[5].open_price = caf::none;
  req.prices = {{"AAPL", 90}, {"TSLA", 220}, {"NVDA", 60}};
  // used = 1000 + 100 + 1000 + 100 + 500 = 2700; A = 97300; C = 9730.
  req.candidates = {cand(1, "MSFT", 10, caf::none),
                    cand(2, "AAPL", 5, caf::none, 90.0)};
  // AAPL already holds 1000 of its 9730 cap: (9730 - 1000) / 90 = 97.
  BOOST_TEST(sized(req) == (pairs{{1, 97}, {2, 97}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(loss_without_price_is_zero) {
  auto req = request(10000, 100);
  req.live_transactions = {make_txn(1, "AAPL", order_side::buy, 10, 100)};
  req.candidates = {cand(1, "MSFT", 10, caf::none)};
  // used = 1000 only: 9000 / 100.
  BOOST_TEST(sized(req) == (pairs{{1, 90}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cap_blocks_a_full_symbol) {
  auto req = request(10000, 10);
  // used 850: A = 9150, C = 915; AAPL holds 850, 65 < price 100.
  req.live_transactions = {make_txn(1, "AAPL", order_side::buy, 10, 85)};
  req.candidates = {cand(1, "AAPL", 10, caf::none),
                    cand(2, "MSFT", 5, caf::none)};
  auto result = size_candidates(req);
  BOOST_REQUIRE(result.decisions.size() == 2u);
  BOOST_TEST(result.decisions[0].quantity == 0);
  BOOST_TEST(result.decisions[0].reason
             == "instrument cap 65.00 < price 100.0");
  // MSFT: 915 / 100 = 9.
  BOOST_TEST(result.decisions[1].quantity == 9);
}

BOOST_AUTO_TEST_CASE(diversification_while_several_symbols_under_cap) {
  auto req = request(10000, 50);
  req.settings.diversification_factor = 0.5;
  req.candidates = {cand(1, "AAPL", 30, caf::none),
                    cand(2, "MSFT", 20, caf::none),
                    cand(3, "GOOGL", 10, caf::none)};
  // C = 5000. AAPL: 3 under cap, 50 * 0.5 = 25. MSFT: 3 under cap,
  // 25. GOOGL: still 3 under cap (2500 < 5000 each): 25.
  BOOST_TEST(sized(req) == (pairs{{1, 25}, {2, 25}, {3, 25}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(diversification_off_for_a_single_open_symbol) {
  auto req = request(10000, 50);
  req.settings.diversification_factor = 0.5;
  // MSFT is already at its cap: AAPL is the only symbol under it.
  req.live_transactions = {make_txn(1, "MSFT", order_side::buy, 40, 100)};
  req.prices = {{"MSFT", 100}};
  req.candidates = {cand(1, "AAPL", 30, caf::none),
                    cand(2, "MSFT", 20, caf::none, caf::none)};
  // A = 6000, C = 3000; MSFT holds 4000 >= C. AAPL: 3000 / 100 = 30.
  auto result = size_candidates(req);
  BOOST_TEST(sized(req) == (pairs{{1, 30}, {2, 0}}),
             boost::test_tools::per_element());
  BOOST_TEST(result.decisions[1].no_price);
  // A batch of one symbol never diversifies.
  auto one = request(10000, 50);
  one.settings.diversification_factor = 0.5;
  one.candidates = {cand(1, "AAPL", 30, caf::none)};
  BOOST_TEST(sized(one) == (pairs{{1, 50}}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unpriced_candidates_still_count_for_diversification) {
  auto req = request(10000, 50);
  req.settings.diversification_factor = 0.5;
  req.candidates = {cand(1, "AAPL", 30, caf::none),
                    cand(2, "MSFT", 20, caf::none, caf::none)};
  BOOST_TEST(sized(req) == (pairs{{1, 25}, {2, 0}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weights_scale_the_quantity) {
  auto req = request(10000, 20);
  req.settings.weights = {{"AAPL", 50}, {"MSFT", 150}, {"GOOGL", 100}};
  req.candidates = {cand(1, "AAPL", 30, caf::none),
                    cand(2, "MSFT", 20, caf::none),
                    cand(3, "GOOGL", 10, caf::none),
                    cand(4, "TSLA", 5, caf::none, 30.0)};
  // C = 2000. AAPL 20 * 50 % = 10. MSFT 20 * 150 % = 30 costs 3000 > C:
  // keeps 20. GOOGL weight 100: 20. TSLA 2000 / 30 = 66.
  BOOST_TEST(sized(req) == (pairs{{1, 10}, {2, 20}, {3, 20}, {4, 66}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weight_above_100_used_only_when_it_fits) {
  auto req = request(20000, 50);
  req.settings.weights = {{"AAPL", 150}};
  req.candidates = {cand(1, "AAPL", 30, caf::none, 200.0)};
  // C = 10000: m = 50; 75 costs 15000 > av: keep 50.
  BOOST_TEST(sized(req) == (pairs{{1, 50}}), boost::test_tools::per_element());
  // Diversified to 25 (two symbols under cap), 37 costs 7400 and fits.
  req.settings.diversification_factor = 0.5;
  req.candidates.push_back(cand(2, "MSFT", 10, caf::none));
  BOOST_TEST(sized(req) == (pairs{{1, 37}, {2, 50}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(too_many_shares_is_out_of_range_not_zero) {
  // 1e308 / 100 shares do not fit int64: the cast used to be undefined
  // (INT64_MIN here, reported as "quantity rounds to 0").
  auto req = request(1e308, 10);
  req.candidates = {cand(1, "AAPL", 10, 90)};
  auto res = size_candidates(req);
  BOOST_REQUIRE(res.decisions.size() == 1u);
  BOOST_TEST(res.decisions[0].out_of_range);
  BOOST_TEST(res.decisions[0].quantity == 0);
  // (1e308 * 100 % overflows to inf on the way: still out of range.)
  BOOST_TEST(res.decisions[0].reason
             == "quantity inf exceeds the maximum 1e+15");
  req = request(1e300, 10);
  req.candidates = {cand(1, "AAPL", 10, 90)};
  BOOST_TEST(size_candidates(req).decisions.at(0).reason
             == "quantity 1e+297 exceeds the maximum 1e+15");
  // A tiny price does the same with an ordinary balance.
  req = request(1e6, 100);
  req.candidates = {cand(1, "AAPL", 10, 90, 1e-12)};
  BOOST_TEST(size_candidates(req).decisions.at(0).out_of_range);
  req.candidates = {cand(1, "AAPL", 10, 90, 1.0)};
  BOOST_TEST(!size_candidates(req).decisions.at(0).out_of_range);
}

BOOST_AUTO_TEST_CASE(no_price_is_flagged) {
  auto req = request(10000, 100);
  req.candidates = {cand(1, "AAPL", 30, caf::none, caf::none),
                    cand(2, "MSFT", 20, caf::none)};
  auto result = size_candidates(req);
  BOOST_REQUIRE(result.decisions.size() == 2u);
  BOOST_TEST(result.decisions[0].recommendation_id == 1);
  BOOST_TEST(result.decisions[0].no_price);
  BOOST_TEST(result.decisions[0].quantity == 0);
  BOOST_TEST(!result.decisions[1].no_price);
  BOOST_TEST(result.decisions[1].quantity == 100);
}

BOOST_AUTO_TEST_CASE(virtual_equity_pct_and_exact_floor) {
  auto req = request(20000, 100);
  req.virtual_equity_pct = 25;
  req.candidates = {cand(1, "AAPL", 1, caf::none, 10.0)};
  // virtual = 5000: 500.
  BOOST_TEST(sized(req) == (pairs{{1, 500}}),
             boost::test_tools::per_element());
  // C = 70, 70 / 0.07 = 999.9999999999999 in binary: docs/engine.md §5 floors
  // m exactly (no tolerance), so 999, never a quantity over the cap.
  auto exact = request(1000, 7);
  exact.candidates = {cand(1, "AAPL", 1, caf::none, 0.07)};
  BOOST_TEST(sized(exact) == (pairs{{1, 999}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(scenarios_with_live_transactions) {
  // core/safety-check-states: WAITING and OPENED 10 @ 100 count, CLOSING
  // is not live here. A = 98000, C = 9800: 98 each.
  auto req = request(100000, 10);
  req.live_transactions = {
    make_txn(100, "AAPL", order_side::buy, 10, 100, txn_status::waiting),
    make_txn(101, "GOOGL", order_side::buy, 10, 100)};
  req.prices = {{"AAPL", 100}, {"GOOGL", 100}};
  req.candidates = {cand(6, "AMD", 10, 90.0), cand(5, "NVDA", 10, 90.0)};
  BOOST_TEST(sized(req) == (pairs{{6, 98}, {5, 98}}),
             boost::test_tools::per_element());
  // core/lookback second run: NVDA and TSLA hold 10000 each: MSFT 80.
  req.live_transactions = {make_txn(1, "NVDA", order_side::buy, 100, 100),
                           make_txn(2, "TSLA", order_side::buy, 100, 100)};
  req.candidates = {cand(6, "MSFT", 15, 90.0)};
  BOOST_TEST(sized(req) == (pairs{{6, 80}}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
