#include "actors/refresher.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "messages/broker_adapter.hpp"
#include "actors/decisions/orders.hpp"
#include "actors/logging.hpp"
#include "actors/metrics.hpp"
#include "messages/error.hpp"

namespace tradeflow {

namespace {

using self_ptr = refresher_actor::stateful_pointer<refresher_state>;

/// One refresh in flight.
struct pass {
  self_ptr self;
  refresh_scope scope;
  caf::typed_response_promise<sync_summary> rp;
  sync_summary summary;
  std::vector<order> legs;
  std::vector<order_update> updates;
};

using pass_ptr = std::shared_ptr<pass>;

auto deliver_error(pass_ptr p) {
  return [p](caf::error& err) {
    p->self->state.log->error("refresh failed: {}", describe(err));
    p->rp.deliver(std::move(err));
  };
}

void record_submissions(pass_ptr p) {
  auto& st = p->self->state;
  if (p->updates.empty()) {
    p->rp.deliver(p->summary);
    return;
  }
  p->self
    ->request(st.store, st.settings.store_timeout, update_atom_v, p->updates)
    .then([p](uint64_t) { p->rp.deliver(p->summary); }, deliver_error(p));
}

void submit_legs(pass_ptr p, size_t next) {
  if (next == p->legs.size())
    return record_submissions(p);
  auto& st = p->self->state;
  auto& leg = p->legs[next];
  p->self
    ->request(st.broker, st.settings.broker_timeout, submit_atom_v,
              to_broker_order(leg))
    .then(
      [p, next, id = leg.id](submit_reply& rep) {
        p->updates.push_back(submission_update(id, rep));
        submit_legs(p, next + 1);
      },
      [p, next](caf::error&) {
        if (auto* m = p->self->state.settings.metrics.get())
          m->order_event(engine_metrics::order_kind::unanswered);
        p->updates.push_back(unanswered_submission(p->legs[next]));
        submit_legs(p, next + 1);
      });
}

void check_triggers(pass_ptr p) {
  auto& st = p->self->state;
  p->self
    ->request(st.store, st.settings.store_timeout, trigger_atom_v, p->scope)
    .then(
      [p](std::vector<order>& legs) {
        p->legs = std::move(legs);
        submit_legs(p, 0);
      },
      deliver_error(p));
}

void apply_states(pass_ptr p, std::vector<broker_order_state> states) {
  auto& st = p->self->state;
  auto now = p->scope.as_of_ms ? *p->scope.as_of_ms : st.settings.now_ms();
  refresh_report report{p->scope, now, std::move(states)};
  p->self->request(st.store, st.settings.store_timeout, apply_atom_v, report)
    .then(
      [p](sync_summary& s) {
        p->summary = s;
        check_triggers(p);
      },
      deliver_error(p));
}

void refresh_statuses(pass_ptr p) {
  auto& st = p->self->state;
  p->self
    ->request(st.store, st.settings.store_timeout, open_orders_atom_v,
              p->scope)
    .then(
      [p](std::vector<order>& working) {
        auto& st = p->self->state;
        std::vector<broker_order> ids;
        ids.reserve(working.size());
        for (auto& o : working)
          ids.push_back(to_broker_order(o));
        if (ids.empty())
          return apply_states(p, {});
        // One status request for every order the refresh covers.
        p->self
          ->request(st.broker, st.settings.broker_timeout, order_states_atom_v,
                    ids)
          .then(
            [p](std::vector<broker_order_state>& states) {
              apply_states(p, std::move(states));
            },
            [p](caf::error& err) {
              // Unanswered: orders keep their status; sync still runs.
              p->self->state.log->warn("status request unanswered: {}",
                                       describe(err));
              apply_states(p, {});
            });
      },
      deliver_error(p));
}

} // namespace

refresher_actor::behavior_type
refresher(self_ptr self, store_actor store, broker_actor broker,
          run_settings settings) {
  auto& st = self->state;
  st.store = std::move(store);
  st.broker = std::move(broker);
  st.settings = settings;
  st.log = component_logger("refresher");
  return {
    [self](refresh_atom, refresh_scope scope, bool with_status) {
      auto p = std::make_shared<pass>();
      p->self = self;
      p->scope = std::move(scope);
      p->rp = self->make_response_promise<sync_summary>();
      if (with_status)
        refresh_statuses(p);
      else
        check_triggers(p);
      return p->rp;
    },
  };
}

} // namespace tradeflow
