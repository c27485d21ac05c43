#pragma once

#include <caf/optional.hpp>

#include "actors/decisions/lifecycle.hpp"
#include "messages/store.hpp"
#include "messages/ticks.hpp"

/// Releasing a waiting leg when its parent moves, as plain C++
/// (docs/engine-details.md §6.4 and §8.5).
namespace tradeflow {

struct leg_release {
  /// wait: nothing changes; otherwise `update` moves the leg out of
  /// waiting_trigger (to pending, canceled or error).
  trigger_decision kind = trigger_decision::wait;
  order_update update;
  /// Set when the leg's level was rebased to the parent's fill and
  /// differs: the transaction's take profit or stop loss follows it.
  caf::optional<double> rebased_level;
};

/// What happens to the waiting `leg` given its parent (none: missing).
/// Submitted legs take the parent's filled quantity; a parent that filled
/// nothing makes the leg an error. A rebased level is rounded to `tick`,
/// the tick of the leg's symbol.
leg_release release_leg(const order& leg, const caf::optional<order>& parent,
                        price_tick tick);

/// `leg` as released by `r`: pending, with its new quantity and level.
order released(order leg, const leg_release& r);

} // namespace tradeflow
