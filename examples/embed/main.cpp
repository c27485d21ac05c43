// A host embedding tradeflow (docs/embedding.md §6): its own venue logs every call, a
// subscriber prints every event, one position opens and closes at its take profit.
#include <iostream>
#include <map>
#include <mutex>

#include <spdlog/sinks/stdout_sinks.h>
#include <tradeflow/engine.hpp>

namespace tf = tradeflow;

void say(const std::string& line) { // the venue and the events print
  static std::mutex mtx;
  std::lock_guard<std::mutex> guard{mtx};
  std::cout << line << std::endl;
}

// Fills a market order at the quote, a limit or stop order once the quote
// reaches it; a fill cancels the rest of its one-cancels-other group.
class logging_venue : public tf::broker_adapter {
public:
  void quote(const std::string& symbol, double price) {
    std::lock_guard<std::mutex> guard{mtx_};
    say("venue: " + symbol + " now " + std::to_string(price));
    prices_[symbol] = price;
  }
  caf::optional<tf::submit_reply> submit(const tf::broker_order& x) override {
    std::lock_guard<std::mutex> guard{mtx_};
    say("venue: submit " + x.client_order_id + ' ' + tf::to_string(x.type)
        + ' ' + std::to_string(x.quantity) + ' ' + x.symbol);
    auto& o = book_[x.client_order_id];
    o.order = x;
    o.state.client_order_id = x.client_order_id;
    o.state.known = true; // accepted: working at the venue
    o.state.status = tf::order_status::open;
    o.state.broker_order_id = "V-" + x.client_order_id;
    return tf::submit_reply{true, o.state.broker_order_id, ""};
  }
  std::vector<tf::broker_order_state>
  status(const std::vector<std::string>& ids) override {
    std::lock_guard<std::mutex> guard{mtx_};
    for (auto& [id, o] : book_)
      if (o.state.status == tf::order_status::open)
        if (auto px = fill_price(o.order))
          fill(o, *px);
    std::vector<tf::broker_order_state> out;
    for (auto& id : ids) {
      auto i = book_.find(id); // an unknown id: known = false
      out.push_back(i != book_.end() ? i->second.state
                                     : tf::broker_order_state{});
      out.back().client_order_id = id;
    }
    return out;
  }
  bool cancel(const std::string& id) override {
    std::lock_guard<std::mutex> guard{mtx_};
    auto i = book_.find(id);
    if (i == book_.end() || i->second.state.status != tf::order_status::open)
      return false;
    say("venue: cancel " + id);
    i->second.state.status = tf::order_status::canceled;
    return true;
  }
  tf::price_quotes prices(const std::vector<std::string>&) override {
    std::lock_guard<std::mutex> guard{mtx_};
    return tf::price_quotes{prices_};
  }
  double balance() override { return 100000; }

private:
  struct entry { tf::broker_order order; tf::broker_order_state state; };
  caf::optional<double> fill_price(const tf::broker_order& x) {
    auto px = prices_.at(x.symbol);
    using t = tf::order_type;
    bool hit = x.type == t::market
               || (x.type == t::sell_limit && px >= *x.limit_price)
               || (x.type == t::sell_stop && px <= *x.stop_price)
               || (x.type == t::buy_limit && px <= *x.limit_price)
               || (x.type == t::buy_stop && px >= *x.stop_price);
    return hit ? caf::optional<double>{px} : caf::none;
  }
  void fill(entry& o, double px) {
    say("venue: fill " + o.order.client_order_id + " @ " + std::to_string(px));
    o.state.status = tf::order_status::filled;
    o.state.filled_qty = o.order.quantity;
    o.state.avg_price = px;
    for (auto& [id, other] : book_)
      if (&other != &o && !o.order.oco_group.empty()
          && other.order.oco_group == o.order.oco_group
          && other.state.status == tf::order_status::open)
        other.state.status = tf::order_status::canceled;
  }
  std::mutex mtx_;
  std::map<std::string, double> prices_; // the quotes
  std::map<std::string, entry> book_;    // by client order id
};

struct printer : tf::event_listener { // called on a thread of its own
  void on_event(const tf::engine_event& e) override { say("event: " + tf::describe(e)); }
};

int fail(const caf::error& err) {
  return std::cerr << "embed_example: " << tf::describe(err) << '\n', 1;
}
int main() {
  auto venue = std::make_shared<logging_venue>();
  venue->quote("AAPL", 100);
  tf::engine_options opts;
  opts.broker = venue;
  opts.logger = spdlog::stderr_logger_mt("host"); // the host's own logger
  opts.log_level = "warn";
  auto eng = tf::engine::start(opts);
  if (!eng)
    return fail(eng.error());
  auto& e = **eng;
  if (auto id = e.subscribe(std::make_shared<printer>()); !id)
    return fail(id.error());
  tf::rule bracket{"bullish", false, {tf::trigger{}}, {tf::rule_action{}}};
  for (double pct : {10.0, -5.0}) { // take profit +10 %, stop loss -5 %
    tf::rule_action a;
    a.type = pct > 0 ? tf::action_type::adjust_take_profit
                     : tf::action_type::adjust_stop_loss;
    a.reference = tf::reference_value::current_price;
    a.value = pct;
    bracket.actions.push_back(a);
  }
  tf::ruleset rs{1, "bracket", {bracket}};
  tf::expert momentum{7, "momentum", true, 100, 1, caf::none, {}};
  momentum.settings.allow_automated_trade_opening = true;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
  tf::recommendation rec{1, 7, "AAPL", tf::rec_action::buy, 10, 100, 90.0,
                         tf::risk_level::medium, tf::time_horizon::short_term,
                         now - 60000};
  if (auto err = e.put_ruleset(rs))
    return fail(err);
  if (auto err = e.put_expert(momentum))
    return fail(err);
  if (auto n = e.add_recommendations({rec}); !n)
    return fail(n.error());
  // The run submits the entry; its own refresh sees it filled, opens the
  // position and sends the take profit and stop loss.
  if (auto run = e.enter_market(7); !run)
    return fail(run.error());
  venue->quote("AAPL", 111);
  e.refresh(); // the take profit fills; the position closes
  e.flush_events(), e.stop();
  return 0;
}
