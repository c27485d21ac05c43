#include "app/scenario_detail.hpp"

#include "messages/limits.hpp"

namespace tradeflow::scenario_detail {

namespace {

// A number in (0, hi], `hi` included; absent keeps `fallback`.
double in_range(checker& c, object_reader& r, const char* key, double hi,
                double fallback) {
  auto x = r.opt_number(key);
  if (!x)
    return fallback;
  if (*x <= 0 || *x > hi) {
    c.fail(r.at(key), "must be in (0, " + show(hi) + "], got " + show(*x));
    return fallback;
  }
  return *x;
}

int64_t known_expert(checker& c, object_reader& r,
                     const std::set<int64_t>& experts) {
  auto id = r.integer("expert_id");
  if (r.find("expert_id") && experts.count(id) == 0)
    c.fail(r.at("expert_id"), "unknown expert " + std::to_string(id));
  return id;
}

caf::optional<int64_t> known_ruleset(checker& c, object_reader& r,
                                     const char* key,
                                     const std::set<int64_t>& rulesets) {
  auto id = r.opt_integer(key);
  if (id && rulesets.count(*id) == 0)
    c.fail(r.at(key), "unknown ruleset " + std::to_string(*id));
  return id;
}

std::map<std::string, double> parse_weights(checker& c, const json& x,
                                            const std::string& path) {
  std::map<std::string, double> result;
  if (!x.is_object()) {
    c.fail(path, "must be an object (symbol: percent), got " + show(x));
    return result;
  }
  for (auto& item : x.items()) {
    auto at = member_path(path, item.key());
    check_symbol_key(c, path, item.key());
    auto w = read_number(c, item.value(), at);
    if (w && *w < 0)
      c.fail(at, "must be >= 0, got " + show(*w));
    else if (w)
      result.emplace(item.key(), *w);
  }
  return result;
}

expert_settings parse_settings(checker& c, const json& x,
                               const std::string& path) {
  object_reader r{c,
                  x,
                  path,
                  {"enable_buy", "enable_sell",
                   "allow_automated_trade_opening",
                   "allow_automated_trade_modification",
                   "max_virtual_equity_per_instrument_percent",
                   "diversification_factor", "weights"}};
  expert_settings s;
  s.enable_buy = r.boolean("enable_buy", s.enable_buy);
  s.enable_sell = r.boolean("enable_sell", s.enable_sell);
  s.allow_automated_trade_opening = r.boolean(
    "allow_automated_trade_opening", s.allow_automated_trade_opening);
  s.allow_automated_trade_modification
    = r.boolean("allow_automated_trade_modification",
                s.allow_automated_trade_modification);
  s.max_virtual_equity_per_instrument_percent
    = in_range(c, r, "max_virtual_equity_per_instrument_percent", 100,
               s.max_virtual_equity_per_instrument_percent);
  s.diversification_factor = in_range(c, r, "diversification_factor", 1,
                                      s.diversification_factor);
  if (auto w = r.find("weights"))
    s.weights = parse_weights(c, *w, r.at("weights"));
  return s;
}

} // namespace

expert parse_expert(checker& c, const json& x, const std::string& path,
                    const std::set<int64_t>& rulesets) {
  object_reader r{c,
                  x,
                  path,
                  {"id", "name", "enabled", "virtual_equity_pct",
                   "enter_market_ruleset_id", "open_positions_ruleset_id",
                   "settings"}};
  expert e;
  e.id = r.id("id");
  e.name = r.name("name");
  e.enabled = r.boolean("enabled", e.enabled);
  e.virtual_equity_pct = in_range(c, r, "virtual_equity_pct", 100,
                                  e.virtual_equity_pct);
  e.enter_market_ruleset_id = known_ruleset(c, r, "enter_market_ruleset_id",
                                            rulesets);
  e.open_positions_ruleset_id
    = known_ruleset(c, r, "open_positions_ruleset_id", rulesets);
  if (auto s = r.find("settings"))
    e.settings = parse_settings(c, *s, r.at("settings"));
  return e;
}

recommendation parse_recommendation(checker& c, const json& x,
                                    const std::string& path,
                                    const std::set<int64_t>& experts,
                                    std::set<int64_t>& ids) {
  object_reader r{c,
                  x,
                  path,
                  {"id", "expert_id", "symbol", "action",
                   "expected_profit_percent", "price_at_date", "confidence",
                   "risk_level", "time_horizon", "created_at"}};
  recommendation rec;
  rec.id = r.id("id");
  if (r.find("id") && !ids.insert(rec.id).second)
    c.fail(r.at("id"), "duplicate recommendation id "
                               + std::to_string(rec.id));
  rec.expert_id = known_expert(c, r, experts);
  rec.symbol = r.symbol("symbol");
  rec.action = r.enumeration<rec_action>("action", parse_rec_action,
                                         "action", true, rec.action);
  rec.expected_profit_percent = r.number("expected_profit_percent");
  if (!r.find("price_at_date"))
    c.fail(r.at("price_at_date"), "required");
  if (auto p = r.opt_amount("price_at_date"))
    rec.price_at_date = *p;
  rec.confidence = r.opt_number("confidence");
  if (rec.confidence && (*rec.confidence < 0 || *rec.confidence > 100))
    c.fail(r.at("confidence"),
           "must be in [0, 100], got " + show(*rec.confidence));
  rec.risk = r.enumeration<risk_level>("risk_level", parse_risk_level,
                                       "risk_level", true, rec.risk);
  rec.horizon = r.enumeration<time_horizon>(
    "time_horizon", parse_time_horizon, "time_horizon", true, rec.horizon);
  rec.created_at_ms = r.timestamp("created_at");
  return rec;
}

transaction parse_transaction(checker& c, const json& x,
                              const std::string& path,
                              const std::set<int64_t>& experts,
                              int64_t now_ms) {
  object_reader r{c,
                  x,
                  path,
                  {"id", "expert_id", "symbol", "side", "quantity",
                   "open_price", "close_price", "take_profit", "stop_loss",
                   "status", "open_date", "close_date", "created_at"}};
  transaction t;
  // Never 0 or negative: the store would take that as "assign a new id".
  t.id = r.id("id");
  t.expert_id = known_expert(c, r, experts);
  t.symbol = r.symbol("symbol");
  t.side = r.enumeration<order_side>("side", parse_order_side, "side", true,
                                     t.side);
  t.quantity = r.integer("quantity");
  if (r.find("quantity") && t.quantity <= 0)
    c.fail(r.at("quantity"),
           "must be > 0, got " + std::to_string(t.quantity));
  else if (t.quantity > limits::max_quantity)
    c.fail(r.at("quantity"), "must be <= "
                               + std::to_string(limits::max_quantity)
                               + ", got " + std::to_string(t.quantity));
  t.open_price = r.opt_amount("open_price");
  t.close_price = r.opt_amount("close_price");
  t.take_profit = r.opt_amount("take_profit");
  t.stop_loss = r.opt_amount("stop_loss");
  t.status = r.enumeration<txn_status>("status", parse_txn_status, "status",
                                       false, txn_status::waiting);
  t.open_date_ms = r.opt_timestamp("open_date");
  t.close_date_ms = r.opt_timestamp("close_date");
  auto created = r.opt_timestamp("created_at");
  t.created_at_ms = created ? *created : t.open_date_ms.value_or(now_ms);
  return t;
}

} // namespace tradeflow::scenario_detail
