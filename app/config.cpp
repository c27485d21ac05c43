#include "app/config.hpp"

#include <fstream>
#include <map>

#include <caf/settings.hpp>

#include <caf/config_option_adder.hpp>

#include "messages/error.hpp"
#include "messages/type_ids.hpp"

namespace tradeflow {

engine_config::engine_config() {
  add_message_types<caf::id_block::tradeflow>();
  // Heartbeats, so that a node that goes silent without closing its
  // connection (paused, partitioned) is declared lost: within
  // connection-timeout + heartbeat-interval (2.5 s with these defaults).
  // engine.ini's [middleman] section overrides them.
  set("middleman.heartbeat-interval",
      caf::timespan{std::chrono::milliseconds(500)});
  set("middleman.connection-timeout", caf::timespan{std::chrono::seconds(2)});
  add_error_category(error_category(), [](uint8_t code, caf::atom_value cat,
                                          const caf::message& ctx) {
    return describe(caf::error{code, cat, ctx});
  });
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
}

run_settings engine_config::run() const {
  run_settings s;
  s.lock_wait = std::chrono::milliseconds(lock_wait_ms);
  s.broker_timeout = std::chrono::milliseconds(broker_timeout_ms);
  s.max_runs_in_flight = static_cast<size_t>(max_runs_in_flight);
  return s;
}

logging_settings engine_config::logging() const {
  logging_settings s;
  s.level = log_level;
  s.file = log_file;
  return s;
}

namespace {

/// CAF accepts unknown keys and drops values of the wrong type without a
/// word; a typo in engine.ini must not silently fall back to a default.
caf::error check_section(const caf::settings& content,
                         const std::string& path) {
  auto section = caf::get_if<caf::settings>(&content, "tradeflow");
  if (!section)
    return caf::none;
  const std::map<std::string, bool> known{// key -> is a number
                                          {"db", false},
                                          {"lock-wait-ms", true},
                                          {"broker-timeout-ms", true},
                                          {"refresh-interval-ms", true},
                                          {"max-runs-in-flight", true},
                                          {"log-level", false},
                                          {"log-file", false}};
  for (auto& [key, value] : *section) {
    auto i = known.find(key);
    auto where = "config '" + path + "': tradeflow." + key;
    if (i == known.end())
      return make_error(ec::invalid_input, where + ": unknown key");
    auto ok = i->second ? caf::holds_alternative<int64_t>(value)
                        : caf::holds_alternative<std::string>(value);
    if (!ok)
      return make_error(ec::invalid_input,
                        where + ": expected "
                          + (i->second ? "a whole number" : "a quoted string")
                          + ", got " + caf::to_string(value));
  }
  for (auto key : {"lock-wait-ms", "broker-timeout-ms", "refresh-interval-ms"})
    if (auto v = caf::get_if<int64_t>(&content,
                                      std::string{"tradeflow."} + key);
        v && *v < 0)
      return make_error(ec::invalid_input, "config '" + path
                                             + "': tradeflow." + key
                                             + ": must be >= 0");
  if (auto v = caf::get_if<int64_t>(&content, "tradeflow.max-runs-in-flight");
      v && *v < 1)
    return make_error(ec::invalid_input,
                      "config '" + path
                        + "': tradeflow.max-runs-in-flight: must be >= 1");
  return caf::none;
}

} // namespace

caf::error load_config_file(engine_config& cfg, const std::string& path) {
  std::ifstream in{path};
  if (!in)
    return make_error(ec::invalid_input,
                      "config: cannot read '" + path + "'");
  // A first, raw parse without our options declared keeps every value as
  // written, so the check sees what CAF would otherwise drop.
  caf::actor_system_config raw;
  if (auto err = raw.parse(caf::actor_system_config::string_list{}, in))
    return make_error(ec::invalid_input,
                      "config '" + path + "': " + caf::to_string(err));
  if (auto err = check_section(raw.content, path))
    return err;
  std::ifstream again{path};
  if (auto err = cfg.parse(caf::actor_system_config::string_list{}, again))
    return make_error(ec::invalid_input,
                      "config '" + path + "': " + caf::to_string(err));
  return caf::none;
}

} // namespace tradeflow
