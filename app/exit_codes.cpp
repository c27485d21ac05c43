#include "app/exit_codes.hpp"

#include <iostream>

#include "messages/error.hpp"

namespace tradeflow {

int report_error(const char* what, const caf::error& err) {
  auto user_error = is(err, ec::invalid_input);
  std::cerr << "tradeflow " << what << ": "
            << (user_error ? reason_of(err) : describe(err)) << '\n';
  return user_error ? exit_user_error : exit_engine_failure;
}

} // namespace tradeflow
