// Fuzz target: the engine.ini reader (the text checks, CAF's INI parser and
// the section/key/type/bound checks) on arbitrary text.

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tradeflow::engine_config cfg;
  std::string text{reinterpret_cast<const char*>(data), size};
  auto err = tradeflow::load_config_text(cfg, text, "fuzz.ini");
  if (!err) {
    // An accepted file yields settings the engine can start with.
    auto run = cfg.run();
    auto log = cfg.logging();
    static_cast<void>(run);
    static_cast<void>(log);
  }
  return 0;
}
