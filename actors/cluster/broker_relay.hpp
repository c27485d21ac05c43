#pragma once

#include "messages/actor_types.hpp"

namespace tradeflow {

/// A worker node's broker actor when the broker is the cluster's shared
/// paper venue on the coordinator: every request is delegated there, so
/// answers (and their latency) are the venue's, and the node's workers and
/// refresher keep their own timeouts. With a real broker, a node runs a
/// `broker_submitter` over its own adapter (connection) instead.
broker_actor::behavior_type broker_relay(broker_actor::pointer self,
                                         broker_actor venue);

} // namespace tradeflow
