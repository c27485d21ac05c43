#pragma once

#include <cstdint>
#include <string>

#include <caf/error.hpp>
#include <caf/make_message.hpp>
#include <caf/message.hpp>

/// Error codes of the engine. Every actor answers failures with a
/// `caf::error` of category "tradeflow" carrying one of these codes and a
/// human-readable reason (never an exception across an actor boundary).
namespace tradeflow {

enum class ec : uint8_t {
  none = 0,
  /// The lock registry did not grant the lock within max_wait.
  lock_timeout,
  /// The database failed (connection, I/O, constraint other than the ones
  /// the engine expects).
  storage_failure,
  /// A write was refused because a newer fencing epoch exists
  /// (docs/engine.md §3.3).
  stale_epoch,
  /// Input that the user must fix (scenario, config, ruleset, database URL).
  invalid_input,
  /// A run failed for a reason not covered above.
  run_failed,
  /// The database cannot be used for now (connection lost, server down,
  /// disk full, file read-only): nothing was written; the store reconnects
  /// by itself and work resumes once the cause is gone.
  storage_unavailable,
  /// A message carried a price, amount or other double that is infinite or
  /// NaN: refused when loading (a peer's bytes) and when saving (CAF's
  /// serialiser loops forever on an infinity).
  non_finite_number,
};

std::string to_string(ec x);

/// The category atom of engine errors.
caf::atom_value error_category();

caf::error make_error(ec x);
caf::error make_error(ec x, std::string reason);

/// The reason text of an engine error, or CAF's rendering of any other.
std::string describe(const caf::error& err);

/// The reason text alone (no code prefix) of an engine error, else
/// `describe(err)`: what a user sees for bad input.
std::string reason_of(const caf::error& err);

/// True when `err` is the engine error `x`.
bool is(const caf::error& err, ec x);

} // namespace tradeflow

// Registers `ec` as an error code enum the way CAF 0.17 provides for
// (forward compatible with 0.18): `caf::error{ec::x, reason}` and
// `caf::make_error(ec::x)` build engine errors of category "tradeflow".
CAF_ERROR_CODE_ENUM(tradeflow::ec, "tradeflow")
