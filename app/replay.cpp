#include "app/replay.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/logging.hpp"
#include "actors/paper_broker.hpp"
#include "app/wiring.hpp"
#include "messages/error.hpp"
#include "storage/seed.hpp"

namespace tradeflow {

namespace {

using clock_type = std::chrono::steady_clock;

/// Opens `url` and loads the scenario's rows into it in one database
/// transaction that first checks the database is fresh: a concurrent
/// replay on the same database, a failure halfway or a kill while loading
/// leaves nothing behind.
caf::expected<std::shared_ptr<storage::transaction_store>>
open_seeded(const std::string& url, const scenario& sc) {
  auto db = open_migrated_store(url);
  if (!db)
    return db;
  auto log = component_logger("app");
  log->info("loading scenario into the database");
  auto err = storage::seed_fresh_store(**db, seed_of(sc));
  if (is(err, ec::invalid_input))
    return make_error(ec::invalid_input, "--db: " + reason_of(err));
  if (err)
    return make_error(ec::run_failed, "loading scenario: " + describe(err));
  log->info("scenario loaded");
  return db;
}


/// Runs the read paths of a run once before the scenario's clock starts:
/// the first statements on a fresh PostgreSQL database are several times
/// slower (empty caches), and step timings must measure the engine, not
/// the connection's warm-up. Reads only; nothing changes.
caf::error warm_up(storage::transaction_store& db, const scenario& sc) {
  for (auto& x : sc.experts) {
    if (auto e = db.load_expert(x.id); !e)
      return e.error();
    if (auto r = db.recommendations_since(x.id, sc.now_ms); !r)
      return r.error();
    if (auto t = db.live_transactions(x.id, {}); !t)
      return t.error();
    break; // one expert warms every statement
  }
  if (auto t = db.transactions_to_sync(refresh_scope{}); !t)
    return t.error();
  if (auto o = db.orders_to_refresh(refresh_scope{}); !o)
    return o.error();
  return caf::none;
}

/// Starts one step without waiting for it: a one-shot actor makes the
/// request and reports `(index, result)` to `driver` when it ends.
void dispatch(caf::actor_system& sys, const caf::actor& driver,
              const engine_actors& e, size_t index, const scenario_step& step,
              int64_t now_ms) {
  using kind = scenario_step::kind;
  auto send_error = [driver, index](caf::event_based_actor* a) {
    return [a, driver, index](caf::error& err) {
      a->send(driver, index, std::move(err));
    };
  };
  switch (step.what) {
    case kind::run:
      sys.spawn([=](caf::event_based_actor* a) {
        auto req = step.run;
        req.as_of_ms = now_ms;
        a->request(e.supervisor, caf::infinite, process_atom_v, req)
          .then([=](run_result& r) { a->send(driver, index, std::move(r)); },
                send_error(a));
      });
      break;
    case kind::prices:
      sys.spawn([=](caf::event_based_actor* a) {
        a->request(e.broker, caf::infinite, set_price_atom_v, step.prices)
          .then([=](bool) { a->send(driver, index, true); }, send_error(a));
      });
      break;
    case kind::refresh:
      sys.spawn([=](caf::event_based_actor* a) {
        a->request(e.refresher, caf::infinite, refresh_atom_v,
                   refresh_scope{caf::none, now_ms}, true)
          .then([=](sync_summary&) { a->send(driver, index, true); },
                send_error(a));
      });
      break;
    case kind::recommendations:
      sys.spawn([=](caf::event_based_actor* a) {
        a->request(e.store, caf::infinite, add_atom_v,
                   recommendation_batch{step.recommendations})
          .then([=](uint64_t) { a->send(driver, index, true); },
                send_error(a));
      });
      break;
    case kind::drain:
      break;
  }
}

/// Drives one replay's steps from the main thread: starts each segment's
/// steps at their `at_ms`, waits for them at a drain, and collects what
/// they answered (docs/scenario-format.md "steps[]").
class step_runner {
public:
  step_runner(caf::actor_system& sys, const scenario& sc, const engine_actors& e,
              replay_outcome& out, std::shared_ptr<quote_board> board)
    : sys_(sys), sc_(sc), e_(e), out_(out), board_(std::move(board)),
      driver_(sys) {
    // nop
  }

  /// Every step, segment by segment (a drain ends a segment), then the
  /// runs in step order with their race groups marked.
  void run_all() {
    std::vector<size_t> current;
    for (size_t i = 0; i < sc_.steps.size(); ++i) {
      if (sc_.steps[i].what != scenario_step::kind::drain) {
        current.push_back(i);
        continue;
      }
      start_segment(std::move(current));
      current.clear();
      wait_all();
      ++segment_;
    }
    start_segment(std::move(current));
    wait_all();
    std::sort(out_.runs.begin(), out_.runs.end(),
              [](auto& x, auto& y) { return x.step < y.step; });
    mark_race_groups(out_.runs, start_slot_);
  }

  /// The final refresh, then the store's snapshot and the registry's
  /// status; skipped once a step failed.
  void finish() {
    if (failure_)
      return;
    driver_
      ->request(e_.refresher, caf::infinite, refresh_atom_v,
                refresh_scope{caf::none, sc_.now_ms}, true)
      .receive([](sync_summary&) {},
               [&](caf::error& err) { failure_ = std::move(err); });
    if (failure_)
      return;
    driver_->request(e_.store, caf::infinite, dump_atom_v)
      .receive([&](store_snapshot& s) { out_.snapshot = std::move(s); },
               [&](caf::error& err) { failure_ = std::move(err); });
    driver_->request(e_.supervisor, caf::infinite, status_atom_v)
      .receive([&](registry_status& s) { out_.registry = s; },
               [&](caf::error& err) { failure_ = std::move(err); });
  }

  /// The first error of a step or of `finish`.
  const caf::error& failure() const {
    return failure_;
  }

private:
  void start_segment(std::vector<size_t> idx) {
    // Within a segment steps start at their `at_ms`, in time order;
    // waiting here is the scenario's own schedule, not synchronisation.
    std::stable_sort(idx.begin(), idx.end(), [&](size_t x, size_t y) {
      return sc_.steps[x].at_ms < sc_.steps[y].at_ms;
    });
    auto segment_start = clock_type::now();
    for (auto i : idx) {
      auto& step = sc_.steps[i];
      std::this_thread::sleep_until(segment_start
                                    + std::chrono::milliseconds(step.at_ms));
      // The slot is the race group's name (docs/scenario-format.md
      // "Race groups"); after a drain it names the drain, so groups of
      // one key at the same at_ms in different segments stay apart.
      start_slot_[i] = "at_ms " + std::to_string(step.at_ms)
                       + (segment_ == 0
                            ? std::string{}
                            : " after drain " + std::to_string(segment_));
      if (board_ && step.what == scenario_step::kind::prices)
        board_->set(step.prices); // the FIX venue's collar reads it
      dispatch(sys_, caf::actor_cast<caf::actor>(driver_), e_, i, step,
               sc_.now_ms);
      ++outstanding_;
    }
  }

  /// Collects an answer from every step started since the last drain.
  void wait_all() {
    for (; outstanding_ > 0; --outstanding_)
      driver_->receive(
        [&](size_t index, run_result& r) {
          out_.runs.push_back(replay_run{index, std::move(r), false, ""});
        },
        [&](size_t, bool) {},
        [&](size_t index, caf::error& err) {
          component_logger("app")->error("step {} failed: {}", index,
                                         describe(err));
          if (!failure_)
            failure_ = std::move(err);
        });
  }

  caf::actor_system& sys_;
  const scenario& sc_;
  const engine_actors& e_;
  replay_outcome& out_;
  std::shared_ptr<quote_board> board_;
  caf::scoped_actor driver_;
  caf::error failure_;
  std::map<size_t, std::string> start_slot_;
  size_t segment_ = 0;
  size_t outstanding_ = 0;
};

} // namespace

scenario_seed seed_of(const scenario& sc) {
  return scenario_seed{sc.rulesets, sc.experts, sc.recommendations,
                       sc.transactions};
}

venue_setup venue_of(const scenario& sc) {
  return venue_setup{sc.prices, sc.balance, sc.faults, sc.latency_ms};
}

caf::error seed_store(storage::transaction_store& db, const scenario& sc) {
  return storage::seed_store(db, seed_of(sc));
}

caf::expected<replay_outcome> execute_scenario(caf::actor_system& sys,
                                               const scenario& sc,
                                               const std::string& db_url,
                                               run_settings settings,
                                               venue_choice venue) {
  auto db = open_seeded(db_url, sc);
  if (!db)
    return std::move(db.error());
  if (auto err = warm_up(**db, sc))
    return make_error(ec::run_failed, "reading the store: " + describe(err));
  auto max_epoch = (*db)->max_epoch();
  if (!max_epoch)
    return std::move(max_epoch.error());
  settings.fixed_now_ms = sc.now_ms;
  settings.ticks = ticks_for(sc, std::move(settings.ticks));
  broker_backend broker = std::make_shared<paper_broker>(sc.prices, sc.balance,
                                                         sc.faults);
  std::shared_ptr<quote_board> board;
  if (venue.fix()) {
    board = std::make_shared<quote_board>(sc.prices);
    venue.price_tick = tick_value(settings.ticks.fallback);
    auto fix = fix_backend(venue, board, sc.prices, sc.balance);
    if (!fix)
      return std::move(fix.error());
    broker = std::move(*fix);
  }
  auto e = start_engine(sys, settings, *db, std::move(broker),
                        std::chrono::milliseconds(sc.latency_ms),
                        *max_epoch + 1);
  auto out = run_steps(sys, sc, e, std::move(board));
  stop_engine(e);
  return out;
}

caf::expected<replay_outcome> run_steps(caf::actor_system& sys,
                                        const scenario& sc, const engine_actors& e,
                                        std::shared_ptr<quote_board> board) {
  replay_outcome out;
  caf::error failure;
  auto started = clock_type::now();
  {
    step_runner runner{sys, sc, e, out, std::move(board)};
    runner.run_all();
    runner.finish();
    failure = runner.failure();
  }
  out.elapsed_ms = std::chrono::duration<double, std::milli>(
                     clock_type::now() - started)
                     .count();
  if (failure)
    return make_error(ec::run_failed, describe(failure));
  return out;
}

} // namespace tradeflow
