// Fuzz target: the ruleset codec on arbitrary JSON text. A ruleset it
// accepts must come back unchanged through `to_json` (its documented
// round trip).

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "storage/ruleset_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded())
    return 0;
  auto first = tradeflow::storage::parse_ruleset(doc, "rulesets[0]");
  if (!first)
    return 0;
  auto text = tradeflow::storage::to_json(*first);
  auto again = tradeflow::storage::parse_ruleset(text, "rulesets[0]");
  if (!again || tradeflow::storage::to_json(*again) != text)
    __builtin_trap();
  return 0;
}
