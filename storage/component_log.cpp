#include "storage/component_log.hpp"

#include <map>
#include <mutex>

namespace tradeflow {

namespace {

std::mutex registry_mtx;
std::vector<spdlog::sink_ptr> registry_sinks;
spdlog::level::level_enum registry_level = spdlog::level::info;
std::map<std::string, std::shared_ptr<spdlog::logger>> loggers;

std::shared_ptr<spdlog::logger> make_logger(const std::string& name) {
  auto log = std::make_shared<spdlog::logger>(name, registry_sinks.begin(),
                                              registry_sinks.end());
  log->set_level(registry_level);
  log->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] [%n] %v");
  log->flush_on(spdlog::level::warn);
  return log;
}

} // namespace

std::shared_ptr<spdlog::logger> component_logger(const std::string& name) {
  std::lock_guard<std::mutex> guard{registry_mtx};
  auto& log = loggers[name];
  if (!log)
    log = make_logger(name);
  return log;
}

void set_component_sinks(std::vector<spdlog::sink_ptr> sinks,
                         spdlog::level::level_enum level) {
  std::lock_guard<std::mutex> guard{registry_mtx};
  registry_sinks = std::move(sinks);
  registry_level = level;
  for (auto& [name, log] : loggers)
    log = make_logger(name);
}

void flush_component_logs() noexcept {
  std::lock_guard<std::mutex> guard{registry_mtx};
  for (auto& [name, log] : loggers) {
    try {
      log->flush();
    } catch (...) {
      // A sink that cannot flush at exit has nobody left to tell.
    }
  }
}

} // namespace tradeflow
