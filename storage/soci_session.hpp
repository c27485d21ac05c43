#pragma once

#include <string>
#include <vector>

#include <caf/error.hpp>

#include "storage/store_url.hpp"

namespace soci {
class session;
class soci_error;
} // namespace soci

/// Internal to storage/: how a SOCI session is set up, what its failures
/// mean, and the checks and locks that guard a fresh database.
namespace tradeflow::storage::db {

/// Seconds libpq waits for a PostgreSQL server to connect and answer the
/// startup, unless the URL gives `connect_timeout`.
constexpr int pg_connect_timeout_s = 5;

/// Milliseconds a PostgreSQL statement may run, unless the URL's
/// `options` set `statement_timeout`.
constexpr int pg_statement_timeout_ms = 30000;

/// SOCI's connect string for `where`, with the bounded waits above added
/// for PostgreSQL when the URL does not give its own.
std::string connect_string(const store_target& where);

/// Settings every new or re-established connection gets: the busy
/// timeout before anything else on SQLite (a concurrent opener waits
/// instead of failing), the statement timeout on PostgreSQL.
void prepare_session(soci::session& sql, const store_target& where);

/// The tables of the database (of its current schema on PostgreSQL).
std::vector<std::string> user_tables(soci::session& sql, bool postgres);

/// Refuses a database that holds tables but not tradeflow's
/// `schema_version` marker, before anything is written to it:
/// `ec::invalid_input` naming one of its tables.
caf::error check_ours(soci::session& sql, bool postgres);

/// Switches an SQLite file to WAL (after `check_ours`); returns the mode.
std::string enable_wal(soci::session& sql);

/// What a driver failure means for the caller.
enum class fault {
  /// Anything else: `ec::storage_failure`.
  other,
  /// The disk is full, the file read-only or unreadable, or the database
  /// is locked: `ec::storage_unavailable`; the session stays usable.
  unavailable,
  /// The connection is gone (a PostgreSQL restart): reconnect.
  connection_lost,
};

/// Classifies `e`, raised by a statement on `sql`.
fault classify(soci::session& sql, const soci::soci_error& e);

/// Opens the one transaction that seeds a database: on SQLite `BEGIN
/// IMMEDIATE` (the write lock, waiting out the busy timeout), on
/// PostgreSQL a transaction holding tradeflow's seeding advisory lock.
/// False when another process holds that lock (it is loading the
/// database), with no transaction left open.
bool begin_seeding(soci::session& sql, bool postgres);

/// Holds tradeflow's migration advisory lock on PostgreSQL for the life
/// of the object (concurrent `CREATE TABLE IF NOT EXISTS` race each other
/// in the catalogue); nothing on SQLite, where the write lock serialises.
class migration_lock {
public:
  migration_lock(soci::session& sql, bool postgres);
  ~migration_lock();
  migration_lock(const migration_lock&) = delete;
  migration_lock& operator=(const migration_lock&) = delete;

private:
  soci::session& sql_;
  bool held_;
};

} // namespace tradeflow::storage::db
