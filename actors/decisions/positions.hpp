#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "actors/decisions/rule_engine.hpp"
#include "messages/store.hpp"
#include "messages/ticks.hpp"

/// open_positions as plain C++ (docs/engine.md §2.5,
/// docs/engine-details.md §8.3): one recommendation against the expert's
/// position on its symbol decides a close, an adjustment of the legs, or
/// nothing. The worker writes the change and submits what it lists.
namespace tradeflow {

/// Everything one decision reads. `orders` are the expert's position
/// orders as loaded by the run (any transaction; only `txn`'s count).
struct position_input {
  recommendation rec;
  transaction txn;
  caf::optional<rec_action> previous_action;
  caf::optional<double> current_price;
  /// The expert has an OPENED transaction on the symbol.
  bool has_opened_position = false;
  double virtual_equity = 0;
  int64_t now_ms = 0;
  /// The tick of `rec.symbol`: adjusted levels are rounded to it.
  price_tick tick;
};

struct position_decision {
  /// The change to write, or none: nothing to do (see `result`/`reason`).
  caf::optional<position_change> change;
  /// executed when `change` is set; otherwise no_action or
  /// evaluation_error.
  outcome result = outcome::no_action;
  std::string reason;
  /// Legs at the broker to cancel once the change is written: they are
  /// `pending_cancel` until the venue answers.
  std::vector<order> cancels;
};

position_decision decide_position(const ruleset& rules,
                                  const position_input& in,
                                  const std::vector<order>& orders);

/// The transaction of `symbol` among `live` (the first), or null.
const transaction* position_on(const std::vector<transaction>& live,
                               const std::string& symbol);

/// Whether the expert has an OPENED transaction on `symbol`.
bool has_opened_on(const std::vector<transaction>& live,
                   const std::string& symbol);

} // namespace tradeflow
