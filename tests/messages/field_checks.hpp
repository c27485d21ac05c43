#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <caf/optional.hpp>

#include "tests/messages/fields.hpp"

/// Member-by-member checks over `fields()` (tests/messages/fields.hpp),
/// into optionals, vectors and map values. A failure names the path of
/// the member by position: `order.12` is order's thirteenth member.
namespace tradeflow::test {

template <class T, class = void>
struct has_fields : std::false_type {};

template <class T>
struct has_fields<T, std::void_t<decltype(fields(std::declval<const T&>()))>>
  : std::true_type {};

template <class T>
struct container_kind {
  static constexpr bool vector = false, optional = false, map = false;
};

template <class T>
struct container_kind<std::vector<T>> {
  static constexpr bool vector = true, optional = false, map = false;
};

template <class T>
struct container_kind<caf::optional<T>> {
  static constexpr bool vector = false, optional = true, map = false;
};

template <class K, class V>
struct container_kind<std::map<K, V>> {
  static constexpr bool vector = false, optional = false, map = true;
};

template <class T>
void check_all_set(const T& x, const T& fresh, const std::string& path);

template <class T>
void check_same(const T& want, const T& got, const std::string& path);

template <class Tuple, size_t... Is>
void check_all_set_each(const Tuple& xs, const Tuple& fresh,
                        const std::string& path, std::index_sequence<Is...>) {
  (check_all_set(std::get<Is>(xs), std::get<Is>(fresh),
                 path + "." + std::to_string(Is)),
   ...);
}

template <class Tuple, size_t... Is>
void check_same_each(const Tuple& want, const Tuple& got,
                     const std::string& path, std::index_sequence<Is...>) {
  (check_same(std::get<Is>(want), std::get<Is>(got),
              path + "." + std::to_string(Is)),
   ...);
}

template <class T>
constexpr auto field_indices() {
  using tuple = decltype(fields(std::declval<const T&>()));
  return std::make_index_sequence<std::tuple_size<tuple>::value>{};
}

/// Checks that `x` differs from `fresh` (its default) in every member, and
/// that every optional in it holds a value and every container an element.
template <class T>
void check_all_set(const T& x, const T& fresh, const std::string& path) {
  using kind = container_kind<T>;
  if constexpr (has_fields<T>::value) {
    check_all_set_each(fields(x), fields(fresh), path, field_indices<T>());
  } else if constexpr (kind::vector) {
    BOOST_CHECK_MESSAGE(!x.empty(), path << ": empty");
    for (size_t i = 0; i < x.size(); ++i)
      check_all_set(x[i], typename T::value_type{},
                    path + "[" + std::to_string(i) + "]");
  } else if constexpr (kind::optional) {
    BOOST_CHECK_MESSAGE(static_cast<bool>(x), path << ": none");
    if (x)
      check_all_set(*x, typename T::type{}, path);
  } else if constexpr (kind::map) {
    BOOST_CHECK_MESSAGE(!x.empty(), path << ": empty");
    for (const auto& [key, value] : x)
      check_all_set(value, typename T::mapped_type{}, path + "[" + key + "]");
  } else {
    BOOST_CHECK_MESSAGE(!(x == fresh), path << ": default value");
  }
}

/// Checks that `got` equals `want` in every member.
template <class T>
void check_same(const T& want, const T& got, const std::string& path) {
  using kind = container_kind<T>;
  if constexpr (has_fields<T>::value) {
    check_same_each(fields(want), fields(got), path, field_indices<T>());
  } else if constexpr (kind::vector) {
    BOOST_CHECK_MESSAGE(want.size() == got.size(), path << ": size differs");
    for (size_t i = 0; i < want.size() && i < got.size(); ++i)
      check_same(want[i], got[i], path + "[" + std::to_string(i) + "]");
  } else if constexpr (kind::optional) {
    BOOST_CHECK_MESSAGE(static_cast<bool>(want) == static_cast<bool>(got),
                        path << ": none on one side only");
    if (want && got)
      check_same(*want, *got, path);
  } else if constexpr (kind::map) {
    BOOST_CHECK_MESSAGE(want.size() == got.size(), path << ": size differs");
    for (const auto& [key, value] : want) {
      auto i = got.find(key);
      BOOST_CHECK_MESSAGE(i != got.end(), path << ": no [" << key << "]");
      if (i != got.end())
        check_same(value, i->second, path + "[" + key + "]");
    }
  } else {
    BOOST_CHECK_MESSAGE(want == got, path << ": differs");
  }
}

} // namespace tradeflow::test
