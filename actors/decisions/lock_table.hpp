#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/optional.hpp>

/// The lock registry's table, free of CAF so it is unit-tested directly
/// (docs/engine.md §3.1-§3.3). One lock per key, FIFO waiters, holders
/// identified by (owner, ticket), one fencing-epoch counter for the whole
/// table, and free keys without waiters dropped so the table never grows
/// unbounded. Deadlines are the caller's: it calls `expire` when a waiter's
/// max_wait has passed.
namespace tradeflow {

template <class Owner>
class lock_table {
public:
  /// A lock handed to a ticket: deliver `epoch` to its requester.
  struct grant {
    std::string key;
    uint64_t ticket = 0;
    int64_t epoch = 0;
  };

  /// `first_epoch` is one more than the highest epoch ever recorded.
  explicit lock_table(int64_t first_epoch = 1) : next_epoch_(first_epoch) {
    // nop
  }

  /// Grants at once when `key` is free (returns the grant), else queues
  /// the ticket behind the current waiters (returns none).
  caf::optional<grant> acquire(const std::string& key, uint64_t ticket,
                               const Owner& owner) {
    auto& entry = entries_[key];
    if (!entry.holder && entry.waiters.empty())
      return hand_to(key, entry, ticket, owner);
    entry.waiters.push_back(waiter_info{ticket, owner});
    return caf::none;
  }

  /// Releases `key` if `ticket` holds it (idempotent; anyone else's release
  /// changes nothing). Returns the grant to the next waiter, if any.
  caf::optional<grant> release(const std::string& key, uint64_t ticket) {
    auto i = entries_.find(key);
    if (i == entries_.end() || !i->second.holder
        || i->second.holder->ticket != ticket)
      return caf::none;
    i->second.holder = caf::none;
    --held_;
    return pass_on(i);
  }

  /// A waiter's deadline passed: dequeue it. True when it was waiting (the
  /// caller then answers it with a timeout).
  bool expire(const std::string& key, uint64_t ticket) {
    auto i = entries_.find(key);
    if (i == entries_.end())
      return false;
    auto& ws = i->second.waiters;
    for (auto w = ws.begin(); w != ws.end(); ++w) {
      if (w->ticket == ticket) {
        ws.erase(w);
        drop_if_free(i);
        return true;
      }
    }
    return false;
  }

  /// The requester gave up: dequeue the ticket, or release the lock if a
  /// grant had just made it holder. Returns the grant to the next waiter.
  caf::optional<grant> cancel(const std::string& key, uint64_t ticket) {
    if (expire(key, ticket))
      return caf::none;
    return release(key, ticket);
  }

  /// An owner died: release every lock it holds and drop its waiters.
  /// Returns the grants to hand to the next waiters.
  std::vector<grant> owner_down(const Owner& owner) {
    std::vector<grant> result;
    for (auto i = entries_.begin(); i != entries_.end();) {
      auto& ws = i->second.waiters;
      for (auto w = ws.begin(); w != ws.end();)
        w = w->owner == owner ? ws.erase(w) : w + 1;
      auto next = std::next(i);
      if (i->second.holder && i->second.holder->owner == owner) {
        i->second.holder = caf::none;
        --held_;
        if (auto g = pass_on(i))
          result.push_back(std::move(*g));
      } else {
        drop_if_free(i);
      }
      i = next;
    }
    return result;
  }

  /// True when `owner` holds a lock or waits for one.
  bool involves(const Owner& owner) const {
    for (auto& [key, entry] : entries_) {
      if (entry.holder && entry.holder->owner == owner)
        return true;
      for (auto& w : entry.waiters)
        if (w.owner == owner)
          return true;
    }
    return false;
  }

  /// Holder ticket of `key` (0 = free), waiter count and holder epoch.
  uint64_t holder_ticket(const std::string& key) const {
    auto i = entries_.find(key);
    return i != entries_.end() && i->second.holder ? i->second.holder->ticket
                                                   : 0;
  }

  size_t waiters(const std::string& key) const {
    auto i = entries_.find(key);
    return i != entries_.end() ? i->second.waiters.size() : 0;
  }

  int64_t holder_epoch(const std::string& key) const {
    auto i = entries_.find(key);
    return i != entries_.end() && i->second.holder ? i->second.holder->epoch
                                                   : 0;
  }

  size_t keys() const {
    return entries_.size();
  }

  /// Counted, not scanned: the supervisor reads it after every lock
  /// operation for the locks_held gauge (docs/metrics.md).
  size_t held() const {
    return held_;
  }

  size_t waiting() const {
    size_t n = 0;
    for (auto& kvp : entries_)
      n += kvp.second.waiters.size();
    return n;
  }

  int64_t next_epoch() const {
    return next_epoch_;
  }

private:
  struct holder_info {
    uint64_t ticket;
    Owner owner;
    int64_t epoch;
  };

  struct waiter_info {
    uint64_t ticket;
    Owner owner;
  };

  struct entry {
    caf::optional<holder_info> holder;
    std::deque<waiter_info> waiters;
  };

  using map_type = std::unordered_map<std::string, entry>;

  grant hand_to(const std::string& key, entry& e, uint64_t ticket,
                const Owner& owner) {
    auto epoch = next_epoch_++;
    e.holder = holder_info{ticket, owner, epoch};
    ++held_; // only ever called on a key without a holder
    return grant{key, ticket, epoch};
  }

  caf::optional<grant> pass_on(typename map_type::iterator i) {
    auto& e = i->second;
    if (e.waiters.empty()) {
      entries_.erase(i);
      return caf::none;
    }
    auto next = std::move(e.waiters.front());
    e.waiters.pop_front();
    return hand_to(i->first, e, next.ticket, next.owner);
  }

  void drop_if_free(typename map_type::iterator i) {
    if (!i->second.holder && i->second.waiters.empty())
      entries_.erase(i);
  }

  map_type entries_;
  size_t held_ = 0;
  int64_t next_epoch_;
};

} // namespace tradeflow
