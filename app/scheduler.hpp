#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include <caf/actor_system_config.hpp>
#include <caf/policy/work_stealing.hpp>
#include <caf/resumable.hpp>

/// The engine's scheduler: CAF 0.17's work stealing with one change, the
/// job queue each worker owns.
///
/// Why: CAF 0.17's `detail::double_ended_queue::take_tail` (what a thief
/// calls) finds the new tail by walking the victim's whole queue from its
/// head, holding both of the victim's spin locks. When one worker's queue
/// holds N jobs (an actor that messages 100,000 workers puts all of them on
/// its own worker's queue) the idle worker pays O(N) per stolen job, N
/// times over, while the victim spins for its head lock: minutes of CPU in
/// `take_tail` with every actor idle, the stall the scale benchmark saw.
/// `bench_scheduler` reproduces it (docs/performance.md).
///
/// Here the queue is a `std::deque` behind a mutex: every operation is
/// O(1), and `empty()` reads an atomic count without the lock, so a polling
/// owner does not take it when there is nothing to take. Polling, sleeping
/// and the `work-stealing.*` settings are CAF's, unchanged.
namespace tradeflow::scheduling {

/// A worker's job queue: FIFO for the owner, the oldest job for a thief.
class job_queue {
public:
  job_queue() = default;
  /// CAF copies a prototype worker state into each worker: copies start
  /// empty.
  job_queue(const job_queue&) {
    // nop
  }
  job_queue& operator=(const job_queue&) = delete;

  /// Jobs from outside (another thread, a resumed job): at the back.
  void append(caf::resumable* job);
  /// Jobs this worker's own actors made runnable: at the front.
  void prepend(caf::resumable* job);
  /// The owner's next job, or nullptr.
  caf::resumable* take_head();
  /// A thief's job (the oldest), or nullptr.
  caf::resumable* take_tail();

  bool empty() const noexcept {
    return size_.load(std::memory_order_acquire) == 0;
  }

private:
  std::mutex mtx_;
  std::deque<caf::resumable*> jobs_;
  std::atomic<size_t> size_{0};
};

/// A CAF scheduler policy: `caf::policy::work_stealing` with `job_queue`.
class constant_time_stealing : public caf::policy::unprofiled {
public:
  using poll_strategy = caf::policy::work_stealing::poll_strategy;
  using wait_strategy = caf::policy::work_stealing::wait_strategy;
  using coordinator_data = caf::policy::work_stealing::coordinator_data;

  struct worker_data {
    explicit worker_data(caf::scheduler::abstract_coordinator* parent);
    worker_data(const worker_data& other);

    job_queue queue;
    std::default_random_engine rengine;
    std::uniform_int_distribution<size_t> uniform;
    std::array<poll_strategy, 3> strategies;
    wait_strategy waitdata;
  };

  template <class Worker>
  caf::resumable* try_steal(Worker* self) {
    auto parent = self->parent();
    if (parent->num_workers() < 2)
      return nullptr;
    auto victim = d(self).uniform(d(self).rengine);
    if (victim == self->id())
      victim = parent->num_workers() - 1;
    return d(parent->worker_by_id(victim)).queue.take_tail();
  }

  template <class Coordinator>
  void central_enqueue(Coordinator* self, caf::resumable* job) {
    auto n = d(self).next_worker++ % self->num_workers();
    self->worker_by_id(n)->external_enqueue(job);
  }

  template <class Worker>
  void external_enqueue(Worker* self, caf::resumable* job) {
    d(self).queue.append(job);
    auto& wait = d(self).waitdata;
    std::unique_lock<std::mutex> guard(wait.lock);
    if (wait.sleeping)
      wait.cv.notify_one();
  }

  template <class Worker>
  void internal_enqueue(Worker* self, caf::resumable* job) {
    d(self).queue.prepend(job);
  }

  template <class Worker>
  void resume_job_later(Worker* self, caf::resumable* job) {
    d(self).queue.append(job);
  }

  template <class Worker>
  caf::resumable* dequeue(Worker* self);

  template <class Worker, class F>
  void foreach_resumable(Worker* self, F f) {
    for (auto job = d(self).queue.take_head(); job != nullptr;
         job = d(self).queue.take_head())
      f(job);
  }

  template <class Coordinator, class F>
  void foreach_central_resumable(Coordinator*, F) {
    // nop: every job sits in a worker's queue
  }
};

// The same polling as CAF 0.17's work_stealing::dequeue: aggressive, then
// moderate polling (stealing every steal_interval attempts), then sleeping
// on the condition variable and stealing every relaxed steal_interval
// wake-ups.
template <class Worker>
caf::resumable* constant_time_stealing::dequeue(Worker* self) {
  auto& data = d(self);
  for (size_t k = 0; k < 2; ++k) {
    const auto& s = data.strategies[k];
    for (size_t i = 0; i < s.attempts; i += s.step_size) {
      if (auto job = data.queue.take_head())
        return job;
      if (i % s.steal_interval == 0)
        if (auto job = try_steal(self))
          return job;
      if (s.sleep_duration.count() > 0)
        std::this_thread::sleep_for(s.sleep_duration);
    }
  }
  const auto& relaxed = data.strategies[2];
  auto& wait = data.waitdata;
  for (size_t i = 1;; ++i) {
    bool woken;
    {
      std::unique_lock<std::mutex> guard(wait.lock);
      wait.sleeping = true;
      woken = wait.cv.wait_for(guard, relaxed.sleep_duration,
                               [&] { return !data.queue.empty(); });
      wait.sleeping = false;
    }
    if (woken) {
      if (auto job = data.queue.take_head())
        return job;
    } else if (i % relaxed.steal_interval == 0) {
      if (auto job = try_steal(self))
        return job;
    }
  }
}

/// Makes systems built from `cfg` pick their scheduler from
/// `scheduler.policy` at start: 'stealing' (the default) runs
/// `constant_time_stealing`; 'sharing' and 'testing' run CAF's; 'caf-steal'
/// runs CAF's own work stealing (for side-by-side benchmarks only).
void use_engine_scheduler(caf::actor_system_config& cfg);

} // namespace tradeflow::scheduling
