#pragma once

#include <cstdint>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "broker.hpp"
#include "entities.hpp"
#include "finite.hpp"
#include "rules.hpp"

/// Messages of a cluster's clients: a replay against running nodes sets up
/// the paper venue and seeds the shared database through the coordinator.
namespace tradeflow {

/// replay -> broker: reset the paper venue to a scenario's start (prices,
/// cash, faults, answer latency). A real broker adapter refuses it.
struct venue_setup {
  price_quotes prices;
  double balance = 0;
  broker_faults faults;
  int64_t latency_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, venue_setup& x) {
  auto finite = finite_check("venue_setup", x.balance);
  return f(caf::meta::type_name("venue_setup"),
           caf::meta::save_callback(finite), x.prices, x.balance, x.faults,
           x.latency_ms, caf::meta::load_callback(finite));
}

/// replay -> store: a scenario's starting rows, written only into a fresh
/// database (one transaction per kind of row, in dependency order).
struct scenario_seed {
  std::vector<ruleset> rulesets;
  std::vector<expert> experts;
  std::vector<recommendation> recommendations;
  std::vector<transaction> transactions;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, scenario_seed& x) {
  return f(caf::meta::type_name("scenario_seed"), x.rulesets, x.experts,
           x.recommendations, x.transactions);
}

} // namespace tradeflow
