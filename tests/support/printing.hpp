#pragma once

#include <ostream>

#include <caf/error.hpp>
#include <caf/optional.hpp>

#include "messages/enums.hpp"
#include "messages/error.hpp"
#include "messages/events.hpp"

// Boost.Test prints values of failed assertions; teach it the engine's
// types (it does not compile `BOOST_TEST(a == b)` on unprintable types).
namespace caf {
inline std::ostream& boost_test_print_type(std::ostream& os, const error& x) {
  return os << tradeflow::describe(x);
}
template <class T>
std::ostream& boost_test_print_type(std::ostream& os, const optional<T>& x) {
  if (!x)
    return os << "none";
  return os << *x;
}
} // namespace caf

namespace tradeflow {
#define TRADEFLOW_PRINTABLE(type)                                              \
  inline std::ostream& operator<<(std::ostream& os, type x) {                  \
    return os << to_string(x);                                                 \
  }
TRADEFLOW_PRINTABLE(rec_action)
TRADEFLOW_PRINTABLE(use_case)
TRADEFLOW_PRINTABLE(txn_status)
TRADEFLOW_PRINTABLE(order_side)
TRADEFLOW_PRINTABLE(order_type)
TRADEFLOW_PRINTABLE(order_status)
TRADEFLOW_PRINTABLE(outcome)
TRADEFLOW_PRINTABLE(order_role)
TRADEFLOW_PRINTABLE(run_status)
TRADEFLOW_PRINTABLE(ec)
TRADEFLOW_PRINTABLE(event_kind)
TRADEFLOW_PRINTABLE(exec_kind)
#undef TRADEFLOW_PRINTABLE
} // namespace tradeflow
