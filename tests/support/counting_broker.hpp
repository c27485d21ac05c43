#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <caf/optional.hpp>

#include "messages/broker_adapter.hpp"
#include "actors/paper_broker.hpp"

namespace tradeflow::test {

/// A `broker_adapter` decorator over the paper broker that counts the
/// submissions reaching the broker per client order id, answered or not.
class counting_broker : public broker_adapter {
public:
  explicit counting_broker(std::shared_ptr<paper_broker> inner)
    : inner_(std::move(inner)) {
    // nop
  }

  /// Submissions seen per client order id.
  std::map<std::string, int> submits;
  /// When set, the balance answered instead of the paper broker's (a
  /// remote broker answering garbage).
  caf::optional<double> balance_answer;

  caf::optional<submit_reply> submit(const broker_order& x) override {
    ++submits[x.client_order_id];
    return inner_->submit(x);
  }

  std::vector<broker_order_state>
  status(const std::vector<std::string>& ids) override {
    return inner_->status(ids);
  }

  bool cancel(const std::string& id) override {
    return inner_->cancel(id);
  }

  price_quotes prices(const std::vector<std::string>& symbols) override {
    return inner_->prices(symbols);
  }

  void set_prices(const price_quotes& x) override {
    inner_->set_prices(x);
  }

  double balance() override {
    return balance_answer ? *balance_answer : inner_->balance();
  }

  void set_faults(const broker_faults& x) override {
    inner_->set_faults(x);
  }

private:
  std::shared_ptr<paper_broker> inner_;
};

} // namespace tradeflow::test
