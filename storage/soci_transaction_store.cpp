#include "storage/soci_transaction_store.hpp"

#include <exception>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "messages/error.hpp"
#include "storage/schema.hpp"
#include "storage/soci_queries.hpp"
#include "storage/soci_statements.hpp"
#include "storage/store_url.hpp"

namespace tradeflow::storage {

namespace {

const char* const k_pragma_wal = "PRAGMA journal_mode=WAL";
const char* const k_pragma_synchronous = "PRAGMA synchronous=NORMAL";
const char* const k_pragma_foreign_keys = "PRAGMA foreign_keys=ON";
const char* const k_pragma_busy_timeout = "PRAGMA busy_timeout=5000";
// Keeps PostgreSQL NOTICEs ("already exists, skipping") off stderr.
const char* const k_pg_quiet = "SET client_min_messages TO WARNING";

caf::error failure(const char* op, const std::string& what) {
  return make_error(ec::storage_failure, std::string{op} + ": " + what);
}

// Every store method runs its SQL through here: no exception escapes. A
// failure drops the cached statements (see `statement_cache::clear`).
template <class T, class F>
caf::expected<T> guarded(const char* op, F f,
                         db::statement_cache* cache = nullptr) {
  try {
    return f();
  } catch (const soci::soci_error& e) {
    if (cache)
      cache->clear();
    // get_error_message(), not what(): what() appends the bound values.
    return failure(op, e.get_error_message());
  } catch (const std::exception& e) {
    if (cache)
      cache->clear();
    return failure(op, e.what());
  } catch (...) {
    if (cache)
      cache->clear();
    return failure(op, "unknown exception");
  }
}

using cache_ref = db::statement_cache&;

template <class F>
caf::error guarded_void(const char* op, F f) {
  auto result = guarded<bool>(op, [&] {
    f();
    return true;
  });
  return result ? caf::error{} : std::move(result.error());
}

} // namespace

struct soci_transaction_store::impl {
  impl(const soci::backend_factory& backend, const std::string& connect)
    : sql(backend, connect), cache(sql) {
    // nop
  }

  /// Runs `f(cache)` for operation `op` (see `guarded`).
  template <class T, class F>
  caf::expected<T> run(const char* op, F f) {
    return guarded<T>(op, [&] { return f(cache); }, &cache);
  }

  soci::session sql;
  /// Declared after `sql`: the statements die before their session.
  db::statement_cache cache;
};

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
  return guarded<result>("open", [&] {
    const soci::backend_factory& backend
      = where->postgres ? static_cast<const soci::backend_factory&>(
          soci::postgresql)
                        : soci::sqlite3;
    auto ptr = std::make_unique<impl>(backend, where->connect);
    auto& sql = ptr->sql;
    std::string journal = "n/a";
    if (where->postgres) {
      sql << k_pg_quiet;
    } else {
      // WAL lets readers run beside the writer; NORMAL sync is safe with
      // WAL and avoids an fsync per commit; a busy writer is waited for.
      if (!where->memory)
        sql << k_pragma_wal, soci::into(journal);
      sql << k_pragma_synchronous;
      sql << k_pragma_foreign_keys;
      if (where->connect.find("timeout=") == std::string::npos)
        sql << k_pragma_busy_timeout;
    }
    if (auto log = spdlog::get("store"))
      log->info("store opened backend={} journal_mode={}",
                sql.get_backend_name(), journal);
    return std::make_unique<soci_transaction_store>(std::move(ptr));
  });
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
  return guarded<bool>("is_fresh", [&] { return db::is_fresh(impl_->sql); });
}

caf::expected<int64_t> soci_transaction_store::max_epoch() {
  return guarded<int64_t>("max_epoch",
                          [&] { return db::max_epoch(impl_->sql); });
}

caf::error soci_transaction_store::put_ruleset(const ruleset& x) {
  return guarded_void("put_ruleset", [&] { db::put_ruleset(impl_->sql, x); });
}

caf::error soci_transaction_store::put_expert(const expert& x) {
  return guarded_void("put_expert", [&] { db::put_expert(impl_->sql, x); });
}

caf::error soci_transaction_store::put_recommendations(
  const std::vector<recommendation>& xs) {
  return guarded_void("put_recommendations",
                      [&] { db::put_recommendations(impl_->sql, xs); });
}

caf::error soci_transaction_store::put_transaction(const transaction& x) {
  return guarded_void("put_transaction",
                      [&] { db::put_transaction(impl_->sql, x); });
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

caf::expected<std::vector<recommendation_outcome>>
soci_transaction_store::run_outcomes(int64_t run_id) {
  return guarded<std::vector<recommendation_outcome>>(
    "run_outcomes", [&] { return db::run_outcomes(impl_->sql, run_id); });
}

caf::expected<std::unique_ptr<transaction_store>>
open_store(const std::string& url) {
  auto store = soci_transaction_store::open(url);
  if (!store)
    return std::move(store.error());
  return std::unique_ptr<transaction_store>{std::move(*store)};
}

} // namespace tradeflow::storage
