#pragma once

#include "messages/risk.hpp"

/// Risk management's sizing (docs/engine.md §5) as plain C++.
namespace tradeflow {

/// docs/engine.md §5: quantities for every candidate, in sizing order.
sizing_result size_candidates(const sizing_request& req);

} // namespace tradeflow
