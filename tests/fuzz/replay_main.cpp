// Runs a fuzz target's entry point once on each file named on the command
// line (a directory stands for the files in it, sorted), as libFuzzer does
// when given files. Built with the ordinary compiler, it replays the seed
// corpus and every saved crash input in every build, without clang.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

bool run_file(const fs::path& file) {
  std::ifstream in{file, std::ios::binary};
  if (!in) {
    std::cerr << "cannot read " << file << '\n';
    return false;
  }
  std::vector<char> bytes{std::istreambuf_iterator<char>{in},
                          std::istreambuf_iterator<char>{}};
  std::cout << "replay " << file.string() << " (" << bytes.size()
            << " bytes)" << std::endl;
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()),
                         bytes.size());
  return true;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    fs::path arg{argv[i]};
    if (!fs::is_directory(arg)) {
      files.push_back(arg);
      continue;
    }
    // Hidden files (.gitkeep) are not inputs.
    for (const auto& entry : fs::directory_iterator{arg})
      if (entry.is_regular_file()
          && entry.path().filename().string().front() != '.')
        files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  size_t ok = 0;
  for (const auto& file : files)
    ok += run_file(file) ? 1 : 0;
  std::cout << ok << " of " << files.size() << " inputs replayed\n";
  return ok == files.size() && ok > 0 ? 0 : 1;
}
