// Round trips of every entity through the SOCI store.
#include <boost/test/unit_test.hpp>

#include "tests/storage/store_fixture.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

BOOST_FIXTURE_TEST_SUITE(soci_store, store_fixture)

BOOST_AUTO_TEST_CASE(expert_round_trip_with_nulls_and_weights) {
  auto x = make_expert(3);
  x.open_positions_ruleset_id = caf::none;
  BOOST_REQUIRE(!db->put_expert(x));
  auto defaults = expert{};
  defaults.id = 4;
  defaults.enter_market_ruleset_id = caf::none;
  BOOST_REQUIRE(!db->put_expert(defaults));
  auto got = db->load_expert(3);
  BOOST_REQUIRE_MESSAGE(got, why(got));
  BOOST_REQUIRE(*got);
  const auto& y = **got;
  BOOST_TEST(y.id == 3);
  BOOST_TEST(y.name == "expert 3");
  BOOST_TEST(y.enabled);
  BOOST_TEST(y.virtual_equity_pct == 50);
  BOOST_TEST(y.enter_market_ruleset_id == caf::optional<int64_t>{10});
  BOOST_TEST(!y.open_positions_ruleset_id);
  BOOST_TEST(y.settings.enable_buy);
  BOOST_TEST(y.settings.enable_sell);
  BOOST_TEST(y.settings.allow_automated_trade_opening);
  BOOST_TEST(!y.settings.allow_automated_trade_modification);
  BOOST_TEST(y.settings.max_virtual_equity_per_instrument_percent == 40);
  BOOST_TEST(y.settings.diversification_factor == 0.5);
  BOOST_TEST(y.settings.weights.size() == 2u);
  BOOST_TEST(y.settings.weights.at("AAPL") == 50);
  BOOST_TEST(y.settings.weights.at("MSFT") == 125.5);
  auto d = db->load_expert(4);
  BOOST_REQUIRE(d && *d);
  BOOST_TEST((*d)->settings.weights.empty());
  BOOST_TEST(!(*d)->enter_market_ruleset_id);
  BOOST_TEST(!(*d)->settings.enable_sell);
  BOOST_TEST((*d)->settings.diversification_factor == 1.0);
  auto missing = db->load_expert(99);
  BOOST_REQUIRE(missing);
  BOOST_TEST(!*missing);
  // A second put of one id replaces the row (an embedding host updates
  // its experts, docs/embedding.md §2.2).
  x.name = "renamed";
  x.virtual_equity_pct = 25;
  x.enter_market_ruleset_id = caf::none;
  BOOST_REQUIRE(!db->put_expert(x));
  auto z = db->load_expert(x.id);
  BOOST_REQUIRE(z && *z);
  BOOST_TEST((*z)->name == "renamed");
  BOOST_TEST((*z)->virtual_equity_pct == 25);
  BOOST_TEST(!(*z)->enter_market_ruleset_id);
}

BOOST_AUTO_TEST_CASE(ruleset_round_trip) {
  ruleset rs;
  rs.id = 10;
  rs.name = "enter on bullish";
  rule r;
  r.name = "buy confident";
  r.continue_processing = true;
  trigger flag;
  flag.event = event_type::bullish;
  trigger numeric;
  numeric.event = event_type::confidence;
  numeric.op = compare_op::ge;
  numeric.value = 70;
  r.triggers = {flag, numeric};
  rule_action buy;
  buy.type = action_type::buy;
  rule_action tp;
  tp.type = action_type::adjust_take_profit;
  tp.reference = reference_value::order_open_price;
  tp.value = 10;
  r.actions = {buy, tp};
  rs.rules = {r};
  BOOST_REQUIRE(!db->put_ruleset(rs));
  auto got = db->load_ruleset(10);
  BOOST_REQUIRE_MESSAGE(got, why(got));
  BOOST_REQUIRE(*got);
  const auto& y = **got;
  BOOST_TEST(y.id == 10);
  BOOST_TEST(y.name == "enter on bullish");
  BOOST_REQUIRE(y.rules.size() == 1u);
  BOOST_TEST(y.rules[0].name == "buy confident");
  BOOST_TEST(y.rules[0].continue_processing);
  BOOST_TEST((y.rules[0].triggers == r.triggers));
  BOOST_TEST((y.rules[0].actions == r.actions));
  auto missing = db->load_ruleset(11);
  BOOST_REQUIRE(missing);
  BOOST_TEST(!*missing);
}

BOOST_AUTO_TEST_CASE(recommendation_round_trip_and_window) {
  auto a = make_rec(1, 1, "AAPL", rec_action::buy, t0 - 2 * minute);
  auto b = make_rec(2, 1, "MSFT", rec_action::sell, t0);
  b.confidence = caf::none;
  b.risk = risk_level::high;
  b.horizon = time_horizon::long_term;
  b.expected_profit_percent = -3.75;
  auto c = make_rec(3, 1, "NVDA", rec_action::hold, t0 + minute);
  auto other = make_rec(4, 2, "AAPL", rec_action::buy, t0);
  BOOST_REQUIRE(!db->put_recommendations({a, b, c, other}));
  auto got = db->recommendations_since(1, t0);
  BOOST_REQUIRE(got);
  BOOST_REQUIRE(got->size() == 2u);
  const auto& y = got->at(0);
  BOOST_TEST(y.id == 2);
  BOOST_TEST(y.expert_id == 1);
  BOOST_TEST(y.symbol == "MSFT");
  BOOST_TEST(y.action == rec_action::sell);
  BOOST_TEST(y.expected_profit_percent == -3.75);
  BOOST_TEST(y.price_at_date == 101.25);
  BOOST_TEST(!y.confidence);
  BOOST_TEST((y.risk == risk_level::high));
  BOOST_TEST((y.horizon == time_horizon::long_term));
  BOOST_TEST(y.created_at_ms == t0);
  BOOST_TEST(got->at(1).id == 3);
  BOOST_TEST(got->at(1).action == rec_action::hold);
  BOOST_TEST(got->at(1).confidence == caf::optional<double>{80});
  auto all = db->recommendations_since(1, 0);
  BOOST_REQUIRE(all);
  BOOST_TEST(all->size() == 3u);
  BOOST_TEST(db->recommendations_since(1, t0 + 2 * minute)->empty());
  // A failing batch writes none of its rows.
  auto dup = make_rec(5, 1, "AMD", rec_action::buy, t0);
  BOOST_TEST(is(db->put_recommendations({dup, a}), ec::storage_failure));
  BOOST_TEST(db->recommendations_since(1, 0)->size() == 3u);
}

BOOST_AUTO_TEST_CASE(previous_action_breaks_created_at_ties_by_id) {
  BOOST_REQUIRE(!db->put_recommendations({
    make_rec(1, 1, "AAPL", rec_action::sell, t0 - minute),
    make_rec(5, 1, "AAPL", rec_action::hold, t0),
    make_rec(7, 1, "AAPL", rec_action::buy, t0),
    make_rec(9, 1, "AAPL", rec_action::sell, t0),
    make_rec(6, 1, "MSFT", rec_action::buy, t0),
    make_rec(8, 2, "AAPL", rec_action::buy, t0),
  }));
  auto at = [&](int64_t created, int64_t id) {
    auto x = db->previous_action(1, "AAPL", created, id);
    BOOST_REQUIRE(x);
    return *x;
  };
  BOOST_TEST(at(t0, 9) == caf::optional<rec_action>{rec_action::buy});
  BOOST_TEST(at(t0, 7) == caf::optional<rec_action>{rec_action::hold});
  BOOST_TEST(at(t0, 5) == caf::optional<rec_action>{rec_action::sell});
  BOOST_TEST(at(t0 - minute, 1) == caf::optional<rec_action>{});
  BOOST_TEST(at(t0 + minute, 0) == caf::optional<rec_action>{rec_action::sell});
}

BOOST_AUTO_TEST_CASE(transaction_round_trip_and_live_filter) {
  auto full = make_txn(5, 1, "AAPL", txn_status::opened);
  full.side = order_side::sell;
  full.quantity = 7;
  full.open_price = 100.5;
  full.close_price = 99.25;
  full.take_profit = 90;
  full.stop_loss = 105.125;
  full.open_date_ms = t0 + 1;
  full.close_date_ms = t0 + 2;
  full.lock_epoch = 4;
  BOOST_REQUIRE(!db->put_transaction(full));
  BOOST_REQUIRE(!db->put_transaction(make_txn(6, 1, "MSFT",
                                              txn_status::waiting)));
  BOOST_REQUIRE(!db->put_transaction(make_txn(7, 1, "NVDA",
                                              txn_status::closing)));
  BOOST_REQUIRE(!db->put_transaction(make_txn(8, 2, "AAPL",
                                              txn_status::waiting)));
  auto live = db->live_transactions(1, {});
  BOOST_REQUIRE(live);
  BOOST_REQUIRE(live->size() == 2u);
  const auto& y = live->at(0);
  BOOST_TEST(y.id == 5);
  BOOST_TEST(y.expert_id == 1);
  BOOST_TEST(y.symbol == "AAPL");
  BOOST_TEST(y.side == order_side::sell);
  BOOST_TEST(y.quantity == 7);
  BOOST_TEST(y.open_price == caf::optional<double>{100.5});
  BOOST_TEST(y.close_price == caf::optional<double>{99.25});
  BOOST_TEST(y.take_profit == caf::optional<double>{90});
  BOOST_TEST(y.stop_loss == caf::optional<double>{105.125});
  BOOST_TEST(y.status == txn_status::opened);
  BOOST_TEST(y.open_date_ms == caf::optional<int64_t>{t0 + 1});
  BOOST_TEST(y.close_date_ms == caf::optional<int64_t>{t0 + 2});
  BOOST_TEST(y.created_at_ms == t0);
  BOOST_TEST(y.lock_epoch == 4);
  const auto& n = live->at(1);
  BOOST_TEST(n.id == 6);
  BOOST_TEST(!n.open_price);
  BOOST_TEST(!n.close_price);
  BOOST_TEST(!n.take_profit);
  BOOST_TEST(!n.stop_loss);
  BOOST_TEST(!n.open_date_ms);
  BOOST_TEST(!n.close_date_ms);
  auto msft = db->live_transactions(1, {"MSFT", "NVDA", "TSLA"});
  BOOST_REQUIRE(msft);
  BOOST_REQUIRE(msft->size() == 1u);
  BOOST_TEST(msft->at(0).id == 6);
  BOOST_TEST(db->live_transactions(3, {})->empty());
}

BOOST_AUTO_TEST_CASE(explicit_ids_do_not_collide_with_auto_ids) {
  BOOST_REQUIRE(!db->put_transaction(make_txn(40, 1, "AAPL",
                                              txn_status::closed)));
  auto auto_id = make_txn(0, 1, "MSFT", txn_status::closed);
  BOOST_REQUIRE(!db->put_transaction(auto_id));
  auto out = db->write_entry("k", 1, make_entry(1, 1, "NVDA"));
  BOOST_REQUIRE(out);
  BOOST_TEST(out->transaction_id == 42);
  auto snap = db->snapshot();
  BOOST_REQUIRE(snap);
  BOOST_REQUIRE(snap->transactions.size() == 3u);
  BOOST_TEST(snap->transactions[0].id == 40);
  BOOST_TEST(snap->transactions[1].id == 41);
  BOOST_TEST(snap->transactions[1].symbol == "MSFT");
  BOOST_TEST(snap->transactions[2].id == 42);
}

BOOST_AUTO_TEST_CASE(order_fields_round_trip) {
  auto bundle = make_entry(2, 20, "AAPL");
  bundle.entry.comment = "first try";
  bundle.entry.filled_qty = 3;
  bundle.entry.filled_avg_price = 99.5;
  bundle.entry.broker_order_id = std::string{"B-1"};
  auto out = db->write_entry("k", 1, bundle);
  BOOST_REQUIRE(out);
  BOOST_REQUIRE(out->orders.size() == 3u);
  auto entry = db->order_by_id(out->orders[0].id);
  BOOST_REQUIRE(entry && *entry);
  const auto& e = **entry;
  BOOST_TEST(e.id == out->orders[0].id);
  BOOST_TEST(e.expert_id == 2);
  BOOST_TEST(e.recommendation_id == caf::optional<int64_t>{20});
  BOOST_TEST(e.transaction_id == out->transaction_id);
  BOOST_TEST(e.symbol == "AAPL");
  BOOST_TEST(e.side == order_side::buy);
  BOOST_TEST(e.type == order_type::market);
  BOOST_TEST(e.quantity == 40);
  BOOST_TEST(!e.limit_price);
  BOOST_TEST(!e.stop_price);
  BOOST_TEST(e.status == order_status::pending);
  BOOST_TEST(e.filled_qty == 3);
  BOOST_TEST(e.filled_avg_price == caf::optional<double>{99.5});
  BOOST_TEST(e.client_order_id == "2-20-entry");
  BOOST_TEST(e.broker_order_id == caf::optional<std::string>{"B-1"});
  BOOST_TEST(!e.depends_on_order);
  BOOST_TEST(!e.depends_order_status_trigger);
  BOOST_TEST(!e.reference_price);
  BOOST_TEST(e.created_at_ms == t0);
  BOOST_TEST(e.comment == "first try");
  auto legs = db->orders_by_client_id({"2-20-sl", "2-20-tp", "nope"});
  BOOST_REQUIRE(legs);
  BOOST_REQUIRE(legs->size() == 2u);
  const auto& tp = legs->at(0);
  BOOST_TEST(tp.client_order_id == "2-20-tp");
  BOOST_TEST(tp.type == order_type::sell_limit);
  BOOST_TEST(tp.side == order_side::sell);
  BOOST_TEST(tp.limit_price == caf::optional<double>{110});
  BOOST_TEST(!tp.stop_price);
  BOOST_TEST(tp.status == order_status::waiting_trigger);
  BOOST_TEST(tp.depends_on_order == caf::optional<int64_t>{e.id});
  BOOST_TEST(tp.depends_order_status_trigger
             == caf::optional<order_status>{order_status::filled});
  BOOST_TEST(tp.reference_price == caf::optional<double>{100});
  BOOST_TEST(!tp.broker_order_id);
  BOOST_TEST(!tp.filled_avg_price);
  BOOST_TEST(tp.comment.empty());
  BOOST_TEST(legs->at(1).stop_price == caf::optional<double>{95});
  BOOST_TEST(legs->at(1).type == order_type::sell_stop);
  BOOST_TEST(db->orders_by_client_id({})->empty());
  auto missing = db->order_by_id(999);
  BOOST_REQUIRE(missing);
  BOOST_TEST(!*missing);
}

BOOST_AUTO_TEST_CASE(many_client_ids_span_several_in_lists) {
  std::vector<std::string> wanted;
  for (int64_t rec = 1; rec <= 60; ++rec) {
    auto symbol = "S" + std::to_string(rec);
    auto out = db->write_entry("k", 1, make_entry(1, rec, symbol));
    BOOST_REQUIRE(out && out->status == write_status::written);
    wanted.push_back(client_order_id(1, rec, "entry"));
    wanted.push_back(client_order_id(1, rec, "tp"));
    wanted.push_back(client_order_id(1, rec, "sl"));
  }
  wanted.push_back(client_order_id(1, 1, "entry"));
  auto got = db->orders_by_client_id(wanted);
  BOOST_REQUIRE(got);
  BOOST_REQUIRE(got->size() == 180u);
  for (size_t i = 0; i < got->size(); ++i)
    BOOST_TEST(got->at(i).id == static_cast<int64_t>(i + 1));
}

BOOST_AUTO_TEST_SUITE_END()
