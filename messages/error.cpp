#include "messages/error.hpp"

#include <caf/atom.hpp>
#include <caf/message.hpp>
#include <caf/sec.hpp>

namespace tradeflow {

std::string to_string(ec x) {
  switch (x) {
    case ec::none:
      return "none";
    case ec::lock_timeout:
      return "lock_timeout";
    case ec::storage_failure:
      return "storage_failure";
    case ec::stale_epoch:
      return "stale_epoch";
    case ec::invalid_input:
      return "invalid_input";
    case ec::run_failed:
      return "run_failed";
    case ec::storage_unavailable:
      return "storage_unavailable";
    case ec::non_finite_number:
      return "non_finite_number";
  }
  return "unknown";
}

caf::atom_value error_category() {
  return caf::detail::error_factory<ec>::category;
}

caf::error make_error(ec x) {
  return caf::error{x};
}

caf::error make_error(ec x, std::string reason) {
  return caf::error{x, std::move(reason)};
}

std::string describe(const caf::error& err) {
  if (!err)
    return "no error";
  if (err.category() == error_category()) {
    auto code = to_string(static_cast<ec>(err.code()));
    const auto& ctx = err.context();
    if (ctx.match_elements<std::string>())
      return code + ": " + ctx.get_as<std::string>(0);
    return code;
  }
  if (err.category() == caf::atom("system"))
    return caf::to_string(static_cast<caf::sec>(err.code()));
  return caf::to_string(err);
}

std::string reason_of(const caf::error& err) {
  if (err && err.category() == error_category()
      && err.context().match_elements<std::string>())
    return err.context().get_as<std::string>(0);
  return describe(err);
}

bool is(const caf::error& err, ec x) {
  return err && err.category() == error_category()
         && err.code() == static_cast<uint8_t>(x);
}

} // namespace tradeflow
