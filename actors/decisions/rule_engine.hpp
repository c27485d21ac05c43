#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "messages/entities.hpp"
#include "messages/rules.hpp"

/// Rule evaluation (docs/engine.md §4) as plain C++.
namespace tradeflow {

/// Everything a trigger may look at for one recommendation.
struct evaluation_input {
  recommendation rec;
  /// Action of the expert's previous recommendation on the symbol.
  caf::optional<rec_action> previous_action;
  caf::optional<double> current_price;
  /// The position in context (open_positions run); none in enter_market.
  caf::optional<transaction> position;
  /// The expert has an OPENED transaction on the symbol.
  bool has_opened_position = false;
  /// Virtual equity, for instrument_account_share.
  double virtual_equity = 0;
  int64_t now_ms = 0;
};

/// The target T of docs/engine.md §4 (none for HOLD).
caf::optional<double> target_price(const recommendation& rec);

/// Whether one trigger holds; a missing input makes it false.
bool holds(const trigger& t, const evaluation_input& in);

/// The actions of the passing rules, identical ones kept once, in order.
struct evaluation {
  std::vector<rule_action> actions;
  std::vector<std::string> passed_rules;
};

evaluation evaluate(const ruleset& rules, const evaluation_input& in);

} // namespace tradeflow
