#include "app/config.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <caf/settings.hpp>

#include <caf/config_option_adder.hpp>

#include "app/config_check.hpp"
#include "app/config_rules.hpp"
#include "messages/error.hpp"
#include "messages/type_ids.hpp"

namespace tradeflow {

engine_config::engine_config() {
  configure_engine_system(*this);
  // Heartbeats, so that a node that goes silent without closing its
  // connection (paused, partitioned) is declared lost: within
  // connection-timeout + heartbeat-interval (2.5 s with these defaults).
  // engine.ini's [middleman] section overrides them.
  set("middleman.heartbeat-interval",
      caf::timespan{std::chrono::milliseconds(500)});
  set("middleman.connection-timeout", caf::timespan{std::chrono::seconds(2)});
  opt_group{custom_options_, "tradeflow"}
    .add(db, "db", "database URL (sqlite3://db=PATH or postgresql://...)")
    .add(lock_wait_ms, "lock-wait-ms", "lock acquire timeout (ms)")
    .add(broker_timeout_ms, "broker-timeout-ms", "broker answer timeout (ms)")
    .add(refresh_interval_ms, "refresh-interval-ms",
         "periodic refresh interval of a running engine (ms)")
    .add(max_runs_in_flight, "max-runs-in-flight",
         "runs a supervisor runs at once; the rest queue FIFO")
    .add(log_level, "log-level", "trace, debug, info, warn, err, off")
    .add(log_file, "log-file", "rotating log file (empty: none)");
  opt_group{custom_options_, "broker"}
    .add(tick_size, "tick-size", "default price increment of every instrument")
    .add(broker, "broker", "the venue: paper (default) or fix")
    .add(fix_config, "fix-config", "the FIX venue's QuickFIX settings file");
}

run_settings engine_config::run() const {
  run_settings s;
  s.lock_wait = std::chrono::milliseconds(lock_wait_ms);
  s.broker_timeout = std::chrono::milliseconds(broker_timeout_ms);
  s.max_runs_in_flight = static_cast<size_t>(max_runs_in_flight);
  // Checked where it entered (engine.ini, --tick-size).
  s.ticks.fallback = tick_of(tick_size);
  return s;
}

logging_settings engine_config::logging() const {
  logging_settings s;
  s.level = log_level;
  s.file = log_file;
  return s;
}

namespace {

/// A config with no option declared: its parse keeps every value as
/// written, where the declared options would drop a value of the wrong type.
struct bare_config : caf::actor_system_config {
  bare_config() {
    custom_options_ = caf::config_option_set{};
  }
};

// Read once, bounded, and only from a regular file: a directory reads as an
// empty config and /dev/zero never ends.
caf::expected<std::string> read_config_text(const std::string& path) {
  auto fail = [&](const std::string& why) {
    return make_error(ec::invalid_input,
                      "config: cannot read '" + path + "': " + why);
  };
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st))
    return fail("No such file");
  if (std::filesystem::is_directory(st))
    return fail("Is a directory");
  if (!std::filesystem::is_regular_file(st))
    return fail("not a regular file");
  std::ifstream in{path, std::ios::binary};
  if (!in)
    return fail("cannot open");
  std::string text(max_config_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > max_config_bytes)
    return fail("larger than " + std::to_string(max_config_bytes) + " bytes");
  return text;
}

} // namespace

caf::error load_config_file(engine_config& cfg, const std::string& path) {
  auto text = read_config_text(path);
  if (!text)
    return std::move(text.error());
  return load_config_text(cfg, *text, path);
}

caf::error load_config_text(engine_config& cfg, const std::string& text,
                            const std::string& name) {
  auto in_file = [&](const caf::error& err) {
    return make_error(ec::invalid_input,
                      "config '" + name + "': " + reason_of(err));
  };
  if (text.size() > max_config_bytes)
    return make_error(ec::invalid_input,
                      "config '" + name + "': larger than "
                        + std::to_string(max_config_bytes) + " bytes");
  if (auto err = check_ini_text(text))
    return in_file(err);
  bare_config raw;
  std::istringstream in{text};
  if (auto err = raw.parse(caf::actor_system_config::string_list{}, in))
    return make_error(ec::invalid_input,
                      "config '" + name + "': " + caf::to_string(err));
  if (auto err = check_ini_content(raw.content))
    return in_file(err);
  std::istringstream again{text};
  if (auto err = cfg.parse(caf::actor_system_config::string_list{}, again))
    return make_error(ec::invalid_input,
                      "config '" + name + "': " + caf::to_string(err));
  return caf::none;
}

} // namespace tradeflow
