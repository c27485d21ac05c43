#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <stdlib.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "app/config.hpp"
#include "messages/error.hpp"

/// Temporary files and directories for the config, flag and log tests,
/// removed at the end of the test.
namespace tradeflow::test {

/// A file holding `text`.
struct temp_text_file {
  std::string path;

  explicit temp_text_file(const std::string& text) {
    char name[] = "/tmp/tradeflow-input-XXXXXX";
    auto fd = mkstemp(name);
    BOOST_REQUIRE(fd >= 0);
    path = name;
    std::ofstream out{path};
    out << text;
    ::close(fd);
  }

  ~temp_text_file() {
    std::remove(path.c_str());
  }
};

/// An empty directory.
struct temp_directory {
  std::filesystem::path path;

  temp_directory() {
    char name[] = "/tmp/tradeflow-input-dir-XXXXXX";
    BOOST_REQUIRE(mkdtemp(name) != nullptr);
    path = name;
  }

  ~temp_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

/// The reason `load_config_file` gives for an INI text it must refuse.
inline std::string config_error(const std::string& text) {
  temp_text_file f{text};
  engine_config cfg;
  auto err = load_config_file(cfg, f.path);
  BOOST_REQUIRE_MESSAGE(is(err, ec::invalid_input), "accepted: " + text);
  return reason_of(err);
}

/// True when `text` contains `part`; failing tests print both.
inline bool has(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos)
    return true;
  BOOST_TEST_MESSAGE("'" << part << "' not in: " << text);
  return false;
}

} // namespace tradeflow::test
