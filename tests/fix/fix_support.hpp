#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "messages/venue.hpp"
#include "tests/support/printing.hpp"

/// What the FIX venue tests share (tests/fix/fix_harness.py runs them in
/// the acceptor's directory): a listener that collects reports, and the
/// contra side, fix_contra, as a child process spoken to over pipes.
namespace tradeflow::test {

using namespace std::chrono_literals;

/// Every wait of these tests; a live acceptor on loopback answers in
/// milliseconds, so only a broken test waits this long.
constexpr auto fix_wait = 10s;

/// The directory of the settings files and the contra's binary, from the
/// environment CTest sets (tests/fix/CMakeLists.txt).
inline std::string fix_env(const char* name) {
  auto x = std::getenv(name);
  BOOST_REQUIRE_MESSAGE(x != nullptr, name << " is not set");
  return x;
}

class collecting_listener : public venue_listener {
public:
  void on_report(const execution_report& x) override {
    std::lock_guard<std::mutex> guard{mtx_};
    reports_.push_back(x);
    cv_.notify_all();
  }

  /// The first report (received so far or within `fix_wait`) that
  /// satisfies `pred`.
  std::optional<execution_report>
  wait_for(std::function<bool(const execution_report&)> pred) {
    std::unique_lock<std::mutex> guard{mtx_};
    std::optional<execution_report> found;
    cv_.wait_for(guard, fix_wait, [&] {
      for (const auto& r : reports_)
        if (pred(r)) {
          found = r;
          return true;
        }
      return false;
    });
    return found;
  }

  /// The first report of `kind` on order `id`.
  std::optional<execution_report> wait_for(const std::string& id,
                                           exec_kind kind) {
    return wait_for([&](const execution_report& r) {
      return r.client_order_id == id && r.kind == kind;
    });
  }

  std::vector<execution_report> reports() {
    std::lock_guard<std::mutex> guard{mtx_};
    return reports_;
  }

private:
  std::mutex mtx_;
  std::condition_variable cv_;
  std::vector<execution_report> reports_;
};

/// fix_contra (tests/fix/fix_contra.cpp) logged on to ordermatch as
/// CONTRA; `send` writes a command, `wait_for` reads its output lines.
class contra_process {
public:
  contra_process() {
    auto bin = fix_env("FIX_CONTRA");
    auto cfg = fix_env("FIX_TEST_DIR") + "/contra.cfg";
    int to_child[2], from_child[2];
    BOOST_REQUIRE(pipe(to_child) == 0 && pipe(from_child) == 0);
    pid_ = fork();
    BOOST_REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      execl(bin.c_str(), bin.c_str(), cfg.c_str(), nullptr);
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
    BOOST_REQUIRE_MESSAGE(wait_for("logon"), "the contra did not log on");
  }

  // Asks it to quit, waits a bounded time (polling its exit), then kills.
  ~contra_process() {
    send("quit");
    close(in_);
    for (int i = 0; i < 250 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i)
      usleep(20000);
    if (kill(pid_, SIGKILL) == 0)
      waitpid(pid_, nullptr, 0);
    close(out_);
  }

  void send(const std::string& line) {
    auto text = line + "\n";
    BOOST_REQUIRE(write(in_, text.data(), text.size())
                  == static_cast<ssize_t>(text.size()));
  }

  /// The next output line that starts with `prefix`, within `fix_wait`;
  /// the lines before it are skipped.
  std::optional<std::string> wait_for(const std::string& prefix) {
    auto deadline = std::chrono::steady_clock::now() + fix_wait;
    for (;;) {
      for (auto nl = buf_.find('\n'); nl != std::string::npos;
           nl = buf_.find('\n')) {
        auto line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        BOOST_TEST_MESSAGE("contra: " << line);
        if (line.rfind(prefix, 0) == 0)
          return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
      pollfd p{out_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0)
        return std::nullopt;
      char chunk[512];
      auto n = read(out_, chunk, sizeof chunk);
      if (n <= 0)
        return std::nullopt;
      buf_.append(chunk, static_cast<size_t>(n));
    }
  }

private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buf_;
};

} // namespace tradeflow::test
