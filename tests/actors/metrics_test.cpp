// engine_metrics on a fresh registry: every family registered with the
// label values it pre-creates, and each method moving exactly its child
// (docs/metrics.md).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <caf/optional.hpp>
#include <prometheus/registry.h>

#include "actors/metrics.hpp"
#include "tests/support/pipeline_fixture.hpp"

using namespace tradeflow;
using namespace tradeflow::test;
using namespace std::chrono_literals;

namespace {

using labels = std::map<std::string, std::string>;

/// A registry and readers of what it collects.
struct collector {
  prometheus::Registry registry;

  /// What the last family() call collected.
  mutable std::vector<prometheus::MetricFamily> collected;

  const prometheus::MetricFamily* family(const std::string& name) const {
    collected = registry.Collect();
    for (auto& f : collected)
      if (f.name == name)
        return &f;
    return nullptr;
  }

  /// The child of `name` whose labels are exactly `want`.
  caf::optional<prometheus::ClientMetric> child(const std::string& name,
                                                const labels& want) const {
    auto* f = family(name);
    if (!f)
      return caf::none;
    for (auto& m : f->metric) {
      labels got;
      for (auto& l : m.label)
        got[l.name] = l.value;
      if (got == want)
        return m;
    }
    return caf::none;
  }

  double counter(const std::string& name, const labels& want = {}) const {
    auto m = child(name, want);
    return m ? m->counter.value : -1;
  }

  double gauge(const std::string& name) const {
    auto m = child(name, {});
    return m ? m->gauge.value : -1;
  }

  caf::optional<prometheus::ClientMetric::Histogram>
  histogram(const std::string& name) const {
    auto m = child(name, {});
    if (!m)
      return caf::none;
    return m->histogram;
  }
};

struct metrics_fixture : collector {
  engine_metrics metrics{registry};
};

/// The real engine under the test coordinator, counting into `registry`
/// (declared first: it outlives the engine's actors).
struct engine_fixture : collector, pipeline_fixture {
  engine_fixture() {
    settings.metrics = std::make_shared<engine_metrics>(collector::registry);
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(metrics_suite, metrics_fixture)

BOOST_AUTO_TEST_CASE(every_family_is_registered_with_its_type) {
  using mt = prometheus::MetricType;
  std::map<std::string, mt> want{
    {"tradeflow_runs_total", mt::Counter},
    {"tradeflow_lock_wait_seconds", mt::Histogram},
    {"tradeflow_recommendation_outcomes_total", mt::Counter},
    {"tradeflow_orders_total", mt::Counter},
    {"tradeflow_broker_request_seconds", mt::Histogram},
    {"tradeflow_stale_epoch_total", mt::Counter},
    {"tradeflow_locks_held", mt::Gauge},
    {"tradeflow_runs_in_flight", mt::Gauge},
    {"tradeflow_runs_queued", mt::Gauge},
    {"tradeflow_workers", mt::Gauge}};
  auto collected = registry.Collect();
  BOOST_TEST(collected.size() == want.size());
  for (auto& f : collected) {
    auto i = want.find(f.name);
    BOOST_TEST_REQUIRE((i != want.end()), f.name);
    BOOST_TEST((f.type == i->second), f.name);
    BOOST_TEST(!f.help.empty());
  }
}

BOOST_AUTO_TEST_CASE(label_children_exist_before_anything_happened) {
  // 2 use cases x (7 run statuses + failed), 9 outcomes, 5 order events.
  BOOST_TEST(family("tradeflow_runs_total")->metric.size() == 16u);
  BOOST_TEST(family("tradeflow_recommendation_outcomes_total")->metric.size()
             == 9u);
  BOOST_TEST(family("tradeflow_orders_total")->metric.size() == 5u);
  for (auto event : {"submitted", "filled", "canceled", "rejected",
                     "unanswered"})
    BOOST_TEST(counter("tradeflow_orders_total", {{"event", event}}) == 0);
  BOOST_TEST(counter("tradeflow_runs_total",
                     {{"use_case", "open_positions"},
                      {"status", "guard:no_ruleset"}})
             == 0);
}

BOOST_AUTO_TEST_CASE(runs_count_by_use_case_and_rendered_status) {
  metrics.run_finished(use_case::enter_market, run_status::processed);
  metrics.run_finished(use_case::enter_market, run_status::processed);
  metrics.run_finished(use_case::open_positions, run_status::lock_timeout);
  metrics.run_finished(use_case::enter_market, run_status::guard_disabled);
  metrics.run_failed(use_case::open_positions);
  auto runs = [&](const char* uc, const char* status) {
    return counter("tradeflow_runs_total",
                   {{"use_case", uc}, {"status", status}});
  };
  BOOST_TEST(runs("enter_market", "processed") == 2);
  BOOST_TEST(runs("open_positions", "lock_timeout") == 1);
  BOOST_TEST(runs("enter_market", "guard:disabled") == 1);
  BOOST_TEST(runs("open_positions", "failed") == 1);
  BOOST_TEST(runs("open_positions", "processed") == 0);
}

BOOST_AUTO_TEST_CASE(outcomes_orders_and_stale_epochs_count) {
  metrics.recommendation_decided(outcome::executed);
  metrics.recommendation_decided(outcome::skipped_duplicate);
  metrics.recommendation_decided(outcome::skipped_duplicate);
  using k = engine_metrics::order_kind;
  for (auto x : {k::submitted, k::submitted, k::filled, k::canceled,
                 k::rejected, k::unanswered})
    metrics.order_event(x);
  metrics.stale_epoch();
  auto outcomes = [&](const char* x) {
    return counter("tradeflow_recommendation_outcomes_total",
                   {{"outcome", x}});
  };
  BOOST_TEST(outcomes("executed") == 1);
  BOOST_TEST(outcomes("skipped_duplicate") == 2);
  BOOST_TEST(outcomes("no_action") == 0);
  auto orders = [&](const char* x) {
    return counter("tradeflow_orders_total", {{"event", x}});
  };
  BOOST_TEST(orders("submitted") == 2);
  for (auto x : {"filled", "canceled", "rejected", "unanswered"})
    BOOST_TEST(orders(x) == 1);
  BOOST_TEST(counter("tradeflow_stale_epoch_total") == 1);
}

BOOST_AUTO_TEST_CASE(histograms_observe_seconds) {
  metrics.lock_waited(20us);
  metrics.lock_waited(300ms);
  metrics.broker_request(2ms);
  auto lock = histogram("tradeflow_lock_wait_seconds");
  BOOST_TEST_REQUIRE(static_cast<bool>(lock));
  BOOST_TEST(lock->sample_count == 2u);
  BOOST_TEST(lock->sample_sum == 0.30002, boost::test_tools::tolerance(1e-9));
  // Buckets are cumulative: 20 us is at most 2.5e-5, 300 ms at most 0.5.
  for (auto& b : lock->bucket) {
    auto want = b.upper_bound < 2.5e-5 ? 0u : b.upper_bound < 0.5 ? 1u : 2u;
    BOOST_TEST(b.cumulative_count == want, "le " << b.upper_bound);
  }
  BOOST_TEST(lock->bucket.size() > 10u);
  auto broker = histogram("tradeflow_broker_request_seconds");
  BOOST_TEST_REQUIRE(static_cast<bool>(broker));
  BOOST_TEST(broker->sample_count == 1u);
  BOOST_TEST(broker->sample_sum == 0.002, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(gauges_hold_the_last_value) {
  metrics.set_locks_held(3);
  metrics.set_runs_in_flight(7);
  metrics.set_runs_queued(2);
  metrics.set_workers(40);
  metrics.set_locks_held(1);
  BOOST_TEST(gauge("tradeflow_locks_held") == 1);
  BOOST_TEST(gauge("tradeflow_runs_in_flight") == 7);
  BOOST_TEST(gauge("tradeflow_runs_queued") == 2);
  BOOST_TEST(gauge("tradeflow_workers") == 40);
}

BOOST_AUTO_TEST_CASE(values_out_of_range_are_dropped) {
  // An enum value from another node's message that no child stands for.
  metrics.run_finished(use_case::enter_market, static_cast<run_status>(200));
  metrics.recommendation_decided(static_cast<outcome>(200));
  metrics.order_event(static_cast<engine_metrics::order_kind>(200));
  double total = 0;
  for (auto name : {"tradeflow_runs_total",
                    "tradeflow_recommendation_outcomes_total",
                    "tradeflow_orders_total"})
    for (auto& m : family(name)->metric)
      total += m.counter.value;
  BOOST_TEST(total == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// The engine's actors feed the families: two experts run at once and a
// second run of expert 1 waits for the lock and times out (as in
// pipeline_suite's other_expert_runs_alongside_same_expert_is_skipped).
BOOST_FIXTURE_TEST_SUITE(metrics_engine_suite, engine_fixture)

BOOST_AUTO_TEST_CASE(runs_locks_orders_and_gauges_move) {
  seed_expert(1);
  seed_expert(2);
  seed_buy(1, 1, "AAPL", 10);
  seed_buy(2, 2, "AAPL", 10);
  start(300ms, {{"AAPL", 100}});
  auto a = process(1);
  auto b = process(2);
  auto c = process(1);
  run();
  BOOST_TEST(gauge("tradeflow_locks_held") == 2);
  BOOST_TEST(gauge("tradeflow_runs_in_flight") == 3);
  BOOST_TEST(gauge("tradeflow_workers") == 2);
  run_all();
  BOOST_REQUIRE(a->done && b->done && c->done);
  auto runs = [&](const char* status) {
    return counter("tradeflow_runs_total",
                   {{"use_case", "enter_market"}, {"status", status}});
  };
  BOOST_TEST(runs("processed") == 2);
  BOOST_TEST(runs("lock_timeout") == 1);
  BOOST_TEST(counter("tradeflow_recommendation_outcomes_total",
                     {{"outcome", "executed"}})
             == 2);
  // Granted runs only: the timed-out wait shows in runs_total.
  BOOST_TEST(histogram("tradeflow_lock_wait_seconds")->sample_count == 2u);
  BOOST_TEST(counter("tradeflow_orders_total", {{"event", "submitted"}})
             == 2);
  // balance, prices, submit and status for each of the two runs.
  BOOST_TEST(histogram("tradeflow_broker_request_seconds")->sample_count
             >= 8u);
  BOOST_TEST(gauge("tradeflow_locks_held") == 0);
  BOOST_TEST(gauge("tradeflow_runs_in_flight") == 0);
  BOOST_TEST(gauge("tradeflow_runs_queued") == 0);
  BOOST_TEST(counter("tradeflow_stale_epoch_total") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
