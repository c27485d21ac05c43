#include "app/cluster_command.hpp"

#include <iostream>

#include <caf/scoped_actor.hpp>

#include "app/exit_codes.hpp"
#include "app/replay.hpp"
#include "app/replay_output.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

// Output may carry user strings (a lock key, a reason): invalid UTF-8 is
// replaced by U+FFFD instead of throwing mid-print.
std::string dump_json(const nlohmann::ordered_json& x) {
  using handler = nlohmann::ordered_json::error_handler_t;
  return x.dump(2, ' ', false, handler::replace);
}

/// Connects, then hands the engine's handles to `fn`; the actor system
/// lives exactly as long as the command.
template <class Fn>
int with_cluster(engine_config& cfg, const client_options& opts,
                 const char* what, Fn fn) {
  auto at = parse_endpoint(opts.join, "--join", false);
  if (!at)
    return report_error(what, at.error());
  // Declared before the system, so the tunnel outlives its connection.
  std::unique_ptr<tls_tunnel> tunnel;
  if (opts.tls.enabled()) {
    auto dialed = tls_tunnel::dial(opts.tls, *at);
    if (!dialed)
      return report_error(what, dialed.error());
    tunnel = std::move(*dialed);
  }
  caf::actor_system sys{cfg};
  auto e = connect_cluster(sys, *at, tunnel ? tunnel->local() : *at);
  if (!e)
    return report_error(what, e.error());
  return fn(sys, *e);
}

nlohmann::ordered_json run_json(const run_result& r) {
  nlohmann::ordered_json out;
  out["expert_id"] = r.expert_id;
  out["use_case"] = to_string(r.uc);
  out["status"] = to_string(r.status);
  out["error"] = r.error ? nlohmann::ordered_json(*r.error) : nullptr;
  out["lock_wait_ms"] = json_number(r.lock_wait_ms);
  out["orders"] = r.orders;
  auto& outcomes = out["outcomes"] = nlohmann::ordered_json::array();
  for (auto& x : r.outcomes)
    outcomes.push_back({{"recommendation_id", x.recommendation_id},
                        {"outcome", to_string(x.result)},
                        {"reason", x.reason}});
  return out;
}

} // namespace

int replay_on_cluster(engine_config& cfg, const client_options& opts,
                      const scenario& sc) {
  return with_cluster(cfg, opts, "replay",
                      [&](caf::actor_system& sys, const engine_actors& e) {
                        auto res = execute_on_cluster(sys, sc, e);
                        if (!res)
                          return report_error("replay", res.error());
                        std::cout << render_output(sc.name, res->runs,
                                                   res->snapshot,
                                                   res->elapsed_ms)
                                       .dump(2)
                                  << '\n';
                        return 0;
                      });
}

int print_key_status(engine_config& cfg, const client_options& opts) {
  return with_cluster(
    cfg, opts, "status", [&](caf::actor_system& sys, const engine_actors& e) {
      caf::scoped_actor self{sys};
      int rc = 0;
      self->request(e.supervisor, std::chrono::seconds(10),
                    key_status_atom_v, opts.key)
        .receive(
          [&](key_status& s) {
            nlohmann::ordered_json out{{"key", opts.key},
                                       {"held", s.holder_ticket != 0},
                                       {"epoch", s.epoch},
                                       {"waiters", s.waiters}};
            std::cout << dump_json(out) << '\n';
          },
          [&](caf::error& err) { rc = report_error("status", err); });
      return rc;
    });
}

int print_cluster_status(engine_config& cfg, const client_options& opts) {
  if (!opts.key.empty())
    return print_key_status(cfg, opts);
  return with_cluster(cfg, opts, "status",
                      [&](caf::actor_system& sys, const engine_actors& e) {
                        caf::scoped_actor self{sys};
                        int rc = 0;
                        self
                          ->request(e.supervisor, std::chrono::seconds(10),
                                    status_atom_v)
                          .receive(
                            [&](registry_status& s) {
                              nlohmann::ordered_json out{
                                {"nodes", s.nodes},
                                {"workers", s.workers},
                                {"lock_keys", s.keys},
                                {"locks_held", s.held},
                                {"lock_waiters", s.waiting},
                                {"runs_active", s.runs_active},
                                {"runs_queued", s.runs_queued}};
                              std::cout << out.dump(2) << '\n';
                            },
                            [&](caf::error& err) {
                              rc = report_error("status", err);
                            });
                        return rc;
                      });
}

int trigger_run(engine_config& cfg, const client_options& opts) {
  auto uc = parse_use_case(opts.use_case);
  if (!uc)
    return report_error("run",
                        make_error(ec::invalid_input,
                                   "--use-case: '" + opts.use_case
                                     + "': expected enter_market or "
                                       "open_positions"));
  run_request req{opts.expert_id, *uc, 1, caf::none};
  if (opts.as_of_ms >= 0)
    req.as_of_ms = opts.as_of_ms;
  return with_cluster(
    cfg, opts, "run", [&](caf::actor_system& sys, const engine_actors& e) {
      caf::scoped_actor self{sys};
      int rc = 0;
      self->request(e.supervisor, caf::infinite, process_atom_v, req)
        .receive(
          [&](run_result& r) {
            std::cout << dump_json(run_json(r)) << '\n';
            // The run failed inside: the engine's failure, not the user's.
            rc = r.error ? exit_engine_failure : 0;
          },
          [&](caf::error& err) { rc = report_error("run", err); });
      return rc;
    });
}

} // namespace tradeflow
