// C++14, the only unit of tradeflow_fix that includes QuickFIX: Debian's
// QuickFIX 1.15.1 headers use dynamic exception specifications, which
// C++17 rejects (actors/fix/CMakeLists.txt).
#include "actors/fix/fix_wire.hpp"

#include <cstdlib>
#include <exception>
#include <utility>

#include <quickfix/Application.h>
#include <quickfix/FieldTypes.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

namespace tradeflow {
namespace fix {

namespace {

std::string text_of(const FIX::FieldMap& m, int tag) {
  return m.isSetField(tag) ? m.getField(tag) : std::string{};
}

char char_of(const FIX::FieldMap& m, int tag) {
  auto x = text_of(m, tag);
  return x.empty() ? '\0' : x[0];
}

double number_of(const FIX::FieldMap& m, int tag, bool* present = nullptr) {
  auto x = text_of(m, tag);
  if (present)
    *present = !x.empty();
  return x.empty() ? 0.0 : std::strtod(x.c_str(), nullptr);
}

wire_in read_in(const FIX::Message& m, wire_kind kind) {
  wire_in x;
  x.kind = kind;
  x.cl_ord_id = text_of(m, FIX::FIELD::ClOrdID);
  x.orig_cl_ord_id = text_of(m, FIX::FIELD::OrigClOrdID);
  x.order_id = text_of(m, FIX::FIELD::OrderID);
  x.exec_id = text_of(m, FIX::FIELD::ExecID);
  x.ord_status = char_of(m, FIX::FIELD::OrdStatus);
  x.exec_type = char_of(m, FIX::FIELD::ExecType);
  x.last_shares = number_of(m, FIX::FIELD::LastShares);
  x.last_px = number_of(m, FIX::FIELD::LastPx, &x.has_last_px);
  x.cum_qty = number_of(m, FIX::FIELD::CumQty);
  x.avg_px = number_of(m, FIX::FIELD::AvgPx, &x.has_avg_px);
  x.text = text_of(m, FIX::FIELD::Text);
  x.ref_seq_num = static_cast<int>(number_of(m, FIX::FIELD::RefSeqNum));
  x.ref_msg_type = text_of(m, FIX::FIELD::RefMsgType);
  x.business_reject_ref_id = text_of(m, FIX::FIELD::BusinessRejectRefID);
  return x;
}

// QuickFIX's callbacks. The overrides must repeat the base class's throw
// specifications, even as C++14.
class application : public FIX::Application {
public:
  explicit application(fix_session_events& events) : events_(events) {
    // nop
  }

  void onCreate(const FIX::SessionID&) override {
    // nop
  }
  void onLogon(const FIX::SessionID&) override {
    events_.on_logon();
  }
  void onLogout(const FIX::SessionID&) override {
    events_.on_logout();
  }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {
    // nop
  }

  // Called with the header filled in (MsgSeqNum), also for a resend.
  void toApp(FIX::Message& m, const FIX::SessionID&)
    throw(FIX::DoNotSend) override {
    wire_sent x;
    x.seq_num = static_cast<int>(
      number_of(m.getHeader(), FIX::FIELD::MsgSeqNum));
    x.msg_type = text_of(m.getHeader(), FIX::FIELD::MsgType);
    x.cl_ord_id = text_of(m, FIX::FIELD::ClOrdID);
    events_.on_sent(x);
  }

  void fromAdmin(const FIX::Message& m, const FIX::SessionID&)
    throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
          FIX::IncorrectTagValue, FIX::RejectLogon) override {
    if (text_of(m.getHeader(), FIX::FIELD::MsgType) == "3")
      events_.on_message(read_in(m, wire_kind::session_reject));
  }

  // Anything but 8, 9 and j is ignored rather than answered with a
  // Business Message Reject: the venue has nothing else to tell us.
  void fromApp(const FIX::Message& m, const FIX::SessionID&)
    throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
          FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    auto type = text_of(m.getHeader(), FIX::FIELD::MsgType);
    if (type == "8")
      events_.on_message(read_in(m, wire_kind::execution_report));
    else if (type == "9")
      events_.on_message(read_in(m, wire_kind::cancel_reject));
    else if (type == "j")
      events_.on_message(read_in(m, wire_kind::business_reject));
  }

private:
  fix_session_events& events_;
};

FIX::Message new_message(const char* type, const std::string& cl_ord_id,
                         const std::string& symbol, char side) {
  FIX::Message m;
  m.getHeader().setField(FIX::MsgType(type));
  m.setField(FIX::ClOrdID(cl_ord_id));
  m.setField(FIX::Symbol(symbol));
  m.setField(FIX::Side(side));
  return m;
}

} // namespace

struct fix_session::impl {
  impl(const std::string& file, fix_session_events& events)
    : settings(file), app(events), store(settings) {
    // nop
  }

  std::string send(FIX::Message& m) {
    try {
      // False only means "stored, not sent yet" (not logged on).
      FIX::Session::sendToTarget(m, id);
      return {};
    } catch (std::exception& e) {
      return std::string{"FIX send failed: "} + e.what();
    }
  }

  FIX::SessionSettings settings;
  application app;
  FIX::FileStoreFactory store;
  FIX::SessionID id;
  std::unique_ptr<FIX::SocketInitiator> initiator;
};

fix_session::fix_session(std::unique_ptr<impl> x) : impl_(std::move(x)) {
  // nop
}

fix_session::~fix_session() {
  stop();
}

std::unique_ptr<fix_session>
fix_session::open(const std::string& settings_file, fix_session_events& events,
                  std::string& error) {
  try {
    auto x = std::make_unique<impl>(settings_file, events);
    auto ids = x->settings.getSessions();
    if (ids.size() != 1) {
      error = settings_file + ": expected exactly one [SESSION]";
      return nullptr;
    }
    x->id = *ids.begin();
    const auto& dict = x->settings.get(x->id);
    if (x->id.getBeginString().getValue() != "FIX.4.2")
      error = settings_file + ": BeginString must be FIX.4.2";
    else if (dict.getString("ConnectionType") != "initiator")
      error = settings_file + ": ConnectionType must be initiator";
    else if (!dict.has("FileStorePath"))
      error = settings_file + ": FileStorePath is required (resend)";
    if (!error.empty())
      return nullptr;
    return std::make_unique<fix_session>(std::move(x));
  } catch (std::exception& e) {
    error = settings_file + ": " + e.what();
    return nullptr;
  }
}

std::string fix_session::start() {
  if (impl_->initiator)
    return {};
  try {
    impl_->initiator = std::make_unique<FIX::SocketInitiator>(
      impl_->app, impl_->store, impl_->settings);
    impl_->initiator->start();
    return {};
  } catch (std::exception& e) {
    impl_->initiator.reset();
    return std::string{"FIX start failed: "} + e.what();
  }
}

void fix_session::logout() {
  if (auto s = FIX::Session::lookupSession(impl_->id))
    s->logout("tradeflow stopping");
}

void fix_session::stop() {
  if (!impl_->initiator)
    return;
  impl_->initiator->stop(true);
  impl_->initiator.reset();
}

std::string fix_session::send(const wire_order& x) {
  auto m = new_message("D", x.cl_ord_id, x.symbol, x.side);
  m.setField(FIX::HandlInst('1'));
  m.setField(FIX::TransactTime());
  m.setField(FIX::OrderQty(static_cast<double>(x.qty)));
  m.setField(FIX::OrdType(x.ord_type));
  if (x.has_price)
    m.setField(FIX::Price(x.price));
  if (x.has_stop)
    m.setField(FIX::StopPx(x.stop_px));
  m.setField(FIX::TimeInForce('0'));
  return impl_->send(m);
}

std::string fix_session::send(const wire_cancel& x) {
  auto m = new_message("F", x.cl_ord_id, x.symbol, x.side);
  m.setField(FIX::OrigClOrdID(x.orig_cl_ord_id));
  m.setField(FIX::TransactTime());
  m.setField(FIX::OrderQty(static_cast<double>(x.qty)));
  return impl_->send(m);
}

std::string fix_session::send(const wire_status_request& x) {
  auto m = new_message("H", x.cl_ord_id, x.symbol, x.side);
  return impl_->send(m);
}

} // namespace fix
} // namespace tradeflow
