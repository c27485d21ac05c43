#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "messages/entities.hpp"
#include "messages/store.hpp"
#include "storage/transaction_store.hpp"
#include "tests/support/printing.hpp"

namespace tradeflow {

/// Lets Boost.Test print a write status in failed assertions.
inline std::ostream& operator<<(std::ostream& os, write_status x) {
  switch (x) {
    case write_status::written:
      return os << "written";
    case write_status::duplicate:
      return os << "duplicate";
    case write_status::stale_epoch:
      return os << "stale_epoch";
    case write_status::failed:
      return os << "failed";
  }
  return os << "?";
}

} // namespace tradeflow

namespace tradeflow::test {

/// The error text of a failed `x`, empty on success (Boost.Test evaluates
/// an assertion's message even when the assertion holds).
template <class T>
std::string why(const caf::expected<T>& x) {
  return x ? std::string{} : describe(x.error());
}

/// The database of `store_fixture`: SQLite `:memory:`, or the URL in
/// TRADEFLOW_TEST_DB_URL (an empty database per test case, for running the
/// suites by hand against PostgreSQL).
inline std::string test_db_url() {
  auto url = std::getenv("TRADEFLOW_TEST_DB_URL");
  return url != nullptr && *url != '\0' ? url : ":memory:";
}

/// True when the fixture's database is PostgreSQL.
inline bool on_postgres() {
  return test_db_url().rfind("postgres", 0) == 0;
}

/// A migrated store per test case (see `test_db_url`).
struct store_fixture {
  store_fixture() {
    auto opened = storage::open_store(test_db_url());
    BOOST_REQUIRE_MESSAGE(opened, why(opened));
    db = std::move(*opened);
    auto version = db->migrate();
    BOOST_REQUIRE_MESSAGE(version, why(version));
  }

  std::unique_ptr<storage::transaction_store> db;
};

/// A fresh directory under the system temp dir, removed with its content.
struct temp_dir {
  temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path()
                    / "tradeflow-storage-XXXXXX")
                     .string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    BOOST_REQUIRE(mkdtemp(buf.data()) != nullptr);
    path = buf.data();
  }

  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }

  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  std::filesystem::path path;
};

/// 2024-01-02T00:00:00Z in epoch milliseconds.
constexpr int64_t t0 = 1704153600000;
constexpr int64_t minute = 60'000;

/// An expert with non-default settings in every field.
inline expert make_expert(int64_t id) {
  expert x;
  x.id = id;
  x.name = "expert " + std::to_string(id);
  x.enabled = true;
  x.virtual_equity_pct = 50;
  x.enter_market_ruleset_id = 10;
  x.settings.allow_automated_trade_opening = true;
  x.settings.enable_sell = true;
  x.settings.max_virtual_equity_per_instrument_percent = 40;
  x.settings.diversification_factor = 0.5;
  x.settings.weights = {{"AAPL", 50}, {"MSFT", 125.5}};
  return x;
}

/// A recommendation of `expert_id` on `symbol` at `created_at`.
inline recommendation make_rec(int64_t id, int64_t expert_id,
                               const std::string& symbol, rec_action action,
                               int64_t created_at) {
  recommendation x;
  x.id = id;
  x.expert_id = expert_id;
  x.symbol = symbol;
  x.action = action;
  x.expected_profit_percent = 12.5;
  x.price_at_date = 101.25;
  x.confidence = 80;
  x.risk = risk_level::low;
  x.horizon = time_horizon::medium_term;
  x.created_at_ms = created_at;
  return x;
}

/// A given transaction (ids chosen by the caller).
inline transaction make_txn(int64_t id, int64_t expert_id,
                            const std::string& symbol, txn_status status) {
  transaction x;
  x.id = id;
  x.expert_id = expert_id;
  x.symbol = symbol;
  x.side = order_side::buy;
  x.quantity = 10;
  x.status = status;
  x.created_at_ms = t0;
  return x;
}

/// The bundle of docs/engine.md §2 step 6: a WAITING long with a market entry
/// and take-profit / stop-loss legs; client ids `{expert}-{rec}-{leg}`.
inline entry_write make_entry(int64_t expert_id, int64_t rec_id,
                              const std::string& symbol) {
  entry_write x;
  x.recommendation_id = rec_id;
  x.txn = make_txn(0, expert_id, symbol, txn_status::waiting);
  x.txn.open_price = 100;
  x.txn.take_profit = 110;
  x.txn.stop_loss = 95;
  x.txn.quantity = 40;
  order entry;
  entry.expert_id = expert_id;
  entry.recommendation_id = rec_id;
  entry.symbol = symbol;
  entry.side = order_side::buy;
  entry.type = order_type::market;
  entry.quantity = 40;
  entry.status = order_status::pending;
  entry.client_order_id = client_order_id(expert_id, rec_id, "entry");
  entry.created_at_ms = t0;
  x.entry = entry;
  auto leg = entry;
  leg.side = order_side::sell;
  leg.status = order_status::waiting_trigger;
  leg.depends_order_status_trigger = order_status::filled;
  leg.reference_price = 100;
  leg.type = order_type::sell_limit;
  leg.role = order_role::take_profit;
  leg.limit_price = 110;
  leg.client_order_id = client_order_id(expert_id, rec_id, "tp");
  x.legs.push_back(leg);
  leg.type = order_type::sell_stop;
  leg.role = order_role::stop_loss;
  leg.limit_price = caf::none;
  leg.stop_price = 95;
  leg.client_order_id = client_order_id(expert_id, rec_id, "sl");
  x.legs.push_back(leg);
  return x;
}

} // namespace tradeflow::test
