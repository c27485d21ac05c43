#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "type_ids.hpp"

/// Typed protocols of the engine's actors (docs/architecture.md §2).
namespace tradeflow {

/// Risk management: pure sizing over the snapshot in the request.
using risk_actor = caf::typed_actor<
  caf::replies_to<size_atom, sizing_request>::with<sizing_result>>;

/// Broker submission: submit / status / cancel / prices / balance.
using broker_actor = caf::typed_actor<
  caf::replies_to<submit_atom, broker_order>::with<submit_reply>,
  caf::replies_to<order_states_atom, std::vector<broker_order>>::with<
    std::vector<broker_order_state>>,
  caf::replies_to<cancel_atom, broker_order>::with<bool>,
  caf::reacts_to<report_atom, execution_report>,
  caf::replies_to<price_atom, std::vector<std::string>>::with<price_quotes>,
  caf::replies_to<set_price_atom, price_quotes>::with<bool>,
  caf::replies_to<balance_atom>::with<double>,
  caf::replies_to<faults_atom, broker_faults>::with<bool>,
  caf::replies_to<setup_atom, venue_setup>::with<bool>,
  caf::reacts_to<deliver_atom, uint64_t>>;

/// Transaction store: the only code that touches the database.
using store_actor = caf::typed_actor<
  caf::replies_to<load_atom, run_load_request>::with<run_snapshot>,
  caf::replies_to<write_atom, write_request>::with<std::vector<write_result>>,
  caf::replies_to<write_atom, position_write_request>::with<
    std::vector<write_result>>,
  caf::replies_to<update_atom, std::vector<order_update>>::with<uint64_t>,
  caf::replies_to<fenced_update_atom, fenced_updates>::with<uint64_t>,
  caf::replies_to<open_orders_atom, refresh_scope>::with<std::vector<order>>,
  caf::replies_to<apply_atom, refresh_report>::with<sync_summary>,
  caf::replies_to<trigger_atom, refresh_scope>::with<std::vector<order>>,
  caf::replies_to<record_atom, run_record>::with<int64_t>,
  caf::replies_to<add_atom, recommendation_batch>::with<uint64_t>,
  caf::replies_to<seed_atom, scenario_seed>::with<bool>,
  caf::replies_to<dump_atom>::with<store_snapshot>,
  caf::replies_to<dump_atom, int64_t>::with<store_snapshot>,
  // Add or replace (an embedding host's data, docs/embedding.md §2.2).
  caf::replies_to<put_atom, ruleset>::with<bool>,
  caf::replies_to<put_atom, expert>::with<bool>>;

/// Refresher: refreshes order statuses of a scope from the broker (when
/// the bool is true), syncs transactions and releases waiting trigger
/// orders (docs/engine.md §2 steps 8-9, docs/engine-details.md §6.3,
/// §6.4).
using refresher_actor = caf::typed_actor<
  caf::replies_to<refresh_atom, refresh_scope, bool>::with<sync_summary>>;

/// Periodic refresh of every expert's orders in a running engine.
using ticker_actor = caf::typed_actor<caf::reacts_to<tick_atom>>;

/// Worker: one per (expert, use case); runs one pass per request.
using worker_actor = caf::typed_actor<
  caf::replies_to<process_atom, run_request>::with<run_result>,
  // Its own watchdog tick over runs waiting for the registry's answer.
  caf::reacts_to<expire_atom>>;

/// Supervisor: owns the lock registry and spawns workers on demand.
using supervisor_actor = caf::typed_actor<
  caf::replies_to<process_atom, run_request>::with<run_result>,
  caf::replies_to<acquire_atom, std::string, uint64_t, caf::timespan>::with<
    lock_grant>,
  caf::reacts_to<release_atom, std::string, uint64_t>,
  caf::reacts_to<cancel_atom, std::string, uint64_t>,
  caf::reacts_to<expire_atom>,
  caf::replies_to<status_atom>::with<registry_status>,
  caf::replies_to<key_status_atom, std::string>::with<key_status>,
  // Cluster: a worker node offers its agent (handle, stable name); clients
  // get the coordinator's store, broker (the paper venue) and refresher.
  caf::replies_to<join_atom, caf::actor, std::string>::with<uint64_t>,
  caf::replies_to<handles_atom>::with<std::vector<caf::actor>>>;

/// A worker node's agent: spawns (expert, use case) workers on its node for
/// the given supervisor and answers with the worker's handle. Handles cross
/// nodes untyped (typed handles have no type ID in CAF 0.17).
using node_actor = caf::typed_actor<
  caf::replies_to<place_atom, int64_t, use_case, caf::actor>::with<
    caf::actor>>;

/// Event bus: numbers the engine's events and hands them to each
/// subscriber through a bounded queue (docs/embedding.md §3). Subscribers
/// are untyped handles answering `event_batch` with `true` (typed handles
/// have no type ID in CAF 0.17); the answer is the subscription's id.
using event_bus_actor = caf::typed_actor<
  caf::reacts_to<publish_atom, std::vector<engine_event>>,
  caf::replies_to<subscribe_atom, caf::actor, uint64_t>::with<uint64_t>,
  caf::reacts_to<unsubscribe_atom, uint64_t>,
  // Answers once every subscriber acknowledged every event published
  // before this request.
  caf::replies_to<flush_atom>::with<bool>>;

} // namespace tradeflow
