#pragma once

#include <string>
#include <vector>

#include "messages/type_ids.hpp"

/// One value of each message type and of each type nested in one, with
/// every member set to something other than its default: optionals hold a
/// value, containers hold an element, enums and flags differ from the
/// default. `sample(tag<T>{})` has an overload for every type of the
/// type-ID block (messages/type_ids.hpp); a type added there without one
/// fails to compile tests/messages/round_trip_test.cpp.
namespace tradeflow::test {

template <class T>
struct tag {};

inline std::string sample(tag<std::string>) {
  return "AAPL";
}

/// A list of one element: what a vector adds is its length, the element
/// is the sample of its own type.
template <class T>
std::vector<T> sample(tag<std::vector<T>>) {
  return {sample(tag<T>{})};
}

// -- entities and rules (samples_entities.cpp) -------------------------------
use_case sample(tag<use_case>);
expert_settings sample(tag<expert_settings>);
expert sample(tag<expert>);
recommendation sample(tag<recommendation>);
transaction sample(tag<transaction>);
order sample(tag<order>);
ruleset sample(tag<ruleset>);

// -- runs, locks and the store protocol (samples_runs.cpp) ------------------
run_request sample(tag<run_request>);
recommendation_outcome sample(tag<recommendation_outcome>);
run_result sample(tag<run_result>);
lock_grant sample(tag<lock_grant>);
registry_status sample(tag<registry_status>);
key_status sample(tag<key_status>);
run_load_request sample(tag<run_load_request>);
run_snapshot sample(tag<run_snapshot>);
write_request sample(tag<write_request>);
write_result sample(tag<write_result>);
order_update sample(tag<order_update>);
position_write_request sample(tag<position_write_request>);
fenced_updates sample(tag<fenced_updates>);
refresh_scope sample(tag<refresh_scope>);
broker_order_state sample(tag<broker_order_state>);
refresh_report sample(tag<refresh_report>);
sync_summary sample(tag<sync_summary>);
run_record sample(tag<run_record>);
store_snapshot sample(tag<store_snapshot>);
recommendation_batch sample(tag<recommendation_batch>);

// -- risk, broker and cluster clients (samples_venue.cpp) --------------------
sizing_request sample(tag<sizing_request>);
sizing_result sample(tag<sizing_result>);
broker_order sample(tag<broker_order>);
submit_reply sample(tag<submit_reply>);
price_quotes sample(tag<price_quotes>);
broker_faults sample(tag<broker_faults>);
execution_report sample(tag<execution_report>);
cancel_request sample(tag<cancel_request>);
venue_setup sample(tag<venue_setup>);
scenario_seed sample(tag<scenario_seed>);
order_event sample(tag<order_event>);
transaction_event sample(tag<transaction_event>);
engine_event sample(tag<engine_event>);
event_batch sample(tag<event_batch>);

} // namespace tradeflow::test
