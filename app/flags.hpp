#pragma once

#include <string>

#include <caf/error.hpp>
#include <caf/optional.hpp>

#include "app/cluster_command.hpp"
#include "app/config.hpp"

/// The command-line values that override engine.ini, kept as typed: a flag
/// that was given is checked by the same rule as its engine.ini key
/// (`app/config_rules.hpp`), whatever it holds, so a negative, empty or
/// overflowing number is an error instead of "not given".
namespace tradeflow {

struct engine_flags {
  caf::optional<std::string> db;
  caf::optional<std::string> broker_timeout_ms;
  caf::optional<std::string> lock_wait_ms;
  caf::optional<std::string> refresh_interval_ms;
  caf::optional<std::string> heartbeat_ms;
  caf::optional<std::string> connection_timeout_ms;
  caf::optional<std::string> log_level;
  caf::optional<std::string> log_file;
  caf::optional<std::string> tick_size;
  caf::optional<std::string> broker;
  caf::optional<std::string> fix_config;
};

/// `run` and `status`: the values that go into `client_options`.
struct client_flags {
  caf::optional<std::string> expert;
  caf::optional<std::string> as_of_ms;
  caf::optional<std::string> key;
};

/// Checks every given flag and stores it into `cfg` (`ec::invalid_input`
/// naming the flag, e.g. "--lock-wait-ms: must be >= 0"). Writes nothing.
caf::error apply_flags(const engine_flags& flags, engine_config& cfg);

/// Checks `--expert` (>= 1), `--as-of-ms` (0 .. `max_epoch_ms`) and
/// `--key` (a lock key's shape) and stores them into `opts`.
caf::error apply_client_flags(const client_flags& flags,
                              client_options& opts);

/// The checks `load_config_file` cannot make because they only hold for
/// the merged result: the database URL, the log settings and the venue
/// (`--broker fix` needs a valid `--fix-config`).
caf::error check_effective_config(const engine_config& cfg);

} // namespace tradeflow
