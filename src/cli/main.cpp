// stackengine — the command-line face of the core, for CI pipelines and scripts.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.hpp"

namespace stackengine::cli {

std::vector<Command>& commands() {
  static std::vector<Command> all;
  return all;
}

bool read_input(const std::string& path, std::string& out) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    out = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "stackengine: cannot read " << path << "\n";
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace stackengine::cli

namespace {
void usage(std::ostream& os) {
  auto all = stackengine::cli::commands();
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  os << "usage: stackengine <command> [options] FILE|-\n\ncommands:\n";
  for (const auto& c : all) os << "  " << c.name << std::string(12 - std::min<std::size_t>(11, c.name.size()), ' ') << c.summary << "\n";
  os << "\nRun 'stackengine <command> --help' for a command's options.\n";
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  for (const auto& c : stackengine::cli::commands()) {
    if (c.name == name) {
      std::vector<std::string> args(argv + 2, argv + argc);
      try {
        return c.run(args);
      } catch (const std::exception& e) {
        // Commands report errors as values; this is the last line of defence.
        std::cerr << "stackengine " << name << ": internal error: " << e.what() << "\n";
        return 3;
      }
    }
  }
  std::cerr << "stackengine: unknown command '" << name << "'\n";
  usage(std::cerr);
  return 2;
}
