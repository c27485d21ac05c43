// Figure 4, scale: N worker actors, one per (expert, use case), spawned
// with the engine's real dependencies and left idle; then each runs once
// (an unknown expert: lock, load, guard, record, release) and the lock
// registry is read back. Resident memory is VmRSS of /proc/self/status
// before and after the spawn; every repetition runs in a fresh child
// process (fork before any thread exists) so that one repetition's freed
// memory cannot hide the next one's growth. Medians over repetitions.
//
//   bench_scale [--workers 10000,100000] [--reps 5,3] [--burst 0]
//               [--policy stealing]
// --burst 1 sends every run at once instead of keeping at most
// max-runs-in-flight outstanding: the load under which CAF 0.17's own work
// stealing stalled (docs/performance.md); scripts/bench soaks it.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/paper_broker.hpp"
#include "actors/worker.hpp"
#include "app/wiring.hpp"
#include "bench/bench_util.hpp"

using namespace tradeflow;
using namespace tradeflow::bench;
using namespace std::chrono_literals;

namespace {

struct rep_result {
  double rss_kib_per_worker = 0;
  double spawn_us_per_worker = 0;
  double run_us_per_worker = 0;
  double keys_after = -1;
  double held_after = -1;
  /// Runs still unanswered after 60 s without any answer (0: none).
  double stalled_runs = 0;
};

/// --burst: every run sent at once.
bool g_burst = false;

rep_result measure(int64_t n) {
  rep_result out;
  quiet_logging();
  auto db = storage::open_store("sqlite3://db=:memory:");
  if (!db || !(*db)->migrate())
    return out;
  bench_config cfg;
  caf::actor_system sys{cfg};
  auto settings = cfg.run();
  settings.fixed_now_ms = 0;
  auto broker = std::make_shared<paper_broker>(price_quotes{}, 1e6,
                                               broker_faults{});
  auto e = start_engine(sys, settings, std::move(*db), broker,
                        caf::timespan{0}, 1);
  worker_deps deps{e.store, e.risk, e.broker, e.refresher};
  std::vector<worker_actor> workers;
  workers.reserve(static_cast<size_t>(n));
  // Let the engine settle, then take the baseline.
  std::this_thread::sleep_for(200ms);
  auto rss0 = rss_kib();
  auto t0 = bench_clock::now();
  for (int64_t i = 0; i < n; ++i)
    workers.push_back(sys.spawn(worker, i / 2 + 1,
                                i % 2 ? use_case::open_positions
                                      : use_case::enter_market,
                                e.supervisor, deps, settings));
  out.spawn_us_per_worker = ms_since(t0) * 1000 / static_cast<double>(n);
  // Spawned actors initialise on the scheduler; let them all get there.
  std::this_thread::sleep_for(500ms);
  out.rss_kib_per_worker = static_cast<double>(rss_kib() - rss0)
                           / static_cast<double>(n);
  {
    caf::scoped_actor self{sys};
    // At most max_runs_in_flight runs at once, as the supervisor admits
    // them: the engine never lets 100,000 runs loose on the store at once.
    auto t1 = bench_clock::now();
    size_t next = 0;
    auto send_next = [&] {
      if (next < workers.size())
        self->send(workers[next++], process_atom_v, run_request{});
    };
    auto window = g_burst ? workers.size() : settings.max_runs_in_flight;
    while (next < std::min(workers.size(), window))
      send_next();
    for (int64_t i = 0; i < n && out.stalled_runs == 0; ++i)
      self->receive([&](run_result&) { send_next(); },
                    [&](caf::error&) { send_next(); },
                    caf::after(std::chrono::seconds(60)) >> [&] {
                      // Report a stall instead of hanging the whole bench.
                      out.stalled_runs = static_cast<double>(n - i);
                    });
    out.run_us_per_worker = ms_since(t1) * 1000 / static_cast<double>(n);
    self->request(e.supervisor, 10s, status_atom_v)
      .receive(
        [&](registry_status& s) {
          out.keys_after = static_cast<double>(s.keys);
          out.held_after = static_cast<double>(s.held);
        },
        [](caf::error&) {});
  }
  for (auto& w : workers)
    caf::anon_send_exit(w, caf::exit_reason::user_shutdown);
  stop_engine(e);
  return out;
}

/// Runs `measure(n)` in a child process and reads its figures back.
bool measure_in_child(int64_t n, rep_result& out) {
  int fds[2];
  if (pipe(fds) != 0)
    return false;
  auto pid = fork();
  if (pid == 0) {
    close(fds[0]);
    auto r = measure(n);
    auto text = std::to_string(r.rss_kib_per_worker) + " "
                + std::to_string(r.spawn_us_per_worker) + " "
                + std::to_string(r.run_us_per_worker) + " "
                + std::to_string(r.keys_after) + " "
                + std::to_string(r.held_after) + " "
                + std::to_string(r.stalled_runs) + "\n";
    auto written = write(fds[1], text.data(), text.size());
    close(fds[1]);
    _exit(written == static_cast<ssize_t>(text.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string text;
  char buf[256];
  ssize_t got;
  while ((got = read(fds[0], buf, sizeof(buf))) > 0)
    text.append(buf, static_cast<size_t>(got));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  std::istringstream in{text};
  in >> out.rss_kib_per_worker >> out.spawn_us_per_worker
    >> out.run_us_per_worker >> out.keys_after >> out.held_after
    >> out.stalled_runs;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && !in.fail();
}

} // namespace

int main(int argc, char** argv) {
  auto sizes = list_flag(argc, argv, "workers", {10000, 100000});
  auto reps = list_flag(argc, argv, "reps", {5, 3});
  g_burst = int_flag(argc, argv, "burst", 0) != 0;
  bench_policy() = str_flag(argc, argv, "policy", "stealing");
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::vector<double> rss, spawn, run;
    double keys_after = 0, held_after = 0, stalled = 0;
    int64_t stalled_reps = 0;
    auto n = i < reps.size() ? reps[i] : 1;
    for (int64_t rep = 0; rep < n; ++rep) {
      rep_result r;
      if (!measure_in_child(sizes[i], r)) {
        std::cerr << "scale: repetition failed\n";
        return 1;
      }
      rss.push_back(r.rss_kib_per_worker);
      spawn.push_back(r.spawn_us_per_worker);
      run.push_back(r.run_us_per_worker);
      keys_after = std::max(keys_after, r.keys_after);
      held_after = std::max(held_after, r.held_after);
      stalled = std::max(stalled, r.stalled_runs);
      stalled_reps += r.stalled_runs > 0 ? 1 : 0;
      std::cerr << "scale " << sizes[i] << " rep " << rep << ": "
                << r.rss_kib_per_worker << " KiB/worker, spawn "
                << r.spawn_us_per_worker << " us/worker, run "
                << r.run_us_per_worker << " us/worker, keys after "
                << r.keys_after
                << (r.stalled_runs > 0 ? ", STALLED with "
                                           + std::to_string(r.stalled_runs)
                                           + " runs unanswered"
                                       : std::string{})
                << '\n';
    }
    rows.push_back({{"workers", sizes[i]},
                    {"reps", n},
                    {"rss_kib_per_worker", round_to(median(rss), 2)},
                    {"spawn_us_per_worker", round_to(median(spawn), 2)},
                    {"run_us_per_worker", round_to(median(run), 2)},
                    {"registry_keys_after", keys_after},
                    {"registry_held_after", held_after},
                    {"run_us_per_worker_max",
                     round_to(percentile(run, 100), 2)},
                    {"stalled_runs", stalled},
                    {"stalled_reps", stalled_reps}});
  }
  emit({{"figure", "scale"},
        {"policy", bench_policy()},
        {"burst", g_burst},
        {"target_kib_per_worker", 4.0},
        {"target_keys_after", 0},
        {"sizes", rows}});
  return 0;
}
