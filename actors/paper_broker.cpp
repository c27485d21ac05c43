#include "actors/paper_broker.hpp"

#include <algorithm>
#include <utility>

namespace tradeflow {

namespace {

bool listed(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

submit_reply refused(std::string reason) {
  submit_reply result;
  result.accepted = false;
  result.reason = std::move(reason);
  return result;
}

// What a well-formed order needs before it may rest in the book.
std::string malformed(const broker_order& x) {
  if (x.quantity <= 0)
    return "quantity must be positive";
  switch (x.type) {
    case order_type::buy_limit:
    case order_type::sell_limit:
      if (!x.limit_price)
        return "limit order without limit_price";
      break;
    case order_type::buy_stop:
    case order_type::sell_stop:
      if (!x.stop_price)
        return "stop order without stop_price";
      break;
    default:
      break;
  }
  return {};
}

} // namespace

paper_broker::paper_broker(price_quotes initial, double balance,
                           broker_faults faults)
  : prices_(std::move(initial.prices)),
    balance_(balance),
    faults_(std::move(faults)) {
  // nop
}

caf::optional<submit_reply> paper_broker::submit(const broker_order& x) {
  // Idempotent on the client order id: a retry is the same order.
  if (auto i = book_.find(x.client_order_id); i != book_.end()) {
    if (faults_.drop_answers)
      return caf::none;
    submit_reply again;
    again.accepted = true;
    again.broker_order_id = i->second.state.broker_order_id;
    return again;
  }
  // Never reaches the book: unknown to status, settled by nothing.
  if (listed(faults_.timeout_symbols, x.symbol))
    return caf::none;
  if (listed(faults_.refuse_symbols, x.symbol))
    return refused("broker refused " + x.symbol + " (refuse_symbols)");
  if (faults_.refuse_after >= 0 && accepted_ >= faults_.refuse_after)
    return refused("broker refused " + x.symbol + " (refuse_after "
                   + std::to_string(faults_.refuse_after) + ")");
  if (auto why = malformed(x); !why.empty())
    return refused("broker refused " + x.client_order_id + ": " + why);
  if (x.type == order_type::market && prices_.count(x.symbol) == 0)
    return refused("broker refused " + x.symbol + ": no price");
  ++accepted_;
  book_entry entry;
  entry.order = x;
  entry.seq = next_seq_++;
  entry.state.client_order_id = x.client_order_id;
  entry.state.known = true;
  entry.state.status = order_status::open;
  entry.state.broker_order_id = "P-" + std::to_string(entry.seq);
  auto& booked = book_.emplace(x.client_order_id, std::move(entry))
                   .first->second;
  if (!x.oco_group.empty())
    groups_[x.oco_group].push_back(x.client_order_id);
  submit_reply reply;
  reply.accepted = true;
  reply.broker_order_id = booked.state.broker_order_id;
  // Checked on arrival: a marketable order fills before the answer leaves.
  if (try_fill(booked, true) && !x.oco_group.empty())
    cancel_group(x.oco_group, x.client_order_id);
  if (faults_.drop_answers)
    return caf::none;
  return reply;
}

std::vector<broker_order_state>
paper_broker::status(const std::vector<std::string>& client_order_ids) {
  std::vector<broker_order_state> result;
  result.reserve(client_order_ids.size());
  for (auto& id : client_order_ids) {
    auto i = book_.find(id);
    if (i != book_.end()) {
      result.push_back(i->second.state);
    } else {
      broker_order_state unknown;
      unknown.client_order_id = id;
      unknown.known = false;
      result.push_back(std::move(unknown));
    }
  }
  return result;
}

bool paper_broker::cancel(const std::string& client_order_id) {
  auto i = book_.find(client_order_id);
  if (i == book_.end() || i->second.state.status != order_status::open)
    return false;
  auto& entry = i->second;
  if (listed(faults_.cancel_loses_symbols, entry.order.symbol)) {
    // The fill reached the venue first: the order fills at its own level.
    auto& o = entry.order;
    auto level = o.limit_price ? o.limit_price : o.stop_price;
    if (!level)
      if (auto p = prices_.find(o.symbol); p != prices_.end())
        level = p->second;
    if (level) {
      entry.state.status = order_status::filled;
      entry.state.filled_qty = o.quantity;
      entry.state.avg_price = level;
      if (!o.oco_group.empty())
        cancel_group(o.oco_group, o.client_order_id);
      return false;
    }
  }
  entry.state.status = order_status::canceled;
  return true;
}

price_quotes paper_broker::prices(const std::vector<std::string>& symbols) {
  price_quotes result;
  if (symbols.empty()) {
    result.prices = prices_;
    return result;
  }
  for (auto& s : symbols)
    if (auto i = prices_.find(s); i != prices_.end())
      result.prices.emplace(s, i->second);
  return result;
}

void paper_broker::set_prices(const price_quotes& x) {
  for (auto& [symbol, price] : x.prices)
    prices_[symbol] = price;
  // Working orders on the changed symbols, in submission order.
  std::vector<book_entry*> working;
  for (auto& [id, entry] : book_)
    if (entry.state.status == order_status::open
        && x.prices.count(entry.order.symbol) > 0)
      working.push_back(&entry);
  std::sort(working.begin(), working.end(),
            [](const book_entry* a, const book_entry* b) {
              return a->seq < b->seq;
            });
  for (auto entry : working)
    // An earlier fill may have canceled this one through its OCO group;
    // try_fill skips orders that are no longer open.
    if (try_fill(*entry, false) && !entry->order.oco_group.empty())
      cancel_group(entry->order.oco_group, entry->order.client_order_id);
}

double paper_broker::balance() {
  return balance_;
}

void paper_broker::set_faults(const broker_faults& x) {
  faults_ = x;
}

bool paper_broker::try_fill(book_entry& x, bool on_arrival) {
  if (x.state.status != order_status::open)
    return false;
  auto i = prices_.find(x.order.symbol);
  if (i == prices_.end())
    return false;
  auto cur = i->second;
  auto& o = x.order;
  caf::optional<double> fill;
  switch (o.type) {
    case order_type::market:
      fill = cur;
      break;
    // A limit order marketable on arrival fills at the current price,
    // which is at least as good as its limit; a resting one fills at its
    // limit when a price change reaches it (docs/engine-details.md §6.2).
    case order_type::buy_limit:
      if (cur <= *o.limit_price)
        fill = on_arrival ? cur : *o.limit_price;
      break;
    case order_type::sell_limit:
      if (cur >= *o.limit_price)
        fill = on_arrival ? cur : *o.limit_price;
      break;
    case order_type::buy_stop:
      if (cur >= *o.stop_price)
        fill = cur;
      break;
    case order_type::sell_stop:
      if (cur <= *o.stop_price)
        fill = cur;
      break;
  }
  if (!fill)
    return false;
  x.state.status = order_status::filled;
  x.state.filled_qty = o.quantity;
  x.state.avg_price = fill;
  return true;
}

void paper_broker::cancel_group(const std::string& group,
                                const std::string& except) {
  auto members = groups_.find(group);
  if (members == groups_.end())
    return;
  for (auto& id : members->second) {
    auto& entry = book_.at(id);
    if (id != except && entry.state.status == order_status::open)
      entry.state.status = order_status::canceled;
  }
}

bool paper_broker::reset(const venue_setup& x) {
  *this = paper_broker{x.prices, x.balance, x.faults};
  return true;
}

} // namespace tradeflow
