#include "storage/soci_transaction_store.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "messages/error.hpp"
#include "storage/schema.hpp"
#include "storage/soci_queries.hpp"
#include "storage/soci_session.hpp"
#include "storage/soci_store_impl.hpp"
#include "storage/soci_statements.hpp"
#include "storage/store_url.hpp"

namespace tradeflow::storage {

namespace {

using soci_detail::failure;
using soci_detail::message_of;
using cache_ref = db::statement_cache&;

template <class F>
caf::error run_void(soci_transaction_store::impl& self, const char* op, F f) {
  auto result = self.run<bool>(op, [&](cache_ref c) {
    f(c);
    return true;
  });
  return result ? caf::error{} : std::move(result.error());
}

template <class T, class F>
caf::expected<T> guarded(const char* op, F f) {
  try {
    return f();
  } catch (const soci::soci_error& e) {
    return failure(ec::storage_failure, op, message_of(e));
  } catch (const std::exception& e) {
    return failure(ec::storage_failure, op, e.what());
  }
}

} // namespace

soci_transaction_store::soci_transaction_store(std::unique_ptr<impl> ptr)
  : impl_(std::move(ptr)) {
  // nop
}

soci_transaction_store::~soci_transaction_store() = default;

caf::expected<std::unique_ptr<soci_transaction_store>>
soci_transaction_store::open(const std::string& url) {
  auto where = parse_url(url);
  if (!where)
    return std::move(where.error());
  using result = std::unique_ptr<soci_transaction_store>;
  caf::error refused;
  auto opened = guarded<result>("open", [&]() -> result {
    const soci::backend_factory& backend
      = where->postgres ? static_cast<const soci::backend_factory&>(
          soci::postgresql)
                        : soci::sqlite3;
    auto ptr = std::make_unique<impl>(backend, *where);
    auto& sql = ptr->sql;
    db::prepare_session(sql, *where);
    // Nothing is written (not even the journal mode) to a database that
    // is not ours.
    if ((refused = db::check_ours(sql, where->postgres)))
      return nullptr;
    std::string journal = "n/a";
    if (!where->postgres && !where->memory)
      journal = db::enable_wal(sql);
    if (auto log = component_logger("store"))
      log->info("store opened backend={} journal_mode={}",
                sql.get_backend_name(), journal);
    return std::make_unique<soci_transaction_store>(std::move(ptr));
  });
  if (refused)
    return refused;
  return opened;
}

std::string soci_transaction_store::backend_name() const {
  return impl_->sql.get_backend_name();
}

size_t soci_transaction_store::cached_statements() const {
  return impl_->cache.size();
}

caf::expected<int> soci_transaction_store::migrate() {
  return migrate_schema(impl_->sql);
}

caf::expected<bool> soci_transaction_store::is_fresh() {
  return impl_->run<bool>("is_fresh",
                          [&](cache_ref c) { return db::is_fresh(c.sql()); });
}

caf::expected<int64_t> soci_transaction_store::max_epoch() {
  return impl_->run<int64_t>(
    "max_epoch", [&](cache_ref c) { return db::max_epoch(c.sql()); });
}

caf::error soci_transaction_store::put_ruleset(const ruleset& x) {
  return run_void(*impl_, "put_ruleset",
                  [&](cache_ref c) { db::put_ruleset(c.sql(), x); });
}

caf::error soci_transaction_store::put_expert(const expert& x) {
  return run_void(*impl_, "put_expert",
                  [&](cache_ref c) { db::put_expert(c.sql(), x); });
}

caf::error soci_transaction_store::put_recommendations(
  const std::vector<recommendation>& xs) {
  return run_void(*impl_, "put_recommendations",
                  [&](cache_ref c) { db::put_recommendations(c, xs); });
}

caf::error soci_transaction_store::put_transaction(const transaction& x) {
  return run_void(*impl_, "put_transaction",
                  [&](cache_ref c) { db::put_transaction(c.sql(), x); });
}

caf::error
soci_transaction_store::seed_fresh(const std::function<caf::error()>& f) {
  if (impl_->cache.depth > 0)
    return make_error(ec::storage_failure,
                      "seed_fresh: called inside a database transaction");
  auto postgres = impl_->where.postgres;
  caf::error seeded;
  auto done = impl_->run<bool>("seed_fresh", [&](cache_ref c) {
    seeded = caf::none; // a retry after a reconnect starts over
    if (!db::begin_seeding(c.sql(), postgres)) {
      seeded = make_error(ec::invalid_input,
                          "must name a fresh database (another process is "
                          "loading it)");
      return false;
    }
    // The open transaction is the outer scope: the writes of `f` nest in
    // it, and nothing of them stands unless all of them commit.
    db::tx_scope tr(c, db::tx_scope::already_open);
    if (!db::is_fresh(c.sql())) {
      seeded = make_fresh_error();
      return false;
    }
    if ((seeded = f()))
      return false;
    tr.commit();
    return true;
  });
  if (!done)
    return std::move(done.error());
  return seeded;
}

// The methods below run on the statement cache: their statements are
// prepared once per session.

caf::expected<caf::optional<expert>>
soci_transaction_store::load_expert(int64_t id) {
  return impl_->run<caf::optional<expert>>(
    "load_expert", [&](cache_ref c) { return db::load_expert(c, id); });
}

caf::expected<caf::optional<ruleset>>
soci_transaction_store::load_ruleset(int64_t id) {
  return impl_->run<caf::optional<ruleset>>(
    "load_ruleset", [&](cache_ref c) { return db::load_ruleset(c, id); });
}

caf::expected<std::vector<recommendation>>
soci_transaction_store::recommendations_since(int64_t expert_id,
                                              int64_t since_ms) {
  return impl_->run<std::vector<recommendation>>(
    "recommendations_since", [&](cache_ref c) {
      return db::recommendations_since(c, expert_id, since_ms);
    });
}

caf::expected<caf::optional<rec_action>>
soci_transaction_store::previous_action(int64_t expert_id,
                                        const std::string& symbol,
                                        int64_t created_at_ms, int64_t id) {
  return impl_->run<caf::optional<rec_action>>(
    "previous_action", [&](cache_ref c) {
      return db::previous_action(c, expert_id, symbol, created_at_ms, id);
    });
}

caf::expected<std::vector<transaction>>
soci_transaction_store::live_transactions(
  int64_t expert_id, const std::vector<std::string>& symbols) {
  return impl_->run<std::vector<transaction>>(
    "live_transactions", [&](cache_ref c) {
      return db::live_transactions(c, expert_id, symbols);
    });
}

caf::expected<entry_outcome>
soci_transaction_store::write_entry(const std::string& lock_key,
                                    int64_t epoch, const entry_write& x) {
  return impl_->run<entry_outcome>("write_entry", [&](cache_ref c) {
    return db::write_entry(c, lock_key, epoch, x);
  });
}

caf::expected<entry_outcome>
soci_transaction_store::write_position_change(const std::string& lock_key,
                                              int64_t epoch,
                                              const position_change& x) {
  return impl_->run<entry_outcome>("write_position_change", [&](cache_ref c) {
    return db::write_position_change(c, lock_key, epoch, x);
  });
}

caf::expected<bool>
soci_transaction_store::update_order(const order_update& x) {
  return impl_->run<bool>("update_order",
                          [&](cache_ref c) { return db::update_order(c, x); });
}

caf::expected<std::vector<bool>>
soci_transaction_store::update_orders(const std::vector<order_update>& xs) {
  auto batch = impl_->run<std::vector<bool>>(
    "update_orders", [&](cache_ref c) { return db::update_orders(c, xs); });
  if (batch)
    return batch;
  // The batch rolled back as a whole; one call per update keeps those
  // before a failing one, as the interface promises.
  return transaction_store::update_orders(xs);
}

caf::error
soci_transaction_store::grouped(const std::function<caf::error()>& f) {
  if (impl_->cache.depth > 0)
    return f(); // already inside a group: its transaction covers `f`
  auto committed = impl_->run<bool>("grouped", [&](cache_ref c) {
    db::tx_scope tr(c);
    if (f())
      return false; // the scope rolls back
    tr.commit();
    return true;
  });
  if (committed && *committed)
    return caf::none;
  // Nothing of the grouped run stands: one commit per call again, so that
  // the calls before a failing one stay applied as the interface promises.
  return f();
}

caf::expected<bool> soci_transaction_store::fence(const std::string& lock_key,
                                                  int64_t epoch) {
  return impl_->run<bool>("fence", [&](cache_ref c) {
    return db::fence(c, lock_key, epoch);
  });
}

caf::expected<caf::optional<uint64_t>>
soci_transaction_store::update_orders_fenced(
  const std::string& lock_key, int64_t epoch,
  const std::vector<order_update>& xs) {
  return impl_->run<caf::optional<uint64_t>>(
    "update_orders_fenced", [&](cache_ref c) {
      return db::update_orders_fenced(c, lock_key, epoch, xs);
    });
}

caf::expected<bool>
soci_transaction_store::update_transaction(const transaction& x,
                                           txn_status from) {
  return impl_->run<bool>("update_transaction", [&](cache_ref c) {
    return db::update_transaction(c, x, from);
  });
}

caf::expected<std::vector<order>>
soci_transaction_store::orders_to_refresh(const refresh_scope& scope) {
  return impl_->run<std::vector<order>>(
    "orders_to_refresh",
    [&](cache_ref c) { return db::orders_to_refresh(c, scope); });
}

caf::expected<std::vector<order>>
soci_transaction_store::waiting_trigger_orders(const refresh_scope& scope) {
  return impl_->run<std::vector<order>>(
    "waiting_trigger_orders",
    [&](cache_ref c) { return db::waiting_trigger_orders(c, scope); });
}

caf::expected<std::vector<order>> soci_transaction_store::orders_by_client_id(
  const std::vector<std::string>& ids) {
  return impl_->run<std::vector<order>>(
    "orders_by_client_id",
    [&](cache_ref c) { return db::orders_by_client_id(c, ids); });
}

caf::expected<caf::optional<order>>
soci_transaction_store::order_by_id(int64_t id) {
  return impl_->run<caf::optional<order>>(
    "order_by_id", [&](cache_ref c) { return db::order_by_id(c, id); });
}

caf::expected<std::vector<std::pair<transaction, std::vector<order>>>>
soci_transaction_store::transactions_to_sync(const refresh_scope& scope) {
  using result = std::vector<std::pair<transaction, std::vector<order>>>;
  return impl_->run<result>("transactions_to_sync", [&](cache_ref c) {
    return db::transactions_to_sync(c, scope);
  });
}

caf::expected<int64_t> soci_transaction_store::record_run(const run_record& x) {
  return impl_->run<int64_t>("record_run",
                             [&](cache_ref c) { return db::record_run(c, x); });
}

caf::expected<store_snapshot> soci_transaction_store::snapshot() {
  return impl_->run<store_snapshot>(
    "snapshot", [&](cache_ref c) { return db::snapshot(c); });
}

caf::expected<store_snapshot>
soci_transaction_store::expert_snapshot(int64_t expert_id) {
  return impl_->run<store_snapshot>("expert_snapshot", [&](cache_ref c) {
    return db::expert_snapshot(c, expert_id);
  });
}

caf::expected<std::vector<recommendation_outcome>>
soci_transaction_store::run_outcomes(int64_t run_id) {
  return impl_->run<std::vector<recommendation_outcome>>(
    "run_outcomes", [&](cache_ref c) { return db::run_outcomes(c.sql(), run_id); });
}

caf::error soci_transaction_store::simulate_fault(int64_t max_pages,
                                                  bool read_only) {
  // Far above any test's needs, below SQLite's own ceiling.
  constexpr int64_t no_cap = 1073741823;
  return run_void(*impl_, "simulate_fault", [&](cache_ref c) {
    auto pages = std::to_string(max_pages > 0 ? max_pages : no_cap);
    c.sql() << "PRAGMA max_page_count = " + pages;
    c.sql() << std::string{"PRAGMA query_only = "} + (read_only ? "1" : "0");
  });
}

void soci_transaction_store::drop_connection() {
  impl_->cache.clear();
  impl_->sql.close();
}

caf::expected<std::unique_ptr<transaction_store>>
open_store(const std::string& url) {
  auto store = soci_transaction_store::open(url);
  if (!store)
    return std::move(store.error());
  return std::unique_ptr<transaction_store>{std::move(*store)};
}

} // namespace tradeflow::storage
