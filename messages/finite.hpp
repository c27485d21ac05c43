#pragma once

#include <cmath>
#include <map>
#include <string>

#include <caf/error.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/save_callback.hpp>
#include <caf/optional.hpp>

#include "error.hpp"

/// Refusing infinite and NaN doubles at a message type's `inspect`.
///
/// CAF 0.17.6's binary deserialiser loads a double whose exponent bits are
/// all ones as an infinity, and its serialiser (pack754) halves an
/// infinity forever: a peer's bytes could plant a value that hangs the
/// thread which next sends it on, and a node that computed an infinity
/// would hang sending it. No price, amount or percentage means anything as
/// infinity or NaN, so every type with a double checks its own doubles
/// (nested message types check theirs) in its `inspect`:
///
///   auto finite = finite_check("order", x.limit_price, x.filled_avg_price);
///   return f(caf::meta::type_name("order"), caf::meta::save_callback(finite),
///            x.id, ..., caf::meta::load_callback(finite));
///
/// CAF runs each callback where it stands among the fields, and only on the
/// matching side (save: serialisers; load: deserialisers; its to_string
/// inspector skips both). Hence `save_callback` first, before any double
/// reaches the serialiser, and `load_callback` last, after every field is
/// loaded. The error makes CAF drop the message.
namespace tradeflow {

inline bool is_finite(double x) {
  return std::isfinite(x);
}

template <class T>
bool is_finite(const caf::optional<T>& x) {
  return !x || is_finite(*x);
}

template <class K, class V>
bool is_finite(const std::map<K, V>& xs) {
  for (const auto& x : xs)
    if (!is_finite(x.second))
      return false;
  return true;
}

/// True when every double in `xs` (plain, optional or map values) is
/// finite.
template <class... Ts>
bool all_finite(const Ts&... xs) {
  return (is_finite(xs) && ...);
}

/// A callback for `caf::meta::save_callback` and `load_callback`: an
/// engine error `non_finite_number` naming `type` unless every one of `xs`
/// is finite. Holds references to `xs`; use it only inside `inspect`.
template <class... Ts>
auto finite_check(const char* type, const Ts&... xs) {
  return [type, &xs...]() -> caf::error {
    if (all_finite(xs...))
      return {};
    return make_error(ec::non_finite_number,
                      std::string{type} + ": a number is infinite or NaN");
  };
}

} // namespace tradeflow
