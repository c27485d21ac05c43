// tradeflow: `replay FILE [--db URL]`, `demo` and `gen` (synthetic
// scenarios, app/generate_command.hpp). Exit codes: 0 ran, 1
// engine failure, 2 user error (malformed scenario, config, flags or an
// unusable database).
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <caf/actor_system.hpp>
#include <caf/io/middleman.hpp>

#include "actors/logging.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/generate_command.hpp"
#include "app/replay.hpp"
#include "messages/error.hpp"

namespace {

using namespace tradeflow;

constexpr int exit_user_error = 2;
constexpr int exit_engine_failure = 1;

struct cli_options {
  std::string command;
  std::string file;
  std::string config_file;
  std::string db;
  int64_t broker_timeout_ms = -1;
  int64_t lock_wait_ms = -1;
  std::string log_level;
  std::string log_file;
};

int report(const char* what, const caf::error& err) {
  std::cerr << "tradeflow " << what << ": "
            << (is(err, ec::invalid_input) ? reason_of(err) : describe(err))
            << '\n';
  return is(err, ec::invalid_input) ? exit_user_error : exit_engine_failure;
}

int run_command(const cli_options& opts, engine_config& cfg) {
  scenario sc;
  if (opts.command == "replay") {
    auto parsed = load_scenario_file(opts.file);
    if (!parsed) {
      std::cerr << "replay: malformed scenario: " << reason_of(parsed.error())
                << '\n';
      return exit_user_error;
    }
    sc = std::move(*parsed);
  } else {
    auto parsed = parse_scenario(nlohmann::json::parse(demo_scenario_json()));
    if (!parsed)
      return report("demo", parsed.error());
    sc = std::move(*parsed);
  }
  auto db = cfg.db.empty() ? std::string{"sqlite3://db=:memory:"} : cfg.db;
  auto log_cfg = cfg.logging();
  // The demo prints a summary on stdout; its decision log goes to the log
  // file when one is given, so the two do not interleave on the terminal.
  if (opts.command == "demo" && !log_cfg.file.empty())
    log_cfg.console = false;
  configure_logging(log_cfg);
  int rc = 0;
  {
    caf::actor_system sys{cfg};
    auto res = execute_scenario(sys, sc, db, cfg.run());
    if (!res) {
      rc = report(opts.command.c_str(), res.error());
    } else if (opts.command == "replay") {
      std::cout << render_output(sc.name, res->runs, res->snapshot,
                                 res->elapsed_ms)
                     .dump(2)
                << '\n';
    } else {
      print_summary(std::cout, sc, *res);
      if (!log_cfg.file.empty())
        std::cout << "\nDecision log (every lock, safety check and order): "
                  << log_cfg.file << '\n';
    }
  }
  shutdown_logging();
  return rc;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"tradeflow: turns expert recommendations into orders"};
  app.require_subcommand(1);
  cli_options opts;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--db", opts.db,
                    "database URL (default: in-memory SQLite)");
    cmd->add_option("--config", opts.config_file,
                    "engine.ini (default: config/engine.ini if present)");
    cmd->add_option("--broker-timeout-ms", opts.broker_timeout_ms,
                    "broker answer timeout in ms (default 1000)");
    cmd->add_option("--lock-wait-ms", opts.lock_wait_ms,
                    "lock acquire timeout in ms (default 500)");
    cmd->add_option("--log-level", opts.log_level,
                    "trace, debug, info, warn, err, off");
    cmd->add_option("--log-file", opts.log_file, "rotating log file");
  };
  auto replay = app.add_subcommand("replay", "replay a scenario file");
  replay->add_option("file", opts.file, "scenario JSON")->required();
  add_common(replay);
  auto demo = app.add_subcommand("demo", "run the bundled demo scenario");
  add_common(demo);
  generate_command gen;
  add_generate_command(app, gen);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    auto rc = app.exit(e);
    return rc == 0 ? 0 : exit_user_error;
  }
  if (gen.cmd->parsed())
    return run_generate(gen);
  opts.command = replay->parsed() ? "replay" : "demo";
  engine_config cfg;
  auto config_file = opts.config_file;
  if (config_file.empty() && std::filesystem::exists("config/engine.ini"))
    config_file = "config/engine.ini";
  if (!config_file.empty())
    if (auto err = load_config_file(cfg, config_file))
      return report("config", err);
  if (!opts.db.empty())
    cfg.db = opts.db;
  if (opts.broker_timeout_ms >= 0)
    cfg.broker_timeout_ms = opts.broker_timeout_ms;
  if (opts.lock_wait_ms >= 0)
    cfg.lock_wait_ms = opts.lock_wait_ms;
  if (!opts.log_level.empty())
    cfg.log_level = opts.log_level;
  if (!opts.log_file.empty())
    cfg.log_file = opts.log_file;
  cfg.load<caf::io::middleman>();
  return run_command(opts, cfg);
}
