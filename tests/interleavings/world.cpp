#include "tests/interleavings/world.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <sstream>
#include <utility>

#include "tests/interleavings/invariants.hpp"
#include "tests/interleavings/world_fixture.hpp"

// The seeded scheduler. CAF keeps messages FIFO per sender and receiver,
// so the freedom a real scheduler has is which ready actor runs next (and
// thereby which of several senders' messages an actor sees first), when
// time moves, and when the outside world acts. Each step draws one of:
// run a random ready actor for one resume; fire the next timeout (virtual
// time jumps to it, as if the machine stalled); inject the next scripted
// event (a run trigger, a refresh, a price move, a kill).
namespace tradeflow::test {

namespace {

const char* const all_symbols[] = {"AAPL", "MSFT", "GOOGL", "NVDA"};

/// A draw in [0, n) from the seed's stream: `rng() % n` is the same on
/// every standard library, unlike `uniform_int_distribution`.
struct dice {
  std::mt19937_64 rng;
  uint64_t operator()(uint64_t n) {
    return n == 0 ? 0 : rng() % n;
  }
  bool chance(uint64_t percent) {
    return (*this)(100) < percent;
  }
  template <class T, size_t N>
  const T& pick(const T (&xs)[N]) {
    return xs[(*this)(N)];
  }
};

/// The schedule's knobs, drawn per seed so that some seeds run mostly
/// in order and others stall time or burst events.
struct knobs {
  uint64_t event_every = 10;   // inject with chance 1/event_every per step
  uint64_t timeout_every = 20; // fire a timeout with chance 1/timeout_every
};

std::string describe_world(const world_plan& p, const knobs& k) {
  std::ostringstream out;
  out << "experts=" << p.experts << " symbols=" << p.symbols.size()
      << " recs=" << p.recs.size() << " given_txns=" << p.given.size()
      << " latency_ms=" << p.latency_ms << " lock_wait_ms=" << p.lock_wait_ms
      << " lock_margin_ms=" << p.lock_margin_ms
      << " max_runs=" << p.max_runs << " refuse=[";
  for (auto& s : p.faults.refuse_symbols)
    out << s << ' ';
  out << "] timeout=[";
  for (auto& s : p.faults.timeout_symbols)
    out << s << ' ';
  out << "] refuse_after=" << p.faults.refuse_after
      << " drop_answers=" << p.faults.drop_answers << " no_price=[";
  for (auto& s : p.unpriced)
    out << s << ' ';
  out << "] event_every=" << k.event_every
      << " timeout_every=" << k.timeout_every << '\n';
  return out.str();
}

world_plan make_plan(dice& d) {
  world_plan p;
  p.experts = 2 + d(3);
  auto nsym = 1 + d(4);
  p.symbols.assign(all_symbols, all_symbols + nsym);
  int64_t rec_id = 1;
  for (int64_t e = 1; e <= p.experts; ++e)
    for (auto& s : p.symbols) {
      if (!d.chance(75))
        continue;
      // Sometimes an older recommendation under a newer one: only the
      // newest per symbol is loaded.
      auto n = d.chance(30) ? 2 : 1;
      for (int i = 0; i < n; ++i) {
        recommendation r;
        r.id = rec_id++;
        r.expert_id = e;
        r.symbol = s;
        auto a = d(100);
        r.action = a < 65 ? rec_action::buy
                          : (a < 80 ? rec_action::sell : rec_action::hold);
        r.expected_profit_percent = 5 + static_cast<double>(d(26));
        r.price_at_date = 100;
        r.created_at_ms = pipeline_now - 1000 * (1 + d(3600));
        p.recs.push_back(r);
      }
    }
  for (int64_t e = 1; e <= p.experts; ++e)
    if (d.chance(15))
      p.given.emplace_back(e, p.symbols[d(p.symbols.size())],
                           d.chance(50) ? txn_status::opened
                                        : txn_status::waiting);
  static const int64_t latencies[] = {0, 0, 50, 300, 1200};
  static const int64_t lock_waits[] = {20, 100, 500};
  static const int64_t margins[] = {50, 250};
  static const size_t max_runs[] = {1, 2, 512};
  p.latency_ms = d.pick(latencies);
  p.lock_wait_ms = d.pick(lock_waits);
  p.lock_margin_ms = d.pick(margins);
  p.max_runs = d.pick(max_runs);
  for (auto& s : p.symbols) {
    auto f = d(100);
    if (f < 12)
      p.faults.refuse_symbols.push_back(s);
    else if (f < 24)
      p.faults.timeout_symbols.push_back(s);
    else if (f < 30)
      p.unpriced.push_back(s);
  }
  if (d.chance(15))
    p.faults.refuse_after = static_cast<int64_t>(d(4));
  p.faults.drop_answers = d.chance(8);
  return p;
}

std::vector<world_event> make_events(dice& d, const world_plan& p) {
  static const double levels[] = {90, 94, 100, 100, 106, 110};
  std::vector<world_event> xs;
  auto n = 3 + d(10);
  for (uint64_t i = 0; i < n; ++i) {
    world_event ev;
    auto kind = d(100);
    ev.expert = 1 + static_cast<int64_t>(d(p.experts));
    if (kind < 36) {
      ev.kind = event_kind::trigger;
    } else if (kind < 50) {
      // Moves the legs of the positions earlier runs opened.
      ev.kind = event_kind::trigger;
      ev.uc = use_case::open_positions;
    } else if (kind < 62) {
      // The same expert twice at once: the second waits for the lock.
      ev.kind = event_kind::trigger;
      xs.push_back(ev);
    } else if (kind < 75) {
      ev.kind = event_kind::refresh;
    } else if (kind < 84) {
      ev.kind = event_kind::price;
      ev.symbol = p.symbols[d(p.symbols.size())];
      ev.price = d.pick(levels);
    } else if (kind < 90) {
      ev.kind = event_kind::faults;
      ev.faults = p.faults;
      ev.faults.drop_answers = !p.faults.drop_answers;
      if (d.chance(50))
        ev.faults.refuse_symbols.push_back(p.symbols[d(p.symbols.size())]);
    } else {
      ev.kind = event_kind::kill;
      ev.victim = d(1000);
    }
    xs.push_back(ev);
  }
  // A last refresh settles what the runs left open, so that the end state
  // has seen fills and closes.
  world_event last;
  last.kind = event_kind::refresh;
  xs.push_back(last);
  return xs;
}

void tally(const world_state& w, std::map<std::string, uint64_t>& out) {
  for (auto& r : w.runs) {
    ++out["run " + to_string(r.status)];
    ++out[r.uc == use_case::open_positions ? "run of open_positions"
                                           : "run of enter_market"];
    for (auto& o : r.outcomes)
      ++out["outcome " + to_string(o.result)];
  }
  for (auto& t : w.snapshot.transactions)
    ++out["txn " + to_string(t.status)];
  for (auto& o : w.snapshot.orders)
    ++out["order " + to_string(o.status)];
  out["run failed (worker killed)"] += w.failures;
  out["seeds with a kill"] += w.killed_any ? 1 : 0;
}

} // namespace

seed_report run_seed(uint64_t seed) {
  seed_report rep;
  rep.seed = seed;
  dice d{std::mt19937_64{seed}};
  auto plan = make_plan(d);
  knobs k;
  static const uint64_t event_every[] = {2, 8, 40};
  static const uint64_t timeout_every[] = {4, 25, 200};
  k.event_every = d.pick(event_every);
  k.timeout_every = d.pick(timeout_every);
  auto events = make_events(d, plan);
  std::ostringstream log;
  log << describe_world(plan, k);
  world_fixture f{plan};
  size_t next_event = 0;
  uint64_t step = 0;
  for (; step < max_steps_per_seed; ++step) {
    bool events_left = next_event < events.size();
    if (events_left && d(k.event_every) == 0) {
      log << "  step " << step << ": "
          << f.inject(events[next_event++]) << '\n';
      if (!(rep.violations = check_safety(f.peek())).empty())
        break;
      continue;
    }
    if (f.sched.has_job() && d(k.timeout_every) != 0) {
      f.run_random(d(f.sched.jobs.size()));
      continue;
    }
    if (f.sched.trigger_timeout() || f.sched.has_job())
      continue;
    if (!events_left)
      break; // quiescent: no job, no timer, nothing left to inject
    // Between events the engine ran a while: the "never" invariants must
    // hold here too, not only at the end.
    if (!(rep.violations = check_safety(f.peek())).empty())
      break;
    log << "  step " << step << ": " << f.inject(events[next_event++])
        << '\n';
  }
  rep.steps = step;
  rep.summary = log.str();
  if (!rep.violations.empty()) {
    rep.violations.insert(rep.violations.begin(),
                          "at step " + std::to_string(step) + ":");
    return rep;
  }
  if (step == max_steps_per_seed) {
    rep.violations.push_back("quiescence: still busy after "
                             + std::to_string(step) + " steps");
    return rep;
  }
  auto w = f.collect();
  rep.violations = check_invariants(w);
  tally(w, rep.tally);
  return rep;
}

} // namespace tradeflow::test
