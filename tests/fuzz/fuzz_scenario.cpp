// Fuzz target: the scenario loader, from file bytes to a validated scenario,
// through `load_scenario_file` itself so that every check the loader makes
// on the raw text (size, nesting, duplicate keys) is on the path.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>

#include "app/scenario.hpp"

namespace {

// One scratch file per process, in memory when /dev/shm exists.
const std::string& scratch_path() {
  static const std::string path = [] {
    std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return dir + "/tradeflow-fuzz-scenario-" + std::to_string(getpid())
           + ".json";
  }();
  return path;
}

struct scratch_remover {
  ~scratch_remover() {
    std::remove(scratch_path().c_str());
  }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static scratch_remover remover;
  {
    std::ofstream out{scratch_path(), std::ios::binary | std::ios::trunc};
    out.write(reinterpret_cast<const char*>(data),
              static_cast<std::streamsize>(size));
    if (!out)
      return 0;
  }
  auto result = tradeflow::load_scenario_file(scratch_path());
  static_cast<void>(result);
  return 0;
}
