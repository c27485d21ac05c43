#include "app/tls_tunnel.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "messages/error.hpp"

namespace tradeflow {

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

/// stunnel loads certificates and binds within milliseconds; a deadline
/// instead of a sleep, so a slow machine only waits as long as it needs.
constexpr auto ready_deadline = std::chrono::seconds(10);

std::string where(const endpoint& at) {
  return at.host + ":" + std::to_string(at.port);
}

/// Debian installs the binary as stunnel4 (and stunnel as a link).
std::string stunnel_binary() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs{path ? path : "/usr/bin:/bin"};
  for (std::string dir; std::getline(dirs, dir, ':');)
    for (auto name : {"stunnel4", "stunnel"}) {
      auto candidate = fs::path{dir} / name;
      if (access(candidate.c_str(), X_OK) == 0)
        return candidate.string();
    }
  return {};
}

/// Whether some socket listens on TCP `port` (any address), from the
/// kernel's tables: probing by connecting would start a handshake.
bool listening(uint16_t port) {
  char wanted[8];
  std::snprintf(wanted, sizeof(wanted), ":%04X", port);
  for (auto table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in{table};
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
      std::istringstream fields{line};
      std::string slot, local, remote, state;
      fields >> slot >> local >> remote >> state;
      if (state == "0A" && local.size() > 5
          && local.compare(local.size() - 5, 5, wanted) == 0)
        return true;
    }
  }
  return false;
}

std::string config_line(const char* key, const std::string& value) {
  return std::string{key} + " = " + value + "\n";
}

std::string common_config(const tls_options& tls) {
  return config_line("cert", fs::absolute(tls.cert).string())
         + config_line("key", fs::absolute(tls.key).string())
         + config_line("CAfile", fs::absolute(tls.ca).string())
         + "verifyChain = yes\nsslVersionMin = TLSv1.2\n"
           "TIMEOUTbusy = 10\n";
}

/// Global part: in the foreground (its log on the node's stderr, errors
/// only), no pid file, no syslog.
constexpr const char* global_config = "foreground = yes\npid =\n"
                                      "syslog = no\ndebug = 3\n";

/// Starts `binary` on the config `file` in a child process of its own.
caf::expected<pid_t> fork_stunnel(std::string binary, std::string file) {
  std::vector<char*> argv{binary.data(), file.data(), nullptr};
  auto parent = getpid();
  auto pid = fork();
  if (pid < 0)
    return make_error(ec::invalid_input, "cannot start stunnel (fork)");
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec. Its own process
    // group, so a terminal's Ctrl-C reaches the node, which stops it in
    // order; killed with the node (the death signal follows the thread
    // that forked, which is each command's main thread).
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
      _exit(1);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    close_range(3, ~0U, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

} // namespace

caf::expected<uint16_t> probe_port(const std::string& host, uint16_t wanted) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  auto service = std::to_string(wanted);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &res) != 0 || !res)
    return make_error(ec::invalid_input, "no such host '" + host + "'");
  uint16_t port = 0;
  auto fd = socket(res->ai_family, SOCK_STREAM, 0);
  int on = 1;
  if (fd >= 0)
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  if (fd >= 0 && bind(fd, res->ai_addr, res->ai_addrlen) == 0
      && listen(fd, 1) == 0) {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      port = ntohs(addr.ss_family == AF_INET6
                     ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                     : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  }
  if (fd >= 0)
    close(fd);
  freeaddrinfo(res);
  if (port == 0)
    return make_error(ec::invalid_input,
                      "cannot listen on " + where(endpoint{host, wanted})
                        + ": the port is in use or the address is not "
                          "local");
  return port;
}

caf::expected<std::unique_ptr<tls_tunnel>>
tls_tunnel::serve(const tls_options& tls, const endpoint& public_at,
                  uint16_t internal_port) {
  auto at = public_at;
  auto port = probe_port(at.host, at.port);
  if (!port)
    return make_error(ec::invalid_input,
                      "--listen: " + reason_of(port.error()));
  at.port = *port;
  auto config = std::string{global_config} + "[cluster]\n"
                + config_line("accept", where(at))
                + config_line("connect", "127.0.0.1:"
                                           + std::to_string(internal_port))
                + "requireCert = yes\n" + common_config(tls);
  auto tunnel = start(config, at);
  if (!tunnel)
    return make_error(ec::invalid_input,
                      "--listen: cannot listen on " + where(at) + " over TLS: "
                        + reason_of(tunnel.error()));
  return tunnel;
}

caf::expected<std::unique_ptr<tls_tunnel>>
tls_tunnel::dial(const tls_options& tls, const endpoint& remote) {
  caf::error last;
  // The free port is released before stunnel binds it; another process may
  // take it in between, so a failed start is tried again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto port = free_port("127.0.0.1");
    if (!port)
      return port.error();
    endpoint local{"127.0.0.1", *port};
    auto config = std::string{global_config} + "[cluster]\nclient = yes\n"
                  + config_line("accept", where(local))
                  + config_line("connect", where(remote))
                  + common_config(tls);
    auto tunnel = start(config, local);
    if (tunnel)
      return tunnel;
    last = make_error(ec::invalid_input, "--join: cannot start TLS to "
                                           + where(remote) + ": "
                                           + reason_of(tunnel.error()));
  }
  return last;
}

caf::expected<std::unique_ptr<tls_tunnel>>
tls_tunnel::start(const std::string& config, const endpoint& accept_at) {
  auto binary = stunnel_binary();
  if (binary.empty())
    return make_error(ec::invalid_input,
                      "TLS needs stunnel4 (not found on PATH; "
                      "scripts/install-deps installs it)");
  std::unique_ptr<tls_tunnel> self{new tls_tunnel};
  auto tmp = fs::temp_directory_path() / "tradeflow-tls-XXXXXX";
  std::string dir = tmp.string();
  if (!mkdtemp(dir.data()))
    return make_error(ec::invalid_input, "cannot create " + dir);
  self->dir_ = dir;
  self->local_ = accept_at;
  auto file = dir + "/stunnel.conf";
  {
    std::ofstream out{file};
    out << config;
    if (!out.flush())
      return make_error(ec::invalid_input, "cannot write " + file);
  }
  auto pid = fork_stunnel(binary, file);
  if (!pid)
    return std::move(pid.error());
  self->pid_ = *pid;
  auto deadline = clock_type::now() + ready_deadline;
  while (!listening(accept_at.port)) {
    int status = 0;
    if (waitpid(*pid, &status, WNOHANG) == *pid) {
      self->pid_ = -1;
      return make_error(ec::invalid_input,
                        "stunnel exited with status "
                          + std::to_string(WIFEXITED(status)
                                             ? WEXITSTATUS(status)
                                             : 128 + WTERMSIG(status))
                          + " (its message is above)");
    }
    if (clock_type::now() > deadline)
      return make_error(ec::invalid_input,
                        "stunnel did not listen within 10 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return self;
}

tls_tunnel::~tls_tunnel() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    auto deadline = clock_type::now() + std::chrono::seconds(2);
    while (waitpid(pid_, nullptr, WNOHANG) == 0) {
      if (clock_type::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  std::error_code ignored;
  if (!dir_.empty())
    fs::remove_all(dir_, ignored);
}

} // namespace tradeflow
