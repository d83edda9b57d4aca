// Bindings only: policy_fix.hpp and render.hpp as JS. No logic here.
//
//   const o = new se.FixOptions();
//   o.roleArn = 'arn:aws:iam::222222222222:role/Target';
//   o.addExternalId('111111111111', 'id-for-111');   // or ('', 'one-id') for every account
//   const r = se.fixTrustPolicy(text, o);            // FixResult: policyJson, applied, findingsAfter, ...
//   se.renderPolicy(r.policyJson, se.PolicyFormat.TerraformDocument, { name: 'assume_role' }).text;
//   se.unifiedDiff(r.originalJson, r.policyJson, 'original', 'fixed', 3);
//   o.delete(); r.applied.delete(); ...                // vectors and classes are handles
#include <emscripten/bind.h>

#include "stackengine/policy_fix.hpp"
#include "stackengine/render.hpp"

using namespace emscripten;
using namespace stackengine;

namespace {
FixResult fix_text(const std::string& text, const FixOptions& options) {
  return fix_trust_policy(std::string_view(text), options);
}
void add_external_id(FixOptions& o, const std::string& account, const std::string& value) {
  o.external_ids.push_back({account, value});
}
std::size_t external_id_count(const FixOptions& o) { return o.external_ids.size(); }
ExternalIdOption parse_external_id(const std::string& text) { return parse_external_id_option(text); }
std::string generate_id(std::size_t length) { return generate_external_id(length); }
bool valid_id(const std::string& value) { return is_valid_external_id(value); }
RenderResult render(const std::string& json, PolicyFormat format, const RenderOptions& options) {
  return render_policy(json, format, options);
}
std::string canonical(const std::string& json) { return canonical_policy_json(json); }
std::string diff(const std::string& a, const std::string& b, const std::string& a_name, const std::string& b_name,
                 int context) {
  return unified_diff(a, b, a_name, b_name, context);
}
}  // namespace

EMSCRIPTEN_BINDINGS(stackengine_policy_fix) {
  value_object<ExternalIdOption>("ExternalIdOption")
      .field("account", &ExternalIdOption::account)
      .field("value", &ExternalIdOption::value);
  class_<FixOptions>("FixOptions")
      .constructor<>()
      .property("roleArn", &FixOptions::role_arn)
      .property("trustedPrincipalArn", &FixOptions::trusted_principal_arn)
      .property("githubRepo", &FixOptions::github_repo)
      .property("samlAudience", &FixOptions::saml_audience)
      .property("sourceAccount", &FixOptions::source_account)
      .property("sourceArn", &FixOptions::source_arn)
      .function("addExternalId", &add_external_id)
      .function("externalIdCount", &external_id_count);
  value_object<AppliedFix>("AppliedFix")
      .field("fix", &AppliedFix::fix)
      .field("statement", &AppliedFix::statement)
      .field("pointer", &AppliedFix::pointer)
      .field("description", &AppliedFix::description);
  register_vector<AppliedFix>("VectorAppliedFix");
  value_object<SkippedFix>("SkippedFix")
      .field("finding", &SkippedFix::finding)
      .field("statement", &SkippedFix::statement)
      .field("reason", &SkippedFix::reason);
  register_vector<SkippedFix>("VectorSkippedFix");
  value_object<FixResult>("FixResult")
      .field("errors", &FixResult::errors)
      .field("changed", &FixResult::changed)
      .field("originalJson", &FixResult::original_json)
      .field("policyJson", &FixResult::policy_json)
      .field("applied", &FixResult::applied)
      .field("notFixed", &FixResult::not_fixed)
      .field("findingsAfter", &FixResult::findings_after)
      .field("generatedExternalId", &FixResult::generated_external_id);
  function("fixTrustPolicy", &fix_text);
  function("parseExternalIdOption", &parse_external_id);
  function("generateExternalId", &generate_id);
  function("isValidExternalId", &valid_id);

  enum_<PolicyFormat>("PolicyFormat")
      .value("Json", PolicyFormat::Json)
      .value("TerraformDocument", PolicyFormat::TerraformDocument)
      .value("TerraformJsonencode", PolicyFormat::TerraformJsonencode)
      .value("CloudFormationYaml", PolicyFormat::CloudFormationYaml)
      .value("CloudFormationJson", PolicyFormat::CloudFormationJson);
  value_object<RenderOptions>("RenderOptions").field("name", &RenderOptions::name);
  value_object<RenderResult>("RenderResult").field("text", &RenderResult::text).field("error", &RenderResult::error);
  function("renderPolicy", &render);
  function("canonicalPolicyJson", &canonical);
  function("unifiedDiff", &diff);
}
