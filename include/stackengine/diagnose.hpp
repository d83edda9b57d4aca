// stackengine/diagnose.hpp — why STS said no, ranked, with the evidence and the fix.
//
//   auto error  = stackengine::parse_aws_error(error_text);      // aws_error.hpp
//   auto policy = stackengine::parse_trust_policy(policy_text);  // policy.hpp
//   auto caller = stackengine::parse_caller(command_text);       // caller.hpp
//   stackengine::DiagnoseRequest req;
//   req.error = &error.error;
//   req.policy = &policy;
//   req.caller = caller.caller();          // the primary caller, or nullptr
//   stackengine::Diagnosis d = stackengine::diagnose(req);
//   d.causes.front().id;                   // "CAUSE_EXTERNAL_ID_MISSING"
//   d.causes.front().evidence;             // statement 0's sts:ExternalId condition (policy,
//                                          // line:column), the command (caller), the error
//   d.caller_fix.external_id;              // "acme-prod-pipeline-x7f2": fix_caller() applies it
//
// Every input is optional. With an error alone, diagnose() enumerates the causes that
// error text allows, ranked by what it shows (the classic "User: X is not authorized to
// perform: sts:AssumeRole on resource: R" is identical for a missing ExternalId, an
// untrusted principal, a failed condition, the caller's own identity policy, an SCP or a
// role that does not exist — AWS-TRUST-SEMANTICS.md §1.6). With the trust policy and the
// caller it runs the simulator (simulate.hpp) and names the statement, the condition and
// the caller field that decided. When the inputs cannot decide (e.g. the caller's identity
// policy, which nobody pasted), the explanation says what to check to tell them apart.
//
// Cause ids are stable and never reused for another meaning:
//   CAUSE_EXTERNAL_ID_MISSING      the trust policy requires sts:ExternalId, the caller sends none
//   CAUSE_EXTERNAL_ID_MISMATCH     the caller sends a different ExternalId
//   CAUSE_PRINCIPAL_NOT_TRUSTED    no Allow statement names the caller (or not for this action)
//   CAUSE_CONDITION_NOT_MET        another condition fails (session name, tags, source IP, org, ...)
//   CAUSE_EXPLICIT_DENY            a Deny statement applies (trust policy, SCP, boundary, identity)
//   CAUSE_CALLER_POLICY_MISSING    the caller's own policies do not allow sts:AssumeRole on the role
//   CAUSE_ROLE_ARN_WRONG           the role ARN is malformed, not a role, or not the role meant
//   CAUSE_ROOT_CALLER              root user credentials: STS refuses them before any policy
//   CAUSE_OIDC_SUB_MISMATCH        the token's sub claim does not match the trust condition
//   CAUSE_OIDC_AUD_MISMATCH        the token's aud is not the provider's client id / the condition
//   CAUSE_OIDC_PROVIDER_MISSING    no IAM OIDC provider for the issuer (or its thumbprint/keys fail)
//   CAUSE_SAML_AUD_MISMATCH        SAML:aud (or the SAML provider) does not match
//   CAUSE_TAG_SESSION_NOT_ALLOWED  session tags sent, the trust policy lacks sts:TagSession
//   CAUSE_SOURCE_IDENTITY_NOT_ALLOWED  source identity sent, no sts:SetSourceIdentity
//   CAUSE_MFA_REQUIRED             an MFA condition fails, or the MFA code/serial was refused
//   CAUSE_DURATION_TOO_LONG        DurationSeconds above the role's MaxSessionDuration / 1 h chaining
//   CAUSE_PARAMETER_INVALID        a parameter STS refuses (ExternalId charset, session name length, ...)
//   CAUSE_CREDENTIALS_INVALID      the calling credentials are not valid (key, session token, signature)
//   CAUSE_CREDENTIALS_EXPIRED      the calling credentials (or web identity token) have expired
//   CAUSE_POLICY_MALFORMED         IAM refuses the trust policy (Resource element, invalid principal, JSON)
//
// Never throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stackengine/aws_error.hpp"
#include "stackengine/caller.hpp"
#include "stackengine/policy.hpp"
#include "stackengine/simulate.hpp"
#include "stackengine/text.hpp"

namespace stackengine {

inline constexpr const char* kCauseExternalIdMissing = "CAUSE_EXTERNAL_ID_MISSING";
inline constexpr const char* kCauseExternalIdMismatch = "CAUSE_EXTERNAL_ID_MISMATCH";
inline constexpr const char* kCausePrincipalNotTrusted = "CAUSE_PRINCIPAL_NOT_TRUSTED";
inline constexpr const char* kCauseConditionNotMet = "CAUSE_CONDITION_NOT_MET";
inline constexpr const char* kCauseExplicitDeny = "CAUSE_EXPLICIT_DENY";
inline constexpr const char* kCauseCallerPolicyMissing = "CAUSE_CALLER_POLICY_MISSING";
inline constexpr const char* kCauseRoleArnWrong = "CAUSE_ROLE_ARN_WRONG";
inline constexpr const char* kCauseRootCaller = "CAUSE_ROOT_CALLER";
inline constexpr const char* kCauseOidcSubMismatch = "CAUSE_OIDC_SUB_MISMATCH";
inline constexpr const char* kCauseOidcAudMismatch = "CAUSE_OIDC_AUD_MISMATCH";
inline constexpr const char* kCauseOidcProviderMissing = "CAUSE_OIDC_PROVIDER_MISSING";
inline constexpr const char* kCauseSamlAudMismatch = "CAUSE_SAML_AUD_MISMATCH";
inline constexpr const char* kCauseTagSessionNotAllowed = "CAUSE_TAG_SESSION_NOT_ALLOWED";
inline constexpr const char* kCauseSourceIdentityNotAllowed = "CAUSE_SOURCE_IDENTITY_NOT_ALLOWED";
inline constexpr const char* kCauseMfaRequired = "CAUSE_MFA_REQUIRED";
inline constexpr const char* kCauseDurationTooLong = "CAUSE_DURATION_TOO_LONG";
inline constexpr const char* kCauseParameterInvalid = "CAUSE_PARAMETER_INVALID";
inline constexpr const char* kCauseCredentialsInvalid = "CAUSE_CREDENTIALS_INVALID";
inline constexpr const char* kCauseCredentialsExpired = "CAUSE_CREDENTIALS_EXPIRED";
inline constexpr const char* kCausePolicyMalformed = "CAUSE_POLICY_MALFORMED";

std::vector<std::string> all_cause_ids();

// Which input something refers to.
inline constexpr const char* kInputPolicy = "policy";
inline constexpr const char* kInputCaller = "caller";
inline constexpr const char* kInputError = "error";

// One piece of evidence behind a cause: a place in one of the inputs.
struct Evidence {
  std::string input;        // "policy" | "caller" | "error"
  std::string pointer;      // JSON pointer (policy), field id (caller: "external_id"), or
                            // error field ("caller", "resource", "code", ...); may be ""
  SourceLocation location;
  std::string text;         // a sentence: "Statement 0 requires sts:ExternalId = ..." (no secrets)
};

struct Cause {
  std::string id;           // CAUSE_EXTERNAL_ID_MISSING, CAUSE_PRINCIPAL_NOT_TRUSTED, ...
  double confidence = 0;    // 0..1; causes are sorted by it, highest first
  std::string title;        // short
  std::string explanation;  // why this explains the error, and what to check to confirm
  std::vector<Evidence> evidence;
  std::string fix;          // what the fix does ("Add --external-id ... to the command")
};

// A change to the trust policy that widens who or what it admits: the user asked for
// this caller to get in, so diagnose() proposes it; policy_fix.hpp never widens.
struct PolicyEdit {
  std::string kind;         // "add-principal" | "add-action"
  int statement = -1;       // index in Statement[]
  std::string principal_type;  // add-principal: "AWS" | "Federated" | ...
  std::string value;        // the principal ARN, or the action ("sts:TagSession")
  std::string description;  // one sentence
};

struct DiagnoseRequest {
  const AwsError* error = nullptr;             // parse_aws_error(...).error, or nullptr
  const PolicyParseResult* policy = nullptr;   // parse_trust_policy(...), or nullptr
  const CallerConfig* caller = nullptr;        // parse_caller(...).caller(), or nullptr
  std::string role_arn;     // else the caller's role_arn, the error's resource, the policy's role
  std::string caller_arn;   // else the error's "User: ..." ARN
  std::string external_id;  // the ExternalId fixes should use where the policy names none
                            // (a policy that requires one value gets that value)
};

struct Diagnosis {
  std::vector<Cause> causes;          // sorted by confidence, highest first
  std::string role_arn;               // what was resolved and used
  std::string caller_arn;
  bool simulated = false;             // the simulator ran (policy + caller principal known)
  SimulationResult simulation;        // valid when `simulated`
  std::string decision;               // decision_name(simulation.decision), or "" when not simulated
  // What the fixes should do. analyze() applies them with fix_caller() / fix_trust_policy().
  CallerFixRequest caller_fix;        // empty fields: leave as is
  std::vector<std::string> caller_fix_reasons;  // one sentence per field set
  std::vector<PolicyEdit> policy_edits;
  std::string external_id;            // the ExternalId fixes use ("" = let the fixer generate)
};

Diagnosis diagnose(const DiagnoseRequest& request);

// Applies `edits` to a policy document (JSON text, e.g. TrustPolicy::canonical_json) and
// returns the edited JSON, or "" when the text is not a policy object. Adding a value
// that is already there changes nothing.
std::string apply_policy_edits(std::string_view policy_json, const std::vector<PolicyEdit>& edits);

}  // namespace stackengine
