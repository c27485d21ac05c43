#include "app/node.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include <caf/after.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/cluster/broker_relay.hpp"
#include "actors/logging.hpp"
#include "actors/cluster/node_agent.hpp"
#include "actors/paper_broker.hpp"
#include "app/exit_codes.hpp"
#include "app/metrics_endpoint.hpp"
#include "app/venue_choice.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

/// SIGINT and SIGTERM are blocked in every thread (CAF's included, so set
/// before the actor system exists) and taken by `sigwait`.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

caf::expected<std::shared_ptr<storage::transaction_store>>
open_database(const std::string& url) {
  if (url.empty())
    return make_error(ec::invalid_input,
                      "--db: a node needs the cluster's database URL");
  return open_migrated_store(url);
}

/// A node can be cut off and lose its locks while it still runs, so every
/// run fences its epoch before it reads.
run_settings cluster_settings(const engine_config& cfg,
                              std::shared_ptr<engine_metrics> metrics) {
  auto settings = cfg.run();
  settings.fence_on_load = true;
  settings.metrics = std::move(metrics);
  return settings;
}

/// The coordinator's port, bound before its database is opened, so that a
/// refused `--listen` writes nothing. With TLS, the node's stunnel holds
/// the public port and forwards to a loopback port CAF publishes on.
struct listener {
  endpoint shown;
  endpoint internal;
  std::unique_ptr<tls_tunnel> tunnel;
};

caf::expected<listener> open_listener(const node_options& opts) {
  auto at = parse_endpoint(opts.listen, "--listen", true);
  if (!at)
    return at.error();
  if (auto err = check_listen(*at, opts.tls.enabled(), opts.insecure))
    return err;
  listener out;
  if (!opts.tls.enabled()) {
    // Only checks that the port is free now; CAF binds it after the
    // database is open.
    if (auto free = probe_port(at->host, at->port); !free)
      return make_error(ec::invalid_input,
                        "--listen: " + reason_of(free.error()));
    out.shown = out.internal = *at;
    return out;
  }
  auto internal = free_port("127.0.0.1");
  if (!internal)
    return internal.error();
  auto tunnel = tls_tunnel::serve(opts.tls, *at, *internal);
  if (!tunnel)
    return tunnel.error();
  out.shown = (*tunnel)->local();
  out.internal = endpoint{"127.0.0.1", *internal};
  out.tunnel = std::move(*tunnel);
  return out;
}

/// The one venue every node's broker actor talks to: the paper venue (a
/// replay resets it to the scenario's start), or the FIX venue, whose
/// collar reference starts empty (a market order needs a limit price or a
/// price set by a price step) and whose balance is the paper's, 0.
caf::expected<broker_backend> coordinator_venue(const engine_config& cfg) {
  auto choice = venue_choice_of(cfg);
  if (choice.fix())
    return fix_backend(choice, std::make_shared<quote_board>(), {}, 0.0);
  return broker_backend{
    std::make_shared<paper_broker>(price_quotes{}, 0.0, broker_faults{})};
}

int run_coordinator(caf::actor_system& sys, engine_config& cfg,
                    const node_options& opts,
                    std::shared_ptr<engine_metrics> metrics) {
  auto at = open_listener(opts);
  if (!at)
    return report_error("node", at.error());
  auto db = open_database(cfg.db);
  if (!db)
    return report_error("node", db.error());
  auto max_epoch = (*db)->max_epoch();
  if (!max_epoch)
    return report_error("node", max_epoch.error());
  auto venue = coordinator_venue(cfg);
  if (!venue)
    return report_error("node", venue.error());
  auto e = start_engine(sys, cluster_settings(cfg, std::move(metrics)), *db,
                        std::move(*venue), caf::timespan{0}, *max_epoch + 1,
                        std::chrono::milliseconds(cfg.refresh_interval_ms));
  reconcile_on_start(sys, e, cluster_settings(cfg, nullptr));
  auto port = publish_supervisor(sys, e.supervisor, at->internal);
  if (!port) {
    stop_engine(e);
    return report_error("node", port.error());
  }
  auto shown = opts.tls.enabled() ? at->shown.port : *port;
  std::cout << "coordinator listening on " << host_text(at->shown) << ':'
            << shown << (opts.tls.enabled() ? " (TLS)" : "") << std::endl;
  auto set = stop_signals();
  int sig = 0;
  sigwait(&set, &sig);
  component_logger("app")->info("coordinator stopping on signal {}", sig);
  stop_and_wait(sys, e.supervisor, e.refresher, e.risk, e.broker, e.store);
  return 0;
}

/// Registers `agent` under `name` with the coordinator's supervisor; a
/// refusal is the user's (a duplicate name, an unreachable coordinator).
caf::error join_coordinator(caf::actor_system& sys,
                            const supervisor_actor& supervisor,
                            const node_actor& agent,
                            const std::string& name) {
  caf::scoped_actor self{sys};
  caf::error join_error;
  self
    ->request(supervisor, std::chrono::seconds(10), join_atom_v,
              caf::actor_cast<caf::actor>(agent), name)
    .receive([](uint64_t) {}, [&](caf::error& err) { join_error = err; });
  if (!join_error || is(join_error, ec::invalid_input))
    return join_error;
  return make_error(ec::invalid_input, "--join: " + sys.render(join_error));
}

/// Waits for a stop signal (exit 0) or for the agent to end because the
/// coordinator is lost (exit_coordinator_lost).
int wait_for_stop(caf::actor_system& sys, const node_actor& agent,
                  const std::string& name) {
  caf::scoped_actor self{sys};
  std::atomic<bool> stopping{false};
  auto set = stop_signals();
  std::thread waiter{[&] {
    int sig = 0;
    sigwait(&set, &sig);
    stopping = true;
    caf::anon_send_exit(agent, caf::exit_reason::user_shutdown);
  }};
  self->monitor(agent);
  self->receive([](caf::down_msg&) {});
  auto rc = 0;
  if (!stopping) {
    std::cerr << "tradeflow node: " << name
              << " lost its coordinator; stopping\n";
    rc = exit_coordinator_lost;
    kill(getpid(), SIGTERM); // releases the waiter thread
  }
  waiter.join();
  return rc;
}

int run_worker(caf::actor_system& sys, engine_config& cfg,
               const node_options& opts,
               std::shared_ptr<engine_metrics> metrics) {
  if (cfg.broker != "paper")
    return report_error("node", make_error(ec::invalid_input,
                                           "--broker: a worker trades on "
                                           "its coordinator's venue"));
  auto at = parse_endpoint(opts.join, "--join", false);
  if (!at)
    return report_error("node", at.error());
  std::unique_ptr<tls_tunnel> tunnel;
  if (opts.tls.enabled()) {
    auto dialed = tls_tunnel::dial(opts.tls, *at);
    if (!dialed)
      return report_error("node", dialed.error());
    tunnel = std::move(*dialed);
  }
  auto db = open_database(cfg.db);
  if (!db)
    return report_error("node", db.error());
  auto cluster = connect_cluster(sys, *at, tunnel ? tunnel->local() : *at);
  if (!cluster)
    return report_error("node", cluster.error());
  auto settings = cluster_settings(cfg, std::move(metrics));
  auto deps = spawn_worker_deps(sys, *db, settings, [&] {
    return sys.spawn(broker_relay, cluster->broker);
  });
  auto agent = sys.spawn(node_agent, deps, settings);
  auto stop_local = [&] {
    stop_and_wait(sys, agent, deps.refresher, deps.broker, deps.risk,
                  deps.store);
  };
  auto name = opts.name.empty() ? "node-" + std::to_string(getpid())
                                : opts.name;
  if (auto err = join_coordinator(sys, cluster->supervisor, agent, name)) {
    stop_local();
    return report_error("node", err);
  }
  std::cout << "worker node " << name << " joined " << host_text(*at)
            << ':' << at->port << std::endl;
  auto rc = wait_for_stop(sys, agent, name);
  stop_local();
  return rc;
}

} // namespace

int run_node(engine_config& cfg, const node_options& opts) {
  auto set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // After the mask (civetweb's threads inherit it) and before the
  // database is opened, so that a refused --metrics writes nothing. Never
  // destroyed either: the actors count into it until _exit.
  std::unique_ptr<metrics_endpoint> served;
  if (opts.metrics) {
    auto x = metrics_endpoint::serve(*opts.metrics);
    if (!x)
      return report_error("node", x.error());
    served = std::move(*x);
    std::cout << "metrics on http://" << served->bound() << "/metrics"
              << std::endl;
  }
  auto metrics = served ? served->metrics() : nullptr;
  // Never destroyed: CAF 0.17's ~actor_system can wait for ever on a
  // detached actor that the network layer still references after a peer
  // left (seen in the cluster tests, about one stop in ten). The node
  // instead stops its actors, waits for them (stop_and_wait), flushes its
  // logs and ends the process.
  auto sys = new caf::actor_system{cfg};
  auto rc = opts.role == "coordinator"
              ? run_coordinator(*sys, cfg, opts, metrics)
              : run_worker(*sys, cfg, opts, metrics);
  shutdown_logging();
  std::cout.flush();
  std::cerr.flush();
  _exit(rc);
}

} // namespace tradeflow
