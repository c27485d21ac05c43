// Fuzz target: the database URL parser (`--db`, `[tradeflow] db`, the
// TRADEFLOW_DB environment variable) on arbitrary text.

#include <cstddef>
#include <cstdint>
#include <string>

#include "messages/error.hpp"
#include "storage/store_url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string url{reinterpret_cast<const char*>(data), size};
  auto target = tradeflow::storage::parse_url(url);
  // The error text names at most the scheme: what follows "://" may carry
  // a password, so a rest longer than an echoed key (24 characters, cut
  // short after that) must never appear in it.
  auto sep = url.find("://");
  if (!target && sep != std::string::npos && url.size() - sep >= 3 + 25) {
    auto text = tradeflow::reason_of(target.error());
    if (text.find(url.substr(sep + 3)) != std::string::npos)
      __builtin_trap();
  }
  return 0;
}
