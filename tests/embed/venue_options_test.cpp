#include <boost/test/unit_test.hpp>

#include <mutex>

#include "messages/error.hpp"
#include "tests/embed/embed_fixture.hpp"

// engine_options::venue (a host's asynchronous venue) and fix_config
// (docs/embedding.md §2.3).
using namespace tradeflow;
using namespace tradeflow::embed_test;

namespace {

/// A host's asynchronous venue that acknowledges every submission from
/// the calling thread (a venue may answer at once) and records it.
class acking_venue : public venue_adapter {
public:
  void start(std::shared_ptr<venue_listener> x) override {
    std::lock_guard<std::mutex> guard{mtx_};
    listener_ = std::move(x);
  }
  void stop() override {
    std::lock_guard<std::mutex> guard{mtx_};
    listener_.reset();
  }
  void submit(const broker_order& x) override {
    std::shared_ptr<venue_listener> to;
    {
      std::lock_guard<std::mutex> guard{mtx_};
      submitted_.push_back(x.client_order_id);
      to = listener_;
    }
    execution_report r;
    r.client_order_id = x.client_order_id;
    r.kind = exec_kind::acknowledged;
    r.status = order_status::open;
    r.broker_order_id = "host-" + x.client_order_id;
    if (to)
      to->on_report(r);
  }
  void cancel(const cancel_request&) override {
    // nop: nothing here fills, so nothing is canceled
  }
  void request_status(const std::vector<broker_order>&) override {
    // nop: unanswered, the orders stay as they are
  }
  std::vector<std::string> submitted() {
    std::lock_guard<std::mutex> guard{mtx_};
    return submitted_;
  }

private:
  std::mutex mtx_;
  std::shared_ptr<venue_listener> listener_;
  std::vector<std::string> submitted_;
};

std::string refusal(engine_options opts) {
  auto e = engine::start(std::move(opts));
  BOOST_REQUIRE(!e);
  BOOST_TEST(is(e.error(), ec::invalid_input));
  return describe(e.error());
}

} // namespace

BOOST_AUTO_TEST_SUITE(embedded_venue)

BOOST_AUTO_TEST_CASE(at_most_one_venue_and_a_readable_fix_config) {
  engine_options opts;
  opts.venue = std::make_shared<acking_venue>();
  opts.fix_config = "tests/fix/tradeflow-ordermatch.cfg";
  BOOST_TEST(refusal(opts).find("at most one of broker, venue and "
                                "fix_config")
             != std::string::npos);
  opts = engine_options{};
  opts.fix_config = "no-such-settings.cfg";
  BOOST_TEST(refusal(opts).find("engine_options.fix_config")
             != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_hosts_venue_gets_the_entry_at_its_prices) {
  auto venue = std::make_shared<acking_venue>();
  engine_options opts;
  opts.venue = venue;
  opts.paper_prices = {{"AAPL", 100.0}};
  auto started = engine::start(std::move(opts));
  BOOST_REQUIRE(started);
  auto& eng = *started;
  BOOST_REQUIRE(!eng->put_ruleset(bracket_ruleset()));
  BOOST_REQUIRE(!eng->put_expert(trading_expert(7)));
  BOOST_REQUIRE(eng->add_recommendations({buy(1, 7, "AAPL")}));
  auto run = eng->enter_market(7);
  BOOST_REQUIRE(run);
  BOOST_TEST(venue->submitted() == std::vector<std::string>{"7-1-entry"},
             boost::test_tools::per_element());
  auto orders = eng->orders(7);
  BOOST_REQUIRE(orders);
  // The entry is open at the venue; its legs wait for its fill.
  BOOST_REQUIRE(!orders->empty());
  BOOST_TEST(orders->front().client_order_id == "7-1-entry");
  BOOST_TEST(to_string(orders->front().status) == "open");
  eng->stop();
}

BOOST_AUTO_TEST_SUITE_END()
