#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "stackengine/caller.hpp"

namespace stackengine::cli {
namespace {

nlohmann::ordered_json or_null(const std::string& s) { return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s); }

nlohmann::ordered_json caller_json(const CallerParseResult& r) {
  const CallerConfig& c = *r.caller();
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const CallerField& f : c.fields)
    fields[f.name] = {{"line", f.span.start.line}, {"column", f.span.start.column}};
  return {{"format", c.format},
          {"role_arn", or_null(c.role_arn)},
          {"external_id", or_null(c.external_id)},
          {"session_name", or_null(c.session_name)},
          {"mfa_serial", or_null(c.mfa_serial)},
          {"duration_seconds", c.duration_seconds ? nlohmann::ordered_json(c.duration_seconds) : nlohmann::ordered_json()},
          {"source_profile", or_null(c.source_profile)},
          {"fields", fields}};
}

void print_problems(const std::string& file, const std::vector<CallerProblem>& problems) {
  for (const CallerProblem& p : problems) {
    std::cerr << "stackengine caller: " << file << ":" << p.location.line << ":" << p.location.column
              << ": " << p.code << ": " << p.message << "\n";
  }
}

int run_caller(const std::vector<std::string>& args) {
  CLI::App app{"Parse an STS caller (aws CLI command, ~/.aws/config, Terraform provider, GitHub "
               "Actions step, SDK call), or fix it in its own format.",
               "stackengine caller"};
  std::string format = "text", file, input_format;
  bool fix = false;
  CallerFixRequest req;
  std::vector<std::string> tags;
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--input-format", input_format,
                 "aws-cli, aws-config, terraform-provider, github-actions, boto3, js-sdk-v3, "
                 "go-sdk-v2 or java-sdk-v2 (default: detect)");
  app.add_flag("--fix", fix, "print the caller rewritten with the values below");
  app.add_option("--external-id", req.external_id, "ExternalId to send");
  app.add_option("--session-name", req.session_name, "RoleSessionName to send");
  app.add_option("--duration-seconds", req.duration_seconds, "DurationSeconds to send");
  app.add_option("--mfa-serial", req.mfa_serial, "MFA device serial number (ARN) to send");
  app.add_option("--token-code", req.token_code, "MFA token code to send");
  app.add_option("--source-identity", req.source_identity, "SourceIdentity to send");
  app.add_option("--tag", tags, "session tag KEY=VALUE (repeatable)");
  app.add_option("FILE", file, "input file, or - for standard input")->required();
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (const std::string& t : tags) {
    const std::size_t eq = t.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "stackengine caller: --tag wants KEY=VALUE\n";
      return 2;
    }
    req.tags.push_back({t.substr(0, eq), t.substr(eq + 1)});
  }
  std::string text;
  if (!read_input(file, text)) return 2;

  if (fix) {
    req.format = input_format;
    CallerFixResult r = fix_caller(text, req);
    if (!r.ok()) {
      std::cerr << "stackengine caller: " << file << ":" << r.error.location.line << ":"
                << r.error.location.column << ": " << r.error.message << "\n";
      return 2;
    }
    // A requested value STS would refuse is bad input; what the caller already had is a warning.
    bool refused = false;
    for (const CallerProblem& p : r.problems)
      refused = refused || p.message.find("was not applied") != std::string::npos ||
                p.code == "CALLER_FIELD_NOT_SUPPORTED";
    if (format == "json") {
      nlohmann::ordered_json out = {{"format", r.format}, {"text", r.text},
                            {"changes", nlohmann::ordered_json::array()}, {"problems", nlohmann::ordered_json::array()}};
      for (const CallerChange& c : r.changes)
        out["changes"].push_back({{"field", c.field}, {"action", c.action}, {"message", c.message},
                                  {"line", c.span.start.line}, {"column", c.span.start.column}});
      for (const CallerProblem& p : r.problems)
        out["problems"].push_back({{"code", p.code}, {"field", p.field}, {"message", p.message},
                                   {"line", p.location.line}, {"column", p.location.column}});
      std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
      std::cout << r.text;
      print_problems(file, r.problems);
    }
    return refused ? 2 : 0;
  }

  CallerParseResult r = input_format.empty() ? parse_caller(text) : parse_caller_as(text, input_format);
  if (!r.ok()) {
    std::cerr << "stackengine caller: " << file << ":" << r.error.location.line << ":"
              << r.error.location.column << ": " << r.error.code << ": "
              << r.error.message << "\n";
    return 2;
  }
  if (format == "json") {
    std::cout << caller_json(r).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
  }
  const CallerConfig& c = *r.caller();
  std::cout << "format: " << c.format;
  if (!c.operation.empty()) std::cout << " (" << c.operation << ")";
  if (!c.name.empty()) std::cout << ", " << c.name;
  std::cout << "\n";
  for (const CallerField& f : c.fields) {
    std::cout << "  " << f.name << " = " << (f.secret ? "<secret>" : f.value) << "  ("
              << f.span.start.line << ":" << f.span.start.column << ")\n";
  }
  if (r.callers.size() > 1)
    std::cout << "(" << r.callers.size() << " callers in the input; showing the one that assumes a role)\n";
  print_problems(file, r.problems);
  return 0;
}

const CommandRegistration registration{"caller", "parse or fix what calls sts:AssumeRole", run_caller};

}  // namespace
}  // namespace stackengine::cli
