// Releasing a waiting leg without an actor (docs/engine-details.md §6.4,
// §8.5).
#include <boost/test/unit_test.hpp>

#include "actors/decisions/triggers.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using os = order_status;
using td = trigger_decision;

const price_tick t4{};

// Entry 1 of a long; take profit 2 at 110 computed from 100, waiting on it.
struct fixture {
  order parent = make_order(1, 5, order_side::buy, order_type::market,
                            os::open);
  order leg = make_order(2, 5, order_side::sell, order_type::sell_limit,
                         os::waiting_trigger, 1);

  fixture() {
    leg.limit_price = 110;
    leg.reference_price = 100;
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(triggers, fixture)

BOOST_AUTO_TEST_CASE(an_open_parent_keeps_the_leg_waiting) {
  BOOST_TEST((release_leg(leg, parent, t4).kind == td::wait));
}

BOOST_AUTO_TEST_CASE(a_filled_parent_releases_the_leg_rebased) {
  parent.status = os::filled;
  parent.filled_qty = 7;
  parent.filled_avg_price = 102;
  auto r = release_leg(leg, parent, t4);
  BOOST_TEST((r.kind == td::submit));
  BOOST_TEST(r.update.order_id == 2);
  BOOST_TEST(r.update.from == os::waiting_trigger);
  BOOST_TEST(r.update.to == os::pending);
  BOOST_TEST(*r.update.quantity == 7);
  BOOST_TEST(*r.update.limit_price == 112.2);
  BOOST_TEST(!r.update.stop_price);
  BOOST_TEST(*r.rebased_level == 112.2);
  auto x = released(leg, r);
  BOOST_TEST(x.status == os::pending);
  BOOST_TEST(x.quantity == 7);
  BOOST_TEST(*x.limit_price == 112.2);
}

BOOST_AUTO_TEST_CASE(a_fill_at_the_reference_keeps_the_level) {
  parent.status = os::filled;
  parent.filled_qty = 10;
  parent.filled_avg_price = 100;
  auto r = release_leg(leg, parent, t4);
  BOOST_TEST(*r.update.limit_price == 110.0);
  BOOST_TEST(!r.rebased_level);
}

BOOST_AUTO_TEST_CASE(a_rebased_level_lies_on_the_tick) {
  // 110 from 100, filled at 101.23: 111.353 on the default tick, 111.35 on
  // a cent grid.
  parent.status = os::filled;
  parent.filled_qty = 10;
  parent.filled_avg_price = 101.23;
  BOOST_TEST(*release_leg(leg, parent, t4).rebased_level == 111.353);
  auto r = release_leg(leg, parent, tick_of(0.01));
  BOOST_TEST(*r.rebased_level == 111.35);
  BOOST_TEST(*r.update.limit_price == 111.35);
}

BOOST_AUTO_TEST_CASE(a_stop_loss_moves_its_stop_price) {
  leg = make_order(3, 5, order_side::sell, order_type::sell_stop,
                   os::waiting_trigger, 1);
  leg.stop_price = 95;
  parent.status = os::filled;
  parent.filled_qty = 10;
  parent.filled_avg_price = 102;
  auto r = release_leg(leg, parent, t4);
  BOOST_TEST(*r.update.stop_price == 95.0); // no reference: not rebased
  BOOST_TEST(!r.update.limit_price);
}

BOOST_AUTO_TEST_CASE(missing_dead_or_empty_parents_end_the_leg) {
  auto missing = release_leg(leg, caf::none, t4);
  BOOST_TEST((missing.kind == td::error));
  BOOST_TEST(missing.update.to == os::error);
  BOOST_TEST(missing.update.comment == "parent order missing");
  parent.status = os::rejected;
  auto dead = release_leg(leg, parent, t4);
  BOOST_TEST((dead.kind == td::cancel));
  BOOST_TEST(dead.update.to == os::canceled);
  BOOST_TEST(dead.update.comment == "parent order ended unfilled");
  parent.status = os::filled;
  parent.filled_qty = 0;
  auto empty = release_leg(leg, parent, t4);
  BOOST_TEST((empty.kind == td::submit));
  BOOST_TEST(empty.update.to == os::error);
  BOOST_TEST(empty.update.comment == "parent filled nothing");
}

BOOST_AUTO_TEST_CASE(an_entry_ended_after_a_partial_fill_releases_what_filled) {
  parent.status = os::partially_filled;
  parent.filled_qty = 4;
  parent.filled_avg_price = 100;
  BOOST_TEST((release_leg(leg, parent, t4).kind == td::wait));
  parent.status = os::canceled;
  auto r = release_leg(leg, parent, t4);
  BOOST_TEST((r.kind == td::submit));
  BOOST_TEST(r.update.to == os::pending);
  BOOST_TEST(*r.update.quantity == 4);
}

// A replacement leg (docs/engine-details.md §6.5) waits for the cancel of
// the leg it replaces: parent = that leg, trigger = canceled.
BOOST_AUTO_TEST_CASE(a_replacement_follows_the_cancel_of_the_leg_it_replaces) {
  auto old_leg = make_order(7, 5, order_side::sell, order_type::sell_limit,
                            os::pending_cancel);
  leg.quantity = 10;
  leg.depends_on_order = 7;
  leg.depends_order_status_trigger = os::canceled;
  for (auto s : {os::pending_cancel, os::open, os::partially_filled}) {
    old_leg.status = s;
    BOOST_TEST((release_leg(leg, old_leg, t4).kind == td::wait), s);
  }
  old_leg.status = os::filled;
  old_leg.filled_qty = 10;
  auto lost = release_leg(leg, old_leg, t4);
  BOOST_TEST((lost.kind == td::cancel));
  BOOST_TEST(lost.update.to == os::canceled);
  BOOST_TEST(lost.update.comment == "the leg it replaces filled first");
  old_leg.status = os::canceled;
  old_leg.filled_qty = 3;
  auto sent = release_leg(leg, old_leg, t4);
  BOOST_TEST((sent.kind == td::submit));
  BOOST_TEST(sent.update.to == os::pending);
  BOOST_TEST(*sent.update.quantity == 7); // what the old leg left open
}

BOOST_AUTO_TEST_SUITE_END()
