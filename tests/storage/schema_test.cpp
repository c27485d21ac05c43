// Schema versioning, fresh detection and opening stores by URL.
#include <filesystem>
#include <map>

#include <boost/test/unit_test.hpp>

#include "storage/schema.hpp"
#include "tests/storage/store_fixture.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

std::unique_ptr<storage::transaction_store>
open_or_fail(const std::string& url) {
  auto opened = storage::open_store(url);
  BOOST_REQUIRE_MESSAGE(opened, why(opened));
  return std::move(*opened);
}

} // namespace

BOOST_AUTO_TEST_SUITE(schema)

BOOST_AUTO_TEST_CASE(migrate_is_idempotent_and_reports_the_version) {
  auto db = open_or_fail("sqlite3://db=:memory:");
  auto first = db->migrate();
  BOOST_REQUIRE(first);
  BOOST_TEST(*first == storage::current_schema_version);
  BOOST_TEST(*first == 2);
  auto second = db->migrate();
  BOOST_REQUIRE(second);
  BOOST_TEST(*second == 2);
  // A migrated database works: the second run created nothing twice.
  BOOST_TEST(!db->put_expert(make_expert(1)));
  BOOST_TEST(*db->migrate() == 2);
}

BOOST_AUTO_TEST_CASE(unmigrated_database_gives_storage_failure) {
  auto db = open_or_fail(":memory:");
  auto fresh = db->is_fresh();
  BOOST_REQUIRE(!fresh);
  BOOST_TEST(is(fresh.error(), ec::storage_failure));
  BOOST_TEST(describe(fresh.error()).find("is_fresh") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fresh_until_any_engine_table_has_a_row) {
  store_fixture f;
  BOOST_TEST(*f.db->is_fresh() == true);
  BOOST_TEST(*f.db->max_epoch() == 0);
  BOOST_TEST(!f.db->put_expert(make_expert(1)));
  BOOST_TEST(*f.db->is_fresh() == false);
  store_fixture recs;
  BOOST_TEST(!recs.db->put_recommendations(
    {make_rec(1, 1, "AAPL", rec_action::buy, t0)}));
  BOOST_TEST(*recs.db->is_fresh() == false);
  store_fixture txns;
  BOOST_TEST(!txns.db->put_transaction(
    make_txn(3, 1, "AAPL", txn_status::closed)));
  BOOST_TEST(*txns.db->is_fresh() == false);
  store_fixture runs;
  run_record run;
  run.expert_id = 1;
  run.status = run_status::processed;
  BOOST_TEST(static_cast<bool>(runs.db->record_run(run)));
  BOOST_TEST(*runs.db->is_fresh() == false);
  store_fixture entries;
  BOOST_TEST(static_cast<bool>(
    entries.db->write_entry("k", 1, make_entry(1, 1, "AAPL"))));
  BOOST_TEST(*entries.db->is_fresh() == false);
}

BOOST_AUTO_TEST_CASE(unknown_scheme_is_invalid_input_without_the_secret) {
  auto opened = storage::open_store("mysql://user:hunter2@db/x");
  BOOST_REQUIRE(!opened);
  BOOST_TEST(is(opened.error(), ec::invalid_input));
  auto text = describe(opened.error());
  BOOST_TEST(text.find("'mysql'") != std::string::npos);
  BOOST_TEST(text.find("hunter2") == std::string::npos);
  auto empty = storage::open_store("");
  BOOST_REQUIRE(!empty);
  BOOST_TEST(is(empty.error(), ec::invalid_input));
}

BOOST_AUTO_TEST_CASE(unreachable_database_is_storage_failure) {
  temp_dir dir;
  auto path = (dir.path / "missing" / "x.db").string();
  auto opened = storage::open_store(path);
  BOOST_REQUIRE(!opened);
  BOOST_TEST(is(opened.error(), ec::storage_failure));
  BOOST_TEST(describe(opened.error()).find("open") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(file_database_uses_wal_and_keeps_data_when_reopened) {
  temp_dir dir;
  auto path = (dir.path / "engine db.sqlite").string();
  {
    auto db = open_or_fail(path);
    BOOST_REQUIRE(db->migrate());
    BOOST_TEST(!db->put_expert(make_expert(7)));
    auto out = db->write_entry("expert_7_usecase_enter_market", 3,
                               make_entry(7, 70, "NVDA"));
    BOOST_REQUIRE(out);
    BOOST_TEST(out->status == write_status::written);
    // WAL mode keeps a -wal file beside the database while it is open.
    BOOST_TEST(std::filesystem::exists(path + "-wal"));
  }
  auto db = open_or_fail("sqlite3://db=\"" + path + "\" timeout=2");
  auto version = db->migrate();
  BOOST_REQUIRE(version);
  BOOST_TEST(*version == 2);
  BOOST_TEST(*db->is_fresh() == false);
  BOOST_TEST(*db->max_epoch() == 3);
  auto who = db->load_expert(7);
  BOOST_REQUIRE(who);
  BOOST_REQUIRE(*who);
  BOOST_TEST((*who)->name == "expert 7");
  auto snap = db->snapshot();
  BOOST_REQUIRE(snap);
  BOOST_TEST(snap->transactions.size() == 1u);
  BOOST_TEST(snap->orders.size() == 3u);
  BOOST_TEST(snap->transactions.at(0).symbol == "NVDA");
}

// data/schema_v1.db was written by the version-1 engine: an entry with a
// take profit and a stop loss, and a close order, none with a stored role.
BOOST_AUTO_TEST_CASE(version_1_orders_get_the_role_their_rows_implied) {
  temp_dir dir;
  auto path = dir.path / "v1.db";
  std::filesystem::copy_file(TRADEFLOW_STORAGE_TEST_DATA "/schema_v1.db", path);
  auto db = open_or_fail(path.string());
  auto version = db->migrate();
  BOOST_REQUIRE_MESSAGE(version, why(version));
  BOOST_TEST(*version == 2);
  auto snap = db->snapshot();
  BOOST_REQUIRE(snap);
  std::map<std::string, order_role> roles;
  for (auto& o : snap->orders)
    roles[o.client_order_id] = o.role;
  BOOST_TEST(roles.size() == 4u);
  BOOST_TEST((roles["1-1-entry"] == order_role::entry));
  BOOST_TEST((roles["1-1-tp"] == order_role::take_profit));
  BOOST_TEST((roles["1-1-sl"] == order_role::stop_loss));
  BOOST_TEST((roles["1-9-close"] == order_role::close));
}

BOOST_AUTO_TEST_CASE(an_order_keeps_the_role_it_was_written_with) {
  store_fixture f;
  BOOST_TEST(!f.db->put_expert(make_expert(7)));
  auto out = f.db->write_entry("expert_7_usecase_enter_market", 1,
                               make_entry(7, 70, "NVDA"));
  BOOST_REQUIRE(out);
  auto snap = f.db->snapshot();
  BOOST_REQUIRE(snap);
  std::map<std::string, order_role> roles;
  for (auto& o : snap->orders)
    roles[o.client_order_id] = o.role;
  BOOST_TEST(roles.size() == 3u);
  BOOST_TEST((roles["7-70-entry"] == order_role::entry));
  BOOST_TEST((roles["7-70-tp"] == order_role::take_profit));
  BOOST_TEST((roles["7-70-sl"] == order_role::stop_loss));
}

BOOST_AUTO_TEST_SUITE_END()
