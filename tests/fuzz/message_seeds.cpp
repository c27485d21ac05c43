// Writes the seed corpus of `fuzz_messages`: each message type's default
// value, and the values a replay sends for each scenario named on the
// command line. Usage: fuzz_message_seeds OUT_DIR SCENARIO.json...
// (run by hand when a message type changes; the output is committed).

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <caf/binary_serializer.hpp>

#include "app/scenario.hpp"
#include "tests/fuzz/message_types.hpp"

namespace {

template <class T>
size_t index_of() {
  size_t result = 0;
  size_t i = 0;
  std::apply([&](auto... xs) {
    ((std::is_same<decltype(xs), T>::value ? (result = i++) : i++), ...);
  }, tradeflow::fuzz::message_types{});
  return result;
}

template <class T>
void write_seed(const std::string& dir, const std::string& name, T x) {
  std::vector<char> buf{static_cast<char>(index_of<T>())};
  caf::binary_serializer sink{nullptr, buf};
  if (auto err = sink(x)) {
    std::cerr << name << ": " << to_string(err) << '\n';
    return;
  }
  std::ofstream{dir + "/" + name, std::ios::binary}.write(
    buf.data(), static_cast<std::streamsize>(buf.size()));
}

void write_scenario_seeds(const std::string& dir, const std::string& tag,
                          const tradeflow::scenario& s) {
  write_seed(dir, tag + "-rulesets", s.rulesets);
  write_seed(dir, tag + "-experts", s.experts);
  write_seed(dir, tag + "-recommendations", s.recommendations);
  write_seed(dir, tag + "-transactions", s.transactions);
  write_seed(dir, tag + "-prices", s.prices);
  write_seed(dir, tag + "-venue",
             tradeflow::venue_setup{s.prices, s.balance, s.faults,
                                    s.latency_ms});
  write_seed(dir, tag + "-seed",
             tradeflow::scenario_seed{s.rulesets, s.experts,
                                      s.recommendations, s.transactions});
  for (const auto& step : s.steps)
    if (step.what == tradeflow::scenario_step::kind::run) {
      write_seed(dir, tag + "-run", step.run);
      break;
    }
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " OUT_DIR SCENARIO.json...\n";
    return 2;
  }
  std::string dir = argv[1];
  for (size_t i = 0; i < tradeflow::fuzz::message_type_count; ++i)
    tradeflow::fuzz::with_message_type(i, [&](auto x) {
      write_seed(dir, "default-" + std::to_string(i), x);
    });
  for (int i = 2; i < argc; ++i) {
    auto s = tradeflow::load_scenario_file(argv[i]);
    if (!s) {
      std::cerr << argv[i] << ": " << to_string(s.error()) << '\n';
      continue;
    }
    write_scenario_seeds(dir, "scenario" + std::to_string(i - 1), *s);
  }
  return 0;
}
