#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>

#include "broker.hpp"
#include "enums.hpp"
#include "finite.hpp"

/// The asynchronous venue boundary (README, "Connecting a real venue";
/// docs/engine-details.md §6.1). Every request returns at once; the venue
/// answers later with execution reports, from any thread. Public:
/// installed as <tradeflow/messages/venue.hpp>.
namespace tradeflow {

/// venue -> engine: one report on one order, named by its client order id
/// (the id the engine chose). Quantities are in shares.
struct execution_report {
  std::string client_order_id;
  exec_kind kind = exec_kind::status;
  /// False only on a status answer: the venue does not know the order.
  bool known = true;
  /// The order's status at the venue after this report.
  order_status status = order_status::pending;
  std::string broker_order_id;
  /// Unique per fill at the venue (FIX ExecID); empty when nothing filled.
  std::string exec_id;
  int64_t last_qty = 0;
  caf::optional<double> last_price;
  int64_t cum_qty = 0;
  caf::optional<double> avg_price;
  /// The venue's reason (reject, cancel reject) or free text.
  std::string text;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, execution_report& x) {
  auto finite = finite_check("execution_report", x.last_price, x.avg_price);
  return f(caf::meta::type_name("execution_report"),
           caf::meta::save_callback(finite), x.client_order_id, x.kind,
           x.known, x.status, x.broker_order_id, x.exec_id, x.last_qty,
           x.last_price, x.cum_qty, x.avg_price, x.text,
           caf::meta::load_callback(finite));
}

/// engine -> venue: cancel one working order. The venue needs the order's
/// own fields (FIX 35=F repeats symbol, side and quantity).
struct cancel_request {
  /// The order to cancel.
  std::string client_order_id;
  /// A fresh id for the cancel itself (FIX ClOrdID of the 35=F).
  std::string cancel_id;
  std::string symbol;
  order_side side = order_side::buy;
  int64_t quantity = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cancel_request& x) {
  return f(caf::meta::type_name("cancel_request"), x.client_order_id,
           x.cancel_id, x.symbol, x.side, x.quantity);
}

/// Receives a venue's reports. Thread-safe: a venue calls it from its own
/// threads, at any time after `venue_adapter::start`, and must not call it
/// after `stop` returned.
class venue_listener {
public:
  virtual ~venue_listener() = default;
  virtual void on_report(const execution_report& x) = 0;
};

/// A trading venue (the paper venue, FIX, a host's own). The engine calls
/// it from one actor at a time; no call may block on the network: a venue
/// that does I/O does it on its own threads and answers through the
/// listener. "Unknown": an order with no answer yet (submission or status)
/// stays `pending` in the database and keeps blocking a duplicate.
class venue_adapter {
public:
  virtual ~venue_adapter() = default;

  /// Begins delivering reports to `listener` (connects, logs on).
  virtual void start(std::shared_ptr<venue_listener> listener) = 0;
  /// Stops delivering reports; bounded, idempotent.
  virtual void stop() = 0;

  /// Sends `x`; answered by `acknowledged` or `rejected`, then fills.
  /// Idempotent on the client order id.
  virtual void submit(const broker_order& x) = 0;
  /// Asks to cancel; answered by `canceled` or `cancel_rejected`.
  virtual void cancel(const cancel_request& x) = 0;
  /// Asks for the status of these orders; each answered by a report,
  /// `kind == status` (or with what happened), or not at all.
  virtual void request_status(const std::vector<broker_order>& xs) = 0;

  /// Whether the venue cancels the other orders of an `oco_group` when one
  /// fills. When false, the engine's adapter emulates it.
  virtual bool native_oco() const {
    return false;
  }
};

} // namespace tradeflow
