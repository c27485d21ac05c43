#pragma once

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/optional.hpp>
#include <nlohmann/json.hpp>

#include "app/scenario.hpp"
#include "messages/entities.hpp"

/// Building blocks of `parse_scenario` (app/scenario.cpp): a first-error
/// collector, a reader for one JSON object with strict keys, and the
/// parsers of the scenario's entities. Internal to app/.
namespace tradeflow::scenario_detail {

using json = nlohmann::json;

/// Collects the first validation problem of a parse. Readers keep going
/// after a failure (returning defaults), so only the first message counts.
class checker {
public:
  /// Records `path: what` unless a problem is already recorded; false.
  bool fail(const std::string& path, const std::string& what);

  /// Records the complete message of `err` (from `parse_ruleset`).
  bool fail(const caf::error& err);

  /// True while nothing failed.
  bool ok() const {
    return first_.empty();
  }

  /// The first problem as an `ec::invalid_input` error.
  caf::error error() const;

private:
  std::string first_;
};

/// The reason text of an engine error, without describe()'s code prefix.
std::string reason_of(const caf::error& err);

/// The JSON text of `x` for messages, cut to about 200 characters (NaN
/// and infinities spelled out).
std::string show(const json& x);

/// `x` in single quotes, escaped and cut like `show`.
std::string quote_text(const std::string& x);

/// `x` as in the input: integral values without a fraction.
std::string show(double x);

/// A finite price or amount in (0, limits::max_amount].
caf::optional<double> read_amount(checker& c, const json& x,
                                  const std::string& path);

/// A symbol: a string that `json_input::symbol_problem` accepts.
std::string read_symbol(checker& c, const json& x, const std::string& path);

/// Records why `key` of the map at `path` is no symbol; false then.
bool check_symbol_key(checker& c, const std::string& path,
                      const std::string& key);

/// `path[i]`.
std::string index(const std::string& path, size_t i);

/// `path.key`, or `key` at the top level (empty path).
std::string member_path(const std::string& path, const std::string& key);

/// A finite number (else a problem naming `path`).
caf::optional<double> read_number(checker& c, const json& x,
                                  const std::string& path);

/// A whole number that fits int64 (a number like 2.0 is accepted).
caf::optional<int64_t> read_integer(checker& c, const json& x,
                                    const std::string& path);

/// A finite number > 0.
caf::optional<double> read_positive(checker& c, const json& x,
                                    const std::string& path);

/// One JSON object at `path` whose keys must all be in `keys`. Getters of
/// absent (or null) required fields record `required`; optional getters
/// treat null as absent.
class object_reader {
public:
  object_reader(checker& c, const json& x, std::string path,
                std::initializer_list<const char*> keys);

  /// `path.key`.
  std::string at(const char* key) const {
    return member_path(path_, key);
  }

  /// The member `key`, or nullptr when absent or null.
  const json* find(const char* key) const;

  /// Required string.
  std::string string(const char* key);

  /// Required symbol (see `read_symbol`).
  std::string symbol(const char* key);

  /// Optional name: a string without control characters ("" when absent).
  std::string name(const char* key);

  /// Required id: a whole number > 0.
  int64_t id(const char* key);

  /// Optional duration in ms, in [0, limits::max_duration_ms].
  caf::optional<int64_t> opt_duration(const char* key);

  /// Optional boolean.
  bool boolean(const char* key, bool fallback);

  /// Required finite number.
  double number(const char* key);

  /// Optional finite number.
  caf::optional<double> opt_number(const char* key);

  /// Optional finite number > 0.
  caf::optional<double> opt_positive(const char* key);

  /// Optional price or amount (see `read_amount`).
  caf::optional<double> opt_amount(const char* key);

  /// Required whole number.
  int64_t integer(const char* key);

  /// Optional whole number.
  caf::optional<int64_t> opt_integer(const char* key);

  /// Required ISO-8601 timestamp, in epoch milliseconds.
  int64_t timestamp(const char* key);

  /// Optional ISO-8601 timestamp, in epoch milliseconds.
  caf::optional<int64_t> opt_timestamp(const char* key);

  /// An enum read with `parse` (`what` names it in messages); `fallback`
  /// when absent and `required` is false.
  template <class Enum>
  Enum enumeration(const char* key,
                   caf::optional<Enum> (*parse)(std::string_view),
                   const char* what, bool required, Enum fallback) {
    auto x = find(key);
    if (!x) {
      if (required)
        c_.fail(at(key), "required");
      return fallback;
    }
    if (!x->is_string()) {
      c_.fail(at(key), "must be a string, got " + show(*x));
      return fallback;
    }
    auto text = x->get<std::string>();
    if (auto result = parse(text))
      return *result;
    c_.fail(at(key), std::string{"unknown "} + what + " " + quote_text(text));
    return fallback;
  }

private:
  const json* required(const char* key);

  checker& c_;
  const json& x_;
  std::string path_;
};

/// One expert; ruleset ids must be in `rulesets`.
expert parse_expert(checker& c, const json& x, const std::string& path,
                    const std::set<int64_t>& rulesets);

/// One recommendation; its expert must be in `experts` and its id new to
/// `ids` (added to it).
recommendation parse_recommendation(checker& c, const json& x,
                                    const std::string& path,
                                    const std::set<int64_t>& experts,
                                    std::set<int64_t>& ids);

/// One given transaction; its expert must be in `experts`. created_at is
/// its open_date, or `now_ms` without one.
transaction parse_transaction(checker& c, const json& x,
                              const std::string& path,
                              const std::set<int64_t>& experts,
                              int64_t now_ms);

/// A map symbol -> price > 0 (`prices` at the top level and in steps).
price_quotes parse_prices(checker& c, const json& x, const std::string& path);

/// The optional `tick_size` and `tick_sizes` (symbol -> tick) of the
/// document `r` into `s`; each tick passes `tick_problem`.
void parse_ticks(checker& c, object_reader& r, scenario& s);

/// One item of `steps`; recommendation ids go through `rec_ids`.
scenario_step parse_step(checker& c, const json& x, const std::string& path,
                         const std::set<int64_t>& experts,
                         std::set<int64_t>& rec_ids);

} // namespace tradeflow::scenario_detail
