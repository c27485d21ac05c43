#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <stdlib.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

/// Temporary files and directories, removed at the end of the test, and
/// a substring check that prints both texts when it fails.
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

/// True when `text` contains `part`; failing tests print both.
inline bool has(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos)
    return true;
  BOOST_TEST_MESSAGE("'" << part << "' not in: " << text);
  return false;
}

} // namespace tradeflow::test
