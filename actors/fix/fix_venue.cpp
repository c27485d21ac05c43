#include "actors/fix/fix_venue.hpp"

#include <condition_variable>
#include <mutex>

#include <spdlog/logger.h>

#include "actors/fix/fix_order_book.hpp"
#include "actors/fix/fix_translate.hpp"
#include "actors/fix/fix_wire.hpp"
#include "messages/error.hpp"
#include "storage/component_log.hpp"

namespace tradeflow {

namespace {

using namespace tradeflow::fix;

class fix_venue : public venue_adapter, public fix_session_events {
public:
  explicit fix_venue(fix_venue_options opts)
    : opts_(std::move(opts)), log_(component_logger("fix")) {
    // nop
  }

  ~fix_venue() override {
    stop();
  }

  caf::error open() {
    std::string err;
    session_ = fix_session::open(opts_.settings_file, *this, err);
    if (!session_)
      return make_error(ec::invalid_input, err);
    return caf::none;
  }

  void start(std::shared_ptr<venue_listener> listener) override {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      listener_ = std::move(listener);
    }
    if (auto err = session_->start(); !err.empty()) {
      log_->error("{} settings={}", err, opts_.settings_file);
      return;
    }
    std::unique_lock<std::mutex> guard{mtx_};
    if (!cv_.wait_for(guard, opts_.start_timeout, [this] { return up_; }))
      log_->warn("no logon within {} ms; QuickFIX keeps reconnecting",
                 opts_.start_timeout.count());
  }

  // Logs out first, so the venue sees an orderly end; the wait is bounded
  // and QuickFIX's thread is joined before the listener is dropped, so no
  // report arrives after stop returns.
  void stop() override {
    if (!session_)
      return;
    session_->logout();
    {
      std::unique_lock<std::mutex> guard{mtx_};
      cv_.wait_for(guard, opts_.stop_timeout, [this] { return !up_; });
    }
    session_->stop();
    std::lock_guard<std::mutex> guard{mtx_};
    listener_.reset();
  }

  void submit(const broker_order& x) override {
    if (!book_.add_order(x)) {
      log_->info("repeated submit ignored id={}", x.client_order_id);
      return;
    }
    caf::optional<double> reference;
    if (x.type == order_type::market && !x.limit_price
        && opts_.reference_price)
      reference = opts_.reference_price(x.symbol);
    market_mapping market{opts_.market_collar, opts_.price_tick};
    auto wire = to_wire(x, market, reference);
    if (!wire) {
      refuse(x.client_order_id, exec_kind::rejected, order_status::rejected,
             reason_of(wire.error()));
      return;
    }
    if (auto err = session_->send(*wire); !err.empty())
      refuse(x.client_order_id, exec_kind::rejected, order_status::rejected,
             err);
  }

  void cancel(const cancel_request& x) override {
    book_.add_cancel(x);
    if (auto err = session_->send(to_wire(x)); !err.empty())
      refuse(x.client_order_id, exec_kind::cancel_rejected,
             order_status::pending_cancel, err);
  }

  void request_status(const std::vector<broker_order>& xs) override {
    for (const auto& x : xs) {
      book_.add_order(x);
      if (auto err = session_->send(to_status_request(x)); !err.empty())
        log_->warn("status request not sent id={} why={}", x.client_order_id,
                   err);
    }
  }

  bool native_oco() const override {
    return false;
  }

  void on_logon() override {
    log_->info("logged on settings={}", opts_.settings_file);
    std::lock_guard<std::mutex> guard{mtx_};
    up_ = true;
    cv_.notify_all();
  }

  void on_logout() override {
    log_->info("logged out settings={}", opts_.settings_file);
    std::lock_guard<std::mutex> guard{mtx_};
    up_ = false;
    cv_.notify_all();
  }

  void on_sent(const wire_sent& x) override {
    book_.add_sent(x);
  }

  void on_message(const wire_in& x) override {
    if (auto r = book_.translate(x))
      deliver(*r);
    else
      log_->warn("reject of an unmapped message ref_seq={} ref_type={}",
                 x.ref_seq_num, x.ref_msg_type);
  }

private:
  void refuse(const std::string& id, exec_kind kind, order_status status,
              std::string why) {
    log_->warn("refused id={} kind={} why={}", id, to_string(kind), why);
    execution_report r;
    r.client_order_id = id;
    r.kind = kind;
    r.status = status;
    r.text = std::move(why);
    deliver(r);
  }

  // The listener is called outside our mutex: it may call back into us.
  void deliver(const execution_report& x) {
    std::shared_ptr<venue_listener> listener;
    {
      std::lock_guard<std::mutex> guard{mtx_};
      listener = listener_;
    }
    log_->debug("report id={} kind={} status={} cum_qty={}",
                x.client_order_id, to_string(x.kind), to_string(x.status),
                x.cum_qty);
    if (listener)
      listener->on_report(x);
  }

  fix_venue_options opts_;
  std::shared_ptr<spdlog::logger> log_;
  fix_order_book book_;
  std::mutex mtx_;
  std::condition_variable cv_;
  bool up_ = false;
  std::shared_ptr<venue_listener> listener_;
  // Last, so it goes first: QuickFIX's thread calls into the members above.
  std::unique_ptr<fix_session> session_;
};

caf::error check(const fix_venue_options& x) {
  if (x.settings_file.empty())
    return make_error(ec::invalid_input, "fix: no session settings file");
  if (!(x.market_collar >= 0 && x.market_collar < 1))
    return make_error(ec::invalid_input, "fix: market collar not in [0, 1)");
  if (!(x.price_tick > 0))
    return make_error(ec::invalid_input, "fix: price tick must be > 0");
  if (x.start_timeout.count() <= 0 || x.stop_timeout.count() <= 0)
    return make_error(ec::invalid_input, "fix: timeouts must be > 0");
  return caf::none;
}

} // namespace

caf::expected<std::shared_ptr<venue_adapter>>
make_fix_venue(const fix_venue_options& x) {
  if (auto err = check(x))
    return err;
  auto venue = std::make_shared<fix_venue>(x);
  if (auto err = venue->open())
    return err;
  return std::shared_ptr<venue_adapter>{std::move(venue)};
}

} // namespace tradeflow
