#pragma once

#include <memory>

#include "messages/broker_adapter.hpp"
#include "messages/venue.hpp"

namespace tradeflow {

/// A synchronous `broker_adapter` (the paper broker, or a host's adapter
/// that answers at once) seen as an asynchronous venue: each request is
/// answered by reports sent to the listener before the call returns. Its
/// one-cancels-other groups are the adapter's own (the paper broker has
/// them), so `native_oco` is true. Polling semantics stay: a fill inside
/// the adapter (a price step) is learned by a status request, never
/// pushed, which keeps replays exactly as the contract fixes them
/// (docs/engine-details.md §6.1).
class sync_venue : public venue_adapter {
public:
  explicit sync_venue(std::shared_ptr<broker_adapter> adapter);

  void start(std::shared_ptr<venue_listener> listener) override;
  void stop() override;
  void submit(const broker_order& x) override;
  void cancel(const cancel_request& x) override;
  void request_status(const std::vector<broker_order>& xs) override;
  bool native_oco() const override {
    return true;
  }

private:
  std::shared_ptr<broker_adapter> adapter_;
  std::shared_ptr<venue_listener> listener_;
};

/// The report that says what `x` tells of one order.
execution_report status_report(const broker_order_state& x);

/// What a report says of its order, as a refresh applies it.
broker_order_state order_state_of(const execution_report& x);

} // namespace tradeflow
