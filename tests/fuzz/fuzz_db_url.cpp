// Fuzz target: the database URL parser (`--db`, `[tradeflow] db`, the
// TRADEFLOW_DB environment variable) on arbitrary text.

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "messages/error.hpp"
#include "storage/store_url.hpp"

namespace {

std::string error_text(const std::string& url) {
  auto target = tradeflow::storage::parse_url(url);
  return target ? std::string{} : tradeflow::reason_of(target.error());
}

// The rest with its last letter or digit replaced by another of the same
// class, so the parser takes the same path; failing that, its last byte
// above ASCII by another above ASCII (a rest of such bytes and dots can
// equal the cut echo of an invalid scheme, which a fuzzer found); empty
// when the rest has none of these.
std::string twin_of(std::string rest) {
  auto high = [&rest] {
    for (auto i = rest.size(); i-- > 0;)
      if (static_cast<unsigned char>(rest[i]) >= 0x80) {
        rest[i] = static_cast<char>(static_cast<unsigned char>(rest[i]) ^ 1);
        return rest;
      }
    return std::string{};
  };
  for (auto i = rest.size(); i-- > 0;) {
    auto c = static_cast<unsigned char>(rest[i]);
    if (std::isdigit(c)) {
      rest[i] = c == '0' ? '1' : '0';
      return rest;
    }
    if (std::isalpha(c)) {
      rest[i] = (c | 0x20) == 'a' ? static_cast<char>(c + 1)
                                  : static_cast<char>(c - 1);
      return rest;
    }
  }
  return high();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string url{reinterpret_cast<const char*>(data), size};
  // The error text names at most the scheme: what follows "://" may carry
  // a password, so a rest longer than an echoed key (24 characters, cut
  // short after that) must never appear in it.
  auto sep = url.find("://");
  if (sep == std::string::npos || url.size() - sep < 3 + 25) {
    error_text(url);
    return 0;
  }
  auto rest = url.substr(sep + 3);
  auto text = error_text(url);
  if (text.find(rest) == std::string::npos)
    return 0;
  // Past the 24 echoed characters, a rest of dots only is spelled by the
  // echo's own ellipsis (a fuzzer found a 25-character rest ending in
  // '.'): nothing of the rest leaked.
  if (rest.find_first_not_of('.', 24) == std::string::npos)
    return 0;
  // The rest may spell the message's own fixed words plus the echoed
  // scheme (a fuzzer found exactly that). An echo follows the rest when it
  // changes; those fixed words do not.
  auto twin = twin_of(rest);
  if (twin.empty()
      || error_text(url.substr(0, sep + 3) + twin).find(twin)
           != std::string::npos)
    __builtin_trap();
  return 0;
}
