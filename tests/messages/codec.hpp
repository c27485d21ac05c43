#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/error.hpp>
#include <caf/optional.hpp>

/// Saving and loading a message as CAF's binary serialiser does when it
/// crosses nodes.
namespace tradeflow::test {

using bytes = std::vector<char>;

/// Serialises `x` on a detached thread, so that a regression (CAF looping
/// on an infinity) fails the test after a bound instead of hanging it: the
/// looping thread is abandoned and dies with the process.
template <class T>
caf::optional<caf::error> bounded_save(T x, bytes* out = nullptr) {
  using task_type = std::packaged_task<caf::error(bytes*)>;
  auto task = std::make_shared<task_type>([x](bytes* buf) mutable {
    bytes local;
    caf::binary_serializer sink{nullptr, local};
    auto err = sink(x);
    if (buf)
      *buf = std::move(local);
    return err;
  });
  auto result = task->get_future();
  auto shared_out = std::make_shared<bytes>();
  std::thread{[task, shared_out] { (*task)(shared_out.get()); }}.detach();
  if (result.wait_for(std::chrono::seconds{10}) != std::future_status::ready)
    return caf::none;
  auto err = result.get();
  if (out)
    *out = *shared_out;
  return err;
}

/// Deserialises `buf` into `x`; `rest` (when given) receives the number of
/// bytes left unread.
template <class T>
caf::error load(const bytes& buf, T& x, size_t* rest = nullptr) {
  caf::binary_deserializer src{nullptr, buf};
  auto err = src(x);
  if (rest)
    *rest = src.remaining();
  return err;
}

} // namespace tradeflow::test
