// Every real-world caller in ../shared/corpus/real-world/callers parses into the right fields
// (or a located error), renders back byte for byte, and takes a fix that re-parses.
// Expectations follow the curator's notes in ../shared/corpus/real-world/EXPECTED.md.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {

struct Expect {
  const char* format;      // detected format
  const char* error_code;  // "" when it must parse
  std::vector<std::pair<const char*, const char*>> fields;  // of the primary caller
  std::vector<const char*> problems;                       // problem codes that must be reported
  std::size_t callers = 0;                                 // 0: do not check
};

const std::map<std::string, Expect>& expectations() {
  static const std::map<std::string, Expect> table = {
      {"awscli-examples_sts_assume-role-with-saml.cmd.txt",
       {"aws-cli", "", {{"role_arn", "arn:aws:iam::123456789012:role/TestSaml"},
                        {"principal_arn", "arn:aws:iam::123456789012:saml-provider/SAML-test"}}, {}, 1}},
      {"awscli-examples_sts_assume-role-with-web-identity.cmd.txt",
       {"aws-cli", "", {{"role_arn", "arn:aws:iam::123456789012:role/FederatedWebIdentityRole"},
                        {"session_name", "app1"}, {"provider_id", "www.amazon.com"}, {"duration_seconds", "3600"},
                        {"policy_arns", "arn:aws:iam::123456789012:policy/q=webidentitydemopolicy1,arn:aws:iam::123456789012:policy/webidentitydemopolicy2"}},
        {}, 1}},
      {"awscli-examples_sts_assume-role.cmd.txt",
       {"aws-cli", "", {{"role_arn", "arn:aws:iam::123456789012:role/xaccounts3access"},
                        {"session_name", "s3-access-example"}, {"external_id", "<absent>"}}, {}, 1}},
      {"awscli-examples_sts_get-session-token-mfa.cmd.txt",
       {"aws-cli", "", {{"mfa_serial", "YourMFADeviceSerialNumber"}, {"token_code", "123456"}, {"duration_seconds", "900"}},
        {}, 1}},
      {"issue-aws-cli-2279_get-session-token-then-assume-role-aws-cn.cmd.txt",
       {"aws-cli", "", {{"role_arn", "arn:aws-cn:iam::NNNNNNNNNNNNN:role/trust-blizzard-admin"},
                        {"session_name", "aws-long-assume"}},
        {"CALLER_ROLE_ARN_FORMAT"}, 3}},
      {"issue-kubeflow-testing-961_sts-assume-role-as-root.cmd.txt",
       {"aws-cli", "", {{"role_arn", "arn:aws:iam::809251082950:role/infra-viewer"}, {"session_name", "hehe"}}, {}, 1}},
      {"awscli-topics_config-vars_credential-source.ini",
       {"aws-config", "", {{"role_arn", "arn:aws:iam:..."}, {"credential_source", "Ec2InstanceMetadata"}},
        {"CALLER_ROLE_ARN_FORMAT"}, 1}},
      {"awscli-topics_config-vars_source-profile.ini",
       {"aws-config", "", {{"role_arn", "arn:aws:iam:..."}, {"source_profile", "development"}},
        {"CALLER_ROLE_ARN_FORMAT"}, 2}},
      {"awscli-topics_config-vars_web-identity.ini",
       {"aws-config", "", {{"role_arn", "arn:aws:iam:..."}, {"web_identity_token_file", "/path/to/a/token"}},
        {"CALLER_ROLE_ARN_FORMAT"}, 1}},
      {"issue-aws-mfa-56_credentials-long-term-profile.ini",
       {"aws-config", "", {{"role_arn", "<absent>"}, {"aws_access_key_id", ""}}, {}, 2}},
      {"issue-aws-sdk-js-v3-5755_config-and-credentials-external_id-govcloud.ini",
       {"aws-config", "", {{"role_arn", "[MASKED]"}, {"external_id", "[MASKED]"}, {"source_profile", "target"},
                           {"region", "us-gov-east-1"}},
        {"CALLER_ROLE_ARN_FORMAT"}, 2}},
      {"issue-aws-vault-676_config-mfa_serial-role_arn-no-source_profile.ini",
       {"aws-config", "", {{"role_arn", "arn:aws:iam::XXXXXXXX2:role/mfarole"}, {"mfa_serial", "arn:aws:iam::XXXXXXXX1:mfa/my.user"}},
        {"CALLER_CONFIG_NO_SOURCE", "CALLER_ROLE_ARN_FORMAT"}, 3}},
      {"issue-granted-516_aws-config-role_arn-source_profile.ini",
       {"aws-config", "", {{"role_arn", "arn:aws:iam::***:role/OrganizationAccountAccessRole"}, {"source_profile", "default"},
                           {"region", "eu-central-1"}},
        {"CALLER_CONFIG_SOURCE_MISSING"}, 2}},
      {"issue-terraforming-280_credentials-source_profile-role_arn.ini",
       {"aws-config", "", {{"role_arn", "arn:aws:iam::123456789012:role/SomeAdminRole"}, {"source_profile", "default"}}, {}, 2}},
      {"gha-configure-aws-credentials-examples_cfn-deploy-example_deploy.yml",
       {"github-actions", "", {{"role_arn", "arn:aws:iam::${{ secrets.AWS_ACCOUNT_ID }}:role/${{ secrets.AWS_DEPLOY_ROLE }}"},
                               {"session_name", "myGitHubActions"}, {"region", "us-east-1"}}, {}, 1}},
      {"gha-configure-aws-credentials-readme_oidc-then-role-chaining.yml",
       {"github-actions", "", {{"role_arn", "arn:aws:iam::123456789100:role/my-github-actions-role"}, {"session_name", "MySessionName"}},
        {"CALLER_GHA_SESSION_TAGS"}, 2}},
      {"gha-configure-aws-credentials-readme_oidc-workflow.yml",
       {"github-actions", "", {{"role_arn", "<Role ARN you created in step 2>"}}, {"CALLER_ROLE_ARN_FORMAT"}, 1}},
      {"gha-configure-aws-credentials-readme_static-creds-external-id.yml",
       {"github-actions", "", {{"external_id", "${{ secrets.AWS_ROLE_EXTERNAL_ID }}"}, {"duration_seconds", "1200"},
                               {"session_name", "MySessionName"}}, {"CALLER_GHA_SESSION_TAGS"}, 1}},
      {"gha-configure-aws-credentials-readme_static-creds-role-chaining-profile.yml",
       {"github-actions", "", {{"role_arn", "arn:aws:iam::123456789100:role/my-role"}, {"role_chaining", "true"},
                               {"profile", "MyProfile1"}}, {}, 1}},
      {"issue-configure-aws-credentials-1309_workflow-oidc.yml",
       {"github-actions", "", {{"role_arn", "arn:aws:iam::123456789012:role/GithubEstimatorRole"},
                               {"session_name", "estimator-deploy-session"}, {"region", "eu-west-1"}}, {}, 1}},
      {"issue-configure-aws-credentials-690_workflow-oidc.yml",
       {"github-actions", "", {{"role_arn", "arn:aws:iam::<<account_id>>:role/github-actions-role"}},
        {"CALLER_ROLE_ARN_FORMAT"}, 1}},
      {"issue-configure-aws-credentials-775_step-role-arn-trailing-dot.yml",
       {"github-actions", "", {{"role_arn", "arn:aws:iam::xxxxxxxxxxx:role/GitHubAction-AssumeRoleWithAction."},
                               {"session_name", "GitHub_to_AWS_via_FederatedOIDC"}},
        {"CALLER_ROLE_ARN_TRAILING_PUNCTUATION"}, 1}},
      {"issue-analytical-platform-7735_terraform-init-backend-assume_role.cmd.txt",
       {"terraform-provider", "", {{"role_arn", "arn:aws:iam::042130406152:role/data-engineering-state-access"},
                                   {"external_id", "<absent>"}}, {}, 1}},
      {"issue-terraform-11270_provider-assume_role-brace-on-next-line.tf",
       {"terraform-provider", "", {{"role_arn", "arn:aws:iam::<trustedaccount>:role/trustedrole"}, {"region", "${var.region}"},
                                   {"external_id", "<absent>"}}, {"CALLER_ROLE_ARN_FORMAT"}, 1}},
      {"terraform-provider-aws-docs_assume_role_external_id.tf",
       {"terraform-provider", "", {{"role_arn", "arn:aws:iam::123456789012:role/ROLE_NAME"}, {"session_name", "SESSION_NAME"},
                                   {"external_id", "EXTERNAL_ID"}}, {}, 1}},
      {"terraform-provider-aws-docs_assume_role_with_web_identity.tf",
       {"terraform-provider", "", {{"role_arn", "arn:aws:iam::123456789012:role/ROLE_NAME"}, {"session_name", "SESSION_NAME"},
                                   {"web_identity_token_file", "/Users/tf_user/secrets/web-identity-token"}}, {}, 1}},
  };
  return table;
}

std::filesystem::path callers_dir() { return shared_dir() / "corpus" / "real-world" / "callers"; }

}  // namespace

TEST_CASE("corpus: every real-world caller parses into the expected fields or a located error") {
  const auto dir = callers_dir();
  if (!std::filesystem::is_directory(dir)) {
    MESSAGE("skipped: ../shared/corpus/real-world/callers not found");
    return;
  }
  if (!std::filesystem::exists(dir.parent_path() / "EXPECTED.md"))
    MESSAGE("note: EXPECTED.md not found beside the corpus; checking the table only");
  std::size_t files = 0, expected = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    ++files;
    const std::string text = read_file(entry.path());
    CallerParseResult r = parse_caller(text);
    if (!r.ok()) {
      CHECK(r.error.location.line >= 1);
      CHECK(!r.error.message.empty());
    }
    const auto it = expectations().find(name);
    if (it == expectations().end()) continue;
    ++expected;
    const Expect& e = it->second;
    CHECK(r.format == e.format);
    CHECK(r.error.code == e.error_code);
    if (!r.ok()) continue;
    const CallerConfig& c = *r.caller();
    for (const auto& entry : e.fields) {
      // clang-14 cannot capture structured bindings in CAPTURE's lambda.
      const auto& field = entry.first;
      const auto& value = entry.second;
      CAPTURE(field);
      CHECK(field_value(c, field) == value);
      if (const CallerField* f = c.field(field)) {
        CHECK(f->span.start.line >= 1);
        if (!f->secret && f->value == span_text(text, f->span)) CHECK(true);
      }
    }
    for (const char* p : e.problems) {
      CAPTURE(p);
      CHECK(has_problem(r.problems, p));
    }
    if (e.callers) CHECK(r.callers.size() == e.callers);
  }
  MESSAGE(files << " corpus callers read, " << expected << " with field expectations");
  CHECK(files > 0);
  // Every file in the corpus has an expectation: a new file must be judged, not skipped.
  CHECK(expected == files);
}

TEST_CASE("corpus: parse then render without changes gives identical bytes") {
  const auto dir = callers_dir();
  if (!std::filesystem::is_directory(dir)) {
    MESSAGE("skipped: ../shared/corpus/real-world/callers not found");
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    CAPTURE(entry.path().filename().string());
    const std::string text = read_file(entry.path());
    CallerFixResult f = fix_caller(text, CallerFixRequest{});
    CHECK(f.text == text);
    CHECK(f.changes.empty());
  }
}

TEST_CASE("corpus: an external id fix re-parses with the new value and keeps every other byte") {
  const auto dir = callers_dir();
  if (!std::filesystem::is_directory(dir)) {
    MESSAGE("skipped: ../shared/corpus/real-world/callers not found");
    return;
  }
  std::size_t fixed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    const std::string text = read_file(entry.path());
    CallerParseResult before = parse_caller(text);
    if (!before.ok() || before.caller()->operation != "AssumeRole") continue;
    CallerFixRequest req;
    req.external_id = "Corpus-Ext_42";
    CallerFixResult f = fix_caller(text, req);
    REQUIRE_MESSAGE(f.ok(), f.error.message);
    REQUIRE(f.changes.size() == 1);
    CallerParseResult after = parse_caller(f.text);
    REQUIRE(after.ok());
    CHECK(after.caller()->external_id == "Corpus-Ext_42");
    CHECK(after.callers.size() == before.callers.size());
    // Only the old value (if any) was replaced: nothing else in the input changed.
    const CallerField* old = before.caller()->field("external_id");
    const std::size_t old_len = old ? old->span.end.offset - old->span.start.offset : 0;
    CHECK(changed_input_bytes(text, f.text) <= old_len);
    // Every other field keeps its value.
    for (const CallerField& fb : before.caller()->fields) {
      if (fb.name == "external_id") continue;
      CHECK(field_value(*after.caller(), fb.name) == field_value(*before.caller(), fb.name));
    }
    ++fixed;
  }
  MESSAGE(fixed << " corpus callers fixed");
  CHECK(fixed >= 10);
}
