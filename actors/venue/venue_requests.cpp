#include "actors/venue/venue_requests.hpp"

#include <algorithm>

namespace tradeflow {

void venue_requests::remember(const broker_order& x) {
  if (sent.emplace(x.client_order_id, x).second) {
    seen.push_back(x.client_order_id);
    if (!x.oco_group.empty())
      groups[x.oco_group].push_back(x.client_order_id);
  }
}

void venue_requests::note(const execution_report& x) {
  // "Unknown" never hides what a pushed report told already.
  if (!x.known && latest.count(x.client_order_id) > 0)
    return;
  auto [i, added] = latest.insert_or_assign(x.client_order_id, x);
  if (added && sent.count(x.client_order_id) == 0)
    seen.push_back(x.client_order_id);
}

bool venue_requests::is_done(const std::string& id) const {
  auto i = latest.find(id);
  return i != latest.end() && i->second.known && is_final(i->second.status);
}

void venue_requests::prune(size_t cap) {
  // Walks the oldest entries once; a live order goes to the back.
  for (size_t n = seen.size(); seen.size() > cap && n > 0; --n) {
    auto id = std::move(seen.front());
    seen.pop_front();
    if (!is_done(id) || submits.count(id) > 0 || cancels.count(id) > 0
        || queries_by_order.count(id) > 0) {
      seen.push_back(std::move(id));
      continue;
    }
    if (auto s = sent.find(id); s != sent.end()) {
      if (auto g = groups.find(s->second.oco_group); g != groups.end()) {
        auto& members = g->second;
        members.erase(std::remove(members.begin(), members.end(), id),
                      members.end());
        if (members.empty())
          groups.erase(g);
      }
      sent.erase(s);
    }
    latest.erase(id);
  }
}

} // namespace tradeflow
