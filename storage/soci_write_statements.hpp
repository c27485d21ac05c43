#pragma once

// Internal to storage/: the cached statements of the write paths (entries,
// position changes) and the epoch fence they share. Includes SOCI, so only
// storage .cpp files include it.

#include <cstdint>
#include <string>

#include "storage/soci_binds.hpp"
#include "storage/soci_statements.hpp"

namespace tradeflow::storage::db {

/// INSERT INTO transactions ... RETURNING id.
struct txn_insert {
  txn_params params;
  int64_t id = 0;

  void bind(soci::statement& st) {
    params.bind_insert(st);
    st.exchange(soci::into(id));
  }
};

/// INSERT INTO orders ... RETURNING id.
struct order_insert {
  order_params params;
  int64_t id = 0;

  void bind(soci::statement& st) {
    params.bind_insert(st);
    st.exchange(soci::into(id));
  }
};

/// The lock_epochs upsert.
struct epoch_upsert {
  std::string key;
  int64_t epoch = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::use(key, "key"));
    st.exchange(soci::use(epoch, "epoch"));
  }
};

/// The recorded epoch of one key.
struct epoch_select {
  std::string key;
  int64_t recorded = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::use(key, "key"));
    st.exchange(soci::into(recorded));
  }
};

/// Inserts `o` with the cached order insert; the new id.
inline int64_t insert_order(statement_cache& db, const order& o) {
  auto& ins = db.get<order_insert>(k_insert_order);
  ins.buf.params.assign(o);
  execute_one(ins.st);
  return ins.buf.id;
}

/// Records `epoch` for `lock_key` unless a newer one is recorded; true when
/// the write may go on (docs/engine.md §3.3). Runs inside the caller's database
/// transaction.
inline bool record_epoch(statement_cache& db, const std::string& lock_key,
                         int64_t epoch) {
  auto& up = db.get<epoch_upsert>(k_record_epoch);
  up.buf.key = lock_key;
  up.buf.epoch = epoch;
  up.st.execute(true);
  auto& sel = db.get<epoch_select>(k_select_epoch);
  sel.buf.key = lock_key;
  sel.buf.recorded = 0;
  execute_one(sel.st);
  return sel.buf.recorded == epoch;
}

} // namespace tradeflow::storage::db
