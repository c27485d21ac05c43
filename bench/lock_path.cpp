// Figure 1, lock path: acquire+release cycles per second through the
// supervisor's lock registry (1 requester, then 10/100/1,000 on one key),
// beside a bare CAF request/response round trip between two local actors
// measured in the same repetition. Each repetition runs every case once in
// a fresh actor system; figures are medians over repetitions, and the
// ratio is (cycle time / round-trip time), taken per repetition. As a
// diagnostic, each contended case also runs the same number of plain
// requesters against one actor ("fan-in"), so that CAF's own cost of many
// outstanding timed requests is told apart from the registry's.
//
//   bench_lock_path [--reps 5] [--cycles 50000] [--request-timeout-ms 0]
//                   [--requesters 1,10,100,1000] [--policy stealing]
// (--policy caf-steal: CAF 0.17's own work stealing, for the cost of the
// engine's scheduler, app/scheduler.hpp)
#include <chrono>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.hpp"
#include "bench/bench_util.hpp"

using namespace tradeflow;
using namespace tradeflow::bench;
using namespace std::chrono_literals;

namespace {

// Same request form as a worker: no requester-side timeout (the registry
// owns the deadline). --request-timeout-ms N gives every request, the
// baseline's too, a timeout instead, to show what CAF's clock costs.
caf::duration k_request_timeout = caf::infinite;

/// Answers every int with the same int.
caf::behavior ponger(caf::event_based_actor*) {
  return {[](int x) { return x; }};
}

/// Round trips to `pong` `rounds` times after a go message, then reports
/// (rounds, errors) to `done`.
caf::behavior pinger(caf::event_based_actor* self, caf::actor pong,
                     int rounds, caf::actor done) {
  auto left = std::make_shared<int>(rounds);
  auto next = std::make_shared<std::function<void()>>();
  *next = [=] {
    if ((*left)-- == 0) {
      self->send(done, rounds, 0);
      self->quit();
      return;
    }
    self->request(pong, k_request_timeout, 1)
      .then([=](int) { (*next)(); }, [=](caf::error&) { (*next)(); });
  };
  return {[=](caf::ok_atom) { (*next)(); }};
}

/// Acquires and releases `key` `rounds` times (a new ticket each time)
/// after a go message, then reports (rounds, errors) to `done`.
caf::behavior cycler(caf::event_based_actor* self, supervisor_actor sup,
                     std::string key, uint64_t first_ticket, int rounds,
                     caf::actor done) {
  auto left = std::make_shared<int>(rounds);
  auto errors = std::make_shared<int>(0);
  auto ticket = std::make_shared<uint64_t>(first_ticket);
  auto next = std::make_shared<std::function<void()>>();
  *next = [=] {
    if ((*left)-- == 0) {
      self->send(done, rounds, *errors);
      self->quit();
      return;
    }
    auto t = (*ticket)++;
    self
      ->request(sup, k_request_timeout, acquire_atom_v, key, t,
                caf::timespan{1s})
      .then(
        [=](lock_grant&) {
          self->send(sup, release_atom_v, key, t);
          (*next)();
        },
        [=](caf::error&) {
          ++*errors;
          self->send(sup, cancel_atom_v, key, t);
          (*next)();
        });
  };
  return {[=](caf::ok_atom) { (*next)(); }};
}

struct case_result {
  double per_s = 0;
  int errors = 0;
};

/// Starts every actor in `actors` at once and waits for their reports.
case_result run_all(caf::scoped_actor& self,
                    const std::vector<caf::actor>& actors, int total) {
  auto t0 = bench_clock::now();
  for (auto& a : actors)
    self->send(a, caf::ok_atom_v);
  case_result out;
  for (size_t i = 0; i < actors.size(); ++i)
    self->receive([&](int, int errors) { out.errors += errors; });
  out.per_s = total / (ms_since(t0) / 1000.0);
  return out;
}

/// `pingers` actors round-trip to one ponger, `total` round trips in all.
case_result round_trips(caf::actor_system& sys, int pingers, int total) {
  caf::scoped_actor self{sys};
  auto pong = sys.spawn(ponger);
  auto rounds = total / pingers;
  std::vector<caf::actor> all;
  for (int i = 0; i < pingers; ++i)
    all.push_back(sys.spawn(pinger, pong, rounds, caf::actor{self}));
  auto r = run_all(self, all, rounds * pingers);
  caf::anon_send_exit(pong, caf::exit_reason::user_shutdown);
  return r;
}

case_result lock_cycles(caf::actor_system& sys, int requesters, int total) {
  caf::scoped_actor self{sys};
  auto sup = sys.spawn(supervisor, worker_deps{}, run_settings{}, 1);
  auto rounds = total / requesters;
  std::vector<caf::actor> all;
  for (int i = 0; i < requesters; ++i)
    all.push_back(sys.spawn(cycler, sup, std::string{"expert_1_usecase_x"},
                            static_cast<uint64_t>(i) * 1000000 + 1, rounds,
                            caf::actor{self}));
  auto r = run_all(self, all, rounds * requesters);
  self->request(sup, 5s, status_atom_v)
    .receive(
      [&](registry_status& s) {
        if (s.keys != 0)
          std::cerr << "lock_path: registry keeps " << s.keys << " keys\n";
      },
      [&](caf::error&) { std::cerr << "lock_path: no status\n"; });
  caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
  return r;
}

} // namespace

int main(int argc, char** argv) {
  auto reps = int_flag(argc, argv, "reps", 5);
  auto total = static_cast<int>(int_flag(argc, argv, "cycles", 50000));
  bench_policy() = str_flag(argc, argv, "policy", "stealing");
  quiet_logging();
  if (auto ms = int_flag(argc, argv, "request-timeout-ms", 0); ms > 0)
    k_request_timeout = caf::duration{std::chrono::milliseconds{ms}};
  std::vector<int> contention;
  for (auto n : list_flag(argc, argv, "requesters", {1, 10, 100, 1000}))
    contention.push_back(static_cast<int>(n));
  std::vector<double> rtt_s;
  std::vector<std::vector<double>> cyc_s(contention.size());
  std::vector<std::vector<double>> ratio(contention.size());
  std::vector<std::vector<double>> fan_s(contention.size());
  std::vector<std::vector<double>> fan_ratio(contention.size());
  int errors = 0;
  for (int64_t rep = 0; rep < reps; ++rep) {
    bench_config cfg;
    caf::actor_system sys{cfg};
    auto rt = round_trips(sys, 1, total);
    rtt_s.push_back(rt.per_s);
    std::cerr << "lock_path rep " << rep << ": rtt/s " << rt.per_s;
    for (size_t i = 0; i < contention.size(); ++i) {
      auto c = lock_cycles(sys, contention[i], total);
      // Diagnostic: as many plain requesters on one actor (CAF's own cost
      // of that many outstanding requests and their timeouts).
      auto fan = round_trips(sys, contention[i], total);
      errors += c.errors;
      cyc_s[i].push_back(c.per_s);
      ratio[i].push_back(rt.per_s / c.per_s);
      fan_s[i].push_back(fan.per_s);
      fan_ratio[i].push_back(fan.per_s / c.per_s);
      std::cerr << ", " << contention[i] << " req: " << c.per_s << " (fan-in "
                << fan.per_s << ")";
    }
    std::cerr << '\n';
  }
  nlohmann::json cases = nlohmann::json::array();
  for (size_t i = 0; i < contention.size(); ++i)
    cases.push_back({{"requesters", contention[i]},
                     {"cycles_per_s", round_to(median(cyc_s[i]), 0)},
                     {"cycles_per_s_min", round_to(percentile(cyc_s[i], 0))},
                     {"cycles_per_s_max",
                      round_to(percentile(cyc_s[i], 100), 0)},
                     {"ratio_to_rtt", round_to(median(ratio[i]), 2)},
                     {"fan_in_rtt_per_s", round_to(median(fan_s[i]), 0)},
                     {"ratio_to_fan_in", round_to(median(fan_ratio[i]), 2)}});
  emit({{"figure", "lock_path"},
        {"policy", bench_policy()},
        {"reps", reps},
        {"request_timeout_ms",
         k_request_timeout.valid() ? static_cast<int64_t>(k_request_timeout.count) : 0},
        {"cycles_per_case", total},
        {"rtt_per_s", round_to(median(rtt_s), 0)},
        {"rtt_us", round_to(1e6 / median(rtt_s), 2)},
        {"errors", errors},
        {"target_ratio", 2.0},
        {"cases", cases}});
  return 0;
}
