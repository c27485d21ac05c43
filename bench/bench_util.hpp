#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/logging.hpp"
#include "app/config.hpp"

/// Helpers shared by the benchmark programs: statistics, resident memory,
/// flags, and the actor-system configuration they all run under.
namespace tradeflow::bench {

using bench_clock = std::chrono::steady_clock;

/// Milliseconds elapsed since `t0`.
inline double ms_since(bench_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(bench_clock::now() - t0)
    .count();
}

/// Nearest-rank percentile `p` (0..100) of `xs`; 0 for an empty sample.
inline double percentile(std::vector<double> xs, double p) {
  if (xs.empty())
    return 0;
  std::sort(xs.begin(), xs.end());
  auto rank = static_cast<size_t>(std::ceil(p / 100.0
                                            * static_cast<double>(xs.size())));
  return xs[std::min(xs.size(), std::max<size_t>(rank, 1)) - 1];
}

/// Median of `xs` (mean of the two middle values for an even count).
inline double median(std::vector<double> xs) {
  if (xs.empty())
    return 0;
  std::sort(xs.begin(), xs.end());
  auto n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

/// Resident set size of this process in KiB (VmRSS of /proc/self/status).
inline int64_t rss_kib() {
  std::ifstream in{"/proc/self/status"};
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0)
      return std::atoll(line.c_str() + 6);
  return -1;
}

/// The value after `--name` in argv, else `fallback`.
inline int64_t int_flag(int argc, char** argv, const std::string& name,
                        int64_t fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == "--" + name)
      return std::atoll(argv[i + 1]);
  return fallback;
}

/// The comma-separated integers after `--name` ("100,1000"), else
/// `fallback`.
inline std::vector<int64_t> list_flag(int argc, char** argv,
                                      const std::string& name,
                                      std::vector<int64_t> fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] != "--" + name)
      continue;
    std::vector<int64_t> out;
    std::stringstream in{argv[i + 1]};
    std::string item;
    while (std::getline(in, item, ','))
      out.push_back(std::stoll(item));
    return out;
  }
  return fallback;
}

/// The text after `--name` in argv, else `fallback`.
inline std::string str_flag(int argc, char** argv, const std::string& name,
                            std::string fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == "--" + name)
      return argv[i + 1];
  return fallback;
}

/// The engine's own configuration as `config/engine.ini` sets it (2
/// work-stealing scheduler threads); logging at `err` to stderr, so that
/// per-recommendation warnings do not turn the benchmark into a console
/// benchmark.
/// The `scheduler.policy` every bench_config gets: 'stealing' (the
/// engine's, app/scheduler.hpp) unless a benchmark's `--policy` flag says
/// otherwise ('caf-steal': CAF 0.17's own work stealing, side by side).
inline std::string& bench_policy() {
  static std::string policy = "stealing";
  return policy;
}

struct bench_config : engine_config {
  bench_config() {
    set("scheduler.max-threads", 2);
    set("scheduler.policy", caf::atom_from_string(bench_policy()));
  }
};

/// Configures the engine's loggers for a benchmark run (level `err`).
inline void quiet_logging() {
  logging_settings s;
  s.level = "err";
  configure_logging(s);
}

/// Prints `doc` as the program's one JSON result on stdout.
inline void emit(const nlohmann::json& doc) {
  std::cout << doc.dump(2) << std::endl;
}

/// Rounds to `digits` decimals for readable JSON.
inline double round_to(double x, int digits = 3) {
  auto f = std::pow(10.0, digits);
  return std::round(x * f) / f;
}

} // namespace tradeflow::bench
