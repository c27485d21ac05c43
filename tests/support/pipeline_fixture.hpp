#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/local_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/broker_submitter.hpp"
#include "actors/paper_broker.hpp"
#include "actors/refresher.hpp"
#include "actors/risk.hpp"
#include "actors/store.hpp"
#include "actors/supervisor.hpp"
#include "app/wiring.hpp"
#include "messages/error.hpp"
#include "storage/transaction_store.hpp"
#include "tests/support/counting_broker.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/printing.hpp"

namespace tradeflow::test {

/// 2024-01-02T00:00:00Z in epoch milliseconds: the fixed clock of every
/// pipeline run (`run_settings::fixed_now_ms`).
constexpr int64_t pipeline_now = 1704153600000;

/// The enter_market ruleset of every seeded expert: BUY when bullish.
constexpr int64_t buy_ruleset_id = 10;

/// The error text of a failed `x`, empty on success (Boost.Test evaluates
/// an assertion's message even when the assertion holds).
template <class T>
std::string error_text(const caf::expected<T>& x) {
  return x ? std::string{} : describe(x.error());
}

/// What a run probe saw: the run's result or the request's error, and the
/// virtual milliseconds between its request and the answer.
struct run_log {
  bool done = false;
  run_result result;
  caf::error err;
  int64_t took_ms = -1;
};

using run_log_ptr = std::shared_ptr<run_log>;

/// The real engine (supervisor, workers, store actor over SQLite
/// `:memory:`, risk, refresher, broker submitter over a paper broker)
/// under the test coordinator. Tests seed the store through `db` before
/// `start`, then drive runs with `process` and move time with `advance`.
/// Between two `run()` calls every actor is idle, so the test thread may
/// read `db` and the paper broker directly.
struct pipeline_fixture : actor_fixture {
  /// The real SQLite store.
  std::shared_ptr<storage::transaction_store> real;
  /// What the store actor uses: `real`, or a decorator set before start.
  std::shared_ptr<storage::transaction_store> db;
  std::shared_ptr<paper_broker> paper;
  std::shared_ptr<counting_broker> broker;
  run_settings settings;
  engine_actors eng;
  bool started = false;

  pipeline_fixture() {
    auto opened = storage::open_store("sqlite3://db=:memory:");
    BOOST_REQUIRE_MESSAGE(opened, error_text(opened));
    real = std::move(*opened);
    auto version = real->migrate();
    BOOST_REQUIRE_MESSAGE(version, error_text(version));
    db = real;
    settings.fixed_now_ms = pipeline_now;
    ruleset rs;
    rs.id = buy_ruleset_id;
    rs.name = "buy when bullish";
    rule r;
    r.name = "bullish buys";
    r.triggers.push_back(trigger{event_type::bullish, caf::none, caf::none});
    r.actions.push_back(rule_action{action_type::buy, caf::none, caf::none,
                                    caf::none});
    rs.rules.push_back(std::move(r));
    require_ok(db->put_ruleset(rs));
  }

  ~pipeline_fixture() {
    if (started)
      stop_engine(eng);
    run_all();
  }

  static void require_ok(const caf::error& err) {
    BOOST_REQUIRE_MESSAGE(!err, describe(err));
  }

  // -- seeding ---------------------------------------------------------------

  /// An expert allowed to open trades with the BUY ruleset and the defaults of
  /// docs/engine.md §1: 100 % virtual equity, 10 % cap per instrument.
  static expert trader(int64_t id) {
    expert x;
    x.id = id;
    x.name = "expert " + std::to_string(id);
    x.enter_market_ruleset_id = buy_ruleset_id;
    x.settings.allow_automated_trade_opening = true;
    return x;
  }

  void seed_expert(const expert& x) {
    require_ok(db->put_expert(x));
  }

  void seed_expert(int64_t id) {
    seed_expert(trader(id));
  }

  /// A BUY of `expert_id` on `symbol` a minute before now; `ep` (expected
  /// profit percent) orders the load and the sizing.
  void seed_buy(int64_t id, int64_t expert_id, const std::string& symbol,
                double ep) {
    recommendation x;
    x.id = id;
    x.expert_id = expert_id;
    x.symbol = symbol;
    x.action = rec_action::buy;
    x.expected_profit_percent = ep;
    x.price_at_date = 100;
    x.created_at_ms = pipeline_now - 60'000;
    require_ok(db->put_recommendations({x}));
  }

  /// A given long of 10 @ 100 in `status`.
  void seed_txn(int64_t id, int64_t expert_id, const std::string& symbol,
                txn_status status) {
    transaction x;
    x.id = id;
    x.expert_id = expert_id;
    x.symbol = symbol;
    x.quantity = 10;
    x.open_price = 100;
    x.status = status;
    x.created_at_ms = pipeline_now - 3'600'000;
    require_ok(db->put_transaction(x));
  }

  // -- the engine ------------------------------------------------------------

  /// Spawns the engine with `start_engine`, the store on the scheduler
  /// (`store_thread::scheduled`): a detached actor gets its own thread
  /// even under the test coordinator.
  void start(caf::timespan latency, std::map<std::string, double> prices,
             broker_faults faults = {}) {
    paper = std::make_shared<paper_broker>(price_quotes{std::move(prices)},
                                           100'000.0, std::move(faults));
    broker = std::make_shared<counting_broker>(paper);
    auto epoch = db->max_epoch();
    BOOST_REQUIRE_MESSAGE(epoch, error_text(epoch));
    eng = start_engine(sys, settings, db, broker, latency, *epoch + 1,
                       caf::timespan{0}, store_thread::scheduled);
    started = true;
    run();
  }

  /// Spawns a probe that asks the supervisor for one enter_market run of
  /// `expert_id`; nothing runs until the test calls `run` or `advance`.
  run_log_ptr process(int64_t expert_id,
                      caf::duration timeout = caf::infinite,
                      use_case uc = use_case::enter_market) {
    return process_on(eng.supervisor, expert_id, timeout, uc);
  }

  /// As `process`, but asks `target` (the supervisor, or a worker the test
  /// spawned itself).
  template <class Handle>
  run_log_ptr process_on(Handle target, int64_t expert_id,
                         caf::duration timeout = caf::infinite,
                         use_case uc = use_case::enter_market) {
    auto log = std::make_shared<run_log>();
    run_request req{expert_id, uc, 1, caf::none};
    sys.spawn([=](caf::event_based_actor* self) {
      auto t0 = self->clock().now();
      auto since = [=] {
        using namespace std::chrono;
        return duration_cast<milliseconds>(self->clock().now() - t0).count();
      };
      self->request(target, timeout, process_atom_v, req)
        .then(
          [=](run_result& x) {
            log->done = true;
            log->result = std::move(x);
            log->took_ms = since();
          },
          [=](caf::error& err) {
            log->done = true;
            log->err = std::move(err);
            log->took_ms = since();
          });
    });
    return log;
  }

  /// Runs a refresh of every expert's orders through the refresher, as
  /// the periodic refresh does; true once it answered.
  std::shared_ptr<bool> refresh_all() {
    auto done = std::make_shared<bool>(false);
    auto r = eng.refresher;
    sys.spawn([=](caf::event_based_actor* self) {
      self->request(r, caf::infinite, refresh_atom_v, refresh_scope{}, true)
        .then([=](sync_summary&) { *done = true; },
              [=](caf::error&) { *done = true; });
    });
    return done;
  }

  /// Runs the ready jobs like `run()` and returns the address of the first
  /// actor named `name` among them (none: an invalid address), so a test
  /// can reach an actor the supervisor spawned.
  caf::actor_addr run_and_find(const char* name) {
    caf::actor_addr found;
    while (sched.has_job()) {
      auto job = dynamic_cast<caf::local_actor*>(&sched.next_job());
      if (!found && job != nullptr && std::strcmp(job->name(), name) == 0)
        found = job->address();
      sched.run_once();
    }
    return found;
  }

  // -- reading back ----------------------------------------------------------

  /// The registry's size; fails the test when the supervisor is gone.
  registry_status registry() {
    auto out = std::make_shared<caf::optional<registry_status>>();
    auto s = eng.supervisor;
    sys.spawn([=](caf::event_based_actor* self) {
      self->request(s, caf::infinite, status_atom_v)
        .then([=](registry_status& x) { *out = x; },
              [](caf::error&) {
                // nop: *out stays none
              });
    });
    run();
    BOOST_REQUIRE_MESSAGE(*out, "the supervisor did not answer");
    return **out;
  }

  /// The lock of `expert_id`'s enter_market key.
  key_status key(int64_t expert_id) {
    auto out = std::make_shared<caf::optional<key_status>>();
    auto s = eng.supervisor;
    auto k = lock_key(expert_id, use_case::enter_market);
    sys.spawn([=](caf::event_based_actor* self) {
      self->request(s, caf::infinite, key_status_atom_v, k)
        .then([=](key_status& x) { *out = x; },
              [](caf::error&) {
                // nop: *out stays none
              });
    });
    run();
    BOOST_REQUIRE_MESSAGE(*out, "the supervisor did not answer");
    return **out;
  }

  /// True when no key is held, waited for or even known.
  bool registry_empty() {
    auto x = registry();
    return x.keys == 0 && x.held == 0 && x.waiting == 0;
  }

  store_snapshot snapshot() {
    auto x = real->snapshot();
    BOOST_REQUIRE_MESSAGE(x, error_text(x));
    return std::move(*x);
  }
};

// -- assertions on results and snapshots -------------------------------------

inline std::vector<outcome> outcomes_of(const run_result& x) {
  std::vector<outcome> result;
  for (auto& o : x.outcomes)
    result.push_back(o.result);
  return result;
}

/// The order with this client id, or null.
inline const order* find_order(const store_snapshot& s,
                               const std::string& client_id) {
  for (auto& o : s.orders)
    if (o.client_order_id == client_id)
      return &o;
  return nullptr;
}

/// The expert's WAITING/OPENED transactions on `symbol`.
inline std::vector<transaction> live_of(const store_snapshot& s,
                                        int64_t expert_id,
                                        const std::string& symbol) {
  std::vector<transaction> result;
  for (auto& t : s.transactions)
    if (t.expert_id == expert_id && t.symbol == symbol
        && blocks_new_entry(t.status))
      result.push_back(t);
  return result;
}

/// The transaction with this id (a default one when missing).
inline transaction txn_by_id(const store_snapshot& s, int64_t id) {
  for (auto& t : s.transactions)
    if (t.id == id)
      return t;
  return {};
}

} // namespace tradeflow::test
