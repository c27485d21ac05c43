#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

/// One spdlog logger per component (supervisor, worker, store, risk,
/// broker, refresher, app). The app configures sinks once; components ask
/// for their logger by name and cache it.
namespace tradeflow {

struct logging_settings {
  /// spdlog level name: trace, debug, info, warn, err, critical, off.
  std::string level = "info";
  /// Rotating log file; empty = none.
  std::string file;
  /// Mirror log lines to stderr (stdout stays clean for JSON output).
  bool console = true;
};

/// Creates (or re-creates) every component logger with the given sinks.
void configure_logging(const logging_settings& cfg);

/// The named component's logger; a logger with no sink when logging was
/// never configured (tests), so callers never check for null.
std::shared_ptr<spdlog::logger> component_logger(const std::string& name);

/// Flushes and drops every logger (before exit).
void shutdown_logging();

} // namespace tradeflow
