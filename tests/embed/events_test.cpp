#include <boost/test/unit_test.hpp>

#include "actors/events/event_bus.hpp"
#include "actors/events/event_recorder.hpp"
#include "tests/support/printing.hpp"

// The pieces of the events (docs/embedding.md §3): which order changes a
// host is told of, and the bounded queue of one subscriber.
using namespace tradeflow;

namespace {

caf::optional<event_kind> kind(caf::optional<order_status> from,
                               order_status to) {
  return order_event_kind(from, to);
}

engine_event numbered(uint64_t seq) {
  engine_event ev;
  ev.sequence = seq;
  ev.kind = event_kind::order_filled;
  return ev;
}

} // namespace

BOOST_AUTO_TEST_SUITE(event_pieces)

BOOST_AUTO_TEST_CASE(order_changes_map_to_the_kinds_a_host_sees) {
  using s = order_status;
  BOOST_TEST((kind(caf::none, s::pending) == event_kind::order_submitted));
  BOOST_TEST(!kind(caf::none, s::waiting_trigger));
  BOOST_TEST((kind(s::waiting_trigger, s::pending)
              == event_kind::order_submitted));
  BOOST_TEST((kind(s::pending, s::open) == event_kind::order_acknowledged));
  BOOST_TEST((kind(s::open, s::partially_filled)
              == event_kind::order_partially_filled));
  BOOST_TEST((kind(s::partially_filled, s::partially_filled)
              == event_kind::order_partially_filled));
  BOOST_TEST((kind(s::open, s::filled) == event_kind::order_filled));
  BOOST_TEST((kind(s::open, s::canceled) == event_kind::order_canceled));
  BOOST_TEST((kind(s::open, s::expired) == event_kind::order_canceled));
  BOOST_TEST((kind(s::pending, s::error) == event_kind::order_rejected));
  BOOST_TEST((kind(s::pending, s::rejected) == event_kind::order_rejected));
  // A reprice in place keeps its status: not news.
  BOOST_TEST(!kind(s::waiting_trigger, s::waiting_trigger));
  BOOST_TEST(!kind(s::open, s::open));
}

BOOST_AUTO_TEST_CASE(a_full_queue_counts_what_it_drops_where_it_drops_it) {
  bus_subscriber sub;
  sub.capacity = 2;
  for (uint64_t i = 1; i <= 5; ++i)
    offer(sub, numbered(i));
  BOOST_TEST(sub.queue.size() == 2u);
  BOOST_TEST(sub.lost == 3u);
  auto batch = take_batch(sub, 10);
  BOOST_REQUIRE_EQUAL(batch.events.size(), 3u);
  BOOST_TEST(batch.events[0].sequence == 1u);
  BOOST_TEST(batch.events[1].sequence == 2u);
  BOOST_TEST((batch.events[2].kind == event_kind::events_lost));
  BOOST_TEST(batch.events[2].lost == 3u);
  BOOST_TEST(sub.lost == 0u);
  BOOST_TEST(sub.queue.empty());
}

BOOST_AUTO_TEST_CASE(an_event_after_a_loss_follows_its_marker) {
  bus_subscriber sub;
  sub.capacity = 2;
  for (uint64_t i = 1; i <= 4; ++i)
    offer(sub, numbered(i)); // 3 and 4 dropped
  auto first = take_batch(sub, 1);
  BOOST_REQUIRE_EQUAL(first.events.size(), 1u);
  BOOST_TEST(first.events[0].sequence == 1u);
  offer(sub, numbered(5)); // room again: the marker, then 5
  auto second = take_batch(sub, 10);
  BOOST_REQUIRE_EQUAL(second.events.size(), 3u);
  BOOST_TEST(second.events[0].sequence == 2u);
  BOOST_TEST((second.events[1].kind == event_kind::events_lost));
  BOOST_TEST(second.events[1].lost == 2u);
  BOOST_TEST(second.events[2].sequence == 5u);
}

BOOST_AUTO_TEST_CASE(a_batch_takes_at_most_max_batch_in_order) {
  bus_subscriber sub;
  sub.capacity = 100;
  for (uint64_t i = 1; i <= 5; ++i)
    offer(sub, numbered(i));
  auto first = take_batch(sub, 3);
  auto second = take_batch(sub, 3);
  BOOST_REQUIRE_EQUAL(first.events.size(), 3u);
  BOOST_REQUIRE_EQUAL(second.events.size(), 2u);
  BOOST_TEST(first.events.front().sequence == 1u);
  BOOST_TEST(second.events.back().sequence == 5u);
}

BOOST_AUTO_TEST_CASE(order_events_carry_what_a_host_needs_to_place_them) {
  order o;
  o.id = 4;
  o.transaction_id = 2;
  o.expert_id = 7;
  o.symbol = "AAPL";
  o.client_order_id = "7-1-tp";
  o.role = order_role::take_profit;
  o.side = order_side::sell;
  o.quantity = 10;
  o.status = order_status::filled;
  o.filled_qty = 10;
  o.filled_avg_price = 110.0;
  auto ev = make_order_event(o, order_status::open, event_kind::order_filled,
                             1234);
  BOOST_REQUIRE(ev.order);
  BOOST_TEST(ev.order->transaction_id == 2);
  BOOST_TEST(ev.order->client_order_id == "7-1-tp");
  BOOST_TEST((ev.order->role == order_role::take_profit));
  BOOST_TEST(ev.at_ms == 1234);
  BOOST_TEST(describe(ev).find("order_filled txn=2 AAPL take_profit SELL 10 "
                               "7-1-tp filled=10 @ 110.0000")
             != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
