// stackengine/policy.hpp — a role trust policy in AWS's own vocabulary.
//
//   stackengine::PolicyParseResult r = stackengine::parse_trust_policy(pasted);
//   if (!r.ok()) show(r.errors.front());             // located: line:column + pointer
//   const stackengine::TrustPolicy& p = r.policy;
//   for (const stackengine::Statement& s : p.statements)
//     if (s.effect == "Allow" && s.principal.present) ...
//
// parse_trust_policy() accepts what users paste: the policy itself (object, or a JSON
// string containing it), `aws iam get-role` output (Role.AssumeRolePolicyDocument,
// possibly URL-encoded), a CloudFormation template's AWS::IAM::Role (JSON or YAML),
// and Terraform plan JSON (resource_changes[].change.after.assume_role_policy). It
// keeps every element's JSON pointer and line:column in the text the user pasted.
//
// The model keeps what was written (including invalid forms) so that lint can say
// what is wrong; evaluation (simulate.hpp) and fixes (policy_fix.hpp) read it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stackengine/json.hpp"
#include "stackengine/text.hpp"

namespace stackengine {

// A policy element that may be a string or a list of strings ("Action": "sts:AssumeRole"
// or ["sts:AssumeRole", "sts:TagSession"]). Non-string members are kept as their JSON
// text with `valid = false` so lint can report them.
struct StringList {
  bool present = false;
  bool was_list = false;
  std::vector<std::string> values;
  std::vector<SourceLocation> locations;  // one per value
  std::vector<std::string> pointers;      // one per value
  std::vector<bool> value_valid;          // one per value: false for a non-string member
  bool valid = true;
  std::string pointer;
  SourceLocation location;
};

// Principal / NotPrincipal. Either the string "*" or a map of principal types.
struct PrincipalEntry {
  std::string type;  // "AWS" | "Service" | "Federated" | "CanonicalUser" | anything else written
  StringList values;
};
struct Principal {
  bool present = false;
  bool wildcard_string = false;         // "Principal": "*"
  std::vector<PrincipalEntry> entries;  // source order; a type may repeat (duplicate key)
  std::string pointer;
  SourceLocation location;
  // All values of one type (case-sensitive type name, as IAM requires).
  std::vector<std::string> values_of(std::string_view type) const;
};

// "StringEqualsIfExists", "ForAnyValue:StringLike", ... split into its parts.
struct ConditionOperator {
  std::string written;      // exactly as in the policy
  std::string set_qualifier;  // "" | "ForAllValues" | "ForAnyValue"
  std::string base;         // "StringEquals", "ArnLike", "Null", "Bool", ... (as written, minus parts)
  bool if_exists = false;
  bool known = false;       // base is an operator IAM defines
};

// One key under one operator: {"StringEquals": {"sts:ExternalId": ["a", "b"]}}.
struct Condition {
  ConditionOperator op;
  std::string key;          // as written; compare case-insensitively
  StringList values;        // bools and numbers are kept as their literal text
  std::string pointer;      // of the key's value, e.g. /Statement/0/Condition/StringEquals/sts:ExternalId
  SourceLocation location;  // of the key
};

struct ConditionBlock {
  bool present = false;
  std::vector<Condition> conditions;  // flattened, source order; duplicates kept
  std::vector<std::string> empty_operators;  // operators whose object is {} (or not an object)
  std::string pointer;
  SourceLocation location;
};

struct Statement {
  std::size_t index = 0;  // position in Statement[]
  std::string sid;
  bool has_sid = false;
  std::string effect;     // as written ("Allow", "Deny", or anything invalid)
  Principal principal;
  Principal not_principal;
  StringList action;
  StringList not_action;
  StringList resource;
  StringList not_resource;
  ConditionBlock condition;
  std::string pointer;    // "/Statement/0", or "/Statement" for a single-object Statement
  SourceLocation location;
};

// Where the policy came from inside what the user pasted.
enum class PolicySource {
  PolicyDocument,        // the policy JSON itself
  JsonString,            // a JSON string whose content is the policy
  GetRoleOutput,         // aws iam get-role: Role.AssumeRolePolicyDocument
  CloudFormationJson,    // AWS::IAM::Role Properties.AssumeRolePolicyDocument
  CloudFormationYaml,
  TerraformPlan,         // resource_changes[].change.after.assume_role_policy
};

struct TrustPolicy {
  std::string version;     // "" when absent
  bool has_version = false;
  std::string id;
  bool statement_was_object = false;
  std::vector<Statement> statements;
  PolicySource source = PolicySource::PolicyDocument;
  std::string role_arn;    // from get-role output or a Terraform plan's `arn`, when known
  std::string name;        // RoleName, CloudFormation logical id or Terraform address, when known
  std::string pointer;     // of the policy object within the pasted document; every pointer
                           // inside the model (statements, conditions) is relative to the
                           // policy document itself, e.g. "/Statement/0/Condition"
  std::string canonical_json;  // the policy document alone, as parsed (input to renderers)
};

struct PolicyError {
  std::string code;        // TRUST_MALFORMED_JSON | POLICY_NOT_FOUND | INPUT_INVALID_UTF8 | ...
  std::string message;     // a plain sentence
  SourceLocation location;
  std::string pointer;
};

struct PolicyParseResult {
  TrustPolicy policy;
  std::vector<PolicyError> errors;            // non-empty: `policy` is unusable
  std::vector<json::DuplicateKey> duplicates; // reported by lint as TRUST_DUPLICATE_JSON_KEY
  // Several roles in one template/plan: each policy found, in document order.
  std::vector<TrustPolicy> all;
  bool ok() const { return errors.empty(); }
};

PolicyParseResult parse_trust_policy(std::string_view text);

// Operator names IAM defines, and helpers shared by lint, simulate and fix.
bool is_known_condition_operator(std::string_view base);
ConditionOperator split_condition_operator(std::string_view written);

}  // namespace stackengine
