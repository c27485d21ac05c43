#pragma once

#include <cstdint>
#include <functional>
#include <caf/optional.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "messages/entities.hpp"
#include "messages/rules.hpp"
#include "messages/run.hpp"
#include "messages/store.hpp"
#include "storage/transaction_store.hpp"

namespace soci {
class session;
class statement;
} // namespace soci

namespace tradeflow::storage::db {
class statement_cache;
} // namespace tradeflow::storage::db

/// The SQL behind `soci_transaction_store`, internal to storage/. Each
/// function runs on the given session and throws `soci::soci_error` (or
/// another `std::exception`) on failure; the store turns exceptions into
/// `ec::storage_failure` errors. Times are epoch milliseconds. Functions
/// called per run or per order take the session's `statement_cache`
/// (soci_statements.hpp) and reuse its prepared statements.
namespace tradeflow::storage::db {

// -- helpers (soci_run_reads.cpp) ---------------------------------------------

/// Prepares `query` on a new statement after `bind` exchanged its intos and
/// uses, executes it and calls `each` once per fetched row.
void for_each_row(soci::session& sql, const std::string& query,
                  const std::function<void(soci::statement&)>& bind,
                  const std::function<void()>& each);

/// `x`, or a `std::runtime_error` naming `column` and the unknown `text`.
template <class T>
T parsed(caf::optional<T> x, const char* column, const std::string& text) {
  if (!x)
    throw std::runtime_error(std::string{"unknown value in "} + column + ": '"
                             + text + "'");
  return *x;
}

/// `value` when the column was not NULL.
template <class T>
caf::optional<T> unless_null(const T& value, bool is_null) {
  if (is_null)
    return caf::none;
  return value;
}

// -- reads (soci_run_reads.cpp, soci_order_reads.cpp) -------------------------

/// True when experts, rulesets, recommendations, transactions, orders and
/// runs are all empty.
bool is_fresh(soci::session& sql);

/// MAX(epoch) of lock_epochs, 0 when empty.
int64_t max_epoch(soci::session& sql);

/// The expert `id`, none when missing.
caf::optional<expert> load_expert(statement_cache& db, int64_t id);

/// The ruleset `id` parsed from its JSON definition, none when missing;
/// `ec::invalid_input` when the stored definition is malformed.
caf::expected<caf::optional<ruleset>> load_ruleset(statement_cache& db,
                                                    int64_t id);

/// The expert's recommendations with created_at >= `since_ms`, ordered by
/// (created_at, id).
std::vector<recommendation>
recommendations_since(statement_cache& db, int64_t expert_id, int64_t since_ms);

/// Action of the newest recommendation strictly older than (created_at, id).
caf::optional<rec_action> previous_action(statement_cache& db,
                                          int64_t expert_id,
                                          const std::string& symbol,
                                          int64_t created_at_ms, int64_t id);

/// The expert's WAITING/OPENED transactions (filtered by `symbols` when not
/// empty), ordered by id.
std::vector<transaction>
live_transactions(statement_cache& db, int64_t expert_id,
                  const std::vector<std::string>& symbols);

/// Orders of the scope in pending, open or partially_filled, by id.
std::vector<order> orders_to_refresh(statement_cache& db,
                                     const refresh_scope& scope);

/// Orders of the scope in waiting_trigger, by id.
std::vector<order> waiting_trigger_orders(statement_cache& db,
                                          const refresh_scope& scope);

/// Orders with one of the client ids, by id.
std::vector<order> orders_by_client_id(statement_cache& db,
                                       const std::vector<std::string>& ids);

/// One order by id, none when missing.
caf::optional<order> order_by_id(statement_cache& db, int64_t id);

/// Live (WAITING, OPENED, CLOSING) transactions of the scope with all
/// their orders, by transaction id then order id.
std::vector<std::pair<transaction, std::vector<order>>>
transactions_to_sync(statement_cache& db, const refresh_scope& scope);

/// Every transaction and order, by id.
store_snapshot snapshot(statement_cache& db);
store_snapshot expert_snapshot(statement_cache& db, int64_t expert_id);

/// The outcome rows of one run, by recommendation id.
std::vector<recommendation_outcome> run_outcomes(soci::session& sql,
                                                 int64_t run_id);

// -- writes (soci_writes.cpp, soci_seed_writes.cpp) --------------------------

/// Inserts or replaces a ruleset with its JSON definition.
void put_ruleset(soci::session& sql, const ruleset& x);

/// Inserts or replaces an expert with its settings and weights.
void put_expert(soci::session& sql, const expert& x);

/// Inserts recommendations in one database transaction.
/// Nests (as a savepoint) inside an open scope of `db`.
void put_recommendations(statement_cache& db,
                         const std::vector<recommendation>& xs);

/// Inserts a transaction with its id (an auto id when 0).
void put_transaction(soci::session& sql, const transaction& x);

/// The fenced entry write of `transaction_store::write_entry`; unique
/// violations give status `duplicate` instead of throwing.
entry_outcome write_entry(statement_cache& db, const std::string& lock_key,
                          int64_t epoch, const entry_write& x);

/// Compare-and-set of an order's status; true when one row changed.
bool update_order(statement_cache& db, const order_update& x);

/// `update_order` for each of `xs` in order, in one database transaction
/// (all or nothing); the result of each.
std::vector<bool> update_orders(statement_cache& db,
                                const std::vector<order_update>& xs);

/// Fencing (soci_fence.cpp): see transaction_store::fence and
/// transaction_store::update_orders_fenced.
bool fence(statement_cache& db, const std::string& lock_key, int64_t epoch);
caf::optional<uint64_t>
update_orders_fenced(statement_cache& db, const std::string& lock_key,
                     int64_t epoch, const std::vector<order_update>& xs);

/// The fenced open_positions write of
/// `transaction_store::write_position_change`.
entry_outcome write_position_change(statement_cache& db,
                                    const std::string& lock_key,
                                    int64_t epoch, const position_change& x);

/// Compare-and-set of a transaction's status and fields; true when one row
/// changed. A unique violation throws a `std::runtime_error` whose text
/// starts with "unique violation".
bool update_transaction(statement_cache& db, const transaction& x,
                        txn_status from);

/// Inserts a run and its outcomes in one database transaction; the run id.
int64_t record_run(statement_cache& db, const run_record& x);

} // namespace tradeflow::storage::db
