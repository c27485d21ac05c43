#include "storage/store_url.hpp"

#include "messages/error.hpp"

namespace tradeflow::storage {

namespace {

const std::string k_sqlite_scheme = "sqlite3://";
const std::string k_pg_schemes[] = {"postgresql://", "postgres://"};
const char* const k_memory = ":memory:";

bool starts_with(const std::string& x, const std::string& prefix) {
  return x.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

// Errors name the scheme at most: the rest of a URL may carry a password.
caf::expected<store_target> parse_url(const std::string& url) {
  store_target out;
  if (url.empty())
    return make_error(ec::invalid_input, "database url: empty");
  if (starts_with(url, k_sqlite_scheme)) {
    out.connect = url.substr(k_sqlite_scheme.size());
    if (out.connect.empty())
      return make_error(ec::invalid_input, "database url: sqlite3:// needs "
                                           "db=PATH");
    out.memory = out.connect.find(k_memory) != std::string::npos;
    return out;
  }
  for (const auto& scheme : k_pg_schemes) {
    if (!starts_with(url, scheme))
      continue;
    out.postgres = true;
    // Keywords after the scheme (`host=... dbname=...`); anything else is
    // a libpq URI, which libpq reads whole.
    auto rest = url.substr(scheme.size());
    out.connect = rest.find('=') != std::string::npos ? rest : url;
    return out;
  }
  if (auto pos = url.find("://"); pos != std::string::npos)
    return make_error(ec::invalid_input, "database url: unknown scheme '"
                                           + url.substr(0, pos) + "'");
  // A bare path; SOCI reads a double-quoted value with spaces in it.
  out.memory = url == k_memory;
  out.connect = url.find(' ') == std::string::npos ? "db=" + url
                                                    : "db=\"" + url + "\"";
  return out;
}

} // namespace tradeflow::storage
