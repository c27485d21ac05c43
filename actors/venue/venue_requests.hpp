#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/typed_response_promise.hpp>

#include "messages/broker.hpp"
#include "messages/venue.hpp"

namespace tradeflow {

/// The broker actor's book-keeping of requests waiting for a venue's
/// reports, and of what it knows of each order. Plain data, no actor: the
/// broker actor decides when a request is answered or expires.
struct venue_requests {
  struct status_query {
    std::vector<std::string> ids;
    std::map<std::string, broker_order_state> answered;
    caf::typed_response_promise<std::vector<broker_order_state>> rp;
  };

  /// Promises by client order id; the token names each for its expiry.
  std::unordered_multimap<std::string,
                          std::pair<uint64_t,
                                    caf::typed_response_promise<submit_reply>>>
    submits;
  std::unordered_multimap<std::string,
                          std::pair<uint64_t, caf::typed_response_promise<bool>>>
    cancels;
  std::unordered_map<uint64_t, status_query> queries;
  std::unordered_multimap<std::string, uint64_t> queries_by_order;
  uint64_t next_token = 1;

  /// What was sent, by client order id (a cancel or a one-cancels-other
  /// emulation needs the order's fields), and the groups.
  std::unordered_map<std::string, broker_order> sent;
  std::unordered_map<std::string, std::vector<std::string>> groups;
  /// The latest report of each order, known to the venue.
  std::unordered_map<std::string, execution_report> latest;
  /// Order of first sight, so that old final orders can be forgotten.
  std::deque<std::string> seen;

  /// Forgets final orders beyond `cap` entries (oldest first).
  void prune(size_t cap);
  void remember(const broker_order& x);
  void note(const execution_report& x);
  /// Whether the latest report says the order is done at the venue.
  bool is_done(const std::string& id) const;
};

} // namespace tradeflow
