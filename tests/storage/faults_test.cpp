// Nothing half-written: atomic seeding, foreign databases refused before
// any write, and faults of the database the store survives.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "storage/seed.hpp"
#include "storage/soci_transaction_store.hpp"
#include "storage/schema.hpp"
#include "tests/storage/store_fixture.hpp"

using namespace tradeflow;
using namespace tradeflow::test;
namespace fs = std::filesystem;

namespace {

using soci_store = storage::soci_transaction_store;

std::unique_ptr<soci_store> open_file(const fs::path& file) {
  auto opened = soci_store::open("sqlite3://db=" + file.string());
  BOOST_REQUIRE_MESSAGE(opened, why(opened));
  auto version = (*opened)->migrate();
  BOOST_REQUIRE_MESSAGE(version, why(version));
  return std::move(*opened);
}

/// Two experts, their recommendations and two given transactions.
scenario_seed small_seed() {
  scenario_seed x;
  ruleset rs;
  rs.id = 10;
  rs.name = "rules";
  x.rulesets.push_back(rs);
  x.experts = {make_expert(1), make_expert(2)};
  for (int64_t i = 1; i <= 20; ++i)
    x.recommendations.push_back(make_rec(i, 1 + i % 2, "AAPL",
                                         rec_action::buy, t0 + i * minute));
  x.transactions = {make_txn(5, 1, "AAPL", txn_status::opened),
                    make_txn(6, 2, "MSFT", txn_status::waiting)};
  return x;
}

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path data_dir() {
  return fs::path(__FILE__).parent_path() / "data";
}

/// Polls `f` until it holds, for at most 5 s.
template <class F>
bool eventually(F f) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!f()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

} // namespace

BOOST_AUTO_TEST_SUITE(store_faults)

BOOST_AUTO_TEST_CASE(seeding_is_one_transaction) {
  temp_dir dir;
  auto db = open_file(dir.path / "t.db");
  auto seed = small_seed();
  // The second given transaction collides with the first: everything
  // written before it (rulesets, experts, recommendations) rolls back.
  seed.transactions[1].id = 5;
  auto err = storage::seed_fresh_store(*db, seed);
  BOOST_TEST(is(err, ec::storage_failure));
  auto fresh = db->is_fresh();
  BOOST_REQUIRE_MESSAGE(fresh, why(fresh));
  BOOST_TEST(*fresh);
  auto expert = db->load_expert(1);
  BOOST_REQUIRE(expert);
  BOOST_TEST(!static_cast<bool>(*expert));
  // The same database then takes a correct seed, once.
  BOOST_TEST(!storage::seed_fresh_store(*db, small_seed()));
  auto again = storage::seed_fresh_store(*db, small_seed());
  BOOST_TEST(is(again, ec::invalid_input));
  BOOST_TEST(reason_of(again).find("must name a fresh database")
             != std::string::npos);
  auto snap = db->snapshot();
  BOOST_REQUIRE(snap);
  BOOST_TEST(snap->transactions.size() == 2u);
  BOOST_TEST(snap->transactions[0].id == 5);
  BOOST_TEST(snap->transactions[1].id == 6);
}

BOOST_AUTO_TEST_CASE(a_second_seeder_sees_a_database_in_use) {
  temp_dir dir;
  auto first = open_file(dir.path / "t.db");
  auto second = open_file(dir.path / "t.db");
  caf::error inner;
  // While the first seeder's transaction is open, the second waits out
  // its busy timeout and is told the database is not fresh.
  auto err = first->seed_fresh([&] {
    inner = storage::seed_fresh_store(*second, small_seed());
    return storage::seed_store(*first, small_seed());
  });
  BOOST_TEST(!err);
  BOOST_TEST(is(inner, ec::invalid_input));
  BOOST_TEST(reason_of(inner).find("must name a fresh database")
             != std::string::npos);
  auto fresh = second->is_fresh();
  BOOST_REQUIRE(fresh);
  BOOST_TEST(!*fresh);
}

BOOST_AUTO_TEST_CASE(foreign_database_refused_with_nothing_written) {
  temp_dir dir;
  auto file = dir.path / "other.db";
  fs::copy_file(data_dir() / "foreign.db", file);
  auto before = bytes_of(file);
  auto opened = storage::open_store("sqlite3://db=" + file.string());
  BOOST_REQUIRE(!opened);
  BOOST_TEST(is(opened.error(), ec::invalid_input));
  BOOST_TEST(reason_of(opened.error()).find("not a tradeflow database")
             != std::string::npos);
  BOOST_TEST(bytes_of(file) == before);
  BOOST_TEST(!fs::exists(dir.path / "other.db-wal"));
  BOOST_TEST(!fs::exists(dir.path / "other.db-shm"));
  // An empty file and tradeflow's own database are accepted.
  BOOST_TEST(open_file(dir.path / "new.db")->migrate().value()
             == storage::current_schema_version);
  auto ours = storage::open_store("sqlite3://db="
                                  + (dir.path / "new.db").string());
  BOOST_TEST(static_cast<bool>(ours));
}

BOOST_AUTO_TEST_CASE(full_disk_is_a_named_error_and_work_resumes) {
  temp_dir dir;
  auto db = open_file(dir.path / "t.db");
  // Cap the file at its size: the first page it needs more fails.
  BOOST_REQUIRE(!db->simulate_fault(1, false));
  // Enough rows to need pages beyond the tables' first ones.
  auto big = small_seed();
  for (int64_t i = 100; i < 1100; ++i)
    big.recommendations.push_back(
      make_rec(i, 1, "SYM" + std::to_string(i), rec_action::buy, t0));
  auto err = storage::seed_fresh_store(*db, big);
  BOOST_TEST(is(err, ec::storage_unavailable), describe(err));
  auto fresh = db->is_fresh();
  BOOST_REQUIRE(fresh);
  BOOST_TEST(*fresh);
  BOOST_REQUIRE(!db->simulate_fault(0, false));
  BOOST_TEST(!storage::seed_fresh_store(*db, big));
}

BOOST_AUTO_TEST_CASE(read_only_file_is_a_named_error_and_work_resumes) {
  temp_dir dir;
  auto db = open_file(dir.path / "t.db");
  BOOST_REQUIRE(!db->simulate_fault(0, true));
  auto err = db->put_expert(make_expert(1));
  BOOST_TEST(is(err, ec::storage_unavailable), describe(err));
  auto none = db->load_expert(1);
  BOOST_REQUIRE(none);
  BOOST_TEST(!static_cast<bool>(*none));
  BOOST_REQUIRE(!db->simulate_fault(0, false));
  BOOST_TEST(!db->put_expert(make_expert(1)));
}

BOOST_AUTO_TEST_CASE(lost_connection_is_reestablished) {
  temp_dir dir;
  auto db = open_file(dir.path / "t.db");
  BOOST_REQUIRE(!storage::seed_fresh_store(*db, small_seed()));
  // Lost and still there: the next call reconnects and succeeds.
  db->drop_connection();
  auto got = db->load_expert(1);
  BOOST_REQUIRE_MESSAGE(got, why(got));
  BOOST_TEST(static_cast<bool>(*got));
}

BOOST_AUTO_TEST_CASE(unreachable_database_fails_fast_then_recovers) {
  temp_dir dir;
  auto folder = dir.path / "db";
  fs::create_directory(folder);
  auto db = open_file(folder / "t.db");
  BOOST_REQUIRE(!storage::seed_fresh_store(*db, small_seed()));
  // The database goes away: reconnecting fails with the named error, and
  // the calls within the backoff fail at once without trying.
  fs::rename(folder, dir.path / "away");
  db->drop_connection();
  auto down = db->load_expert(1);
  BOOST_REQUIRE(!down);
  BOOST_TEST(is(down.error(), ec::storage_unavailable));
  auto still = db->load_expert(1);
  BOOST_REQUIRE(!still);
  BOOST_TEST(is(still.error(), ec::storage_unavailable));
  BOOST_TEST(reason_of(still.error()).find("reconnecting")
             != std::string::npos);
  fs::rename(dir.path / "away", folder);
  // Back: within the backoff cap (2 s) a call reconnects.
  BOOST_TEST(eventually([&] {
    auto got = db->load_expert(1);
    return got && *got;
  }));
}

BOOST_AUTO_TEST_SUITE_END()
