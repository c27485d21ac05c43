#include "storage/soci_session.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "messages/error.hpp"

namespace tradeflow::storage::db {

namespace {

constexpr auto sqlite_busy_wait = std::chrono::milliseconds{5000};
const char* const k_pragma_busy_timeout = "PRAGMA busy_timeout=5000";
const char* const k_pragma_synchronous = "PRAGMA synchronous=NORMAL";
const char* const k_pragma_foreign_keys = "PRAGMA foreign_keys=ON";
const char* const k_pragma_wal = "PRAGMA journal_mode=WAL";
// Keeps PostgreSQL NOTICEs ("already exists, skipping") off stderr.
const char* const k_pg_quiet = "SET client_min_messages TO WARNING";
const char* const k_sqlite_tables
  = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
    " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name";
const char* const k_pg_tables
  = "SELECT table_name FROM information_schema.tables"
    " WHERE table_schema = current_schema() ORDER BY table_name";
const char* const k_sqlite_begin_seeding = "BEGIN IMMEDIATE";
// Advisory lock keys: arbitrary constants, the same in every tradeflow.
const char* const k_pg_try_seed_lock
  = "SELECT CASE WHEN pg_try_advisory_xact_lock(7346101) THEN 1 ELSE 0 END";
const char* const k_pg_migration_lock = "SELECT pg_advisory_lock(7346102)";
const char* const k_pg_migration_unlock
  = "SELECT pg_advisory_unlock(7346102)";
const char* const k_marker_table = "schema_version";

bool mentions(const std::string& connect, const char* key) {
  return connect.find(key) != std::string::npos;
}

// SQLite primary result codes (the low byte of extended ones).
constexpr int sqlite_busy = 5, sqlite_locked = 6, sqlite_readonly = 8,
              sqlite_ioerr = 10, sqlite_full = 13, sqlite_cantopen = 14;

} // namespace

std::string connect_string(const store_target& where) {
  auto out = where.connect;
  if (!where.postgres || mentions(out, "connect_timeout"))
    return out;
  auto value = "connect_timeout=" + std::to_string(pg_connect_timeout_s);
  if (out.find("://") == std::string::npos)
    return out + " " + value;
  return out + (out.find('?') == std::string::npos ? "?" : "&") + value;
}

void prepare_session(soci::session& sql, const store_target& where) {
  if (where.postgres) {
    sql << k_pg_quiet;
    if (!mentions(where.connect, "statement_timeout"))
      sql << "SET statement_timeout = "
               + std::to_string(pg_statement_timeout_ms);
    return;
  }
  // First of all: every later statement, WAL included, then waits for a
  // concurrent writer instead of failing with "database is locked".
  if (!mentions(where.connect, "timeout="))
    sql << k_pragma_busy_timeout;
  sql << k_pragma_synchronous;
  sql << k_pragma_foreign_keys;
}

std::vector<std::string> user_tables(soci::session& sql, bool postgres) {
  std::vector<std::string> out;
  soci::rowset<std::string> rows
    = sql.prepare << (postgres ? k_pg_tables : k_sqlite_tables);
  for (const auto& name : rows)
    out.push_back(name);
  return out;
}

caf::error check_ours(soci::session& sql, bool postgres) {
  auto tables = user_tables(sql, postgres);
  if (tables.empty()
      || std::find(tables.begin(), tables.end(), k_marker_table)
           != tables.end())
    return caf::none;
  return make_error(ec::invalid_input,
                    "not a tradeflow database: it holds other tables ('"
                      + tables.front()
                      + "') and no schema_version; name a fresh database");
}

std::string enable_wal(soci::session& sql) {
  // Switching to WAL needs the exclusive lock. While another process seeds
  // the same fresh file, SQLite answers SQLITE_BUSY at once, without its
  // busy handler (it could deadlock), so wait here, as long as the busy
  // timeout would have, before calling the database unavailable.
  auto deadline = std::chrono::steady_clock::now() + sqlite_busy_wait;
  auto pause = std::chrono::milliseconds{10};
  for (;;) {
    try {
      std::string mode;
      sql << k_pragma_wal, soci::into(mode);
      return mode;
    } catch (const soci::sqlite3_soci_error& e) {
      if ((e.result() & 0xff) != sqlite_busy
          || std::chrono::steady_clock::now() + pause > deadline)
        throw;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds{500});
  }
}

fault classify(soci::session& sql, const soci::soci_error& e) {
  if (auto lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    switch (lite->result() & 0xff) {
      case sqlite_busy:
      case sqlite_locked:
      case sqlite_readonly:
      case sqlite_ioerr:
      case sqlite_full:
      case sqlite_cantopen:
        return fault::unavailable;
      default:
        return fault::other;
    }
  }
  if (sql.get_backend() == nullptr)
    return fault::connection_lost; // a reconnect that failed
  if (sql.get_backend_name() != "postgresql")
    return fault::other;
  std::string state;
  if (auto pg = dynamic_cast<const soci::postgresql_soci_error*>(&e))
    state = pg->sqlstate();
  // Class 08: connection exception; 57P0x: the server shuts down.
  if (state.rfind("08", 0) == 0 || state.rfind("57P0", 0) == 0)
    return fault::connection_lost;
  // Any other SQLSTATE came from a server that answered. Without one the
  // client failed: ask the connection (a ping, or its status when dead).
  auto blank = state.find_first_not_of(' ') == std::string::npos;
  if (blank && !sql.is_connected())
    return fault::connection_lost;
  return fault::other;
}

bool begin_seeding(soci::session& sql, bool postgres) {
  if (!postgres) {
    try {
      sql << k_sqlite_begin_seeding;
    } catch (const soci::sqlite3_soci_error& e) {
      if ((e.result() & 0xff) == sqlite_busy)
        return false; // still locked after the busy timeout
      throw;
    }
    return true;
  }
  sql.begin();
  int got = 0;
  try {
    sql << k_pg_try_seed_lock, soci::into(got);
  } catch (...) {
    try {
      sql.rollback();
    } catch (...) {
      // The connection is gone; so is its transaction.
    }
    throw;
  }
  if (got == 1)
    return true;
  sql.rollback();
  return false;
}

migration_lock::migration_lock(soci::session& sql, bool postgres)
  : sql_(sql), held_(postgres) {
  if (held_)
    sql_ << k_pg_migration_lock;
}

migration_lock::~migration_lock() {
  if (!held_)
    return;
  try {
    sql_ << k_pg_migration_unlock;
  } catch (...) {
    // A lost connection released the session's lock already.
  }
}

} // namespace tradeflow::storage::db
