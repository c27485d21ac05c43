#include <map>
#include <memory>

#include <boost/test/unit_test.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/decisions/orders.hpp"
#include "actors/broker_submitter.hpp"
#include "actors/paper_broker.hpp"
#include "actors/refresh_ticker.hpp"
#include "actors/refresher.hpp"
#include "actors/store.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/printing.hpp"

// The refresh path under the test coordinator: a filled entry releases its
// legs once even when two refreshes overlap, and the periodic ticker
// refreshes a running engine on its interval.
using namespace tradeflow;
using namespace std::chrono_literals;

namespace {

/// Counts submissions per client order id on the way to the paper broker.
class counting_broker : public paper_broker {
public:
  using paper_broker::paper_broker;

  caf::optional<submit_reply> submit(const broker_order& x) override {
    ++submissions[x.client_order_id];
    return paper_broker::submit(x);
  }

  std::map<std::string, int> submissions;
};

order make_order(const std::string& id, order_side side, order_type type,
                 order_status status) {
  order x;
  x.expert_id = 1;
  x.recommendation_id = 1;
  x.symbol = "AAPL";
  x.side = side;
  x.type = type;
  x.role = type == order_type::sell_limit  ? order_role::take_profit
           : type == order_type::sell_stop ? order_role::stop_loss
                                           : order_role::entry;
  x.quantity = 10;
  x.status = status;
  x.client_order_id = id;
  if (status == order_status::waiting_trigger)
    x.depends_order_status_trigger = order_status::filled;
  return x;
}

struct refresh_fixture : test::actor_fixture {
  std::shared_ptr<storage::transaction_store> db;
  std::shared_ptr<counting_broker> broker;
  store_actor store_handle;
  broker_actor broker_handle;
  refresher_actor refresher_handle;

  refresh_fixture() {
    auto opened = storage::open_store("sqlite3://db=:memory:");
    BOOST_REQUIRE(opened);
    db = std::move(*opened);
    BOOST_REQUIRE(db->migrate());
    price_quotes prices;
    prices.prices["AAPL"] = 100;
    broker = std::make_shared<counting_broker>(prices, 1e6, broker_faults{});
    // An entry with a take profit and a stop loss, the entry already at
    // the broker (where a market order fills at once).
    entry_write w;
    w.recommendation_id = 1;
    w.txn.expert_id = 1;
    w.txn.symbol = "AAPL";
    w.txn.quantity = 10;
    w.txn.open_price = 100;
    w.entry = make_order("1-1-entry", order_side::buy, order_type::market,
                         order_status::pending);
    auto tp = make_order("1-1-tp", order_side::sell, order_type::sell_limit,
                         order_status::waiting_trigger);
    tp.limit_price = 110;
    auto sl = make_order("1-1-sl", order_side::sell, order_type::sell_stop,
                         order_status::waiting_trigger);
    sl.stop_price = 95;
    w.legs = {tp, sl};
    auto out = db->write_entry("expert_1_usecase_enter_market", 1, w);
    BOOST_REQUIRE(out && out->status == write_status::written);
    auto reply = broker->submit(broker_order{"1-1-entry", "AAPL",
                                             order_side::buy,
                                             order_type::market, 10,
                                             caf::none, caf::none, ""});
    BOOST_REQUIRE(reply && reply->accepted);
    auto u = submission_update(out->orders.front().id, *reply);
    BOOST_REQUIRE(db->update_order(u));
    run_settings settings;
    settings.fixed_now_ms = 1'700'000'000'000;
    store_handle = sys.spawn(store, db, tick_table{});
    broker_handle = sys.spawn(broker_submitter, broker_backend{broker},
                              caf::timespan{0}, settings.broker_timeout,
                              nullptr);
    refresher_handle = sys.spawn(refresher, store_handle, broker_handle,
                                 settings);
    run();
  }

  ~refresh_fixture() {
    for (auto h : {caf::actor_cast<caf::actor>(store_handle),
                   caf::actor_cast<caf::actor>(broker_handle),
                   caf::actor_cast<caf::actor>(refresher_handle)})
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    run_all();
  }

  void request_refresh(std::shared_ptr<int> done) {
    auto r = refresher_handle;
    sys.spawn([=](caf::event_based_actor* self) {
      self->request(r, caf::infinite, refresh_atom_v, refresh_scope{}, true)
        .then([=](sync_summary&) { ++*done; });
    });
  }

  std::map<std::string, order> orders() {
    auto snap = db->snapshot();
    BOOST_REQUIRE(snap);
    std::map<std::string, order> result;
    for (auto& o : snap->orders)
      result[o.client_order_id] = o;
    return result;
  }

  txn_status status_of_position() {
    auto snap = db->snapshot();
    BOOST_REQUIRE(snap && snap->transactions.size() == 1u);
    return snap->transactions.front().status;
  }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(refresh_suite, refresh_fixture)

BOOST_AUTO_TEST_CASE(overlapping_refreshes_release_each_leg_once) {
  auto done = std::make_shared<int>(0);
  request_refresh(done);
  request_refresh(done);
  run();
  BOOST_TEST(*done == 2);
  BOOST_TEST(broker->submissions["1-1-tp"] == 1);
  BOOST_TEST(broker->submissions["1-1-sl"] == 1);
  auto xs = orders();
  BOOST_TEST(xs["1-1-entry"].status == order_status::filled);
  BOOST_TEST(xs["1-1-tp"].status == order_status::open);
  BOOST_TEST(xs["1-1-sl"].status == order_status::open);
  BOOST_TEST(xs["1-1-tp"].quantity == 10);
  BOOST_TEST(status_of_position() == txn_status::opened);
  // A third refresh finds nothing left to release.
  request_refresh(done);
  run();
  BOOST_TEST(broker->submissions["1-1-tp"] == 1);
}

BOOST_AUTO_TEST_CASE(take_profit_fill_closes_and_cancels_the_stop_loss) {
  auto done = std::make_shared<int>(0);
  request_refresh(done);
  run();
  price_quotes up;
  up.prices["AAPL"] = 111;
  broker->set_prices(up);
  request_refresh(done);
  run();
  auto xs = orders();
  BOOST_TEST(xs["1-1-tp"].status == order_status::filled);
  BOOST_TEST(xs["1-1-sl"].status == order_status::canceled);
  BOOST_TEST(status_of_position() == txn_status::closed);
  auto snap = db->snapshot();
  BOOST_TEST(*snap->transactions.front().close_price == 110.0);
}

BOOST_AUTO_TEST_CASE(periodic_refresh_runs_on_its_interval) {
  auto ticker = sys.spawn(refresh_ticker, refresher_handle,
                          caf::timespan{5s});
  run();
  advance(4999ms);
  BOOST_TEST(status_of_position() == txn_status::waiting);
  advance(1ms);
  BOOST_TEST(status_of_position() == txn_status::opened);
  BOOST_TEST(broker->submissions["1-1-tp"] == 1);
  caf::anon_send_exit(ticker, caf::exit_reason::user_shutdown);
  run();
}

BOOST_AUTO_TEST_SUITE_END()
