#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <caf/timespan.hpp>

#include "messages/enums.hpp"

// Forward declarations: callers (every actor's settings) do not pay for
// prometheus-cpp's headers; only metrics.cpp includes them.
namespace prometheus {
class Registry;
class Counter;
class Gauge;
class Histogram;
} // namespace prometheus

/// The engine's Prometheus metrics (docs/metrics.md).
namespace tradeflow {

/// Registers the engine's families in a registry the caller owns (a host's
/// own, or the one a node serves on `--metrics`) and updates them. Every
/// labelled child is created here, once: a hot-path call is one atomic
/// operation on a cached child, with no label lookup (a Family::Add is a
/// map lookup under a mutex). No label names an expert: there can be
/// 100,000 of them.
///
/// Thread-safe: actors on any scheduler thread call it at once. The
/// registry must outlive this object, and this object every actor that
/// holds it (run_settings::metrics).
class engine_metrics {
public:
  /// What happened to an order, as `tradeflow_orders_total{event}` counts.
  enum class order_kind : uint8_t {
    submitted,
    filled,
    canceled,
    rejected,
    unanswered
  };

  explicit engine_metrics(prometheus::Registry& registry);

  engine_metrics(const engine_metrics&) = delete;
  engine_metrics& operator=(const engine_metrics&) = delete;

  /// A run answered with a result: `runs_total{use_case,status}`.
  void run_finished(use_case uc, run_status status);
  /// A run answered with an error instead of a result (its worker ended,
  /// it could not be placed): `runs_total{use_case,status="failed"}`.
  void run_failed(use_case uc);
  /// One recommendation's outcome in a run result.
  void recommendation_decided(outcome x);
  /// A lock granted `waited` after the run's acquire.
  void lock_waited(caf::timespan waited);
  void order_event(order_kind x);
  /// One call of the broker adapter took `took`.
  void broker_request(caf::timespan took);
  /// A store request or write refused because a newer lock holder exists.
  void stale_epoch();

  void set_locks_held(size_t n);
  void set_runs_in_flight(size_t n);
  void set_runs_queued(size_t n);
  void set_workers(size_t n);

  /// The label value of the status slot for runs answered with an error.
  static constexpr const char* failed_status = "failed";

private:
  static constexpr size_t use_cases = 2;
  /// One slot per run_status value, then one for `failed`.
  static constexpr size_t statuses
    = static_cast<size_t>(run_status::guard_no_ruleset) + 2;
  static constexpr size_t outcomes = static_cast<size_t>(outcome::error) + 1;
  static constexpr size_t order_kinds
    = static_cast<size_t>(order_kind::unanswered) + 1;

  std::array<std::array<prometheus::Counter*, statuses>, use_cases> runs_{};
  std::array<prometheus::Counter*, outcomes> outcomes_{};
  std::array<prometheus::Counter*, order_kinds> orders_{};
  prometheus::Histogram* lock_wait_ = nullptr;
  prometheus::Histogram* broker_request_ = nullptr;
  prometheus::Counter* stale_epoch_ = nullptr;
  prometheus::Gauge* locks_held_ = nullptr;
  prometheus::Gauge* runs_in_flight_ = nullptr;
  prometheus::Gauge* runs_queued_ = nullptr;
  prometheus::Gauge* workers_ = nullptr;
};

} // namespace tradeflow
