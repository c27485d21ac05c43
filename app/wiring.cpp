#include "app/wiring.hpp"

#include <caf/send.hpp>
#include <caf/spawn_options.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/broker_submitter.hpp"
#include "actors/events/event_recorder.hpp"
#include "actors/logging.hpp"
#include "actors/metrics.hpp"
#include "actors/refresh_ticker.hpp"
#include "actors/refresher.hpp"
#include "actors/risk.hpp"
#include "actors/store.hpp"
#include "actors/supervisor.hpp"
#include "messages/error.hpp"

namespace tradeflow {

caf::expected<std::shared_ptr<storage::transaction_store>>
open_migrated_store(const std::string& url) {
  auto db = storage::open_store(url);
  if (is(db.error(), ec::invalid_input))
    return make_error(ec::invalid_input, "--db: " + reason_of(db.error()));
  if (!db)
    return make_error(ec::invalid_input,
                      "--db: cannot open database: " + describe(db.error()));
  if (auto v = (*db)->migrate(); !v)
    return make_error(ec::invalid_input,
                      "--db: cannot migrate database: " + describe(v.error()));
  return std::shared_ptr<storage::transaction_store>{std::move(*db)};
}

std::shared_ptr<storage::transaction_store>
observed_store(std::shared_ptr<storage::transaction_store> db,
               const run_settings& settings) {
  if (!settings.metrics && !settings.events)
    return db;
  auto publish = [metrics = settings.metrics,
                  bus = settings.events](std::vector<engine_event> events) {
    for (auto& ev : events) {
      if (!metrics)
        break;
      if (ev.kind == event_kind::order_filled)
        metrics->order_event(engine_metrics::order_kind::filled);
      else if (ev.kind == event_kind::order_canceled)
        metrics->order_event(engine_metrics::order_kind::canceled);
    }
    if (bus)
      caf::anon_send(bus, publish_atom_v, std::move(events));
  };
  return std::make_shared<event_recording_store>(
    std::move(db), std::move(publish),
    [settings] { return settings.now_ms(); });
}

worker_deps spawn_worker_deps(caf::actor_system& sys,
                              std::shared_ptr<storage::transaction_store> db,
                              const run_settings& settings,
                              const std::function<broker_actor()>& spawn_broker,
                              store_thread where) {
  db = observed_store(std::move(db), settings);
  worker_deps deps;
  deps.store = where == store_thread::detached
                 ? sys.spawn<caf::detached>(store, std::move(db),
                                            settings.ticks)
                 : sys.spawn(store, std::move(db), settings.ticks);
  deps.broker = spawn_broker();
  deps.risk = sys.spawn(risk_manager);
  deps.refresher = sys.spawn(refresher, deps.store, deps.broker, settings);
  return deps;
}

engine_actors start_engine(caf::actor_system& sys, const run_settings& settings,
                    std::shared_ptr<storage::transaction_store> db,
                    broker_backend broker,
                    caf::timespan broker_latency, int64_t first_epoch,
                    caf::timespan refresh_interval, store_thread where) {
  auto deps = spawn_worker_deps(
    sys, std::move(db), settings,
    [&] {
      return sys.spawn(broker_submitter, std::move(broker), broker_latency,
                       settings.broker_timeout, settings.metrics);
    },
    where);
  engine_actors e;
  e.store = deps.store;
  e.broker = deps.broker;
  e.risk = deps.risk;
  e.refresher = deps.refresher;
  e.supervisor = sys.spawn(supervisor, deps, settings, first_epoch);
  if (refresh_interval.count() > 0)
    e.ticker = sys.spawn(refresh_ticker, e.refresher, refresh_interval);
  return e;
}

void reconcile_on_start(caf::actor_system& sys, const engine_actors& e,
                        const run_settings& settings) {
  auto log = component_logger("app");
  caf::scoped_actor self{sys};
  self
    ->request(e.refresher,
              settings.store_timeout + 4 * settings.broker_timeout,
              refresh_atom_v, refresh_scope{}, true)
    .receive(
      [&](sync_summary& s) {
        log->info("reconciled on start: {} orders and {} transactions "
                  "changed",
                  s.orders_updated, s.transactions_changed);
      },
      [&](caf::error& err) {
        log->warn("reconciliation on start incomplete: {}", describe(err));
      });
}

void stop_engine(const engine_actors& e) {
  auto reason = caf::exit_reason::user_shutdown;
  if (e.ticker)
    caf::anon_send_exit(e.ticker, reason);
  caf::anon_send_exit(e.supervisor, reason);
  caf::anon_send_exit(e.refresher, reason);
  caf::anon_send_exit(e.risk, reason);
  caf::anon_send_exit(e.broker, reason);
  caf::anon_send_exit(e.store, reason);
}

} // namespace tradeflow
