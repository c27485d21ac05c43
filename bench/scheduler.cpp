// Scheduler figure: the cause of the stall, isolated. One actor sends one
// message to each of N idle actors, which all become runnable on its
// worker's queue at once; the other worker steals from that queue. Time
// from the first send to the last of N answers (sent to a counter), with
// CAF 0.17's own work stealing ('caf-steal') and with the engine's
// ('stealing', app/scheduler.hpp), alternated within each repetition, 2
// threads each. Medians over repetitions; the ratio is taken per
// repetition.
//
//   bench_scheduler [--jobs 10000,40000] [--reps 3,3]
#include <chrono>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "bench/bench_util.hpp"

using namespace tradeflow;
using namespace tradeflow::bench;
using namespace std::chrono_literals;

namespace {

/// Milliseconds for a fan-out of `n` under `policy`; -1 if the answers
/// stopped for 120 s.
double fan_out_ms(const std::string& policy, int64_t n) {
  bench_policy() = policy;
  bench_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  caf::actor main_thread = caf::actor_cast<caf::actor>(self);
  auto counter = sys.spawn([main_thread, n](caf::event_based_actor* s) {
    auto left = std::make_shared<int64_t>(n);
    return caf::behavior{[=](int) {
      if (--*left == 0)
        s->send(main_thread, true);
    }};
  });
  std::vector<caf::actor> targets;
  targets.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    targets.push_back(sys.spawn([counter](caf::event_based_actor* s) {
      return caf::behavior{[=](int x) { s->send(counter, x); }};
    }));
  auto fan = sys.spawn([targets](caf::event_based_actor* s) {
    return caf::behavior{[=](bool) {
      for (const auto& t : targets)
        s->send(t, 1);
    }};
  });
  // Spawned actors initialise on the scheduler; let them all get there.
  std::this_thread::sleep_for(200ms);
  auto t0 = bench_clock::now();
  self->send(fan, true);
  double ms = -1;
  self->receive([&](bool) { ms = ms_since(t0); }, caf::after(120s) >> [] {});
  for (const auto& a : targets)
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(fan, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(counter, caf::exit_reason::user_shutdown);
  return ms;
}

} // namespace

int main(int argc, char** argv) {
  quiet_logging();
  auto sizes = list_flag(argc, argv, "jobs", {10000, 40000});
  auto reps = list_flag(argc, argv, "reps", {3, 3});
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::vector<double> caf_ms, engine_ms, ratio;
    auto n = i < reps.size() ? reps[i] : 1;
    for (int64_t rep = 0; rep < n; ++rep) {
      auto stock = fan_out_ms("caf-steal", sizes[i]);
      auto ours = fan_out_ms("stealing", sizes[i]);
      std::cerr << "scheduler " << sizes[i] << " rep " << rep
                << ": caf-steal " << stock << " ms, stealing " << ours
                << " ms\n";
      if (stock < 0 || ours < 0) {
        std::cerr << "scheduler: a fan-out stalled for 120 s\n";
        return 1;
      }
      caf_ms.push_back(stock);
      engine_ms.push_back(ours);
      ratio.push_back(stock / ours);
    }
    rows.push_back({{"jobs", sizes[i]},
                    {"reps", n},
                    {"caf_steal_ms", round_to(median(caf_ms), 1)},
                    {"stealing_ms", round_to(median(engine_ms), 1)},
                    {"speedup", round_to(median(ratio), 1)}});
  }
  emit({{"figure", "scheduler"}, {"sizes", rows}});
  return 0;
}
