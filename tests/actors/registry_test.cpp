#include <memory>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.hpp"
#include "messages/error.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/printing.hpp"

// The lock registry inside the supervisor, driven by probe actors under
// the test coordinator: docs/architecture.md flow 1 (contention and
// timeout), the
// grant to a waiter freed during its wait, holder death, and a grant that
// races its requester's own timeout.
using namespace tradeflow;
using namespace std::chrono_literals;

namespace {

/// What a probe saw.
struct probe_log {
  bool granted = false;
  bool timed_out = false;
  int64_t epoch = 0;
  caf::error err;
};

using log_ptr = std::shared_ptr<probe_log>;

struct registry_fixture : test::actor_fixture {
  supervisor_actor sup;

  registry_fixture() {
    sup = sys.spawn(supervisor, worker_deps{}, run_settings{}, 1);
    run();
  }

  ~registry_fixture() {
    caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
    run_all();
  }

  /// A probe that acquires `key` with `ticket` (registry wait `max_wait`,
  /// own request timeout `timeout`) and, once granted, releases after
  /// `hold` (0 = holds until killed). On its own timeout it sends cancel,
  /// as a worker does.
  caf::actor probe(const std::string& key, uint64_t ticket, log_ptr log,
                   caf::timespan max_wait = 500ms,
                   caf::timespan timeout = 750ms,
                   caf::timespan hold = caf::timespan{0}) {
    auto s = sup;
    return sys.spawn([=](caf::event_based_actor* self) -> caf::behavior {
      self->request(s, timeout, acquire_atom_v, key, ticket, max_wait)
        .then(
          [=](lock_grant& g) {
            log->granted = true;
            log->epoch = g.epoch;
            if (hold.count() > 0)
              self->delayed_send(self, hold, release_atom_v);
          },
          [=](caf::error& err) {
            log->timed_out = true;
            log->err = err;
            self->send(s, cancel_atom_v, key, ticket);
          });
      return {
        [=](release_atom) { self->send(s, release_atom_v, key, ticket); },
      };
    });
  }

  registry_status status() {
    auto out = std::make_shared<registry_status>();
    auto s = sup;
    sys.spawn([=](caf::event_based_actor* self) {
      self->request(s, caf::infinite, status_atom_v)
        .then([=](registry_status& x) { *out = x; });
    });
    run();
    return *out;
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(registry_suite, registry_fixture)

BOOST_AUTO_TEST_CASE(contended_key_times_out_after_max_wait) {
  auto a = std::make_shared<probe_log>();
  auto b = std::make_shared<probe_log>();
  auto holder = probe("expert_1_usecase_enter_market", 1, a);
  run();
  probe("expert_1_usecase_enter_market", 2, b);
  run();
  BOOST_TEST(a->granted);
  BOOST_TEST(!b->granted);
  BOOST_TEST(status().waiting == 1u);
  advance(499ms);
  BOOST_TEST(!b->timed_out); // still waiting: a timed wait, not a try-lock
  advance(1ms);
  BOOST_TEST(b->timed_out);
  BOOST_TEST(is(b->err, ec::lock_timeout)); // the registry answered itself
  BOOST_TEST(status().waiting == 0u);
  BOOST_TEST(status().held == 1u);
  caf::anon_send_exit(holder, caf::exit_reason::user_shutdown);
  run();
  BOOST_TEST(status().keys == 0u);
}

BOOST_AUTO_TEST_CASE(waiter_is_granted_when_freed_during_its_wait) {
  auto a = std::make_shared<probe_log>();
  auto b = std::make_shared<probe_log>();
  probe("k", 1, a, 500ms, 750ms, 250ms);
  run();
  probe("k", 2, b, 500ms, 750ms, 100ms);
  run();
  advance(250ms);
  BOOST_TEST(b->granted);
  BOOST_TEST(!b->timed_out);
  BOOST_TEST(b->epoch > a->epoch); // fencing epochs grow per grant
  advance(100ms);
  BOOST_TEST(status().keys == 0u);
  advance(1000ms);
  BOOST_TEST(!b->timed_out); // the expiry of a granted waiter is a no-op
}

BOOST_AUTO_TEST_CASE(holder_killed_while_holding_releases_the_lock) {
  auto a = std::make_shared<probe_log>();
  auto b = std::make_shared<probe_log>();
  auto holder = probe("k", 1, a);
  run();
  probe("k", 2, b, 500ms, 750ms, 10ms);
  run();
  BOOST_TEST(!b->granted);
  caf::anon_send_exit(holder, caf::exit_reason::kill);
  run();
  BOOST_TEST(b->granted);
  advance(10ms);
  BOOST_TEST(status().keys == 0u);
  BOOST_TEST(status().held == 0u);
}

BOOST_AUTO_TEST_CASE(grant_racing_the_requesters_timeout_never_leaks) {
  auto a = std::make_shared<probe_log>();
  auto b = std::make_shared<probe_log>();
  // b's own timeout (100 ms) fires before the registry's deadline (1 s).
  auto holder = probe("k", 1, a);
  run();
  probe("k", 2, b, 1000ms, 100ms);
  run();
  // The holder releases just as b gives up: the registry grants b (a
  // response CAF drops at b), then receives b's cancel and frees the key.
  caf::anon_send(sup, release_atom_v, std::string{"k"}, uint64_t{1});
  advance(100ms);
  BOOST_TEST(b->timed_out);
  BOOST_TEST(!b->granted);
  BOOST_TEST(status().held == 0u);
  BOOST_TEST(status().keys == 0u);
  caf::anon_send_exit(holder, caf::exit_reason::user_shutdown);
  run();
}

BOOST_AUTO_TEST_CASE(release_by_anyone_but_the_holder_changes_nothing) {
  auto a = std::make_shared<probe_log>();
  probe("k", 1, a);
  run();
  caf::anon_send(sup, release_atom_v, std::string{"k"}, uint64_t{99});
  run();
  BOOST_TEST(status().held == 1u);
}

BOOST_AUTO_TEST_CASE(waiters_are_served_first_in_first_out) {
  auto a = std::make_shared<probe_log>();
  std::vector<log_ptr> logs;
  probe("k", 1, a, 500ms, 750ms, 50ms);
  run();
  for (uint64_t t = 2; t <= 4; ++t) {
    logs.push_back(std::make_shared<probe_log>());
    probe("k", t, logs.back(), 500ms, 750ms, 50ms);
    run();
  }
  advance(50ms);
  BOOST_TEST(logs[0]->granted);
  BOOST_TEST(!logs[1]->granted);
  advance(50ms);
  BOOST_TEST(logs[1]->granted);
  BOOST_TEST(!logs[2]->granted);
  advance(50ms);
  BOOST_TEST(logs[2]->granted);
  advance(50ms);
  BOOST_TEST(status().keys == 0u);
}

BOOST_AUTO_TEST_CASE(one_expiry_timer_serves_every_waiter) {
  // A timer per queued acquire made CAF's clock thread the bottleneck of
  // the contended lock path; the registry keeps one for the earliest
  // deadline. Each probe's own request timeout is one scheduled event, so
  // 100 waiters may add 100 events plus the registry's single tick.
  auto holder_log = std::make_shared<probe_log>();
  auto holder = probe("k", 1, holder_log);
  run();
  auto before = sched.clock().schedule().size();
  std::vector<log_ptr> logs;
  for (uint64_t t = 2; t <= 101; ++t) {
    logs.push_back(std::make_shared<probe_log>());
    probe("k", t, logs.back());
  }
  run();
  BOOST_TEST(status().waiting == 100u);
  BOOST_TEST(sched.clock().schedule().size() - before <= 101u);
  advance(500ms);
  for (auto& l : logs)
    BOOST_TEST(is(l->err, ec::lock_timeout));
  BOOST_TEST(status().waiting == 0u);
  caf::anon_send_exit(holder, caf::exit_reason::user_shutdown);
  run();
  BOOST_TEST(status().keys == 0u);
}

BOOST_AUTO_TEST_CASE(a_shorter_wait_queued_later_expires_first) {
  auto holder_log = std::make_shared<probe_log>();
  auto longer = std::make_shared<probe_log>();
  auto shorter = std::make_shared<probe_log>();
  auto holder = probe("k", 1, holder_log);
  run();
  probe("k", 2, longer, 500ms, 750ms);
  run();
  advance(100ms);
  probe("k", 3, shorter, 100ms, 750ms);
  run();
  advance(99ms);
  BOOST_TEST(!shorter->timed_out);
  advance(1ms); // t = 200 ms: the later, shorter wait is due first
  BOOST_TEST(is(shorter->err, ec::lock_timeout));
  BOOST_TEST(!longer->timed_out);
  advance(299ms);
  BOOST_TEST(!longer->timed_out);
  advance(1ms); // t = 500 ms
  BOOST_TEST(is(longer->err, ec::lock_timeout));
  caf::anon_send_exit(holder, caf::exit_reason::user_shutdown);
  run();
}

BOOST_AUTO_TEST_SUITE_END()
