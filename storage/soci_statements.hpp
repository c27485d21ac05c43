#pragma once

// Internal to storage/: the prepared statements of one SOCI session, kept
// for the session's lifetime. Includes SOCI, so only storage .cpp files
// include it.

#include <map>
#include <memory>
#include <string>
#include <typeindex>
#include <utility>

#include <soci/soci.h>

namespace tradeflow::storage::db {

/// Allocates, prepares and binds `st` for `query`, after the caller
/// exchanged its use and into elements.
inline void prepare(soci::statement& st, const std::string& query) {
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
}

/// Type-erased owner of one cached statement.
struct cached_statement_base {
  virtual ~cached_statement_base() = default;
};

/// A statement prepared once and the buffers its use and into elements
/// point at. `Buffers` is default-constructible and has
/// `void bind(soci::statement&)` exchanging its members. Never moved: SOCI
/// holds the buffers' addresses.
template <class Buffers>
struct cached_statement final : cached_statement_base {
  cached_statement(soci::session& sql, const std::string& query) : st(sql) {
    buf.bind(st);
    prepare(st, query);
  }

  cached_statement(const cached_statement&) = delete;
  cached_statement& operator=(const cached_statement&) = delete;

  /// Refilled by the caller before each execution; declared before `st`
  /// so that it outlives the statement's bindings.
  Buffers buf;
  soci::statement st;
};

/// The prepared statements of one session, by (buffer type, SQL text).
/// Statements are prepared on first use and re-executed afterwards, which
/// saves SQLite's parse and plan (and PostgreSQL's PREPARE / DEALLOCATE
/// round trips) on every call. Owned next to the session it uses, and
/// destroyed before it.
class statement_cache {
public:
  explicit statement_cache(soci::session& sql) : sql_(sql) {
    // nop
  }

  statement_cache(const statement_cache&) = delete;
  statement_cache& operator=(const statement_cache&) = delete;

  /// The session the statements run on, for one-off SQL and transactions.
  soci::session& sql() {
    return sql_;
  }

  /// The statement for `query` with buffers `Buffers`, prepared on first
  /// use. A failed prepare throws and caches nothing.
  template <class Buffers>
  cached_statement<Buffers>& get(const std::string& query) {
    auto key = std::make_pair(std::type_index{typeid(Buffers)}, query);
    auto i = entries_.find(key);
    if (i == entries_.end()) {
      auto entry = std::make_unique<cached_statement<Buffers>>(sql_, query);
      i = entries_.emplace(std::move(key), std::move(entry)).first;
    }
    return static_cast<cached_statement<Buffers>&>(*i->second);
  }

  /// Drops every statement; called whenever a statement's execution
  /// threw. SQLite may leave a failed statement stepped halfway (pinning
  /// the connection's read snapshot), and SOCI's PostgreSQL backend keeps
  /// the failed execution's parameter buffers, so that a NULL bound next
  /// time would send the stale value. Dropping a PostgreSQL statement runs
  /// DEALLOCATE, whose failure SOCI's destructor swallows.
  void clear() {
    entries_.clear();
  }

  /// Number of cached statements (for tests).
  size_t size() const {
    return entries_.size();
  }

  /// Open `tx_scope`s on the session (0: none, autocommit).
  int depth = 0;

private:
  soci::session& sql_;
  std::map<std::pair<std::type_index, std::string>,
           std::unique_ptr<cached_statement_base>>
    entries_;
};

/// A database transaction like `soci::transaction`, that nests: opened
/// inside another scope of the same session it is a savepoint, so an inner
/// rollback undoes only its own writes and an inner commit leaves the
/// outer transaction open. Rolls back when destroyed uncommitted.
class tx_scope {
public:
  explicit tx_scope(statement_cache& db) : db_(db), level_(db.depth) {
    if (level_ == 0)
      db_.sql().begin();
    else
      db_.sql() << "SAVEPOINT " + name();
    ++db_.depth;
  }

  /// Tag of the constructor below.
  struct already_open_t {};
  static constexpr already_open_t already_open{};

  /// Takes over a transaction the caller began itself with a statement of
  /// its own (a locking BEGIN) on a session without open scopes.
  tx_scope(statement_cache& db, already_open_t) : db_(db), level_(db.depth) {
    ++db_.depth;
  }

  tx_scope(const tx_scope&) = delete;
  tx_scope& operator=(const tx_scope&) = delete;

  ~tx_scope() {
    if (open_) {
      try {
        rollback();
      } catch (...) {
        // The driver failed to roll back (a broken connection): nothing
        // left to undo from here, and destructors must not throw.
        open_ = false;
        db_.depth = level_;
      }
    }
  }

  /// Leaves the scope open (the destructor rolls back) when it throws.
  void commit() {
    if (level_ == 0)
      db_.sql().commit();
    else
      db_.sql() << "RELEASE SAVEPOINT " + name();
    close();
  }

  void rollback() {
    close();
    if (level_ == 0) {
      db_.sql().rollback();
    } else {
      // ROLLBACK TO keeps the savepoint open; release it as well.
      db_.sql() << "ROLLBACK TO SAVEPOINT " + name();
      db_.sql() << "RELEASE SAVEPOINT " + name();
    }
  }

private:
  // Generated from the nesting level, never from data.
  std::string name() const {
    return "tf_sp" + std::to_string(level_);
  }

  void close() {
    open_ = false;
    db_.depth = level_;
  }

  statement_cache& db_;
  int level_;
  bool open_ = true;
};

/// Executes `st` for one row and then steps it to its end: SQLite counts a
/// statement that may still yield a row as "in progress", which makes
/// COMMIT fail for INSERT ... RETURNING and holds the read snapshot for a
/// SELECT. True when a row was fetched.
inline bool execute_one(soci::statement& st) {
  auto got = st.execute(true);
  if (got)
    st.fetch();
  return got;
}

/// Executes `st` (a SELECT with into buffers) and calls `each` per row.
template <class F>
void execute_rows(soci::statement& st, F each) {
  st.execute(false);
  while (st.fetch())
    each();
}

} // namespace tradeflow::storage::db
