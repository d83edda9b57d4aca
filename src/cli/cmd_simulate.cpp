#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "stackengine/simulate.hpp"

namespace stackengine::cli {
namespace {

nlohmann::json location_json(const SourceLocation& l) { return {{"line", l.line}, {"column", l.column}}; }

nlohmann::json result_json(const SimulationResult& r) {
  using nlohmann::json;
  json reasons = json::array();
  for (const auto& s : r.reasons) {
    json conds = json::array();
    for (const auto& c : s.conditions)
      conds.push_back({{"operator", c.op},
                       {"key", c.key},
                       {"policy_values", c.policy_values},
                       {"request_values", c.request_values},
                       {"key_present", c.key_present},
                       {"matched", c.matched},
                       {"message", c.message},
                       {"satisfy", c.satisfy},
                       {"pointer", c.pointer},
                       {"location", location_json(c.location)}});
    reasons.push_back({{"policy", s.policy},
                       {"policy_index", s.policy_index},
                       {"statement", s.statement},
                       {"sid", s.sid},
                       {"effect", s.effect},
                       {"action", s.action},
                       {"matched", s.matched},
                       {"failed_element", s.failed_element},
                       {"principal_match", s.principal_match},
                       {"conditions", conds},
                       {"message", s.message},
                       {"satisfy", s.satisfy},
                       {"pointer", s.pointer},
                       {"location", location_json(s.location)}});
  }
  json extra = json::array();
  for (const auto& x : r.extra_checks) extra.push_back({{"action", x.action}, {"decision", decision_name(x.decision)}});
  json errors = json::array();
  for (const auto& e : r.errors)
    errors.push_back({{"input", e.input}, {"index", e.index}, {"code", e.code}, {"message", e.message},
                      {"location", location_json(e.location)}});
  return {{"decision", decision_name(r.decision)},
          {"summary", r.summary},
          {"decided_by", r.decided_by},
          {"trust_decision", decision_name(r.trust_decision)},
          {"trust_grant", r.trust_grant},
          {"caller_decision", decision_name(r.caller_decision)},
          {"caller_evaluated", r.caller_evaluated},
          {"caller_side_required", r.caller_side_required},
          {"same_account", r.same_account},
          {"root_caller", r.root_caller},
          {"extra_checks", extra},
          {"policy_problems", r.policy_problems},
          {"reasons", reasons},
          {"errors", errors}};
}

void print_text(const SimulationResult& r) {
  std::cout << decision_name(r.decision) << ": " << r.summary << "\n";
  for (const auto& p : r.policy_problems) std::cout << "  problem: " << p << "\n";
  for (const auto& s : r.reasons) {
    std::cout << "  [" << s.policy << (s.policy == std::string(kPolicyTrust) ? "" : " " + std::to_string(s.policy_index))
              << "] " << s.action << " " << s.location.line << ":" << s.location.column << " " << s.message << "\n";
    for (const auto& c : s.conditions)
      if (!c.matched)
        std::cout << "      " << c.op << " " << c.key << ": " << c.message
                  << (c.satisfy.empty() ? "" : " -> " + c.satisfy) << "\n";
  }
}

int run_simulate(const std::vector<std::string>& args) {
  CLI::App app{"Would STS allow this AssumeRole call? Prints the decision and, per statement, why.",
               "stackengine simulate"};
  std::string policy_file, principal, action, role_arn, boundary_file, format = "text";
  std::vector<std::string> identity_files, scp_files, context;
  bool known = false;
  app.add_option("--policy", policy_file, "trust policy file (policy JSON, get-role output, ...), or -")->required();
  app.add_option("--principal", principal, "caller principal ARN (user, role session, ...), service or IdP")->required();
  app.add_option("--action", action, "sts:AssumeRole (default), sts:AssumeRoleWithWebIdentity, ...");
  app.add_option("--role-arn", role_arn, "ARN of the role being assumed");
  app.add_option("--identity-policy", identity_files, "caller identity policy file (repeatable)");
  app.add_option("--scp", scp_files, "service control policy file of the caller's account (repeatable)");
  app.add_option("--permissions-boundary", boundary_file, "caller's permissions boundary file");
  app.add_option("--context", context, "request context KEY=VALUE (repeat a key for several values)");
  app.add_flag("--caller-policies-known", known, "the given caller policies are all there is (none = no Allow)");
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  SimulateTextRequest req;
  if (!read_input(policy_file, req.policy)) return 2;
  for (const auto& f : identity_files) {
    req.identity_policies.emplace_back();
    if (!read_input(f, req.identity_policies.back())) return 2;
  }
  for (const auto& f : scp_files) {
    req.scps.emplace_back();
    if (!read_input(f, req.scps.back())) return 2;
  }
  if (!boundary_file.empty() && !read_input(boundary_file, req.permissions_boundary)) return 2;
  req.principal = principal;
  req.action = action;
  req.role_arn = role_arn;
  req.caller_policies_known = known;
  for (const auto& kv : context) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "stackengine simulate: --context expects KEY=VALUE\n";
      return 2;
    }
    const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    bool merged = false;
    for (auto& e : req.context)
      if (e.key == key) e.values.push_back(value), merged = true;
    if (!merged) req.context.push_back({key, {value}});
  }
  SimulationResult r = simulate_text(req);
  if (!r.ok()) {
    for (const auto& e : r.errors) {
      std::string where = e.input == "policy" ? policy_file : e.input;
      if (e.input == "identity-policy" && e.index < identity_files.size()) where = identity_files[e.index];
      if (e.input == "scp" && e.index < scp_files.size()) where = scp_files[e.index];
      if (e.input == "permissions-boundary") where = boundary_file;
      std::cerr << "stackengine simulate: " << where << ":" << e.location.line << ":" << e.location.column << ": "
                << e.message << "\n";
    }
    if (format == "json") std::cout << result_json(r).dump(2) << "\n";
    return 2;
  }
  if (format == "json") std::cout << result_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else print_text(r);
  return r.decision == Decision::Allowed ? 0 : 1;
}

const CommandRegistration registration{"simulate", "would STS allow this AssumeRole call, and why (not)",
                                       run_simulate};

}  // namespace
}  // namespace stackengine::cli
