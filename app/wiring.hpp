#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/after.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/expected.hpp>
#include <caf/timespan.hpp>

#include "actors/broker_submitter.hpp"
#include "messages/broker_adapter.hpp"
#include "actors/settings.hpp"
#include "messages/actor_types.hpp"
#include "storage/transaction_store.hpp"

/// Spawns and stops the engine's actors (docs/architecture.md §2, §5).
namespace tradeflow {

struct engine_actors {
  supervisor_actor supervisor;
  store_actor store;
  risk_actor risk;
  broker_actor broker;
  refresher_actor refresher;
  /// Set when a periodic refresh interval was given.
  ticker_actor ticker;
};

/// Where the store actor runs.
enum class store_thread {
  /// A thread of its own: it blocks on the database
  /// (docs/architecture.md §3). Every real engine.
  detached,
  /// The scheduler's: for CAF's test coordinator, under which a detached
  /// actor would still get a thread of its own and escape virtual time.
  scheduled,
};

/// `db`, its committed changes counted (`settings.metrics`: fills and
/// cancels) and published as events (`settings.events`); `db` itself when
/// neither is set, so a replay pays nothing.
std::shared_ptr<storage::transaction_store>
observed_store(std::shared_ptr<storage::transaction_store> db,
               const run_settings& settings);

/// Spawns the actors a worker talks to, in this order: the store, the
/// broker that `spawn_broker` spawns, risk and the refresher. The
/// in-process engine and a cluster's worker node differ only in that
/// broker: a submitter over the venue, or a relay to the coordinator's.
worker_deps spawn_worker_deps(caf::actor_system& sys,
                              std::shared_ptr<storage::transaction_store> db,
                              const run_settings& settings,
                              const std::function<broker_actor()>& spawn_broker,
                              store_thread where = store_thread::detached);

/// Spawns the worker deps with a broker submitter over `broker` (a paper
/// or host adapter converts implicitly), then the
/// supervisor. `first_epoch` seeds the registry's fencing epochs (database
/// max + 1). A non-zero `refresh_interval` starts the periodic refresh of
/// a running engine (replay leaves it off: its refreshes are steps).
engine_actors start_engine(caf::actor_system& sys, const run_settings& settings,
                    std::shared_ptr<storage::transaction_store> db,
                    broker_backend broker,
                    caf::timespan broker_latency, int64_t first_epoch,
                    caf::timespan refresh_interval = caf::timespan{0},
                    store_thread where = store_thread::detached);

/// Reconciliation on start (README, "Connecting a real venue"): one
/// refresh of every expert, with a status request to the venue for every
/// order left `pending`, `open`, `partially_filled` or `pending_cancel`,
/// before the engine takes any run. An order the venue does not know stays
/// as it is (unknown) and keeps blocking a duplicate. Bounded; a silent
/// venue is logged, not fatal: its orders stay unknown until a report.
void reconcile_on_start(caf::actor_system& sys, const engine_actors& e,
                        const run_settings& settings);

/// Opens the store at `url` and migrates its schema; errors are
/// invalid_input naming `--db` (exit code 2 for the user).
caf::expected<std::shared_ptr<storage::transaction_store>>
open_migrated_store(const std::string& url);

/// Sends every engine actor an exit so that `~actor_system` does not wait
/// on them forever.
void stop_engine(const engine_actors& e);

/// Sends every actor an exit and waits (bounded) until they are gone, so
/// that a store's last transaction is done before the process ends.
template <class... Handles>
void stop_and_wait(caf::actor_system& sys, const Handles&... xs) {
  caf::scoped_actor self{sys};
  size_t pending = 0;
  auto one = [&](const auto& x) {
    if (!x)
      return;
    self->monitor(x);
    caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    ++pending;
  };
  (one(xs), ...);
  for (; pending > 0; --pending)
    self->receive([](caf::down_msg&) {},
                  caf::after(std::chrono::seconds(10)) >> [] {});
}

} // namespace tradeflow
