#pragma once

#include <cstdint>
#include <map>
#include <string>

/// Price increments (ticks): an instrument's levels must lie on its tick
/// grid, or a venue refuses them (a US equity venue takes 0.01).
///
/// A tick is a whole number of 1e-8 price units, not a double: the venue's
/// grid is decimal (0.01, 0.05), a double cannot hold those values, and an
/// integer makes the rounding exact, two ticks comparable with `==`, and
/// the finest grid (1e-8) the smallest tick by construction.
namespace tradeflow {

/// Price units per 1.0 of price: a tick counts 1e-8 steps.
inline constexpr int64_t tick_units_per_price = 100'000'000;

/// One instrument's price increment.
struct price_tick {
  /// The increment in 1e-8 units, in [1, tick_units_per_price]. The
  /// default, 0.0001, is the engine's historical 4-decimal rounding.
  int64_t units = 10'000;

  friend bool operator==(price_tick x, price_tick y) {
    return x.units == y.units;
  }
  friend bool operator!=(price_tick x, price_tick y) {
    return !(x == y);
  }
};

/// The ticks of every instrument: one default and per-symbol overrides.
struct tick_table {
  price_tick fallback;
  std::map<std::string, price_tick> by_symbol;

  /// The tick of `symbol` (its override, else the default).
  price_tick of(const std::string& symbol) const {
    auto i = by_symbol.find(symbol);
    return i == by_symbol.end() ? fallback : i->second;
  }
};

/// Why `x` is not a tick size, or "" when it is one: finite, in
/// [0.00000001, 1] and a whole number of 0.00000001 steps. The text reads
/// after a field name ("tick_size: must be ...").
std::string tick_problem(double x);

/// `x` as a tick; `tick_problem(x)` must be "".
price_tick tick_of(double x);

/// The tick as a price (0.01 for 1,000,000 units).
double tick_value(price_tick t);

/// `x` rounded to the nearest multiple of `t`, as round(x / t) * t would be
/// with exact arithmetic: an exact tie goes to the even multiple (for a
/// power of ten, the even last digit, exactly as `round_to_4_decimals`
/// and Python's `round(x, 4)`). Computed in integers on the exact binary
/// value of `x`, so the result is the double nearest to the decimal
/// multiple (101.35, never 101.35000000000001) for every tick, powers of
/// ten or not (0.05). |x| of 2^53 or more (beyond any price bound, where
/// doubles are farther apart than a tick) comes back unchanged, and so do
/// NaN, infinities and any x for a tick outside [1, 1e8] units.
double round_to_tick(double x, price_tick t);

} // namespace tradeflow
