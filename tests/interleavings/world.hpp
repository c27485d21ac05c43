#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

/// Seeded interleavings (issue 11 item 3): from one seed, a small random
/// world (experts, symbols, recommendations, broker latency and faults,
/// lock waits) and a random schedule of the real engine under CAF's test
/// coordinator; then the invariants of `invariants.hpp`. The same seed
/// builds the same world and replays the same schedule, step for step.
namespace tradeflow::test {

/// What one seed did and what it broke.
struct seed_report {
  uint64_t seed = 0;
  /// Violated invariants, one line each; empty when the seed passed.
  std::vector<std::string> violations;
  /// The world and the injected events with the step they came at, for
  /// the failure message.
  std::string summary;
  /// Scheduler steps until quiescence.
  uint64_t steps = 0;
  /// What the seed exercised (run statuses, outcomes, end statuses of
  /// transactions and orders, kills), summed over seeds for coverage.
  std::map<std::string, uint64_t> tally;
};

/// Upper bound on scheduler steps per seed; a seed still busy after it
/// fails (`quiescence`).
constexpr uint64_t max_steps_per_seed = 200'000;

/// Builds the world of `seed`, runs its schedule to quiescence and checks
/// the invariants. Must run inside a Boost.Test case (the fixture it uses
/// asserts while seeding).
seed_report run_seed(uint64_t seed);

} // namespace tradeflow::test
