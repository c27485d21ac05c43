#include "actors/fix/fix_order_book.hpp"

#include "actors/fix/fix_translate.hpp"

namespace tradeflow::fix {

bool fix_order_book::add_order(const broker_order& x) {
  std::lock_guard<std::mutex> guard{mtx_};
  return orders_.emplace(x.client_order_id, order_status::pending).second;
}

void fix_order_book::add_cancel(const cancel_request& x) {
  std::lock_guard<std::mutex> guard{mtx_};
  cancels_[x.cancel_id] = x.client_order_id;
}

void fix_order_book::add_sent(const wire_sent& x) {
  std::lock_guard<std::mutex> guard{mtx_};
  sent_[x.seq_num] = x;
}

std::string fix_order_book::order_of(const std::string& id) const {
  auto i = cancels_.find(id);
  return i == cancels_.end() ? id : i->second;
}

// Tag 41 names the order when present. Without it, ClOrdID may be a
// cancel's id; and an id we never sent may still be the order's OrderID
// (ordermatch uses the ClOrdID as OrderID).
std::string fix_order_book::order_of_report(const wire_in& x) const {
  if (!x.orig_cl_ord_id.empty())
    return order_of(x.orig_cl_ord_id);
  auto id = order_of(x.cl_ord_id);
  if (orders_.count(id) == 0 && orders_.count(x.order_id) > 0)
    return x.order_id;
  return id;
}

order_status fix_order_book::last_status(const std::string& id) const {
  auto i = orders_.find(id);
  return i == orders_.end() ? order_status::pending : i->second;
}

caf::optional<execution_report>
fix_order_book::translate(const wire_in& x) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (x.kind == wire_kind::execution_report) {
    auto r = report_of(x, order_of_report(x));
    orders_[r.client_order_id] = r.status;
    return r;
  }
  if (x.kind == wire_kind::cancel_reject) {
    execution_report r;
    r.client_order_id = order_of_report(x);
    r.kind = exec_kind::cancel_rejected;
    r.status = x.ord_status ? status_of(x.ord_status)
                            : last_status(r.client_order_id);
    r.broker_order_id = x.order_id;
    r.text = x.text;
    return r;
  }
  return translate_reject(x);
}

// A Business Message Reject (35=j) or session Reject (35=3) names the
// refused message by RefSeqNum (45); BusinessRejectRefID (379) and
// RefMsgType (372) are the fallback when we do not know that number.
caf::optional<execution_report>
fix_order_book::translate_reject(const wire_in& x) {
  wire_sent ref{x.ref_seq_num, x.ref_msg_type, x.business_reject_ref_id};
  if (auto i = sent_.find(x.ref_seq_num); i != sent_.end())
    ref = i->second;
  if (ref.cl_ord_id.empty())
    return caf::none;
  execution_report r;
  r.client_order_id = order_of(ref.cl_ord_id);
  r.text = x.text.empty() ? "rejected by the venue (" + ref.msg_type + ")"
                          : x.text;
  if (ref.msg_type == "D") {
    r.kind = exec_kind::rejected;
    r.status = order_status::rejected;
    orders_[r.client_order_id] = r.status;
  } else if (ref.msg_type == "F") {
    r.kind = exec_kind::cancel_rejected;
    r.status = last_status(r.client_order_id);
  } else if (ref.msg_type == "H") {
    // The venue cannot tell: the order stays unknown (messages/venue.hpp).
    r.kind = exec_kind::status;
    r.known = false;
    r.status = last_status(r.client_order_id);
  } else {
    return caf::none;
  }
  return r;
}

} // namespace tradeflow::fix
