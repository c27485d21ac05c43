#pragma once

// Internal to storage/: the SQL text and bind buffers shared by the SOCI
// write paths (entries, position changes, seeding). Includes SOCI, so only
// storage .cpp files include it.

#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "messages/entities.hpp"
#include "messages/store.hpp"
#include "storage/soci_statements.hpp"

namespace tradeflow::storage::db {

// -- SQL ----------------------------------------------------------------------

inline const std::string k_txn_columns
  = "expert_id, symbol, side, quantity, open_price, close_price, take_profit,"
    " stop_loss, status, open_date, close_date, created_at, lock_epoch";
inline const std::string k_txn_values
  = ":expert_id, :symbol, :side, :quantity, :open_price, :close_price,"
    " :take_profit, :stop_loss, :status, :open_date, :close_date,"
    " :created_at, :lock_epoch";
inline const std::string k_insert_txn = "INSERT INTO transactions(" + k_txn_columns
                                 + ") VALUES(" + k_txn_values
                                 + ") RETURNING id";
inline const std::string k_insert_txn_with_id
  = "INSERT INTO transactions(id, " + k_txn_columns + ") VALUES(:id, "
    + k_txn_values + ")";
// Explicit ids do not move a PostgreSQL identity: move it past them.
inline const std::string k_pg_advance_txn_ids
  = "SELECT setval(pg_get_serial_sequence('transactions', 'id'),"
    " (SELECT MAX(id) FROM transactions))";
inline const std::string k_insert_order
  = "INSERT INTO orders(expert_id, recommendation_id, transaction_id, symbol,"
    " side, type, quantity, limit_price, stop_price, status, filled_qty,"
    " filled_avg_price, client_order_id, broker_order_id, depends_on_order,"
    " depends_order_status_trigger, reference_price, created_at, comment,"
    " role)"
    " VALUES(:expert_id, :recommendation_id, :transaction_id, :symbol, :side,"
    " :type, :quantity, :limit_price, :stop_price, :status, :filled_qty,"
    " :avg_price, :client_order_id, :broker_order_id, :depends_on_order,"
    " :trigger, :reference_price, :created_at, :comment, :role)"
    " RETURNING id";
// The fencing step of docs/engine.md §3.3: a newer epoch already recorded for
// the key is kept, and the re-select below then tells the write is stale.
inline const std::string k_record_epoch
  = "INSERT INTO lock_epochs(lock_key, epoch) VALUES(:key, :epoch)"
    " ON CONFLICT(lock_key) DO UPDATE SET epoch = excluded.epoch"
    " WHERE lock_epochs.epoch <= excluded.epoch";
inline const std::string k_select_epoch
  = "SELECT epoch FROM lock_epochs WHERE lock_key = :key";
inline const std::string k_update_order
  = "UPDATE orders SET status = :to,"
    " broker_order_id = COALESCE(:broker_order_id, broker_order_id),"
    " filled_qty = :filled_qty,"
    " filled_avg_price = COALESCE(:avg_price, filled_avg_price),"
    " quantity = COALESCE(:quantity, quantity),"
    " limit_price = COALESCE(:limit_price, limit_price),"
    " stop_price = COALESCE(:stop_price, stop_price),"
    " reference_price = CASE WHEN :sets_reference = 1"
    " THEN :reference_price ELSE reference_price END,"
    " comment = :comment WHERE id = :id AND status = :from";
inline const std::string k_update_txn
  = "UPDATE transactions SET status = :to, quantity = :quantity,"
    " open_price = :open_price, close_price = :close_price,"
    " take_profit = :take_profit, stop_loss = :stop_loss,"
    " open_date = :open_date, close_date = :close_date"
    " WHERE id = :id AND status = :from";
// -- bind buffers -------------------------------------------------------------

/// A value and its NULL indicator, bound together.
template <class T>
struct nullable {
  T value{};
  soci::indicator ind = soci::i_null;

  void set(const caf::optional<T>& x) {
    ind = x ? soci::i_ok : soci::i_null;
    value = x ? *x : T{};
  }
};

template <class T>
void bind(soci::statement& st, nullable<T>& x, const char* name) {
  st.exchange(soci::use(x.value, x.ind, name));
}

template <class T>
void bind(soci::statement& st, T& x, const char* name) {
  st.exchange(soci::use(x, name));
}

struct txn_params {
  int64_t id = 0, expert_id = 0, quantity = 0, created_at = 0, epoch = 0;
  std::string symbol, side, status;
  nullable<double> open_price, close_price, take_profit, stop_loss;
  nullable<int64_t> open_date, close_date;

  txn_params() = default;

  explicit txn_params(const transaction& x) {
    assign(x);
  }

  void assign(const transaction& x) {
    id = x.id;
    expert_id = x.expert_id;
    quantity = x.quantity;
    created_at = x.created_at_ms;
    epoch = x.lock_epoch;
    symbol = x.symbol;
    side = to_string(x.side);
    status = to_string(x.status);
    open_price.set(x.open_price);
    close_price.set(x.close_price);
    take_profit.set(x.take_profit);
    stop_loss.set(x.stop_loss);
    open_date.set(x.open_date_ms);
    close_date.set(x.close_date_ms);
  }

  void bind_insert(soci::statement& st) {
    bind(st, expert_id, "expert_id");
    bind(st, symbol, "symbol");
    bind(st, side, "side");
    bind(st, quantity, "quantity");
    bind(st, open_price, "open_price");
    bind(st, close_price, "close_price");
    bind(st, take_profit, "take_profit");
    bind(st, stop_loss, "stop_loss");
    bind(st, status, "status");
    bind(st, open_date, "open_date");
    bind(st, close_date, "close_date");
    bind(st, created_at, "created_at");
    bind(st, epoch, "lock_epoch");
  }
};

struct order_params {
  int64_t expert_id = 0, transaction_id = 0, quantity = 0, filled_qty = 0,
          created_at = 0;
  std::string symbol, side, type, role, status, client_order_id, comment;
  nullable<int64_t> recommendation_id, depends_on_order;
  nullable<double> limit_price, stop_price, avg_price, reference_price;
  nullable<std::string> broker_order_id, trigger;

  void assign(const order& x) {
    expert_id = x.expert_id;
    transaction_id = x.transaction_id;
    quantity = x.quantity;
    filled_qty = x.filled_qty;
    created_at = x.created_at_ms;
    symbol = x.symbol;
    side = to_string(x.side);
    type = to_string(x.type);
    role = to_string(x.role);
    status = to_string(x.status);
    client_order_id = x.client_order_id;
    comment = x.comment;
    recommendation_id.set(x.recommendation_id);
    depends_on_order.set(x.depends_on_order);
    limit_price.set(x.limit_price);
    stop_price.set(x.stop_price);
    avg_price.set(x.filled_avg_price);
    reference_price.set(x.reference_price);
    broker_order_id.set(x.broker_order_id);
    trigger.set(caf::none);
    if (x.depends_order_status_trigger)
      trigger.set(to_string(*x.depends_order_status_trigger));
  }

  void bind_insert(soci::statement& st) {
    bind(st, expert_id, "expert_id");
    bind(st, recommendation_id, "recommendation_id");
    bind(st, transaction_id, "transaction_id");
    bind(st, symbol, "symbol");
    bind(st, side, "side");
    bind(st, type, "type");
    bind(st, quantity, "quantity");
    bind(st, limit_price, "limit_price");
    bind(st, stop_price, "stop_price");
    bind(st, status, "status");
    bind(st, filled_qty, "filled_qty");
    bind(st, avg_price, "avg_price");
    bind(st, client_order_id, "client_order_id");
    bind(st, broker_order_id, "broker_order_id");
    bind(st, depends_on_order, "depends_on_order");
    bind(st, trigger, "trigger");
    bind(st, reference_price, "reference_price");
    bind(st, created_at, "created_at");
    bind(st, comment, "comment");
    bind(st, role, "role");
  }
};

// -- unique violations -------------------------------------------------------

inline bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

// SQLite reports every constraint as 19 (SQLITE_CONSTRAINT, maybe extended)
// with category `unknown`; PostgreSQL has sqlstate 23505 for unique ones.
inline bool is_unique_violation(const soci::soci_error& e) {
  if (auto lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e))
    return (lite->result() & 0xff) == 19
           && contains(e.get_error_message(), "UNIQUE");
  if (auto pg = dynamic_cast<const soci::postgresql_soci_error*>(&e))
    return pg->sqlstate() == "23505";
  return false;
}

// Names the constraint from the message: SQLite lists the columns
// (`orders.client_order_id`), PostgreSQL the index name.
inline std::string unique_reason(const soci::soci_error& e) {
  auto msg = e.get_error_message();
  if (contains(msg, "client_order_id"))
    return "duplicate client_order_id (orders.client_order_id)";
  if (contains(msg, "transactions"))
    return "open position exists (transactions_open_position)";
  return "unique violation: " + msg;
}

/// Runs a fenced write (`fn` returns its `entry_outcome`); a unique
/// violation, which rolled the write back, becomes `duplicate` with the
/// constraint named. Other errors propagate.
template <class Outcome, class F>
Outcome unique_as_duplicate(statement_cache& db, F fn) {
  try {
    return fn();
  } catch (const soci::soci_error& e) {
    if (!is_unique_violation(e))
      throw;
    // The failed statement must not be executed again (see `clear`).
    db.clear();
    Outcome out;
    out.status = write_status::duplicate;
    out.reason = unique_reason(e);
    return out;
  }
}

} // namespace tradeflow::storage::db
