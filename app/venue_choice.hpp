#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "actors/broker_submitter.hpp"
#include "app/config.hpp"
#include "messages/broker.hpp"

/// Which venue an engine trades on: the paper venue (default) or the FIX
/// venue of actors/fix (README, "Connecting a real venue";
/// docs/fix-venue.md).
namespace tradeflow {

/// The last known price of each symbol, shared by whoever applies prices
/// (a replay's price steps, the initial prices) and the FIX venue's
/// `reference_price` hook, which reads it from QuickFIX's or the broker
/// actor's thread: hence the lock. A market order is collared around it.
class quote_board {
public:
  explicit quote_board(const price_quotes& initial = {}) {
    set(initial);
  }

  void set(const price_quotes& x) {
    std::lock_guard<std::mutex> guard{mtx_};
    for (auto& [symbol, price] : x.prices)
      prices_[symbol] = price;
  }

  caf::optional<double> get(const std::string& symbol) const {
    std::lock_guard<std::mutex> guard{mtx_};
    if (auto i = prices_.find(symbol); i != prices_.end())
      return i->second;
    return caf::none;
  }

private:
  mutable std::mutex mtx_;
  std::map<std::string, double> prices_;
};

/// `--broker` / `[broker] broker` and `--fix-config` / `[broker]
/// fix-config`.
struct venue_choice {
  /// "paper" or "fix".
  std::string broker = "paper";
  /// The QuickFIX session settings file (broker "fix" only).
  std::string fix_config;
  /// The FIX venue's price increment for a collared market order: the
  /// engine's default tick.
  double price_tick = 0.01;

  bool fix() const {
    return broker == "fix";
  }
};

/// The venue `cfg` names, its tick the engine's default tick.
venue_choice venue_choice_of(const engine_config& cfg);

/// Whether this build has the FIX venue (QuickFIX was found).
bool fix_venue_built();

/// `--broker fix` needs `--fix-config` naming a valid QuickFIX settings
/// file, and a build with QuickFIX; `ec::invalid_input` naming the flag.
/// Nothing is connected.
caf::error check_venue_choice(const venue_choice& x);

/// The FIX venue over `x.fix_config` with its market-order reference
/// prices read from `board`: the broker actor's backend, with `prices`
/// and `balance` as its prices and balance. `ec::invalid_input` naming
/// `--fix-config` when the file is refused.
caf::expected<broker_backend> fix_backend(const venue_choice& x,
                                          std::shared_ptr<quote_board> board,
                                          price_quotes prices,
                                          double balance);

/// A host's own asynchronous venue as the broker actor's backend.
broker_backend async_backend(std::shared_ptr<venue_adapter> venue,
                             price_quotes prices, double balance);

} // namespace tradeflow
