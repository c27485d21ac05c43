#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include <tradeflow/engine.hpp>

#include "actors/paper_broker.hpp"

/// An embedded engine on the paper venue with one bracket ruleset (buy
/// bullish, take profit +10 %, stop loss -5 %), expert 7 and a listener
/// that keeps every event (tests/embed).
namespace tradeflow::embed_test {

/// Keeps every event it is given (read after `engine::flush_events`).
class collector : public event_listener {
public:
  void on_event(const engine_event& ev) override {
    std::lock_guard<std::mutex> guard{mtx_};
    events_.push_back(ev);
  }
  std::vector<engine_event> events() {
    std::lock_guard<std::mutex> guard{mtx_};
    return events_;
  }

private:
  std::mutex mtx_;
  std::vector<engine_event> events_;
};

inline rule_action adjust(action_type type, double percent) {
  rule_action a;
  a.type = type;
  a.reference = reference_value::current_price;
  a.value = percent;
  return a;
}

inline ruleset bracket_ruleset() {
  rule r;
  r.name = "bullish";
  r.triggers.emplace_back();
  r.triggers.back().event = event_type::bullish;
  r.actions.emplace_back();
  r.actions.back().type = action_type::buy;
  r.actions.push_back(adjust(action_type::adjust_take_profit, 10));
  r.actions.push_back(adjust(action_type::adjust_stop_loss, -5));
  ruleset rs;
  rs.id = 1;
  rs.name = "bracket";
  rs.rules.push_back(std::move(r));
  return rs;
}

inline expert trading_expert(int64_t id) {
  expert x;
  x.id = id;
  x.name = "momentum";
  x.enter_market_ruleset_id = 1;
  x.settings.allow_automated_trade_opening = true;
  return x;
}

inline int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
    .count();
}

inline recommendation buy(int64_t id, int64_t expert_id,
                          const std::string& symbol) {
  recommendation r;
  r.id = id;
  r.expert_id = expert_id;
  r.symbol = symbol;
  r.action = rec_action::buy;
  r.expected_profit_percent = 10;
  r.price_at_date = 100;
  r.confidence = 90;
  r.created_at_ms = now_ms() - 60000;
  return r;
}

struct embed_fixture {
  std::shared_ptr<paper_broker> venue = std::make_shared<paper_broker>(
    price_quotes{{{"AAPL", 100.0}, {"MSFT", 200.0}}}, 100000, broker_faults{});
  std::shared_ptr<collector> seen = std::make_shared<collector>();
  std::unique_ptr<engine> eng;

  explicit embed_fixture(engine_options opts = {}) {
    opts.broker = venue;
    auto started = engine::start(std::move(opts));
    if (!started)
      throw std::runtime_error(describe(started.error()));
    eng = std::move(*started);
  }

  /// Ruleset 1 and expert 7 with one BUY recommendation per symbol.
  void seed(const std::vector<std::string>& symbols) {
    if (auto err = eng->put_ruleset(bracket_ruleset()))
      throw std::runtime_error(describe(err));
    if (auto err = eng->put_expert(trading_expert(7)))
      throw std::runtime_error(describe(err));
    std::vector<recommendation> recs;
    for (auto& s : symbols)
      recs.push_back(buy(static_cast<int64_t>(recs.size()) + 1, 7, s));
    if (auto n = eng->add_recommendations(recs); !n)
      throw std::runtime_error(describe(n.error()));
  }
};

/// The kinds of `events`, in order.
inline std::vector<event_kind> kinds_of(const std::vector<engine_event>& xs) {
  std::vector<event_kind> out;
  for (auto& x : xs)
    out.push_back(x.kind);
  return out;
}

} // namespace tradeflow::embed_test
