// Figure 2, timeout precision: 1,000 keys are held; one loser per key asks
// for it with the engine's max_wait (500 ms) and measures how long its
// `lock_timeout` answer takes. Meanwhile two probes keep making round
// trips, one to a plain actor and one to the supervisor itself (which owns
// every deadline); their worst round trip shows whether any thread was
// blocked while 1,000 requests waited. Medians over repetitions.
//
//   bench_lock_timeout [--reps 5] [--keys 1000]
#include <chrono>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.hpp"
#include "bench/bench_util.hpp"
#include "messages/error.hpp"

using namespace tradeflow;
using namespace tradeflow::bench;
using namespace std::chrono_literals;

namespace {

constexpr auto k_max_wait = 500ms;
// The worker's own request timeout: max_wait plus its margin.
constexpr auto k_request_timeout = k_max_wait + 250ms;

std::string key_of(int k) {
  return "expert_" + std::to_string(k) + "_usecase_enter_market";
}

/// Asks for `key` once; reports (elapsed ms, timed out by the registry),
/// then stays alive like a worker until the end of the repetition, or,
/// with `quit_after`, ends at once like a one-shot requester (whose death
/// the supervisor, monitoring it, then handles).
caf::behavior loser(caf::event_based_actor* self, supervisor_actor sup,
                    std::string key, uint64_t ticket, caf::actor done,
                    bool quit_after) {
  auto t0 = bench_clock::now();
  self->request(sup, k_request_timeout, acquire_atom_v, key, ticket,
                caf::timespan{k_max_wait})
    .then([=](lock_grant&) { self->send(done, ms_since(t0), false); },
          [=](caf::error& err) {
            self->send(sup, cancel_atom_v, key, ticket);
            self->send(done, ms_since(t0), is(err, ec::lock_timeout));
            if (quit_after)
              self->quit();
          });
  return {[](int) {}};
}

/// Answers every int with the same int.
caf::behavior ponger(caf::event_based_actor*) {
  return {[](int x) { return x; }};
}

/// Every millisecond, a round trip to `target` (message `msg`, answer
/// `R`), from a go message until asked with get_atom, which answers (round
/// trips, worst round trip in ms). A thread blocked for d ms anywhere in
/// the scheduler shows up as a round trip of about d ms.
template <class R, class... Ts>
caf::behavior probe(caf::event_based_actor* self, caf::actor target,
                    Ts... msg) {
  auto count = std::make_shared<int64_t>(0);
  auto worst = std::make_shared<double>(0);
  auto stop = std::make_shared<bool>(false);
  return {
    [=](caf::ok_atom) {
      if (*stop)
        return;
      auto t0 = bench_clock::now();
      auto record = [=] {
        ++*count;
        *worst = std::max(*worst, ms_since(t0));
        self->delayed_send(self, 1ms, caf::ok_atom_v);
      };
      self->request(target, 5s, msg...)
        .then([=](R&) { record(); }, [=](caf::error&) { record(); });
    },
    [=](caf::get_atom) {
      *stop = true;
      return std::make_tuple(*count, *worst);
    },
  };
}

struct rep_result {
  std::vector<double> elapsed_ms;
  int not_timed_out = 0;
  int64_t probe_trips = 0;
  double probe_worst_ms = 0;
  int64_t sup_trips = 0;
  double sup_worst_ms = 0;
  uint64_t keys_after = 0;
};

rep_result run_rep(caf::actor_system& sys, int keys, bool quit_after) {
  rep_result out;
  caf::scoped_actor self{sys};
  auto sup = sys.spawn(supervisor, worker_deps{}, run_settings{}, 1);
  // The holders: the scoped actor takes every key (tickets 1..keys).
  for (int k = 0; k < keys; ++k)
    self->request(sup, 5s, acquire_atom_v, key_of(k),
                  static_cast<uint64_t>(k + 1), caf::timespan{k_max_wait})
      .receive([](lock_grant&) {}, [](caf::error&) {});
  auto pong = sys.spawn(ponger);
  auto plain = sys.spawn(probe<int, int>, caf::actor_cast<caf::actor>(pong),
                         1);
  auto on_sup = sys.spawn(probe<key_status, key_status_atom, std::string>,
                          caf::actor_cast<caf::actor>(sup), key_status_atom_v,
                          key_of(0));
  self->send(plain, caf::ok_atom_v);
  self->send(on_sup, caf::ok_atom_v);
  auto done = caf::actor{self};
  std::vector<caf::actor> losers;
  for (int k = 0; k < keys; ++k)
    losers.push_back(sys.spawn(loser, sup, key_of(k),
                               static_cast<uint64_t>(keys + k + 1), done,
                               quit_after));
  for (int k = 0; k < keys; ++k)
    self->receive([&](double ms, bool timed_out) {
      out.elapsed_ms.push_back(ms);
      out.not_timed_out += timed_out ? 0 : 1;
    });
  auto ask = [&](const caf::actor& p, int64_t& trips, double& worst) {
    self->request(p, 5s, caf::get_atom_v)
      .receive([&](int64_t n, double w) { trips = n, worst = w; },
               [](caf::error&) {});
    caf::anon_send_exit(p, caf::exit_reason::user_shutdown);
  };
  ask(plain, out.probe_trips, out.probe_worst_ms);
  ask(on_sup, out.sup_trips, out.sup_worst_ms);
  for (int k = 0; k < keys; ++k)
    self->send(sup, release_atom_v, key_of(k), static_cast<uint64_t>(k + 1));
  self->request(sup, 5s, status_atom_v)
    .receive([&](registry_status& s) { out.keys_after = s.keys; },
             [](caf::error&) {});
  for (auto& l : losers)
    caf::anon_send_exit(l, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(pong, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
  return out;
}

/// Medians over repetitions of one mode's figures.
struct mode_figures {
  std::vector<double> p50, p99, pmax, pmin, probe_worst, sup_worst;
  std::vector<double> probe_rate;
  int not_timed_out = 0;
  uint64_t keys_after = 0;

  void add(const rep_result& r) {
    p50.push_back(percentile(r.elapsed_ms, 50));
    p99.push_back(percentile(r.elapsed_ms, 99));
    pmax.push_back(percentile(r.elapsed_ms, 100));
    pmin.push_back(percentile(r.elapsed_ms, 0));
    probe_worst.push_back(r.probe_worst_ms);
    sup_worst.push_back(r.sup_worst_ms);
    probe_rate.push_back(static_cast<double>(r.probe_trips)
                         / (pmax.back() / 1000.0));
    not_timed_out += r.not_timed_out;
    keys_after = std::max(keys_after, r.keys_after);
  }

  nlohmann::json to_json() const {
    return {{"min_ms", round_to(median(pmin))},
            {"p50_ms", round_to(median(p50))},
            {"p99_ms", round_to(median(p99))},
            {"max_ms", round_to(median(pmax))},
            {"p99_over_ms", round_to(median(p99) - 500)},
            {"not_timed_out", not_timed_out},
            {"probe_worst_ms", round_to(median(probe_worst))},
            {"probe_trips_per_s", round_to(median(probe_rate), 0)},
            {"supervisor_probe_worst_ms", round_to(median(sup_worst))},
            {"registry_keys_after", keys_after}};
  }
};

} // namespace

int main(int argc, char** argv) {
  auto reps = int_flag(argc, argv, "reps", 5);
  auto keys = static_cast<int>(int_flag(argc, argv, "keys", 1000));
  quiet_logging();
  mode_figures alive;
  mode_figures quitting;
  for (int64_t rep = 0; rep < reps; ++rep) {
    for (bool quit_after : {false, true}) {
      bench_config cfg;
      caf::actor_system sys{cfg};
      auto r = run_rep(sys, keys, quit_after);
      (quit_after ? quitting : alive).add(r);
      std::cerr << "lock_timeout rep " << rep
                << (quit_after ? " (losers quit)" : "") << ": p50 "
                << percentile(r.elapsed_ms, 50) << " p99 "
                << percentile(r.elapsed_ms, 99) << " max "
                << percentile(r.elapsed_ms, 100) << " ms; probe worst "
                << r.probe_worst_ms << " ms (" << r.probe_trips
                << " trips), supervisor probe worst " << r.sup_worst_ms
                << " ms\n";
    }
  }
  auto doc = alive.to_json();
  doc["figure"] = "lock_timeout";
  doc["reps"] = reps;
  doc["keys"] = keys;
  doc["max_wait_ms"] = 500;
  doc["target_p99_over_ms"] = 20;
  doc["losers_quit"] = quitting.to_json();
  emit(doc);
  return 0;
}
