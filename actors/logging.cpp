#include "actors/logging.hpp"

#include <mutex>
#include <vector>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace tradeflow {

namespace {

const char* const components[] = {"supervisor", "worker", "store", "risk",
                                   "broker", "refresher", "app"};

std::mutex sinks_mtx;
std::vector<spdlog::sink_ptr> sinks;
spdlog::level::level_enum level = spdlog::level::info;

std::shared_ptr<spdlog::logger> make_logger(const std::string& name) {
  auto log = std::make_shared<spdlog::logger>(name, sinks.begin(),
                                              sinks.end());
  log->set_level(level);
  log->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] [%n] %v");
  log->flush_on(spdlog::level::warn);
  return log;
}

} // namespace

void configure_logging(const logging_settings& cfg) {
  std::lock_guard<std::mutex> guard{sinks_mtx};
  sinks.clear();
  if (cfg.console)
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (!cfg.file.empty())
    sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
      cfg.file, 10 * 1024 * 1024, 3));
  level = spdlog::level::from_str(cfg.level);
  for (auto name : components) {
    spdlog::drop(name);
    spdlog::register_logger(make_logger(name));
  }
}

std::shared_ptr<spdlog::logger> component_logger(const std::string& name) {
  std::lock_guard<std::mutex> guard{sinks_mtx};
  if (auto log = spdlog::get(name))
    return log;
  // Never configured (unit tests): a logger without sinks costs nothing.
  auto log = make_logger(name);
  spdlog::register_logger(log);
  return log;
}

void shutdown_logging() {
  spdlog::shutdown();
}

} // namespace tradeflow
