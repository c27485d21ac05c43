#pragma once

/// Number rounding shared by the engine's decisions and its output.
namespace tradeflow {

/// `x` rounded to 4 decimals like Python's `round(x, 4)`: the correctly
/// rounded decimal of the exact binary value, ties to even. Finite values
/// stay finite (NaN and infinities pass through unchanged).
double round_to_4_decimals(double x);

} // namespace tradeflow
