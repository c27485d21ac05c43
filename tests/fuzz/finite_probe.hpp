#pragma once

#include <cmath>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <caf/meta/annotation.hpp>
#include <caf/optional.hpp>

/// An inspector that walks a message value through its `inspect` and tells
/// whether every floating-point field in it is finite.
namespace tradeflow::fuzz {

struct finite_probe {
  using result_type = bool;
  static constexpr bool reads_state = true;
  static constexpr bool writes_state = false;

  /// True when every floating-point value in `xs` is finite.
  template <class... Ts>
  bool operator()(Ts&&... xs) {
    return (visit(xs) && ...);
  }

private:
  template <class T>
  bool visit(T& x) {
    using value_type = std::decay_t<T>;
    if constexpr (caf::meta::is_annotation<value_type>::value)
      return true;
    else if constexpr (std::is_floating_point<value_type>::value)
      return std::isfinite(x);
    else if constexpr (std::is_arithmetic<value_type>::value
                       || std::is_enum<value_type>::value
                       || std::is_same<value_type, std::string>::value)
      return true;
    else
      return visit_composite(x);
  }

  template <class T>
  bool visit_composite(caf::optional<T>& x) {
    return !x || visit(*x);
  }

  template <class T>
  bool visit_composite(std::vector<T>& xs) {
    for (auto& x : xs)
      if (!visit(x))
        return false;
    return true;
  }

  template <class K, class V>
  bool visit_composite(std::map<K, V>& xs) {
    for (auto& x : xs)
      if (!visit(x.second))
        return false;
    return true;
  }

  template <class T>
  bool visit_composite(T& x) {
    return inspect(*this, x);
  }
};

} // namespace tradeflow::fuzz
