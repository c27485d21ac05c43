// Compare-and-set updates, scoped queries and run records of the SOCI store.
#include <boost/test/unit_test.hpp>

#include "storage/soci_transaction_store.hpp"
#include "tests/storage/store_fixture.hpp"
#include "tests/support/faulty_store.hpp"

using namespace tradeflow;
using namespace tradeflow::test;

namespace {

refresh_scope all_experts() {
  return {};
}

refresh_scope only(int64_t expert_id) {
  refresh_scope x;
  x.expert_id = expert_id;
  return x;
}

std::vector<int64_t> ids_of(const std::vector<order>& xs) {
  std::vector<int64_t> out;
  for (const auto& x : xs)
    out.push_back(x.id);
  return out;
}

order_update cas(int64_t id, order_status from, order_status to) {
  order_update x;
  x.order_id = id;
  x.from = from;
  x.to = to;
  return x;
}

/// Fails the `fail_at`th `update_order` call and forwards the others.
struct failing_updates : faulty_store {
  using faulty_store::faulty_store;

  int64_t fail_at = 0;
  int64_t calls = 0;

  caf::expected<bool> update_order(const order_update& x) override {
    if (++calls == fail_at)
      return lost();
    return faulty_store::update_order(x);
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(store_queries, store_fixture)

BOOST_AUTO_TEST_CASE(update_order_is_a_compare_and_set) {
  auto out = db->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto id = out->orders[0].id;
  order_update up;
  up.order_id = id;
  up.from = order_status::pending;
  up.to = order_status::open;
  up.broker_order_id = std::string{"BRK-9"};
  up.comment = "submitted";
  auto changed = db->update_order(up);
  BOOST_REQUIRE(changed);
  BOOST_TEST(*changed);
  auto again = db->update_order(up);
  BOOST_REQUIRE(again);
  BOOST_TEST(!*again);
  // A fill keeps the broker id (COALESCE) and records quantity and price.
  order_update fill;
  fill.order_id = id;
  fill.from = order_status::open;
  fill.to = order_status::filled;
  fill.filled_qty = 40;
  fill.filled_avg_price = 100.75;
  BOOST_TEST(*db->update_order(fill));
  auto y = db->order_by_id(id);
  BOOST_REQUIRE(y && *y);
  BOOST_TEST((*y)->status == order_status::filled);
  BOOST_TEST((*y)->broker_order_id == caf::optional<std::string>{"BRK-9"});
  BOOST_TEST((*y)->filled_qty == 40);
  BOOST_TEST((*y)->filled_avg_price == caf::optional<double>{100.75});
  BOOST_TEST((*y)->comment.empty());
  fill.order_id = 12345;
  BOOST_TEST(!*db->update_order(fill));
}

BOOST_AUTO_TEST_CASE(update_orders_gives_each_compare_and_set_its_result) {
  auto out = db->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto id = out->orders[0].id;
  auto open = cas(id, order_status::pending, order_status::open);
  auto fill = cas(id, order_status::open, order_status::filled);
  fill.filled_qty = 40;
  // The second update finds the order already open; the last names no
  // order. Each answers as a call of its own would.
  auto batch = db->update_orders(
    {open, open, fill, cas(999, order_status::pending, order_status::open)});
  BOOST_REQUIRE_MESSAGE(batch, why(batch));
  BOOST_TEST((*batch == std::vector<bool>{true, false, true, false}));
  auto y = db->order_by_id(id);
  BOOST_TEST((*y)->status == order_status::filled);
  BOOST_TEST((*y)->filled_qty == 40);
  BOOST_TEST(db->update_orders({})->empty());
}

BOOST_AUTO_TEST_CASE(failed_update_keeps_the_updates_before_it) {
  auto inner = storage::open_store(test_db_url());
  BOOST_REQUIRE(inner);
  std::shared_ptr<storage::transaction_store> real = std::move(*inner);
  BOOST_REQUIRE(real->migrate());
  auto out = real->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  failing_updates store{real};
  store.fail_at = 2;
  std::vector<order_update> xs;
  for (auto& o : out->orders)
    xs.push_back(cas(o.id, o.status, order_status::canceled));
  auto res = store.update_orders(xs);
  BOOST_REQUIRE(!res);
  BOOST_TEST(is(res.error(), ec::storage_failure));
  auto snap = real->snapshot();
  BOOST_TEST(snap->orders.at(0).status == order_status::canceled);
  BOOST_TEST(snap->orders.at(1).status == order_status::waiting_trigger);
  BOOST_TEST(snap->orders.at(2).status == order_status::waiting_trigger);
}

BOOST_AUTO_TEST_CASE(update_transaction_is_a_compare_and_set) {
  auto out = db->write_entry("k", 1, make_entry(1, 1, "AAPL"));
  BOOST_REQUIRE(out);
  auto live = db->live_transactions(1, {});
  BOOST_REQUIRE(live && live->size() == 1u);
  auto txn = live->at(0);
  txn.status = txn_status::opened;
  txn.open_price = 101.5;
  txn.open_date_ms = t0 + 5;
  txn.take_profit = 111.65;
  BOOST_TEST(*db->update_transaction(txn, txn_status::waiting));
  BOOST_TEST(!*db->update_transaction(txn, txn_status::waiting));
  auto y = db->live_transactions(1, {})->at(0);
  BOOST_TEST(y.status == txn_status::opened);
  BOOST_TEST(y.open_price == caf::optional<double>{101.5});
  BOOST_TEST(y.open_date_ms == caf::optional<int64_t>{t0 + 5});
  BOOST_TEST(y.take_profit == caf::optional<double>{111.65});
  BOOST_TEST(y.stop_loss == caf::optional<double>{95});
  BOOST_TEST(y.lock_epoch == 1);
  // Back to OPENED while a newer position holds the index: a failure
  // whose text says "unique", and the row stays CLOSING.
  txn.status = txn_status::closing;
  BOOST_TEST(*db->update_transaction(txn, txn_status::opened));
  auto newer = db->write_entry("k", 2, make_entry(1, 2, "AAPL"));
  BOOST_REQUIRE(newer && newer->status == write_status::written);
  txn.status = txn_status::opened;
  auto clash = db->update_transaction(txn, txn_status::closing);
  BOOST_REQUIRE(!clash);
  BOOST_TEST(is(clash.error(), ec::storage_failure));
  BOOST_TEST(describe(clash.error()).find("unique") != std::string::npos);
  auto snap = db->snapshot();
  BOOST_TEST(snap->transactions.at(0).status == txn_status::closing);
}

BOOST_AUTO_TEST_CASE(refresh_and_trigger_queries_respect_the_scope) {
  auto a = db->write_entry("a", 1, make_entry(1, 1, "AAPL"));
  auto b = db->write_entry("b", 1, make_entry(2, 2, "AAPL"));
  BOOST_REQUIRE(a && b);
  order_update up;
  up.order_id = b->orders[0].id;
  up.from = order_status::pending;
  up.to = order_status::partially_filled;
  BOOST_REQUIRE(*db->update_order(up));
  up.order_id = a->orders[1].id;
  up.from = order_status::waiting_trigger;
  up.to = order_status::open;
  BOOST_REQUIRE(*db->update_order(up));
  up.order_id = a->orders[2].id;
  up.to = order_status::canceled;
  BOOST_REQUIRE(*db->update_order(up));
  auto refresh_all = db->orders_to_refresh(all_experts());
  BOOST_REQUIRE(refresh_all);
  BOOST_TEST(ids_of(*refresh_all)
             == (std::vector<int64_t>{a->orders[0].id, a->orders[1].id,
                                      b->orders[0].id}));
  auto refresh_one = db->orders_to_refresh(only(2));
  BOOST_REQUIRE(refresh_one);
  BOOST_TEST(ids_of(*refresh_one) == std::vector<int64_t>{b->orders[0].id});
  BOOST_TEST(refresh_one->at(0).status == order_status::partially_filled);
  auto waiting_all = db->waiting_trigger_orders(all_experts());
  BOOST_REQUIRE(waiting_all);
  BOOST_TEST(ids_of(*waiting_all)
             == (std::vector<int64_t>{b->orders[1].id, b->orders[2].id}));
  BOOST_TEST(db->waiting_trigger_orders(only(1))->empty());
  BOOST_TEST(db->waiting_trigger_orders(only(2))->size() == 2u);
  BOOST_TEST(db->orders_to_refresh(only(3))->empty());
}

BOOST_AUTO_TEST_CASE(transactions_to_sync_groups_orders_per_transaction) {
  auto a = db->write_entry("a", 1, make_entry(1, 1, "AAPL"));
  auto b = db->write_entry("b", 1, make_entry(2, 2, "MSFT"));
  auto c = db->write_entry("a", 1, make_entry(1, 3, "NVDA"));
  BOOST_REQUIRE(a && b && c);
  BOOST_REQUIRE(!db->put_transaction(make_txn(50, 1, "TSLA",
                                              txn_status::closing)));
  BOOST_REQUIRE(!db->put_transaction(make_txn(51, 1, "AMD",
                                              txn_status::closed)));
  auto txn = db->live_transactions(1, {"NVDA"})->at(0);
  txn.status = txn_status::failed;
  BOOST_REQUIRE(*db->update_transaction(txn, txn_status::waiting));
  auto one = db->transactions_to_sync(only(1));
  BOOST_REQUIRE(one);
  BOOST_REQUIRE(one->size() == 2u);
  BOOST_TEST(one->at(0).first.id == a->transaction_id);
  BOOST_TEST(ids_of(one->at(0).second) == ids_of(a->orders));
  BOOST_TEST(one->at(1).first.id == 50);
  BOOST_TEST(one->at(1).first.status == txn_status::closing);
  BOOST_TEST(one->at(1).second.empty());
  auto all = db->transactions_to_sync(all_experts());
  BOOST_REQUIRE(all);
  BOOST_REQUIRE(all->size() == 3u);
  BOOST_TEST(all->at(1).first.id == b->transaction_id);
  BOOST_TEST(all->at(1).second.size() == 3u);
  BOOST_TEST(all->at(1).second.at(0).transaction_id == b->transaction_id);
}

BOOST_AUTO_TEST_CASE(record_run_returns_growing_ids) {
  run_record run;
  run.expert_id = 7;
  run.uc = use_case::open_positions;
  run.status = run_status::processed;
  run.error = std::string{"broker down"};
  run.started_at_ms = t0;
  recommendation_outcome o;
  o.recommendation_id = 70;
  o.result = outcome::executed;
  run.outcomes.push_back(o);
  o.recommendation_id = 71;
  o.result = outcome::skipped_duplicate;
  o.reason = "existing transaction 3";
  run.outcomes.push_back(o);
  auto first = db->record_run(run);
  BOOST_REQUIRE_MESSAGE(first, why(first));
  run.error = caf::none;
  run.outcomes.clear();
  run.status = run_status::lock_timeout;
  auto second = db->record_run(run);
  BOOST_REQUIRE(second);
  BOOST_TEST(*first == 1);
  BOOST_TEST(*second == 2);
  BOOST_TEST(*db->is_fresh() == false);
}

BOOST_AUTO_TEST_CASE(record_run_stores_one_row_per_outcome) {
  auto opened = storage::soci_transaction_store::open(":memory:");
  BOOST_REQUIRE(opened);
  auto& store = **opened;
  BOOST_REQUIRE(store.migrate());
  run_record run;
  run.expert_id = 7;
  run.status = run_status::processed;
  recommendation_outcome o;
  o.recommendation_id = 71;
  o.result = outcome::skipped_duplicate;
  o.reason = "existing transaction 3";
  run.outcomes.push_back(o);
  o.recommendation_id = 70;
  o.result = outcome::executed;
  o.reason.clear();
  run.outcomes.push_back(o);
  auto id = store.record_run(run);
  BOOST_REQUIRE(id);
  auto got = store.run_outcomes(*id);
  BOOST_REQUIRE_MESSAGE(got, why(got));
  BOOST_REQUIRE(got->size() == 2u);
  BOOST_TEST(got->at(0).recommendation_id == 70);
  BOOST_TEST(got->at(0).result == outcome::executed);
  BOOST_TEST(got->at(0).reason.empty());
  BOOST_TEST(got->at(1).recommendation_id == 71);
  BOOST_TEST(got->at(1).result == outcome::skipped_duplicate);
  BOOST_TEST(got->at(1).reason == "existing transaction 3");
  BOOST_TEST(store.run_outcomes(*id + 1)->empty());
}

BOOST_AUTO_TEST_SUITE_END()
