#include "messages/ticks.hpp"

#include <charconv>
#include <cmath>

namespace tradeflow {

namespace {

// GCC's and Clang's 128-bit integer: |x| * 10^8 over the 53 significant
// bits of x and its binary exponent needs up to 119 bits (see
// round_to_tick); 64 bits would force the rounding through doubles.
__extension__ typedef unsigned __int128 wide;

// Shortest round-trip text of `x`, for messages.
std::string show(double x) {
  char buf[64];
  auto [end, err] = std::to_chars(buf, buf + sizeof(buf), x);
  return err == std::errc{} ? std::string(buf, end) : std::string{"?"};
}

wide pow10(int k) {
  wide result = 1;
  while (k-- > 0)
    result *= 10;
  return result;
}

// The double nearest to p * 10^-k: the decimal text read by from_chars,
// which rounds correctly (one rounding, from the exact decimal).
double scaled_decimal(wide p, int k) {
  std::string text;
  do {
    auto digit = static_cast<int>(p % 10);
    text.insert(text.begin(), static_cast<char>('0' + digit));
    p /= 10;
  } while (p != 0);
  auto places = static_cast<size_t>(k);
  if (places > 0) {
    if (text.size() <= places)
      text.insert(0, places - text.size() + 1, '0');
    text.insert(text.size() - places, 1, '.');
  }
  double result = 0;
  std::from_chars(text.data(), text.data() + text.size(), result);
  return result;
}

} // namespace

std::string tick_problem(double x) {
  if (!std::isfinite(x) || x < 1e-8 || x > 1)
    return "must be a finite number in [0.00000001, 1], got " + show(x);
  // A decimal with up to 8 places parses to a double within 1e-16 * 1e8
  // units of a whole unit count; anything farther has a finer digit.
  auto units = x * static_cast<double>(tick_units_per_price);
  if (std::fabs(units - std::nearbyint(units)) > 1e-6)
    return "must be a whole number of 0.00000001 steps, got " + show(x);
  return {};
}

price_tick tick_of(double x) {
  return price_tick{
    std::llround(x * static_cast<double>(tick_units_per_price))};
}

double tick_value(price_tick t) {
  // Both operands are exact doubles: the quotient is the nearest double
  // to the decimal tick.
  return static_cast<double>(t.units)
         / static_cast<double>(tick_units_per_price);
}

double round_to_tick(double x, price_tick t) {
  // A tick outside [1, 1e8] units never passed tick_problem; refusing it
  // here keeps the shifts below inside 128 bits.
  if (!std::isfinite(x) || std::fabs(x) >= 0x1p53 || t.units <= 0
      || t.units > tick_units_per_price)
    return x;
  // Below 2^-40 (about 9e-13), x is nearer 0 than half the finest tick.
  if (std::fabs(x) < 0x1p-40)
    return std::copysign(0.0, x);
  // The tick as n * 10^-k with the fewest places (0.05 = 5 * 10^-2), so
  // that the result's decimal text has no more places than the tick.
  auto n = static_cast<uint64_t>(t.units);
  int k = 8;
  while (k > 0 && n % 10 == 0) {
    n /= 10;
    --k;
  }
  // |x| = m * 2^-shift exactly, m < 2^53, shift in [0, 92] for the range
  // above. Then |x| / t = m * 10^k / (n * 2^shift): numerator < 2^80,
  // denominator < 2^27 * 2^92, both exact in 128 bits.
  int e = 0;
  auto m = static_cast<uint64_t>(std::ldexp(std::frexp(std::fabs(x), &e), 53));
  auto shift = 53 - e;
  wide num = wide{m} * pow10(k);
  wide den = wide{n} << shift;
  wide q = num / den;
  wide r = num % den;
  // Ties to the even multiple: Python's rule, on the exact value.
  if (2 * r > den || (2 * r == den && (q & 1) != 0))
    ++q;
  return std::copysign(scaled_decimal(q * n, k), x);
}

} // namespace tradeflow
