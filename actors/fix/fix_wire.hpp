#pragma once

#include <memory>
#include <string>

/// The seam between the FIX venue's C++17 code and its one C++14 unit that
/// includes QuickFIX (fix_session.cpp): plain structs of FIX tag values and
/// a pimpl session. Nothing here names a QuickFIX or project type, and it
/// stays valid C++14 (no nested namespace definitions, no string_view),
/// because both sides include it.
namespace tradeflow {
namespace fix {

/// New Order Single (35=D) as it goes on the wire.
struct wire_order {
  std::string cl_ord_id; // 11
  std::string symbol;    // 55
  char side = '1';       // 54: 1 buy, 2 sell
  char ord_type = '2';   // 40: 1 market, 2 limit, 3 stop
  long long qty = 0;     // 38
  bool has_price = false;
  double price = 0; // 44
  bool has_stop = false;
  double stop_px = 0; // 99
};

/// Order Cancel Request (35=F).
struct wire_cancel {
  std::string orig_cl_ord_id; // 41
  std::string cl_ord_id;      // 11
  std::string symbol;         // 55
  char side = '1';            // 54
  long long qty = 0;          // 38
};

/// Order Status Request (35=H).
struct wire_status_request {
  std::string cl_ord_id; // 11
  std::string symbol;    // 55
  char side = '1';       // 54
};

/// What an inbound application or reject message is.
enum class wire_kind {
  execution_report, // 35=8
  cancel_reject,    // 35=9
  business_reject,  // 35=j
  session_reject    // 35=3
};

/// One inbound message, reduced to the tags the venue maps. A tag that is
/// absent reads as an empty string, 0, or `has_* == false`.
struct wire_in {
  wire_kind kind = wire_kind::execution_report;
  std::string cl_ord_id;      // 11
  std::string orig_cl_ord_id; // 41
  std::string order_id;       // 37
  std::string exec_id;        // 17
  char ord_status = 0;        // 39
  char exec_type = 0;         // 150
  double last_shares = 0;     // 32
  bool has_last_px = false;
  double last_px = 0;  // 31
  double cum_qty = 0;  // 14
  bool has_avg_px = false;
  double avg_px = 0;   // 6
  std::string text;    // 58
  int ref_seq_num = 0; // 45
  std::string ref_msg_type;           // 372
  std::string business_reject_ref_id; // 379
};

/// An application message as it left (or was resent): its sequence
/// number, so that a reject naming only RefSeqNum (45) finds its order.
struct wire_sent {
  int seq_num = 0;
  std::string msg_type;
  std::string cl_ord_id;
};

/// Called by QuickFIX's threads (and by the sending thread for `on_sent`).
class fix_session_events {
public:
  virtual ~fix_session_events() = default;
  virtual void on_logon() = 0;
  virtual void on_logout() = 0;
  virtual void on_sent(const wire_sent& x) = 0;
  virtual void on_message(const wire_in& x) = 0;
};

/// One FIX initiator session (QuickFIX SocketInitiator, FileStore, no
/// message log). Every method catches QuickFIX's exceptions and answers
/// with an error text instead (empty: no error).
class fix_session {
public:
  /// Reads the settings file: one FIX.4.2 initiator session.
  static std::unique_ptr<fix_session>
  open(const std::string& settings_file, fix_session_events& events,
       std::string& error);
  ~fix_session();

  /// Connects and logs on in QuickFIX's own thread; returns at once.
  std::string start();
  /// Sends a Logout (answered by `on_logout` when the peer confirms).
  void logout();
  /// Stops QuickFIX's thread without waiting for the peer; joins it.
  void stop();

  /// Each stores the message in the FileStore and sends it when logged
  /// on; a message stored while disconnected goes out by resend.
  std::string send(const wire_order& x);
  std::string send(const wire_cancel& x);
  std::string send(const wire_status_request& x);

  /// QuickFIX's objects; only fix_session.cpp can make one (`open`).
  struct impl;
  explicit fix_session(std::unique_ptr<impl> x);

private:
  std::unique_ptr<impl> impl_;
};

} // namespace fix
} // namespace tradeflow
