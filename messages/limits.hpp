#pragma once

#include <cstddef>
#include <cstdint>

/// Upper bounds on what the engine accepts from its inputs (scenario files,
/// rulesets, flags and config). Each bound keeps a later conversion or
/// product finite: a duration in milliseconds becomes int64 nanoseconds in
/// std::chrono, a quantity becomes int64, a price times a quantity must
/// stay a finite double. Values above a bound are refused with an error
/// naming the field, never wrapped or saturated silently.
namespace tradeflow::limits {

/// Longest duration in milliseconds (30 days): latencies, timeouts, lock
/// waits and step offsets. 30 days in nanoseconds is about 2.6e15, far
/// below INT64_MAX (about 9.2e18), so `ms * 1'000'000` cannot overflow.
constexpr int64_t max_duration_ms = int64_t{30} * 24 * 60 * 60 * 1000;

/// Largest price, price level, balance or other money amount (1e15). A
/// price times the largest quantity (1e30) stays a finite double, and
/// rounding to 4 decimals keeps a finite value finite.
constexpr double max_amount = 1e15;

/// Largest quantity of shares (1e15): exact in a double (below 2^53) and
/// far inside int64.
constexpr int64_t max_quantity = 1'000'000'000'000'000;

/// Deepest nesting of arrays and objects in a JSON input. A scenario needs
/// 6 levels (rulesets[].rules[].triggers[]); deeper input is refused while
/// parsing, before anything walks it.
constexpr size_t max_json_depth = 64;

/// Largest scenario file read (512 MiB): several times a scenario of
/// 600,000 recommendations (about 140 MB), checked before reading.
constexpr int64_t max_scenario_bytes = int64_t{512} * 1024 * 1024;

/// Longest quoted value in an error message; longer values are cut.
constexpr size_t max_quoted_chars = 200;

} // namespace tradeflow::limits
