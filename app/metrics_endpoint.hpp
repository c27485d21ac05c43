#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <caf/expected.hpp>

namespace prometheus {
class Exposer;
} // namespace prometheus

/// `tradeflow node --metrics HOST:PORT`: the node's metrics over HTTP
/// (docs/metrics.md).
namespace tradeflow {

class engine_metrics;

/// A registry with the engine's families, served on `/metrics` by
/// prometheus-cpp's Exposer (civetweb threads of its own).
class metrics_endpoint {
public:
  /// Checks `where` (HOST:PORT or [IPV6]:PORT, port 1..65535) and binds
  /// it. Errors are `ec::invalid_input` naming `--metrics`: a malformed
  /// value or a port that cannot be bound (exit code 2 for the user).
  /// Call it after the process blocked its stop signals: civetweb's
  /// threads inherit the mask (app/node.cpp).
  static caf::expected<std::unique_ptr<metrics_endpoint>>
  serve(const std::string& where);

  ~metrics_endpoint();

  /// The metrics to hand to the engine (run_settings::metrics). They keep
  /// the registry alive, so actors that outlive this endpoint stay safe.
  const std::shared_ptr<engine_metrics>& metrics() const {
    return metrics_;
  }

  /// The `HOST:PORT` actually bound.
  const std::string& bound() const {
    return bound_;
  }

private:
  metrics_endpoint() = default;

  std::shared_ptr<engine_metrics> metrics_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string bound_;
};

} // namespace tradeflow
