#include "app/embedded_impl.hpp"

#include <utility>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "app/api_checks.hpp"

// The data, run and query calls of an embedded engine (docs/embedding.md
// §2.2): each checks its input, then asks one actor and waits, bounded.
namespace tradeflow {

namespace {

/// Sends `xs...` to `dest` and waits for its answer of type T.
template <class T, class Handle, class... Ts>
caf::expected<T> ask(const engine::impl& x, const Handle& dest, Ts&&... xs) {
  if (x.stopped)
    return engine_stopped();
  caf::scoped_actor self{*x.sys};
  caf::expected<T> out{engine_stopped()};
  self->request(dest, x.call_timeout(), std::forward<Ts>(xs)...)
    .receive([&](T& value) { out = std::move(value); },
             [&](caf::error& err) { out = std::move(err); });
  return out;
}

run_request request_of(const engine::impl& x, int64_t expert_id,
                       use_case uc) {
  run_request req;
  req.expert_id = expert_id;
  req.uc = uc;
  req.lookback_days = x.options.lookback_days;
  return req;
}

caf::expected<run_result> run_once(const engine::impl& x, int64_t expert_id,
                                   use_case uc) {
  if (expert_id <= 0)
    return make_error(ec::invalid_input,
                      "expert_id: must be > 0, got "
                        + std::to_string(expert_id));
  auto r = ask<run_result>(x, x.actors.supervisor, process_atom_v,
                           request_of(x, expert_id, uc));
  if (r)
    x.publish_run(*r);
  return r;
}

} // namespace

caf::error engine::put_ruleset(const ruleset& x) {
  if (auto err = check_ruleset(x))
    return err;
  auto ok = ask<bool>(*impl_, impl_->actors.store, put_atom_v, x);
  return ok ? caf::error{} : std::move(ok.error());
}

caf::error engine::put_expert(const expert& x) {
  if (auto err = check_expert(x))
    return err;
  auto ok = ask<bool>(*impl_, impl_->actors.store, put_atom_v, x);
  return ok ? caf::error{} : std::move(ok.error());
}

caf::expected<uint64_t>
engine::add_recommendations(const std::vector<recommendation>& xs) {
  if (auto err = check_recommendations(xs))
    return err;
  return ask<uint64_t>(*impl_, impl_->actors.store, add_atom_v,
                       recommendation_batch{xs});
}

caf::expected<run_result> engine::enter_market(int64_t expert_id) {
  return run_once(*impl_, expert_id, use_case::enter_market);
}

caf::expected<run_result> engine::open_positions(int64_t expert_id) {
  return run_once(*impl_, expert_id, use_case::open_positions);
}

void engine::trigger(int64_t expert_id, use_case uc) {
  if (impl_->stopped || expert_id <= 0)
    return;
  // A short-lived actor per trigger: the host's thread returns at once and
  // the result leaves as a run_finished event.
  auto supervisor = impl_->actors.supervisor;
  auto req = request_of(*impl_, expert_id, uc);
  auto timeout = impl_->call_timeout();
  auto bus = impl_->bus;
  auto settings = impl_->settings;
  impl_->sys->spawn([=](caf::event_based_actor* self) {
    auto publish = [=](run_result r) {
      self->send(bus, publish_atom_v,
                 std::vector<engine_event>{
                   run_finished_event(std::move(r), settings.now_ms())});
    };
    self->request(supervisor, timeout, process_atom_v, req)
      .then([=](run_result& r) { publish(std::move(r)); },
            [=](caf::error& err) {
              // A run that did not answer still ends, with its error
              // (docs/engine.md §2.4: a failed run is `processed`).
              run_result r;
              r.expert_id = req.expert_id;
              r.uc = req.uc;
              r.error = describe(err);
              publish(std::move(r));
            });
  });
}

caf::expected<sync_summary> engine::refresh(caf::optional<int64_t> expert_id) {
  return ask<sync_summary>(*impl_, impl_->actors.refresher, refresh_atom_v,
                           refresh_scope{expert_id, caf::none}, true);
}

caf::expected<std::vector<transaction>>
engine::transactions(int64_t expert_id) {
  auto snap = ask<store_snapshot>(*impl_, impl_->actors.store, dump_atom_v,
                                  expert_id);
  if (!snap)
    return std::move(snap.error());
  return std::move(snap->transactions);
}

caf::expected<std::vector<order>> engine::orders(int64_t expert_id) {
  auto snap = ask<store_snapshot>(*impl_, impl_->actors.store, dump_atom_v,
                                  expert_id);
  if (!snap)
    return std::move(snap.error());
  return std::move(snap->orders);
}

} // namespace tradeflow
