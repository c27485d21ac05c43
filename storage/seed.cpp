#include "storage/seed.hpp"

#include "messages/error.hpp"

namespace tradeflow::storage {

caf::error seed_store(transaction_store& db, const scenario_seed& x) {
  for (auto& rs : x.rulesets)
    if (auto err = db.put_ruleset(rs))
      return err;
  for (auto& e : x.experts)
    if (auto err = db.put_expert(e))
      return err;
  if (auto err = db.put_recommendations(x.recommendations))
    return err;
  for (auto& t : x.transactions)
    if (auto err = db.put_transaction(t))
      return err;
  return caf::none;
}

caf::error make_fresh_error() {
  return make_error(ec::invalid_input,
                    "must name a fresh database (it holds data)");
}

caf::error seed_fresh_store(transaction_store& db, const scenario_seed& x) {
  return db.seed_fresh([&] { return seed_store(db, x); });
}

} // namespace tradeflow::storage
