#include "actors/decisions/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "messages/limits.hpp"

namespace tradeflow {

namespace {

// Whole shares in `x`; -1 above limits::max_quantity, where the int64
// cast could overflow (undefined behaviour). The floor is exact, with no
// tolerance, as the sizing rule of docs/engine.md §5 says (q = floor(m)), so
// 332.99999999999994 shares is 332, and a quantity never exceeds its cap.
int64_t whole(double x) {
  if (!(x > 0))
    return 0;
  auto floored = std::floor(x);
  if (!(floored <= static_cast<double>(limits::max_quantity)))
    return -1;
  return static_cast<int64_t>(floored);
}

std::string too_many(double shares) {
  char buf[96];
  std::snprintf(buf, sizeof(buf), "quantity %.6g exceeds the maximum %.6g",
                shares, static_cast<double>(limits::max_quantity));
  return buf;
}

std::string money(double x) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f", x);
  return buf;
}

// Prices print like the reference output: "100.0", "123.45".
std::string price_text(double x) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.4f", x);
  std::string s = buf;
  while (s.size() > 2 && s.back() == '0' && s[s.size() - 2] != '.')
    s.pop_back();
  return s;
}

double notional(const transaction& t) {
  if (!t.open_price)
    return 0;
  return *t.open_price * static_cast<double>(t.quantity);
}

// max(0, unrealised loss) of one position; no current price: 0.
double open_loss(const transaction& t,
                 const std::map<std::string, double>& prices) {
  auto i = prices.find(t.symbol);
  if (!t.open_price || i == prices.end())
    return 0;
  auto qty = static_cast<double>(t.quantity);
  auto loss = t.side == order_side::buy ? (*t.open_price - i->second) * qty
                                        : (i->second - *t.open_price) * qty;
  return std::max(0.0, loss);
}

double score(const sizing_candidate& x) {
  if (x.confidence)
    return x.expected_profit_percent * *x.confidence / 100.0;
  return x.expected_profit_percent;
}

/// The equity a batch is sized from: what the live positions leave.
struct budget {
  double remaining = 0;
  /// The per-instrument cap.
  double cap = 0;
  /// Notional per symbol: live positions and what this batch sized.
  std::map<std::string, double> allocated;
  std::set<std::string> batch_symbols;

  // Counts, at the moment a candidate is sized, the batch symbols that
  // are still under their cap (sized yet or not, priced or not).
  size_t under_cap() {
    size_t n = 0;
    for (auto& s : batch_symbols)
      if (allocated[s] < cap)
        ++n;
    return n;
  }
};

budget budget_of(const sizing_request& req) {
  budget b;
  auto virtual_equity = req.balance * req.virtual_equity_pct / 100.0;
  double used = 0;
  for (auto& t : req.live_transactions) {
    if (!blocks_new_entry(t.status))
      continue;
    used += notional(t) + open_loss(t, req.prices);
    b.allocated[t.symbol] += notional(t);
  }
  auto available = virtual_equity - used;
  b.remaining = available;
  b.cap = available
          * req.settings.max_virtual_equity_per_instrument_percent / 100.0;
  for (auto& c : req.candidates)
    b.batch_symbols.insert(c.symbol);
  return b;
}

/// A weight other than 100 scales the quantity, if the result still fits
/// the remaining equity and the cap (and the largest quantity).
int64_t weighted(const expert_settings& settings, const std::string& symbol,
                 int64_t q, double price, double remaining, double room) {
  auto w = settings.weights.find(symbol);
  if (w == settings.weights.end() || w->second == 100.0)
    return q;
  auto q2 = whole(static_cast<double>(q) * w->second / 100.0);
  auto cost = static_cast<double>(q2) * price;
  return q2 >= 0 && cost <= remaining && cost <= room ? q2 : q;
}

/// One priced candidate, in sizing order; takes its cost from `b`.
void size_one(const expert_settings& settings, const sizing_candidate& c,
              double p, budget& b, sizing_decision& d) {
  auto room = b.cap - b.allocated[c.symbol];
  if (b.remaining < p) {
    d.reason = "remaining equity " + money(b.remaining) + " < price "
               + price_text(p);
    return;
  }
  if (room < p) {
    d.reason = "instrument cap " + money(room) + " < price " + price_text(p);
    return;
  }
  auto m = std::min(room, b.remaining) / p;
  if (settings.diversification_factor < 1.0 && b.under_cap() > 1)
    m *= settings.diversification_factor;
  auto q = whole(m);
  if (q < 0) {
    d.out_of_range = true;
    d.reason = too_many(m);
    return;
  }
  q = weighted(settings, c.symbol, q, p, b.remaining, room);
  d.quantity = q;
  if (q <= 0) {
    d.reason = "quantity rounds to 0 @ " + price_text(p);
    return;
  }
  auto cost = static_cast<double>(q) * p;
  b.remaining -= cost;
  b.allocated[c.symbol] += cost;
  d.reason = "quantity " + std::to_string(q) + " @ " + price_text(p);
}

} // namespace

sizing_result size_candidates(const sizing_request& req) {
  auto b = budget_of(req);
  auto order = req.candidates;
  std::stable_sort(order.begin(), order.end(),
                   [](const sizing_candidate& x, const sizing_candidate& y) {
                     return score(x) > score(y);
                   });
  sizing_result result;
  for (auto& c : order) {
    sizing_decision d;
    d.recommendation_id = c.recommendation_id;
    if (!c.price || !(*c.price > 0)) {
      d.no_price = true;
      d.reason = "no price for " + c.symbol;
    } else {
      size_one(req.settings, c, *c.price, b, d);
    }
    result.decisions.push_back(std::move(d));
  }
  return result;
}

} // namespace tradeflow
