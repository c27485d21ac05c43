#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/interleavings/invariants.hpp"

// The invariant checker fails when it should: hand-made end states that
// break one invariant each, next to a clean one. A checker that can never
// fail would make every seed pass.
using namespace tradeflow;
using namespace tradeflow::test;

namespace {

transaction txn(int64_t id, int64_t expert, const std::string& sym,
                txn_status st) {
  transaction t;
  t.id = id;
  t.expert_id = expert;
  t.symbol = sym;
  t.quantity = 10;
  t.status = st;
  return t;
}

order leg(int64_t id, int64_t txn_id, const std::string& client,
          caf::optional<int64_t> parent) {
  order o;
  o.id = id;
  o.transaction_id = txn_id;
  o.client_order_id = client;
  o.recommendation_id = 1;
  o.quantity = 10;
  o.depends_on_order = parent;
  return o;
}

/// Expert 1 with one OPENED position from recommendation 1 (entry and
/// both legs), a recorded run that looked at recommendation 1, its result,
/// and free locks.
world_state clean() {
  world_state w;
  w.snapshot.transactions.push_back(txn(1, 1, "AAPL", txn_status::opened));
  w.snapshot.orders.push_back(leg(1, 1, "1-1-entry", caf::none));
  w.snapshot.orders.push_back(leg(2, 1, "1-1-tp", int64_t{1}));
  w.snapshot.orders.push_back(leg(3, 1, "1-1-sl", int64_t{1}));
  w.submits["1-1-entry"] = 1;
  w.broker_known.insert("1-1-entry");
  w.loads[1] = {1};
  run_record r;
  r.expert_id = 1;
  r.status = run_status::processed;
  r.outcomes.push_back(recommendation_outcome{1, outcome::executed, ""});
  w.runs.push_back(r);
  w.results = 1;
  return w;
}

bool reports(const world_state& w, const std::string& invariant) {
  for (auto& line : check_invariants(w))
    if (line.rfind(invariant + ":", 0) == 0)
      return true;
  return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(checker_suite)

BOOST_AUTO_TEST_CASE(a_clean_state_passes) {
  auto lines = check_invariants(clean());
  BOOST_TEST(lines.empty(), (lines.empty() ? "" : lines.front()));
}

BOOST_AUTO_TEST_CASE(two_live_transactions_on_one_key_are_reported) {
  auto w = clean();
  w.snapshot.transactions.push_back(txn(2, 1, "AAPL", txn_status::waiting));
  w.given_transactions.insert(2);
  BOOST_TEST(reports(w, "two_live"));
  // Another expert, or a CLOSED one, does not count.
  w.snapshot.transactions.back().expert_id = 2;
  BOOST_TEST(!reports(w, "two_live"));
  w.snapshot.transactions.back() = txn(2, 1, "AAPL", txn_status::closed);
  BOOST_TEST(!reports(w, "two_live"));
}

BOOST_AUTO_TEST_CASE(a_second_submission_or_a_stray_order_is_reported) {
  auto w = clean();
  w.submits["1-1-entry"] = 2;
  BOOST_TEST(reports(w, "two_orders"));
  w = clean();
  w.submits["1-9-entry"] = 1; // at the broker, not in the store
  BOOST_TEST(reports(w, "two_orders"));
}

BOOST_AUTO_TEST_CASE(a_lock_left_held_is_reported) {
  auto w = clean();
  w.registry.held = 1;
  w.registry.keys = 1;
  BOOST_TEST(reports(w, "lock_held"));
}

BOOST_AUTO_TEST_CASE(a_run_missing_an_outcome_is_reported) {
  auto w = clean();
  w.loads[1] = {1, 2};
  BOOST_TEST(reports(w, "outcomes"));
  w = clean();
  w.runs[0].outcomes.push_back(w.runs[0].outcomes[0]); // twice
  BOOST_TEST(reports(w, "outcomes"));
  w = clean();
  w.unanswered = 1;
  BOOST_TEST(reports(w, "outcomes"));
  w = clean();
  w.results = 2; // answered but never recorded
  BOOST_TEST(reports(w, "outcomes"));
  w = clean();
  w.failures = 1; // a failed run without a kill
  BOOST_TEST(reports(w, "outcomes"));
  w.killed_any = true;
  BOOST_TEST(!reports(w, "outcomes"));
}

BOOST_AUTO_TEST_CASE(a_candidate_missing_a_sibling_is_reported) {
  auto w = clean();
  w.snapshot.orders.pop_back(); // no stop loss
  BOOST_TEST(reports(w, "siblings"));
  w = clean();
  w.snapshot.orders[1].depends_on_order = int64_t{7};
  BOOST_TEST(reports(w, "siblings"));
  w = clean();
  w.snapshot.orders[2].transaction_id = 5; // its transaction is gone
  BOOST_TEST(reports(w, "siblings"));
}

BOOST_AUTO_TEST_SUITE_END()
