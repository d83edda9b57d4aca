#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stackengine/analyze.hpp"
#include "stackengine/diagnose.hpp"

using namespace stackengine;

namespace {

// A trust policy with one statement, written the way users paste it.
std::string policy(const std::string& principal, const std::string& action, const std::string& condition = "",
                   const std::string& effect = "Allow") {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": ")" + effect + R"(", "Principal": )" + principal +
         R"(, "Action": )" + action + (condition.empty() ? "" : R"(, "Condition": )" + condition) + "}]}";
}

const std::string kRole = "arn:aws:iam::987654321098:role/cross-account-role";
const std::string kCmd = "aws sts assume-role --role-arn " + kRole + " --role-session-name dev-session";
std::string classic(const std::string& caller_arn, const std::string& role = kRole) {
  return "An error occurred (AccessDenied) when calling the AssumeRole operation: User: " + caller_arn +
         " is not authorized to perform: sts:AssumeRole on resource: " + role;
}

struct Case {
  const char* name;
  std::string policy;
  std::string caller;
  std::string error;
  std::string caller_arn;
  const char* first;                 // expected top cause
  std::string fixed_caller_has = "";  // substring of the fixed caller ("" = no check)
  std::string fixed_policy_has = "";  // substring of the fixed policy JSON
  const char* also = "";             // another cause that must be listed
};

std::string ids(const AnalyzeResult& r) {
  std::string out;
  for (const Cause& c : r.causes) out += c.id + "(" + std::to_string(c.confidence).substr(0, 4) + ") ";
  return out;
}

}  // namespace

TEST_CASE("table: each cause ranks first when the inputs show it, with the fix it needs") {
  const std::vector<Case> cases = {
      {"seed: ExternalId missing", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")",
                                          R"({"StringEquals": {"sts:ExternalId": "acme-prod-pipeline-x7f2"}})"),
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCauseExternalIdMissing,
       "--external-id \"acme-prod-pipeline-x7f2\"", "", kCauseCallerPolicyMissing},
      {"ExternalId mismatch", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")",
                                     R"({"StringEquals": {"sts:ExternalId": "acme-prod-pipeline-x7f2"}})"),
       kCmd + " --external-id acme-prod-pipeline-X7F2", classic("arn:aws:iam::123456789012:user/dev"), "",
       kCauseExternalIdMismatch, "acme-prod-pipeline-x7f2"},
      {"principal not trusted: another account", policy(R"({"AWS": "arn:aws:iam::111111111111:root"})", R"("sts:AssumeRole")"),
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCausePrincipalNotTrusted, "",
       "arn:aws:iam::123456789012:user/dev"},
      {"principal not trusted: role session matched through its role", policy(R"({"AWS": "arn:aws:iam::123456789012:role/ci"})", R"("sts:AssumeRole")"),
       kCmd, classic("arn:aws:sts::123456789012:assumed-role/deploy/run-42"), "", kCausePrincipalNotTrusted, "",
       "arn:aws:iam::123456789012:role/deploy"},
      {"trusted principal, action missing", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:TagSession")"),
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCausePrincipalNotTrusted, "", "sts:AssumeRole"},
      {"MFA required", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")",
                              R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})"),
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCauseMfaRequired,
       "arn:aws:iam::123456789012:mfa/dev"},
      {"explicit deny in the trust policy",
       R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"},
          {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:user/dev"}, "Action": "sts:AssumeRole"}]})",
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCauseExplicitDeny},
      {"explicit deny in an SCP (error says so)", "", kCmd,
       "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: " + kRole +
           " with an explicit deny in a service control policy",
       "", kCauseExplicitDeny},
      {"no identity-based policy allows", "", kCmd,
       "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: " + kRole +
           " because no identity-based policy allows the sts:AssumeRole action",
       "", kCauseCallerPolicyMissing},
      {"trust allows: the caller side is missing", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")"),
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCauseCallerPolicyMissing},
      {"AWS blames the trust policy but the pasted one allows: another policy is in force",
       policy(R"({"AWS": "arn:aws:iam::987654321098:user/dev"})", R"("sts:AssumeRole")"), kCmd,
       "User: arn:aws:iam::987654321098:user/dev is not authorized to perform: sts:AssumeRole because no role trust "
       "policy allows the sts:AssumeRole action",
       "", kCauseRoleArnWrong},
      {"root caller (error)", "", "", "An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.",
       "", kCauseRootCaller},
      {"root caller (ARN)", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")"), kCmd,
       classic("arn:aws:iam::123456789012:root"), "", kCauseRootCaller},
      {"OIDC sub: literal star under StringEquals",
       policy(R"({"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"})",
              R"("sts:AssumeRoleWithWebIdentity")",
              R"({"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:octo-org/*", "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})"),
       "", "Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity", "",
       kCauseOidcSubMismatch, "", "", kCauseOidcAudMismatch},
      {"OIDC aud", "", "",
       "An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience",
       "", kCauseOidcAudMismatch},
      {"OIDC provider missing", "", "", "Error: No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com",
       "", kCauseOidcProviderMissing},
      {"web identity: statement lacks the action",
       policy(R"({"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"})",
              R"("sts:AssumeRole")"),
       "", "Not authorized to perform sts:AssumeRoleWithWebIdentity", "", kCausePrincipalNotTrusted, "",
       "sts:AssumeRoleWithWebIdentity"},
      {"SAML aud", policy(R"({"Federated": "arn:aws:iam::123456789012:saml-provider/ADFS"})", R"("sts:AssumeRoleWithSAML")",
                          R"({"StringEquals": {"SAML:aud": "https://example.com/saml"}})"),
       "", "Not authorized to perform sts:AssumeRoleWithSAML (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied)",
       "", kCauseSamlAudMismatch},
      {"duration too long", "", kCmd + " --duration-seconds 43200",
       "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
       "", kCauseDurationTooLong, "--duration-seconds 3600"},
      {"parameter invalid: ExternalId with a space",
       policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")",
              R"({"StringEquals": {"sts:ExternalId": "acme-prod-pipeline-x7f2"}})"),
       kCmd + " --external-id \"acme prod\"",
       "An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: Value "
       "'acme prod' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*",
       "", kCauseParameterInvalid, "acme-prod-pipeline-x7f2"},
      {"credentials invalid", "", kCmd,
       "An error occurred (InvalidClientTokenId) when calling the AssumeRole operation: The security token included in the request is invalid.",
       "", kCauseCredentialsInvalid},
      {"credentials expired", "", kCmd,
       "An error occurred (ExpiredToken) when calling the AssumeRole operation: The security token included in the request is expired",
       "", kCauseCredentialsExpired},
      {"malformed policy: Resource element",
       R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole", "Resource": "*"}]})",
       "", "An error occurred (MalformedPolicyDocument) when calling the UpdateAssumeRolePolicy operation: Has prohibited field Resource",
       "", kCausePolicyMalformed},
      {"malformed policy: broken JSON", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",)", "",
       "MalformedPolicyDocument: This policy contains invalid Json", "", kCausePolicyMalformed},
      {"tag session not allowed", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")"), kCmd,
       "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:TagSession on resource: " + kRole, "",
       kCauseTagSessionNotAllowed, "", "sts:TagSession"},
      {"source identity not allowed", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")"), kCmd,
       "User: arn:aws:sts::123456789012:assumed-role/hub/s is not authorized to perform: sts:SetSourceIdentity on resource: " + kRole,
       "", kCauseSourceIdentityNotAllowed, "", "sts:SetSourceIdentity"},
      {"role ARN without account", "", "aws sts assume-role --role-arn arn:aws:iam:::role/devops --role-session-name s1",
       "* The role \"arn:aws:iam:::role/devops\" cannot be assumed.", "", kCauseRoleArnWrong},
      {"resource is a user, not a role", "", "",
       "AccessDenied (client): User: arn:aws:iam::672112570000:user/Qikink is not authorized to perform: sts:AssumeRole on "
       "resource: arn:aws:iam::672112570000:user/Qikink",
       "", kCauseRoleArnWrong},
      {"condition: session name must be the user name",
       policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")",
              R"({"StringLike": {"sts:RoleSessionName": "${aws:username}"}})"),
       kCmd, classic("arn:aws:iam::123456789012:user/dev"), "", kCauseConditionNotMet, "--role-session-name dev"},
      {"no error text: the simulator alone", policy(R"({"AWS": "arn:aws:iam::123456789012:root"})", R"("sts:AssumeRole")",
                                                    R"({"StringEquals": {"sts:ExternalId": "acme-prod-pipeline-x7f2"}})"),
       kCmd, "", "arn:aws:iam::123456789012:user/dev", kCauseExternalIdMissing, "--external-id \"acme-prod-pipeline-x7f2\""},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    AnalyzeRequest req;
    req.policy = c.policy;
    req.caller = c.caller;
    req.error = c.error;
    req.caller_arn = c.caller_arn;
    req.redact = false;
    const AnalyzeResult r = analyze(req);
    const std::string ranking = ids(r);
    CAPTURE(ranking);
    REQUIRE_FALSE(r.causes.empty());
    CHECK(r.causes.front().id == std::string(c.first));
    CHECK_FALSE(r.causes.front().fix.empty());
    CHECK_FALSE(r.causes.front().explanation.empty());
    for (std::size_t i = 1; i < r.causes.size(); ++i) CHECK(r.causes[i - 1].confidence >= r.causes[i].confidence);
    if (!c.fixed_caller_has.empty()) {
      CAPTURE(r.fixed_caller.text);
      CHECK(r.fixed_caller.text.find(c.fixed_caller_has) != std::string::npos);
    }
    if (!c.fixed_policy_has.empty()) {
      CAPTURE(r.fixed_policy.json);
      CHECK(r.fixed_policy.changed);
      CHECK(r.fixed_policy.json.find(c.fixed_policy_has) != std::string::npos);
    }
    if (*c.also) {
      bool listed = false;
      for (const Cause& k : r.causes) listed = listed || k.id == c.also;
      CHECK(listed);
    }
  }
}

TEST_CASE("evidence points at the statement, the condition and the caller field") {
  AnalyzeRequest req;
  req.policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n"
               "    \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"},\n    \"Action\": \"sts:AssumeRole\",\n"
               "    \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"acme-prod-pipeline-x7f2\"}}\n  }]\n}\n";
  req.caller = "aws sts assume-role \\\n  --role-arn " + kRole + " \\\n  --external-id wrong-id \\\n  --role-session-name dev-session\n";
  req.error = classic("arn:aws:iam::123456789012:user/dev");
  const AnalyzeResult r = analyze(req);
  REQUIRE_FALSE(r.causes.empty());
  const Cause& top = r.causes.front();
  CHECK(top.id == kCauseExternalIdMismatch);
  bool policy_ev = false, caller_ev = false, error_ev = false;
  for (const Evidence& e : top.evidence) {
    if (e.input == kInputPolicy) {
      policy_ev = true;
      CHECK(e.pointer == "/Statement/0/Condition/StringEquals/sts:ExternalId");
      CHECK(e.location.line == 7);
    }
    if (e.input == kInputCaller) {
      caller_ev = true;
      CHECK(e.pointer == "external_id");
      CHECK(e.location.line == 3);
    }
    if (e.input == kInputError) error_ev = true;
  }
  CHECK(policy_ev);
  CHECK(caller_ev);
  CHECK(error_ev);
  // The fix keeps the command's layout and replaces only the value.
  CHECK(r.fixed_caller.text.find("--external-id acme-prod-pipeline-x7f2 \\\n") != std::string::npos);
  CHECK(r.fixed_caller.text.find("wrong-id") == std::string::npos);
}

TEST_CASE("undecidable inputs enumerate causes and say what to check") {
  AnalyzeRequest req;
  req.error = classic("arn:aws:iam::123456789012:user/dev");
  req.redact = false;
  const AnalyzeResult r = analyze(req);
  REQUIRE(r.causes.size() >= 4);
  CHECK(r.decision.empty());
  // Cross-account, no ExternalId visible: the classic third-party cause leads, nothing is certain.
  CHECK(r.causes.front().id == kCauseExternalIdMissing);
  for (const Cause& c : r.causes) CHECK(c.confidence < 0.6);
  bool mentions_get_role = false, mentions_simulate = false;
  for (const Cause& c : r.causes) {
    mentions_get_role = mentions_get_role || c.explanation.find("get-role") != std::string::npos;
    mentions_simulate = mentions_simulate || c.explanation.find("simulate-principal-policy") != std::string::npos;
  }
  CHECK(mentions_get_role);
  CHECK(mentions_simulate);
}

TEST_CASE("cause ids are the issue's list, unique") {
  const auto ids = all_cause_ids();
  CHECK(ids.size() == 20);
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (std::size_t j = i + 1; j < ids.size(); ++j) CHECK(ids[i] != ids[j]);
}

TEST_CASE("policy edits add without duplicating and refuse what is not a policy") {
  const std::string p = R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "sts:AssumeRole"}})";
  const std::string once = apply_policy_edits(p, {{"add-action", 0, "", "sts:TagSession", ""},
                                                  {"add-action", 0, "", "STS:ASSUMEROLE", ""},
                                                  {"add-principal", 0, "AWS", "arn:aws:iam::2:user/x", ""}});
  const auto j = nlohmann::json::parse(once);
  CHECK(j["Statement"]["Action"] == nlohmann::json::array({"sts:AssumeRole", "sts:TagSession"}));
  CHECK(j["Statement"]["Principal"]["AWS"] == nlohmann::json::array({"arn:aws:iam::1:root", "arn:aws:iam::2:user/x"}));
  CHECK(apply_policy_edits("[1,2]", {}).empty());
  CHECK(apply_policy_edits("{not json", {}).empty());
  // An out-of-range statement index changes nothing.
  CHECK(nlohmann::json::parse(apply_policy_edits(p, {{"add-action", 5, "", "sts:TagSession", ""}})) ==
        nlohmann::json::parse(p));
}

TEST_CASE("every real-world error runs through analyze() and yields a cause when its kind is known") {
  const char* env = std::getenv("STACKENGINE_SHARED");
  const std::filesystem::path shared = env ? env : std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
  const auto path = shared / "corpus" / "real-world" / "errors" / "errors.jsonl";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: ../shared/corpus not found (set STACKENGINE_SHARED)");
    return;
  }
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    AnalyzeRequest req;
    req.error = nlohmann::json::parse(line).at("text").get<std::string>();
    CAPTURE(req.error);
    const AnalyzeResult r = analyze(req);
    CHECK(r.input_errors.empty());
    CHECK(r.detected.error_kind != "ERR_UNKNOWN");
    REQUIRE_FALSE(r.causes.empty());
    CHECK(r.causes.front().confidence > 0);
  }
}
