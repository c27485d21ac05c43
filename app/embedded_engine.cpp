#include "app/embedded_impl.hpp"

#include <cmath>
#include <utility>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/events/callback_subscriber.hpp"
#include "actors/events/event_bus.hpp"
#include "actors/metrics.hpp"
#include "actors/logging.hpp"
#include "actors/paper_broker.hpp"
#include "app/api_checks.hpp"
#include "app/config.hpp"
#include "app/venue_choice.hpp"

// Starting and stopping an embedded engine, and subscriptions
// (docs/embedding.md §2, §3).
namespace tradeflow {

caf::error engine_stopped() {
  return make_error(ec::invalid_input, "engine: stopped");
}

engine_event run_finished_event(run_result r, int64_t at_ms) {
  engine_event ev;
  ev.kind = event_kind::run_finished;
  ev.at_ms = at_ms;
  ev.run = std::move(r);
  return ev;
}

void engine::impl::publish_run(const run_result& r) const {
  caf::anon_send(bus, publish_atom_v,
                 std::vector<engine_event>{
                   run_finished_event(r, settings.now_ms())});
}

namespace {

caf::error check_options(const engine_options& o) {
  auto refuse = [](const char* field, const std::string& why) {
    return make_error(ec::invalid_input,
                      std::string{"engine_options."} + field + ": " + why);
  };
  if (o.lock_wait.count() <= 0)
    return refuse("lock_wait", "must be > 0");
  if (o.broker_timeout.count() <= 0)
    return refuse("broker_timeout", "must be > 0");
  if (o.store_timeout.count() <= 0)
    return refuse("store_timeout", "must be > 0");
  if (o.call_timeout.count() <= 0)
    return refuse("call_timeout", "must be > 0");
  if (o.refresh_interval.count() < 0)
    return refuse("refresh_interval", "must be >= 0");
  if (o.max_runs_in_flight == 0)
    return refuse("max_runs_in_flight", "must be > 0");
  if (o.lookback_days <= 0)
    return refuse("lookback_days", "must be > 0");
  if (o.event_queue_capacity == 0)
    return refuse("event_queue_capacity", "must be > 0");
  if (o.event_batch_size == 0)
    return refuse("event_batch_size", "must be > 0");
  if (!std::isfinite(o.paper_balance) || o.paper_balance < 0)
    return refuse("paper_balance", "must be a finite number >= 0");
  for (auto& [symbol, price] : o.paper_prices)
    if (!std::isfinite(price) || price <= 0)
      return refuse("paper_prices", symbol + ": must be a finite price > 0");
  if (auto err = check_venue_options(o.broker != nullptr, o.venue != nullptr,
                                     o.fix_config))
    return err;
  return check_ticks(o.tick_size, o.tick_sizes);
}

caf::error setup_logging(const engine_options& o) {
  auto sinks = o.logger ? o.logger->sinks() : o.log_sinks;
  return configure_logging(std::move(sinks), o.log_level);
}

run_settings settings_of(const engine_options& o) {
  run_settings s;
  s.lock_wait = o.lock_wait;
  s.broker_timeout = o.broker_timeout;
  s.max_runs_in_flight = o.max_runs_in_flight;
  s.store_timeout = o.store_timeout;
  s.ticks.fallback = tick_of(o.tick_size);
  for (auto& [symbol, tick] : o.tick_sizes)
    s.ticks.by_symbol[symbol] = tick_of(tick);
  return s;
}

/// The host's broker, its venue, the FIX venue or the paper venue.
caf::expected<broker_backend> backend_of(const engine_options& o,
                                         const run_settings& s) {
  price_quotes prices{o.paper_prices};
  if (o.broker)
    return broker_backend{o.broker};
  if (o.venue)
    return async_backend(o.venue, prices, o.paper_balance);
  if (o.fix_config.empty())
    return broker_backend{
      std::make_shared<paper_broker>(prices, o.paper_balance, broker_faults{})};
  venue_choice choice;
  choice.broker = "fix";
  choice.fix_config = o.fix_config;
  choice.price_tick = tick_value(s.ticks.fallback);
  // The collar's reference: the prices given at start (no price step in
  // the embedding API moves them).
  return fix_backend(choice, std::make_shared<quote_board>(prices), prices,
                     o.paper_balance);
}

/// Spawns the bus and the engine's actors over the store at
/// `options.database`, its writes recorded as events.
caf::error spawn_all(engine::impl& x) {
  auto db = open_migrated_store(x.options.database);
  if (!db)
    return std::move(db.error());
  auto epoch = (*db)->max_epoch();
  if (!epoch)
    return std::move(epoch.error());
  event_bus_settings bus_settings;
  bus_settings.max_batch = x.options.event_batch_size;
  x.bus = x.sys->spawn(event_bus, bus_settings);
  x.settings.events = x.bus;
  if (x.options.metrics)
    x.settings.metrics = std::make_shared<engine_metrics>(*x.options.metrics);
  auto broker = backend_of(x.options, x.settings);
  if (!broker)
    return std::move(broker.error());
  x.actors = start_engine(*x.sys, x.settings, std::move(*db),
                          std::move(*broker), caf::timespan{0}, *epoch + 1,
                          x.options.refresh_interval);
  reconcile_on_start(*x.sys, x.actors, x.settings);
  return caf::none;
}

} // namespace

engine::engine(std::unique_ptr<impl> x) : impl_(std::move(x)) {
  // nop
}

engine::~engine() {
  stop();
}

caf::expected<std::unique_ptr<engine>> engine::start(engine_options options) {
  if (auto err = check_options(options))
    return err;
  auto x = std::make_unique<impl>();
  x->own_config = std::make_unique<caf::actor_system_config>();
  configure_engine_system(*x->own_config);
  if (options.scheduler_threads > 0)
    x->own_config->set("scheduler.max-threads", options.scheduler_threads);
  x->own_system = std::make_unique<caf::actor_system>(*x->own_config);
  x->sys = x->own_system.get();
  x->options = std::move(options);
  x->settings = settings_of(x->options);
  if (auto err = setup_logging(x->options))
    return err;
  if (auto err = spawn_all(*x)) {
    stop_engine(x->actors);
    caf::anon_send_exit(x->bus, caf::exit_reason::user_shutdown);
    return err;
  }
  return std::unique_ptr<engine>{new engine(std::move(x))};
}

caf::expected<std::unique_ptr<engine>>
engine::start(caf::actor_system& sys, engine_options options) {
  if (auto err = check_options(options))
    return err;
  auto x = std::make_unique<impl>();
  x->sys = &sys;
  x->options = std::move(options);
  x->settings = settings_of(x->options);
  if (auto err = setup_logging(x->options))
    return err;
  if (auto err = spawn_all(*x)) {
    stop_engine(x->actors);
    caf::anon_send_exit(x->bus, caf::exit_reason::user_shutdown);
    return err;
  }
  return std::unique_ptr<engine>{new engine(std::move(x))};
}

caf::error engine::flush_events() {
  if (impl_->stopped)
    return engine_stopped();
  caf::scoped_actor self{*impl_->sys};
  caf::error out;
  self->request(impl_->bus, impl_->call_timeout(), flush_atom_v)
    .receive([](bool) {}, [&](caf::error& err) { out = std::move(err); });
  return out;
}

void engine::stop() noexcept {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  if (impl_->stopped)
    return;
  auto& a = impl_->actors;
  // The supervisor first (no new runs), the store last (its last
  // transaction done); then the subscribers get what is left, bounded.
  stop_and_wait(*impl_->sys, a.ticker, a.supervisor, a.refresher, a.risk,
                a.broker, a.store);
  {
    caf::scoped_actor self{*impl_->sys};
    self->request(impl_->bus, std::chrono::seconds(5), flush_atom_v)
      .receive([](bool) {}, [](caf::error&) {});
  }
  impl_->stopped = true;
  stop_and_wait(*impl_->sys, impl_->bus);
  for (auto& [id, handle] : impl_->listeners)
    stop_and_wait(*impl_->sys, handle);
  impl_->listeners.clear();
  impl_->actors = engine_actors{};
  impl_->bus = nullptr;
  shutdown_logging();
  // The engine's own system: its destructor waits for every actor left
  // (the detached listeners among them) and joins its threads.
  impl_->own_system.reset();
}

caf::actor_system& engine::system() noexcept {
  return *impl_->sys;
}

caf::expected<subscription_id> engine::subscribe(const event_subscriber& actor) {
  if (!actor)
    return make_error(ec::invalid_input, "subscribe: no actor");
  if (impl_->stopped)
    return engine_stopped();
  caf::scoped_actor self{*impl_->sys};
  caf::expected<subscription_id> out{engine_stopped()};
  self
    ->request(impl_->bus, impl_->call_timeout(), subscribe_atom_v, actor,
              impl_->options.event_queue_capacity)
    .receive([&](uint64_t id) { out = id; },
             [&](caf::error& err) { out = std::move(err); });
  return out;
}

caf::expected<subscription_id>
engine::subscribe(std::shared_ptr<event_listener> listener) {
  if (!listener)
    return make_error(ec::invalid_input, "subscribe: no listener");
  if (impl_->stopped)
    return engine_stopped();
  auto handle = impl_->sys->spawn<caf::detached>(
    callback_subscriber,
    [listener](const engine_event& ev) { listener->on_event(ev); });
  auto id = subscribe(handle);
  if (!id) {
    caf::anon_send_exit(handle, caf::exit_reason::user_shutdown);
    return id;
  }
  std::lock_guard<std::mutex> guard{impl_->mtx};
  impl_->listeners.emplace(*id, handle);
  return id;
}

void engine::unsubscribe(subscription_id id) {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  if (impl_->stopped)
    return;
  caf::anon_send(impl_->bus, unsubscribe_atom_v, id);
  if (auto i = impl_->listeners.find(id); i != impl_->listeners.end()) {
    caf::anon_send_exit(i->second, caf::exit_reason::user_shutdown);
    impl_->listeners.erase(i);
  }
}

} // namespace tradeflow
