#include <boost/test/unit_test.hpp>

#include "actors/decisions/rule_engine.hpp"
#include "tests/actors/decisions/builders.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

using et = event_type;
using op = compare_op;

// A BUY at 100 with EP 25 (target 125), confidence 80, price 100.
struct fixture {
  evaluation_input in;

  fixture() {
    in.rec = make_rec(1, "AAPL", rec_action::buy, 25);
    in.rec.confidence = 80;
    in.current_price = 100;
    in.virtual_equity = 10000;
    in.now_ms = 10 * day_ms;
  }

  bool is(trigger t) const {
    return holds(t, in);
  }

  bool num(et e, op o, double v) const {
    return holds(numeric(e, o, v), in);
  }

  // A long of 10 opened at 80 four and a half days ago, TP 105.
  void with_position(order_side side = order_side::buy) {
    auto t = make_txn(7, "AAPL", side, 10, 80);
    t.take_profit = 105;
    t.open_date_ms = in.now_ms - 4 * day_ms - day_ms / 2;
    in.position = t;
  }
};

rule make_rule(std::string name, std::vector<trigger> ts,
               std::vector<rule_action> as, bool cont = false) {
  rule r;
  r.name = std::move(name);
  r.triggers = std::move(ts);
  r.actions = std::move(as);
  r.continue_processing = cont;
  return r;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(rule_engine, fixture)

BOOST_AUTO_TEST_CASE(target_price_by_action) {
  auto r = make_rec(1, "AAPL", rec_action::buy, 25);
  BOOST_TEST(*target_price(r) == 125.0);
  r.action = rec_action::sell;
  BOOST_TEST(*target_price(r) == 75.0);
  r.expected_profit_percent = 10; // 100 * 1.1 is not exact in binary
  BOOST_TEST(*target_price(r) == 90.0);
  r.action = rec_action::hold;
  BOOST_TEST(!target_price(r));
}

BOOST_AUTO_TEST_CASE(action_flags) {
  BOOST_TEST(is(flag(et::bullish)));
  BOOST_TEST(!is(flag(et::bearish)));
  BOOST_TEST(is(flag(et::current_rating_positive)));
  BOOST_TEST(!is(flag(et::current_rating_neutral)));
  BOOST_TEST(!is(flag(et::current_rating_negative)));
  in.rec.action = rec_action::sell;
  BOOST_TEST(!is(flag(et::bullish)));
  BOOST_TEST(is(flag(et::bearish)));
  BOOST_TEST(is(flag(et::current_rating_negative)));
  BOOST_TEST(!is(flag(et::current_rating_positive)));
  in.rec.action = rec_action::hold;
  BOOST_TEST(is(flag(et::current_rating_neutral)));
  BOOST_TEST(!is(flag(et::bullish)));
  BOOST_TEST(!is(flag(et::bearish)));
}

BOOST_AUTO_TEST_CASE(horizon_and_risk_flags) {
  in.rec.horizon = time_horizon::medium_term;
  in.rec.risk = risk_level::high;
  BOOST_TEST(!is(flag(et::short_term)));
  BOOST_TEST(is(flag(et::medium_term)));
  BOOST_TEST(!is(flag(et::long_term)));
  BOOST_TEST(!is(flag(et::lowrisk)));
  BOOST_TEST(!is(flag(et::mediumrisk)));
  BOOST_TEST(is(flag(et::highrisk)));
  in.rec.horizon = time_horizon::short_term;
  in.rec.risk = risk_level::low;
  BOOST_TEST(is(flag(et::short_term)));
  BOOST_TEST(is(flag(et::lowrisk)));
  in.rec.horizon = time_horizon::long_term;
  in.rec.risk = risk_level::medium;
  BOOST_TEST(is(flag(et::long_term)));
  BOOST_TEST(is(flag(et::mediumrisk)));
}

BOOST_AUTO_TEST_CASE(position_flags_look_at_opened_transactions) {
  BOOST_TEST(!is(flag(et::has_position)));
  BOOST_TEST(is(flag(et::has_no_position)));
  in.has_opened_position = true;
  BOOST_TEST(is(flag(et::has_position)));
  BOOST_TEST(!is(flag(et::has_no_position)));
  // A position in context does not matter, only has_opened_position.
  in.has_opened_position = false;
  with_position();
  BOOST_TEST(!is(flag(et::has_position)));
}

BOOST_AUTO_TEST_CASE(rating_changes) {
  struct row {
    et event;
    rec_action from;
    rec_action to;
  };
  auto buy = rec_action::buy;
  auto hold = rec_action::hold;
  auto sell = rec_action::sell;
  row rows[] = {
    {et::rating_positive_to_neutral, buy, hold},
    {et::rating_positive_to_negative, buy, sell},
    {et::rating_neutral_to_positive, hold, buy},
    {et::rating_neutral_to_negative, hold, sell},
    {et::rating_negative_to_positive, sell, buy},
    {et::rating_negative_to_neutral, sell, hold},
  };
  for (auto& r : rows) {
    BOOST_TEST_CONTEXT("event " << to_string(r.event)) {
      in.rec.action = r.to;
      in.previous_action = r.from;
      BOOST_TEST(is(flag(r.event)));
      // Same rating before and after: no change.
      in.previous_action = r.to;
      BOOST_TEST(!is(flag(r.event)));
      // Reversed direction.
      in.rec.action = r.from;
      in.previous_action = r.to;
      BOOST_TEST(!is(flag(r.event)));
      // No previous recommendation: missing input.
      in.previous_action = caf::none;
      in.rec.action = r.to;
      BOOST_TEST(!is(flag(r.event)));
    }
  }
}

BOOST_AUTO_TEST_CASE(new_target_higher_and_lower) {
  // Without a position both are false.
  BOOST_TEST(!is(flag(et::new_target_higher)));
  BOOST_TEST(!is(flag(et::new_target_lower)));
  with_position();
  // T = 125, TP = 105: +19.05 %.
  BOOST_TEST(is(flag(et::new_target_higher)));
  BOOST_TEST(!is(flag(et::new_target_lower)));
  // TP 123: +1.63 %, inside the band: neither.
  in.position->take_profit = 123;
  BOOST_TEST(!is(flag(et::new_target_higher)));
  BOOST_TEST(!is(flag(et::new_target_lower)));
  // TP 130: -3.85 %.
  in.position->take_profit = 130;
  BOOST_TEST(is(flag(et::new_target_lower)));
  BOOST_TEST(!is(flag(et::new_target_higher)));
  // Exactly 2 % is not more than 2 %: T = 102 against TP 100.
  in.rec.expected_profit_percent = 2;
  in.position->take_profit = 100;
  BOOST_TEST(!is(flag(et::new_target_higher)));
  // A position without take profit, or a HOLD: missing input.
  in.position->take_profit = caf::none;
  BOOST_TEST(!is(flag(et::new_target_higher)));
  BOOST_TEST(!is(flag(et::new_target_lower)));
  in.position->take_profit = 200;
  BOOST_TEST(is(flag(et::new_target_lower)));
  in.rec.action = rec_action::hold;
  BOOST_TEST(!is(flag(et::new_target_lower)));
}

BOOST_AUTO_TEST_CASE(each_operator_compares_exactly) {
  auto e = et::confidence; // 80
  BOOST_TEST(num(e, op::gt, 79));
  BOOST_TEST(!num(e, op::gt, 80));
  BOOST_TEST(num(e, op::lt, 81));
  BOOST_TEST(!num(e, op::lt, 80));
  BOOST_TEST(num(e, op::ge, 80));
  BOOST_TEST(!num(e, op::ge, 80.0000001));
  BOOST_TEST(num(e, op::le, 80));
  BOOST_TEST(!num(e, op::le, 79.9999999));
  BOOST_TEST(num(e, op::eq, 80));
  BOOST_TEST(!num(e, op::eq, 80.0000001));
  BOOST_TEST(num(e, op::ne, 80.0000001));
  BOOST_TEST(!num(e, op::ne, 80));
}

BOOST_AUTO_TEST_CASE(recommendation_numbers) {
  BOOST_TEST(num(et::confidence, op::eq, 80));
  in.rec.confidence = caf::none;
  BOOST_TEST(!num(et::confidence, op::ge, 0));
  BOOST_TEST(!num(et::confidence, op::ne, 1));
  BOOST_TEST(num(et::expected_profit_target_percent, op::eq, 25));
  BOOST_TEST(!num(et::expected_profit_target_percent, op::gt, 25));
  // T = 125 at price 100: +25 %; at price 125: 0 %.
  BOOST_TEST(num(et::percent_to_new_target, op::eq, 25));
  in.current_price = 125;
  BOOST_TEST(num(et::percent_to_new_target, op::eq, 0));
  BOOST_TEST(!num(et::percent_to_new_target, op::gt, 0));
  in.current_price = caf::none;
  BOOST_TEST(!num(et::percent_to_new_target, op::le, 1000));
  in.current_price = 100;
  in.rec.action = rec_action::hold;
  BOOST_TEST(!num(et::percent_to_new_target, op::le, 1000));
}

BOOST_AUTO_TEST_CASE(position_numbers_for_a_long) {
  with_position();
  // TP 105 at 100: +5 %.
  BOOST_TEST(num(et::percent_to_current_target, op::eq, 5));
  BOOST_TEST(!num(et::percent_to_current_target, op::gt, 5));
  // Opened at 80, now 100: +25 %, +200.
  BOOST_TEST(num(et::profit_loss_percent, op::eq, 25));
  BOOST_TEST(!num(et::profit_loss_percent, op::lt, 25));
  BOOST_TEST(num(et::profit_loss_amount, op::eq, 200));
  BOOST_TEST(!num(et::profit_loss_amount, op::ne, 200));
  BOOST_TEST(num(et::days_opened, op::eq, 4.5));
  BOOST_TEST(!num(et::days_opened, op::ge, 5));
  // 10 * 100 / 10000 * 100 = 10 %.
  BOOST_TEST(num(et::instrument_account_share, op::eq, 10));
  BOOST_TEST(!num(et::instrument_account_share, op::gt, 10));
}

BOOST_AUTO_TEST_CASE(profit_loss_is_negated_for_a_short) {
  with_position(order_side::sell);
  BOOST_TEST(num(et::profit_loss_percent, op::eq, -25));
  BOOST_TEST(num(et::profit_loss_amount, op::eq, -200));
  in.current_price = 60;
  BOOST_TEST(num(et::profit_loss_percent, op::eq, 25));
  BOOST_TEST(num(et::profit_loss_amount, op::eq, 200));
}

BOOST_AUTO_TEST_CASE(needs_txn_events_are_false_without_input) {
  et needs_txn[] = {et::percent_to_current_target, et::profit_loss_percent,
                    et::profit_loss_amount, et::days_opened,
                    et::instrument_account_share};
  // enter_market: no position in context, every operator false.
  for (auto e : needs_txn)
    for (auto o : {op::gt, op::lt, op::ge, op::le, op::eq, op::ne})
      BOOST_TEST(!num(e, o, 0), to_string(e) << " " << to_string(o));
  with_position();
  in.current_price = caf::none;
  for (auto e : {et::percent_to_current_target, et::profit_loss_percent,
                 et::profit_loss_amount, et::instrument_account_share})
    BOOST_TEST(!num(e, op::ne, 12345), to_string(e));
  in.current_price = 100;
  in.position->take_profit = caf::none;
  in.position->open_price = caf::none;
  in.position->open_date_ms = caf::none;
  BOOST_TEST(!num(et::percent_to_current_target, op::ne, 1));
  BOOST_TEST(!num(et::profit_loss_percent, op::ne, 1));
  BOOST_TEST(!num(et::profit_loss_amount, op::ne, 1));
  BOOST_TEST(!num(et::days_opened, op::ne, 1));
  in.virtual_equity = 0;
  BOOST_TEST(!num(et::instrument_account_share, op::ne, 1));
}

BOOST_AUTO_TEST_CASE(numeric_trigger_without_operator_is_false) {
  trigger t;
  t.event = et::confidence;
  t.value = 10;
  BOOST_TEST(!is(t));
}

BOOST_AUTO_TEST_CASE(evaluate_stops_at_first_passing_rule) {
  ruleset rs;
  rs.rules = {
    make_rule("bearish", {flag(et::bearish)}, {act(action_type::sell)}),
    make_rule("bullish", {flag(et::bullish)}, {act(action_type::buy)}),
    make_rule("always", {}, {act(action_type::close)}),
  };
  auto ev = evaluate(rs, in);
  BOOST_TEST(ev.passed_rules == (std::vector<std::string>{"bullish"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(ev.actions.size() == 1u);
  BOOST_TEST(ev.actions[0].type == action_type::buy);
}

BOOST_AUTO_TEST_CASE(evaluate_continues_and_dedups) {
  auto tp = adjust(action_type::adjust_take_profit,
                   reference_value::current_price, 10);
  auto tp2 = adjust(action_type::adjust_take_profit,
                    reference_value::current_price, 12);
  ruleset rs;
  rs.rules = {
    make_rule("a", {flag(et::bullish), numeric(et::confidence, op::ge, 60)},
              {act(action_type::buy), tp}, true),
    make_rule("not confident", {numeric(et::confidence, op::lt, 60)},
              {act(action_type::sell)}, true),
    make_rule("b", {}, {tp, act(action_type::buy), tp2}, true),
    make_rule("c", {flag(et::bullish)}, {tp}, false),
    make_rule("after stop", {}, {act(action_type::close)}),
  };
  auto ev = evaluate(rs, in);
  BOOST_TEST(ev.passed_rules == (std::vector<std::string>{"a", "b", "c"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(ev.actions.size() == 3u);
  BOOST_TEST(ev.actions[0].type == action_type::buy);
  BOOST_TEST(ev.actions[1].type == action_type::adjust_take_profit);
  BOOST_TEST(*ev.actions[1].value == 10.0);
  BOOST_TEST(*ev.actions[2].value == 12.0);
}

BOOST_AUTO_TEST_CASE(evaluate_with_no_passing_rule) {
  ruleset rs;
  rs.rules = {make_rule("bearish", {flag(et::bearish)},
                        {act(action_type::sell)})};
  auto ev = evaluate(rs, in);
  BOOST_TEST(ev.actions.empty());
  BOOST_TEST(ev.passed_rules.empty());
  BOOST_TEST(evaluate(ruleset{}, in).actions.empty());
}

BOOST_AUTO_TEST_SUITE_END()
