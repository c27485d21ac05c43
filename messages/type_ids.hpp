#pragma once

#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/type_id.hpp>

#include "broker.hpp"
#include "cluster.hpp"
#include "entities.hpp"
#include "events.hpp"
#include "lock.hpp"
#include "risk.hpp"
#include "rules.hpp"
#include "run.hpp"
#include "store.hpp"
#include "venue.hpp"

// The one type-ID block of the engine: every message type, so that every
// message can cross a node boundary (CAF io middleman).
CAF_BEGIN_TYPE_ID_BLOCK(tradeflow, caf::first_custom_type_id)

  // -- domain enums and entities ---------------------------------------------
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::use_case))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::expert))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::expert_settings))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::recommendation))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::transaction))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::order))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::ruleset))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<std::string>) )
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::transaction>) )
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::order>) )

  // -- runs and locks ----------------------------------------------------------
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::run_request))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::run_result))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::lock_grant))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::registry_status))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::key_status))

  // -- store protocol ----------------------------------------------------------
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::run_load_request))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::run_snapshot))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::write_request))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::write_result>) )
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::position_write_request))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::order_update>) )
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::fenced_updates))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::refresh_scope))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::refresh_report))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::sync_summary))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::run_record))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::store_snapshot))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::recommendation_batch))

  // -- risk and broker ---------------------------------------------------------
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::sizing_request))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::sizing_result))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::broker_order))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::submit_reply))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::broker_order_state>) )
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::price_quotes))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::broker_faults))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::execution_report))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::cancel_request))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::broker_order>) )

  // -- cluster clients ---------------------------------------------------------
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::venue_setup))
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::scenario_seed))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::ruleset>) )
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::expert>) )
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::recommendation>) )
  // -- events to the host ------------------------------------------------------
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::engine_event))
  CAF_ADD_TYPE_ID(tradeflow, (std::vector<tradeflow::engine_event>) )
  CAF_ADD_TYPE_ID(tradeflow, (tradeflow::event_batch))
CAF_END_TYPE_ID_BLOCK(tradeflow)

// Atoms, grouped by recipient. Text is at most 10 characters.
// -- supervisor
CAF_ADD_ATOM(tradeflow, tradeflow, process_atom, "process")
CAF_ADD_ATOM(tradeflow, tradeflow, acquire_atom, "acquire")
CAF_ADD_ATOM(tradeflow, tradeflow, release_atom, "release")
CAF_ADD_ATOM(tradeflow, tradeflow, cancel_atom, "cancel")
CAF_ADD_ATOM(tradeflow, tradeflow, expire_atom, "expire")
CAF_ADD_ATOM(tradeflow, tradeflow, status_atom, "status")
CAF_ADD_ATOM(tradeflow, tradeflow, key_status_atom, "keystatus")
CAF_ADD_ATOM(tradeflow, tradeflow, order_states_atom, "ordstates")
// -- store
CAF_ADD_ATOM(tradeflow, tradeflow, load_atom, "load")
CAF_ADD_ATOM(tradeflow, tradeflow, write_atom, "write")
CAF_ADD_ATOM(tradeflow, tradeflow, update_atom, "update")
CAF_ADD_ATOM(tradeflow, tradeflow, refresh_atom, "refresh")
CAF_ADD_ATOM(tradeflow, tradeflow, open_orders_atom, "openorders")
CAF_ADD_ATOM(tradeflow, tradeflow, fenced_update_atom, "fupdate")
CAF_ADD_ATOM(tradeflow, tradeflow, apply_atom, "apply")
CAF_ADD_ATOM(tradeflow, tradeflow, trigger_atom, "trigger")
CAF_ADD_ATOM(tradeflow, tradeflow, record_atom, "record")
CAF_ADD_ATOM(tradeflow, tradeflow, dump_atom, "dump")
CAF_ADD_ATOM(tradeflow, tradeflow, add_atom, "add")
CAF_ADD_ATOM(tradeflow, tradeflow, put_atom, "put")
// -- risk
CAF_ADD_ATOM(tradeflow, tradeflow, size_atom, "size")
// -- broker
CAF_ADD_ATOM(tradeflow, tradeflow, submit_atom, "submit")
CAF_ADD_ATOM(tradeflow, tradeflow, price_atom, "price")
CAF_ADD_ATOM(tradeflow, tradeflow, set_price_atom, "setprice")
CAF_ADD_ATOM(tradeflow, tradeflow, balance_atom, "balance")
CAF_ADD_ATOM(tradeflow, tradeflow, faults_atom, "faults")
CAF_ADD_ATOM(tradeflow, tradeflow, deliver_atom, "deliver")
CAF_ADD_ATOM(tradeflow, tradeflow, report_atom, "report")
// -- refresh ticker
CAF_ADD_ATOM(tradeflow, tradeflow, tick_atom, "tick")
// -- cluster: supervisor, node agents, clients
CAF_ADD_ATOM(tradeflow, tradeflow, join_atom, "join")
CAF_ADD_ATOM(tradeflow, tradeflow, place_atom, "place")
CAF_ADD_ATOM(tradeflow, tradeflow, handles_atom, "handles")
CAF_ADD_ATOM(tradeflow, tradeflow, seed_atom, "seed")
CAF_ADD_ATOM(tradeflow, tradeflow, setup_atom, "setup")
// -- event bus
CAF_ADD_ATOM(tradeflow, tradeflow, publish_atom, "publish")
CAF_ADD_ATOM(tradeflow, tradeflow, subscribe_atom, "subscribe")
CAF_ADD_ATOM(tradeflow, tradeflow, unsubscribe_atom, "unsubscr")
CAF_ADD_ATOM(tradeflow, tradeflow, flush_atom, "flush")

namespace caf {
class actor_system_config;
} // namespace caf

namespace tradeflow {

/// Registers every type of the block above with `cfg`. Compiled once, in
/// type_ids.cpp: the registration instantiates serialisation and
/// stringification for every type, about 3 s of compile time in each file
/// that would otherwise call `add_message_types<caf::id_block::tradeflow>`.
void add_message_types(caf::actor_system_config& cfg);

} // namespace tradeflow
