#pragma once

#include <memory>
#include <string>

#include <vector>

#include <caf/error.hpp>
#include <spdlog/logger.h>

#include "storage/component_log.hpp"

/// One spdlog logger per component (storage/component_log.hpp). The app
/// configures sinks once; components ask for their logger by name and
/// cache it.
namespace tradeflow {

struct logging_settings {
  /// spdlog level name: trace, debug, info, warn, err, critical, off.
  std::string level = "info";
  /// Rotating log file; empty = none.
  std::string file;
  /// Mirror log lines to stderr (stdout stays clean for JSON output).
  bool console = true;
};

/// The level names `logging_settings::level` accepts (lower case, as
/// spdlog writes them): trace, debug, info, warn, warning, err, error,
/// critical, off.
extern const char* const log_level_names;

/// `ec::invalid_input` ("WHERE: unknown log level 'x'; expected ...") when
/// `level` is none of `log_level_names`; spdlog itself would turn an
/// unknown name into `off` and silence every line.
caf::error check_log_level(const std::string& level, const std::string& where);

/// `ec::invalid_input` ("WHERE: cannot open 'F': REASON") when `path`
/// names a directory or another non-regular file, or lies in a missing
/// directory. Writes nothing, so it runs before anything else is opened.
caf::error check_log_file(const std::string& path, const std::string& where);

/// Creates (or re-creates) every component logger with the given sinks.
/// Opens the log file first, without creating missing directories:
/// `ec::invalid_input` ("--log-file: cannot open 'F': REASON") when it
/// cannot be opened for appending, or an unknown level; nothing throws.
caf::error configure_logging(const logging_settings& cfg);

/// Every component logger over a host's own sinks (docs/embedding.md
/// §2.4); `ec::invalid_input` for an unknown level. spdlog's global
/// registry is left alone.
caf::error configure_logging(std::vector<spdlog::sink_ptr> sinks,
                             const std::string& level);

/// Flushes every component logger (before exit).
void shutdown_logging() noexcept;

} // namespace tradeflow
