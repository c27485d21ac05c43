#pragma once

#include <string>

#include <caf/expected.hpp>

/// Internal to storage/: how `open_store` reads a database URL.
namespace tradeflow::storage {

/// Where `open_store` connects: a backend and SOCI's connect string.
struct store_target {
  /// PostgreSQL when true, SQLite otherwise.
  bool postgres = false;
  /// SOCI's connect string for the backend.
  std::string connect;
  /// An SQLite `:memory:` database (no WAL pragma).
  bool memory = false;
};

/// The target of `url` (see `open_store` for the accepted forms). Errors:
/// `ec::invalid_input` naming at most the scheme, since the rest of a URL
/// may carry a password.
caf::expected<store_target> parse_url(const std::string& url);

} // namespace tradeflow::storage
