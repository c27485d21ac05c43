#pragma once

#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "broker.hpp"
#include "cluster.hpp"

/// The broker interface of docs/engine-details.md §6.1. The
/// broker-submission actor owns one; the paper broker is the built-in one
/// and a real adapter (REST, FIX) replaces it without touching the
/// workers. Public: a host plugs its own in (docs/embedding.md §2.3),
/// installed as <tradeflow/messages/broker_adapter.hpp>. The broker
/// actor calls it from one thread at a time.
namespace tradeflow {

class broker_adapter {
public:
  virtual ~broker_adapter() = default;

  /// Submits `x`, idempotent on its client order id. None: the submission
  /// gets no answer (unknown outcome, docs/engine-details.md §6.1).
  virtual caf::optional<submit_reply> submit(const broker_order& x) = 0;

  /// What the broker knows of these orders (unknown ones: known = false).
  virtual std::vector<broker_order_state>
  status(const std::vector<std::string>& client_order_ids) = 0;

  /// Cancels a working order; false when it is not working.
  virtual bool cancel(const std::string& client_order_id) = 0;

  virtual price_quotes prices(const std::vector<std::string>& symbols) = 0;
  virtual double balance() = 0;

  /// Simulation only (a replay's price and fault steps); a real venue
  /// ignores them.
  virtual void set_prices(const price_quotes& x) {
    static_cast<void>(x);
  }
  virtual void set_faults(const broker_faults& x) {
    static_cast<void>(x);
  }

  /// Starts over from `x` (a replay against a running cluster); only a
  /// simulated venue can, so the default refuses.
  virtual bool reset(const venue_setup& x) {
    static_cast<void>(x);
    return false;
  }
};

} // namespace tradeflow
