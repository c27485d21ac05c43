#pragma once

#include <map>
#include <mutex>
#include <string>

#include <caf/optional.hpp>

#include "actors/fix/fix_wire.hpp"
#include "messages/venue.hpp"

/// What the FIX venue remembers to name each inbound message's order:
/// FIX answers a cancel under the cancel's own id (or, like QuickFIX's
/// ordermatch, under the order's id without tag 41), and a reject names
/// only the sequence number of the refused message. Thread-safe: the
/// engine's actor adds, QuickFIX's threads translate.
namespace tradeflow::fix {

class fix_order_book {
public:
  /// Remembers an order; false when its client order id was added before
  /// (a repeated submit is not sent again).
  bool add_order(const broker_order& x);
  /// Remembers a cancel's id, so its answer maps to the order.
  void add_cancel(const cancel_request& x);
  /// Remembers the sequence number an application message went out with.
  void add_sent(const wire_sent& x);

  /// The report an inbound message stands for, or none when it names no
  /// request of ours (a reject of a message we did not map).
  caf::optional<execution_report> translate(const wire_in& x);

private:
  std::string order_of(const std::string& id) const;
  std::string order_of_report(const wire_in& x) const;
  caf::optional<execution_report> translate_reject(const wire_in& x);
  order_status last_status(const std::string& id) const;

  std::mutex mtx_;
  /// The last status reported, by client order id.
  std::map<std::string, order_status> orders_;
  /// Client order id by cancel id.
  std::map<std::string, std::string> cancels_;
  /// Application messages by MsgSeqNum (a sequence reset overwrites).
  std::map<int, wire_sent> sent_;
};

} // namespace tradeflow::fix
