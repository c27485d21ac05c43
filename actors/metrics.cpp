#include "actors/metrics.hpp"

#include <chrono>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace tradeflow {

namespace {

/// Lock waits: a grant is usually immediate (tens of microseconds through
/// the registry) and a run gives up at lock_wait, 0.5 s by default
/// (docs/engine.md §3.1); 1 s catches a longer configured wait.
const prometheus::Histogram::BucketBoundaries lock_wait_buckets{
  1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3,
  1e-2, 2.5e-2, 5e-2, 0.1,  0.25,   0.5,  1.0};

/// Broker adapter calls: the paper broker answers in microseconds, a real
/// venue in milliseconds to seconds (the broker timeout is 1 s by default).
const prometheus::Histogram::BucketBoundaries broker_buckets{
  1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 0.1, 0.25, 0.5, 1.0, 2.5};

const char* order_kind_name(engine_metrics::order_kind x) {
  switch (x) {
    case engine_metrics::order_kind::submitted:
      return "submitted";
    case engine_metrics::order_kind::filled:
      return "filled";
    case engine_metrics::order_kind::canceled:
      return "canceled";
    case engine_metrics::order_kind::rejected:
      return "rejected";
    case engine_metrics::order_kind::unanswered:
      return "unanswered";
  }
  return "unknown";
}

double seconds(caf::timespan x) {
  return std::chrono::duration<double>(x).count();
}

template <class Array, class Index>
auto* slot(const Array& xs, Index i) {
  auto n = static_cast<size_t>(i);
  // A value from another node's message could be out of range: dropped,
  // not read past the array.
  return n < xs.size() ? xs[n] : nullptr;
}

} // namespace

engine_metrics::engine_metrics(prometheus::Registry& registry) {
  auto& runs = prometheus::BuildCounter()
                 .Name("tradeflow_runs_total")
                 .Help("Runs answered, by use case and run status")
                 .Register(registry);
  for (size_t u = 0; u < use_cases; ++u) {
    auto uc = to_string(static_cast<use_case>(u));
    for (size_t s = 0; s + 1 < statuses; ++s)
      runs_[u][s] = &runs.Add(
        {{"use_case", uc}, {"status", to_string(static_cast<run_status>(s))}});
    runs_[u][statuses - 1]
      = &runs.Add({{"use_case", uc}, {"status", failed_status}});
  }
  auto& outcome_family
    = prometheus::BuildCounter()
        .Name("tradeflow_recommendation_outcomes_total")
        .Help("Recommendations looked at by runs, by outcome")
        .Register(registry);
  for (size_t i = 0; i < outcomes; ++i)
    outcomes_[i] = &outcome_family.Add(
      {{"outcome", to_string(static_cast<outcome>(i))}});
  auto& orders = prometheus::BuildCounter()
                   .Name("tradeflow_orders_total")
                   .Help("Order events: submitted to the broker, filled, "
                         "canceled, rejected, or unanswered (unknown outcome)")
                   .Register(registry);
  for (size_t i = 0; i < order_kinds; ++i)
    orders_[i]
      = &orders.Add({{"event", order_kind_name(static_cast<order_kind>(i))}});
  lock_wait_ = &prometheus::BuildHistogram()
                  .Name("tradeflow_lock_wait_seconds")
                  .Help("Time from a run's lock acquire to its grant")
                  .Register(registry)
                  .Add({}, lock_wait_buckets);
  broker_request_ = &prometheus::BuildHistogram()
                       .Name("tradeflow_broker_request_seconds")
                       .Help("Time of each broker adapter call")
                       .Register(registry)
                       .Add({}, broker_buckets);
  stale_epoch_ = &prometheus::BuildCounter()
                    .Name("tradeflow_stale_epoch_total")
                    .Help("Store requests and writes refused because a "
                          "newer lock holder exists")
                    .Register(registry)
                    .Add({});
  auto gauge = [&registry](const char* name, const char* help) {
    return &prometheus::BuildGauge().Name(name).Help(help).Register(registry)
              .Add({});
  };
  locks_held_ = gauge("tradeflow_locks_held", "Locks held in the registry");
  runs_in_flight_ = gauge("tradeflow_runs_in_flight",
                          "Runs admitted and not yet answered");
  runs_queued_ = gauge("tradeflow_runs_queued", "Runs waiting for admission");
  workers_ = gauge("tradeflow_workers", "Workers the supervisor knows");
}

void engine_metrics::run_finished(use_case uc, run_status status) {
  auto* per_uc = static_cast<size_t>(uc) < use_cases
                   ? &runs_[static_cast<size_t>(uc)]
                   : nullptr;
  // The last slot is `failed`, not a run_status.
  if (per_uc && static_cast<size_t>(status) + 1 < statuses)
    (*per_uc)[static_cast<size_t>(status)]->Increment();
}

void engine_metrics::run_failed(use_case uc) {
  if (static_cast<size_t>(uc) < use_cases)
    runs_[static_cast<size_t>(uc)][statuses - 1]->Increment();
}

void engine_metrics::recommendation_decided(outcome x) {
  if (auto* c = slot(outcomes_, x))
    c->Increment();
}

void engine_metrics::lock_waited(caf::timespan waited) {
  lock_wait_->Observe(seconds(waited));
}

void engine_metrics::order_event(order_kind x) {
  if (auto* c = slot(orders_, x))
    c->Increment();
}

void engine_metrics::broker_request(caf::timespan took) {
  broker_request_->Observe(seconds(took));
}

void engine_metrics::stale_epoch() {
  stale_epoch_->Increment();
}

void engine_metrics::set_locks_held(size_t n) {
  locks_held_->Set(static_cast<double>(n));
}

void engine_metrics::set_runs_in_flight(size_t n) {
  runs_in_flight_->Set(static_cast<double>(n));
}

void engine_metrics::set_runs_queued(size_t n) {
  runs_queued_->Set(static_cast<double>(n));
}

void engine_metrics::set_workers(size_t n) {
  workers_->Set(static_cast<double>(n));
}

} // namespace tradeflow
