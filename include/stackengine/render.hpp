// stackengine/render.hpp — a trust policy as the text users paste back: canonical
// JSON, Terraform, CloudFormation, and a unified diff between two versions.
//
//   stackengine::RenderResult j = stackengine::render_policy(policy_json, stackengine::PolicyFormat::Json);
//   if (!j.ok()) show(j.error);                           // input was not a JSON object
//   std::cout << j.text;                                 // {"Version": ..., "Statement": [...]}
//   stackengine::RenderOptions o;
//   o.name = "assume_role";                               // Terraform data source / CFN resource name
//   std::cout << stackengine::render_policy(policy_json, stackengine::PolicyFormat::TerraformDocument, o).text;
//   std::cout << stackengine::unified_diff(before, after, "original", "fixed");
//
// Input is the policy document as JSON text (TrustPolicy::canonical_json, or
// FixResult::policy_json). Output is stable and byte-exact for the same input:
//   * Json: AWS's key order — Version, Id, Statement; in a statement Sid, Effect,
//     Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition;
//     any other key after those in the order written. Condition operators, keys and
//     principal types keep the order written. 2-space indent, "key": value, "\n" at
//     the end; non-ASCII is written as UTF-8, control characters as \u00XX, and invalid
//     UTF-8 bytes become U+FFFD instead of aborting.
//   * TerraformDocument: data "aws_iam_policy_document" "<name>" { statement { ... } }
//     with principals { type identifiers } and condition { test variable values }
//     blocks (not_principals, not_actions likewise). `${` and `%{` in values are
//     escaped as `$${` / `%%{` so Terraform does not interpolate them.
//   * TerraformJsonencode: assume_role_policy = jsonencode({ ... }) in HCL syntax.
//   * CloudFormationYaml / CloudFormationJson: an AssumeRolePolicyDocument property
//     (YAML: every string single-quoted when it needs it; JSON: a one-key object).
// Never throws.
#pragma once

#include <string>
#include <string_view>

namespace stackengine {

enum class PolicyFormat {
  Json,
  TerraformDocument,
  TerraformJsonencode,
  CloudFormationYaml,
  CloudFormationJson,
};

// "json" | "terraform" | "terraform-jsonencode" | "cloudformation" (YAML) |
// "cloudformation-yaml" | "cloudformation-json". False for anything else.
bool parse_policy_format(std::string_view name, PolicyFormat& out);

struct RenderOptions {
  std::string name = "assume_role";  // Terraform data source label
};

struct RenderResult {
  std::string text;
  std::string error;  // "" on success; a sentence when the input is not a JSON object
  bool ok() const { return error.empty(); }
};

RenderResult render_policy(std::string_view policy_json, PolicyFormat format,
                           const RenderOptions& options = {});

// Canonical JSON of any JSON text (the Json format above). "" when it does not parse.
std::string canonical_policy_json(std::string_view policy_json);

// A unified diff (as `diff -u`, with `context` lines around each change and
// "@@ -a,b +c,d @@" hunk headers) from `before` to `after`, compared line by line with
// Myers' O(ND) algorithm. "" when the texts are equal. A missing final newline is
// marked "\ No newline at end of file".
std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_name = "original",
                         std::string_view after_name = "fixed", int context = 3);

}  // namespace stackengine
