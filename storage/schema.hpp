#pragma once

#include <caf/expected.hpp>

namespace soci {
class session;
} // namespace soci

/// The versioned database schema of the transaction store. Each version is
/// one migration step, applied inside its own database transaction and
/// recorded in the `schema_version` table.
namespace tradeflow::storage {

/// The schema version this build creates and expects.
constexpr int current_schema_version = 2;

/// Applies every missing migration step to the database of `sql` (SQLite
/// or PostgreSQL, chosen by the session's backend name) and returns the
/// version reached. A second call is a no-op returning the same version.
/// Errors: `ec::storage_failure` with the driver's message; a database
/// newer than this build gives `ec::storage_failure` too.
caf::expected<int> migrate_schema(soci::session& sql);

/// The version recorded in `schema_version` (0 when the table is empty).
/// Errors: `ec::storage_failure` (for example when the table is missing).
caf::expected<int> schema_version(soci::session& sql);

} // namespace tradeflow::storage
