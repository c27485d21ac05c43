// Fencing epochs outside the entry writes (docs/engine.md §3.3): a new holder
// fences when it starts, and a holder's status updates record its epoch in
// their own transaction, so a holder that lost its lock can change nothing.
#include "storage/soci_queries.hpp"
#include "storage/soci_write_statements.hpp"

namespace tradeflow::storage::db {

bool fence(statement_cache& db, const std::string& lock_key, int64_t epoch) {
  tx_scope tr(db);
  auto ok = record_epoch(db, lock_key, epoch);
  tr.commit();
  return ok;
}

caf::optional<uint64_t>
update_orders_fenced(statement_cache& db, const std::string& lock_key,
                     int64_t epoch, const std::vector<order_update>& xs) {
  tx_scope tr(db);
  if (!record_epoch(db, lock_key, epoch))
    return caf::none; // the scope rolls back
  uint64_t changed = 0;
  for (auto& x : xs)
    changed += update_order(db, x) ? 1 : 0;
  tr.commit();
  return changed;
}

} // namespace tradeflow::storage::db
