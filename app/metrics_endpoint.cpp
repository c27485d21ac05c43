#include "app/metrics_endpoint.hpp"

#include <exception>

#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include "actors/metrics.hpp"
#include "app/cluster.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

/// The registry and the metrics over it in one allocation, so that a
/// pointer to the metrics keeps its registry alive.
struct registry_and_metrics {
  prometheus::Registry registry;
  engine_metrics metrics{registry};
};

} // namespace

caf::expected<std::unique_ptr<metrics_endpoint>>
metrics_endpoint::serve(const std::string& where) {
  auto at = parse_endpoint(where, "--metrics", false);
  if (!at)
    return at.error();
  auto both = std::make_shared<registry_and_metrics>();
  std::unique_ptr<metrics_endpoint> out{new metrics_endpoint};
  out->metrics_ = std::shared_ptr<engine_metrics>(both, &both->metrics);
  auto address = host_text(*at) + ":" + std::to_string(at->port);
  try {
    // civetweb throws when it cannot bind (a port in use, an address not
    // of this machine).
    out->exposer_ = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception& e) {
    return make_error(ec::invalid_input, "--metrics: cannot serve on '"
                                           + address + "': " + e.what());
  }
  // The Exposer holds the registry weakly: the metrics own it.
  out->exposer_->RegisterCollectable(
    std::shared_ptr<prometheus::Registry>(both, &both->registry));
  out->bound_ = address;
  return out;
}

metrics_endpoint::~metrics_endpoint() = default;

} // namespace tradeflow
