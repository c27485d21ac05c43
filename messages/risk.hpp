#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "entities.hpp"
#include "finite.hpp"

namespace tradeflow {

/// One candidate entry to size (docs/engine.md §5); `price` none = no price.
struct sizing_candidate {
  int64_t recommendation_id = 0;
  std::string symbol;
  double expected_profit_percent = 0;
  caf::optional<double> confidence;
  caf::optional<double> price;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sizing_candidate& x) {
  auto finite = finite_check("sizing_candidate", x.expected_profit_percent,
                             x.confidence, x.price);
  return f(caf::meta::type_name("sizing_candidate"),
           caf::meta::save_callback(finite), x.recommendation_id, x.symbol,
           x.expected_profit_percent, x.confidence, x.price,
           caf::meta::load_callback(finite));
}

/// worker -> risk: everything sizing needs, so the risk actor holds no
/// state that can go stale. Candidates come in load order.
struct sizing_request {
  double balance = 0;
  double virtual_equity_pct = 100;
  expert_settings settings;
  std::vector<transaction> live_transactions;
  std::map<std::string, double> prices;
  std::vector<sizing_candidate> candidates;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sizing_request& x) {
  auto finite = finite_check("sizing_request", x.balance, x.virtual_equity_pct,
                             x.prices);
  return f(caf::meta::type_name("sizing_request"),
           caf::meta::save_callback(finite), x.balance, x.virtual_equity_pct,
           x.settings, x.live_transactions, x.prices, x.candidates,
           caf::meta::load_callback(finite));
}

/// risk -> worker: one candidate's quantity (0 = unfunded or no price).
struct sizing_decision {
  int64_t recommendation_id = 0;
  int64_t quantity = 0;
  bool no_price = false;
  /// The quantity would exceed limits::max_quantity (an absurd balance or
  /// price): the recommendation ends `evaluation_error`.
  bool out_of_range = false;
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sizing_decision& x) {
  return f(caf::meta::type_name("sizing_decision"), x.recommendation_id,
           x.quantity, x.no_price, x.out_of_range, x.reason);
}

/// risk -> worker: decisions in sizing order (score descending).
struct sizing_result {
  std::vector<sizing_decision> decisions;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sizing_result& x) {
  return f(caf::meta::type_name("sizing_result"), x.decisions);
}

} // namespace tradeflow
