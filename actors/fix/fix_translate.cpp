#include "actors/fix/fix_translate.hpp"

#include <cmath>

#include "messages/error.hpp"

namespace tradeflow::fix {

namespace {

// The collared price, rounded to the tick towards the reference so that
// the collar is never exceeded (1e-9 absorbs binary noise: 10.5 / 0.01).
double collared(double reference, const market_mapping& m, bool buy) {
  auto raw = buy ? reference * (1 + m.collar) : reference * (1 - m.collar);
  auto ticks = raw / m.tick;
  ticks = buy ? std::floor(ticks + 1e-9) : std::ceil(ticks - 1e-9);
  return ticks * m.tick;
}

caf::error refuse(const broker_order& x, const char* why) {
  return make_error(ec::invalid_input, x.client_order_id + ": " + why);
}

char side_of(order_side x) {
  return x == order_side::buy ? '1' : '2';
}

int64_t shares(double x) {
  return static_cast<int64_t>(std::llround(x));
}

} // namespace

caf::expected<wire_order> to_wire(const broker_order& x,
                                  const market_mapping& market,
                                  caf::optional<double> reference) {
  if (x.quantity <= 0)
    return refuse(x, "quantity must be positive");
  wire_order w;
  w.cl_ord_id = x.client_order_id;
  w.symbol = x.symbol;
  w.side = side_of(x.side);
  w.qty = x.quantity;
  switch (x.type) {
    case order_type::market:
      if (market.collar <= 0) {
        w.ord_type = '1';
        return w;
      }
      if (!reference)
        reference = x.limit_price;
      if (!reference || *reference <= 0)
        return refuse(x, "a market order needs a reference price for its "
                         "collar (limit_price or the venue's reference)");
      w.ord_type = '2';
      w.has_price = true;
      w.price = collared(*reference, market, x.side == order_side::buy);
      return w;
    case order_type::buy_limit:
    case order_type::sell_limit:
      if (!x.limit_price)
        return refuse(x, "a limit order needs a limit price");
      w.ord_type = '2';
      w.has_price = true;
      w.price = *x.limit_price;
      return w;
    case order_type::buy_stop:
    case order_type::sell_stop:
      if (!x.stop_price)
        return refuse(x, "a stop order needs a stop price");
      w.ord_type = '3';
      w.has_stop = true;
      w.stop_px = *x.stop_price;
      return w;
  }
  return refuse(x, "unknown order type");
}

wire_cancel to_wire(const cancel_request& x) {
  wire_cancel w;
  w.orig_cl_ord_id = x.client_order_id;
  w.cl_ord_id = x.cancel_id;
  w.symbol = x.symbol;
  w.side = side_of(x.side);
  w.qty = x.quantity;
  return w;
}

wire_status_request to_status_request(const broker_order& x) {
  return {x.client_order_id, x.symbol, side_of(x.side)};
}

order_status status_of(char ord_status) {
  switch (ord_status) {
    case '0': case '5': case '7': case '9': case 'B': case 'D': case 'E':
      return order_status::open;
    case '1':
      return order_status::partially_filled;
    case '2':
      return order_status::filled;
    case '3': case 'C':
      return order_status::expired;
    case '4':
      return order_status::canceled;
    case '6':
      return order_status::pending_cancel;
    case '8':
      return order_status::rejected;
    default:
      return order_status::pending;
  }
}

exec_kind kind_of(char exec_type, char ord_status) {
  switch (exec_type ? exec_type : ord_status) {
    case '0':
      return exec_kind::acknowledged;
    case '1':
      return exec_kind::partially_filled;
    case '2':
      return exec_kind::filled;
    case '3': case '4': case 'C':
      return exec_kind::canceled;
    case '8':
      return exec_kind::rejected;
    default:
      return exec_kind::status;
  }
}

execution_report report_of(const wire_in& x,
                           const std::string& client_order_id) {
  execution_report r;
  r.client_order_id = client_order_id;
  r.status = status_of(x.ord_status);
  r.kind = kind_of(x.exec_type, x.ord_status);
  // A fill's kind follows the order's status: ExecType says "a fill
  // happened", OrdStatus whether quantity is still working.
  if (r.kind == exec_kind::partially_filled && r.status == order_status::filled)
    r.kind = exec_kind::filled;
  if (r.kind == exec_kind::filled && r.status == order_status::partially_filled)
    r.kind = exec_kind::partially_filled;
  r.broker_order_id = x.order_id;
  r.last_qty = shares(x.last_shares);
  if (r.last_qty > 0) {
    r.exec_id = x.exec_id;
    if (x.has_last_px)
      r.last_price = x.last_px;
  }
  r.cum_qty = shares(x.cum_qty);
  if (r.cum_qty > 0 && x.has_avg_px)
    r.avg_price = x.avg_px;
  r.text = x.text;
  return r;
}

} // namespace tradeflow::fix
