// Fencing epochs outside the entry writes (ENGINE.md 3.3): a new holder
// fences when it starts, and a holder's status updates record its epoch in
// their own transaction, so a holder that lost its lock can change nothing.
#include "storage/soci_binds.hpp"
#include "storage/soci_queries.hpp"

namespace tradeflow::storage::db {

bool fence(soci::session& sql, const std::string& lock_key, int64_t epoch) {
  soci::transaction tr(sql);
  auto ok = record_epoch(sql, lock_key, epoch);
  tr.commit();
  return ok;
}

caf::optional<uint64_t>
update_orders_fenced(soci::session& sql, const std::string& lock_key,
                     int64_t epoch, const std::vector<order_update>& xs) {
  soci::transaction tr(sql);
  if (!record_epoch(sql, lock_key, epoch)) {
    tr.rollback();
    return caf::none;
  }
  uint64_t changed = 0;
  for (auto& x : xs)
    changed += update_order(sql, x) ? 1 : 0;
  tr.commit();
  return changed;
}

} // namespace tradeflow::storage::db
