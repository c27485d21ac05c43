#include "storage/soci_queries.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "messages/error.hpp"
#include "storage/ruleset_codec.hpp"
#include "storage/soci_statements.hpp"

namespace tradeflow::storage::db {

namespace {

const std::string k_is_fresh
  = "SELECT CASE WHEN EXISTS (SELECT 1 FROM experts)"
    " OR EXISTS (SELECT 1 FROM rulesets)"
    " OR EXISTS (SELECT 1 FROM recommendations)"
    " OR EXISTS (SELECT 1 FROM transactions)"
    " OR EXISTS (SELECT 1 FROM orders)"
    " OR EXISTS (SELECT 1 FROM runs) THEN 0 ELSE 1 END";
const std::string k_max_epoch
  = "SELECT COALESCE(MAX(epoch), 0) FROM lock_epochs";
const std::string k_select_expert
  = "SELECT id, name, enabled, virtual_equity_pct, enter_market_ruleset_id,"
    " open_positions_ruleset_id, enable_buy, enable_sell,"
    " allow_automated_trade_opening, allow_automated_trade_modification,"
    " max_virtual_equity_per_instrument_percent, diversification_factor,"
    " weights FROM experts WHERE id = :id";
const std::string k_select_ruleset
  = "SELECT name, definition FROM rulesets WHERE id = :id";
const std::string k_recs_since
  = "SELECT id, expert_id, symbol, action, expected_profit_percent,"
    " price_at_date, confidence, risk_level, time_horizon, created_at"
    " FROM recommendations WHERE expert_id = :expert_id"
    " AND created_at >= :since ORDER BY created_at, id";
// Two names for created_at: a name bound twice is not portable in SOCI.
const std::string k_previous_action
  = "SELECT action FROM recommendations"
    " WHERE expert_id = :expert_id AND symbol = :symbol"
    " AND (created_at < :before OR (created_at = :same AND id < :id))"
    " ORDER BY created_at DESC, id DESC LIMIT 1";
const std::string k_run_outcomes
  = "SELECT recommendation_id, outcome, reason FROM recommendation_outcomes"
    " WHERE run_id = :run_id ORDER BY recommendation_id";

template <class T>
caf::optional<T> opt(const T& value, soci::indicator ind) {
  return unless_null(value, ind != soci::i_ok);
}

struct recommendation_row {
  int64_t id = 0, expert_id = 0, created_at = 0;
  std::string symbol, action, risk, horizon;
  double profit = 0, price = 0, confidence = 0;
  soci::indicator confidence_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(expert_id));
    st.exchange(soci::into(symbol));
    st.exchange(soci::into(action));
    st.exchange(soci::into(profit));
    st.exchange(soci::into(price));
    st.exchange(soci::into(confidence, confidence_ind));
    st.exchange(soci::into(risk));
    st.exchange(soci::into(horizon));
    st.exchange(soci::into(created_at));
  }

  recommendation get() const {
    recommendation x;
    x.id = id;
    x.expert_id = expert_id;
    x.symbol = symbol;
    x.action = parsed(parse_rec_action(action), "recommendations.action",
                      action);
    x.expected_profit_percent = profit;
    x.price_at_date = price;
    x.confidence = opt(confidence, confidence_ind);
    x.risk = parsed(parse_risk_level(risk), "recommendations.risk_level",
                    risk);
    x.horizon = parsed(parse_time_horizon(horizon),
                       "recommendations.time_horizon", horizon);
    x.created_at_ms = created_at;
    return x;
  }
};

/// The row of `k_select_expert` and its id.
struct expert_buffers {
  int64_t id = 0;
  expert x;
  int enabled = 0, buy = 0, sell = 0, opening = 0, modification = 0;
  int64_t enter = 0, open = 0;
  soci::indicator enter_ind = soci::i_null, open_ind = soci::i_null;
  std::string weights;

  void bind(soci::statement& st) {
    auto& s = x.settings;
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::into(x.id));
    st.exchange(soci::into(x.name));
    st.exchange(soci::into(enabled));
    st.exchange(soci::into(x.virtual_equity_pct));
    st.exchange(soci::into(enter, enter_ind));
    st.exchange(soci::into(open, open_ind));
    st.exchange(soci::into(buy));
    st.exchange(soci::into(sell));
    st.exchange(soci::into(opening));
    st.exchange(soci::into(modification));
    st.exchange(soci::into(s.max_virtual_equity_per_instrument_percent));
    st.exchange(soci::into(s.diversification_factor));
    st.exchange(soci::into(weights));
  }
};

/// The row of `k_select_ruleset` and its id.
struct ruleset_buffers {
  int64_t id = 0;
  std::string name, definition;

  void bind(soci::statement& st) {
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::into(name));
    st.exchange(soci::into(definition));
  }
};

/// A row of `k_recs_since` and the query's parameters.
struct recs_since_buffers {
  recommendation_row row;
  int64_t expert_id = 0, since = 0;

  void bind(soci::statement& st) {
    row.bind(st);
    st.exchange(soci::use(expert_id, "expert_id"));
    st.exchange(soci::use(since, "since"));
  }
};

/// The row of `k_previous_action` and the query's parameters.
struct previous_action_buffers {
  int64_t expert_id = 0, before = 0, same = 0, id = 0;
  std::string symbol, action;

  void bind(soci::statement& st) {
    st.exchange(soci::use(expert_id, "expert_id"));
    st.exchange(soci::use(symbol, "symbol"));
    st.exchange(soci::use(before, "before"));
    st.exchange(soci::use(same, "same"));
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::into(action));
  }
};

} // namespace

void for_each_row(soci::session& sql, const std::string& query,
                  const std::function<void(soci::statement&)>& bind,
                  const std::function<void()>& each) {
  soci::statement st(sql);
  bind(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch())
    each();
}

bool is_fresh(soci::session& sql) {
  int fresh = 0;
  sql << k_is_fresh, soci::into(fresh);
  return fresh == 1;
}

int64_t max_epoch(soci::session& sql) {
  int64_t epoch = 0;
  sql << k_max_epoch, soci::into(epoch);
  return epoch;
}

caf::optional<expert> load_expert(statement_cache& db, int64_t id) {
  auto& q = db.get<expert_buffers>(k_select_expert);
  auto& b = q.buf;
  b.id = id;
  // The into buffers keep the previous row's values: start from scratch.
  b.x = expert{};
  if (!execute_one(q.st))
    return caf::none;
  auto x = b.x;
  auto& s = x.settings;
  x.enabled = b.enabled != 0;
  x.enter_market_ruleset_id = opt(b.enter, b.enter_ind);
  x.open_positions_ruleset_id = opt(b.open, b.open_ind);
  s.enable_buy = b.buy != 0;
  s.enable_sell = b.sell != 0;
  s.allow_automated_trade_opening = b.opening != 0;
  s.allow_automated_trade_modification = b.modification != 0;
  auto json = nlohmann::json::parse(b.weights);
  for (auto& [symbol, weight] : json.items())
    s.weights.emplace(symbol, weight.get<double>());
  return x;
}

caf::expected<caf::optional<ruleset>> load_ruleset(statement_cache& db,
                                                    int64_t id) {
  auto& q = db.get<ruleset_buffers>(k_select_ruleset);
  q.buf.id = id;
  if (!execute_one(q.st))
    return caf::optional<ruleset>{};
  const auto& name = q.buf.name;
  const auto& definition = q.buf.definition;
  auto path = "rulesets[id=" + std::to_string(id) + "]";
  auto json = nlohmann::json::parse(definition, nullptr, false);
  if (json.is_discarded())
    return make_error(ec::invalid_input,
                      path + ".definition: stored definition is not JSON");
  auto result = parse_ruleset(json, path);
  if (!result)
    return std::move(result.error());
  // The row is authoritative for the identity, whatever the JSON says.
  result->id = id;
  result->name = name;
  return caf::optional<ruleset>{std::move(*result)};
}

std::vector<recommendation>
recommendations_since(statement_cache& db, int64_t expert_id,
                      int64_t since_ms) {
  auto& q = db.get<recs_since_buffers>(k_recs_since);
  q.buf.expert_id = expert_id;
  q.buf.since = since_ms;
  std::vector<recommendation> out;
  execute_rows(q.st, [&] { out.push_back(q.buf.row.get()); });
  return out;
}

caf::optional<rec_action> previous_action(statement_cache& db,
                                          int64_t expert_id,
                                          const std::string& symbol,
                                          int64_t created_at_ms, int64_t id) {
  auto& q = db.get<previous_action_buffers>(k_previous_action);
  auto& b = q.buf;
  b.expert_id = expert_id;
  b.symbol = symbol;
  b.before = created_at_ms;
  b.same = created_at_ms;
  b.id = id;
  if (!execute_one(q.st))
    return caf::none;
  return parsed(parse_rec_action(b.action), "recommendations.action",
                b.action);
}

std::vector<recommendation_outcome> run_outcomes(soci::session& sql,
                                                 int64_t run_id) {
  recommendation_outcome row;
  std::string result;
  std::vector<recommendation_outcome> out;
  auto bind = [&](soci::statement& st) {
    st.exchange(soci::into(row.recommendation_id));
    st.exchange(soci::into(result));
    st.exchange(soci::into(row.reason));
    st.exchange(soci::use(run_id, "run_id"));
  };
  for_each_row(sql, k_run_outcomes, bind, [&] {
    row.result = parsed(parse_outcome(result),
                        "recommendation_outcomes.outcome", result);
    out.push_back(row);
  });
  return out;
}

} // namespace tradeflow::storage::db
