#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/finding_json.hpp"
#include "stackengine/lint.hpp"

namespace stackengine::cli {
namespace {

// stackengine lint [--role-arn ARN] [--fail-on SEV] [--format text|json] FILE|-
// Exit: 0 no finding at or above --fail-on, 1 some, 2 bad input (nothing linted).
int run_lint(const std::vector<std::string>& args) {
  CLI::App app{"Lint a role trust policy (policy JSON, get-role output, CloudFormation, Terraform plan).",
               "stackengine lint"};
  std::string format = "text", file, role_arn, fail_on = "high";
  app.add_option("--role-arn", role_arn, "the role's own ARN: its account decides what is cross-account");
  app.add_option("--fail-on", fail_on, "exit 1 when a finding has this severity or higher (default high)")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("FILE", file, "input file, or - for standard input")->required();
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  Severity threshold = Severity::High;
  parse_severity(fail_on, threshold);
  std::string text;
  if (!read_input(file, text)) return 2;

  LintOptions options;
  options.role_arn = role_arn;
  const LintResult r = lint(parse_trust_policy(text), options);
  bool failing = false;
  for (const auto& f : r.findings)
    if (f.severity >= threshold) failing = true;
  const int code = !r.errors.empty() ? 2 : failing ? 1 : 0;

  if (format == "json") {
    nlohmann::json out = {{"findings", nlohmann::json::array()}, {"errors", nlohmann::json::array()}};
    for (const auto& f : r.findings)
      out["findings"].push_back(finding_json<nlohmann::json>(f));
    for (const auto& e : r.errors)
      out["errors"].push_back({{"code", e.code},
                               {"message", e.message},
                               {"pointer", e.pointer},
                               {"line", e.location.line},
                               {"column", e.location.column}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return code;
  }
  for (const auto& e : r.errors)
    std::cerr << file << ":" << e.location.line << ":" << e.location.column << ": error " << e.code << ": "
              << e.message << "\n";
  for (const auto& f : r.findings) {
    std::cout << file << ":" << f.location.line << ":" << f.location.column << ": " << severity_name(f.severity)
              << " " << f.id << ": " << f.message;
    if (!f.fix.empty()) std::cout << " [fix: " << f.fix << "]";
    std::cout << "\n";
  }
  if (r.errors.empty() && r.findings.empty()) std::cout << file << ": no findings\n";
  return code;
}

const CommandRegistration registration{"lint", "find problems in a role trust policy", run_lint};

}  // namespace
}  // namespace stackengine::cli
