#pragma once

#include <caf/error.hpp>

/// The exit codes of the `tradeflow` command (README "Exit codes and
/// bounds at a glance") and the one way an error becomes one.
namespace tradeflow {

/// An engine failure: a step failed, a run carried an error, the store
/// went away mid-replay.
constexpr int exit_engine_failure = 1;

/// Bad input: a malformed scenario, config, flag, TLS file or database
/// URL, an unusable database or an unreachable coordinator. Nothing is
/// written.
constexpr int exit_user_error = 2;

/// A worker node that lost its coordinator.
constexpr int exit_coordinator_lost = 3;

/// Prints `tradeflow WHAT: TEXT` on stderr and returns the exit code. A
/// user error (`ec::invalid_input`) prints its reason alone, which names
/// the field ("--db: ..."), and gives `exit_user_error`; anything else
/// prints the full description and gives `exit_engine_failure`.
int report_error(const char* what, const caf::error& err);

} // namespace tradeflow
