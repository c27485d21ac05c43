#include "app/venue_choice.hpp"

#include "messages/error.hpp"

#ifdef TRADEFLOW_HAVE_FIX
#include "actors/fix/fix_venue.hpp"
#endif

namespace tradeflow {

namespace {

caf::error fix_config_error(const caf::error& err) {
  return make_error(ec::invalid_input, "--fix-config: " + reason_of(err));
}

#ifdef TRADEFLOW_HAVE_FIX
fix_venue_options fix_options(const venue_choice& x,
                              std::shared_ptr<quote_board> board) {
  fix_venue_options opts;
  opts.settings_file = x.fix_config;
  opts.price_tick = x.price_tick;
  if (board)
    opts.reference_price = [board](const std::string& symbol) {
      return board->get(symbol);
    };
  return opts;
}
#endif

} // namespace

venue_choice venue_choice_of(const engine_config& cfg) {
  venue_choice out;
  out.broker = cfg.broker;
  out.fix_config = cfg.fix_config;
  out.price_tick = cfg.tick_size;
  return out;
}

bool fix_venue_built() {
#ifdef TRADEFLOW_HAVE_FIX
  return true;
#else
  return false;
#endif
}

caf::error check_venue_choice(const venue_choice& x) {
  if (x.broker != "paper" && x.broker != "fix")
    return make_error(ec::invalid_input, "--broker: expected paper or fix, "
                                         "got '" + x.broker.substr(0, 32)
                                           + "'");
  if (!x.fix())
    return caf::none;
  if (!fix_venue_built())
    return make_error(ec::invalid_input,
                      "--broker: fix: this build has no FIX venue (QuickFIX "
                      "was not found when it was built; scripts/install-deps)");
  if (x.fix_config.empty())
    return make_error(ec::invalid_input,
                      "--fix-config: required with --broker fix (a QuickFIX "
                      "session settings file, docs/fix-venue.md)");
  // Parses the settings file; connects nothing (that is `start`).
  auto venue = fix_backend(x, nullptr, {}, 0);
  return venue ? caf::none : std::move(venue.error());
}

caf::expected<broker_backend> fix_backend(const venue_choice& x,
                                          std::shared_ptr<quote_board> board,
                                          price_quotes prices,
                                          double balance) {
#ifdef TRADEFLOW_HAVE_FIX
  auto venue = make_fix_venue(fix_options(x, std::move(board)));
  if (!venue)
    return fix_config_error(venue.error());
  return async_backend(std::move(*venue), std::move(prices), balance);
#else
  static_cast<void>(board);
  static_cast<void>(prices);
  static_cast<void>(balance);
  return fix_config_error(make_error(
    ec::invalid_input, x.fix_config + ": this build has no FIX venue"));
#endif
}

broker_backend async_backend(std::shared_ptr<venue_adapter> venue,
                             price_quotes prices, double balance) {
  broker_backend out;
  out.venue = std::move(venue);
  out.prices = std::move(prices);
  out.balance = balance;
  return out;
}

} // namespace tradeflow
