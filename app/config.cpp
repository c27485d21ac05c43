#include "app/config.hpp"

#include <fstream>

#include <caf/config_option_adder.hpp>

#include "messages/error.hpp"
#include "messages/type_ids.hpp"

namespace tradeflow {

engine_config::engine_config() {
  add_message_types<caf::id_block::tradeflow>();
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
    .add(log_level, "log-level", "trace, debug, info, warn, err, off")
    .add(log_file, "log-file", "rotating log file (empty: none)");
}

run_settings engine_config::run() const {
  run_settings s;
  s.lock_wait = std::chrono::milliseconds(lock_wait_ms);
  s.broker_timeout = std::chrono::milliseconds(broker_timeout_ms);
  return s;
}

logging_settings engine_config::logging() const {
  logging_settings s;
  s.level = log_level;
  s.file = log_file;
  return s;
}

caf::error load_config_file(engine_config& cfg, const std::string& path) {
  std::ifstream in{path};
  if (!in)
    return make_error(ec::invalid_input,
                      "config: cannot read '" + path + "'");
  if (auto err = cfg.parse(caf::actor_system_config::string_list{}, in))
    return make_error(ec::invalid_input,
                      "config '" + path + "': " + caf::to_string(err));
  return caf::none;
}

} // namespace tradeflow
