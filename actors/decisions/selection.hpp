#pragma once

#include <vector>

#include "messages/entities.hpp"

/// Recommendation selection, step 3 of docs/engine.md §2: plain C++.
namespace tradeflow {

/// Rounds to 4 decimals (every level and price the engine outputs).
double round4(double x);

/// Step 3: keep the newest per symbol (created_at, then id); drop symbols
/// whose newest is a HOLD when `drop_hold`; order by expected profit
/// descending, ties newest first. `window` is already limited to the
/// lookback window.
std::vector<recommendation>
select_recommendations(std::vector<recommendation> window, bool drop_hold);

} // namespace tradeflow
