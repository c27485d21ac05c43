#pragma once

#include <string>

#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "actors/fix/fix_wire.hpp"
#include "messages/venue.hpp"

/// The FIX 4.2 mapping of the FIX venue (docs/fix-venue.md), as plain
/// functions: engine requests to FIX tag values and FIX
/// execution reports back. No QuickFIX, no state.
namespace tradeflow::fix {

/// How a market order goes out. `collar == 0`: as a FIX market order
/// (40=1). `collar > 0`: as a marketable limit order (40=2) at the
/// reference price plus the collar for a buy (minus for a sell), rounded
/// to `tick` towards the reference, so the order never pays more than the
/// collar; a venue without market orders (QuickFIX's ordermatch) fills it
/// at the resting price.
struct market_mapping {
  double collar = 0.05;
  double tick = 0.01;
};

/// New Order Single for `x`. `reference` is the price a collared market
/// order is based on (none: `x.limit_price`). `ec::invalid_input` when a
/// collared market order has no reference price, a limit order no limit
/// price, a stop order no stop price, or the quantity is not positive.
caf::expected<wire_order> to_wire(const broker_order& x,
                                  const market_mapping& market,
                                  caf::optional<double> reference);

/// Order Cancel Request for `x` (41 = the order, 11 = the cancel's own id).
wire_cancel to_wire(const cancel_request& x);

/// Order Status Request for `x`.
wire_status_request to_status_request(const broker_order& x);

/// The order status a FIX OrdStatus (39) stands for; `pending` when absent
/// or unknown.
order_status status_of(char ord_status);

/// What a FIX ExecType (150) says happened, or OrdStatus (39) when 150 is
/// absent: New → acknowledged, Partial fill → partially_filled, Fill →
/// filled, Canceled, Expired and Done for day → canceled, Rejected →
/// rejected, anything else → status.
exec_kind kind_of(char exec_type, char ord_status);

/// The report of an Execution Report (35=8), named by `client_order_id`
/// (the caller resolves cancel ids and OrderIDs to it).
execution_report report_of(const wire_in& x,
                           const std::string& client_order_id);

} // namespace tradeflow::fix
