// Fuzz target: CAF deserialisation of every message type that crosses
// nodes, from arbitrary bytes as a peer could send them. A value that
// deserialises must serialise to bytes that deserialise to the same bytes
// again.
//
// Non-finite doubles (regressions/messages/inf-*): CAF 0.17.6 deserialises
// a double whose exponent bits are all ones as infinity, and its
// serialiser (detail::pack754) halves infinity forever. The message types
// refuse such values in `inspect` (messages/finite.hpp), so a value that
// loads must be finite: the target traps on one that is not, before the
// round trip could hang on it.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include "tests/fuzz/finite_probe.hpp"
#include "tests/fuzz/message_types.hpp"

namespace {

template <class T>
std::vector<char> serialise(T& x) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  if (auto err = sink(x))
    __builtin_trap();
  return buf;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  auto index = data[0] % tradeflow::fuzz::message_type_count;
  auto bytes = reinterpret_cast<const char*>(data) + 1;
  tradeflow::fuzz::with_message_type(index, [&](auto x) {
    caf::binary_deserializer src{nullptr, bytes, size - 1};
    if (src(x))
      return;
    tradeflow::fuzz::finite_probe probe;
    if (!probe(x))
      __builtin_trap();
    auto first = serialise(x);
    decltype(x) y;
    caf::binary_deserializer again{nullptr, first};
    if (again(y) || again.remaining() != 0 || serialise(y) != first)
      __builtin_trap();
  });
  return 0;
}
