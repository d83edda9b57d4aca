// Evaluates an STS AssumeRole* request against the role trust policy and the caller's own
// policies, following the IAM evaluation logic
// (reference_policies_evaluation-logic.md, ...-cross-account.md; ../shared/AWS-TRUST-SEMANTICS.md §1.2).
#include <algorithm>
#include <cctype>

#include "simulate/internal.hpp"

namespace stackengine {

using namespace simulate_detail;

namespace {

bool is_account_id(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_aws_principal(CallerKind k) {
  return k == CallerKind::User || k == CallerKind::Role || k == CallerKind::AssumedRole ||
         k == CallerKind::FederatedUser || k == CallerKind::Root;
}

// How strongly a principal match names the caller. Higher wins when several statements allow.
int strength(std::string_view kind) {
  if (kind == "exact" || kind == "service" || kind == "federated") return 5;
  if (kind == "role") return 4;
  if (kind == "wildcard" || kind == "not-principal") return 3;
  if (kind == "account") return 2;
  return 0;
}

// One value of Principal.<type> against the caller. Returns the match kind or "".
std::string match_principal_value(std::string_view type, std::string_view value, const CallerPrincipal& c) {
  if (type == "AWS") {
    if (value == "*") return "wildcard";
    if (!is_aws_principal(c.kind)) return "";
    // An account id or the account's :root ARN delegates to every principal of that account
    // (reference_policies_elements_principal.md §AWS account principals).
    if (is_account_id(value)) return value == c.account ? "account" : "";
    const CallerPrincipal p = parse_caller_principal(value);
    if (p.account != c.account) return "";
    switch (p.kind) {
      case CallerKind::Root:
        return "account";
      case CallerKind::User:
        return c.kind == CallerKind::User && value == c.arn ? "exact" : "";
      case CallerKind::Role:
        // A role principal matches every session of the role. IAM stores the role's unique id,
        // so the path written in either ARN does not matter; role names are case-insensitive.
        if (c.kind == CallerKind::AssumedRole && iequals(p.name, c.name)) return "role";
        if (c.kind == CallerKind::Role && iequals(p.name, c.name)) return "exact";
        return "";
      case CallerKind::AssumedRole:
        return c.kind == CallerKind::AssumedRole && value == c.arn ? "exact" : "";
      case CallerKind::FederatedUser:
        return c.kind == CallerKind::FederatedUser && value == c.arn ? "exact" : "";
      default:
        return "";
    }
  }
  if (type == "Service") return c.kind == CallerKind::Service && value == c.name ? "service" : "";
  if (type == "Federated") {
    if (c.kind != CallerKind::WebIdentity && c.kind != CallerKind::Saml) return "";
    return value == c.arn ? "federated" : "";
  }
  return "";  // CanonicalUser and unknown types never match an STS caller
}

std::string match_principal(const Principal& p, const CallerPrincipal& c) {
  if (p.wildcard_string) return "wildcard";
  std::string best;
  for (const auto& e : p.entries)
    for (const auto& v : e.values.values) {
      std::string m = match_principal_value(e.type, v, c);
      if (strength(m) > strength(best)) best = m;
    }
  return best;
}

bool any_action_matches(const StringList& list, std::string_view action) {
  for (const auto& a : list.values)
    if (wildcard_match(a, action, true)) return true;
  return false;
}

bool any_resource_matches(const StringList& list, std::string_view arn) {
  for (const auto& r : list.values)
    if (wildcard_match(r, arn, false)) return true;
  return false;
}

std::string describe_caller(const CallerPrincipal& c) {
  return c.principal_arn.empty() ? c.arn : c.principal_arn;
}

StatementReason evaluate_statement(const Statement& s, const char* policy, std::size_t policy_index,
                                   const RequestContext& request, const std::string& action) {
  StatementReason r;
  r.policy = policy;
  r.policy_index = policy_index;
  r.statement = s.index;
  r.sid = s.sid;
  r.effect = s.effect;
  r.action = action;
  r.pointer = s.pointer;
  r.location = s.location;
  const bool trust = std::string_view(policy) == kPolicyTrust;
  const std::string name = "Statement " + std::to_string(s.index) + (s.has_sid ? " (" + s.sid + ")" : "");

  std::string failed;
  std::string why;
  if (s.effect != "Allow" && s.effect != "Deny") {
    failed = "effect";
    why = "its Effect is neither Allow nor Deny";
  }
  // Principal: trust policies only (identity policies have none).
  if (trust) {
    if (s.principal.present) {
      r.principal_match = match_principal(s.principal, request.caller);
      if (r.principal_match.empty() && failed.empty()) {
        failed = "principal";
        why = "its Principal does not name " + describe_caller(request.caller);
      }
    } else if (s.not_principal.present) {
      // NotPrincipal applies to every caller it does not name (same matching as Principal).
      if (match_principal(s.not_principal, request.caller).empty()) {
        r.principal_match = "not-principal";
      } else if (failed.empty()) {
        failed = "principal";
        why = "its NotPrincipal names " + describe_caller(request.caller);
      }
    } else if (failed.empty()) {
      failed = "principal";
      why = "it has no Principal";
    }
  } else {
    r.principal_match = "none";
  }
  // Action / NotAction (case-insensitive, wildcards).
  bool action_ok = false;
  if (s.action.present) action_ok = any_action_matches(s.action, action);
  else if (s.not_action.present) action_ok = !any_action_matches(s.not_action, action);
  if (!action_ok && failed.empty()) {
    failed = "action";
    why = "its Action does not include " + action;
  }
  // Resource: caller-side policies name the role being assumed. A trust policy has none.
  if (!trust) {
    bool res_ok = false;
    if (s.resource.present) res_ok = any_resource_matches(s.resource, request.role_arn);
    else if (s.not_resource.present) res_ok = !any_resource_matches(s.not_resource, request.role_arn);
    if (!res_ok && failed.empty()) {
      failed = "resource";
      why = "its Resource does not cover " + (request.role_arn.empty() ? std::string("the role") : request.role_arn);
    }
  }
  // Conditions: all evaluated (for the reasons), all must hold.
  bool conds_ok = true;
  std::vector<std::string> needs;
  for (const auto& cond : s.condition.conditions) {
    ConditionOutcome o = evaluate_condition(cond, request);
    if (!o.matched) {
      conds_ok = false;
      if (!o.satisfy.empty()) needs.push_back(o.satisfy);
    }
    r.conditions.push_back(std::move(o));
  }
  if (!conds_ok && failed.empty()) {
    failed = "condition";
    for (const auto& o : r.conditions)
      if (!o.matched) {
        why = "condition " + o.op + " " + o.key + " failed: " + o.message;
        break;
      }
  }
  r.failed_element = failed;
  r.matched = failed.empty();
  if (r.matched) {
    r.message = name + " (" + s.effect + ") applies to this request.";
  } else {
    r.message = name + " (" + s.effect + ") does not apply: " + why;
    if (!why.empty() && why.back() != '.') r.message += ".";
  }
  if (!r.matched && s.effect == "Allow") {
    std::vector<std::string> parts;
    if (failed == "principal") parts.push_back("add " + describe_caller(request.caller) + " to its Principal");
    if (!action_ok) parts.push_back("add " + action + " to its Action");
    for (auto& n : needs) parts.push_back(std::move(n));
    for (std::size_t i = 0; i < parts.size(); ++i) r.satisfy += (i ? "; " : "") + parts[i];
  }
  return r;
}

struct SetOutcome {
  bool deny = false;
  bool allow = false;
  std::string best_grant;  // trust only
};

SetOutcome evaluate_policy(const TrustPolicy& p, const char* kind, std::size_t index, const RequestContext& request,
                           const std::string& action, std::vector<StatementReason>& reasons) {
  SetOutcome out;
  for (const auto& s : p.statements) {
    StatementReason r = evaluate_statement(s, kind, index, request, action);
    if (r.matched && s.effect == "Deny") out.deny = true;
    if (r.matched && s.effect == "Allow") {
      out.allow = true;
      if (strength(r.principal_match) > strength(out.best_grant)) out.best_grant = r.principal_match;
    }
    reasons.push_back(std::move(r));
  }
  return out;
}

struct ActionOutcome {
  Decision decision = Decision::ImplicitlyDenied;
  std::string decided_by;
  Decision trust = Decision::ImplicitlyDenied;
  std::string grant;
  Decision caller = Decision::Allowed;
  bool same_account = false;
  bool caller_required = false;
};

ActionOutcome evaluate_action(const SimulationInput& in, const RequestContext& request, const std::string& action,
                              std::vector<StatementReason>& reasons) {
  ActionOutcome o;
  const SetOutcome trust = evaluate_policy(in.trust_policy, kPolicyTrust, 0, request, action, reasons);
  o.trust = trust.deny ? Decision::ExplicitlyDenied : trust.allow ? Decision::Allowed : Decision::ImplicitlyDenied;
  o.grant = trust.best_grant;

  const CallerPrincipal& c = request.caller;
  const bool aws_caller = is_aws_principal(c.kind);
  o.same_account = aws_caller && !request.role_account.empty() && c.account == request.role_account;
  const bool evaluated = in.caller_policies.evaluated && aws_caller;

  bool id_allow = false, id_deny = false, scp_allow = false, scp_deny = false, pb_allow = false, pb_deny = false;
  const bool has_scp = !in.caller_policies.scps.empty();
  const bool has_pb = !in.caller_policies.permissions_boundary.empty();
  if (evaluated) {
    for (std::size_t i = 0; i < in.caller_policies.identity.size(); ++i) {
      SetOutcome s = evaluate_policy(in.caller_policies.identity[i], kPolicyIdentity, i, request, action, reasons);
      id_allow |= s.allow, id_deny |= s.deny;
    }
    for (std::size_t i = 0; i < in.caller_policies.scps.size(); ++i) {
      SetOutcome s = evaluate_policy(in.caller_policies.scps[i], kPolicyScp, i, request, action, reasons);
      scp_allow |= s.allow, scp_deny |= s.deny;
    }
    for (std::size_t i = 0; i < in.caller_policies.permissions_boundary.size(); ++i) {
      SetOutcome s = evaluate_policy(in.caller_policies.permissions_boundary[i], kPolicyBoundary, 0, request, action, reasons);
      pb_allow |= s.allow, pb_deny |= s.deny;
    }
    o.caller = (id_deny || scp_deny || pb_deny)                              ? Decision::ExplicitlyDenied
               : (!id_allow || (has_scp && !scp_allow) || (has_pb && !pb_allow)) ? Decision::ImplicitlyDenied
                                                                                 : Decision::Allowed;
  }

  auto decide = [&](Decision d, const char* by) {
    o.decision = d;
    o.decided_by = by;
    return o;
  };
  // Explicit Deny wins wherever it is.
  if (trust.deny) return decide(Decision::ExplicitlyDenied, "trust-policy");
  if (evaluated && scp_deny) return decide(Decision::ExplicitlyDenied, "scp");
  if (evaluated && pb_deny) return decide(Decision::ExplicitlyDenied, "permissions-boundary");
  if (evaluated && id_deny) return decide(Decision::ExplicitlyDenied, "identity-policy");
  // A trust policy must always allow explicitly, in the same account too.
  if (!trust.allow) return decide(Decision::ImplicitlyDenied, "trust-policy");
  // Services and identity providers have no caller-side policies.
  if (!aws_caller) return decide(Decision::Allowed, "trust-policy");

  const std::string& g = trust.best_grant;
  const bool account_grant = g == "account";
  o.caller_required = !o.same_account || account_grant;
  if (!evaluated) return decide(Decision::Allowed, "trust-policy");  // caller side unknown: assumed to allow
  // SCPs limit every principal of a member account, whatever grants the access.
  if (has_scp && !scp_allow) return decide(Decision::ImplicitlyDenied, "scp");
  if (o.same_account && !account_grant) {
    // The trust policy names the caller: no identity policy needed. A grant to the role ARN
    // (rather than the session) is still limited by the session's permissions boundary.
    if (g == "role" && has_pb && !pb_allow) return decide(Decision::ImplicitlyDenied, "permissions-boundary");
    return decide(Decision::Allowed, "trust-policy");
  }
  // Cross-account, or the trust policy names only the account: the caller's own policies
  // must allow too.
  if (!id_allow) return decide(Decision::ImplicitlyDenied, "identity-policy");
  if (has_pb && !pb_allow) return decide(Decision::ImplicitlyDenied, "permissions-boundary");
  return decide(Decision::Allowed, "identity-policy");
}

Decision worst(Decision a, Decision b) {
  auto rank = [](Decision d) { return d == Decision::ExplicitlyDenied ? 2 : d == Decision::ImplicitlyDenied ? 1 : 0; };
  return rank(a) >= rank(b) ? a : b;
}

std::string grant_name(const std::string& g) {
  if (g.empty()) return "";
  if (g == "account") return "account";
  if (g == "wildcard" || g == "not-principal") return "wildcard";
  return "direct";
}

void check_trust_structure(const TrustPolicy& p, std::vector<std::string>& problems) {
  for (const auto& s : p.statements) {
    // "Wildcards cannot match part of a principal name or ARN": IAM refuses the policy
    // (reference_policies_elements_principal.md, Note).
    for (const Principal* pr : {&s.principal, &s.not_principal})
      for (const auto& e : pr->entries)
        for (const auto& v : e.values.values)
          if (v != "*" && (v.find('*') != std::string::npos || v.find('?') != std::string::npos))
            problems.push_back("Statement " + std::to_string(s.index) + " has a wildcard inside the principal " + v +
                               ": IAM refuses to save it (Invalid principal in policy).");
    if (s.resource.present || s.not_resource.present)
      problems.push_back("Statement " + std::to_string(s.index) +
                         " has a Resource element: IAM refuses to save such a trust policy "
                         "(MalformedPolicyDocument: Has prohibited field Resource).");
  }
}

std::string summarize(const SimulationResult& r, const RequestContext& request) {
  const std::string who = describe_caller(request.caller);
  const std::string act = request.action;
  if (r.root_caller) return "Denied: STS refuses root user callers (\"Roles may not be assumed by root accounts.\").";
  std::string first_need;
  for (const auto& s : r.reasons)
    if (s.policy == std::string(kPolicyTrust) && s.effect == "Allow" && !s.matched && !s.satisfy.empty()) {
      first_need = s.satisfy;
      break;
    }
  const std::string& by = r.decided_by;
  if (r.decision == Decision::Allowed)
    return "Allowed: the role trust policy allows " + who + " to call " + act +
           (r.caller_side_required ? (r.caller_evaluated ? " and the caller's own policies allow it too."
                                                         : "; the caller's own policies were not given and are assumed to allow it.")
                                   : ".");
  if (r.decision == Decision::ExplicitlyDenied) {
    if (by == "trust-policy") return "Explicitly denied: a Deny statement in the role trust policy applies to " + who + ".";
    return "Explicitly denied: a Deny statement in the caller's " +
           std::string(by == "scp" ? "service control policy" : by == "permissions-boundary" ? "permissions boundary" : "identity policy") +
           " applies.";
  }
  if (by == "trust-policy")
    return "Denied: no statement of the role trust policy allows " + who + " to call " + act +
           (first_need.empty() ? "." : " (to match: " + first_need + ").");
  if (by == "identity-policy")
    return "Denied: the trust policy allows it, but no identity policy of " + who + " allows " + act + " on " +
           (request.role_arn.empty() ? std::string("the role") : request.role_arn) +
           (r.same_account ? " (the trust policy names only the account)." : " (cross-account calls need both sides).");
  if (by == "scp") return "Denied: no service control policy of the caller's account allows " + act + ".";
  if (by == "permissions-boundary") return "Denied: the caller's permissions boundary does not allow " + act + ".";
  if (by == "tag-session") return "Denied: the call passes session tags, and the trust policy does not allow sts:TagSession.";
  if (by == "set-source-identity")
    return "Denied: the call sets a source identity, and the trust policy does not allow sts:SetSourceIdentity.";
  return "Denied.";
}

SimulationResult simulate_impl(const SimulationInput& input, const RequestContext& request) {
  SimulationResult r;
  check_trust_structure(input.trust_policy, r.policy_problems);
  r.caller_evaluated = input.caller_policies.evaluated && is_aws_principal(request.caller.kind);

  ActionOutcome main = evaluate_action(input, request, request.action, r.reasons);
  r.decision = main.decision;
  r.decided_by = main.decided_by;
  r.trust_decision = main.trust;
  r.trust_grant = grant_name(main.grant);
  r.caller_decision = main.caller;
  r.same_account = main.same_account;
  r.caller_side_required = main.caller_required || (!main.same_account && is_aws_principal(request.caller.kind));

  // Session tags and source identity need their own trust permission
  // (id_session-tags.md; id_credentials_temp_control-access_monitor.md).
  const std::pair<bool, const char*> extras[] = {{!request.call.tags.empty(), "sts:TagSession"},
                                                 {!request.call.source_identity.empty(), "sts:SetSourceIdentity"}};
  for (const auto& [needed, action] : extras) {
    if (!needed) continue;
    ActionOutcome x = evaluate_action(input, request, action, r.reasons);
    r.extra_checks.push_back({action, x.decision});
    if (r.decision == Decision::Allowed && x.decision != Decision::Allowed) {
      r.decision = x.decision;
      r.decided_by = x.decided_by == "trust-policy"
                         ? (std::string(action) == "sts:TagSession" ? "tag-session" : "set-source-identity")
                         : x.decided_by;
    } else {
      r.decision = worst(r.decision, x.decision);
    }
  }

  // STS refuses root callers before reading any policy.
  if (request.caller.kind == CallerKind::Root) {
    r.root_caller = true;
    r.decision = Decision::ImplicitlyDenied;
    r.decided_by = "root-caller";
  }
  r.summary = summarize(r, request);
  return r;
}

}  // namespace

SimulationResult simulate(const SimulationInput& input, const RequestContext& request) {
  try {
    return simulate_impl(input, request);
  } catch (...) {
    SimulationResult r;
    r.decided_by = "input";
    r.errors.push_back({"policy", 0, "SIMULATE_INTERNAL", "The simulation could not complete.", {}});
    r.summary = "The simulation could not complete.";
    return r;
  }
}

}  // namespace stackengine
