#include "storage/soci_queries.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "storage/ruleset_codec.hpp"
#include "storage/soci_statements.hpp"

namespace tradeflow::storage::db {

namespace {

const std::string k_insert_ruleset
  = "INSERT INTO rulesets(id, name, definition)"
    " VALUES(:id, :name, :definition)"
    " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
    " definition = excluded.definition";
const std::string k_insert_expert
  = "INSERT INTO experts(id, name, enabled, virtual_equity_pct,"
    " enter_market_ruleset_id, open_positions_ruleset_id, enable_buy,"
    " enable_sell, allow_automated_trade_opening,"
    " allow_automated_trade_modification,"
    " max_virtual_equity_per_instrument_percent, diversification_factor,"
    " weights) VALUES(:id, :name, :enabled, :equity, :enter, :open, :buy,"
    " :sell, :opening, :modification, :max_pct, :factor, :weights)"
    // Add or replace: an embedding host updates its experts in place
    // (docs/embedding.md §2.2); a seed writes a fresh database.
    " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
    " enabled = excluded.enabled,"
    " virtual_equity_pct = excluded.virtual_equity_pct,"
    " enter_market_ruleset_id = excluded.enter_market_ruleset_id,"
    " open_positions_ruleset_id = excluded.open_positions_ruleset_id,"
    " enable_buy = excluded.enable_buy, enable_sell = excluded.enable_sell,"
    " allow_automated_trade_opening = excluded.allow_automated_trade_opening,"
    " allow_automated_trade_modification"
    " = excluded.allow_automated_trade_modification,"
    " max_virtual_equity_per_instrument_percent"
    " = excluded.max_virtual_equity_per_instrument_percent,"
    " diversification_factor = excluded.diversification_factor,"
    " weights = excluded.weights";
const std::string k_insert_rec
  = "INSERT INTO recommendations(id, expert_id, symbol, action,"
    " expected_profit_percent, price_at_date, confidence, risk_level,"
    " time_horizon, created_at) VALUES(:id, :expert_id, :symbol, :action,"
    " :profit, :price, :confidence, :risk, :horizon, :created_at)";
const std::string k_insert_run
  = "INSERT INTO runs(expert_id, use_case, status, error, started_at)"
    " VALUES(:expert_id, :use_case, :status, :error, :started_at)"
    " RETURNING id";
const std::string k_insert_outcome
  = "INSERT INTO recommendation_outcomes(run_id, recommendation_id, outcome,"
    " reason) VALUES(:run_id, :recommendation_id, :outcome, :reason)";

soci::indicator null_if(bool missing) {
  return missing ? soci::i_null : soci::i_ok;
}

/// The bind buffers of `k_insert_run`.
struct run_insert {
  int64_t run_id = 0, expert_id = 0, started = 0;
  std::string uc, status, error;
  soci::indicator error_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::use(expert_id, "expert_id"));
    st.exchange(soci::use(uc, "use_case"));
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(error, error_ind, "error"));
    st.exchange(soci::use(started, "started_at"));
    st.exchange(soci::into(run_id));
  }
};

/// The bind buffers of `k_insert_outcome`.
struct outcome_insert {
  int64_t run_id = 0, rec_id = 0;
  std::string result, reason;

  void bind(soci::statement& st) {
    st.exchange(soci::use(run_id, "run_id"));
    st.exchange(soci::use(rec_id, "recommendation_id"));
    st.exchange(soci::use(result, "outcome"));
    st.exchange(soci::use(reason, "reason"));
  }
};

} // namespace

void put_ruleset(soci::session& sql, const ruleset& x) {
  int64_t id = x.id;
  auto name = x.name;
  auto definition = to_json(x).dump();
  sql << k_insert_ruleset, soci::use(id, "id"), soci::use(name, "name"),
    soci::use(definition, "definition");
}

void put_expert(soci::session& sql, const expert& x) {
  const auto& s = x.settings;
  int64_t id = x.id;
  auto name = x.name;
  int enabled = x.enabled, buy = s.enable_buy, sell = s.enable_sell,
      opening = s.allow_automated_trade_opening,
      modification = s.allow_automated_trade_modification;
  double equity = x.virtual_equity_pct,
         max_pct = s.max_virtual_equity_per_instrument_percent,
         factor = s.diversification_factor;
  int64_t enter = x.enter_market_ruleset_id.value_or(0),
          open = x.open_positions_ruleset_id.value_or(0);
  auto enter_ind = null_if(!x.enter_market_ruleset_id),
       open_ind = null_if(!x.open_positions_ruleset_id);
  auto weights = nlohmann::json(s.weights).dump();
  sql << k_insert_expert, soci::use(id, "id"), soci::use(name, "name"),
    soci::use(enabled, "enabled"), soci::use(equity, "equity"),
    soci::use(enter, enter_ind, "enter"), soci::use(open, open_ind, "open"),
    soci::use(buy, "buy"), soci::use(sell, "sell"),
    soci::use(opening, "opening"), soci::use(modification, "modification"),
    soci::use(max_pct, "max_pct"), soci::use(factor, "factor"),
    soci::use(weights, "weights");
}

void put_recommendations(statement_cache& db,
                         const std::vector<recommendation>& xs) {
  tx_scope tr(db);
  auto& sql = db.sql();
  recommendation r;
  std::string action, risk, horizon;
  double confidence = 0;
  auto confidence_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::use(r.id, "id"));
  st.exchange(soci::use(r.expert_id, "expert_id"));
  st.exchange(soci::use(r.symbol, "symbol"));
  st.exchange(soci::use(action, "action"));
  st.exchange(soci::use(r.expected_profit_percent, "profit"));
  st.exchange(soci::use(r.price_at_date, "price"));
  st.exchange(soci::use(confidence, confidence_ind, "confidence"));
  st.exchange(soci::use(risk, "risk"));
  st.exchange(soci::use(horizon, "horizon"));
  st.exchange(soci::use(r.created_at_ms, "created_at"));
  st.alloc();
  st.prepare(k_insert_rec);
  st.define_and_bind();
  // One prepared statement, re-executed with the buffers refilled.
  for (const auto& x : xs) {
    r = x;
    action = to_string(x.action);
    risk = to_string(x.risk);
    horizon = to_string(x.horizon);
    confidence = x.confidence.value_or(0);
    confidence_ind = null_if(!x.confidence);
    st.execute(true);
  }
  tr.commit();
}

int64_t record_run(statement_cache& db, const run_record& x) {
  tx_scope tr(db);
  auto& run = db.get<run_insert>(k_insert_run);
  run.buf.expert_id = x.expert_id;
  run.buf.started = x.started_at_ms;
  run.buf.uc = to_string(x.uc);
  run.buf.status = to_string(x.status);
  run.buf.error = x.error.value_or(std::string{});
  run.buf.error_ind = null_if(!x.error);
  execute_one(run.st);
  auto& out = db.get<outcome_insert>(k_insert_outcome);
  out.buf.run_id = run.buf.run_id;
  for (const auto& o : x.outcomes) {
    out.buf.rec_id = o.recommendation_id;
    out.buf.result = to_string(o.result);
    out.buf.reason = o.reason;
    out.st.execute(true);
  }
  tr.commit();
  return run.buf.run_id;
}

} // namespace tradeflow::storage::db
