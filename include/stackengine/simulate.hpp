// stackengine/simulate.hpp — would STS allow this AssumeRole call, and if not, exactly why?
//
//   // 1. The request: who calls, what they send.
//   stackengine::CallParameters call;               // what the caller sends (fill from a parsed
//   call.external_id = "acme-prod-pipeline-x7f2";   // caller: CallerConfig fields map 1:1)
//   call.session_name = "dev-session";
//   stackengine::RequestContext request = stackengine::make_request_context(
//       "arn:aws:iam::123456789012:user/alice",                 // caller principal ARN
//       "arn:aws:iam::987654321098:role/cross-account-role",    // role being assumed
//       call);                                                  // action: call.action or sts:AssumeRole
//   request.set("aws:PrincipalOrgID", "o-a1b2c3d4e5");          // any extra context key
//
//   // 2. The policies (parse_trust_policy() parses caller-side policies too).
//   stackengine::SimulationInput in;
//   in.trust_policy = stackengine::parse_trust_policy(policy_text).policy;
//   in.caller_policies.evaluated = true;                        // we know the caller's policies
//   in.caller_policies.identity.push_back(stackengine::parse_trust_policy(idp_text).policy);
//
//   // 3. Evaluate.
//   stackengine::SimulationResult r = stackengine::simulate(in, request);
//   r.decision;                       // Decision::ImplicitlyDenied
//   for (const auto& s : r.reasons)   // one per statement of every policy evaluated
//     if (!s.matched && s.failed_element == "condition")
//       for (const auto& c : s.conditions)
//         if (!c.matched) std::cout << c.message << " -> " << c.satisfy << "\n";
//         // "sts:ExternalId is not in the request" -> "send sts:ExternalId = acme-prod-pipeline-x7f2"
//
//   // Or everything from text (what the CLI and the JS module call):
//   stackengine::SimulateTextRequest t;  t.policy = policy_text;  t.principal = caller_arn; ...
//   stackengine::SimulationResult r2 = stackengine::simulate_text(t);   // r2.errors: parse errors
//
// Semantics (AWS IAM User Guide; see docs/ or ../shared/AWS-TRUST-SEMANTICS.md §1):
// * Actions: sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML. Passing
//   session tags also needs sts:TagSession, passing a source identity sts:SetSourceIdentity,
//   both allowed by the trust policy (evaluated as extra requests; see `extra_checks`).
// * Principal: an account id or `arn:...:iam::A:root` delegates to account A (any principal of
//   A, whose own policies must then allow the call); a role ARN matches every session of that
//   role whatever the path; a session ARN matches that session; federated (OIDC/SAML provider
//   ARN or IdP host), service principals, "*" (= {"AWS":"*"}). NotPrincipal is honoured.
// * Explicit Deny anywhere (trust, identity, SCP, permissions boundary) wins.
// * Cross-account: the trust policy AND the caller's own policies must allow.
//   Same account: a trust policy naming the caller itself (user, role, session) is enough
//   (SCPs and, for role grants, permissions boundaries can still block); naming only the
//   account also needs an identity-policy Allow.
// * Conditions: String*, Arn*, Numeric*, Date*, Bool, BinaryEquals, IpAddress/NotIpAddress
//   (IPv4 + IPv6 CIDR), Null; ...IfExists (true when the key is absent); negated operators
//   are true when the key is absent; ForAllValues: (true when absent/empty) and ForAnyValue:
//   (false when absent); keys case-insensitive; values of several keys AND, of one key OR.
//   Policy variables in String*/Arn* values: ${aws:username}, ${aws:PrincipalTag/team},
//   ${key, 'default'}, and the escapes ${*} ${?} ${$}.
// * Root callers are refused before any policy is read ("Roles may not be assumed by root
//   accounts."): decision ImplicitlyDenied, decided_by "root-caller".
//
// Never throws, never aborts; bad input gives `errors` and decision ImplicitlyDenied.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "stackengine/caller.hpp"
#include "stackengine/policy.hpp"
#include "stackengine/text.hpp"

namespace stackengine {

enum class Decision { Allowed, ImplicitlyDenied, ExplicitlyDenied };
const char* decision_name(Decision d);  // "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied"

// Who is calling, as read from the caller principal.
enum class CallerKind {
  Unknown,        // not recognised; only "*" principals can match
  User,           // arn:aws:iam::A:user/[path/]name
  Role,           // arn:aws:iam::A:role/[path/]name (given instead of a session ARN)
  AssumedRole,    // arn:aws:sts::A:assumed-role/ROLE/SESSION
  FederatedUser,  // arn:aws:sts::A:federated-user/name
  Root,           // arn:aws:iam::A:root or a bare account id: STS refuses it
  Service,        // lambda.amazonaws.com
  WebIdentity,    // arn:aws:iam::A:oidc-provider/HOST or an IdP host (accounts.google.com)
  Saml,           // arn:aws:iam::A:saml-provider/NAME
};
const char* caller_kind_name(CallerKind k);  // "unknown" | "user" | "role" | "assumed-role" |
                                             // "federated-user" | "root" | "service" |
                                             // "web-identity" | "saml"

// A caller principal split into what matching needs.
struct CallerPrincipal {
  CallerKind kind = CallerKind::Unknown;
  std::string arn;           // as given
  std::string partition;     // "aws", "aws-cn", ...; "" for services / IdP hosts
  std::string account;       // 12 digits, or ""
  std::string name;          // user / role / federated-user name; service or IdP host
  std::string path;          // "/" or "/team/" (users, roles); "" when unknown
  std::string session_name;  // AssumedRole only
  // aws:PrincipalArn as AWS sets it: the role ARN for sessions (path not recoverable from the
  // session ARN: pass aws:PrincipalArn explicitly when the role has a path), the ARN otherwise.
  std::string principal_arn;
};
CallerPrincipal parse_caller_principal(std::string_view arn);

struct SessionTag {
  std::string key;
  std::string value;
};

// What the caller sends to STS. Field names follow caller.hpp's CallerConfig; empty / 0
// means "not sent".
struct CallParameters {
  std::string action;            // "" = from the principal kind (web identity / SAML) else AssumeRole
  std::string external_id;
  bool external_id_sent = false; // true also when external_id is non-empty
  std::string session_name;
  std::string source_identity;
  std::vector<SessionTag> tags;
  std::vector<std::string> transitive_tag_keys;
  std::string mfa_serial;        // with token_code: AssumeRole sets aws:MultiFactorAuthPresent
  std::string token_code;
  int duration_seconds = 0;
};

// One request context key and its values (several values = a multivalued key such as
// aws:TagKeys). Keys compare ASCII-case-insensitively.
struct ContextEntry {
  std::string key;
  std::vector<std::string> values;
};

struct RequestContext {
  std::string action = "sts:AssumeRole";
  std::string role_arn;          // the role being assumed; its account decides same/cross-account
  std::string role_account;      // from role_arn, or set directly
  CallerPrincipal caller;
  CallParameters call;           // kept for extra checks (TagSession, SetSourceIdentity)
  std::vector<ContextEntry> keys;

  const ContextEntry* find(std::string_view key) const;  // case-insensitive, or nullptr
  void set(std::string_view key, std::string_view value);           // replaces
  void set(std::string_view key, std::vector<std::string> values);  // replaces (multivalued)
  void erase(std::string_view key);
};

// Builds the context AWS would evaluate: aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:username (users), aws:PrincipalIsAWSService +
// aws:PrincipalServiceName (services), sts:ExternalId, sts:RoleSessionName,
// sts:SourceIdentity, aws:RequestTag/K, aws:TagKeys, sts:TransitiveTagKeys,
// aws:MultiFactorAuthPresent (only when an MFA serial + code are sent: long-term keys
// carry no MFA key). Nothing is invented: aws:CurrentTime, aws:SourceIp, aws:PrincipalOrgID,
// OIDC/SAML claims ... are added with set().
RequestContext make_request_context(std::string_view caller_arn, std::string_view role_arn,
                                    const CallParameters& call = {});

// What a parsed caller (caller.hpp) sends: external id (sent when the field is written, even
// empty), session name, source identity, tags, MFA serial + code, duration, and the action from
// its operation ("AssumeRoleWithWebIdentity" -> "sts:AssumeRoleWithWebIdentity").
CallParameters call_parameters(const CallerConfig& caller);
// make_request_context(caller_arn, caller.role_arn, call_parameters(caller)).
RequestContext make_request_context(std::string_view caller_arn, const CallerConfig& caller);

// The caller's own policies. `evaluated = false` means "not known": the caller side is then
// assumed to allow, and SimulationResult::caller_evaluated says so.
struct CallerPolicies {
  bool evaluated = false;
  std::vector<TrustPolicy> identity;          // identity policies (user/role/group)
  std::vector<TrustPolicy> scps;              // SCPs at one level; if any, one must Allow
  std::vector<TrustPolicy> permissions_boundary;  // 0 or 1 (a vector for Embind)
};

struct SimulationInput {
  TrustPolicy trust_policy;
  CallerPolicies caller_policies;
};

// Which policy a reason belongs to.
inline constexpr const char* kPolicyTrust = "trust";
inline constexpr const char* kPolicyIdentity = "identity";
inline constexpr const char* kPolicyScp = "scp";
inline constexpr const char* kPolicyBoundary = "permissions-boundary";

// One condition (operator + key) of one statement, evaluated.
struct ConditionOutcome {
  std::string op;                          // as written, e.g. "StringEqualsIfExists"
  std::string key;                         // as written
  std::vector<std::string> policy_values;  // after policy-variable substitution
  std::vector<std::string> request_values; // what the request carried for the key
  bool key_present = false;
  bool matched = false;
  std::string message;  // why it (did not) match: "sts:ExternalId is not in the request"
  std::string satisfy;  // what would make it true: "send sts:ExternalId = acme-prod-pipeline-x7f2";
                        // "" when matched or when nothing a caller sends can (e.g. unknown operator)
  std::string pointer;  // JSON pointer of the key's value in the policy
  SourceLocation location;
};

// One statement of one policy, evaluated against the request.
struct StatementReason {
  std::string policy;           // kPolicyTrust | kPolicyIdentity | kPolicyScp | kPolicyBoundary
  std::size_t policy_index = 0; // which identity policy / SCP (0 for trust and boundary)
  std::size_t statement = 0;    // index in Statement[]
  std::string sid;
  std::string effect;           // "Allow" | "Deny" (anything else never applies)
  std::string action;           // the action this evaluation was for (extra checks differ)
  bool matched = false;         // principal, action, resource and every condition matched
  // First element that failed: "" (matched) | "effect" | "principal" | "action" |
  // "resource" | "condition".
  std::string failed_element;
  // How the principal matched: "" | "wildcard" | "account" | "role" (session of a trusted
  // role) | "exact" | "service" | "federated" | "not-principal" | "none" (identity policies).
  std::string principal_match;
  std::vector<ConditionOutcome> conditions;  // every condition evaluated, in source order
  std::string message;          // one sentence: "Statement 0 (Allow) does not apply: ..."
  std::string satisfy;          // what would make this Allow statement apply, or ""
  std::string pointer;          // of the statement
  SourceLocation location;
};

// sts:TagSession / sts:SetSourceIdentity, evaluated when the call passes tags / a source
// identity.
struct ExtraCheck {
  std::string action;
  Decision decision = Decision::ImplicitlyDenied;
};

struct SimulationError {
  std::string input;    // "policy" | "identity-policy" | "scp" | "permissions-boundary" | "principal" | "context"
  std::size_t index = 0;
  std::string code;
  std::string message;
  SourceLocation location;
};

struct SimulationResult {
  Decision decision = Decision::ImplicitlyDenied;
  // The trust policy alone (for the main action), and how it granted.
  Decision trust_decision = Decision::ImplicitlyDenied;
  std::string trust_grant;      // "" | "direct" (named the caller, a role of its session,
                                // a service or IdP) | "account" (via the account) | "wildcard"
  // The caller's identity policies ∩ SCPs ∩ boundary for the main action.
  Decision caller_decision = Decision::Allowed;
  bool caller_evaluated = false;   // false: caller policies unknown, assumed to allow
  bool caller_side_required = false;  // cross-account, or same account with an account grant
  bool same_account = false;
  bool root_caller = false;
  // Which rule decided: "trust-policy" | "identity-policy" | "scp" | "permissions-boundary" |
  // "tag-session" | "set-source-identity" | "root-caller" | "input".
  std::string decided_by;
  std::string summary;          // one sentence for the user
  std::vector<StatementReason> reasons;  // trust statements first, then caller side, then extras
  std::vector<ExtraCheck> extra_checks;
  // Structural problems for which IAM refuses to store the trust policy (e.g. a Resource
  // element): the decision is still computed as if the policy were stored.
  std::vector<std::string> policy_problems;
  std::vector<SimulationError> errors;   // non-empty: inputs could not be read
  bool ok() const { return errors.empty(); }
};

SimulationResult simulate(const SimulationInput& input, const RequestContext& request);

// Everything as text, as the CLI and the page have it. Policies are parsed with
// parse_trust_policy(); parse errors go to SimulationResult::errors.
struct SimulateTextRequest {
  std::string policy;                         // trust policy (any shape parse_trust_policy takes)
  std::string principal;                      // caller principal ARN / service / IdP
  std::string action;                         // "" = default for the principal kind
  std::string role_arn;                       // "" = from get-role output, else unknown account
  std::vector<std::string> identity_policies;
  std::vector<std::string> scps;
  std::string permissions_boundary;           // "" = none
  bool caller_policies_known = false;         // also true when any caller policy text is given
  CallParameters call;
  std::vector<ContextEntry> context;          // explicit keys, override derived ones
};
SimulationResult simulate_text(const SimulateTextRequest& request);

// Condition machinery, exposed for lint/diagnose and tests: evaluates one condition against
// the context (variables resolved from the same context).
ConditionOutcome evaluate_condition(const Condition& condition, const RequestContext& request);

// Matching helpers shared with lint.
bool wildcard_match(std::string_view pattern, std::string_view text, bool case_insensitive = false);
bool arn_like(std::string_view pattern, std::string_view arn);

}  // namespace stackengine
