#include "actors/decisions/checks.hpp"

namespace tradeflow {

caf::optional<guard_stop> check_guards(const run_snapshot& ctx, use_case uc) {
  if (!ctx.who)
    return guard_stop{run_status::guard_unknown_expert, "unknown expert"};
  if (!ctx.who->enabled)
    return guard_stop{run_status::guard_disabled, "expert is disabled"};
  auto& s = ctx.who->settings;
  if (uc == use_case::enter_market && !s.allow_automated_trade_opening)
    return guard_stop{run_status::guard_opening_not_allowed,
                      "automated trade opening is not allowed"};
  if (uc == use_case::open_positions && !s.allow_automated_trade_modification)
    return guard_stop{run_status::guard_modification_not_allowed,
                      "automated trade modification is not allowed"};
  if (!ctx.rules)
    return guard_stop{run_status::guard_no_ruleset,
                      "no ruleset for this use case"};
  return caf::none;
}

entry_screen screen_entry(const recommendation& rec, order_side side,
                          const std::vector<transaction>& live,
                          const expert_settings& settings) {
  entry_screen result;
  for (auto& t : live) {
    if (t.symbol != rec.symbol || !blocks_new_entry(t.status))
      continue;
    result.result = outcome::skipped_duplicate;
    result.reason = "transaction " + std::to_string(t.id) + " in "
                    + to_string(t.status);
    result.existing = &t;
    return result;
  }
  bool allowed = side == order_side::buy ? settings.enable_buy
                                         : settings.enable_sell;
  if (!allowed) {
    result.result = outcome::denied_permission;
    result.reason = to_string(side) + " not enabled for expert";
  }
  return result;
}

} // namespace tradeflow
