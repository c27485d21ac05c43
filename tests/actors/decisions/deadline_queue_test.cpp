// The lock registry's deadline queue without an actor or a clock
// (docs/engine.md §3.1-§3.2).
#include <boost/test/unit_test.hpp>

#include <set>

#include "actors/decisions/deadline_queue.hpp"

using namespace tradeflow;

namespace {

using queue = deadline_queue<int>;

/// Waiters still waiting, by ticket: the queue's owner knows them.
struct waiters {
  std::set<uint64_t> live;

  auto is_live() const {
    return [this](const queue::entry& e) { return live.count(e.second) > 0; };
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(deadline_queue_suite)

BOOST_AUTO_TEST_CASE(deadlines_come_due_in_time_order) {
  queue q;
  waiters w{{1, 2, 3, 4}};
  q.add(50, 1);
  q.add(70, 2);
  q.add(60, 3); // a shorter max_wait than the waiter before it
  q.add(50, 4);
  BOOST_TEST(*q.earliest(w.is_live()) == 50);
  BOOST_TEST(q.take_due(49, w.is_live()).empty());
  BOOST_TEST(q.take_due(60, w.is_live()) == (std::vector<uint64_t>{1, 4, 3}),
             boost::test_tools::per_element());
  BOOST_TEST(*q.earliest(w.is_live()) == 70);
  BOOST_TEST(q.take_due(1000, w.is_live()) == (std::vector<uint64_t>{2}),
             boost::test_tools::per_element());
  BOOST_TEST(!q.earliest(w.is_live()));
  BOOST_TEST(q.size() == 0u);
}

BOOST_AUTO_TEST_CASE(granted_waiters_are_dropped_when_they_reach_the_front) {
  queue q;
  waiters w{{1, 2, 3}};
  q.add(10, 1);
  q.add(20, 2);
  q.add(30, 3);
  w.live.erase(1); // granted: nothing searched for
  w.live.erase(2);
  BOOST_TEST(q.size() == 3u);
  BOOST_TEST(*q.earliest(w.is_live()) == 30);
  BOOST_TEST(q.size() == 1u);
  BOOST_TEST(q.take_due(30, w.is_live()) == (std::vector<uint64_t>{3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_stale_entry_behind_a_due_one_is_not_taken) {
  queue q;
  waiters w{{1, 2, 3}};
  q.add(10, 1);
  q.add(10, 2);
  q.add(10, 3);
  w.live.erase(2);
  BOOST_TEST(q.take_due(10, w.is_live()) == (std::vector<uint64_t>{1, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
