#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <caf/sec.hpp>

#include "actors/worker.hpp"
#include "tests/support/pipeline_fixture.hpp"

// The real engine when a run loses its lock (split from
// pipeline_errors_test.cpp): a newer holder fences the key, with and
// without the read fence, the registry is lost while runs wait, and the
// registry never answers.
using namespace tradeflow;
using namespace tradeflow::test;
using namespace std::chrono_literals;

namespace {

using outcomes = std::vector<outcome>;

} // namespace

BOOST_FIXTURE_TEST_SUITE(lock_loss_suite, pipeline_fixture)

BOOST_AUTO_TEST_CASE(a_run_whose_lock_was_superseded_changes_nothing_more) {
  // A node paused past the registry's bound loses its locks; a newer
  // holder fences the key when it starts. Here the fence is recorded
  // while the run waits for the broker: its status update is refused.
  settings.fence_on_load = true; // as every node of a cluster does
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  start(300ms, {{"AAPL", 100}});
  auto a = process(1);
  run();
  auto newer = real->fence(lock_key(1, use_case::enter_market), 1000);
  BOOST_REQUIRE(newer && *newer);
  advance(300ms);
  BOOST_REQUIRE(a->done);
  BOOST_REQUIRE(a->result.error);
  BOOST_TEST(a->result.error->find("stale_epoch") != std::string::npos);
  auto s = snapshot();
  BOOST_REQUIRE(find_order(s, "1-1-entry") != nullptr);
  BOOST_TEST(find_order(s, "1-1-entry")->status == order_status::pending);
  BOOST_TEST(registry_empty());
  // A run that starts under a superseded epoch stops before reading.
  auto b = process(1);
  run();
  BOOST_REQUIRE(b->done);
  BOOST_REQUIRE(b->result.error);
  BOOST_TEST(b->result.error->find("stale_epoch") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_the_read_fence_a_superseded_run_writes_nothing) {
  // One process skips the read fence (it cannot lose a lock to a live
  // holder); the writes still carry the epoch, so a run under a superseded
  // epoch reads, but its entry write is refused and leaves no rows.
  BOOST_REQUIRE(!settings.fence_on_load);
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  start(0ms, {{"AAPL", 100}});
  // A newer holder elsewhere fenced the key after this registry started.
  auto newer = real->fence(lock_key(1, use_case::enter_market), 1000);
  BOOST_REQUIRE(newer && *newer);
  auto a = process(1);
  run();
  BOOST_REQUIRE(a->done);
  BOOST_REQUIRE_EQUAL(a->result.outcomes.size(), 1u);
  BOOST_TEST(a->result.outcomes.at(0).result == outcome::error);
  auto s = snapshot();
  BOOST_TEST(s.orders.empty());
  BOOST_TEST(s.transactions.empty());
  BOOST_TEST(broker->submits.empty());
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(a_run_waiting_for_a_lost_registry_ends_and_says_why) {
  // A worker asks for its lock without a timeout of its own (the registry
  // owns the deadline). When the registry is lost (its node cut off), the
  // worker's monitor ends the waiting run; the run under way finishes, and
  // the worker quits.
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  start(300ms, {{"AAPL", 100}});
  auto w = sys.spawn(worker, int64_t{1}, use_case::enter_market,
                     eng.supervisor,
                     worker_deps{eng.store, eng.risk, eng.broker,
                                 eng.refresher},
                     settings);
  auto holder = process_on(w, 1);
  run();
  BOOST_REQUIRE_EQUAL(registry().held, 1u);
  auto waiter = process_on(w, 1);
  run();
  BOOST_REQUIRE_EQUAL(registry().waiting, 1u);
  caf::anon_send_exit(eng.supervisor, caf::exit_reason::kill);
  run();
  BOOST_REQUIRE(waiter->done);
  BOOST_TEST(to_string(waiter->result.status) == "lock_timeout");
  BOOST_REQUIRE(waiter->result.error);
  BOOST_TEST(waiter->result.error->find("lock registry lost")
             != std::string::npos);
  BOOST_TEST(waiter->result.outcomes.empty());
  BOOST_TEST(!holder->done);
  advance(300ms); // the broker's answer to the submission
  advance(300ms); // its answer to the run's status refresh
  BOOST_REQUIRE(holder->done);
  BOOST_TEST(to_string(holder->result.status) == "processed");
  BOOST_TEST(outcomes_of(holder->result) == outcomes{outcome::executed});
  // Idle and orphaned: the worker is gone, so a new request bounces.
  auto after = process_on(w, 1);
  run();
  BOOST_REQUIRE(after->done);
  BOOST_TEST((after->err == caf::sec::request_receiver_down));
}

BOOST_AUTO_TEST_CASE(a_registry_that_never_answers_ends_the_wait) {
  // The acquire carries no request timeout; the worker's watchdog gives
  // up lock_wait + lock_margin after it asked, and cancels the ticket.
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  start(0ms, {{"AAPL", 100}});
  auto cancels = std::make_shared<int>(0);
  auto silent = sys.spawn([cancels](caf::event_based_actor* self)
                            -> caf::behavior {
    auto held = std::make_shared<std::vector<caf::response_promise>>();
    return {
      [=](acquire_atom, const std::string&, uint64_t, caf::timespan) {
        held->push_back(self->make_response_promise());
      },
      [=](cancel_atom, const std::string&, uint64_t) { ++*cancels; },
    };
  });
  auto w = sys.spawn(worker, int64_t{1}, use_case::enter_market,
                     caf::actor_cast<supervisor_actor>(silent),
                     worker_deps{eng.store, eng.risk, eng.broker,
                                 eng.refresher},
                     settings);
  auto first = process_on(w, 1);
  run();
  advance(400ms);
  auto second = process_on(w, 1); // asks 400 ms after the first
  run();
  advance(349ms);
  BOOST_TEST(!first->done);
  advance(1ms); // 750 ms: lock_wait + lock_margin
  BOOST_REQUIRE(first->done);
  BOOST_TEST(to_string(first->result.status) == "lock_timeout");
  BOOST_REQUIRE(first->result.error);
  BOOST_TEST(first->result.error->find("did not answer")
             != std::string::npos);
  BOOST_TEST(*cancels == 1);
  BOOST_TEST(!second->done);
  advance(400ms); // the re-armed tick ends the second one in turn
  BOOST_REQUIRE(second->done);
  BOOST_TEST(to_string(second->result.status) == "lock_timeout");
  BOOST_TEST(*cancels == 2);
  BOOST_TEST(snapshot().transactions.empty());
  caf::anon_send_exit(silent, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(w, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_SUITE_END()
