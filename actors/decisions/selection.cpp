#include "actors/decisions/selection.hpp"

#include "messages/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace tradeflow {

namespace {

// "Newest" compares created_at, then id, everywhere (docs/engine.md §2
// step 3, docs/engine-details.md §8.2).
bool newer(const recommendation& x, const recommendation& y) {
  if (x.created_at_ms != y.created_at_ms)
    return x.created_at_ms > y.created_at_ms;
  return x.id > y.id;
}

} // namespace

double round4(double x) {
  return round_to_4_decimals(x);
}

std::vector<recommendation>
select_recommendations(std::vector<recommendation> window, bool drop_hold) {
  std::map<std::string, recommendation> newest;
  for (auto& x : window) {
    auto i = newest.find(x.symbol);
    if (i == newest.end())
      newest.emplace(x.symbol, x);
    else if (newer(x, i->second))
      i->second = x;
  }
  std::vector<recommendation> result;
  result.reserve(newest.size());
  for (auto& [symbol, x] : newest)
    // The expert's latest view wins: a newer HOLD makes an older BUY stale,
    // so the whole symbol goes, not only the HOLD.
    if (!drop_hold || x.action != rec_action::hold)
      result.push_back(x);
  std::sort(result.begin(), result.end(),
            [](const recommendation& x, const recommendation& y) {
              if (x.expected_profit_percent != y.expected_profit_percent)
                return x.expected_profit_percent > y.expected_profit_percent;
              return newer(x, y);
            });
  return result;
}

} // namespace tradeflow
