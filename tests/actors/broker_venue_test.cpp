// The broker actor over an asynchronous venue (README, "Connecting a real
// venue"; docs/engine-details.md §6.1, §6.5): requests return at once and
// are answered by the venue's reports or time out, and nothing waits for
// ever; a venue without one-cancels-other gets it emulated.
#include <boost/test/unit_test.hpp>

#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/broker_submitter.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/printing.hpp"

using namespace tradeflow;

namespace {

/// Records every call; the test plays the venue through `listener`.
struct fake_venue : venue_adapter {
  std::shared_ptr<venue_listener> listener;
  std::vector<broker_order> submitted;
  std::vector<cancel_request> canceled;
  std::vector<std::string> asked;
  bool stopped = false;

  void start(std::shared_ptr<venue_listener> x) override {
    listener = std::move(x);
  }
  void stop() override {
    stopped = true;
  }
  void submit(const broker_order& x) override {
    submitted.push_back(x);
  }
  void cancel(const cancel_request& x) override {
    canceled.push_back(x);
  }
  void request_status(const std::vector<broker_order>& xs) override {
    for (auto& x : xs)
      asked.push_back(x.client_order_id);
  }
};

broker_order leg(std::string id, std::string group) {
  broker_order x;
  x.client_order_id = std::move(id);
  x.symbol = "AAPL";
  x.side = order_side::sell;
  x.type = order_type::sell_limit;
  x.quantity = 100;
  x.limit_price = 110;
  x.oco_group = std::move(group);
  return x;
}

execution_report report(std::string id, exec_kind kind, order_status s,
                        int64_t cum = 0) {
  execution_report r;
  r.client_order_id = std::move(id);
  r.kind = kind;
  r.status = s;
  r.cum_qty = cum;
  if (cum > 0)
    r.avg_price = 110;
  return r;
}

/// What a request got: a value, an error, or nothing yet.
template <class T>
struct answer {
  caf::optional<T> value;
  caf::error err;
  bool any() const {
    return value || err;
  }
};

struct fixture : test::actor_fixture {
  std::shared_ptr<fake_venue> venue = std::make_shared<fake_venue>();
  broker_actor broker;

  fixture() {
    broker_backend b;
    b.venue = venue;
    b.prices.prices["AAPL"] = 100;
    b.balance = 5000;
    broker = sys.spawn(broker_submitter, b, caf::timespan{0},
                       caf::timespan{std::chrono::seconds(1)}, nullptr);
    run();
  }

  ~fixture() {
    caf::anon_send_exit(broker, caf::exit_reason::user_shutdown);
    run_all();
  }

  /// Sends `xs...` to the broker; the answer (or error) lands in `out`.
  template <class T, class... Ts>
  void ask(std::shared_ptr<answer<T>> out, Ts... xs) {
    auto b = broker;
    sys.spawn([=](caf::event_based_actor* self) {
      self->request(b, caf::infinite, xs...)
        .then([=](T& x) { out->value = std::move(x); },
              [=](caf::error& err) { out->err = std::move(err); });
    });
    run();
  }
};

template <class T>
auto slot() {
  return std::make_shared<answer<T>>();
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(broker_venue, fixture)

BOOST_AUTO_TEST_CASE(a_submission_is_answered_by_the_venues_report) {
  auto out = slot<submit_reply>();
  ask(out, submit_atom_v, leg("1-1-tp", "txn-1"));
  BOOST_REQUIRE(venue->submitted.size() == 1u);
  BOOST_TEST(!out->any()); // nothing yet: the venue answers later
  auto ack = report("1-1-tp", exec_kind::acknowledged, order_status::open);
  ack.broker_order_id = "V-1";
  venue->listener->on_report(ack);
  run();
  BOOST_REQUIRE(out->value);
  BOOST_TEST(out->value->accepted);
  BOOST_TEST(out->value->broker_order_id == "V-1");
}

BOOST_AUTO_TEST_CASE(a_silent_venue_times_out_and_nothing_is_kept) {
  auto out = slot<submit_reply>();
  ask(out, submit_atom_v, leg("1-1-tp", "txn-1"));
  advance(std::chrono::milliseconds(999));
  BOOST_TEST(!out->any());
  advance(std::chrono::milliseconds(2));
  BOOST_REQUIRE(out->err);
  BOOST_TEST((out->err == caf::sec::request_timeout));
  // A late acknowledgement is remembered for the next status request.
  venue->listener->on_report(
    report("1-1-tp", exec_kind::acknowledged, order_status::open));
  run();
  auto states = slot<std::vector<broker_order_state>>();
  ask(states, order_states_atom_v, std::vector<broker_order>{leg("1-1-tp", "")});
  BOOST_TEST(venue->asked == std::vector<std::string>{"1-1-tp"});
  advance(std::chrono::milliseconds(751)); // no status answer: 3/4 window
  BOOST_REQUIRE(states->value);
  BOOST_REQUIRE(states->value->size() == 1u);
  BOOST_TEST(states->value->front().known);
  BOOST_TEST(states->value->front().status == order_status::open);
}

BOOST_AUTO_TEST_CASE(a_fill_cancels_the_rest_of_its_group) {
  auto a = slot<submit_reply>();
  auto b = slot<submit_reply>();
  ask(a, submit_atom_v, leg("1-1-tp", "txn-1"));
  ask(b, submit_atom_v, leg("1-1-sl", "txn-1"));
  for (auto id : {"1-1-tp", "1-1-sl"})
    venue->listener->on_report(
      report(id, exec_kind::acknowledged, order_status::open));
  run();
  venue->listener->on_report(
    report("1-1-tp", exec_kind::filled, order_status::filled, 100));
  run();
  BOOST_REQUIRE(venue->canceled.size() == 1u);
  BOOST_TEST(venue->canceled[0].client_order_id == "1-1-sl");
  BOOST_TEST(venue->canceled[0].cancel_id != "1-1-sl");
  BOOST_TEST(venue->canceled[0].quantity == 100);
}

BOOST_AUTO_TEST_CASE(a_cancel_that_loses_to_a_fill_answers_false) {
  auto sub = slot<submit_reply>();
  ask(sub, submit_atom_v, leg("1-1-tp", "txn-1"));
  venue->listener->on_report(
    report("1-1-tp", exec_kind::acknowledged, order_status::open));
  run();
  auto out = slot<bool>();
  ask(out, cancel_atom_v, leg("1-1-tp", "txn-1"));
  BOOST_REQUIRE(venue->canceled.size() == 1u);
  venue->listener->on_report(
    report("1-1-tp", exec_kind::filled, order_status::filled, 100));
  run();
  BOOST_REQUIRE(out->value);
  BOOST_TEST(!*out->value);
  // Already filled: a second cancel is refused without asking the venue.
  auto again = slot<bool>();
  ask(again, cancel_atom_v, leg("1-1-tp", "txn-1"));
  BOOST_REQUIRE(again->value);
  BOOST_TEST(!*again->value);
  BOOST_TEST(venue->canceled.size() == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_to_a_status_request_but_told_by_a_resend) {
  auto states = slot<std::vector<broker_order_state>>();
  ask(states, order_states_atom_v, std::vector<broker_order>{leg("9-9-entry", "")});
  // The resend of a report missed while the engine was down...
  venue->listener->on_report(
    report("9-9-entry", exec_kind::filled, order_status::filled, 100));
  // ...then the venue's answer to 35=H: it does not know the order.
  auto unknown = report("9-9-entry", exec_kind::status, order_status::pending);
  unknown.known = false;
  venue->listener->on_report(unknown);
  run();
  BOOST_REQUIRE(states->value);
  BOOST_REQUIRE(states->value->size() == 1u);
  BOOST_TEST(states->value->front().known);
  BOOST_TEST(states->value->front().status == order_status::filled);
  BOOST_TEST(states->value->front().filled_qty == 100);
}

BOOST_AUTO_TEST_CASE(prices_and_balance_come_from_the_backend) {
  auto set = slot<bool>();
  ask(set, set_price_atom_v, price_quotes{{{"MSFT", 300}}});
  auto p = slot<price_quotes>();
  ask(p, price_atom_v, std::vector<std::string>{"AAPL", "MSFT"});
  BOOST_REQUIRE(p->value);
  BOOST_TEST(p->value->prices.at("AAPL") == 100);
  BOOST_TEST(p->value->prices.at("MSFT") == 300);
  auto bal = slot<double>();
  ask(bal, balance_atom_v);
  BOOST_REQUIRE(bal->value);
  BOOST_TEST(*bal->value == 5000);
  auto faults = slot<bool>();
  ask(faults, faults_atom_v, broker_faults{});
  BOOST_REQUIRE(faults->value);
  BOOST_TEST(!*faults->value); // a real venue has no simulated faults
}

BOOST_AUTO_TEST_SUITE_END()
