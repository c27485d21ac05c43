#include "storage/store_url.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "messages/error.hpp"

namespace tradeflow::storage {

namespace {

using option_list = std::vector<std::pair<std::string, std::string>>;

const std::string k_sqlite_scheme = "sqlite3://";
const std::string k_pg_schemes[] = {"postgresql://", "postgres://"};
const char* const k_memory = ":memory:";

// The options SOCI 4.0.3's sqlite3 backend reads; it ignores any other key
// without a word, and splices `synchronous` into a PRAGMA unchecked.
const char* const k_sqlite_options[] = {"db",       "dbname",
                                        "timeout",  "synchronous",
                                        "readonly", "shared_cache"};
const char* const k_sqlite_known
  = "db, dbname, timeout, synchronous, readonly, shared_cache";

// The libpq connection keywords a deployment plausibly sets; anything else
// is far more likely a typo than a keyword libpq would honour.
const char* const k_pg_keywords[]
  = {"host",          "hostaddr",         "port",
     "dbname",        "user",             "password",
     "passfile",      "connect_timeout",  "client_encoding",
     "options",       "application_name", "fallback_application_name",
     "keepalives",    "keepalives_idle",  "keepalives_interval",
     "keepalives_count", "tcp_user_timeout", "sslmode",
     "sslcompression", "sslcert",         "sslkey",
     "sslpassword",   "sslrootcert",      "sslcrl",
     "sslcrldir",     "sslsni",           "requirepeer",
     "ssl_min_protocol_version", "ssl_max_protocol_version",
     "gssencmode",    "krbsrvname",       "gsslib",
     "service",       "target_session_attrs", "channel_binding"};

bool starts_with(const std::string& x, const std::string& prefix) {
  return x.compare(0, prefix.size(), prefix) == 0;
}

template <class Range>
bool contains(const Range& names, const std::string& x) {
  return std::any_of(std::begin(names), std::end(names),
                     [&](const char* n) { return x == n; });
}

caf::error bad(const std::string& why) {
  return make_error(ec::invalid_input, "database url: " + why);
}

// Keys are echoed in errors, values never (one may be a password); a
// garbled key is cut short so that a pasted secret is not echoed whole.
std::string shown(const std::string& key) {
  return "'" + (key.size() > 24 ? key.substr(0, 24) + "..." : key) + "'";
}

bool whole_number(const std::string& x, long long lo, long long hi) {
  if (x.empty() || x.size() > 12
      || !std::all_of(x.begin(), x.end(),
                      [](unsigned char c) { return std::isdigit(c); }))
    return false;
  auto v = std::stoll(x);
  return v >= lo && v <= hi;
}

// `key=value` pairs separated by spaces; a value may be quoted with
// `quote` (libpq also unescapes backslashes inside single quotes).
caf::expected<option_list> split_options(const std::string& text,
                                         char quote) {
  option_list out;
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
  };
  for (skip_spaces(); i < text.size(); skip_spaces()) {
    auto key_end = text.find_first_of("= \t", i);
    auto key = text.substr(i, key_end - i);
    i = key_end;
    skip_spaces();
    if (i >= text.size() || text[i] != '=')
      return bad("expected key=value, got a bare word (key " + shown(key)
                 + ")");
    ++i;
    skip_spaces();
    std::string value;
    if (i < text.size() && text[i] == quote) {
      for (++i; i < text.size() && text[i] != quote; ++i) {
        if (quote == '\'' && text[i] == '\\' && i + 1 < text.size())
          ++i;
        value += text[i];
      }
      if (i >= text.size())
        return bad("unterminated quote in the value of " + shown(key));
      ++i;
    } else {
      auto end = text.find_first_of(" \t", i);
      value = text.substr(i, end - i);
      i = std::min(end, text.size());
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

caf::error check_sqlite_option(const std::string& key,
                               const std::string& value) {
  if (!contains(k_sqlite_options, key))
    return bad("unknown sqlite3 option " + shown(key) + "; known: "
               + k_sqlite_known);
  if ((key == "db" || key == "dbname")
      && (value.empty() || value.find('"') != std::string::npos))
    return bad(key + " needs a file path (without '\"') or :memory:");
  if (key == "timeout" && !whole_number(value, 0, 86'400))
    return bad("timeout: expected whole seconds between 0 and 86400");
  if (key == "synchronous"
      && !contains(std::initializer_list<const char*>{"off", "normal", "full",
                                                      "extra", "0", "1", "2",
                                                      "3"},
                   value))
    return bad("synchronous: expected off, normal, full or extra");
  if ((key == "readonly" || key == "shared_cache") && value != "true"
      && value != "false")
    return bad(key + ": expected true or false");
  return caf::none;
}

std::string soci_value(const std::string& value) {
  return value.find_first_of(" \t") == std::string::npos
           ? value
           : "\"" + value + "\"";
}

// SOCI splits on single spaces and treats any `readonly=` as true, so the
// connect string it gets is rebuilt from the checked options.
caf::expected<store_target> parse_sqlite(const std::string& rest) {
  auto options = split_options(rest, '"');
  if (!options)
    return std::move(options.error());
  store_target out;
  std::string db;
  for (auto& [key, value] : *options) {
    if (auto err = check_sqlite_option(key, value))
      return err;
    if (key == "db" || key == "dbname") {
      if (!db.empty())
        return bad("db given twice");
      db = value;
    } else if (!(key == "readonly" && value == "false")) {
      out.connect += " " + key + "=" + value;
    }
  }
  if (db.empty())
    return bad("sqlite3:// needs db=PATH (or db=:memory:)");
  out.memory = db == k_memory;
  out.connect = "db=" + soci_value(db) + out.connect;
  return out;
}

caf::error check_pg_option(const std::string& key, const std::string& value) {
  if (!contains(k_pg_keywords, key))
    return bad("unknown postgresql keyword " + shown(key));
  if (key == "port") {
    for (size_t pos = 0; pos <= value.size();) {
      auto end = std::min(value.find(',', pos), value.size());
      if (!whole_number(value.substr(pos, end - pos), 1, 65'535))
        return bad("port: expected a number between 1 and 65535");
      pos = end + 1;
    }
  }
  if ((key == "connect_timeout" || starts_with(key, "keepalives")
       || key == "tcp_user_timeout")
      && !whole_number(value, 0, 86'400'000))
    return bad(key + ": expected a whole number >= 0");
  if (key == "sslmode"
      && !contains(std::initializer_list<const char*>{"disable", "allow",
                                                      "prefer", "require",
                                                      "verify-ca",
                                                      "verify-full"},
                   value))
    return bad("sslmode: expected disable, allow, prefer, require, "
               "verify-ca or verify-full");
  return caf::none;
}

// A libpq URI is handed to libpq whole; only its query parameters are
// keywords the engine can check.
caf::error check_pg_uri(const std::string& url) {
  auto q = url.find('?');
  if (q == std::string::npos)
    return caf::none;
  auto query = url.substr(q + 1);
  for (size_t pos = 0; pos < query.size();) {
    auto end = std::min(query.find('&', pos), query.size());
    auto item = query.substr(pos, end - pos);
    auto eq = item.find('=');
    if (eq == std::string::npos)
      return bad("expected key=value in the query, key "
                 + shown(item.substr(0, eq)));
    if (auto err = check_pg_option(item.substr(0, eq), item.substr(eq + 1)))
      return err;
    pos = end + 1;
  }
  return caf::none;
}

caf::expected<store_target> parse_pg(const std::string& url,
                                     const std::string& rest) {
  store_target out;
  out.postgres = true;
  // Keywords after the scheme (`host=... dbname=...`); anything else is
  // a libpq URI, which libpq reads whole.
  auto word_end = rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz_");
  auto eq = rest.find_first_not_of(" \t", word_end);
  bool keywords = word_end != 0 && word_end != std::string::npos
                  && eq != std::string::npos && rest[eq] == '=';
  if (!keywords) {
    if (auto err = check_pg_uri(url))
      return err;
    out.connect = url;
    return out;
  }
  auto options = split_options(rest, '\'');
  if (!options)
    return std::move(options.error());
  for (auto& [key, value] : *options)
    if (auto err = check_pg_option(key, value))
      return err;
  out.connect = rest;
  return out;
}

} // namespace

// Errors name the scheme and option keys at most: the rest of a URL may
// carry a password.
caf::expected<store_target> parse_url(const std::string& url) {
  if (url.empty())
    return bad("empty");
  if (starts_with(url, k_sqlite_scheme))
    return parse_sqlite(url.substr(k_sqlite_scheme.size()));
  for (const auto& scheme : k_pg_schemes)
    if (starts_with(url, scheme))
      return parse_pg(url, url.substr(scheme.size()));
  if (auto pos = url.find("://"); pos != std::string::npos)
    return bad("unknown scheme " + shown(url.substr(0, pos))
               + "; expected sqlite3:// or postgresql://");
  // A bare path names an SQLite file.
  if (url.find('"') != std::string::npos)
    return bad("an SQLite path must not contain '\"'");
  store_target out;
  out.memory = url == k_memory;
  out.connect = "db=" + soci_value(url);
  return out;
}

} // namespace tradeflow::storage
