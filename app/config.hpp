#pragma once

#include <cstdint>
#include <string>

#include <caf/actor_system_config.hpp>
#include <caf/error.hpp>

#include "actors/logging.hpp"
#include "actors/settings.hpp"

/// The engine's configuration: CAF's own sections (`[scheduler]`,
/// `[middleman]`) plus `[tradeflow]`, read from `config/engine.ini` (every
/// key documented there), then overridden by command-line flags.
namespace tradeflow {

struct engine_config : caf::actor_system_config {
  /// Database URL (`sqlite3://db=...`, `postgresql://...`); empty = an
  /// in-memory SQLite database.
  std::string db;
  int64_t lock_wait_ms = 500;
  int64_t broker_timeout_ms = 1000;
  int64_t refresh_interval_ms = 5000;
  int64_t max_runs_in_flight = 512;
  std::string log_level = "warn";
  std::string log_file;
  /// `[broker] tick-size`: the default price increment of every
  /// instrument (messages/ticks.hpp); 0.0001 is 4-decimal rounding.
  double tick_size = 0.0001;
  /// `[broker] broker`: "paper" (default) or "fix" (app/venue_choice.hpp).
  std::string broker = "paper";
  /// `[broker] fix-config`: the FIX venue's QuickFIX settings file.
  std::string fix_config;

  engine_config();

  /// The plain settings actors are spawned with.
  run_settings run() const;
  logging_settings logging() const;
};

/// Reads the INI file at `path` into `cfg` after `check_ini_text` and
/// `check_ini_content` passed (`ec::invalid_input` naming the file on a
/// missing, non-regular or oversized file, a syntax error or any value
/// those checks refuse). Nothing is written.
caf::error load_config_file(engine_config& cfg, const std::string& path);

/// The checks and the read of `load_config_file` on INI text already in
/// memory (at most `max_config_bytes`); `name` stands for the file in error
/// texts. Errors: `ec::invalid_input`, as `load_config_file`.
caf::error load_config_text(engine_config& cfg, const std::string& text,
                            const std::string& name);

/// What every actor system that runs an engine needs: the message types,
/// the engine's scheduler (app/scheduler.hpp) and the error category's
/// rendering.
void configure_engine_system(caf::actor_system_config& cfg);

} // namespace tradeflow
