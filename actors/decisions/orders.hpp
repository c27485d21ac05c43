#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "actors/decisions/entry_plan.hpp"
#include "messages/broker.hpp"
#include "messages/store.hpp"

/// Building the rows and broker messages of orders, as plain C++: every
/// order the engine creates is made here, with its stored role
/// (docs/engine.md §3.3 for client ids, docs/engine-details.md §8.2-§8.3).
namespace tradeflow {

/// The client-id suffix of a role: `entry`, `tp`, `sl` or `close`. Ids are
/// only written, never parsed: the role is stored with the order.
const char* client_id_leg(order_role role);

/// The order type of a take-profit (limit) or stop-loss (stop) leg that
/// closes a position of `position_side`: a long closes by selling.
order_type leg_type(order_side position_side, order_role role);

/// The level of a leg: its limit price for a take profit, else its stop.
caf::optional<double> level_of(const order& leg);

/// The entry of a transaction among `orders`: role entry, same
/// transaction id, the lowest id if there were several; null if none.
const order* entry_of(const transaction& txn, const std::vector<order>& orders);

/// A take-profit or stop-loss leg planned with an entry: waiting for the
/// entry to fill.
order make_entry_leg(const recommendation& rec, order_side entry_side,
                     const leg_plan& plan, int64_t now_ms);

/// One funded enter_market candidate: its WAITING transaction, market
/// entry and legs, written together (docs/engine.md §2 step 6).
entry_write make_entry(const recommendation& rec, const entry_plan& plan,
                       int64_t quantity, double price, int64_t now_ms,
                       uint64_t epoch);

/// The market order of a `close` action: opposite side, the position's
/// quantity.
order make_close(const transaction& txn, const recommendation& rec,
                 int64_t now_ms);

/// A new leg placed by an adjust action on an existing position: waiting
/// on `entry` while it has not filled (with `reference` as the rebase
/// price), else pending for submission now.
order make_position_leg(const transaction& txn, const recommendation& rec,
                        order_role role, double level, const order* entry,
                        caf::optional<double> reference, int64_t now_ms);

/// The broker's view of `x`. A transaction's closing orders share one
/// one-cancels-other group at the broker; an entry has none.
broker_order to_broker_order(const order& x);

/// The update for a submission nobody answered: the outcome is unknown,
/// so the order stays pending and keeps blocking duplicates.
order_update unanswered_submission(const order& x);

/// The order update a submission answer leads to: `pending -> open` with
/// the broker id when accepted, `pending -> error` with the reason when
/// refused.
order_update submission_update(int64_t order_id, const submit_reply& rep);

} // namespace tradeflow
