// simulate() from pasted text: parses every policy with parse_trust_policy() and reports
// parse errors as SimulationError values.
#include "simulate/internal.hpp"

namespace stackengine {

namespace {

bool parse_into(const std::string& text, const char* input, std::size_t index, TrustPolicy& out,
                std::vector<SimulationError>& errors) {
  PolicyParseResult p = parse_trust_policy(text);
  if (!p.ok()) {
    for (const auto& e : p.errors) errors.push_back({input, index, e.code, e.message, e.location});
    return false;
  }
  out = std::move(p.policy);
  return true;
}

}  // namespace

SimulationResult simulate_text(const SimulateTextRequest& req) {
  try {
    std::vector<SimulationError> errors;
    SimulationInput in;
    std::string role_arn = req.role_arn;
    if (req.policy.empty()) {
      errors.push_back({"policy", 0, "POLICY_EMPTY", "No trust policy was given.", {}});
    } else if (parse_into(req.policy, "policy", 0, in.trust_policy, errors) && role_arn.empty()) {
      role_arn = in.trust_policy.role_arn;  // get-role output names the role
    }
    CallerPolicies& cp = in.caller_policies;
    cp.evaluated = req.caller_policies_known || !req.identity_policies.empty() || !req.scps.empty() ||
                   !req.permissions_boundary.empty();
    for (std::size_t i = 0; i < req.identity_policies.size(); ++i) {
      TrustPolicy p;
      if (parse_into(req.identity_policies[i], "identity-policy", i, p, errors)) cp.identity.push_back(std::move(p));
    }
    for (std::size_t i = 0; i < req.scps.size(); ++i) {
      TrustPolicy p;
      if (parse_into(req.scps[i], "scp", i, p, errors)) cp.scps.push_back(std::move(p));
    }
    if (!req.permissions_boundary.empty()) {
      TrustPolicy p;
      if (parse_into(req.permissions_boundary, "permissions-boundary", 0, p, errors))
        cp.permissions_boundary.push_back(std::move(p));
    }
    if (req.principal.empty())
      errors.push_back({"principal", 0, "PRINCIPAL_EMPTY", "No caller principal was given.", {}});
    CallParameters call = req.call;
    if (!req.action.empty()) call.action = req.action;
    RequestContext ctx = make_request_context(req.principal, role_arn, call);
    if (!req.principal.empty() && ctx.caller.kind == CallerKind::Unknown)
      errors.push_back({"principal", 0, "PRINCIPAL_UNRECOGNISED",
                        "The caller is not an IAM user, role, session, federated user, account, service "
                        "principal or identity provider ARN.",
                        {}});
    for (const auto& e : req.context) {
      if (e.key.empty()) {
        errors.push_back({"context", 0, "CONTEXT_KEY_EMPTY", "A context entry has an empty key.", {}});
        continue;
      }
      ctx.set(e.key, e.values);
    }
    if (!errors.empty()) {
      SimulationResult r;
      r.errors = std::move(errors);
      r.decided_by = "input";
      r.summary = "Not simulated: " + r.errors.front().message;
      return r;
    }
    return simulate(in, ctx);
  } catch (...) {
    SimulationResult r;
    r.decided_by = "input";
    r.errors.push_back({"policy", 0, "SIMULATE_INTERNAL", "The simulation could not complete.", {}});
    r.summary = "The simulation could not complete.";
    return r;
  }
}

}  // namespace stackengine
