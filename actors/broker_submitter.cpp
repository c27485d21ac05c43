#include "actors/broker_submitter.hpp"

#include <chrono>

#include <caf/sec.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/logging.hpp"
#include "actors/metrics.hpp"
#include "actors/venue/sync_venue.hpp"

namespace tradeflow {

namespace {

using self_ptr = broker_actor::stateful_pointer<broker_submitter_state>;

/// What the broker actor remembers of orders: enough for a node's working
/// set; final orders beyond it are forgotten, oldest first.
constexpr size_t remembered_orders = 100'000;

/// Reports go from the venue's threads into the broker actor's mailbox, so
/// the actor never shares state with a venue thread. The delay is the
/// simulated latency of a synchronous (paper) venue; a real one has none.
class mailbox_listener : public venue_listener {
public:
  mailbox_listener(broker_actor handle,
                   std::shared_ptr<std::atomic<int64_t>> delay_ns)
    : handle_(std::move(handle)), delay_ns_(std::move(delay_ns)) {
    // nop
  }

  void on_report(const execution_report& x) override {
    auto delay = delay_ns_->load();
    if (delay == 0)
      caf::anon_send(handle_, report_atom_v, x);
    else
      caf::delayed_anon_send(handle_, caf::timespan{delay}, report_atom_v, x);
  }

private:
  broker_actor handle_;
  std::shared_ptr<std::atomic<int64_t>> delay_ns_;
};

/// Runs one venue call, timed when metrics are on: a venue returns at
/// once, so this is the engine's own cost of the call.
template <class Call>
void timed(self_ptr self, Call&& call) {
  auto* m = self->state.metrics.get();
  if (!m)
    return call(*self->state.venue);
  auto t0 = std::chrono::steady_clock::now();
  call(*self->state.venue);
  m->broker_request(std::chrono::steady_clock::now() - t0);
}

void count_order(self_ptr self, engine_metrics::order_kind x) {
  if (auto* m = self->state.metrics.get())
    m->order_event(x);
}

/// A synchronous read (prices, balance), timed like a venue call.
template <class Read>
auto timed_read(self_ptr self, Read&& read) {
  auto* m = self->state.metrics.get();
  if (!m)
    return read();
  auto t0 = std::chrono::steady_clock::now();
  auto out = read();
  m->broker_request(std::chrono::steady_clock::now() - t0);
  return out;
}

/// Arms the expiry of request `token` after `after`.
void arm(self_ptr self, uint64_t token, caf::timespan after) {
  self->delayed_send(self, after, deliver_atom_v, token);
}

caf::error unanswered() {
  return caf::make_error(caf::sec::request_timeout,
                         "the venue did not answer in time");
}

template <class Map, class F>
void resolve(Map& waiting, const std::string& id, F&& deliver) {
  auto [first, last] = waiting.equal_range(id);
  for (auto i = first; i != last; ++i)
    deliver(i->second.second);
  waiting.erase(first, last);
}

/// Answers a status query with what it got, falling back to what pushed
/// reports told (an asynchronous venue may not answer a status request).
void answer_query(self_ptr self, uint64_t token, bool fallback) {
  auto& rq = self->state.requests;
  auto i = rq.queries.find(token);
  if (i == rq.queries.end())
    return;
  auto q = std::move(i->second);
  rq.queries.erase(i);
  std::vector<broker_order_state> out;
  out.reserve(q.ids.size());
  for (auto& id : q.ids) {
    auto [first, last] = rq.queries_by_order.equal_range(id);
    for (auto k = first; k != last; ++k)
      if (k->second == token) {
        rq.queries_by_order.erase(k);
        break;
      }
    auto a = q.answered.find(id);
    auto l = rq.latest.find(id);
    if (a != q.answered.end() && (a->second.known || !fallback)) {
      out.push_back(a->second);
    } else if (fallback && l != rq.latest.end() && l->second.known) {
      // "Unknown" to a status request, but a pushed report (a resend
      // after a restart, say) told what happened.
      out.push_back(order_state_of(l->second));
    } else if (a != q.answered.end()) {
      out.push_back(a->second);
    } else {
      broker_order_state unknown;
      unknown.client_order_id = id;
      out.push_back(std::move(unknown));
    }
  }
  q.rp.deliver(std::move(out));
}

/// Emulated one-cancels-other: a fill cancels the group's other orders
/// that the venue still works.
void cancel_siblings(self_ptr self, const std::string& filled) {
  auto& rq = self->state.requests;
  auto s = rq.sent.find(filled);
  if (s == rq.sent.end() || s->second.oco_group.empty())
    return;
  auto g = rq.groups.find(s->second.oco_group);
  if (g == rq.groups.end())
    return;
  for (auto& id : g->second) {
    if (id == filled || rq.is_done(id))
      continue;
    auto& o = rq.sent.at(id);
    cancel_request c{id, id + "-oco" + std::to_string(self->state.next_cancel++),
                     o.symbol, o.side, o.quantity};
    self->state.log->info("{} filled: canceling {} of its group {}", filled,
                          id, o.oco_group);
    timed(self, [&c](venue_adapter& v) { v.cancel(c); });
  }
}

void on_report(self_ptr self, const execution_report& x) {
  auto& st = self->state;
  auto& rq = st.requests;
  rq.note(x);
  auto& id = x.client_order_id;
  bool accepted = x.kind != exec_kind::rejected && x.kind != exec_kind::status
                  && x.kind != exec_kind::cancel_rejected;
  if (x.kind == exec_kind::rejected || accepted) {
    if (x.kind == exec_kind::rejected && rq.submits.count(id) > 0)
      count_order(self, engine_metrics::order_kind::rejected);
    if (rq.submits.count(id) > 0)
      st.log->info("submission of {}: {}", id,
                   accepted ? "accepted" : "refused: " + x.text);
    resolve(rq.submits, id, [&](auto& rp) {
      rp.deliver(submit_reply{accepted, x.broker_order_id, x.text});
    });
  }
  if (x.kind == exec_kind::canceled || x.kind == exec_kind::cancel_rejected
      || x.kind == exec_kind::filled)
    resolve(rq.cancels, id,
            [&](auto& rp) { rp.deliver(x.kind == exec_kind::canceled); });
  if (x.kind == exec_kind::filled && !st.venue->native_oco())
    cancel_siblings(self, id);
  // A synchronous venue answers a status request with status reports
  // only; any report of an asynchronous venue is news for a query.
  if (x.kind == exec_kind::status || !st.sync) {
    std::vector<uint64_t> complete;
    auto [first, last] = rq.queries_by_order.equal_range(id);
    for (auto k = first; k != last; ++k) {
      auto& q = rq.queries.at(k->second);
      if (x.known || q.answered.count(id) == 0)
        q.answered.insert_or_assign(id, order_state_of(x));
      if (q.answered.size() == q.ids.size())
        complete.push_back(k->second);
    }
    for (auto token : complete)
      answer_query(self, token, !st.sync);
  }
  rq.prune(remembered_orders);
}

caf::typed_response_promise<submit_reply> submit(self_ptr self,
                                                 const broker_order& x) {
  auto& st = self->state;
  auto rp = self->make_response_promise<submit_reply>();
  auto token = st.requests.next_token++;
  st.requests.submits.emplace(x.client_order_id, std::make_pair(token, rp));
  st.requests.remember(x);
  arm(self, token, st.window);
  count_order(self, engine_metrics::order_kind::submitted);
  st.log->info("submitting {} ({} {} {})", x.client_order_id,
               to_string(x.side), x.quantity, x.symbol);
  timed(self, [&x](venue_adapter& v) { v.submit(x); });
  return rp;
}

caf::typed_response_promise<bool> cancel(self_ptr self, const broker_order& x) {
  auto& st = self->state;
  auto rp = self->make_response_promise<bool>();
  st.requests.remember(x);
  if (st.requests.is_done(x.client_order_id)) {
    rp.deliver(false); // filled or ended already: nothing to cancel
    return rp;
  }
  auto token = st.requests.next_token++;
  st.requests.cancels.emplace(x.client_order_id, std::make_pair(token, rp));
  arm(self, token, st.window);
  cancel_request c{x.client_order_id,
                   x.client_order_id + "-c"
                     + std::to_string(st.next_cancel++),
                   x.symbol, x.side, x.quantity};
  timed(self, [&c](venue_adapter& v) { v.cancel(c); });
  return rp;
}

caf::typed_response_promise<std::vector<broker_order_state>>
order_states(self_ptr self, const std::vector<broker_order>& xs) {
  auto& st = self->state;
  auto rp = self->make_response_promise<std::vector<broker_order_state>>();
  auto token = st.requests.next_token++;
  auto& q = st.requests.queries[token];
  q.rp = rp;
  for (auto& x : xs) {
    st.requests.remember(x);
    q.ids.push_back(x.client_order_id);
    st.requests.queries_by_order.emplace(x.client_order_id, token);
  }
  // A simulated venue's silence is a timeout (its latency decides), a
  // real venue's is answered before the requester's own timeout, from
  // what its pushed reports told.
  arm(self, token, st.sync ? st.window : st.window * 3 / 4);
  if (xs.empty())
    answer_query(self, token, false);
  else
    timed(self, [&xs](venue_adapter& v) { v.request_status(xs); });
  return rp;
}

/// A request's time is up: its waiting promise is answered and forgotten.
void expire(self_ptr self, uint64_t token) {
  auto& rq = self->state.requests;
  if (rq.queries.count(token) > 0) {
    if (self->state.sync) {
      auto q = std::move(rq.queries.at(token));
      rq.queries.erase(token);
      for (auto& id : q.ids)
        for (auto [k, e] = rq.queries_by_order.equal_range(id); k != e; ++k)
          if (k->second == token) {
            rq.queries_by_order.erase(k);
            break;
          }
      q.rp.deliver(unanswered());
      return;
    }
    return answer_query(self, token, true);
  }
  auto drop = [&](auto& waiting, const char* what) {
    for (auto i = waiting.begin(); i != waiting.end(); ++i)
      if (i->second.first == token) {
        self->state.log->warn("no answer for the {} of {}", what, i->first);
        i->second.second.deliver(unanswered());
        waiting.erase(i);
        return true;
      }
    return false;
  };
  if (!drop(rq.submits, "submission"))
    drop(rq.cancels, "cancel");
}

} // namespace

namespace {

bool reset_venue(self_ptr self, const venue_setup& x) {
  auto& st = self->state;
  if (!st.sync || !st.sync->reset(x))
    return false;
  st.requests = venue_requests{};
  st.latency_ns->store(
    std::chrono::nanoseconds(std::chrono::milliseconds(x.latency_ms)).count());
  st.log->info("venue reset: {} prices, balance {}, latency {} ms",
               x.prices.prices.size(), x.balance, x.latency_ms);
  return true;
}

price_quotes quotes_of(self_ptr self, const std::vector<std::string>& symbols) {
  auto& st = self->state;
  if (st.sync)
    return st.sync->prices(symbols);
  if (symbols.empty())
    return st.quotes;
  price_quotes out;
  for (auto& s : symbols)
    if (auto i = st.quotes.prices.find(s); i != st.quotes.prices.end())
      out.prices.emplace(s, i->second);
  return out;
}

} // namespace

broker_actor::behavior_type
broker_submitter(self_ptr self, broker_backend backend, caf::timespan latency,
                 caf::timespan window, std::shared_ptr<engine_metrics> metrics) {
  auto& st = self->state;
  st.sync = std::move(backend.sync);
  st.venue = st.sync ? std::make_shared<sync_venue>(st.sync)
                     : std::move(backend.venue);
  st.quotes = std::move(backend.prices);
  st.balance = backend.balance;
  st.latency_ns = std::make_shared<std::atomic<int64_t>>(latency.count());
  st.window = window;
  st.metrics = std::move(metrics);
  st.log = component_logger("broker");
  st.venue->start(std::make_shared<mailbox_listener>(
    caf::actor_cast<broker_actor>(self), st.latency_ns));
  // The venue stops delivering before the actor's state goes away.
  self->attach_functor([venue = st.venue] { venue->stop(); });
  return {
    [self](submit_atom, const broker_order& x) { return submit(self, x); },
    [self](order_states_atom, const std::vector<broker_order>& xs) {
      return order_states(self, xs);
    },
    [self](cancel_atom, const broker_order& x) { return cancel(self, x); },
    [self](report_atom, const execution_report& x) { on_report(self, x); },
    [self](price_atom, const std::vector<std::string>& symbols) {
      return timed_read(self, [&] { return quotes_of(self, symbols); });
    },
    [self](set_price_atom, const price_quotes& x) {
      auto& st = self->state;
      if (st.sync)
        st.sync->set_prices(x);
      for (auto& [symbol, price] : x.prices)
        st.quotes.prices[symbol] = price;
      return true;
    },
    [self](balance_atom) {
      auto& st = self->state;
      return timed_read(self, [&] {
        return st.sync ? st.sync->balance() : st.balance;
      });
    },
    [self](faults_atom, const broker_faults& x) {
      auto& st = self->state;
      if (!st.sync)
        return false; // a real venue has no simulated faults
      st.sync->set_faults(x);
      return true;
    },
    [self](setup_atom, const venue_setup& x) { return reset_venue(self, x); },
    [self](deliver_atom, uint64_t token) { expire(self, token); },
  };
}

} // namespace tradeflow
