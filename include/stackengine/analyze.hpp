// stackengine/analyze.hpp — one call from what the user pasted to everything the page
// shows: diagnosis, findings, the fixed policy in every format, the fixed caller, and
// redacted copies. The page, the JS package and `stackengine diagnose` call this.
//
//   stackengine::AnalyzeRequest req;
//   req.policy = trust_policy_text;      // any shape parse_trust_policy() accepts, or ""
//   req.caller = cli_command_or_config;  // any shape parse_caller() accepts, or ""
//   req.error  = error_text;             // AWS error as printed by CLI/SDK/Terraform/..., or ""
//   stackengine::AnalyzeResult r = stackengine::analyze(req);
//   r.causes.front().id;                 // e.g. "CAUSE_EXTERNAL_ID_MISSING"
//   r.fixed_caller.text;                 // the command with --external-id "..."
//   r.fixed_policy.json;                 // the policy with the sts:ExternalId condition
//
// Every input is optional; what cannot be parsed is reported in `input_errors` with a
// location and the rest is still analysed. Never throws.
#pragma once

#include <string>
#include <vector>

#include "stackengine/diagnose.hpp"  // Evidence, Cause, kInput*
#include "stackengine/text.hpp"

namespace stackengine {

struct AnalyzeRequest {
  std::string policy;
  std::string caller;
  std::string error;
  std::string role_arn;     // optional; else from the caller, the error or get-role output
  std::string caller_arn;   // optional; else from the error text ("User: arn:...")
  std::string external_id;  // optional; the id to use in fixes (else the policy's, else generated)
  bool redact = true;       // also return redacted copies of the three inputs
};

struct InputError {
  std::string input;        // "policy" | "caller" | "error"
  std::string code;
  std::string message;
  SourceLocation location;
};

// What each paste was recognised as.
struct DetectedInputs {
  std::string policy_kind;  // "policy-json" | "json-string" | "get-role" | "cloudformation-json" |
                            // "cloudformation-yaml" | "terraform-plan" | "empty" | "unknown"
  std::string caller_format;  // "aws-cli" | "aws-config" | "terraform-provider" | "github-actions" |
                              // "boto3" | "js-sdk-v3" | "go-sdk-v2" | "java-sdk-v2" | "empty" | "unknown"
  std::string error_kind;   // "ERR_ASSUME_ROLE_ACCESS_DENIED" | ... | "ERR_UNKNOWN" | "empty"
};

// A trust-policy finding (see lint.hpp), flattened for the page.
struct PolicyFinding {
  std::string id;
  std::string severity;     // "info" | "low" | "medium" | "high" | "critical"
  int statement = -1;
  std::string pointer;
  SourceLocation location;
  std::string message;
  std::string fix;
};

struct FixedPolicy {
  bool changed = false;
  std::string json;                  // canonical JSON, 2-space indent
  std::string terraform;             // data "aws_iam_policy_document" form
  std::string terraform_jsonencode;  // assume_role_policy = jsonencode({...})
  std::string cloudformation_yaml;   // AssumeRolePolicyDocument: (YAML)
  std::string cloudformation_json;
  std::string diff;                  // unified diff, original (canonical) -> fixed
  std::vector<std::string> applied;  // one sentence per change made
  std::vector<PolicyFinding> findings_after;
};

struct FixedCaller {
  bool changed = false;
  std::string format;                // as DetectedInputs::caller_format
  std::string text;                  // the caller in its own format, minimal edits
  std::string diff;                  // unified diff
  std::vector<std::string> applied;
  std::vector<std::string> problems; // values that violate STS limits, explained
};

struct RedactedInputs {
  std::string policy;
  std::string caller;
  std::string error;
  std::size_t replaced = 0;
};

struct AnalyzeResult {
  DetectedInputs detected;
  std::vector<InputError> input_errors;
  std::string decision;              // simulator: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "" (not simulated)
  std::vector<Cause> causes;
  std::vector<PolicyFinding> findings;
  FixedPolicy fixed_policy;
  FixedCaller fixed_caller;
  RedactedInputs redacted;
};

AnalyzeResult analyze(const AnalyzeRequest& request);

}  // namespace stackengine
