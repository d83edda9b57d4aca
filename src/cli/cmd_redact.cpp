#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "stackengine/redact.hpp"

namespace stackengine::cli {
namespace {

int run_redact(const std::vector<std::string>& args) {
  CLI::App app{"Replace AWS identifiers and secrets with consistent placeholders.", "stackengine redact"};
  std::string format = "text", file;
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("FILE", file, "input file, or - for standard input")->required();
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::string text;
  if (!read_input(file, text)) return 2;
  Vault vault;
  RedactResult r = redact(text, vault);
  if (!r.ok()) {
    std::cerr << "stackengine redact: " << file << ":" << r.error.location.line << ":"
              << r.error.location.column << ": " << r.error.message << "\n";
    return 2;
  }
  if (format == "text") {
    std::cout << r.redacted;
    return 0;
  }
  nlohmann::json out = {{"redacted", r.redacted}, {"findings", nlohmann::json::array()}};
  for (const auto& f : r.findings) {
    out["findings"].push_back({{"rule", f.rule},
                               {"category", f.category},
                               {"severity", f.severity},
                               {"start", f.start.offset},
                               {"end", f.end.offset},
                               {"line", f.start.line},
                               {"column", f.start.column},
                               {"placeholder", f.placeholder}});
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

const CommandRegistration registration{"redact", "replace identifiers and secrets with placeholders",
                                       run_redact};

}  // namespace
}  // namespace stackengine::cli
