#include "app/config_check.hpp"

#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "actors/logging.hpp"
#include "app/config_rules.hpp"
#include "messages/error.hpp"
#include "storage/store_url.hpp"

namespace tradeflow {

namespace {

enum class kind { whole, real, text, atom, duration };

struct key_rule {
  kind type;
  caf::error (*check)(const caf::config_value& value, const std::string& where);
};

caf::error duration_ms(const caf::config_value& v, const std::string& where) {
  return check_duration_ms(caf::get<int64_t>(v), where);
}

caf::error threads(const caf::config_value& v, const std::string& where) {
  return check_range(caf::get<int64_t>(v), min_scheduler_threads,
                     max_scheduler_threads, where);
}

caf::error mm_workers(const caf::config_value& v, const std::string& where) {
  return check_range(caf::get<int64_t>(v), 0, max_middleman_workers, where);
}

caf::error runs(const caf::config_value& v, const std::string& where) {
  return check_range(caf::get<int64_t>(v), 1, max_runs_in_flight_limit,
                     where);
}

caf::error policy(const caf::config_value& v, const std::string& where) {
  auto name = caf::to_string(caf::get<caf::atom_value>(v));
  if (name == "stealing" || name == "sharing")
    return caf::none;
  return make_error(ec::invalid_input,
                    where + ": expected 'stealing' or 'sharing'");
}

caf::error timespan(const caf::config_value& v, const std::string& where) {
  auto ns = caf::get<caf::timespan>(v).count();
  if (ns < 0)
    return make_error(ec::invalid_input, where + ": must be >= 0");
  if (ns / 1'000'000 > limits::max_duration_ms)
    return make_error(ec::invalid_input,
                      where + ": must be <= 30 days ("
                        + std::to_string(limits::max_duration_ms) + "ms)");
  return caf::none;
}

caf::error db_url(const caf::config_value& v, const std::string& where) {
  auto& url = caf::get<std::string>(v);
  if (url.empty())
    return caf::none; // documented: an in-memory database
  if (auto target = storage::parse_url(url); !target)
    return make_error(ec::invalid_input,
                      where + ": " + reason_of(target.error()));
  return caf::none;
}

caf::error tick(const caf::config_value& v, const std::string& where) {
  return check_tick_size(caf::get<double>(v), where);
}

caf::error broker_name(const caf::config_value& v, const std::string& where) {
  auto& name = caf::get<std::string>(v);
  if (name == "paper" || name == "fix")
    return caf::none;
  return make_error(ec::invalid_input, where + ": expected \"paper\" or "
                                               "\"fix\", got '"
                                         + name.substr(0, 32) + "'");
}

// The file itself is checked with the merged config (check_venue_choice):
// a flag may still replace it.
caf::error any_text(const caf::config_value&, const std::string&) {
  return caf::none;
}

caf::error level(const caf::config_value& v, const std::string& where) {
  return check_log_level(caf::get<std::string>(v), where);
}

caf::error log_file(const caf::config_value& v, const std::string& where) {
  auto& path = caf::get<std::string>(v);
  return path.empty() ? caf::none : check_log_file(path, where);
}

using section_rules = std::map<std::string, key_rule>;

const std::map<std::string, section_rules>& rules() {
  static const std::map<std::string, section_rules> x{
    {"scheduler",
     {{"max-threads", {kind::whole, threads}},
      {"policy", {kind::atom, policy}}}},
    {"middleman",
     {{"workers", {kind::whole, mm_workers}},
      {"heartbeat-interval", {kind::duration, timespan}},
      {"connection-timeout", {kind::duration, timespan}}}},
    {"tradeflow",
     {{"db", {kind::text, db_url}},
      {"lock-wait-ms", {kind::whole, duration_ms}},
      {"broker-timeout-ms", {kind::whole, duration_ms}},
      {"refresh-interval-ms", {kind::whole, duration_ms}},
      {"max-runs-in-flight", {kind::whole, runs}},
      {"log-level", {kind::text, level}},
      {"log-file", {kind::text, log_file}}}},
    {"broker",
     {{"tick-size", {kind::real, tick}},
      {"broker", {kind::text, broker_name}},
      {"fix-config", {kind::text, any_text}}}}};
  return x;
}

bool has_type(const caf::config_value& v, kind k) {
  switch (k) {
    case kind::whole:
      return caf::holds_alternative<int64_t>(v);
    case kind::real:
      return caf::holds_alternative<double>(v);
    case kind::text:
      return caf::holds_alternative<std::string>(v);
    case kind::atom:
      return caf::holds_alternative<caf::atom_value>(v);
    default:
      return caf::holds_alternative<caf::timespan>(v);
  }
}

const char* expected(kind k) {
  switch (k) {
    case kind::whole:
      return "a whole number";
    case kind::real:
      return "a number with a decimal point, e.g. 0.01";
    case kind::text:
      return "a quoted string";
    case kind::atom:
      return "an atom in single quotes, e.g. 'stealing'";
    default:
      return "a duration such as 500ms or 2s";
  }
}

// Echoed values are cut short: a wrong value may be arbitrarily long.
std::string shown(const caf::config_value& v) {
  auto text = caf::to_string(v);
  return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

std::string trim(const std::string& x) {
  auto b = x.find_first_not_of(" \t\r");
  auto e = x.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string{} : x.substr(b, e - b + 1);
}

} // namespace

caf::error check_ini_text(const std::string& text) {
  std::istringstream in{text};
  std::string line;
  std::string section;
  std::map<std::string, std::set<std::string>> seen;
  for (int n = 1; std::getline(in, line); ++n) {
    line = trim(line);
    if (line.empty() || line[0] == ';' || line[0] == '#')
      continue;
    if (line[0] == '[') {
      section = trim(line.substr(1, line.find(']') - 1));
      continue;
    }
    // Only `name =` starts a key; list items continuing a value do not.
    auto end = line.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");
    if (end == 0 || end == std::string::npos
        || trim(line.substr(end)).compare(0, 1, "=") != 0)
      continue;
    auto key = line.substr(0, end);
    auto where = "line " + std::to_string(n) + ": ";
    if (section.empty())
      return make_error(ec::invalid_input, where + "key '" + key
                                             + "' outside a [section]");
    if (!seen[section].insert(key).second)
      return make_error(ec::invalid_input, where + "duplicate key '"
                                             + section + "." + key + "'");
  }
  return caf::none;
}

caf::error check_ini_content(const caf::settings& content) {
  for (auto& [name, value] : content) {
    auto section = rules().find(name);
    if (!caf::holds_alternative<caf::settings>(value))
      return make_error(ec::invalid_input,
                        "key '" + name + "' outside a [section]");
    if (section == rules().end())
      return make_error(ec::invalid_input,
                        "unknown section [" + name
                          + "]; expected [scheduler], [middleman], "
                            "[tradeflow] or [broker] (lower case)");
    for (auto& [key, v] : caf::get<caf::settings>(value)) {
      auto where = name + "." + key;
      auto rule = section->second.find(key);
      if (rule == section->second.end())
        return make_error(ec::invalid_input, where + ": unknown key");
      if (!has_type(v, rule->second.type))
        return make_error(ec::invalid_input,
                          where + ": expected " + expected(rule->second.type)
                            + ", got " + shown(v));
      if (auto err = rule->second.check(v, where))
        return err;
    }
  }
  return caf::none;
}

} // namespace tradeflow
