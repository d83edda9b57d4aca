// stackengine/lint.hpp — findings on a trust policy, conditions-aware.
//
//   auto parsed = stackengine::parse_trust_policy(text);
//   stackengine::LintOptions o;
//   o.role_arn = "arn:aws:iam::987654321098:role/cross-account-role";  // judges "cross-account"
//   stackengine::LintResult r = stackengine::lint(parsed, o);
//   for (const stackengine::Finding& f : r.findings)
//     std::cout << f.severity << " " << f.id << " " << f.location.line << ": " << f.message;
//
// Finding ids are stable (TRUST_*) and never reused for another meaning; each names
// the fix id (policy_fix.hpp) that resolves it, or "" when no mechanical fix is right.
#pragma once

#include <string>
#include <vector>

#include "stackengine/policy.hpp"

namespace stackengine {

enum class Severity { Info, Low, Medium, High, Critical };
const char* severity_name(Severity s);  // "info" | "low" | "medium" | "high" | "critical"
bool parse_severity(std::string_view name, Severity& out);

struct Finding {
  std::string id;          // e.g. "TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"
  Severity severity = Severity::Info;
  int statement = -1;      // index in Statement[], -1 for the whole policy
  std::string pointer;     // JSON pointer of the offending element
  SourceLocation location; // in the text the user pasted
  std::string message;     // why it matters, one or two sentences; never a secret value
  std::string fix;         // fix id, e.g. "FIX_ADD_EXTERNAL_ID", or ""
};

struct LintOptions {
  std::string role_arn;    // the role's own ARN; its account decides what is cross-account
};

struct LintResult {
  std::vector<Finding> findings;      // sorted by severity (highest first), then location
  std::vector<PolicyError> errors;    // parse errors, passed through
};

LintResult lint(const PolicyParseResult& parsed, const LintOptions& options = {});

}  // namespace stackengine
