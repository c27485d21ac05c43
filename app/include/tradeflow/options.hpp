#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "messages/broker_adapter.hpp"
#include "messages/venue.hpp"

namespace spdlog {
class logger;
namespace sinks {
class sink;
} // namespace sinks
} // namespace spdlog

namespace prometheus {
class Registry;
} // namespace prometheus

/// How an embedded engine runs (docs/embedding.md §2.1). Every field has a
/// default that works: `engine::start(engine_options{})` is an engine on an
/// in-memory SQLite database trading on the paper venue.
namespace tradeflow {

struct engine_options {
  // -- storage ----------------------------------------------------------------

  /// Where transactions, orders and runs are kept: `sqlite3://db=PATH`
  /// (`:memory:` for a database that dies with the engine), a bare file
  /// path (SQLite, WAL), or `postgresql://...` (libpq keywords, e.g.
  /// `postgresql://dbname=tf host=/run/postgresql`). Migrated on start.
  /// Default: an in-memory SQLite database.
  std::string database = "sqlite3://db=:memory:";

  // -- runs (docs/engine.md §3) ----------------------------------------------

  /// How long a run waits for its (expert, use case) lock before it is
  /// skipped with status `lock_timeout`. Default: 500 ms.
  std::chrono::milliseconds lock_wait{500};

  /// A broker answer later than this is an unknown outcome: the order
  /// stays `pending` and keeps blocking duplicates. Default: 1 s.
  std::chrono::milliseconds broker_timeout{1000};

  /// Runs let in at once; later ones wait in FIFO order. Default: 512.
  size_t max_runs_in_flight = 512;

  /// Upper bound for any database request. Default: 30 s.
  std::chrono::milliseconds store_timeout{30000};

  /// Days of recommendations a run looks at. Default: 1.
  int32_t lookback_days = 1;

  /// Refresh every expert's open orders from the broker this often (then
  /// sync transactions and release take-profit / stop-loss legs); zero:
  /// only when the host calls `engine::refresh`. Default: zero.
  std::chrono::milliseconds refresh_interval{0};

  // -- the venue --------------------------------------------------------------

  /// The host's broker (messages/broker_adapter.hpp). The engine calls it
  /// from one thread at a time, never concurrently. Default (null): the
  /// built-in paper venue over `paper_prices` and `paper_balance`.
  std::shared_ptr<broker_adapter> broker;

  /// The host's own asynchronous venue (messages/venue.hpp; README,
  /// "Connecting a real venue"): requests return at once and it reports
  /// from its own threads. Its prices are `paper_prices` (a market order's
  /// reference) and its balance `paper_balance`. At most one of `broker`,
  /// `venue` and `fix_config` is set. Default: null.
  std::shared_ptr<venue_adapter> venue;

  /// Trade on the FIX venue (docs/fix-venue.md): the path of its QuickFIX
  /// session settings file. A market order is sent as a limit order
  /// collared around `paper_prices` (its last known price) on the grid of
  /// `tick_size`; the balance is `paper_balance`. Needs a library built
  /// with QuickFIX, else `start` refuses it. Default: empty (not used).
  std::string fix_config;

  /// The paper venue's quotes (symbol -> price). Default: none.
  std::map<std::string, double> paper_prices;

  /// The paper venue's account balance. Default: 100,000.
  double paper_balance = 100000;

  /// The price increment of every instrument: take-profit and stop-loss
  /// levels are rounded to the nearest multiple (an exact tie to the even
  /// multiple), as a venue that refuses off-grid prices needs (a US
  /// equity venue: 0.01). From 0.00000001 to 1, a whole number of
  /// 0.00000001 steps. Default: 0.0001, 4 decimals.
  double tick_size = 0.0001;

  /// Ticks of single symbols (symbol -> tick), over `tick_size`; each
  /// bounded as it is. Default: none.
  std::map<std::string, double> tick_sizes;

  // -- threads ------------------------------------------------------------------

  /// Scheduler threads of the actor system the engine creates (ignored
  /// when the host passes its own system). Zero: one per core.
  /// Default: zero.
  size_t scheduler_threads = 0;

  /// How long a blocking call of `engine` waits for the engine's answer
  /// before it returns `ec::timeout`. Default: 60 s.
  std::chrono::milliseconds call_timeout{60000};

  // -- logging (docs/embedding.md §2.4) ---------------------------------------

  /// The host's logger: the engine's component loggers (store, worker,
  /// ...) write to its sinks. spdlog's global registry is never touched.
  /// Default (null): `log_sinks`.
  std::shared_ptr<spdlog::logger> logger;

  /// The sinks to write to when `logger` is null. Default: none, the engine
  /// logs nothing.
  std::vector<std::shared_ptr<spdlog::sinks::sink>> log_sinks;

  /// trace, debug, info, warn, err, critical or off. Default: info.
  std::string log_level = "info";

  // -- events and metrics (docs/embedding.md §3, §4) --------------------------

  /// Events each subscriber may have queued; beyond that its new events
  /// are dropped and reported as one `events_lost` event. Default: 65,536.
  uint64_t event_queue_capacity = 65536;

  /// Events handed to a subscriber at once. Default: 256.
  size_t event_batch_size = 256;

  /// The host's registry; the engine adds its `tradeflow_*` families.
  /// Default (null): no metrics.
  std::shared_ptr<prometheus::Registry> metrics;
};

} // namespace tradeflow
