#pragma once

#include <cstdint>

/// Bounds shared by every place a value of the same kind enters (flags,
/// engine.ini, scenario files), so that one kind of value obeys one rule.
namespace tradeflow {

/// The longest duration the engine accepts, in milliseconds (30 days). Far
/// below the ~2.9e5 years at which ms -> ns overflows int64, so every
/// duration converts to `caf::timespan` without wrapping.
inline constexpr int64_t max_duration_ms = 86'400'000LL * 30;

} // namespace tradeflow
