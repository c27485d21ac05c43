#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include <caf/optional.hpp>

/// The lock registry's waiter deadlines, earliest first, served by one
/// timer (docs/engine.md §3.1-§3.2), as plain C++ over any clock.
///
/// A waiter that is granted or cancelled is not searched for: its entry
/// stays until it reaches the front, where `is_live` (asked of the
/// owner, who knows its waiters) drops it. Nearly every waiter has the
/// same max_wait, so a new deadline goes at the back in O(1); a shorter
/// one is inserted in order.
namespace tradeflow {

template <class TimePoint>
class deadline_queue {
public:
  using entry = std::pair<TimePoint, uint64_t>;

  void add(TimePoint deadline, uint64_t ticket) {
    entry x{deadline, ticket};
    if (entries_.empty() || entries_.back() <= x) {
      entries_.push_back(x);
      return;
    }
    entries_.insert(std::upper_bound(entries_.begin(), entries_.end(), x), x);
  }

  /// The earliest live deadline, after dropping stale entries at the front.
  template <class IsLive>
  caf::optional<TimePoint> earliest(IsLive is_live) {
    drop_stale(is_live);
    if (entries_.empty())
      return caf::none;
    return entries_.front().first;
  }

  /// Removes and returns the live tickets due at `now`, earliest first.
  template <class IsLive>
  std::vector<uint64_t> take_due(TimePoint now, IsLive is_live) {
    std::vector<uint64_t> due;
    drop_stale(is_live);
    while (!entries_.empty() && entries_.front().first <= now) {
      due.push_back(entries_.front().second);
      entries_.pop_front();
      drop_stale(is_live);
    }
    return due;
  }

  /// Entries held, stale ones included (they go once at the front).
  size_t size() const {
    return entries_.size();
  }

private:
  template <class IsLive>
  void drop_stale(IsLive& is_live) {
    while (!entries_.empty() && !is_live(entries_.front()))
      entries_.pop_front();
  }

  std::deque<entry> entries_;
};

} // namespace tradeflow
