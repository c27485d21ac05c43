#include "app/scheduler.hpp"

#include <algorithm>
#include <random>

#include <caf/actor_system.hpp>
#include <caf/defaults.hpp>
#include <caf/policy/work_sharing.hpp>
#include <caf/scheduler/coordinator.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/settings.hpp>
#include <caf/string_view.hpp>

namespace tradeflow::scheduling {

void job_queue::append(caf::resumable* job) {
  std::lock_guard<std::mutex> guard{mtx_};
  jobs_.push_back(job);
  size_.store(jobs_.size(), std::memory_order_release);
}

void job_queue::prepend(caf::resumable* job) {
  std::lock_guard<std::mutex> guard{mtx_};
  jobs_.push_front(job);
  size_.store(jobs_.size(), std::memory_order_release);
}

caf::resumable* job_queue::take_head() {
  if (empty())
    return nullptr;
  std::lock_guard<std::mutex> guard{mtx_};
  if (jobs_.empty())
    return nullptr;
  auto job = jobs_.front();
  jobs_.pop_front();
  size_.store(jobs_.size(), std::memory_order_release);
  return job;
}

caf::resumable* job_queue::take_tail() {
  if (empty())
    return nullptr;
  std::lock_guard<std::mutex> guard{mtx_};
  if (jobs_.empty())
    return nullptr;
  auto job = jobs_.back();
  jobs_.pop_back();
  size_.store(jobs_.size(), std::memory_order_release);
  return job;
}

namespace {

// CAF's defaults for `work-stealing.*` (caf/defaults.hpp); an interval is
// a divisor, so never below 1.
size_t setting(caf::scheduler::abstract_coordinator* p, caf::string_view key,
               size_t fallback) {
  return std::max<size_t>(1, caf::get_or(p->config(), key, fallback));
}

caf::timespan setting(caf::scheduler::abstract_coordinator* p,
                      caf::string_view key, caf::timespan fallback) {
  return caf::get_or(p->config(), key, fallback);
}

} // namespace

constant_time_stealing::worker_data::worker_data(
  caf::scheduler::abstract_coordinator* p)
  : rengine(std::random_device{}()),
    // Unused below 2 workers (try_steal returns first).
    uniform(0, p->num_workers() < 2 ? 0 : p->num_workers() - 2) {
  namespace ws = caf::defaults::work_stealing;
  strategies[0] = {setting(p, "work-stealing.aggressive-poll-attempts",
                           ws::aggressive_poll_attempts),
                   1,
                   setting(p, "work-stealing.aggressive-steal-interval",
                           ws::aggressive_steal_interval),
                   caf::timespan{0}};
  strategies[1] = {setting(p, "work-stealing.moderate-poll-attempts",
                           ws::moderate_poll_attempts),
                   1,
                   setting(p, "work-stealing.moderate-steal-interval",
                           ws::moderate_steal_interval),
                   setting(p, "work-stealing.moderate-sleep-duration",
                           ws::moderate_sleep_duration)};
  strategies[2] = {1, 0,
                   setting(p, "work-stealing.relaxed-steal-interval",
                           ws::relaxed_steal_interval),
                   setting(p, "work-stealing.relaxed-sleep-duration",
                           ws::relaxed_sleep_duration)};
}

constant_time_stealing::worker_data::worker_data(const worker_data& other)
  : rengine(std::random_device{}()),
    uniform(other.uniform),
    strategies(other.strategies) {
  // nop
}

void use_engine_scheduler(caf::actor_system_config& cfg) {
  cfg.module_factories.push_back(
    [](caf::actor_system& sys) -> caf::actor_system::module* {
      using caf::scheduler::coordinator;
      auto policy = caf::get_or(sys.config(), "scheduler.policy",
                                caf::defaults::scheduler::policy);
      if (policy == caf::atom("sharing"))
        return new coordinator<caf::policy::work_sharing>(sys);
      if (policy == caf::atom("testing"))
        return new caf::scheduler::test_coordinator(sys);
      if (policy == caf::atom("caf-steal"))
        return new coordinator<caf::policy::work_stealing>(sys);
      return new coordinator<constant_time_stealing>(sys);
    });
}

} // namespace tradeflow::scheduling
