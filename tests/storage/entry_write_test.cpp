// The fenced entry write: open-position index, client ids, epochs.
#include <boost/test/unit_test.hpp>

#include "storage/schema.hpp"
#include "tests/storage/store_fixture.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

const std::string key1 = "expert_1_usecase_enter_market";

size_t count_orders(storage::transaction_store& db) {
  auto snap = db.snapshot();
  BOOST_REQUIRE(snap);
  return snap->orders.size();
}

size_t count_txns(storage::transaction_store& db) {
  auto snap = db.snapshot();
  BOOST_REQUIRE(snap);
  return snap->transactions.size();
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(entry_write, store_fixture)

BOOST_AUTO_TEST_CASE(written_bundle_links_entry_and_legs) {
  auto out = db->write_entry(key1, 3, make_entry(1, 10, "AAPL"));
  BOOST_REQUIRE_MESSAGE(out, why(out));
  BOOST_TEST(out->status == write_status::written);
  BOOST_TEST(out->reason.empty());
  BOOST_TEST(out->transaction_id == 1);
  BOOST_REQUIRE(out->orders.size() == 3u);
  const auto& entry = out->orders[0];
  BOOST_TEST(entry.id == 1);
  BOOST_TEST(entry.client_order_id == "1-10-entry");
  BOOST_TEST(entry.transaction_id == 1);
  BOOST_TEST(!entry.depends_on_order);
  for (size_t i = 1; i < 3; ++i) {
    BOOST_TEST(out->orders[i].id == static_cast<int64_t>(i + 1));
    BOOST_TEST(out->orders[i].transaction_id == 1);
    BOOST_TEST(out->orders[i].depends_on_order
               == caf::optional<int64_t>{entry.id});
  }
  BOOST_TEST(out->orders[1].client_order_id == "1-10-tp");
  BOOST_TEST(out->orders[2].client_order_id == "1-10-sl");
  auto snap = db->snapshot();
  BOOST_REQUIRE(snap);
  BOOST_REQUIRE(snap->transactions.size() == 1u);
  const auto& txn = snap->transactions[0];
  BOOST_TEST(txn.status == txn_status::waiting);
  BOOST_TEST(txn.lock_epoch == 3);
  BOOST_TEST(txn.quantity == 40);
  BOOST_TEST(txn.open_price == caf::optional<double>{100});
  BOOST_TEST(snap->orders.size() == 3u);
  BOOST_TEST(snap->orders[2].depends_on_order == caf::optional<int64_t>{1});
  BOOST_TEST(*db->max_epoch() == 3);
}

BOOST_AUTO_TEST_CASE(second_live_position_is_a_duplicate_and_not_written) {
  BOOST_REQUIRE(db->write_entry(key1, 1, make_entry(1, 1, "AAPL")));
  auto out = db->write_entry(key1, 1, make_entry(1, 2, "AAPL"));
  BOOST_REQUIRE_MESSAGE(out, why(out));
  BOOST_TEST(out->status == write_status::duplicate);
  BOOST_TEST(out->reason.find("open position") != std::string::npos);
  BOOST_TEST(out->orders.empty());
  BOOST_TEST(count_txns(*db) == 1u);
  BOOST_TEST(count_orders(*db) == 3u);
  auto refused = db->orders_by_client_id(
    {"1-2-entry", "1-2-tp", "1-2-sl"});
  BOOST_REQUIRE(refused);
  BOOST_TEST(refused->empty());
  // Also when the live one is OPENED.
  auto txn = db->live_transactions(1, {})->at(0);
  txn.status = txn_status::opened;
  BOOST_REQUIRE(*db->update_transaction(txn, txn_status::waiting));
  auto again = db->write_entry(key1, 1, make_entry(1, 3, "AAPL"));
  BOOST_REQUIRE(again);
  BOOST_TEST(again->status == write_status::duplicate);
  BOOST_TEST(count_txns(*db) == 1u);
}

BOOST_AUTO_TEST_CASE(closed_failed_and_closing_rows_do_not_block) {
  BOOST_REQUIRE(!db->put_transaction(make_txn(1, 1, "AAPL",
                                              txn_status::closed)));
  BOOST_REQUIRE(!db->put_transaction(make_txn(2, 1, "AAPL",
                                              txn_status::failed)));
  BOOST_REQUIRE(!db->put_transaction(make_txn(3, 1, "AAPL",
                                              txn_status::closing)));
  BOOST_REQUIRE(!db->put_transaction(make_txn(4, 1, "AAPL",
                                              txn_status::closed)));
  auto out = db->write_entry(key1, 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  BOOST_TEST(out->status == write_status::written);
  BOOST_TEST(out->transaction_id == 5);
  // A given transaction that breaks the index is refused too.
  auto err = db->put_transaction(make_txn(9, 1, "AAPL", txn_status::opened));
  BOOST_TEST(is(err, ec::storage_failure));
  BOOST_TEST(count_txns(*db) == 5u);
}

BOOST_AUTO_TEST_CASE(other_experts_and_symbols_do_not_block) {
  BOOST_REQUIRE(db->write_entry(key1, 1, make_entry(1, 1, "AAPL")));
  auto other_expert = db->write_entry("expert_2_usecase_enter_market", 1,
                                      make_entry(2, 2, "AAPL"));
  BOOST_REQUIRE(other_expert);
  BOOST_TEST(other_expert->status == write_status::written);
  auto other_symbol = db->write_entry(key1, 1, make_entry(1, 3, "MSFT"));
  BOOST_REQUIRE(other_symbol);
  BOOST_TEST(other_symbol->status == write_status::written);
  BOOST_TEST(count_txns(*db) == 3u);
  BOOST_TEST(count_orders(*db) == 9u);
}

BOOST_AUTO_TEST_CASE(taken_client_order_id_rolls_the_transaction_back) {
  BOOST_REQUIRE(db->write_entry(key1, 1, make_entry(1, 1, "AAPL")));
  // Another symbol (no index clash) reusing recommendation 1's leg ids.
  auto bundle = make_entry(1, 2, "MSFT");
  bundle.legs[1].client_order_id = "1-1-sl";
  auto out = db->write_entry(key1, 1, bundle);
  BOOST_REQUIRE_MESSAGE(out, why(out));
  BOOST_TEST(out->status == write_status::duplicate);
  BOOST_TEST(out->reason.find("client_order_id") != std::string::npos);
  BOOST_TEST(count_txns(*db) == 1u);
  BOOST_TEST(count_orders(*db) == 3u);
  BOOST_TEST(db->live_transactions(1, {"MSFT"})->empty());
  BOOST_TEST(db->orders_by_client_id({"1-2-entry", "1-2-tp"})->empty());
  // The refused bundle burnt no transaction id (PostgreSQL does burn one).
  auto next = db->write_entry(key1, 1, make_entry(1, 3, "MSFT"));
  BOOST_REQUIRE_MESSAGE(next, why(next));
  BOOST_TEST(next->status == write_status::written);
  BOOST_TEST(next->transaction_id == (on_postgres() ? 3 : 2));
}

BOOST_AUTO_TEST_CASE(stale_epoch_is_refused_and_writes_nothing) {
  auto first = db->write_entry(key1, 5, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(first);
  BOOST_TEST(first->status == write_status::written);
  auto stale = db->write_entry(key1, 4, make_entry(1, 2, "MSFT"));
  BOOST_REQUIRE_MESSAGE(stale, why(stale));
  BOOST_TEST(stale->status == write_status::stale_epoch);
  BOOST_TEST(stale->reason == "stale_epoch");
  BOOST_TEST(stale->transaction_id == 0);
  BOOST_TEST(stale->orders.empty());
  BOOST_TEST(count_txns(*db) == 1u);
  BOOST_TEST(count_orders(*db) == 3u);
  BOOST_TEST(*db->max_epoch() == 5);
  // The same epoch again is still the holder's.
  auto same = db->write_entry(key1, 5, make_entry(1, 3, "NVDA"));
  BOOST_REQUIRE(same);
  BOOST_TEST(same->status == write_status::written);
  auto newer = db->write_entry(key1, 6, make_entry(1, 4, "MSFT"));
  BOOST_REQUIRE(newer);
  BOOST_TEST(newer->status == write_status::written);
  BOOST_TEST(*db->max_epoch() == 6);
  auto old_holder = db->write_entry(key1, 5, make_entry(1, 5, "AMD"));
  BOOST_REQUIRE(old_holder);
  BOOST_TEST(old_holder->status == write_status::stale_epoch);
  BOOST_TEST(count_txns(*db) == 3u);
  auto live = db->live_transactions(1, {"MSFT"});
  BOOST_REQUIRE(live && live->size() == 1u);
  BOOST_TEST(live->at(0).lock_epoch == 6);
}

BOOST_AUTO_TEST_CASE(epochs_are_fenced_per_key) {
  BOOST_REQUIRE(db->write_entry(key1, 9, make_entry(1, 1, "AAPL")));
  auto other_key = db->write_entry("expert_2_usecase_enter_market", 2,
                                   make_entry(2, 2, "AAPL"));
  BOOST_REQUIRE(other_key);
  BOOST_TEST(other_key->status == write_status::written);
  BOOST_TEST(*db->max_epoch() == 9);
}

BOOST_AUTO_TEST_CASE(duplicate_after_a_stale_check_keeps_the_epoch_rollback) {
  // A refused bundle rolls back its epoch record too.
  BOOST_REQUIRE(db->write_entry(key1, 2, make_entry(1, 1, "AAPL")));
  auto dup = db->write_entry(key1, 8, make_entry(1, 2, "AAPL"));
  BOOST_REQUIRE(dup);
  BOOST_TEST(dup->status == write_status::duplicate);
  BOOST_TEST(*db->max_epoch() == 2);
}

BOOST_AUTO_TEST_CASE(two_connections_to_one_file_share_index_and_fence) {
  // Two stores on one file stand for two engine processes.
  temp_dir dir;
  auto path = (dir.path / "shared.db").string();
  auto a = storage::open_store(path);
  auto b = storage::open_store("sqlite3://db=" + path);
  BOOST_REQUIRE(a && b);
  BOOST_TEST(*(*a)->migrate() == storage::current_schema_version);
  BOOST_TEST(*(*b)->migrate() == storage::current_schema_version);
  auto first = (*a)->write_entry(key1, 5, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(first);
  BOOST_TEST(first->status == write_status::written);
  // The old holder in the other process wakes up with epoch 4.
  auto stale = (*b)->write_entry(key1, 4, make_entry(1, 2, "MSFT"));
  BOOST_REQUIRE_MESSAGE(stale, why(stale));
  BOOST_TEST(stale->status == write_status::stale_epoch);
  // A newer holder there still cannot open a second AAPL position.
  auto dup = (*b)->write_entry(key1, 6, make_entry(1, 3, "AAPL"));
  BOOST_REQUIRE_MESSAGE(dup, why(dup));
  BOOST_TEST(dup->status == write_status::duplicate);
  BOOST_TEST(*(*a)->max_epoch() == 5);
  BOOST_TEST(count_txns(**a) == 1u);
  BOOST_TEST(count_orders(**b) == 3u);
}

BOOST_AUTO_TEST_CASE(a_newer_holders_fence_refuses_the_old_holders_updates) {
  // The old holder (epoch 5) wrote its entry; a newer holder (7) fenced
  // when it started. The old holder's status updates and entries are
  // refused, whole, and the newer holder's go through.
  auto first = db->write_entry(key1, 5, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(first && first->status == write_status::written);
  auto entry_id = first->orders.at(0).id;
  auto fenced = db->fence(key1, 7);
  BOOST_REQUIRE_MESSAGE(fenced, why(fenced));
  BOOST_TEST(*fenced);
  auto again = db->fence(key1, 6);
  BOOST_REQUIRE(again);
  BOOST_TEST(!*again);
  std::vector<order_update> open{
    move_order(entry_id, order_status::pending, order_status::open)};
  auto stale = db->update_orders_fenced(key1, 5, open);
  BOOST_REQUIRE_MESSAGE(stale, why(stale));
  BOOST_TEST(!*stale);
  auto entry = db->order_by_id(entry_id);
  BOOST_REQUIRE(entry && *entry);
  BOOST_TEST((*entry)->status == order_status::pending);
  auto late = db->write_entry(key1, 5, make_entry(1, 2, "MSFT"));
  BOOST_REQUIRE(late);
  BOOST_TEST(late->status == write_status::stale_epoch);
  auto current = db->update_orders_fenced(key1, 7, open);
  BOOST_REQUIRE(current && *current);
  BOOST_TEST(**current == 1u);
  BOOST_TEST(*db->max_epoch() == 7);
}

BOOST_AUTO_TEST_SUITE_END()
