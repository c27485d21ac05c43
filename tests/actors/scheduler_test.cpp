#include <memory>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/policy/work_sharing.hpp>
#include <caf/scheduler/coordinator.hpp>
#include <caf/scoped_actor.hpp>

#include "app/config.hpp"
#include "app/scheduler.hpp"

// The engine's scheduler (app/scheduler.hpp): its job queue, that engine
// configurations get it, and, on real threads, that a fan-out far longer
// than a worker's queue usually is gets every job run (the case CAF 0.17's
// own steal made quadratic).
using namespace tradeflow;
using namespace tradeflow::scheduling;
using namespace std::chrono_literals;

namespace {

constexpr int fan_out = 50'000;

/// A resumable that only has an identity: the queue never runs its jobs.
struct dummy_job : caf::resumable {
  subtype_t subtype() const override {
    return function_object;
  }
  resume_result resume(caf::execution_unit*, size_t) override {
    return done;
  }
  void intrusive_ptr_add_ref_impl() override {
    // nop
  }
  void intrusive_ptr_release_impl() override {
    // nop
  }
};

template <class Policy>
bool runs_on(caf::actor_system& sys) {
  return dynamic_cast<caf::scheduler::coordinator<Policy>*>(&sys.scheduler())
         != nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(scheduler_suite)

BOOST_AUTO_TEST_CASE(owner_takes_fifo_and_thief_takes_the_oldest) {
  std::vector<dummy_job> jobs(4);
  job_queue q;
  BOOST_TEST(q.empty());
  BOOST_TEST(q.take_head() == nullptr);
  BOOST_TEST(q.take_tail() == nullptr);
  q.append(&jobs[0]);
  q.append(&jobs[1]);
  q.prepend(&jobs[2]); // made runnable by this worker: runs next
  q.append(&jobs[3]);
  BOOST_TEST(!q.empty());
  BOOST_TEST(q.take_head() == &jobs[2]);
  BOOST_TEST(q.take_tail() == &jobs[3]);
  BOOST_TEST(q.take_head() == &jobs[0]);
  BOOST_TEST(q.take_tail() == &jobs[1]);
  BOOST_TEST(q.empty());
  BOOST_TEST(q.take_tail() == nullptr);
}

BOOST_AUTO_TEST_CASE(a_copied_queue_starts_empty) {
  dummy_job job;
  job_queue q;
  q.append(&job);
  job_queue copy{q};
  BOOST_TEST(copy.empty());
  BOOST_TEST(q.take_head() == &job);
}

BOOST_AUTO_TEST_CASE(engine_configs_run_the_engine_scheduler) {
  {
    engine_config cfg;
    caf::actor_system sys{cfg};
    BOOST_TEST(runs_on<constant_time_stealing>(sys));
  }
  {
    engine_config cfg;
    cfg.set("scheduler.policy", caf::atom("sharing"));
    caf::actor_system sys{cfg};
    BOOST_TEST(runs_on<caf::policy::work_sharing>(sys));
    BOOST_TEST(!runs_on<constant_time_stealing>(sys));
  }
}

BOOST_AUTO_TEST_CASE(a_long_fan_out_runs_every_job) {
  engine_config cfg;
  cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  caf::actor main_thread = caf::actor_cast<caf::actor>(self);
  auto counter = sys.spawn([main_thread](caf::event_based_actor* s) {
    auto left = std::make_shared<int>(fan_out);
    return caf::behavior{[=](int) {
      if (--*left == 0)
        s->send(main_thread, true);
    }};
  });
  std::vector<caf::actor> targets;
  for (int i = 0; i < fan_out; ++i)
    targets.push_back(sys.spawn([counter](caf::event_based_actor* s) {
      return caf::behavior{[=](int x) { s->send(counter, x); }};
    }));
  // One actor sends to every target: all of them become runnable on its
  // worker's queue at once, and the other worker steals from it.
  auto fan = sys.spawn([targets](caf::event_based_actor* s) {
    return caf::behavior{[=](bool) {
      for (const auto& t : targets)
        s->send(t, 1);
    }};
  });
  self->send(fan, true);
  bool all_ran = false;
  self->receive([&](bool) { all_ran = true; },
                caf::after(60s) >> [] {});
  BOOST_TEST(all_ran);
  for (const auto& a : targets)
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(fan, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(counter, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_SUITE_END()
