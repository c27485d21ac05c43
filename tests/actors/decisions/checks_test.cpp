// The guards, the safety check and the permission without an actor
// (docs/engine.md §2 steps 2 and 5, §2.5).
#include <boost/test/unit_test.hpp>

#include "actors/decisions/checks.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

run_snapshot allowed_snapshot() {
  run_snapshot s;
  expert who;
  who.id = 1;
  who.enabled = true;
  who.settings.allow_automated_trade_opening = true;
  who.settings.allow_automated_trade_modification = true;
  s.who = who;
  s.rules = ruleset{};
  return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(checks)

BOOST_AUTO_TEST_CASE(guards_stop_in_the_contract_order) {
  auto s = allowed_snapshot();
  BOOST_TEST(!check_guards(s, use_case::enter_market));
  BOOST_TEST(!check_guards(s, use_case::open_positions));
  s.rules = caf::none;
  BOOST_TEST(check_guards(s, use_case::enter_market)->status
             == run_status::guard_no_ruleset);
  s.who->settings.allow_automated_trade_opening = false;
  BOOST_TEST(check_guards(s, use_case::enter_market)->status
             == run_status::guard_opening_not_allowed);
  // Opening is not asked of an open_positions run.
  BOOST_TEST(check_guards(s, use_case::open_positions)->status
             == run_status::guard_no_ruleset);
  s.who->settings.allow_automated_trade_modification = false;
  BOOST_TEST(check_guards(s, use_case::open_positions)->status
             == run_status::guard_modification_not_allowed);
  s.who->enabled = false;
  BOOST_TEST(check_guards(s, use_case::enter_market)->status
             == run_status::guard_disabled);
  s.who = caf::none;
  auto stop = check_guards(s, use_case::open_positions);
  BOOST_REQUIRE(stop);
  BOOST_TEST(stop->status == run_status::guard_unknown_expert);
  BOOST_TEST(stop->why == "unknown expert");
  BOOST_TEST(to_string(stop->status) == "guard:unknown_expert");
}

BOOST_AUTO_TEST_CASE(waiting_or_opened_on_the_symbol_blocks_an_entry) {
  expert_settings s;
  s.enable_buy = true;
  auto rec = make_rec(3, "AAPL", rec_action::buy, 10);
  std::vector<transaction> live{
    make_txn(4, "MSFT", order_side::buy, 1, 10, txn_status::opened)};
  BOOST_TEST(screen_entry(rec, order_side::buy, live, s).result
             == outcome::executed);
  for (auto status : {txn_status::waiting, txn_status::opened}) {
    live.push_back(make_txn(8, "AAPL", order_side::sell, 1, 10, status));
    auto screen = screen_entry(rec, order_side::buy, live, s);
    BOOST_TEST(screen.result == outcome::skipped_duplicate);
    BOOST_TEST(screen.existing == &live.back());
    BOOST_TEST(screen.reason == "transaction 8 in " + to_string(status));
    live.pop_back();
  }
  // CLOSING, CLOSED and FAILED no longer hold the symbol.
  for (auto status :
       {txn_status::closing, txn_status::closed, txn_status::failed}) {
    live.push_back(make_txn(8, "AAPL", order_side::buy, 1, 10, status));
    BOOST_TEST(screen_entry(rec, order_side::buy, live, s).result
               == outcome::executed);
    live.pop_back();
  }
}

BOOST_AUTO_TEST_CASE(a_side_not_enabled_is_denied_after_the_safety_check) {
  expert_settings s;
  s.enable_buy = true;
  s.enable_sell = false;
  auto rec = make_rec(3, "AAPL", rec_action::sell, 10);
  auto screen = screen_entry(rec, order_side::sell, {}, s);
  BOOST_TEST(screen.result == outcome::denied_permission);
  BOOST_TEST(screen.reason == "SELL not enabled for expert");
  std::vector<transaction> live{
    make_txn(8, "AAPL", order_side::buy, 1, 10, txn_status::opened)};
  BOOST_TEST(screen_entry(rec, order_side::sell, live, s).result
             == outcome::skipped_duplicate);
}

BOOST_AUTO_TEST_SUITE_END()
