#include "app/flags.hpp"

#include <chrono>

#include "actors/logging.hpp"
#include "app/config_rules.hpp"
#include "app/venue_choice.hpp"
#include "messages/error.hpp"
#include "storage/store_url.hpp"

namespace tradeflow {

namespace {

caf::expected<int64_t> duration_flag(const std::string& text,
                                     const std::string& name) {
  auto x = parse_whole_number(text, name);
  if (!x)
    return x;
  if (auto err = check_duration_ms(*x, name))
    return err;
  return x;
}

// Each given duration flag: parse, check, then hand the value to `store`.
template <class Store>
caf::error apply_duration(const caf::optional<std::string>& flag,
                          const char* name, Store store) {
  if (!flag)
    return caf::none;
  auto x = duration_flag(*flag, name);
  if (!x)
    return std::move(x.error());
  store(*x);
  return caf::none;
}

caf::timespan span(int64_t ms) {
  return caf::timespan{std::chrono::milliseconds(ms)};
}

} // namespace

caf::error apply_flags(const engine_flags& f, engine_config& cfg) {
  if (f.db) {
    // An explicit empty --db is a mistake, not a request for memory.
    if (auto target = storage::parse_url(*f.db); !target)
      return make_error(ec::invalid_input,
                        "--db: " + reason_of(target.error()));
    cfg.db = *f.db;
  }
  caf::error err;
  auto first = [&](caf::error e) {
    if (!err)
      err = std::move(e);
  };
  first(apply_duration(f.broker_timeout_ms, "--broker-timeout-ms",
                       [&](int64_t x) { cfg.broker_timeout_ms = x; }));
  first(apply_duration(f.lock_wait_ms, "--lock-wait-ms",
                       [&](int64_t x) { cfg.lock_wait_ms = x; }));
  first(apply_duration(f.refresh_interval_ms, "--refresh-interval-ms",
                       [&](int64_t x) { cfg.refresh_interval_ms = x; }));
  first(apply_duration(f.heartbeat_ms, "--heartbeat-ms", [&](int64_t x) {
    cfg.set("middleman.heartbeat-interval", span(x));
  }));
  first(apply_duration(f.connection_timeout_ms, "--connection-timeout-ms",
                       [&](int64_t x) {
                         cfg.set("middleman.connection-timeout", span(x));
                       }));
  if (err)
    return err;
  if (f.log_level) {
    if (auto e = check_log_level(*f.log_level, "--log-level"))
      return e;
    cfg.log_level = *f.log_level;
  }
  if (f.log_file) {
    if (auto e = check_log_file(*f.log_file, "--log-file"))
      return e;
    cfg.log_file = *f.log_file;
  }
  if (f.tick_size) {
    auto x = parse_tick_size(*f.tick_size, "--tick-size");
    if (!x)
      return std::move(x.error());
    cfg.tick_size = *x;
  }
  if (f.broker) {
    if (*f.broker != "paper" && *f.broker != "fix")
      return make_error(ec::invalid_input,
                        "--broker: expected paper or fix, got '"
                          + f.broker->substr(0, 32) + "'");
    cfg.broker = *f.broker;
  }
  if (f.fix_config) {
    if (f.fix_config->empty())
      return make_error(ec::invalid_input, "--fix-config: empty file name");
    cfg.fix_config = *f.fix_config;
  }
  return caf::none;
}

caf::error apply_client_flags(const client_flags& f, client_options& opts) {
  if (f.expert) {
    auto x = parse_whole_number(*f.expert, "--expert");
    if (!x)
      return std::move(x.error());
    if (auto err = check_range(*x, 1, INT64_MAX, "--expert"))
      return err;
    opts.expert_id = *x;
  }
  if (f.as_of_ms) {
    auto x = parse_whole_number(*f.as_of_ms, "--as-of-ms");
    if (!x)
      return std::move(x.error());
    if (auto err = check_range(*x, 0, max_epoch_ms, "--as-of-ms"))
      return err;
    opts.as_of_ms = *x;
  }
  if (f.key) {
    if (auto err = check_lock_key(*f.key, "--key"))
      return err;
    opts.key = *f.key;
  }
  return caf::none;
}

caf::error check_effective_config(const engine_config& cfg) {
  if (!cfg.db.empty())
    if (auto target = storage::parse_url(cfg.db); !target)
      return make_error(ec::invalid_input,
                        "--db: " + reason_of(target.error()));
  if (auto err = check_log_level(cfg.log_level, "log level"))
    return err;
  if (!cfg.log_file.empty())
    if (auto err = check_log_file(cfg.log_file, "--log-file"))
      return err;
  if (auto err = check_tick_size(cfg.tick_size, "tick size"))
    return err;
  if (auto err = check_duration_ms(cfg.lock_wait_ms, "lock wait"))
    return err;
  if (auto err = check_duration_ms(cfg.broker_timeout_ms, "broker timeout"))
    return err;
  if (auto err = check_venue_choice(venue_choice_of(cfg)))
    return err;
  return check_duration_ms(cfg.refresh_interval_ms, "refresh interval");
}

} // namespace tradeflow
