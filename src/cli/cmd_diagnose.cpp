// stackengine diagnose --error FILE [--policy FILE] [--caller FILE] [--role-arn ARN]
//                      [--caller-arn ARN] [--external-id ID] [--format text|json]
// Why STS refused the call, ranked, and the fixed policy and caller. Exit 0 when it
// produced a diagnosis, 2 on unreadable or refused input.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "stackengine/analyze.hpp"
#include "stackengine/aws_error.hpp"

namespace stackengine::cli {
namespace {

nlohmann::ordered_json location_json(const SourceLocation& l) {
  return {{"line", l.line}, {"column", l.column}, {"offset", l.offset}};
}

nlohmann::ordered_json error_json(const AwsError& e) {
  nlohmann::ordered_json out;
  out["kind"] = error_kind_id(e.kind);
  nlohmann::ordered_json locations = nlohmann::ordered_json::object();
  const std::pair<const char*, const ErrorField*> fields[] = {
      {"code", &e.code},           {"operation", &e.operation},     {"caller", &e.caller},
      {"action", &e.action},       {"resource", &e.resource},       {"policy_type", &e.policy_type},
      {"parameter", &e.parameter}, {"parameter_value", &e.parameter_value}, {"constraint", &e.constraint},
      {"oidc_provider", &e.oidc_provider}, {"status_code", &e.status_code}, {"request_id", &e.request_id},
      {"message", &e.message}};
  for (const auto& [name, f] : fields) {
    out[name] = f->present() ? nlohmann::ordered_json(f->value) : nlohmann::ordered_json(nullptr);
    if (f->present() && f->end.offset > f->start.offset) locations[name] = location_json(f->start);
  }
  out["denial"] = e.denial;
  out["explicit_deny"] = e.explicit_deny;
  out["source"] = e.source;
  out["locations"] = std::move(locations);
  return out;
}

void print_text(const AwsError& e, const AnalyzeResult& r) {
  std::cout << "error: " << error_kind_id(e.kind);
  if (e.code.present()) std::cout << " (" << e.code.value << ")";
  if (e.operation.present()) std::cout << " in " << e.operation.value;
  std::cout << "\n";
  if (e.caller.present()) std::cout << "  caller:   " << e.caller.value << "\n";
  if (e.resource.present()) std::cout << "  resource: " << e.resource.value << "\n";
  if (!r.decision.empty()) std::cout << "simulated: " << r.decision << "\n";
  for (const InputError& ie : r.input_errors)
    std::cout << "input " << ie.input << ":" << ie.location.line << ":" << ie.location.column << ": " << ie.message
              << "\n";
  std::cout << "\ncauses (most likely first):\n";
  int n = 0;
  for (const Cause& c : r.causes) {
    std::cout << ++n << ". " << c.id << " (" << static_cast<int>(c.confidence * 100 + 0.5) << "%) " << c.title << "\n"
              << "   " << c.explanation << "\n";
    for (const Evidence& ev : c.evidence) {
      std::cout << "   - " << ev.input;
      if (ev.location.line) std::cout << ":" << ev.location.line << ":" << ev.location.column;
      std::cout << " " << ev.text << "\n";
    }
    std::cout << "   fix: " << c.fix << "\n";
  }
  if (r.fixed_policy.changed) std::cout << "\nfixed policy:\n" << r.fixed_policy.json;
  if (r.fixed_caller.changed) std::cout << "\nfixed caller:\n" << r.fixed_caller.text << "\n";
}

int run_diagnose(const std::vector<std::string>& args) {
  CLI::App app{"Explain why STS refused an AssumeRole call, and fix the policy and the caller.",
               "stackengine diagnose"};
  std::string error_file, policy_file, caller_file, format = "text";
  AnalyzeRequest req;
  req.redact = false;
  app.add_option("--error", error_file, "the error text (file, or - for standard input)")->required();
  app.add_option("--policy", policy_file, "the role's trust policy (JSON, get-role output, CloudFormation, plan)");
  app.add_option("--caller", caller_file, "the command, ~/.aws/config, Terraform provider, workflow or SDK call");
  app.add_option("--role-arn", req.role_arn, "the role being assumed");
  app.add_option("--caller-arn", req.caller_arn, "who calls (else read from the error)");
  app.add_option("--external-id", req.external_id, "the ExternalId to use where the policy names none");
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!read_input(error_file, req.error)) return 2;
  if (!policy_file.empty() && !read_input(policy_file, req.policy)) return 2;
  if (!caller_file.empty() && !read_input(caller_file, req.caller)) return 2;

  const ErrorParseResult parsed = parse_aws_error(req.error);
  if (!parsed.ok()) {
    std::cerr << "stackengine diagnose: " << error_file << ":" << parsed.input_error.location.line << ":"
              << parsed.input_error.location.column << ": " << parsed.input_error.message << "\n";
    return 2;
  }
  const AnalyzeResult r = analyze(req);
  if (format == "text") {
    print_text(parsed.error, r);
    return 0;
  }
  nlohmann::ordered_json out;
  out["error"] = error_json(parsed.error);
  out["decision"] = r.decision.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.decision);
  out["causes"] = nlohmann::ordered_json::array();
  for (const Cause& c : r.causes) {
    nlohmann::ordered_json ev = nlohmann::ordered_json::array();
    for (const Evidence& e : c.evidence) {
      nlohmann::ordered_json j = {{"input", e.input}, {"pointer", e.pointer}, {"text", e.text}};
      if (e.location.line) j["location"] = location_json(e.location);
      ev.push_back(std::move(j));
    }
    out["causes"].push_back({{"id", c.id},
                             {"confidence", c.confidence},
                             {"title", c.title},
                             {"explanation", c.explanation},
                             {"evidence", std::move(ev)},
                             {"fix", c.fix}});
  }
  out["fixed"] = {
      {"policy", r.fixed_policy.json.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.fixed_policy.json)},
      {"caller", r.fixed_caller.text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.fixed_caller.text)},
      {"policy_changed", r.fixed_policy.changed},
      {"caller_changed", r.fixed_caller.changed}};
  out["input_errors"] = nlohmann::ordered_json::array();
  for (const InputError& e : r.input_errors)
    out["input_errors"].push_back({{"input", e.input}, {"code", e.code}, {"message", e.message},
                                   {"location", location_json(e.location)}});
  std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return 0;
}

const CommandRegistration registration{"diagnose", "explain an AssumeRole error and fix policy + caller",
                                       run_diagnose};

}  // namespace
}  // namespace stackengine::cli
