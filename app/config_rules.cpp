#include "app/config_rules.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "messages/error.hpp"
#include "messages/ticks.hpp"

namespace tradeflow {

namespace {

// Echoed input is cut short: a flag value may be arbitrarily long.
std::string shown(const std::string& text) {
  return "'" + (text.size() > 32 ? text.substr(0, 32) + "..." : text) + "'";
}

bool all_digits(const std::string& x) {
  return !x.empty() && std::all_of(x.begin(), x.end(), [](unsigned char c) {
    return std::isdigit(c);
  });
}

} // namespace

caf::error check_range(int64_t x, int64_t lo, int64_t hi,
                       const std::string& where) {
  if (x < lo)
    return make_error(ec::invalid_input,
                      where + ": must be >= " + std::to_string(lo));
  if (x > hi)
    return make_error(ec::invalid_input,
                      where + ": must be <= " + std::to_string(hi));
  return caf::none;
}

caf::error check_duration_ms(int64_t x, const std::string& where) {
  if (x > limits::max_duration_ms)
    return make_error(ec::invalid_input,
                      where + ": must be <= "
                        + std::to_string(limits::max_duration_ms)
                        + " ms (30 days)");
  return check_range(x, 0, limits::max_duration_ms, where);
}

caf::expected<int64_t> parse_whole_number(const std::string& text,
                                          const std::string& where) {
  auto fail = [&] {
    return make_error(ec::invalid_input,
                      where + ": expected a whole number, got " + shown(text));
  };
  auto digits = !text.empty() && text[0] == '-' ? text.substr(1) : text;
  if (!all_digits(digits))
    return fail();
  int64_t out = 0;
  auto* end = text.data() + text.size();
  auto [ptr, err] = std::from_chars(text.data(), end, out);
  if (err != std::errc{} || ptr != end)
    return fail();
  return out;
}

caf::error check_tick_size(double x, const std::string& where) {
  if (auto why = tick_problem(x); !why.empty())
    return make_error(ec::invalid_input, where + ": " + why);
  return caf::none;
}

caf::expected<double> parse_tick_size(const std::string& text,
                                      const std::string& where) {
  double out = 0;
  auto* end = text.data() + text.size();
  auto [ptr, err] = std::from_chars(text.data(), end, out);
  if (text.empty() || err != std::errc{} || ptr != end)
    return make_error(ec::invalid_input,
                      where + ": expected a number, got " + shown(text));
  if (auto e = check_tick_size(out, where))
    return e;
  return out;
}

caf::error check_lock_key(const std::string& key, const std::string& where) {
  auto fail = [&] {
    return make_error(ec::invalid_input,
                      where + ": expected expert_{id}_usecase_{enter_market"
                              "|open_positions}, got "
                        + shown(key));
  };
  const std::string prefix = "expert_";
  const std::string infix = "_usecase_";
  if (key.compare(0, prefix.size(), prefix) != 0)
    return fail();
  auto pos = key.find(infix, prefix.size());
  if (pos == std::string::npos)
    return fail();
  auto id = key.substr(prefix.size(), pos - prefix.size());
  auto uc = key.substr(pos + infix.size());
  if (!all_digits(id) || id[0] == '0' || id.size() > 18
      || (uc != "enter_market" && uc != "open_positions"))
    return fail();
  return caf::none;
}

} // namespace tradeflow
