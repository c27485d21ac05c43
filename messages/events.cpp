#include "messages/events.hpp"

#include <cstdio>

namespace tradeflow {

std::string to_string(event_kind x) {
  switch (x) {
    case event_kind::run_finished:
      return "run_finished";
    case event_kind::order_submitted:
      return "order_submitted";
    case event_kind::order_acknowledged:
      return "order_acknowledged";
    case event_kind::order_partially_filled:
      return "order_partially_filled";
    case event_kind::order_filled:
      return "order_filled";
    case event_kind::order_canceled:
      return "order_canceled";
    case event_kind::order_rejected:
      return "order_rejected";
    case event_kind::transaction_status:
      return "transaction_status";
    case event_kind::events_lost:
      return "events_lost";
  }
  return "unknown";
}

namespace {

std::string price_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4f", x);
  return buf;
}

std::string order_text(const order_event& o) {
  auto text = "txn=" + std::to_string(o.transaction_id) + " " + o.symbol + " "
              + to_string(o.role) + " " + to_string(o.side) + " "
              + std::to_string(o.quantity) + " " + o.client_order_id;
  if (o.filled_qty > 0) {
    text += " filled=" + std::to_string(o.filled_qty);
    if (o.filled_avg_price)
      text += " @ " + price_text(*o.filled_avg_price);
  }
  if (!o.reason.empty())
    text += " (" + o.reason + ")";
  return text;
}

std::string transaction_text(const transaction_event& t) {
  auto text = "txn=" + std::to_string(t.transaction_id) + " " + t.symbol
              + " " + (t.from ? to_string(*t.from) : std::string{"new"})
              + " -> " + to_string(t.to);
  if (t.open_price)
    text += " open=" + price_text(*t.open_price);
  if (t.close_price)
    text += " close=" + price_text(*t.close_price);
  return text;
}

std::string run_text(const run_result& r) {
  auto text = "expert=" + std::to_string(r.expert_id) + " " + to_string(r.uc)
              + " " + to_string(r.status) + " orders="
              + std::to_string(r.orders.size());
  if (r.error)
    text += " error: " + *r.error;
  return text;
}

} // namespace

std::string describe(const engine_event& x) {
  auto text = "#" + std::to_string(x.sequence) + " " + to_string(x.kind);
  if (x.order)
    return text + " " + order_text(*x.order);
  if (x.transaction)
    return text + " " + transaction_text(*x.transaction);
  if (x.run)
    return text + " " + run_text(*x.run);
  if (x.kind == event_kind::events_lost)
    return text + " " + std::to_string(x.lost);
  return text;
}

} // namespace tradeflow
