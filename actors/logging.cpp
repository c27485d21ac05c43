#include "actors/logging.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "messages/error.hpp"

namespace tradeflow {

const char* const log_level_names
  = "trace, debug, info, warn, warning, err, error, critical, off";

namespace {

// Exact, lower-case names only: spdlog maps anything it does not know
// (including "WARN") to `off`, which would drop even error lines.
bool parse_level(const std::string& name, spdlog::level::level_enum& out) {
  using namespace spdlog::level;
  static const std::pair<const char*, level_enum> names[]
    = {{"trace", trace}, {"debug", debug},     {"info", info},
       {"warn", warn},   {"warning", warn},    {"err", err},
       {"error", err},   {"critical", critical}, {"off", off}};
  for (auto& [text, value] : names)
    if (name == text) {
      out = value;
      return true;
    }
  return false;
}

// spdlog creates missing parent directories and throws on a directory or
// an unwritable file; opening it here first turns both into a plain error.
caf::error probe_log_file(const std::string& path) {
  auto fail = [&](const char* why) {
    return make_error(ec::invalid_input,
                      "--log-file: cannot open '" + path + "': " + why);
  };
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                  0644);
  if (fd < 0)
    return fail(std::strerror(errno));
  struct stat st {};
  bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  ::close(fd);
  if (!regular)
    return fail("not a regular file");
  return caf::none;
}

} // namespace

caf::error check_log_level(const std::string& name,
                           const std::string& where) {
  spdlog::level::level_enum ignored;
  if (parse_level(name, ignored))
    return caf::none;
  return make_error(ec::invalid_input,
                    where + ": unknown log level '" + name.substr(0, 32)
                      + "'; expected one of " + log_level_names
                      + " (lower case)");
}

caf::error check_log_file(const std::string& path,
                          const std::string& where) {
  auto fail = [&](const char* why) {
    return make_error(ec::invalid_input,
                      where + ": cannot open '" + path + "': " + why);
  };
  if (path.empty())
    return fail("empty path");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0)
    return S_ISDIR(st.st_mode)    ? fail("Is a directory")
           : !S_ISREG(st.st_mode) ? fail("not a regular file")
                                  : caf::none;
  if (path.back() == '/')
    return fail("Is a directory");
  auto slash = path.find_last_of('/');
  auto dir = slash == std::string::npos ? std::string{"."}
                                        : path.substr(0, slash + 1);
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return fail("No such directory");
  return caf::none;
}

caf::error configure_logging(const logging_settings& cfg) {
  spdlog::level::level_enum lvl;
  if (!parse_level(cfg.level, lvl))
    return check_log_level(cfg.level, "log level");
  if (!cfg.file.empty()) {
    if (auto err = check_log_file(cfg.file, "--log-file"))
      return err;
    if (auto err = probe_log_file(cfg.file))
      return err;
  }
  std::vector<spdlog::sink_ptr> sinks;
  try {
    if (cfg.console)
      sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    if (!cfg.file.empty())
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        cfg.file, 10 * 1024 * 1024, 3));
  } catch (const std::exception& e) {
    return make_error(ec::invalid_input,
                      std::string{"--log-file: cannot open '"} + cfg.file
                        + "': " + e.what());
  }
  set_component_sinks(std::move(sinks), lvl);
  return caf::none;
}

caf::error configure_logging(std::vector<spdlog::sink_ptr> sinks,
                             const std::string& level) {
  spdlog::level::level_enum lvl;
  if (!parse_level(level, lvl))
    return check_log_level(level, "log level");
  set_component_sinks(std::move(sinks), lvl);
  return caf::none;
}

void shutdown_logging() noexcept {
  flush_component_logs();
}

} // namespace tradeflow
