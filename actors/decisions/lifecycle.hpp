#pragma once

#include <cstdint>
#include <vector>

#include <caf/optional.hpp>

#include "messages/entities.hpp"

/// Order lifecycle decisions as plain C++: the waiting-trigger table of
/// docs/engine-details.md §6.4 and the transaction sync rules of §6.3.
namespace tradeflow {

enum class trigger_decision : uint8_t { error, submit, wait, cancel };

/// §6.4, first match: parent missing -> error; parent status == trigger ->
/// submit; partially_filled -> wait; filled -> submit; terminal -> cancel;
/// otherwise wait.
trigger_decision classify_trigger(caf::optional<order_status> parent,
                                  order_status trigger);

/// Every order but the entry closes its transaction (legs and closes).
bool is_closing_order(const order& x);

/// What sync decides for one transaction (§6.3).
struct sync_decision {
  caf::optional<transaction> updated;  ///< new row, or none: unchanged
  std::vector<int64_t> cancel_orders;  ///< orders to cancel (other legs)
  bool index_conflict = false;         ///< rule 4 could not reopen
};

/// §6.3, first match wins. `orders` are all orders of `txn` ordered by id;
/// `open_index_taken` tells whether another WAITING/OPENED transaction of
/// the expert holds the symbol (rule 4).
sync_decision sync_transaction(const transaction& txn,
                               const std::vector<order>& orders,
                               bool open_index_taken, int64_t now_ms);

} // namespace tradeflow
