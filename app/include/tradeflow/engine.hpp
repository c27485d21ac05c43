#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include <tradeflow/events.hpp>
#include <tradeflow/options.hpp>
#include <tradeflow/version.hpp>

#include "messages/entities.hpp"
#include "messages/error.hpp"
#include "messages/rules.hpp"
#include "messages/run.hpp"

/// The engine as a library (docs/embedding.md). Start one, give it
/// rulesets, experts and recommendations, trigger runs, read back what it
/// did, and subscribe to what happens.
///
/// Errors are values: `caf::error` in the engine's category
/// (`tradeflow::ec`, registered with CAF_ERROR_CODE_ENUM), e.g.
/// `ec::invalid_input` naming the field that was refused. Nothing throws.
///
/// Every member function may be called from any host thread, concurrently.
/// The blocking ones wait at most `engine_options::call_timeout`.
namespace tradeflow {

class engine {
public:
  /// Starts an engine in an actor system of its own (stopped and joined by
  /// `stop`).
  static caf::expected<std::unique_ptr<engine>> start(engine_options options);

  /// Starts an engine in the host's actor system, which must outlive it.
  /// The system needs no configuration of ours: the engine's messages
  /// stay in this process (call `add_message_types` on its config only to
  /// send events to actors on other nodes).
  static caf::expected<std::unique_ptr<engine>>
  start(caf::actor_system& sys, engine_options options);

  /// Stops the engine (see `stop`).
  ~engine();

  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  /// Stops every actor of the engine and waits for them; runs in progress
  /// end, their writes committed or not at all. Idempotent. An actor
  /// system the engine created is shut down and joined; the host's is
  /// left running.
  void stop() noexcept;

  // -- data --------------------------------------------------------------------

  /// Adds or replaces a ruleset (checked as the replay format checks it).
  caf::error put_ruleset(const ruleset& x);

  /// Adds or replaces an expert; its rulesets must exist.
  caf::error put_expert(const expert& x);

  /// Adds recommendations (each checked; none written when one is
  /// refused). Their experts must exist. Returns how many were added.
  caf::expected<uint64_t>
  add_recommendations(const std::vector<recommendation>& xs);

  // -- runs (docs/engine.md §2) ------------------------------------------------

  /// One enter_market run of the expert: its new recommendations become
  /// entries (with take-profit / stop-loss legs waiting for the fill).
  caf::expected<run_result> enter_market(int64_t expert_id);

  /// One open_positions run: the expert's open positions are adjusted or
  /// closed as its ruleset says.
  caf::expected<run_result> open_positions(int64_t expert_id);

  /// Starts a run without waiting; its result comes as a `run_finished`
  /// event.
  void trigger(int64_t expert_id, use_case uc);

  /// Refreshes order statuses from the broker (one expert, or all), syncs
  /// transactions and releases legs whose parent filled.
  caf::expected<sync_summary>
  refresh(caf::optional<int64_t> expert_id = caf::none);

  // -- queries -----------------------------------------------------------------

  /// The expert's transactions, ordered by id.
  caf::expected<std::vector<transaction>> transactions(int64_t expert_id);

  /// The expert's orders, ordered by id.
  caf::expected<std::vector<order>> orders(int64_t expert_id);

  // -- events (docs/embedding.md §3) -------------------------------------------

  /// Calls `listener->on_event` for every event from now on.
  caf::expected<subscription_id>
  subscribe(std::shared_ptr<event_listener> listener);

  /// Sends `event_batch`es to a CAF actor (see event_subscriber).
  caf::expected<subscription_id> subscribe(const event_subscriber& actor);

  /// Ends a subscription; events already handed over may still arrive.
  void unsubscribe(subscription_id id);

  /// Waits until every subscriber has taken every event published before
  /// the call (those of runs and refreshes that returned).
  caf::error flush_events();

  /// The actor system the engine runs in.
  caf::actor_system& system() noexcept;

  struct impl;

private:
  explicit engine(std::unique_ptr<impl> x);

  std::unique_ptr<impl> impl_;
};

/// Registers the engine's message types with a host's config (only needed
/// to send events across nodes).
void add_message_types(caf::actor_system_config& cfg);

} // namespace tradeflow
