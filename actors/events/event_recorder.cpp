#include "actors/events/event_recorder.hpp"

#include <utility>

namespace tradeflow {

caf::optional<event_kind> order_event_kind(caf::optional<order_status> from,
                                           order_status to) {
  if (from && *from == to)
    // Same status: only a fill that grew is news; a reprice is not.
    return to == order_status::partially_filled
             ? caf::optional<event_kind>{event_kind::order_partially_filled}
             : caf::none;
  switch (to) {
    case order_status::pending:
      return event_kind::order_submitted;
    case order_status::open:
      return event_kind::order_acknowledged;
    case order_status::partially_filled:
      return event_kind::order_partially_filled;
    case order_status::filled:
      return event_kind::order_filled;
    case order_status::canceled:
    case order_status::expired:
      return event_kind::order_canceled;
    case order_status::rejected:
    case order_status::error:
      return event_kind::order_rejected;
    case order_status::waiting_trigger:
    case order_status::pending_cancel:
      return caf::none;
  }
  return caf::none;
}

engine_event make_order_event(const order& after,
                              caf::optional<order_status> from,
                              event_kind kind, int64_t at_ms) {
  engine_event ev;
  ev.kind = kind;
  ev.at_ms = at_ms;
  order_event o;
  o.order_id = after.id;
  o.transaction_id = after.transaction_id;
  o.expert_id = after.expert_id;
  o.symbol = after.symbol;
  o.client_order_id = after.client_order_id;
  o.role = after.role;
  o.side = after.side;
  o.type = after.type;
  o.quantity = after.quantity;
  o.from = from;
  o.to = after.status;
  o.filled_qty = after.filled_qty;
  o.filled_avg_price = after.filled_avg_price;
  o.broker_order_id = after.broker_order_id;
  if (kind == event_kind::order_rejected || kind == event_kind::order_canceled)
    o.reason = after.comment;
  ev.order = std::move(o);
  return ev;
}

engine_event make_transaction_event(const transaction& after,
                                    caf::optional<txn_status> from,
                                    int64_t at_ms) {
  engine_event ev;
  ev.kind = event_kind::transaction_status;
  ev.at_ms = at_ms;
  transaction_event t;
  t.transaction_id = after.id;
  t.expert_id = after.expert_id;
  t.symbol = after.symbol;
  t.from = from;
  t.to = after.status;
  t.side = after.side;
  t.quantity = after.quantity;
  t.open_price = after.open_price;
  t.close_price = after.close_price;
  ev.transaction = std::move(t);
  return ev;
}

event_recording_store::event_recording_store(
  std::shared_ptr<storage::transaction_store> inner, publisher publish,
  std::function<int64_t()> clock)
  : inner_(std::move(inner)),
    publish_(std::move(publish)),
    clock_(std::move(clock)) {
  // nop
}

void event_recording_store::record_order(int64_t id,
                                         caf::optional<order_status> from) {
  // The write has committed: a failed read costs its event (counted in
  // unreadable_), never the write's own result.
  auto row = inner_->order_by_id(id);
  if (!row || !*row) {
    ++unreadable_;
    return;
  }
  if (auto kind = order_event_kind(from, (*row)->status))
    pending_.push_back(make_order_event(**row, from, *kind, clock_()));
}

void event_recording_store::record_new_orders(const std::vector<order>& xs) {
  for (auto& o : xs)
    if (auto kind = order_event_kind(caf::none, o.status))
      pending_.push_back(make_order_event(o, caf::none, *kind, clock_()));
}

void event_recording_store::flush() {
  if (group_depth_ > 0 || pending_.empty())
    return;
  auto events = std::move(pending_);
  pending_.clear();
  publish_(std::move(events));
}

// -- writes that change statuses ----------------------------------------------

caf::expected<storage::entry_outcome>
event_recording_store::write_entry(const std::string& lock_key, int64_t epoch,
                                   const entry_write& x) {
  auto out = inner_->write_entry(lock_key, epoch, x);
  if (out && out->status == write_status::written) {
    auto txn = x.txn;
    txn.id = out->transaction_id;
    pending_.push_back(make_transaction_event(txn, caf::none, clock_()));
    record_new_orders(out->orders);
    flush();
  }
  return out;
}

caf::expected<storage::entry_outcome>
event_recording_store::write_position_change(const std::string& lock_key,
                                             int64_t epoch,
                                             const position_change& x) {
  auto out = inner_->write_position_change(lock_key, epoch, x);
  if (!out || out->status != write_status::written)
    return out;
  if (x.updated.status != x.expected_status)
    pending_.push_back(
      make_transaction_event(x.updated, x.expected_status, clock_()));
  for (auto& u : x.order_updates)
    if (u.from != u.to)
      record_order(u.order_id, u.from);
  record_new_orders(out->orders);
  flush();
  return out;
}

caf::expected<bool> event_recording_store::update_order(const order_update& x) {
  auto ok = inner_->update_order(x);
  if (ok && *ok) {
    record_order(x.order_id, x.from);
    flush();
  }
  return ok;
}

caf::expected<std::vector<bool>>
event_recording_store::update_orders(const std::vector<order_update>& xs) {
  auto applied = inner_->update_orders(xs);
  if (!applied)
    return applied;
  for (size_t i = 0; i < xs.size() && i < applied->size(); ++i)
    if ((*applied)[i])
      record_order(xs[i].order_id, xs[i].from);
  flush();
  return applied;
}

caf::expected<caf::optional<uint64_t>>
event_recording_store::update_orders_fenced(const std::string& lock_key,
                                            int64_t epoch,
                                            const std::vector<order_update>& xs) {
  // The batch reports only how many applied: an update applied when its
  // order was in `from` before and is in `to` after (one writer: this
  // store actor).
  std::vector<bool> was_in_from;
  for (auto& x : xs) {
    auto row = inner_->order_by_id(x.order_id);
    if (!row)
      return std::move(row.error());
    was_in_from.push_back(*row && (*row)->status == x.from);
  }
  auto n = inner_->update_orders_fenced(lock_key, epoch, xs);
  if (!n || !*n || **n == 0)
    return n;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!was_in_from[i])
      continue;
    auto row = inner_->order_by_id(xs[i].order_id);
    if (!row || !*row) {
      ++unreadable_;
      continue;
    }
    if ((*row)->status == xs[i].to)
      if (auto kind = order_event_kind(xs[i].from, xs[i].to))
        pending_.push_back(
          make_order_event(**row, xs[i].from, *kind, clock_()));
  }
  flush();
  return n;
}

caf::expected<bool>
event_recording_store::update_transaction(const transaction& x,
                                          txn_status from) {
  auto ok = inner_->update_transaction(x, from);
  if (ok && *ok && x.status != from) {
    pending_.push_back(make_transaction_event(x, from, clock_()));
    flush();
  }
  return ok;
}

caf::error
event_recording_store::grouped(const std::function<caf::error()>& f) {
  // A grouped attempt that fails is rolled back and `f` runs once more
  // ungrouped (transaction_store::grouped): each attempt starts afresh, and
  // what the last attempt recorded is what stands.
  auto outer = pending_;
  ++group_depth_;
  auto err = inner_->grouped([&] {
    pending_ = outer;
    return f();
  });
  --group_depth_;
  flush();
  return err;
}

// -- everything else is forwarded ---------------------------------------------

caf::expected<int> event_recording_store::migrate() {
  return inner_->migrate();
}
caf::expected<bool> event_recording_store::is_fresh() {
  return inner_->is_fresh();
}
caf::error
event_recording_store::seed_fresh(const std::function<caf::error()>& f) {
  return inner_->seed_fresh(f);
}
caf::expected<int64_t> event_recording_store::max_epoch() {
  return inner_->max_epoch();
}
caf::error event_recording_store::put_ruleset(const ruleset& x) {
  return inner_->put_ruleset(x);
}
caf::error event_recording_store::put_expert(const expert& x) {
  return inner_->put_expert(x);
}
caf::error event_recording_store::put_recommendations(
  const std::vector<recommendation>& xs) {
  return inner_->put_recommendations(xs);
}
caf::error event_recording_store::put_transaction(const transaction& x) {
  return inner_->put_transaction(x);
}
caf::expected<caf::optional<expert>>
event_recording_store::load_expert(int64_t id) {
  return inner_->load_expert(id);
}
caf::expected<caf::optional<ruleset>>
event_recording_store::load_ruleset(int64_t id) {
  return inner_->load_ruleset(id);
}
caf::expected<std::vector<recommendation>>
event_recording_store::recommendations_since(int64_t expert_id,
                                             int64_t since_ms) {
  return inner_->recommendations_since(expert_id, since_ms);
}
caf::expected<caf::optional<rec_action>>
event_recording_store::previous_action(int64_t expert_id,
                                       const std::string& symbol,
                                       int64_t created_at_ms, int64_t id) {
  return inner_->previous_action(expert_id, symbol, created_at_ms, id);
}
caf::expected<std::vector<transaction>>
event_recording_store::live_transactions(
  int64_t expert_id, const std::vector<std::string>& symbols) {
  return inner_->live_transactions(expert_id, symbols);
}
caf::expected<bool> event_recording_store::fence(const std::string& lock_key,
                                                 int64_t epoch) {
  return inner_->fence(lock_key, epoch);
}
caf::expected<std::vector<order>>
event_recording_store::orders_to_refresh(const refresh_scope& scope) {
  return inner_->orders_to_refresh(scope);
}
caf::expected<std::vector<order>>
event_recording_store::waiting_trigger_orders(const refresh_scope& scope) {
  return inner_->waiting_trigger_orders(scope);
}
caf::expected<std::vector<order>> event_recording_store::orders_by_client_id(
  const std::vector<std::string>& ids) {
  return inner_->orders_by_client_id(ids);
}
caf::expected<caf::optional<order>>
event_recording_store::order_by_id(int64_t id) {
  return inner_->order_by_id(id);
}
caf::expected<std::vector<std::pair<transaction, std::vector<order>>>>
event_recording_store::transactions_to_sync(const refresh_scope& scope) {
  return inner_->transactions_to_sync(scope);
}
caf::expected<int64_t> event_recording_store::record_run(const run_record& x) {
  return inner_->record_run(x);
}
caf::expected<store_snapshot> event_recording_store::snapshot() {
  return inner_->snapshot();
}
caf::expected<store_snapshot>
event_recording_store::expert_snapshot(int64_t expert_id) {
  return inner_->expert_snapshot(expert_id);
}

} // namespace tradeflow
