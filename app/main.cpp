// tradeflow: `replay FILE [--db URL | --join HOST:PORT]`, `demo`, `gen`
// (synthetic scenarios), `node` (a cluster's coordinator or worker node),
// and the cluster clients `status` and `run`. Exit codes: 0 ran, 1 engine
// failure, 2 user error (malformed scenario, config, flags, an unusable
// database or an unreachable coordinator), 3 a worker node lost its
// coordinator.
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <caf/actor_system.hpp>
#include <caf/io/middleman.hpp>
#include <caf/optional.hpp>
#include <tradeflow/version.hpp>

#include "actors/logging.hpp"
#include "app/cluster_command.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/exit_codes.hpp"
#include "app/flags.hpp"
#include "app/generate_command.hpp"
#include "app/node.hpp"
#include "app/replay.hpp"
#include "app/venue_choice.hpp"
#include "messages/error.hpp"

namespace {

using namespace tradeflow;

struct cli_options {
  std::string command;
  std::string file;
  std::string config_file;
  engine_flags flags;
  client_flags client_values;
  node_options node;
  client_options client;
};

// Value flags stay text until `apply_flags` checks them: CLI11 would
// saturate an overflowing number, and a sentinel cannot tell "not given"
// from a given negative value.
CLI::Option* add_text_flag(CLI::App* cmd, const std::string& name,
                           caf::optional<std::string>& into,
                           const std::string& help) {
  return cmd->add_option_function<std::string>(
    name, [&into](const std::string& x) { into = x; }, help);
}

caf::expected<scenario> load_command_scenario(const cli_options& opts) {
  if (opts.command == "replay") {
    auto parsed = load_scenario_file(opts.file);
    if (!parsed)
      return make_error(ec::invalid_input,
                        "malformed scenario: " + reason_of(parsed.error()));
    return parsed;
  }
  return parse_scenario(nlohmann::json::parse(demo_scenario_json()));
}

int run_locally(const cli_options& opts, engine_config& cfg,
                const scenario& sc) {
  auto db = cfg.db.empty() ? std::string{"sqlite3://db=:memory:"} : cfg.db;
  auto log_cfg = cfg.logging();
  // The demo prints a summary on stdout; its decision log goes to the log
  // file when one is given, so the two do not interleave on the terminal.
  if (opts.command == "demo" && !log_cfg.file.empty())
    log_cfg.console = false;
  if (auto err = configure_logging(log_cfg))
    return report_error(opts.command.c_str(), err);
  int rc = 0;
  {
    caf::actor_system sys{cfg};
    auto res = execute_scenario(sys, sc, db, cfg.run(),
                                venue_choice_of(cfg));
    if (!res) {
      rc = report_error(opts.command.c_str(), res.error());
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

int run_command(const cli_options& opts, engine_config& cfg) {
  if (auto err = check_tls_files(opts.command == "node" ? opts.node.tls
                                                        : opts.client.tls))
    return report_error(opts.command.c_str(), err);
  if (opts.command == "node") {
    if (auto err = configure_logging(cfg.logging()))
      return report_error(opts.command.c_str(), err);
    auto rc = run_node(cfg, opts.node);
    shutdown_logging();
    return rc;
  }
  if (opts.command == "status" || opts.command == "run") {
    if (auto err = configure_logging(cfg.logging()))
      return report_error(opts.command.c_str(), err);
    auto rc = opts.command == "status" ? print_cluster_status(cfg, opts.client)
                                       : trigger_run(cfg, opts.client);
    shutdown_logging();
    return rc;
  }
  auto sc = load_command_scenario(opts);
  if (!sc) {
    std::cerr << opts.command << ": " << reason_of(sc.error()) << '\n';
    return exit_user_error;
  }
  if (!opts.client.join.empty()) {
    if (cfg.broker != "paper")
      return report_error(opts.command.c_str(),
                          make_error(ec::invalid_input,
                                     "--broker: a replay with --join trades "
                                     "on its coordinator's venue"));
    if (auto err = configure_logging(cfg.logging()))
      return report_error(opts.command.c_str(), err);
    auto rc = replay_on_cluster(cfg, opts.client, *sc);
    shutdown_logging();
    return rc;
  }
  return run_locally(opts, cfg, *sc);
}

void add_tls(CLI::App* cmd, tls_options& tls) {
  cmd->add_option("--tls-cert", tls.cert, "this peer's certificate (PEM)");
  cmd->add_option("--tls-key", tls.key, "this peer's private key (PEM)");
  cmd->add_option("--tls-ca", tls.ca,
                  "CA certificate: only peers it signed may connect");
}

/// The flags of every command that runs an engine (replay, demo, node).
void add_engine_flags(CLI::App* cmd, cli_options& opts) {
  add_text_flag(cmd, "--db", opts.flags.db,
                "database URL (default: in-memory SQLite)");
  cmd->add_option("--config", opts.config_file,
                  "engine.ini (default: config/engine.ini if present)");
  add_text_flag(cmd, "--broker-timeout-ms", opts.flags.broker_timeout_ms,
                "broker answer timeout in ms (default 1000, max 30 days)");
  add_text_flag(cmd, "--lock-wait-ms", opts.flags.lock_wait_ms,
                "lock acquire timeout in ms (default 500, max 30 days)");
  add_text_flag(cmd, "--log-level", opts.flags.log_level, log_level_names);
  add_text_flag(cmd, "--log-file", opts.flags.log_file,
                "rotating log file (its directory must exist)");
  add_text_flag(cmd, "--tick-size", opts.flags.tick_size,
                "default price increment, 0.00000001 .. 1 (default 0.0001)");
  add_text_flag(cmd, "--broker", opts.flags.broker,
                "the venue: paper (default) or fix (needs --fix-config)");
  add_text_flag(cmd, "--fix-config", opts.flags.fix_config,
                "the FIX venue's QuickFIX session settings file");
}

void add_replay_and_demo(CLI::App& app, cli_options& opts) {
  auto replay = app.add_subcommand("replay", "replay a scenario file");
  replay->add_option("file", opts.file, "scenario JSON")->required();
  add_engine_flags(replay, opts);
  replay->add_option("--join", opts.client.join,
                     "run against a cluster's coordinator at HOST:PORT");
  add_tls(replay, opts.client.tls);
  auto demo = app.add_subcommand("demo", "run the bundled demo scenario");
  add_engine_flags(demo, opts);
}

void add_node(CLI::App& app, cli_options& opts) {
  auto node = app.add_subcommand("node", "run a cluster node");
  add_engine_flags(node, opts);
  node->add_option("--role", opts.node.role, "coordinator or worker")
    ->required()
    ->check(CLI::IsMember({"coordinator", "worker"}));
  auto listen = node->add_option("--listen", opts.node.listen,
                                 "coordinator: HOST:PORT (port 0: any)");
  auto join = node->add_option("--join", opts.node.join,
                               "worker: the coordinator's HOST:PORT");
  listen->excludes(join);
  node->add_option("--name", opts.node.name,
                   "worker: unique node name (default node-PID)");
  add_text_flag(node, "--refresh-interval-ms", opts.flags.refresh_interval_ms,
                "coordinator: periodic refresh (0: off)");
  add_text_flag(node, "--heartbeat-ms", opts.flags.heartbeat_ms,
                "heartbeat interval (default 500)");
  add_text_flag(node, "--connection-timeout-ms",
                opts.flags.connection_timeout_ms,
                "a silent peer is lost after this (default 2000)");
  add_tls(node, opts.node.tls);
  node->add_flag("--insecure", opts.node.insecure,
                 "coordinator: allow a non-loopback --listen without TLS");
  add_text_flag(node, "--metrics", opts.node.metrics,
                "serve Prometheus metrics on http://HOST:PORT/metrics");
}

/// The cluster clients `status` and `run`.
void add_clients(CLI::App& app, cli_options& opts) {
  auto status = app.add_subcommand("status", "a cluster's registry status");
  status->add_option("--join", opts.client.join, "coordinator HOST:PORT")
    ->required();
  add_text_flag(status, "--key", opts.client_values.key,
                "one lock key, e.g. expert_1_usecase_enter_market");
  add_tls(status, opts.client.tls);
  auto run = app.add_subcommand("run", "trigger one run on a cluster");
  run->add_option("--join", opts.client.join, "coordinator HOST:PORT")
    ->required();
  add_text_flag(run, "--expert", opts.client_values.expert, "expert id (>= 1)")
    ->required();
  run->add_option("--use-case", opts.client.use_case,
                  "enter_market (default) or open_positions");
  add_text_flag(run, "--as-of-ms", opts.client_values.as_of_ms,
                "the run's clock, epoch ms (default: now)");
  add_tls(run, opts.client.tls);
}

/// Reads engine.ini, then the flags over it, and checks the result; the
/// client flags go into `opts.client`. Every check runs here, before a
/// log file, a database or an actor system is opened. Returns 0, or the
/// exit code of the first error (printed).
int build_config(cli_options& opts, engine_config& cfg) {
  auto config_file = opts.config_file;
  if (config_file.empty() && std::filesystem::exists("config/engine.ini"))
    config_file = "config/engine.ini";
  if (!config_file.empty())
    if (auto err = load_config_file(cfg, config_file))
      return report_error("config", err);
  if (auto err = apply_flags(opts.flags, cfg))
    return report_error(opts.command.c_str(), err);
  if (auto err = apply_client_flags(opts.client_values, opts.client))
    return report_error(opts.command.c_str(), err);
  if (auto err = check_effective_config(cfg))
    return report_error(opts.command.c_str(), err);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"tradeflow: turns expert recommendations into orders"};
  app.set_version_flag("--version", "tradeflow " TRADEFLOW_VERSION);
  app.require_subcommand(1);
  cli_options opts;
  add_replay_and_demo(app, opts);
  add_node(app, opts);
  add_clients(app, opts);
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
  opts.command = app.get_subcommands().front()->get_name();
  if (opts.command == "node"
      && opts.node.listen.empty() == (opts.node.role == "coordinator")) {
    std::cerr << "tradeflow node: a coordinator needs --listen, a worker "
                 "--join\n";
    return exit_user_error;
  }
  engine_config cfg;
  if (auto rc = build_config(opts, cfg); rc != 0)
    return rc;
  cfg.load<caf::io::middleman>();
  return run_command(opts, cfg);
}
