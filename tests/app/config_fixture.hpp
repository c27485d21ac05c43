#pragma once

#include <string>

#include <boost/test/unit_test.hpp>

#include "app/config.hpp"
#include "messages/error.hpp"
#include "tests/support/temp_files.hpp"

/// Helpers of the engine.ini tests.
namespace tradeflow::test {

/// The reason `load_config_file` gives for an INI text it must refuse.
inline std::string config_error(const std::string& text) {
  temp_text_file f{text};
  engine_config cfg;
  auto err = load_config_file(cfg, f.path);
  BOOST_REQUIRE_MESSAGE(is(err, ec::invalid_input), "accepted: " + text);
  return reason_of(err);
}

} // namespace tradeflow::test
