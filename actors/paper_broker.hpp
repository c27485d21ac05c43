#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "messages/broker_adapter.hpp"

/// The built-in paper broker (docs/engine-details.md §6.2, §8.5): market orders
/// fill at the current price; buy_limit when price <= limit, sell_limit when
/// price >= limit, sell_stop when price <= stop, buy_stop when price >= stop,
/// checked on arrival and on every price change in submission order; a limit
/// order fills at its limit, stop and market orders at the current price; fills
/// are whole; an `oco_group` cancels its other working orders when one fills.
/// Faults: refuse_symbols, timeout_symbols (never answered and unknown to
/// status), refuse_after, drop_answers.
namespace tradeflow {

class paper_broker : public broker_adapter {
public:
  paper_broker(price_quotes initial, double balance, broker_faults faults);

  caf::optional<submit_reply> submit(const broker_order& x) override;
  std::vector<broker_order_state>
  status(const std::vector<std::string>& client_order_ids) override;
  bool cancel(const std::string& client_order_id) override;
  price_quotes prices(const std::vector<std::string>& symbols) override;
  void set_prices(const price_quotes& x) override;
  double balance() override;
  void set_faults(const broker_faults& x) override;
  bool reset(const venue_setup& x) override;

private:
  struct book_entry {
    broker_order order;
    broker_order_state state;
    uint64_t seq = 0;
  };

  /// Fills `x` when the current price reaches it; `on_arrival` tells a
  /// newly submitted order (marketable: current price) from a resting one
  /// (its limit).
  bool try_fill(book_entry& x, bool on_arrival);
  void cancel_group(const std::string& group, const std::string& except);

  std::map<std::string, double> prices_;
  double balance_;
  broker_faults faults_;
  std::map<std::string, book_entry> book_; // by client order id
  /// Client order ids by OCO group, so that a fill cancels its siblings
  /// without walking the whole book.
  std::map<std::string, std::vector<std::string>> groups_;
  uint64_t next_seq_ = 1;
  int64_t accepted_ = 0;
};

} // namespace tradeflow
