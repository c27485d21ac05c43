#pragma once

#include <memory>
#include <string>
#include <vector>

#include <spdlog/common.h>
#include <spdlog/logger.h>

/// The engine's loggers: one per component (supervisor, worker, store,
/// risk, broker, refresher, event_bus, app), kept here and never in
/// spdlog's global registry, so that an engine embedded in a host leaves
/// the host's loggers alone (docs/embedding.md §2.4). The lowest layer that
/// logs (storage) owns them; actors/logging.hpp configures them.
namespace tradeflow {

/// The named component's logger; one without sinks until configured
/// (tests), so callers never check for null.
std::shared_ptr<spdlog::logger> component_logger(const std::string& name);

/// Re-creates every component logger over `sinks` at `level` (loggers
/// handed out before keep their old sinks: components fetch theirs when
/// they start).
void set_component_sinks(std::vector<spdlog::sink_ptr> sinks,
                         spdlog::level::level_enum level);

/// Flushes every component logger.
void flush_component_logs() noexcept;

} // namespace tradeflow
