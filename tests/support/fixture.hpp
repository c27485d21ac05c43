#pragma once

#include <chrono>
#include <memory>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "messages/type_ids.hpp"

namespace tradeflow::test {

/// Deterministic actors: CAF's test coordinator runs every actor on the
/// test thread and time moves only when a test advances it.
struct coordinator_config : caf::actor_system_config {
  coordinator_config() {
    tradeflow::add_message_types(*this);
    set("scheduler.policy", caf::atom("testing"));
  }
};

struct actor_fixture {
  coordinator_config cfg;
  caf::actor_system sys;
  caf::scheduler::test_coordinator& sched;

  actor_fixture()
    : sys(cfg),
      sched(dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())) {
    // nop
  }

  /// Runs every job that is ready, without moving the clock.
  void run() {
    sched.run();
  }

  /// Moves the clock by `d`, firing what falls due, and runs to quiescence.
  void advance(std::chrono::milliseconds d) {
    sched.advance_time(d);
    sched.run();
  }

  /// Runs and fires timeouts until nothing is left (time jumps as needed).
  void run_all() {
    for (;;) {
      sched.run();
      if (!sched.trigger_timeout())
        break;
    }
  }
};

} // namespace tradeflow::test
