#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "enums.hpp"
#include "finite.hpp"

namespace tradeflow {

/// worker -> broker: one order as the broker sees it. Orders sharing an
/// `oco_group` (the closing orders of one transaction) cancel each other
/// when one fills.
struct broker_order {
  std::string client_order_id;
  std::string symbol;
  order_side side = order_side::buy;
  order_type type = order_type::market;
  int64_t quantity = 0;
  caf::optional<double> limit_price;
  caf::optional<double> stop_price;
  std::string oco_group;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, broker_order& x) {
  auto finite = finite_check("broker_order", x.limit_price, x.stop_price);
  return f(caf::meta::type_name("broker_order"),
           caf::meta::save_callback(finite), x.client_order_id, x.symbol,
           x.side, x.type, x.quantity, x.limit_price, x.stop_price, x.oco_group,
           caf::meta::load_callback(finite));
}

/// broker -> worker: accepted with an id, or refused with a reason. An
/// answer never carries a fill: fills are learned by a refresh.
struct submit_reply {
  bool accepted = false;
  std::string broker_order_id;
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, submit_reply& x) {
  return f(caf::meta::type_name("submit_reply"), x.accepted,
           x.broker_order_id, x.reason);
}

/// Prices by symbol, read from or set at the broker.
struct price_quotes {
  std::map<std::string, double> prices;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, price_quotes& x) {
  auto finite = finite_check("price_quotes", x.prices);
  return f(caf::meta::type_name("price_quotes"),
           caf::meta::save_callback(finite), x.prices,
           caf::meta::load_callback(finite));
}

/// Fault injection for the paper broker (docs/engine-details.md §6.2), set
/// by tests and by the scenario's `broker` section.
struct broker_faults {
  std::vector<std::string> refuse_symbols;
  std::vector<std::string> timeout_symbols;
  /// Refuse every submission after this many accepted ones (-1: never).
  int64_t refuse_after = -1;
  /// Drop (never answer) every answer, for unknown-outcome tests.
  bool drop_answers = false;
  /// A cancel of a working order on these symbols loses to a fill: the
  /// order fills at its level (market: the current price) just before the
  /// cancel lands, and the cancel is refused (the race of
  /// docs/engine-details.md §6.5).
  std::vector<std::string> cancel_loses_symbols;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, broker_faults& x) {
  return f(caf::meta::type_name("broker_faults"), x.refuse_symbols,
           x.timeout_symbols, x.refuse_after, x.drop_answers,
           x.cancel_loses_symbols);
}

/// broker -> worker -> store: what the broker knows of one order.
struct broker_order_state {
  std::string client_order_id;
  bool known = false;
  order_status status = order_status::pending;
  int64_t filled_qty = 0;
  caf::optional<double> avg_price;
  std::string broker_order_id;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, broker_order_state& x) {
  auto finite = finite_check("broker_order_state", x.avg_price);
  return f(caf::meta::type_name("broker_order_state"),
           caf::meta::save_callback(finite), x.client_order_id, x.known,
           x.status, x.filled_qty, x.avg_price, x.broker_order_id,
           caf::meta::load_callback(finite));
}

} // namespace tradeflow
