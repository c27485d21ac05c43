// Message bytes from another node are untrusted input: CAF loads a double
// with all exponent bits set as infinity, and its serialiser loops forever
// on an infinity. The message types refuse non-finite doubles both ways
// (messages/finite.hpp); these cases pin that down for direct fields, map
// values, optionals and doubles nested in containers of nested types.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "messages/error.hpp"
#include "messages/type_ids.hpp"
#include "tests/messages/codec.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
const double non_finite[] = {inf, -inf, nan};

template <class T>
void check_save_refused(const T& x) {
  auto err = bounded_save(x);
  BOOST_REQUIRE_MESSAGE(static_cast<bool>(err), "serialising did not finish");
  BOOST_TEST(is(*err, ec::non_finite_number), describe(*err));
}

// `buf` with every 8-byte big-endian IEEE 754 pattern of `from` replaced by
// the raw bits `to`: what a hostile peer could send in place of `from`.
bytes patched(bytes buf, double from, uint64_t to) {
  auto pattern = [](uint64_t bits) {
    bytes xs;
    for (int shift = 56; shift >= 0; shift -= 8)
      xs.push_back(static_cast<char>((bits >> shift) & 0xff));
    return xs;
  };
  uint64_t from_bits = 0;
  std::memcpy(&from_bits, &from, sizeof from);
  auto old_bytes = pattern(from_bits);
  auto new_bytes = pattern(to);
  auto hit = std::search(buf.begin(), buf.end(), old_bytes.begin(),
                         old_bytes.end());
  BOOST_REQUIRE(hit != buf.end());
  for (; hit != buf.end();
       hit = std::search(hit, buf.end(), old_bytes.begin(), old_bytes.end()))
    hit = std::copy(new_bytes.begin(), new_bytes.end(), hit);
  return buf;
}

constexpr uint64_t inf_bits = 0x7ff0000000000000;
constexpr uint64_t minus_inf_bits = 0xfff0000000000000;
// A marker value, distinct from every other double in the messages below.
constexpr double marker = 1234.5;

sizing_request sample_request(double value) {
  sizing_request x;
  x.balance = 10000;
  x.settings.weights["AAPL"] = 50;
  transaction t;
  t.id = 7;
  t.symbol = "AAPL";
  t.quantity = 3;
  t.open_price = value;
  x.live_transactions.push_back(t);
  x.prices["AAPL"] = 101.25;
  sizing_candidate c;
  c.recommendation_id = 9;
  c.symbol = "MSFT";
  c.confidence = 80;
  x.candidates.push_back(c);
  return x;
}

} // namespace

BOOST_AUTO_TEST_SUITE(message_codec)

BOOST_AUTO_TEST_CASE(saving_refuses_non_finite_doubles) {
  for (auto v : non_finite) {
    BOOST_TEST_CONTEXT("value " << v) {
      broker_order_state state;
      state.avg_price = v;
      check_save_refused(std::vector<broker_order_state>{state});
      check_save_refused(price_quotes{{{"AAPL", 1.0}, {"MSFT", v}}});
      // Doubles nested in a map of a nested type and in a vector of one.
      expert e;
      e.settings.weights["AAPL"] = v;
      check_save_refused(std::vector<expert>{e});
      check_save_refused(sample_request(v));
      run_result r;
      r.lock_wait_ms = v;
      check_save_refused(r);
      rule_action a;
      a.price = v;
      ruleset rs;
      // Built in place: g++ -O1 mistakes the copy of caf::optional in an
      // initializer list for a read of an uninitialised value.
      rs.rules.emplace_back();
      rs.rules.back().name = "r";
      rs.rules.back().actions.push_back(a);
      check_save_refused(rs);
    }
  }
}

BOOST_AUTO_TEST_CASE(loading_refuses_the_fuzz_regression) {
  std::ifstream in{TRADEFLOW_SOURCE_DIR
                   "/tests/fuzz/regressions/messages/inf-double-hangs-pack754",
                   std::ios::binary};
  BOOST_REQUIRE(in);
  bytes buf{std::istreambuf_iterator<char>{in},
            std::istreambuf_iterator<char>{}};
  // The first byte picks the type of the fuzz target's list: 33 is
  // std::vector<broker_order_state>.
  BOOST_REQUIRE(!buf.empty());
  BOOST_REQUIRE_EQUAL(static_cast<int>(buf[0]), 33);
  buf.erase(buf.begin());
  std::vector<broker_order_state> x;
  auto err = load(buf, x);
  BOOST_TEST(is(err, ec::non_finite_number), describe(err));
}

BOOST_AUTO_TEST_CASE(loading_refuses_infinite_doubles) {
  for (auto bits : {inf_bits, minus_inf_bits}) {
    BOOST_TEST_CONTEXT("bits " << std::hex << bits) {
      bytes buf;
      auto err = bounded_save(sample_request(marker), &buf);
      BOOST_REQUIRE(static_cast<bool>(err) && !*err);
      sizing_request req;
      err = load(patched(buf, marker, bits), req);
      BOOST_TEST(is(*err, ec::non_finite_number), describe(*err));
      err = bounded_save(price_quotes{{{"AAPL", marker}}}, &buf);
      BOOST_REQUIRE(static_cast<bool>(err) && !*err);
      price_quotes quotes;
      err = load(patched(buf, marker, bits), quotes);
      BOOST_TEST(is(*err, ec::non_finite_number), describe(*err));
    }
  }
}

BOOST_AUTO_TEST_CASE(finite_messages_round_trip_unchanged) {
  auto x = sample_request(marker);
  x.settings.max_virtual_equity_per_instrument_percent = 12.5;
  x.candidates.front().price = 99.5;
  bytes first;
  auto err = bounded_save(x, &first);
  BOOST_REQUIRE(static_cast<bool>(err));
  BOOST_REQUIRE_MESSAGE(!*err, describe(*err));
  sizing_request y;
  err = load(first, y);
  BOOST_REQUIRE_MESSAGE(!*err, describe(*err));
  BOOST_TEST(y.balance == x.balance);
  BOOST_TEST(y.settings.max_virtual_equity_per_instrument_percent == 12.5);
  BOOST_TEST((y.live_transactions.at(0).open_price
              == caf::optional<double>{marker}));
  BOOST_TEST((y.prices == x.prices));
  BOOST_TEST((y.candidates.at(0).price == x.candidates.at(0).price));
  BOOST_TEST((y.candidates.at(0).confidence == x.candidates.at(0).confidence));
  bytes second;
  err = bounded_save(y, &second);
  BOOST_REQUIRE(static_cast<bool>(err) && !*err);
  BOOST_TEST((second == first));
}

BOOST_AUTO_TEST_SUITE_END()
