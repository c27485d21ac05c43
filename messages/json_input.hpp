#pragma once

#include <string>
#include <string_view>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

/// Reading untrusted JSON input and quoting it back in error messages,
/// shared by the scenario loader and the ruleset codec so that every input
/// follows the same rules.
namespace tradeflow::json_input {

/// Parses `text` strictly: a duplicate object key (at any level) and
/// nesting deeper than `limits::max_json_depth` are errors naming the path
/// (`account: duplicate key 'balance'`; `root_name` stands for the path
/// of the top level), as is malformed JSON (the parser's message, with its
/// position). Errors are `ec::invalid_input`.
caf::expected<nlohmann::json> parse(const std::string& text,
                                    const std::string& root_name);

/// `x` as compact JSON for a message, at most about
/// `limits::max_quoted_chars` characters (longer text ends in "..."), NaN
/// and infinities spelled out. Works without recursion, so any depth is
/// safe.
std::string show(const nlohmann::json& x);

/// `x` in single quotes for a message, control characters escaped and cut
/// like `show`.
std::string quote(std::string_view x);

/// A key for a field path: as given when short and printable, else
/// escaped and cut like `quote` (without the quotes).
std::string key_text(std::string_view x);

/// Why `x` cannot be a name (expert, rule, ruleset, scenario): it holds a
/// NUL or another control character. Empty when it can.
std::string name_problem(std::string_view x);

/// Why `x` cannot be a symbol: empty, only whitespace, whitespace at
/// either end, or a control character. Empty when it can.
std::string symbol_problem(std::string_view x);

} // namespace tradeflow::json_input
