// The CLI is a set of subcommands, one file each (src/cli/cmd_<name>.cpp). A file
// registers its command with a static CommandRegistration, so adding a command
// touches no other file.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace stackengine::cli {

// argv after the subcommand name. Returns the process exit code.
using CommandMain = std::function<int(const std::vector<std::string>& args)>;

struct Command {
  std::string name;
  std::string summary;
  CommandMain run;
};

std::vector<Command>& commands();

struct CommandRegistration {
  CommandRegistration(std::string name, std::string summary, CommandMain run) {
    commands().push_back({std::move(name), std::move(summary), std::move(run)});
  }
};

// Reads FILE, or standard input for "-". Returns false (and prints a sentence to
// stderr) when the file cannot be read.
bool read_input(const std::string& path, std::string& out);

}  // namespace stackengine::cli
