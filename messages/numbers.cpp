#include "messages/numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace tradeflow {

double round_to_4_decimals(double x) {
  if (!std::isfinite(x))
    return x;
  // Multiplying by 1e4 first rounds twice (once in the product, once in
  // std::round) and overflows above about 1.8e304; printing the exact
  // decimal expansion with 4 digits rounds once, correctly, ties to even.
  // A double has at most 309 integral digits: 330 bytes always suffice.
  char buf[330];
  auto [end, err] = std::to_chars(buf, buf + sizeof(buf) - 1, x,
                                  std::chars_format::fixed, 4);
  if (err != std::errc{})
    return x;
  *end = '\0';
  return std::strtod(buf, nullptr);
}

} // namespace tradeflow
