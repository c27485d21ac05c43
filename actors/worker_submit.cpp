#include "actors/worker_run.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/orders.hpp"
#include "actors/metrics.hpp"
#include "messages/error.hpp"

// Step 7 of a run: orders go to the broker one at a time, each after the
// previous answer or timeout. An unanswered submission is an unknown
// outcome: the order stays pending (it still blocks duplicates) and is
// never re-sent as a new order; the next refresh settles it.
namespace tradeflow {

namespace {

void submit_next(run_ptr r, size_t next, std::vector<order_update> acc);

void record(run_ptr r, std::vector<order_update> acc) {
  auto& st = r->self->state;
  if (acc.empty())
    return refresh_and_finish(r);
  fenced_updates req{st.key, r->grant ? r->grant->epoch : 0, std::move(acc)};
  r->self->request(st.deps.store, st.settings.store_timeout,
                   fenced_update_atom_v, std::move(req))
    .then([r](uint64_t) { refresh_and_finish(r); },
          [r](caf::error& err) {
            if (is(err, ec::stale_epoch))
              r->self->state.log->error(
                "status updates for {} refused: stale_epoch (a newer lock "
                "holder exists)",
                r->self->state.key);
            fail(r, err);
          });
}

void submit_next(run_ptr r, size_t next, std::vector<order_update> acc) {
  auto& st = r->self->state;
  if (next == r->to_submit.size())
    return record(r, std::move(acc));
  auto o = r->to_submit[next];
  r->submitted_any = true;
  auto then = [r, next](std::vector<order_update> acc, order_update u) {
    acc.push_back(std::move(u));
    submit_next(r, next + 1, std::move(acc));
  };
  r->self
    ->request(st.deps.broker, st.settings.broker_timeout, submit_atom_v,
              to_broker_order(o))
    .then(
      [then, acc, id = o.id](submit_reply& rep) {
        then(acc, submission_update(id, rep));
      },
      [r, then, acc, o](caf::error& err) {
        r->self->state.log->warn("submission of {} unanswered ({}): outcome "
                                 "unknown, kept pending",
                                 o.client_order_id, describe(err));
        if (auto* m = r->self->state.settings.metrics.get())
          m->order_event(engine_metrics::order_kind::unanswered);
        then(acc, unanswered_submission(o));
      });
}

// A leg being replaced is pending_cancel until the venue answers: only a
// confirmed cancel moves it to canceled here. A cancel that lost to a fill
// (or got no answer) leaves it for the refresh, which applies the fill;
// the replacement waits until then (docs/engine-details.md §6.5).
void cancel_next(run_ptr r, size_t next, std::vector<order_update> acc) {
  auto& st = r->self->state;
  if (next == r->to_cancel.size())
    return submit_next(r, 0, std::move(acc));
  auto& leg = r->to_cancel[next];
  r->self
    ->request(st.deps.broker, st.settings.broker_timeout, cancel_atom_v,
              to_broker_order(leg))
    .then(
      [r, next, acc](bool confirmed) mutable {
        auto& leg = r->to_cancel[next];
        if (confirmed)
          acc.push_back(move_order(leg.id, order_status::pending_cancel,
                                   order_status::canceled, leg.comment));
        else
          r->self->state.log->warn("cancel of {} refused by the venue: it "
                                   "stays pending_cancel until a refresh",
                                   leg.client_order_id);
        cancel_next(r, next + 1, std::move(acc));
      },
      [r, next, acc](caf::error& err) mutable {
        r->self->state.log->warn("cancel of {} unanswered ({}): it stays "
                                 "pending_cancel until a refresh",
                                 r->to_cancel[next].client_order_id,
                                 describe(err));
        cancel_next(r, next + 1, std::move(acc));
      });
}

} // namespace

void submit_orders(run_ptr r) {
  cancel_next(r, 0, {});
}

} // namespace tradeflow
