#pragma once

#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "messages/store.hpp"

/// The checks of a run as plain C++: the guards that stop a run before it
/// evaluates (docs/engine.md §2 step 2, §2.5) and, per enter_market
/// candidate, the SAFETY CHECK and the side permission (§2 step 5).
namespace tradeflow {

/// Why a guard stopped a run: the run's status and the log text.
struct guard_stop {
  run_status status = run_status::guard_unknown_expert;
  std::string why;
};

/// The first guard that fails for a run of `uc` on the loaded `ctx`, in
/// the contract's order; none when the run may go on.
caf::optional<guard_stop> check_guards(const run_snapshot& ctx, use_case uc);

/// What the safety check and the permission decide for one candidate.
struct entry_screen {
  /// executed: the candidate goes on to sizing; else skipped_duplicate or
  /// denied_permission.
  outcome result = outcome::executed;
  std::string reason;
  /// The WAITING or OPENED transaction that blocks it, when one does.
  const transaction* existing = nullptr;
};

/// Screens a candidate on `rec.symbol` for `side` against the expert's
/// WAITING/OPENED transactions `live`, loaded under the run's lock. The
/// database's unique index stays the last line of defence.
entry_screen screen_entry(const recommendation& rec, order_side side,
                          const std::vector<transaction>& live,
                          const expert_settings& settings);

} // namespace tradeflow
