#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "enums.hpp"
#include "finite.hpp"
#include "run.hpp"

/// What the engine tells its host (docs/embedding.md §3). Part of the
/// public API: installed as <tradeflow/messages/events.hpp>.
namespace tradeflow {

enum class event_kind : uint8_t {
  /// A run (enter_market / open_positions) finished; `run` is set.
  run_finished,
  /// An order row was committed in `pending` (an entry, a close) or a
  /// waiting leg was released to `pending`: the engine sends it next.
  order_submitted,
  /// The venue accepted it (`pending -> open`).
  order_acknowledged,
  /// Part of it filled (`filled_qty` grew, not yet whole).
  order_partially_filled,
  order_filled,
  order_canceled,
  /// The venue refused it, or it ended in error (`pending -> error`).
  order_rejected,
  /// A transaction was opened or changed status; `transaction` is set.
  transaction_status,
  /// This subscriber's queue was full: `lost` events were dropped before
  /// this one (docs/embedding.md §3.3).
  events_lost,
};

std::string to_string(event_kind x);

/// An order's change, with what a host needs to place it.
struct order_event {
  int64_t order_id = 0;
  int64_t transaction_id = 0;
  int64_t expert_id = 0;
  std::string symbol;
  std::string client_order_id;
  order_role role = order_role::entry;
  order_side side = order_side::buy;
  order_type type = order_type::market;
  int64_t quantity = 0;
  /// None for a newly written order.
  caf::optional<order_status> from;
  order_status to = order_status::pending;
  int64_t filled_qty = 0;
  caf::optional<double> filled_avg_price;
  caf::optional<std::string> broker_order_id;
  /// The venue's reason for a rejection, or why the engine canceled.
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_event& x) {
  auto finite = finite_check("order_event", x.filled_avg_price);
  return f(caf::meta::type_name("order_event"), caf::meta::save_callback(finite),
           x.order_id, x.transaction_id, x.expert_id, x.symbol,
           x.client_order_id, x.role, x.side, x.type, x.quantity, x.from,
           x.to, x.filled_qty, x.filled_avg_price, x.broker_order_id,
           x.reason, caf::meta::load_callback(finite));
}

/// A transaction's status change (`from` none: it was just opened).
struct transaction_event {
  int64_t transaction_id = 0;
  int64_t expert_id = 0;
  std::string symbol;
  caf::optional<txn_status> from;
  txn_status to = txn_status::waiting;
  order_side side = order_side::buy;
  int64_t quantity = 0;
  caf::optional<double> open_price;
  caf::optional<double> close_price;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, transaction_event& x) {
  auto finite = finite_check("transaction_event", x.open_price,
                             x.close_price);
  return f(caf::meta::type_name("transaction_event"),
           caf::meta::save_callback(finite), x.transaction_id, x.expert_id,
           x.symbol, x.from, x.to, x.side, x.quantity, x.open_price,
           x.close_price, caf::meta::load_callback(finite));
}

/// One event. `sequence` counts every event the engine published, from 1,
/// so a subscriber sees a gap as a jump; exactly one of `order`,
/// `transaction`, `run` is set, as `kind` says (none for events_lost).
struct engine_event {
  uint64_t sequence = 0;
  event_kind kind = event_kind::run_finished;
  /// Engine clock, epoch ms, when the change was committed.
  int64_t at_ms = 0;
  caf::optional<order_event> order;
  caf::optional<transaction_event> transaction;
  caf::optional<run_result> run;
  uint64_t lost = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, engine_event& x) {
  return f(caf::meta::type_name("engine_event"), x.sequence, x.kind, x.at_ms,
           x.order, x.transaction, x.run, x.lost);
}

/// What an actor subscriber receives, and acknowledges with `true`
/// (docs/embedding.md §3.2): the bus sends the next batch only then.
struct event_batch {
  std::vector<engine_event> events;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, event_batch& x) {
  return f(caf::meta::type_name("event_batch"), x.events);
}

/// The event as one line of text, for logs and the embedding example:
/// `#12 order_filled txn=3 AAPL take_profit sell 10 @ 105.5`.
std::string describe(const engine_event& x);

} // namespace tradeflow
