#pragma once

#include <string>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

#include "messages/rules.hpp"

/// JSON form of a ruleset (docs/scenario-format.md, `rulesets[]`), with the
/// strict validation of docs/engine.md §4 and docs/engine-details.md §8.1: a
/// malformed ruleset is rejected at load with an `ec::invalid_input` error
/// whose text names the rule, the field path and the offending value, for
/// example `rulesets[0].rules[0] (rule 'x').triggers[0].event_type: unknown
/// event_type 'bullishh'`.
namespace tradeflow::storage {

/// Parses and validates one ruleset. `path` prefixes every error message
/// (`rulesets[0]`). Unknown keys are errors.
caf::expected<ruleset> parse_ruleset(const nlohmann::json& x,
                                     const std::string& path);

/// The JSON form of `x`; `parse_ruleset(to_json(x), p)` gives `x` back.
nlohmann::json to_json(const ruleset& x);

} // namespace tradeflow::storage
