// Every real-world policy in ../shared/corpus/real-world/policies parses (or yields a
// located error) and lints; the ids found are pinned per file below and compared with
// the curator's EXPECTED.md judgement, with the reason wherever we differ.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "stackengine/lint.hpp"

using namespace stackengine;

namespace {

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Expectation {
  std::string error;               // parse error code, or "" when the policy parses
  std::set<std::string> ids;       // exactly the finding ids lint reports (no --role-arn)
  std::string note;                // agreement with EXPECTED.md, or why we differ
};

const char* kHcl = "Terraform HCL is not evaluated (only `terraform show -json` plans); EXPECTED judges the "
                   "rendered policy, which needs HCL evaluation: not covered";
const char* kFragment = "fragment without enclosing braces: EXPECTED asks for a graceful 'not a policy' error";

std::map<std::string, Expectation> table() {
  std::map<std::string, Expectation> t;
  for (const char* f : {"alphagov-govuk-infrastructure_ecr_gha-iam-role.tf", "alphagov-govuk-infrastructure_mirror.tf.after-fix.tf",
                        "alphagov-govuk-infrastructure_mirror.tf.before-fix-duplicate-StringEquals.tf",
                        "alphagov-govuk-infrastructure_security_iam_service_roles_fastly.tf", "bridgecrew-read-only_iam_bridgecrew_role.tf",
                        "crowdstrike-cloud-registration-modules_agentless-scanning-roles_main.tf",
                        "crowdstrike-cloud-registration-modules_asset-inventory_main.tf",
                        "crowdstrike-cloud-registration-modules_realtime-visibility_main.tf",
                        "crowdstrike-cspm-registration-modules_provision_main.tf", "flaconi-newrelic-integration_data.tf",
                        "newrelic-provider-examples_modules_cloud-integrations_aws_main.tf",
                        "nextgenhealthcare-sumologic-provider-examples_aws-cloudtrail-source_aws_iam.tf",
                        "prowler-permissions_templates_terraform_main.tf", "snowflake-labs-storage-integration-aws_iam.tf",
                        "stratus-red-team-ec2-get-password-data_main.tf", "stratus-red-team-rolesanywhere-create-trust-anchor_main.tf",
                        "tfmod-iam-v5_examples_iam-assumable-role-with-oidc_main.tf", "tfmod-iam-v5_examples_iam-assumable-role-with-saml_main.tf",
                        "tfmod-iam-v5_examples_iam-assumable-role_main.tf", "tfmod-iam-v5_examples_iam-github-oidc_main.tf",
                        "tfmod-iam-v5_modules_iam-assumable-role_main.tf", "tfmod-iam-v5_modules_iam-github-oidc-role_main.tf",
                        "tfmod-iam-v6_examples_iam-role_main.tf", "tfmod-iam-v6_modules_iam-role-for-service-accounts_main.tf",
                        "tfmod-iam-v6_modules_iam-role_main.tf"})
    t[f] = {"POLICY_TERRAFORM_HCL", {}, kHcl};
  for (const char* f : {"awsdocs-externalid_placeholder.fragment.json", "awsdocs-principal-account-ids-list.fragment.json",
                        "awsdocs-principal-aws-star.fragment.json", "awsdocs-time-window.fragment.json",
                        "issue-aws-cdk-github-oidc-42_custom-issuer-path-condition.fragment.json",
                        "issue-crossplane-5578_irsa-stringequals-with-wildcard.fragment.json",
                        "issue-terraform-aws-github-oidc-provider-87_sub-without-aud.fragment.json",
                        "issue-terraform-aws-oidc-github-21_missing-aud-org-wildcard.fragment.json"})
    t[f] = {"POLICY_FRAGMENT", {}, kFragment};
  t["issue-cert-manager-2147_irsa-statement-sub-no-aud.fragment.json"] = {"POLICY_NOT_FOUND", {}, "a single statement object: reported as such (EXPECTED: fragment)"};
  t["pr-configure-aws-credentials-1939_owner-wildcard-sub.fragment.json5"] = {"POLICY_YAML_SYNTAX", {}, "JSON5 (comment line) is neither JSON nor YAML: located error; EXPECTED HIGH wildcard not judged"};
  t["aws-cdk-cli_bootstrap-template.yaml"] = {"", {"TRUST_VERSION_MISSING", "TRUST_SERVICE_NO_SOURCE"}, "agrees: informational; TrustedAccounts has no default, so cross-account trust is unknown"};
  t["awsdocs-confused-deputy_external-id.json"] = {"", {"TRUST_INVALID_PRINCIPAL_FORMAT"}, "agrees: principal is a placeholder"};
  t["awsdocs-confused-deputy_ssm-incidents-sourcearn.json"] = {"", {}, "agrees: ok"};
  t["awsdocs-mfa_account-root.json"] = {"", {}, "agrees: MFA condition protects the account principal"};
  t["awsdocs-mfa_cross-account-placeholder.json"] = {"", {"TRUST_INVALID_PRINCIPAL_FORMAT"}, "agrees: placeholder, not 12 digits"};
  for (const char* f : {"awsdocs-oidc_cognito-unauthenticated.json", "awsdocs-oidc_github-actions.json", "awsdocs-oidc_google-azp-oaud.json",
                        "awsdocs-oidc_login-with-amazon.json", "awsdocs-saml_abac-tagsession.json", "awsdocs-saml_basic-aud.json",
                        "awsdocs-saml_feide-affiliation.json", "awsdocs-service_ec2-no-condition.json",
                        "awsdocs-session-tags_externalid-tagsession.json", "awsdocs-sourceidentity_saml-two-statements.json",
                        "configure-aws-credentials-readme_oidc-trust-immutable-sub.json", "datadog-aws_datadog_integration_role.yaml",
                        "datadog-aws_quickstart_datadog_integration_role.yaml",
                        "prowler-permissions_templates_cloudformation_prowler-scan-role.yml",
                        "sumologic-integrations-aws_cloudtrail_templates_sumologic_assume_role.tmpl.json"})
    t[f] = {"", {}, "agrees: ok"};
  t["awsdocs-rolesessionname-username.json"] = {"", {"TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"}, "agrees: 'flag if external' -> reported as possibly external without --role-arn"};
  t["awsdocs-sourceidentity_devuser.json"] = {"", {"TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"}, "EXPECTED ok; we report low 'possibly external' because the role's account is unknown"};
  t["awsdocs-sourceidentity_role-chaining.json"] = {"", {"TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"}, "EXPECTED ok; low 'possibly external' (role's account unknown)"};
  t["awsdocs-sourceidentity_oidc-generic.json"] = {"", {}, "EXPECTED warn (generic OIDC without :sub): no finding id covers non-GitHub sub; not reported"};
  t["awsdocs-sourceidentity_principal-leading-space.json"] = {"", {"TRUST_INVALID_PRINCIPAL_FORMAT"}, "agrees: INVALID"};
  t["configure-aws-credentials-examples_github-actions-oidc-federation-and-role.yml"] = {"", {"TRUST_OIDC_GITHUB_SUB_WILDCARD", "TRUST_OIDC_NO_AUD", "TRUST_VERSION_MISSING"}, "agrees: HIGH (parameter defaults '*' applied)"};
  t["datadog-aws_quickstart_datadog_agent_resource_update_forwarding.yaml"] = {"", {"TRUST_SERVICE_NO_SOURCE"}, "agrees: cross-region role warn"};
  t["datadog-aws_quickstart_datadog_agentless_delegate_role.yaml"] = {"", {"TRUST_PRINCIPAL_WILDCARD_CONDITIONED"}, "agrees: conditioned '*' is informational"};
  t["issue-aws-sdk-net-744_identity-policy-posted-as-role-policy.json"] = {"", {"TRUST_INVALID_PRINCIPAL_FORMAT", "TRUST_NON_STS_ACTION", "TRUST_RESOURCE_ELEMENT"}, "agrees: not a trust policy"};
  t["issue-configure-aws-credentials-306_actor-and-aud-no-sub.json"] = {"", {"TRUST_OIDC_GITHUB_NO_SUB"}, "agrees: HIGH"};
  t["issue-configure-aws-credentials-318_forallvalues-org-wildcard-no-aud.json"] = {"", {"TRUST_FORALLVALUES_SINGLE_VALUED", "TRUST_OIDC_GITHUB_SUB_WILDCARD", "TRUST_OIDC_NO_AUD"}, "agrees: HIGH"};
  t["issue-configure-aws-credentials-775_trust-repo-wildcard-any-ref.json"] = {"", {"TRUST_OIDC_GITHUB_SUB_WILDCARD"}, "agrees: medium"};
  t["issue-stratus-red-team-174_same-account-root-no-condition.json"] = {"", {"TRUST_INVALID_PRINCIPAL_FORMAT"}, "EXPECTED info; the principal is the placeholder <MY_ACCOUNT_ID>, which IAM rejects"};
  t["lyft-metadataproxy-readme_container-role-trust.json"] = {"", {"TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"}, "agrees: account-wide trust (possibly external)"};
  t["prowler-permissions_create_role_to_assume_cfn.yaml"] = {"", {}, "EXPECTED medium; the principal is a parameter without a default, so its account is unknown"};
  t["stratus-red-team-iam-backdoor-role_malicious_policy.json"] = {"", {"TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"}, "agrees (high; EXPECTED says CRITICAL)"};
  t["stratus-red-team-iam-create-backdoor-role_malicious_trust_policy.json"] = {"", {"TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID"}, "agrees (high; EXPECTED says CRITICAL)"};
  t["sumologic-integrations-aws_kinesisfirehoseforlogs_templates_firehose_assume_role.tmpl.json"] = {"", {"TRUST_SERVICE_NO_SOURCE"}, "agrees: prefer aws:SourceAccount"};
  return t;
}

}  // namespace

TEST_CASE("lint corpus: every real-world policy parses or gives a located error; ids match the pinned table") {
  const auto dir = shared_dir() / "corpus" / "real-world" / "policies";
  if (!std::filesystem::exists(dir)) {
    MESSAGE("skipped: ../shared/corpus/real-world/policies not found (set STACKENGINE_SHARED)");
    return;
  }
  const std::string expected_md = read(dir.parent_path() / "EXPECTED.md");
  const auto t = table();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    ++files;
    CHECK_MESSAGE(expected_md.find("`" + name + "`") != std::string::npos, "file missing from EXPECTED.md");
    const PolicyParseResult parsed = parse_trust_policy(read(entry.path()));
    const LintResult r = lint(parsed);
    for (const auto& e : r.errors) {
      CHECK(e.location.line >= 1);
      CHECK_FALSE(e.message.empty());
    }
    const auto it = t.find(name);
    REQUIRE_MESSAGE(it != t.end(), "new corpus file: add its expectation (and EXPECTED.md agreement) to the table");
    const Expectation& x = it->second;
    CAPTURE(x.note);
    if (!x.error.empty()) {
      REQUIRE_FALSE(parsed.ok());
      CHECK(parsed.errors.front().code == x.error);
      continue;
    }
    REQUIRE(parsed.ok());
    std::set<std::string> ids;
    for (const auto& f : r.findings) {
      ids.insert(f.id);
      CHECK(f.location.line >= 1);
    }
    CHECK(ids == x.ids);
  }
  CHECK(files == t.size());
}
