#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "storage/ruleset_codec.hpp"
#include "tests/support/error_text.hpp"

/// Helpers of the ruleset tests: the error text of parsing one ruleset.
namespace tradeflow::test {

using json = nlohmann::json;

/// The error text of parsing `x` as `rulesets[0]`, or "ok".
inline std::string ruleset_error(const json& x) {
  auto result = storage::parse_ruleset(x, "rulesets[0]");
  if (result)
    return "ok";
  return reason(result.error());
}

} // namespace tradeflow::test
