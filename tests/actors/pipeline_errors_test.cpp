#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "actors/worker.hpp"
#include "tests/support/faulty_store.hpp"
#include "tests/support/pipeline_fixture.hpp"

// The real engine when things go wrong (docs/architecture.md flow 4,
// docs/engine-details.md §6.1 and §8): a bundle whose write fails, a load that
// fails, a worker killed while it holds its lock, and a broker that never
// answers a submission. Every case ends with the lock released and no duplicate
// position.
using namespace tradeflow;
using namespace tradeflow::test;
using namespace std::chrono_literals;

namespace {

using outcomes = std::vector<outcome>;
using strings = std::vector<std::string>;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct errors_fixture : pipeline_fixture {
  std::shared_ptr<faulty_store> faulty;

  /// Puts the faulty decorator between the store actor and SQLite.
  errors_fixture() {
    faulty = std::make_shared<faulty_store>(real);
    db = faulty;
  }

  /// Expert 1 with BUYs on AAPL, GOOGL and MSFT (load and sizing order)
  /// at 100 each: 100 shares apiece under the 10 % cap.
  void seed_three() {
    seed_expert(1);
    seed_buy(1, 1, "AAPL", 30);
    seed_buy(2, 1, "GOOGL", 20);
    seed_buy(3, 1, "MSFT", 10);
    start(0ms, {{"AAPL", 100}, {"GOOGL", 100}, {"MSFT", 100}});
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(pipeline_errors_suite, errors_fixture)

BOOST_AUTO_TEST_CASE(failed_bundle_is_an_error_outcome_and_leaves_no_rows) {
  seed_three();
  faulty->fail_write_at = 2;
  auto a = process(1);
  run();
  BOOST_REQUIRE(a->done);
  auto& res = a->result;
  // One bundle failing is that recommendation's error (docs/engine.md §2
  // step 4); the run itself completes, so it carries no run-level error.
  BOOST_TEST(to_string(res.status) == "processed");
  BOOST_TEST(!res.error);
  BOOST_TEST(outcomes_of(res)
             == (outcomes{outcome::executed, outcome::error,
                          outcome::executed}));
  BOOST_TEST(contains(res.outcomes[1].reason, "database connection lost"));
  BOOST_TEST(res.orders == (strings{"1-1-entry", "1-3-entry"}));
  BOOST_TEST(faulty->writes == 3);
  auto s = snapshot();
  BOOST_TEST(s.transactions.size() == 2u);
  BOOST_TEST(s.orders.size() == 2u);
  BOOST_TEST(live_of(s, 1, "GOOGL").empty());
  BOOST_TEST(find_order(s, "1-2-entry") == nullptr);
  for (auto sym : {"AAPL", "MSFT"}) {
    auto live = live_of(s, 1, sym);
    BOOST_REQUIRE(live.size() == 1u);
    BOOST_TEST(live[0].status == txn_status::opened);
    BOOST_TEST(live[0].quantity == 100);
  }
  BOOST_TEST(broker->submits.count("1-2-entry") == 0u);
  BOOST_TEST(registry_empty());
  // The lock was released: the next run proceeds and retries GOOGL only.
  auto b = process(1);
  run();
  BOOST_REQUIRE(b->done);
  BOOST_TEST(to_string(b->result.status) == "processed");
  BOOST_TEST(outcomes_of(b->result)
             == (outcomes{outcome::skipped_duplicate, outcome::executed,
                          outcome::skipped_duplicate}));
  BOOST_TEST(b->result.orders == strings{"1-2-entry"});
  BOOST_TEST(live_of(snapshot(), 1, "GOOGL").size() == 1u);
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(failed_load_ends_the_run_with_an_error) {
  seed_three();
  faulty->fail_load_at = 1;
  auto a = process(1);
  run();
  BOOST_REQUIRE(a->done);
  BOOST_TEST(to_string(a->result.status) == "processed");
  BOOST_REQUIRE(a->result.error);
  BOOST_TEST(contains(*a->result.error, "database connection lost"));
  // Nothing was loaded, so no recommendation was looked at.
  BOOST_TEST(a->result.outcomes.empty());
  BOOST_TEST(a->result.orders.empty());
  BOOST_TEST(snapshot().transactions.empty());
  BOOST_TEST(registry_empty());
  auto b = process(1);
  run();
  BOOST_REQUIRE(b->done);
  BOOST_TEST(!b->result.error);
  BOOST_TEST(outcomes_of(b->result)
             == (outcomes{outcome::executed, outcome::executed,
                          outcome::executed}));
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(a_non_finite_balance_ends_the_run_before_any_order) {
  seed_three();
  broker->balance_answer = std::numeric_limits<double>::quiet_NaN();
  auto a = process(1);
  run();
  BOOST_REQUIRE(a->done);
  BOOST_REQUIRE(a->result.error);
  BOOST_TEST(contains(*a->result.error, "balance is not a finite number"));
  BOOST_TEST(a->result.orders.empty());
  BOOST_TEST(broker->submits.empty());
  BOOST_TEST(snapshot().transactions.empty());
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(worker_killed_mid_run_releases_its_lock) {
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  start(300ms, {{"AAPL", 100}});
  // CAF 0.17 sends nothing for a promise that dies with its actor; the
  // supervisor, which tracks the runs it admitted, answers for it.
  auto a = process(1);
  auto worker = run_and_find("worker");
  BOOST_REQUIRE(worker);
  // The entry is written and at the broker; its answer is 300 ms away.
  BOOST_TEST(registry().held == 1u);
  BOOST_TEST(broker->submits["1-1-entry"] == 1);
  // docs/engine.md §3.2: a holder that dies ("crash, kill, lost node") loses
  // its locks at once, and the registry lives on. This failed while workers
  // were linked to the supervisor: the link carried the kill to it
  // (request_receiver_down for every later run).
  caf::anon_send_exit(worker, caf::exit_reason::kill);
  run();
  auto st = registry();
  BOOST_TEST(st.keys == 0u);
  BOOST_TEST(st.held == 0u);
  BOOST_TEST(st.workers == 0u);
  BOOST_TEST(st.runs_active == 0u);
  BOOST_REQUIRE(a->done);
  BOOST_TEST(is(a->err, ec::run_failed));
  // The half-done run left its position WAITING with a pending entry (its
  // answer died with the worker); a new run gets a new worker and the
  // lock at once, and the safety check stops a second entry.
  auto b = process(1);
  run();
  BOOST_REQUIRE(b->done);
  BOOST_TEST(to_string(b->result.status) == "processed");
  BOOST_TEST(b->result.lock_wait_ms == 0.0);
  BOOST_TEST(outcomes_of(b->result) == outcomes{outcome::skipped_duplicate});
  BOOST_TEST(registry().workers == 1u);
  auto s = snapshot();
  BOOST_TEST(s.orders.size() == 1u);
  BOOST_REQUIRE(find_order(s, "1-1-entry") != nullptr);
  BOOST_TEST(find_order(s, "1-1-entry")->status == order_status::pending);
  // A later refresh finds the order at the broker and settles it.
  auto refreshed = refresh_all();
  run();
  advance(300ms);
  BOOST_REQUIRE(*refreshed);
  s = snapshot();
  BOOST_TEST(find_order(s, "1-1-entry")->status == order_status::filled);
  auto live = live_of(s, 1, "AAPL");
  BOOST_REQUIRE(live.size() == 1u);
  BOOST_TEST(live[0].status == txn_status::opened);
  BOOST_TEST(broker->submits["1-1-entry"] == 1);
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(unanswered_submission_stays_pending_never_resent) {
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 30);
  seed_buy(2, 1, "MSFT", 10);
  broker_faults faults;
  faults.timeout_symbols = {"AAPL"};
  start(0ms, {{"AAPL", 100}, {"MSFT", 100}}, faults);
  auto a = process(1);
  run();
  advance(999ms);
  BOOST_TEST(!a->done); // AAPL's submission waits for its 1 s timeout
  advance(1ms);
  BOOST_REQUIRE(a->done);
  BOOST_TEST(to_string(a->result.status) == "processed");
  BOOST_TEST(!a->result.error);
  // Written is executed; the submission's fate is the order's business.
  BOOST_TEST(outcomes_of(a->result)
             == (outcomes{outcome::executed, outcome::executed}));
  BOOST_TEST(a->result.orders == (strings{"1-1-entry", "1-2-entry"}));
  auto check = [this](const char* when) {
    auto s = snapshot();
    auto o = find_order(s, "1-1-entry");
    BOOST_REQUIRE(o != nullptr);
    BOOST_TEST(o->status == order_status::pending, when);
    BOOST_TEST(contains(o->comment, "unknown outcome"), when);
    BOOST_TEST(!o->broker_order_id, when);
    BOOST_TEST(txn_by_id(s, o->transaction_id).status == txn_status::waiting,
               when);
    BOOST_TEST(find_order(s, "1-2-entry")->status == order_status::filled,
               when);
    BOOST_TEST(live_of(s, 1, "MSFT")[0].status == txn_status::opened, when);
    BOOST_TEST(s.orders.size() == 2u, when);
    BOOST_TEST(s.transactions.size() == 2u, when);
  };
  check("after the first run");
  // The second run sees the WAITING position: no second order.
  auto b = process(1);
  run();
  BOOST_REQUIRE(b->done);
  BOOST_TEST(outcomes_of(b->result)
             == (outcomes{outcome::skipped_duplicate,
                          outcome::skipped_duplicate}));
  BOOST_TEST(b->result.orders.empty());
  check("after the second run");
  // A refresh does not know the order either: it stays as it is.
  auto refreshed = refresh_all();
  run();
  BOOST_REQUIRE(*refreshed);
  check("after a refresh");
  BOOST_TEST(broker->submits["1-1-entry"] == 1);
  BOOST_TEST(!paper->status({"1-1-entry"})[0].known);
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_CASE(dropped_answer_is_settled_by_the_next_refresh) {
  // The broker takes the order but its answer never arrives: the entry is
  // an unknown outcome (pending), then the run's own refresh finds it at
  // the broker, filled, and opens the position. Nothing is sent twice.
  seed_expert(1);
  seed_buy(1, 1, "AAPL", 10);
  broker_faults faults;
  faults.drop_answers = true;
  start(0ms, {{"AAPL", 100}}, faults);
  auto a = process(1);
  run();
  advance(1000ms); // the submission's broker timeout
  BOOST_REQUIRE(a->done);
  BOOST_TEST(to_string(a->result.status) == "processed");
  BOOST_TEST(a->result.outcomes.at(0).result == outcome::executed);
  auto s = snapshot();
  auto* entry = find_order(s, "1-1-entry");
  BOOST_REQUIRE(entry);
  BOOST_TEST(entry->status == order_status::filled);
  BOOST_TEST(entry->filled_qty == entry->quantity);
  BOOST_TEST(entry->comment.find("unknown outcome") != std::string::npos);
  BOOST_TEST(live_of(s, 1, "AAPL").at(0).status == txn_status::opened);
  BOOST_TEST(broker->submits["1-1-entry"] == 1);
  BOOST_TEST(registry_empty());
}

BOOST_AUTO_TEST_SUITE_END()
