#pragma once

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>

#include <soci/soci.h>

#include "messages/error.hpp"
#include "storage/component_log.hpp"
#include "storage/soci_session.hpp"
#include "storage/soci_statements.hpp"
#include "storage/soci_transaction_store.hpp"
#include "storage/store_url.hpp"

/// Internal to storage/: the session behind `soci_transaction_store`, and
/// how each of its operations meets a failing or lost database.
namespace tradeflow::storage {

namespace soci_detail {

using clock_type = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Waits between reconnect attempts once a connection is lost: doubling
// from the first to the cap, reset by a successful reconnect.
constexpr milliseconds k_first_backoff{100};
constexpr milliseconds k_max_backoff{2000};

inline caf::error failure(ec code, const char* op, const std::string& what) {
  return make_error(code, std::string{op} + ": " + what);
}

// The text of any exception (get_error_message(), not what(): what()
// appends the bound values).
inline std::string message_of(const soci::soci_error& e) {
  return e.get_error_message();
}

} // namespace soci_detail

/// The pimpl of `soci_transaction_store`.
struct soci_transaction_store::impl {
  using clock_type = soci_detail::clock_type;
  using milliseconds = soci_detail::milliseconds;

  impl(const soci::backend_factory& backend, store_target target)
    : where(std::move(target)),
      sql(backend, db::connect_string(where)),
      cache(sql) {
    // nop
  }

  /// Runs `f(cache)` for operation `op`: no exception escapes. A failure
  /// drops the cached statements (see `statement_cache::clear`). A lost
  /// connection is re-established (now, then with a bounded backoff) and
  /// an operation that ran outside any transaction is tried once more.
  template <class T, class F>
  caf::expected<T> run(const char* op, F f) {
    auto nested = cache.depth > 0;
    if (auto err = ready(op))
      return err;
    auto first = attempt<T>(op, f);
    if (first || !lost_ || nested)
      return first;
    if (auto err = reconnect(op))
      return err;
    return attempt<T>(op, f);
  }

  template <class T, class F>
  caf::expected<T> attempt(const char* op, F& f) {
    try {
      return f(cache);
    } catch (const soci::soci_error& e) {
      cache.clear();
      switch (db::classify(sql, e)) {
        case db::fault::connection_lost:
          lost_ = true;
          return soci_detail::failure(ec::storage_unavailable, op,
                         "connection lost: " + soci_detail::message_of(e));
        case db::fault::unavailable:
          return soci_detail::failure(ec::storage_unavailable, op, soci_detail::message_of(e));
        case db::fault::other:
          break;
      }
      return soci_detail::failure(ec::storage_failure, op, soci_detail::message_of(e));
    } catch (const std::exception& e) {
      cache.clear();
      return soci_detail::failure(ec::storage_failure, op, e.what());
    } catch (...) {
      cache.clear();
      return soci_detail::failure(ec::storage_failure, op, "unknown exception");
    }
  }

  /// None when the session is usable; after a lost connection, tries to
  /// reconnect unless the backoff says not yet.
  caf::error ready(const char* op) {
    if (!lost_)
      return caf::none;
    if (clock_type::now() < retry_at_)
      return soci_detail::failure(ec::storage_unavailable, op,
                     "database unreachable (reconnecting)");
    return reconnect(op);
  }

  caf::error reconnect(const char* op) {
    auto log = component_logger("store");
    try {
      cache.clear();
      cache.depth = 0;
      sql.reconnect();
      db::prepare_session(sql, where);
      lost_ = false;
      backoff_ = milliseconds{0};
      if (log)
        log->warn("store reconnected backend={}", sql.get_backend_name());
      return caf::none;
    } catch (const std::exception& e) {
      backoff_ = std::min(soci_detail::k_max_backoff,
                          std::max(soci_detail::k_first_backoff, backoff_ * 2));
      retry_at_ = clock_type::now() + backoff_;
      if (log)
        log->error("store reconnect failed, next attempt in {} ms",
                   backoff_.count());
      auto lite = dynamic_cast<const soci::soci_error*>(&e);
      return soci_detail::failure(ec::storage_unavailable, op,
                     "database unreachable: "
                       + (lite ? soci_detail::message_of(*lite) : std::string{e.what()}));
    }
  }

  store_target where;
  soci::session sql;
  /// Declared after `sql`: the statements die before their session.
  db::statement_cache cache;

private:
  bool lost_ = false;
  milliseconds backoff_{0};
  clock_type::time_point retry_at_;
};

} // namespace tradeflow::storage
