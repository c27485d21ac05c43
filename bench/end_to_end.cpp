// Figures 3 and 5, end to end and growth: generated scenarios (`tradeflow
// gen` parameters: E experts x 20 recommendations, dup ratio 0.2,
// concurrency 3) replayed in-process with `execute_scenario` on a SQLite
// file, as `tradeflow replay --db sqlite3://db=FILE` does. Per size:
// recommendations/s and orders/s over the replay (seeding excluded), the
// final state checked for duplicate live positions, and the floor: the
// same rows written with `transaction_store::write_entry` in one loop
// without actors, on a fresh file, in the same repetition.
// With --metrics 1, each repetition also replays the scenario with the
// engine's metrics on (a fresh prometheus::Registry), alternating which of
// the two goes first, and the row gives the median ratio of the two
// (docs/metrics.md).
//
//   bench_end_to_end [--experts 100,1000,10000] [--reps 5,3,1] [--recs 20]
//                    [--dir /tmp] [--metrics 0|1]
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <prometheus/registry.h>

#include "actors/metrics.hpp"

#include "app/generate.hpp"
#include "app/replay.hpp"
#include "bench/bench_util.hpp"
#include "bench/floor.hpp"
#include "messages/error.hpp"

using namespace tradeflow;
using namespace tradeflow::bench;
namespace fs = std::filesystem;

namespace {

void remove_db(const fs::path& file) {
  for (auto suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(file.string() + suffix);
}

struct rep_figures {
  double replay_ms = 0;
  double floor_ms = 0;
  int64_t orders = 0;
  int64_t duplicates = 0;
  /// Runs whose result carries an error (a store or broker request that
  /// failed or timed out mid-run).
  int64_t run_errors = 0;
  /// Recommendations without a given position that no run executed (every
  /// run of their expert gave up): 0 when the engine kept up.
  int64_t unexecuted = 0;
  std::map<std::string, int64_t> run_status;
  std::map<std::string, int64_t> outcomes;
  /// With metrics: counts and histogram observations made (gauge sets are
  /// not counted: a gauge keeps no history).
  int64_t metric_events = 0;
};

/// Every count and observation in `registry`.
int64_t events_in(const prometheus::Registry& registry) {
  double n = 0;
  for (auto& f : registry.Collect())
    for (auto& m : f.metric)
      n += f.type == prometheus::MetricType::Histogram
             ? static_cast<double>(m.histogram.sample_count)
             : f.type == prometheus::MetricType::Counter ? m.counter.value : 0;
  return static_cast<int64_t>(n);
}

/// Nanoseconds per call of each kind, alone on a registry of their own:
/// what one event costs, free of the replay's noise.
nlohmann::json call_costs() {
  prometheus::Registry registry;
  engine_metrics m{registry};
  constexpr int n = 2'000'000;
  auto per_call = [](auto&& f) {
    auto t0 = bench_clock::now();
    for (int i = 0; i < n; ++i)
      f(i);
    return round_to(ms_since(t0) * 1e6 / n, 1);
  };
  return {{"counter_ns", per_call([&](int) {
             m.order_event(engine_metrics::order_kind::submitted);
           })},
          {"histogram_ns", per_call([&](int i) {
             m.lock_waited(caf::timespan{(i % 1000) * 1000});
           })},
          {"gauge_ns", per_call([&](int i) {
             m.set_workers(static_cast<size_t>(i));
           })}};
}

/// One replay; with `metrics`, the engine counts into a registry of its
/// own; without `floor`, the floor is not measured (a metrics replay).
caf::expected<rep_figures> run_rep(const scenario& sc, const fs::path& dir,
                                   bool metrics, bool floor_too = true) {
  rep_figures out;
  auto file = dir / "replay.db";
  remove_db(file);
  {
    // Declared first: it outlives the actors that count into it.
    prometheus::Registry registry;
    bench_config cfg;
    caf::actor_system sys{cfg};
    auto settings = cfg.run();
    if (metrics)
      settings.metrics = std::make_shared<engine_metrics>(registry);
    auto res = execute_scenario(sys, sc, "sqlite3://db=" + file.string(),
                                settings);
    if (!res)
      return std::move(res.error());
    out.replay_ms = res->elapsed_ms;
    out.orders = static_cast<int64_t>(res->snapshot.orders.size());
    out.duplicates = duplicate_live_pairs(res->snapshot);
    for (auto& r : res->runs) {
      ++out.run_status[to_string(r.result.status)];
      out.run_errors += r.result.error ? 1 : 0;
      for (auto& x : r.result.outcomes)
        ++out.outcomes[to_string(x.result)];
    }
    auto expected = static_cast<int64_t>(sc.recommendations.size()
                                         - sc.transactions.size());
    out.unexecuted = expected - out.outcomes["executed"];
    out.metric_events = metrics ? events_in(registry) : 0;
    if (!floor_too) {
      remove_db(file);
      return out;
    }
    auto entries = rebuild_entries(res->snapshot, sc);
    auto floor_file = dir / "floor.db";
    remove_db(floor_file);
    auto floor = write_floor("sqlite3://db=" + floor_file.string(), sc,
                             entries);
    remove_db(floor_file);
    if (!floor)
      return std::move(floor.error());
    out.floor_ms = *floor;
  }
  remove_db(file);
  return out;
}

/// The scenario of one size, as `tradeflow gen` would write it.
caf::expected<scenario> make_scenario(int64_t experts, int64_t recs) {
  generate_params p;
  p.experts = experts;
  p.recs_per_expert = recs;
  p.dup_ratio = 0.2;
  p.concurrency = 3;
  p.seed = 1;
  auto doc = generate_scenario(p);
  if (!doc)
    return std::move(doc.error());
  return parse_scenario(*doc);
}

/// The figures of one size across its repetitions.
struct size_figures {
  std::vector<double> replay_ms, floor_ms, ratio;
  /// With --metrics: the replays with metrics on, and their ratio to the
  /// plain replay of the same repetition.
  std::vector<double> metrics_ms, metrics_ratio;
  int64_t duplicates = 0, run_errors = 0, unexecuted = 0;
  int64_t metric_events = 0;
  rep_figures last;

  void worst_of(const rep_figures& r) {
    duplicates = std::max(duplicates, r.duplicates);
    run_errors = std::max(run_errors, r.run_errors);
    unexecuted = std::max(unexecuted, r.unexecuted);
  }
};

/// One repetition: the plain replay with its floor and, with `metrics`,
/// the replay with metrics on. The two alternate which goes first, so
/// that drift over the run (a warming page cache, a neighbour's load)
/// favours neither.
caf::error run_pair(const scenario& sc, const fs::path& dir, bool metrics,
                    int64_t rep, size_figures& acc) {
  caf::expected<rep_figures> plain{caf::error{}}, with{caf::error{}};
  bool with_first = metrics && rep % 2 == 1;
  if (with_first)
    with = run_rep(sc, dir, true, false);
  plain = run_rep(sc, dir, false);
  if (metrics && !with_first)
    with = run_rep(sc, dir, true, false);
  if (!plain)
    return std::move(plain.error());
  acc.replay_ms.push_back(plain->replay_ms);
  acc.floor_ms.push_back(plain->floor_ms);
  acc.ratio.push_back(plain->replay_ms / plain->floor_ms);
  acc.worst_of(*plain);
  std::cerr << "  replay " << plain->replay_ms << " ms, floor "
            << plain->floor_ms << " ms, " << plain->orders << " orders, "
            << plain->duplicates << " duplicates, " << plain->run_errors
            << " run errors, " << plain->unexecuted
            << " recommendations never executed\n";
  if (metrics) {
    if (!with)
      return std::move(with.error());
    acc.metrics_ms.push_back(with->replay_ms);
    acc.metrics_ratio.push_back(with->replay_ms / plain->replay_ms);
    acc.worst_of(*with);
    acc.metric_events = with->metric_events;
    std::cerr << "  with metrics: replay " << with->replay_ms << " ms, "
              << with->orders << " orders\n";
  }
  acc.last = std::move(*plain);
  return caf::none;
}

/// Runs `n` repetitions of one size; a replay that fails ends the size
/// with its error and the time it ran, instead of ending the program.
nlohmann::json run_size(int64_t experts, int64_t recs, int64_t n,
                        const fs::path& dir, bool metrics) {
  nlohmann::json row = {{"experts", experts},
                        {"recs_per_expert", recs},
                        {"reps", n}};
  auto sc = make_scenario(experts, recs);
  if (!sc) {
    row["failed"] = describe(sc.error());
    return row;
  }
  size_figures acc;
  for (int64_t rep = 0; rep < n; ++rep) {
    auto t0 = bench_clock::now();
    std::cerr << "end_to_end " << experts << "x" << recs << " rep " << rep
              << ":\n";
    if (auto err = run_pair(*sc, dir, metrics, rep, acc)) {
      std::cerr << "  failed after " << ms_since(t0)
                << " ms: " << describe(err) << '\n';
      row["failed"] = describe(err);
      row["failed_after_ms"] = round_to(ms_since(t0), 0);
      return row;
    }
  }
  auto ms = median(acc.replay_ms);
  auto total_recs = static_cast<double>(experts * recs);
  auto& last = acc.last;
  row.update({{"replay_ms", round_to(ms, 1)},
              {"replay_ms_min", round_to(percentile(acc.replay_ms, 0), 1)},
              {"replay_ms_max", round_to(percentile(acc.replay_ms, 100), 1)},
              {"recs_per_s", round_to(total_recs / (ms / 1000), 0)},
              {"orders", last.orders},
              {"orders_per_s", round_to(last.orders / (ms / 1000), 0)},
              {"floor_ms", round_to(median(acc.floor_ms), 1)},
              {"ratio_to_floor", round_to(median(acc.ratio), 2)},
              {"ms_per_expert", round_to(ms / experts, 3)},
              {"duplicates", acc.duplicates},
              {"run_errors", acc.run_errors},
              {"unexecuted", acc.unexecuted},
              {"run_status", last.run_status},
              {"outcomes", last.outcomes}});
  if (metrics)
    row.update(
      {{"metrics_replay_ms", round_to(median(acc.metrics_ms), 1)},
       {"metrics_ratio", round_to(median(acc.metrics_ratio), 3)},
       {"metrics_ratio_min", round_to(percentile(acc.metrics_ratio, 0), 3)},
       {"metrics_ratio_max",
        round_to(percentile(acc.metrics_ratio, 100), 3)},
       {"metric_events", acc.metric_events}});
  return row;
}

} // namespace

int main(int argc, char** argv) {
  auto sizes = list_flag(argc, argv, "experts", {100, 1000, 10000});
  auto reps = list_flag(argc, argv, "reps", {5, 3, 1});
  auto recs = int_flag(argc, argv, "recs", 20);
  auto base = fs::path{str_flag(argc, argv, "dir", "/tmp")};
  auto metrics = int_flag(argc, argv, "metrics", 0) != 0;
  auto dir = base / ("tradeflow-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  quiet_logging();
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sizes.size(); ++i)
    rows.push_back(run_size(sizes[i], recs, i < reps.size() ? reps[i] : 1,
                            dir, metrics));
  fs::remove_all(dir);
  nlohmann::json doc{{"figure", "end_to_end"},
                     {"storage", "sqlite3 file (WAL, synchronous=NORMAL)"},
                     {"dup_ratio", 0.2},
                     {"concurrency", 3},
                     {"target_ratio_to_floor", 3.0},
                     {"sizes", rows}};
  if (metrics)
    doc["metrics_call_costs"] = call_costs();
  emit(doc);
  return 0;
}
