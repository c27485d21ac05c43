#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "messages/venue.hpp"

/// The FIX 4.2 venue on QuickFIX (docs/fix-venue.md). This
/// header names no QuickFIX type: QuickFIX's headers compile only as C++14
/// and stay inside actors/fix.
namespace tradeflow {

struct fix_venue_options {
  /// The standard QuickFIX session settings file: exactly one session,
  /// `ConnectionType=initiator`, `BeginString=FIX.4.2`, and a
  /// `FileStorePath` (sequence numbers and sent messages survive a restart,
  /// so the venue resends the reports missed while down). Set
  /// `UseDataDictionary=N` unless a dictionary file is at hand.
  std::string settings_file;
  /// A market order goes out as a marketable limit order at the reference
  /// price plus this fraction for a buy (minus for a sell), rounded to
  /// `price_tick` inside the collar: 0.05 pays at most 5 % over the
  /// reference. 0 sends a FIX market order (40=1) instead, for venues that
  /// take them. Must be in [0, 1).
  double market_collar = 0.05;
  /// The venue's price increment, for the collared price; must be > 0.
  double price_tick = 0.01;
  /// The reference price of a market order: the order's `limit_price` when
  /// set, else this hook (the last known price), else the order is refused
  /// with a `rejected` report saying so.
  std::function<caf::optional<double>(const std::string& symbol)>
    reference_price;
  /// How long `start` waits for the logon and `stop` for the logout; past
  /// it `start` returns anyway (QuickFIX goes on reconnecting) and `stop`
  /// drops the connection.
  std::chrono::milliseconds start_timeout{5000};
  std::chrono::milliseconds stop_timeout{5000};
};

/// A FIX initiator venue. Reports come from QuickFIX's thread (so the
/// listener must not call `stop`, which joins that thread); a submit
/// or cancel made while disconnected is stored and sent by resend after
/// the next logon. No native OCO (the engine emulates it). Answers
/// `ec::invalid_input` when the options or the settings file are invalid.
caf::expected<std::shared_ptr<venue_adapter>>
make_fix_venue(const fix_venue_options& x);

} // namespace tradeflow
