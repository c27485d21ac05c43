#include "app/scenario.hpp"

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "app/scenario_detail.hpp"
#include "messages/error.hpp"
#include "messages/json_input.hpp"
#include "messages/limits.hpp"
#include "storage/ruleset_codec.hpp"

namespace tradeflow {

namespace {

using namespace scenario_detail;

// Calls `f(item, path)` for each item of the array `key` (absent: none).
template <class F>
void for_each_item(checker& c, object_reader& r, const char* key, F f) {
  auto xs = r.find(key);
  if (!xs)
    return;
  if (!xs->is_array()) {
    c.fail(r.at(key), "must be an array, got " + show(*xs));
    return;
  }
  for (size_t i = 0; i < xs->size(); ++i)
    f((*xs)[i], index(r.at(key), i));
}

void parse_account(checker& c, object_reader& doc, scenario& s) {
  auto x = doc.find("account");
  if (!x) {
    c.fail("account", "required");
    return;
  }
  object_reader r{c, *x, "account", {"balance"}};
  s.balance = r.number("balance");
  if (s.balance < 0)
    c.fail(r.at("balance"), "must be >= 0, got " + show(s.balance));
  else if (s.balance > limits::max_amount)
    c.fail(r.at("balance"), "must be <= " + show(limits::max_amount)
                              + ", got " + show(s.balance));
}

std::vector<std::string> parse_symbols(checker& c, object_reader& r,
                                       const char* key) {
  std::vector<std::string> result;
  for_each_item(c, r, key, [&](const json& x, const std::string& path) {
    result.push_back(read_symbol(c, x, path));
  });
  return result;
}

void parse_broker(checker& c, const json& x, scenario& s) {
  object_reader r{c,
                  x,
                  "broker",
                  {"latency_ms", "refuse_symbols", "timeout_symbols",
                   "cancel_loses_symbols"}};
  s.latency_ms = r.opt_duration("latency_ms").value_or(0);
  s.faults.refuse_symbols = parse_symbols(c, r, "refuse_symbols");
  s.faults.timeout_symbols = parse_symbols(c, r, "timeout_symbols");
  s.faults.cancel_loses_symbols = parse_symbols(c, r, "cancel_loses_symbols");
}

// Given transactions must already satisfy the open-position index: one
// WAITING/OPENED transaction per (expert, symbol).
void check_open_positions(checker& c, const scenario& s) {
  std::map<std::pair<int64_t, std::string>, const transaction*> live;
  for (size_t i = 0; i < s.transactions.size(); ++i) {
    auto& t = s.transactions[i];
    if (!blocks_new_entry(t.status))
      continue;
    auto [pos, added] = live.emplace(std::make_pair(t.expert_id, t.symbol),
                                     &t);
    if (!added)
      c.fail(index("transactions", i) + ".symbol",
             "expert " + std::to_string(t.expert_id)
               + " already has transaction " + std::to_string(pos->second->id)
               + " in " + to_string(pos->second->status) + " on '" + t.symbol
               + "' (one WAITING/OPENED per expert and symbol)");
  }
}

void parse_document(checker& c, const json& doc, scenario& s) {
  object_reader r{c,
                  doc,
                  "",
                  {"name", "now", "account", "prices", "broker", "tick_size",
                   "tick_sizes", "rulesets", "experts", "transactions",
                   "recommendations", "steps"}};
  s.name = r.name("name");
  s.now_ms = r.timestamp("now");
  parse_account(c, r, s);
  if (auto x = r.find("prices"))
    s.prices = parse_prices(c, *x, "prices");
  if (auto x = r.find("broker"))
    parse_broker(c, *x, s);
  parse_ticks(c, r, s);
  std::set<int64_t> rulesets;
  for_each_item(c, r, "rulesets", [&](const json& x, const std::string& at) {
    auto rs = storage::parse_ruleset(x, at);
    if (!rs)
      c.fail(rs.error());
    else if (!rulesets.insert(rs->id).second)
      c.fail(at + ".id", "duplicate ruleset id " + std::to_string(rs->id));
    else
      s.rulesets.push_back(std::move(*rs));
  });
  std::set<int64_t> experts;
  for_each_item(c, r, "experts", [&](const json& x, const std::string& at) {
    auto e = parse_expert(c, x, at, rulesets);
    if (c.ok() && !experts.insert(e.id).second)
      c.fail(at + ".id", "duplicate expert id " + std::to_string(e.id));
    s.experts.push_back(std::move(e));
  });
  std::set<int64_t> txn_ids;
  for_each_item(c, r, "transactions",
                [&](const json& x, const std::string& at) {
                  auto t = parse_transaction(c, x, at, experts, s.now_ms);
                  if (c.ok() && !txn_ids.insert(t.id).second)
                    c.fail(at + ".id", "duplicate transaction id "
                                         + std::to_string(t.id));
                  s.transactions.push_back(std::move(t));
                });
  check_open_positions(c, s);
  std::set<int64_t> rec_ids;
  for_each_item(c, r, "recommendations",
                [&](const json& x, const std::string& at) {
                  s.recommendations.push_back(
                    parse_recommendation(c, x, at, experts, rec_ids));
                });
  for_each_item(c, r, "steps", [&](const json& x, const std::string& at) {
    s.steps.push_back(parse_step(c, x, at, experts, rec_ids));
  });
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil), independent of the locale and the C library's timegm.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  auto era = (y >= 0 ? y : y - 399) / 400;
  auto yoe = y - era * 400;
  auto doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  auto doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t days_in_month(int64_t y, int64_t m) {
  constexpr int64_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  auto leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

// Reads `n` digits at `pos` into `out`, advancing `pos`.
bool digits(const std::string& x, size_t& pos, size_t n, int64_t& out) {
  out = 0;
  for (size_t end = pos + n; pos < end; ++pos) {
    if (pos >= x.size() || x[pos] < '0' || x[pos] > '9')
      return false;
    out = out * 10 + (x[pos] - '0');
  }
  return true;
}

bool literal(const std::string& x, size_t& pos, char c) {
  if (pos >= x.size() || x[pos] != c)
    return false;
  ++pos;
  return true;
}

} // namespace

caf::expected<int64_t> parse_timestamp(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return make_error(ec::invalid_input, "invalid timestamp "
                                           + json_input::quote(text) + ": "
                                           + why);
  };
  size_t pos = 0;
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(text, pos, 4, y) || !literal(text, pos, '-')
      || !digits(text, pos, 2, mo) || !literal(text, pos, '-')
      || !digits(text, pos, 2, d) || !literal(text, pos, 'T')
      || !digits(text, pos, 2, h) || !literal(text, pos, ':')
      || !digits(text, pos, 2, mi) || !literal(text, pos, ':')
      || !digits(text, pos, 2, s))
    return bad("expected YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]");
  if (mo < 1 || mo > 12)
    return bad("month out of range");
  if (d < 1 || d > days_in_month(y, mo))
    return bad("day out of range");
  if (h > 23 || mi > 59 || s > 59)
    return bad("time of day out of range");
  int64_t ms = 0;
  if (literal(text, pos, '.')) {
    // Milliseconds from the first three digits; finer digits are dropped.
    size_t n = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos)
      if (n++ < 3)
        ms += (text[pos] - '0') * (n == 1 ? 100 : n == 2 ? 10 : 1);
    if (n == 0)
      return bad("empty fraction of a second");
  }
  int64_t offset_min = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    auto sign = text[pos++] == '-' ? -1 : 1;
    int64_t oh = 0, om = 0;
    if (!digits(text, pos, 2, oh) || !literal(text, pos, ':')
        || !digits(text, pos, 2, om))
      return bad("expected a zone offset +HH:MM");
    if (oh > 23 || om > 59)
      return bad("zone offset out of range");
    offset_min = sign * (oh * 60 + om);
  } else {
    literal(text, pos, 'Z');
  }
  if (pos != text.size())
    return bad("unexpected text after the time");
  auto secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s
              - offset_min * 60;
  return secs * 1000 + ms;
}

caf::expected<scenario> parse_scenario(const nlohmann::json& doc) {
  checker c;
  scenario result;
  try {
    parse_document(c, doc, result);
  } catch (const std::exception& e) {
    // The readers check every type first; this is only a safety net.
    c.fail("scenario", e.what());
  }
  if (!c.ok())
    return c.error();
  return result;
}

caf::expected<scenario> load_scenario_file(const std::string& path) {
  auto refuse = [&](const std::string& why) {
    return make_error(ec::invalid_input,
                      "cannot read scenario file '" + path + "': " + why);
  };
  // Checked before reading: a device or a FIFO (/dev/zero) never ends, and
  // a huge file would be read whole into memory.
  std::error_code err;
  auto st = std::filesystem::status(path, err);
  if (st.type() == std::filesystem::file_type::not_found)
    return refuse(std::strerror(ENOENT));
  if (err)
    return refuse(err.message());
  if (st.type() == std::filesystem::file_type::directory)
    return refuse("is a directory");
  if (st.type() != std::filesystem::file_type::regular)
    return refuse("not a regular file");
  auto size = std::filesystem::file_size(path, err);
  if (err)
    return refuse(err.message());
  if (size > static_cast<uintmax_t>(limits::max_scenario_bytes))
    return refuse("larger than "
                  + std::to_string(limits::max_scenario_bytes >> 20)
                  + " MiB (" + std::to_string(size) + " bytes)");
  std::ifstream in{path, std::ios::binary};
  if (!in)
    return refuse(std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad())
    return refuse("read error");
  auto doc = json_input::parse(text.str(), "scenario");
  if (!doc)
    return make_error(ec::invalid_input, "scenario file '" + path
                                           + "' is not valid JSON: "
                                           + tradeflow::reason_of(doc.error()));
  return parse_scenario(*doc);
}

} // namespace tradeflow
