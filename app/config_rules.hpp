#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "messages/limits.hpp"

/// One rule per kind of value, used wherever that value enters (engine.ini,
/// command-line flags), so a value refused in one place is refused in all.
/// Every check returns `ec::invalid_input` naming `where` (exit code 2).
namespace tradeflow {

/// `[scheduler] max-threads`: 0 divides by zero in CAF's scheduler, and
/// thousands of threads take minutes to start on a small machine.
inline constexpr int64_t min_scheduler_threads = 1;
inline constexpr int64_t max_scheduler_threads = 256;

/// `[middleman] workers` (0: the multiplexer thread does the work).
inline constexpr int64_t max_middleman_workers = 256;

/// `[tradeflow] max-runs-in-flight`.
inline constexpr int64_t max_runs_in_flight_limit = 1'000'000;

/// `run --as-of-ms`: an epoch in ms, at most 9999-12-31T23:59:59.999Z.
inline constexpr int64_t max_epoch_ms = 253'402'300'799'999LL;

/// engine.ini larger than this is refused unread (1 MiB).
inline constexpr std::size_t max_config_bytes = 1 << 20;

/// "WHERE: must be >= LO" / "WHERE: must be <= HI" when `x` is outside
/// [lo, hi].
caf::error check_range(int64_t x, int64_t lo, int64_t hi,
                       const std::string& where);

/// A duration in ms: 0 ..`limits::max_duration_ms` (30 days).
caf::error check_duration_ms(int64_t x, const std::string& where);

/// `text` as a whole decimal number (optional '-', digits only, no
/// spaces); "WHERE: expected a whole number, got 'T'" otherwise, also
/// when it does not fit int64 (never saturated or wrapped).
caf::expected<int64_t> parse_whole_number(const std::string& text,
                                          const std::string& where);

/// A tick size (`[broker] tick-size`, `--tick-size`): see `tick_problem`
/// in messages/ticks.hpp ("WHERE: must be a finite number in ...").
caf::error check_tick_size(double x, const std::string& where);

/// `text` as a tick size: a decimal number ("0.01", "1e-4") that passes
/// `check_tick_size`; "WHERE: expected a number, got 'T'" otherwise.
caf::expected<double> parse_tick_size(const std::string& text,
                                      const std::string& where);

/// A lock key as the supervisor names them:
/// `expert_{id}_usecase_{enter_market|open_positions}`, id >= 1.
caf::error check_lock_key(const std::string& key, const std::string& where);

} // namespace tradeflow
