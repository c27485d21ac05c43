#include "app/replay_output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>

#include "actors/decisions/orders.hpp"
#include "messages/numbers.hpp"

namespace tradeflow {

namespace {

using json = nlohmann::ordered_json;

template <class T>
json optional_number(const caf::optional<T>& x) {
  return x ? json_number(static_cast<double>(*x)) : json(nullptr);
}

json render_run(const replay_run& x) {
  auto& r = x.result;
  json result;
  result["step"] = x.step;
  result["expert_id"] = r.expert_id;
  result["use_case"] = to_string(r.uc);
  result["status"] = to_string(r.status);
  if (r.error)
    result["error"] = *r.error;
  result["lock_wait_ms"] = json_number(r.lock_wait_ms);
  result["orders"] = r.orders;
  auto outcomes = json::array();
  for (auto& o : r.outcomes) {
    json item;
    item["recommendation_id"] = o.recommendation_id;
    item["outcome"] = to_string(o.result);
    if (!o.reason.empty())
      item["reason"] = o.reason;
    outcomes.push_back(std::move(item));
  }
  result["outcomes"] = std::move(outcomes);
  if (x.timing_dependent)
    result["timing_dependent"] = true;
  if (!x.race_group.empty())
    result["race_group"] = x.race_group;
  return result;
}

json entry_client_id(const transaction& t, const std::vector<order>& orders) {
  auto entry = entry_of(t, orders);
  return entry ? json(entry->client_order_id) : json(nullptr);
}

json render_transaction(const transaction& t,
                        const std::vector<order>& orders) {
  json result;
  result["id"] = t.id;
  result["expert_id"] = t.expert_id;
  result["symbol"] = t.symbol;
  result["side"] = to_string(t.side);
  result["quantity"] = t.quantity;
  result["status"] = to_string(t.status);
  result["open_price"] = optional_number(t.open_price);
  result["close_price"] = optional_number(t.close_price);
  result["take_profit"] = optional_number(t.take_profit);
  result["stop_loss"] = optional_number(t.stop_loss);
  result["entry_client_order_id"] = entry_client_id(t, orders);
  return result;
}

json render_order(const order& o,
                  const std::map<int64_t, std::string>& client_ids) {
  json result;
  result["client_order_id"] = o.client_order_id;
  result["transaction_id"] = o.transaction_id;
  result["symbol"] = o.symbol;
  result["side"] = to_string(o.side);
  result["type"] = to_string(o.type);
  result["quantity"] = o.quantity;
  result["limit_price"] = optional_number(o.limit_price);
  result["stop_price"] = optional_number(o.stop_price);
  result["status"] = to_string(o.status);
  result["filled_qty"] = o.filled_qty;
  result["filled_avg_price"] = optional_number(o.filled_avg_price);
  json parent;
  if (o.depends_on_order) {
    auto i = client_ids.find(*o.depends_on_order);
    if (i != client_ids.end())
      parent = i->second;
  }
  result["depends_on"] = std::move(parent);
  result["comment"] = o.comment;
  return result;
}

} // namespace

json json_number(double x) {
  if (!std::isfinite(x))
    return nullptr;
  auto rounded = round_to_4_decimals(x);
  if (std::fabs(rounded) < 9e15 && rounded == std::floor(rounded))
    return static_cast<int64_t>(rounded);
  return rounded;
}

json render_output(const std::string& scenario_name,
                   const std::vector<replay_run>& runs,
                   const store_snapshot& snapshot, double elapsed_ms) {
  std::vector<const replay_run*> by_step;
  for (auto& r : runs)
    by_step.push_back(&r);
  std::stable_sort(by_step.begin(), by_step.end(),
                   [](auto x, auto y) { return x->step < y->step; });
  auto txns = snapshot.transactions;
  std::stable_sort(txns.begin(), txns.end(),
                   [](auto& x, auto& y) { return x.id < y.id; });
  auto orders = snapshot.orders;
  // Grouped like the expected files: per expert, per recommendation.
  auto key = [](const order& o) {
    return std::make_tuple(o.expert_id, o.recommendation_id.value_or(-1),
                           o.id);
  };
  std::stable_sort(orders.begin(), orders.end(),
                   [&](auto& x, auto& y) { return key(x) < key(y); });
  std::map<int64_t, std::string> client_ids;
  for (auto& o : orders)
    client_ids.emplace(o.id, o.client_order_id);
  json result;
  result["format_version"] = replay_format_version;
  result["scenario"] = scenario_name;
  result["runs"] = json::array();
  for (auto r : by_step)
    result["runs"].push_back(render_run(*r));
  result["transactions"] = json::array();
  for (auto& t : txns)
    result["transactions"].push_back(render_transaction(t, orders));
  result["orders"] = json::array();
  for (auto& o : orders)
    result["orders"].push_back(render_order(o, client_ids));
  json stats;
  stats["runs"] = runs.size();
  stats["orders"] = orders.size();
  stats["elapsed_ms"] = json_number(elapsed_ms);
  result["stats"] = std::move(stats);
  return result;
}

void mark_race_groups(std::vector<replay_run>& runs,
                      const std::map<size_t, std::string>& start_slot) {
  std::map<std::string, std::vector<replay_run*>> groups;
  for (auto& r : runs)
    groups[start_slot.at(r.step) + ": "
           + lock_key(r.result.expert_id, r.result.uc)]
      .push_back(&r);
  for (auto& [name, members] : groups) {
    if (members.size() < 2)
      continue;
    for (auto* r : members) {
      r->timing_dependent = true;
      r->race_group = name;
    }
  }
}

} // namespace tradeflow
