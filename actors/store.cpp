#include "actors/store.hpp"

#include <algorithm>
#include <set>

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/selection.hpp"
#include "actors/logging.hpp"
#include "messages/error.hpp"
#include "storage/seed.hpp"

namespace tradeflow {

namespace {

constexpr int64_t ms_per_day = 24 * 60 * 60 * 1000;

bool uses_rating_events(const ruleset& rs) {
  for (auto& r : rs.rules)
    for (auto& t : r.triggers)
      if (t.event >= event_type::rating_positive_to_neutral
          && t.event <= event_type::rating_negative_to_neutral)
        return true;
  return false;
}

/// The action of each selected recommendation's predecessor, read only
/// when the ruleset has rating events (none otherwise).
caf::error read_previous_actions(storage::transaction_store& db,
                                 run_snapshot& ctx) {
  auto with_rating = ctx.rules && uses_rating_events(*ctx.rules);
  for (auto& rec : ctx.recommendations) {
    caf::optional<rec_action> prev;
    if (with_rating) {
      auto p = db.previous_action(rec.expert_id, rec.symbol, rec.created_at_ms,
                                  rec.id);
      if (!p)
        return std::move(p.error());
      prev = *p;
    }
    ctx.previous_actions.push_back(prev);
  }
  return caf::none;
}

caf::expected<run_snapshot> load(storage::transaction_store& db,
                                const run_load_request& q) {
  run_snapshot ctx;
  if (!q.lock_key.empty()) {
    auto fenced = db.fence(q.lock_key, q.epoch);
    if (!fenced)
      return std::move(fenced.error());
    if (!*fenced)
      return make_error(ec::stale_epoch, q.lock_key + ": epoch "
                                           + std::to_string(q.epoch)
                                           + " is superseded");
  }
  auto who = db.load_expert(q.expert_id);
  if (!who)
    return std::move(who.error());
  if (!*who)
    return ctx;
  ctx.who = **who;
  auto rs_id = q.uc == use_case::enter_market
                 ? ctx.who->enter_market_ruleset_id
                 : ctx.who->open_positions_ruleset_id;
  if (rs_id) {
    auto rs = db.load_ruleset(*rs_id);
    if (!rs)
      return std::move(rs.error());
    ctx.rules = *rs;
  }
  auto since = q.now_ms - static_cast<int64_t>(q.lookback_days) * ms_per_day;
  auto window = db.recommendations_since(q.expert_id, since);
  if (!window)
    return std::move(window.error());
  ctx.recommendations = select_recommendations(
    std::move(*window), q.uc == use_case::enter_market);
  if (auto err = read_previous_actions(db, ctx))
    return err;
  auto live = db.live_transactions(q.expert_id, {});
  if (!live)
    return std::move(live.error());
  ctx.live_transactions = std::move(*live);
  if (q.uc == use_case::open_positions) {
    auto txns = db.transactions_to_sync(refresh_scope{q.expert_id, caf::none});
    if (!txns)
      return std::move(txns.error());
    for (auto& [txn, orders] : *txns)
      if (blocks_new_entry(txn.status))
        for (auto& o : orders)
          ctx.position_orders.push_back(o);
  }
  return ctx;
}

/// Writes each item of a request in its own database transaction; one
/// failed item leaves nothing behind and does not stop the rest.
template <class Item, class Write>
std::vector<write_result> write_each(spdlog::logger& log,
                                     const std::vector<Item>& items,
                                     Write write) {
  std::vector<write_result> results;
  for (auto& item : items) {
    write_result res;
    auto out = write(item, res);
    if (!out) {
      log.error("write for recommendation {} failed: {}",
                res.recommendation_id, describe(out.error()));
      res.status = write_status::failed;
      res.reason = describe(out.error());
    } else {
      res.status = out->status;
      if (out->transaction_id != 0)
        res.transaction_id = out->transaction_id;
      res.orders = std::move(out->orders);
      res.reason = out->reason;
    }
    results.push_back(std::move(res));
  }
  return results;
}

std::vector<write_result> write_all(storage::transaction_store& db,
                                    spdlog::logger& log,
                                    const write_request& q) {
  return write_each(log, q.entries,
                    [&](const entry_write& e, write_result& res) {
                      res.recommendation_id = e.recommendation_id;
                      return db.write_entry(q.lock_key, q.epoch, e);
                    });
}

std::vector<write_result> write_changes(storage::transaction_store& db,
                                        spdlog::logger& log,
                                        const position_write_request& q) {
  return write_each(log, q.changes,
                    [&](const position_change& c, write_result& res) {
                      res.recommendation_id = c.recommendation_id;
                      res.transaction_id = c.updated.id;
                      return db.write_position_change(q.lock_key, q.epoch,
                                                      c);
                    });
}

template <class T>
caf::result<T> lift(caf::expected<T> x) {
  if (x)
    return std::move(*x);
  return std::move(x.error());
}

caf::result<uint64_t> update_orders(storage::transaction_store& db,
                                    const std::vector<order_update>& xs) {
  auto changed = db.update_orders(xs);
  if (!changed)
    return std::move(changed.error());
  return static_cast<uint64_t>(
    std::count(changed->begin(), changed->end(), true));
}

/// Updates written only while `x.epoch` is still the key's newest.
caf::result<uint64_t> update_fenced(storage::transaction_store& db,
                                    spdlog::logger& log,
                                    const fenced_updates& x) {
  auto n = db.update_orders_fenced(x.lock_key, x.epoch, x.updates);
  if (!n)
    return std::move(n.error());
  if (!*n) {
    log.error("updates under {} epoch {} refused: stale_epoch", x.lock_key,
              x.epoch);
    return make_error(ec::stale_epoch, x.lock_key + ": epoch "
                                         + std::to_string(x.epoch)
                                         + " is superseded");
  }
  return **n;
}

/// `ec::invalid_input` naming `field` when ruleset `id` does not exist.
caf::error known_ruleset(storage::transaction_store& db,
                         const caf::optional<int64_t>& id, const char* field) {
  if (!id)
    return caf::none;
  auto rs = db.load_ruleset(*id);
  if (!rs)
    return std::move(rs.error());
  if (!*rs)
    return make_error(ec::invalid_input, std::string{"expert."} + field
                                           + ": unknown ruleset "
                                           + std::to_string(*id));
  return caf::none;
}

/// Writes an expert whose rulesets exist.
caf::error put_checked(storage::transaction_store& db, const expert& x) {
  if (auto err = known_ruleset(db, x.enter_market_ruleset_id,
                               "enter_market_ruleset_id"))
    return err;
  if (auto err = known_ruleset(db, x.open_positions_ruleset_id,
                               "open_positions_ruleset_id"))
    return err;
  return db.put_expert(x);
}

/// Adds recommendations whose experts exist; none when one does not.
caf::error add_checked(storage::transaction_store& db,
                       const std::vector<recommendation>& xs) {
  std::set<int64_t> known;
  for (size_t i = 0; i < xs.size(); ++i) {
    auto id = xs[i].expert_id;
    if (known.count(id) > 0)
      continue;
    auto who = db.load_expert(id);
    if (!who)
      return std::move(who.error());
    if (!*who)
      return make_error(ec::invalid_input,
                        "recommendations[" + std::to_string(i)
                          + "].expert_id: unknown expert "
                          + std::to_string(id));
    known.insert(id);
  }
  return db.put_recommendations(xs);
}

} // namespace

store_actor::behavior_type
store(store_actor::stateful_pointer<store_state> self,
      std::shared_ptr<storage::transaction_store> db, tick_table ticks) {
  self->state.db = std::move(db);
  self->state.ticks = std::move(ticks);
  self->state.log = component_logger("store");
  return {
    [self](load_atom, const run_load_request& q) -> caf::result<run_snapshot> {
      return lift(load(*self->state.db, q));
    },
    [self](write_atom, const write_request& q) {
      return write_all(*self->state.db, *self->state.log, q);
    },
    [self](write_atom, const position_write_request& q) {
      return write_changes(*self->state.db, *self->state.log, q);
    },
    [self](update_atom, const std::vector<order_update>& xs) {
      return update_orders(*self->state.db, xs);
    },
    [self](fenced_update_atom, const fenced_updates& x) {
      return update_fenced(*self->state.db, *self->state.log, x);
    },
    [self](open_orders_atom,
           const refresh_scope& scope) -> caf::result<std::vector<order>> {
      return lift(self->state.db->orders_to_refresh(scope));
    },
    [self](apply_atom, const refresh_report& x) -> caf::result<sync_summary> {
      return lift(apply_refresh(*self->state.db, *self->state.log, x));
    },
    [self](trigger_atom,
           const refresh_scope& scope) -> caf::result<std::vector<order>> {
      auto& st = self->state;
      return lift(release_triggers(*st.db, *st.log, scope, st.ticks));
    },
    [self](record_atom, const run_record& x) -> caf::result<int64_t> {
      return lift(self->state.db->record_run(x));
    },
    [self](add_atom, const recommendation_batch& x) -> caf::result<uint64_t> {
      if (auto err = add_checked(*self->state.db, x.items))
        return err;
      return static_cast<uint64_t>(x.items.size());
    },
    [self](seed_atom, const scenario_seed& x) -> caf::result<bool> {
      if (auto err = storage::seed_fresh_store(*self->state.db, x))
        return err;
      return true;
    },
    [self](dump_atom) -> caf::result<store_snapshot> {
      return lift(self->state.db->snapshot());
    },
    [self](dump_atom, int64_t expert_id) -> caf::result<store_snapshot> {
      return lift(self->state.db->expert_snapshot(expert_id));
    },
    [self](put_atom, const ruleset& x) -> caf::result<bool> {
      if (auto err = self->state.db->put_ruleset(x))
        return err;
      return true;
    },
    [self](put_atom, const expert& x) -> caf::result<bool> {
      if (auto err = put_checked(*self->state.db, x))
        return err;
      return true;
    },
  };
}

} // namespace tradeflow
