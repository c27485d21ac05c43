// fix_contra SETTINGS: the contra side of the FIX tests, a second client
// of QuickFIX's ordermatch that rests and crosses limit orders so that a
// test sets the market. C++14, like every file that includes QuickFIX.
//
// stdin, one command a line:
//   buy SYMBOL QTY PRICE ID    a Day limit order (ClOrdID ID)
//   sell SYMBOL QTY PRICE ID
//   quit                       (or end of input) logs out and exits
// stdout, one event a line, flushed:
//   logon
//   sent ID
//   report id=ID status=39 exec_type=150 last_qty=32 last_px=31 cum_qty=14
//   error TEXT
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>

#include <quickfix/Application.h>
#include <quickfix/FieldTypes.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

namespace {

std::mutex out_mtx;

void say(const std::string& line) {
  std::lock_guard<std::mutex> guard{out_mtx};
  std::cout << line << std::endl;
}

std::string tag(const FIX::FieldMap& m, int t) {
  return m.isSetField(t) ? m.getField(t) : std::string{"-"};
}

class contra : public FIX::Application {
public:
  void onCreate(const FIX::SessionID&) override {
    // nop
  }
  void onLogon(const FIX::SessionID&) override {
    say("logon");
  }
  void onLogout(const FIX::SessionID&) override {
    // nop
  }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {
    // nop
  }
  void toApp(FIX::Message&, const FIX::SessionID&)
    throw(FIX::DoNotSend) override {
    // nop
  }
  void fromAdmin(const FIX::Message&, const FIX::SessionID&)
    throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
          FIX::IncorrectTagValue, FIX::RejectLogon) override {
    // nop
  }
  void fromApp(const FIX::Message& m, const FIX::SessionID&)
    throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
          FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    if (tag(m.getHeader(), FIX::FIELD::MsgType) != "8")
      return;
    say("report id=" + tag(m, FIX::FIELD::ClOrdID)
        + " status=" + tag(m, FIX::FIELD::OrdStatus)
        + " exec_type=" + tag(m, FIX::FIELD::ExecType)
        + " last_qty=" + tag(m, FIX::FIELD::LastShares)
        + " last_px=" + tag(m, FIX::FIELD::LastPx)
        + " cum_qty=" + tag(m, FIX::FIELD::CumQty));
  }
};

void send_order(const FIX::SessionID& id, std::istringstream& in,
                char side) {
  std::string symbol, order_id;
  double qty = 0, price = 0;
  if (!(in >> symbol >> qty >> price >> order_id)) {
    say("error usage: buy|sell SYMBOL QTY PRICE ID");
    return;
  }
  FIX::Message m;
  m.getHeader().setField(FIX::MsgType("D"));
  m.setField(FIX::ClOrdID(order_id));
  m.setField(FIX::HandlInst('1'));
  m.setField(FIX::Symbol(symbol));
  m.setField(FIX::Side(side));
  m.setField(FIX::TransactTime());
  m.setField(FIX::OrderQty(qty));
  m.setField(FIX::OrdType('2'));
  m.setField(FIX::Price(price));
  m.setField(FIX::TimeInForce('0'));
  FIX::Session::sendToTarget(m, id);
  say("sent " + order_id);
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fix_contra SETTINGS\n";
    return 2;
  }
  try {
    FIX::SessionSettings settings{argv[1]};
    auto id = *settings.getSessions().begin();
    contra app;
    FIX::FileStoreFactory store{settings};
    FIX::SocketInitiator initiator{app, store, settings};
    initiator.start();
    std::string line;
    while (std::getline(std::cin, line)) {
      std::istringstream in{line};
      std::string verb;
      in >> verb;
      if (verb == "quit")
        break;
      if (verb == "buy" || verb == "sell")
        send_order(id, in, verb == "buy" ? '1' : '2');
      else if (!verb.empty())
        say("error unknown command " + verb);
    }
    initiator.stop(true);
    return 0;
  } catch (std::exception& e) {
    say(std::string{"error "} + e.what());
    return 1;
  }
}
