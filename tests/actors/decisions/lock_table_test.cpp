#include "actors/decisions/lock_table.hpp"

#include <boost/test/unit_test.hpp>

// The registry's table on its own (docs/engine.md §3.1-§3.3,
// docs/architecture.md flow 6):
// FIFO grants, idempotent release, expiry, cancel, owner death, epochs and
// the clean-up of free keys.
using namespace tradeflow;

using table = lock_table<int>;

BOOST_AUTO_TEST_SUITE(lock_table_suite)

BOOST_AUTO_TEST_CASE(free_key_is_granted_at_once_with_growing_epochs) {
  table t{7};
  auto a = t.acquire("k1", 1, 100);
  auto b = t.acquire("k2", 2, 200);
  BOOST_REQUIRE(a && b);
  BOOST_TEST(a->epoch == 7);
  BOOST_TEST(b->epoch == 8);
  BOOST_TEST(t.keys() == 2u);
  BOOST_TEST(t.held() == 2u);
}

BOOST_AUTO_TEST_CASE(waiters_are_granted_in_fifo_order) {
  table t;
  BOOST_REQUIRE(t.acquire("k", 1, 100));
  BOOST_TEST(!t.acquire("k", 2, 200));
  BOOST_TEST(!t.acquire("k", 3, 300));
  BOOST_TEST(t.waiters("k") == 2u);
  auto g = t.release("k", 1);
  BOOST_REQUIRE(g);
  BOOST_TEST(g->ticket == 2u);
  BOOST_TEST(t.holder_ticket("k") == 2u);
  g = t.release("k", 2);
  BOOST_REQUIRE(g);
  BOOST_TEST(g->ticket == 3u);
  BOOST_TEST(!t.release("k", 3));
  BOOST_TEST(t.keys() == 0u);
}

BOOST_AUTO_TEST_CASE(release_is_idempotent_and_only_by_the_holder) {
  table t;
  BOOST_REQUIRE(t.acquire("k", 1, 100));
  BOOST_TEST(!t.acquire("k", 2, 200));
  BOOST_TEST(!t.release("k", 99)); // not the holder: nothing changes
  BOOST_TEST(t.holder_ticket("k") == 1u);
  BOOST_TEST(static_cast<bool>(t.release("k", 1)));
  BOOST_TEST(!t.release("k", 1)); // second release: no effect
  BOOST_TEST(t.holder_ticket("k") == 2u);
}

BOOST_AUTO_TEST_CASE(expired_waiter_is_dequeued_and_never_granted) {
  table t;
  BOOST_REQUIRE(t.acquire("k", 1, 100));
  BOOST_TEST(!t.acquire("k", 2, 200));
  BOOST_TEST(t.expire("k", 2));
  BOOST_TEST(!t.expire("k", 2));
  BOOST_TEST(!t.release("k", 1)); // nobody left to grant
  BOOST_TEST(t.keys() == 0u);
}

BOOST_AUTO_TEST_CASE(expire_of_a_holder_changes_nothing) {
  table t;
  BOOST_REQUIRE(t.acquire("k", 1, 100));
  BOOST_TEST(!t.expire("k", 1));
  BOOST_TEST(t.holder_ticket("k") == 1u);
}

BOOST_AUTO_TEST_CASE(cancel_after_a_late_grant_releases_the_lock) {
  // The grant raced the requester's own timeout: its cancel must release.
  table t;
  BOOST_REQUIRE(t.acquire("k", 1, 100));
  BOOST_TEST(!t.acquire("k", 2, 200));
  BOOST_TEST(!t.acquire("k", 3, 300));
  auto g = t.release("k", 1);
  BOOST_REQUIRE(g && g->ticket == 2u);
  auto next = t.cancel("k", 2);
  BOOST_REQUIRE(next);
  BOOST_TEST(next->ticket == 3u);
  BOOST_TEST(!t.cancel("k", 3));
  BOOST_TEST(t.keys() == 0u);
}

BOOST_AUTO_TEST_CASE(cancel_of_a_waiter_dequeues_it) {
  table t;
  BOOST_REQUIRE(t.acquire("k", 1, 100));
  BOOST_TEST(!t.acquire("k", 2, 200));
  BOOST_TEST(!t.cancel("k", 2));
  BOOST_TEST(t.waiters("k") == 0u);
  BOOST_TEST(t.holder_ticket("k") == 1u);
}

BOOST_AUTO_TEST_CASE(dead_owner_loses_its_locks_and_its_waits) {
  table t;
  BOOST_REQUIRE(t.acquire("a", 1, 100));
  BOOST_REQUIRE(t.acquire("b", 2, 100));
  BOOST_TEST(!t.acquire("a", 3, 200));
  BOOST_TEST(!t.acquire("c", 4, 100) == false); // c is free: granted
  BOOST_TEST(!t.acquire("c", 5, 300));
  BOOST_TEST(!t.acquire("c", 6, 100)); // 100 also waits on c behind 300
  auto grants = t.owner_down(100);
  BOOST_REQUIRE_EQUAL(grants.size(), 2u);
  BOOST_TEST(t.holder_ticket("a") == 3u);
  BOOST_TEST(t.holder_ticket("b") == 0u);
  BOOST_TEST(t.holder_ticket("c") == 5u);
  BOOST_TEST(t.waiters("c") == 0u);
  BOOST_TEST(!t.involves(100));
  BOOST_TEST(t.keys() == 2u);
}

BOOST_AUTO_TEST_CASE(registry_grows_as_needed_and_empties_when_free) {
  // docs/architecture.md flow 6: one lock per (expert, use case), created
  // on demand; unlike a dictionary of locks that only grows, free keys are
  // dropped.
  table t;
  for (uint64_t i = 1; i <= 1000; ++i)
    BOOST_REQUIRE(t.acquire("expert_" + std::to_string(i)
                              + "_usecase_enter_market",
                            i, static_cast<int>(i)));
  BOOST_TEST(t.keys() == 1000u);
  for (uint64_t i = 1; i <= 1000; ++i)
    t.release("expert_" + std::to_string(i) + "_usecase_enter_market", i);
  BOOST_TEST(t.keys() == 0u);
  BOOST_TEST(t.next_epoch() == 1001);
}

// held() is a count kept on every change (the locks_held gauge reads it
// after each lock operation), not a scan: it must match the holders.
BOOST_AUTO_TEST_CASE(held_count_follows_every_holder_change) {
  table t;
  BOOST_REQUIRE(t.acquire("a", 1, 100));
  BOOST_REQUIRE(t.acquire("b", 2, 200));
  BOOST_TEST(!t.acquire("a", 3, 300));
  BOOST_TEST(!t.acquire("b", 4, 100));
  BOOST_TEST(t.held() == 2u);
  BOOST_TEST(!t.release("a", 3)); // not the holder: nothing changes
  BOOST_TEST(t.held() == 2u);
  BOOST_REQUIRE(t.release("a", 1)); // passed on to ticket 3
  BOOST_TEST(t.held() == 2u);
  BOOST_TEST(!t.cancel("a", 3)); // a just-granted holder gives up
  BOOST_TEST(t.held() == 1u);
  // Owner 200 holds b with owner 100 waiting: b passes to ticket 4.
  BOOST_TEST(t.owner_down(200).size() == 1u);
  BOOST_TEST(t.held() == 1u);
  BOOST_TEST(t.owner_down(100).empty());
  BOOST_TEST(t.held() == 0u);
  BOOST_TEST(t.keys() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
