// The SOCI store keeps its statements prepared across calls: reuse must
// not change results, leak one call's values into the next, or keep a
// transaction open that hides other connections' writes.
#include <boost/test/unit_test.hpp>

#include "storage/soci_transaction_store.hpp"
#include "tests/storage/store_fixture.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

storage::soci_transaction_store& soci_of(storage::transaction_store& db) {
  return dynamic_cast<storage::soci_transaction_store&>(db);
}

order_update cas(int64_t id, order_status from, order_status to) {
  order_update x;
  x.order_id = id;
  x.from = from;
  x.to = to;
  return x;
}

/// One call of each statement a run and a refresh use.
void one_round(storage::transaction_store& db, int64_t rec_id) {
  auto symbol = "S" + std::to_string(rec_id);
  auto out = db.write_entry("k", rec_id, make_entry(1, rec_id, symbol));
  BOOST_REQUIRE_MESSAGE(out, why(out));
  BOOST_REQUIRE(out->status == write_status::written);
  auto entry = out->orders.at(0);
  BOOST_TEST(*db.update_order(cas(entry.id, order_status::pending,
                                   order_status::open)));
  BOOST_TEST(static_cast<bool>(*db.order_by_id(entry.id)));
  BOOST_TEST(db.orders_by_client_id({entry.client_order_id})->size() == 1u);
  auto n = static_cast<size_t>(rec_id);
  BOOST_TEST(db.live_transactions(1, {})->size() == n);
  BOOST_TEST(db.transactions_to_sync(refresh_scope{})->size() == n);
  BOOST_TEST(db.orders_to_refresh(refresh_scope{1, caf::none})->size() == n);
  BOOST_TEST(db.waiting_trigger_orders(refresh_scope{})->size() == 2 * n);
  BOOST_TEST(!*db.load_expert(1));
  run_record run;
  run.expert_id = 1;
  run.status = run_status::processed;
  BOOST_TEST(static_cast<bool>(db.record_run(run)));
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(statement_cache, store_fixture)

BOOST_AUTO_TEST_CASE(repeated_calls_reuse_the_prepared_statements) {
  one_round(*db, 1);
  auto prepared = soci_of(*db).cached_statements();
  BOOST_TEST(prepared > 10u);
  one_round(*db, 2);
  one_round(*db, 3);
  BOOST_TEST(soci_of(*db).cached_statements() == prepared);
}

BOOST_AUTO_TEST_CASE(reused_reads_do_not_carry_values_over) {
  auto out = db->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto entry = out->orders.at(0), leg = out->orders.at(1);
  auto up = cas(entry.id, order_status::pending, order_status::open);
  up.broker_order_id = std::string{"BRK-1"};
  BOOST_TEST(*db->update_order(up));
  auto first = db->order_by_id(entry.id);
  BOOST_REQUIRE(first && *first);
  BOOST_TEST((*first)->broker_order_id == caf::optional<std::string>{"BRK-1"});
  BOOST_TEST(!(*first)->depends_on_order);
  // The same statement next reads a row with NULLs where the last had
  // values, then no row at all.
  auto second = db->order_by_id(leg.id);
  BOOST_REQUIRE(second && *second);
  BOOST_TEST(!(*second)->broker_order_id);
  BOOST_TEST((*second)->depends_on_order == caf::optional<int64_t>{entry.id});
  auto missing = db->order_by_id(999);
  BOOST_REQUIRE(missing);
  BOOST_TEST(!*missing);
  BOOST_REQUIRE(!db->put_expert(make_expert(3)));
  BOOST_TEST(static_cast<bool>(*db->load_expert(3)));
  BOOST_TEST(!*db->load_expert(4));
  BOOST_TEST((*db->load_expert(3))->settings.weights.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_failed_call_leaves_the_store_usable) {
  auto out = db->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto txn = db->live_transactions(1, {})->at(0);
  txn.status = txn_status::closing;
  BOOST_TEST(*db->update_transaction(txn, txn_status::waiting));
  BOOST_REQUIRE(db->write_entry("k", 2, make_entry(1, 2, "AAPL")));
  txn.status = txn_status::opened;
  auto clash = db->update_transaction(txn, txn_status::closing);
  BOOST_REQUIRE(!clash);
  // The statements prepared before the failure run again afterwards.
  auto next = db->write_entry("k", 3, make_entry(1, 3, "MSFT"));
  BOOST_REQUIRE_MESSAGE(next, why(next));
  BOOST_TEST(next->status == write_status::written);
  // The cached update runs again, and the index still refuses it.
  BOOST_TEST(!db->update_transaction(txn, txn_status::closing));
  BOOST_TEST(db->snapshot()->transactions.size() == 3u);
}

BOOST_AUTO_TEST_CASE(cached_reads_see_other_connections_commits) {
  // A statement left stepped halfway would pin SQLite's read snapshot:
  // the second connection's writes would stay invisible to the first.
  if (on_postgres())
    return;
  temp_dir dir;
  auto path = (dir.path / "two.db").string();
  auto a = storage::open_store(path);
  auto b = storage::open_store(path);
  BOOST_REQUIRE(a && b);
  BOOST_REQUIRE((*a)->migrate());
  auto out = (*a)->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto id = out->orders.at(0).id;
  BOOST_TEST((*(*b)->order_by_id(id))->status == order_status::pending);
  BOOST_REQUIRE(!(*a)->put_expert(make_expert(3)));
  BOOST_TEST(static_cast<bool>(*(*b)->load_expert(3)));
  BOOST_TEST(*(*a)->update_order(cas(id, order_status::pending,
                                      order_status::open)));
  BOOST_TEST((*(*b)->order_by_id(id))->status == order_status::open);
  auto up = cas(id, order_status::open, order_status::filled);
  BOOST_TEST(*(*b)->update_order(up));
  BOOST_TEST((*(*a)->order_by_id(id))->status == order_status::filled);
  BOOST_TEST((*a)->live_transactions(1, {})->size() == 1u);
  BOOST_REQUIRE((*b)->write_entry("k", 2, make_entry(1, 2, "MSFT")));
  BOOST_TEST((*a)->live_transactions(1, {})->size() == 2u);
}

BOOST_AUTO_TEST_CASE(grouped_writes_commit_together_and_nest) {
  if (on_postgres())
    return;
  temp_dir dir;
  auto path = (dir.path / "group.db").string();
  auto a = storage::open_store(path);
  auto b = storage::open_store(path);
  BOOST_REQUIRE(a && b);
  BOOST_REQUIRE((*a)->migrate());
  auto out = (*a)->write_entry("k", 5, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto id = out->orders.at(0).id;
  auto& db = **a;
  auto err = db.grouped([&]() -> caf::error {
    BOOST_TEST(*db.update_order(cas(id, order_status::pending,
                                    order_status::open)));
    // A stale write inside the group rolls back its savepoint only.
    auto stale = db.write_entry("k", 4, make_entry(1, 2, "MSFT"));
    BOOST_TEST(stale->status == write_status::stale_epoch);
    auto batch = db.update_orders(
      {cas(id, order_status::open, order_status::filled)});
    BOOST_TEST((*batch == std::vector<bool>{true}));
    // Not committed yet: the other connection sees the old status.
    BOOST_TEST((*(*b)->order_by_id(id))->status == order_status::pending);
    return caf::none;
  });
  BOOST_TEST(!err);
  BOOST_TEST((*(*b)->order_by_id(id))->status == order_status::filled);
  BOOST_TEST((*b)->snapshot()->transactions.size() == 1u);
}

BOOST_AUTO_TEST_CASE(failed_group_keeps_the_calls_before_the_failure) {
  auto out = db->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto id = out->orders.at(0).id;
  auto txn = db->live_transactions(1, {})->at(0);
  txn.status = txn_status::closing;
  BOOST_TEST(*db->update_transaction(txn, txn_status::waiting));
  BOOST_REQUIRE(db->write_entry("k", 2, make_entry(1, 2, "AAPL")));
  txn.status = txn_status::opened;
  int runs = 0;
  auto err = db->grouped([&]() -> caf::error {
    ++runs;
    auto first = db->update_order(cas(id, order_status::pending,
                                      order_status::open));
    BOOST_REQUIRE(first);
    auto clash = db->update_transaction(txn, txn_status::closing);
    return clash ? caf::error{} : clash.error();
  });
  BOOST_TEST(is(err, ec::storage_failure));
  // Rolled back, then run once more one commit per call: the update
  // before the failure stands, as with separate calls.
  BOOST_TEST(runs == 2);
  BOOST_TEST((*db->order_by_id(id))->status == order_status::open);
  auto next = db->write_entry("k", 3, make_entry(1, 3, "MSFT"));
  BOOST_REQUIRE_MESSAGE(next, why(next));
  BOOST_TEST(next->status == write_status::written);
}

BOOST_AUTO_TEST_SUITE_END()
