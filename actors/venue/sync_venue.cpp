#include "actors/venue/sync_venue.hpp"

namespace tradeflow {

sync_venue::sync_venue(std::shared_ptr<broker_adapter> adapter)
  : adapter_(std::move(adapter)) {
  // nop
}

void sync_venue::start(std::shared_ptr<venue_listener> listener) {
  listener_ = std::move(listener);
}

void sync_venue::stop() {
  listener_ = nullptr;
}

void sync_venue::submit(const broker_order& x) {
  auto reply = adapter_->submit(x);
  if (!reply || !listener_)
    return; // unanswered: the outcome stays unknown
  execution_report r;
  r.client_order_id = x.client_order_id;
  r.kind = reply->accepted ? exec_kind::acknowledged : exec_kind::rejected;
  r.status = reply->accepted ? order_status::open : order_status::rejected;
  r.broker_order_id = reply->broker_order_id;
  r.text = reply->reason;
  listener_->on_report(r);
}

void sync_venue::cancel(const cancel_request& x) {
  auto done = adapter_->cancel(x.client_order_id);
  if (!listener_)
    return;
  execution_report r;
  r.client_order_id = x.client_order_id;
  r.kind = done ? exec_kind::canceled : exec_kind::cancel_rejected;
  r.status = done ? order_status::canceled : order_status::open;
  listener_->on_report(r);
}

void sync_venue::request_status(const std::vector<broker_order>& xs) {
  std::vector<std::string> ids;
  ids.reserve(xs.size());
  for (auto& x : xs)
    ids.push_back(x.client_order_id);
  auto states = adapter_->status(ids);
  if (!listener_)
    return;
  for (auto& s : states)
    listener_->on_report(status_report(s));
}

execution_report status_report(const broker_order_state& x) {
  execution_report r;
  r.client_order_id = x.client_order_id;
  r.kind = exec_kind::status;
  r.known = x.known;
  r.status = x.status;
  r.broker_order_id = x.broker_order_id;
  r.cum_qty = x.filled_qty;
  r.avg_price = x.avg_price;
  return r;
}

broker_order_state order_state_of(const execution_report& x) {
  broker_order_state s;
  s.client_order_id = x.client_order_id;
  s.known = x.known;
  s.status = x.status;
  s.filled_qty = x.cum_qty;
  s.avg_price = x.avg_price;
  s.broker_order_id = x.broker_order_id;
  return s;
}

} // namespace tradeflow
