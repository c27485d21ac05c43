#pragma once

#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/message.hpp>

#include "messages/error.hpp"

/// The text of an error, for tests of input validation.
namespace tradeflow::test {

/// The error of `x` as text, "" when `x` holds a value (Boost evaluates
/// the message of BOOST_REQUIRE_MESSAGE even when the check passes).
template <class T>
std::string error_text(const caf::expected<T>& x) {
  return x ? std::string{} : describe(x.error());
}

/// The reason text of an `ec::invalid_input` error.
inline std::string reason(const caf::error& err) {
  if (!is(err, ec::invalid_input))
    return "wrong error: " + describe(err);
  const auto& ctx = err.context();
  return ctx.match_elements<std::string>() ? ctx.get_as<std::string>(0)
                                           : "no reason";
}

} // namespace tradeflow::test
