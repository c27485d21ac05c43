// Figures 3 and 5, end to end and growth: generated scenarios (`tradeflow
// gen` parameters: E experts x 20 recommendations, dup ratio 0.2,
// concurrency 3) replayed in-process with `execute_scenario` on a SQLite
// file, as `tradeflow replay --db sqlite3://db=FILE` does. Per size:
// recommendations/s and orders/s over the replay (seeding excluded), the
// final state checked for duplicate live positions, and the floor: the
// same rows written with `transaction_store::write_entry` in one loop
// without actors, on a fresh file, in the same repetition.
//
//   bench_end_to_end [--experts 100,1000,10000] [--reps 5,3,1] [--recs 20]
//                    [--dir /tmp]
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>

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
};

caf::expected<rep_figures> run_rep(const scenario& sc, const fs::path& dir) {
  rep_figures out;
  auto file = dir / "replay.db";
  remove_db(file);
  {
    bench_config cfg;
    caf::actor_system sys{cfg};
    auto res = execute_scenario(sys, sc, "sqlite3://db=" + file.string(),
                                cfg.run());
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

/// Runs `n` repetitions of one size; a replay that fails ends the size
/// with its error and the time it ran, instead of ending the program.
nlohmann::json run_size(int64_t experts, int64_t recs, int64_t n,
                        const fs::path& dir) {
  nlohmann::json row = {{"experts", experts},
                        {"recs_per_expert", recs},
                        {"reps", n}};
  auto sc = make_scenario(experts, recs);
  if (!sc) {
    row["failed"] = describe(sc.error());
    return row;
  }
  std::vector<double> replay_ms, floor_ms, ratio;
  rep_figures last;
  int64_t duplicates = 0, run_errors = 0, unexecuted = 0;
  for (int64_t rep = 0; rep < n; ++rep) {
    auto t0 = bench_clock::now();
    auto r = run_rep(*sc, dir);
    if (!r) {
      std::cerr << "end_to_end " << experts << "x" << recs << " rep " << rep
                << " failed after " << ms_since(t0) << " ms: "
                << describe(r.error()) << '\n';
      row["failed"] = describe(r.error());
      row["failed_after_ms"] = round_to(ms_since(t0), 0);
      return row;
    }
    replay_ms.push_back(r->replay_ms);
    floor_ms.push_back(r->floor_ms);
    ratio.push_back(r->replay_ms / r->floor_ms);
    duplicates = std::max(duplicates, r->duplicates);
    run_errors = std::max(run_errors, r->run_errors);
    unexecuted = std::max(unexecuted, r->unexecuted);
    std::cerr << "end_to_end " << experts << "x" << recs << " rep " << rep
              << ": replay " << r->replay_ms << " ms, floor " << r->floor_ms
              << " ms, " << r->orders << " orders, " << r->duplicates
              << " duplicates, " << r->run_errors << " run errors, "
              << r->unexecuted << " recommendations never executed\n";
    last = std::move(*r);
  }
  auto ms = median(replay_ms);
  auto total_recs = static_cast<double>(experts * recs);
  row.update({{"replay_ms", round_to(ms, 1)},
              {"replay_ms_min", round_to(percentile(replay_ms, 0), 1)},
              {"replay_ms_max", round_to(percentile(replay_ms, 100), 1)},
              {"recs_per_s", round_to(total_recs / (ms / 1000), 0)},
              {"orders", last.orders},
              {"orders_per_s", round_to(last.orders / (ms / 1000), 0)},
              {"floor_ms", round_to(median(floor_ms), 1)},
              {"ratio_to_floor", round_to(median(ratio), 2)},
              {"ms_per_expert", round_to(ms / experts, 3)},
              {"duplicates", duplicates},
              {"run_errors", run_errors},
              {"unexecuted", unexecuted},
              {"run_status", last.run_status},
              {"outcomes", last.outcomes}});
  return row;
}

} // namespace

int main(int argc, char** argv) {
  auto sizes = list_flag(argc, argv, "experts", {100, 1000, 10000});
  auto reps = list_flag(argc, argv, "reps", {5, 3, 1});
  auto recs = int_flag(argc, argv, "recs", 20);
  auto base = fs::path{str_flag(argc, argv, "dir", "/tmp")};
  auto dir = base / ("tradeflow-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  quiet_logging();
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sizes.size(); ++i)
    rows.push_back(run_size(sizes[i], recs, i < reps.size() ? reps[i] : 1,
                            dir));
  fs::remove_all(dir);
  emit({{"figure", "end_to_end"},
        {"storage", "sqlite3 file (WAL, synchronous=NORMAL)"},
        {"dup_ratio", 0.2},
        {"concurrency", 3},
        {"target_ratio_to_floor", 3.0},
        {"sizes", rows}});
  return 0;
}
