// One positive and one negative case per finding id, table-driven.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "stackengine/lint.hpp"

using namespace stackengine;

namespace {

const char* kRole = "arn:aws:iam::999999999999:role/target";

// A policy with one statement body (without braces) and Version.
std::string one(const std::string& body) {
  return "{\n\"Version\": \"2012-10-17\",\n\"Statement\": [{\n" + body + "\n}]\n}";
}
std::string gh(const std::string& cond) {
  return one(R"("Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": )" + cond);
}
const std::string kAud = R"("token.actions.githubusercontent.com:aud": "sts.amazonaws.com")";

struct Case {
  std::string id;
  bool expect;        // true: positive case (the finding must appear)
  std::string policy;
  std::string role_arn = kRole;
  std::string fix = "-";  // expected fix id on the positive case ("-" = not checked)
  Severity severity = Severity::Info;
  bool check_severity = false;
};

std::vector<Case> cases() {
  std::vector<Case> c;
  auto add = [&](std::string id, bool expect, std::string policy, std::string fix = "-") {
    c.push_back({std::move(id), expect, std::move(policy), kRole, std::move(fix)});
  };
  const std::string assume = R"("Action": "sts:AssumeRole")";
  add("TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", true, one(R"("Effect": "Allow", "Principal": "*", )" + assume), "FIX_PIN_PRINCIPAL_ARN");
  add("TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", true, one(R"("Effect": "Allow", "Principal": {"AWS": ["*"]}, )" + assume + R"(, "Condition": {"ArnLike": {"aws:PrincipalArn": "*"}})"));
  add("TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", false, one(R"("Effect": "Allow", "Principal": "*", )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})"));
  add("TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", false, one(R"("Effect": "Deny", "Principal": "*", )" + assume));
  add("TRUST_PRINCIPAL_WILDCARD_CONDITIONED", true, one(R"("Effect": "Allow", "Principal": {"AWS": "*"}, )" + assume + R"(, "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::999999999999:role/ci-*"}})"), "");
  add("TRUST_PRINCIPAL_WILDCARD_CONDITIONED", false, one(R"("Effect": "Allow", "Principal": "*", )" + assume + R"(, "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}})"));
  add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", true, one(R"("Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, )" + assume), "FIX_ADD_EXTERNAL_ID");
  add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", true, one(R"("Effect": "Allow", "Principal": {"AWS": ["999999999999", "111122223333"]}, )" + assume));
  add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", false, one(R"("Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, )" + assume));
  add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", false, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + R"(, "Condition": {"StringEquals": {"sts:ExternalId": "Example987"}})"));
  add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", false, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + R"(, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}})"));
  add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", false, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:TagSession")"));
  for (const char* weak : {R"({"StringLike": {"sts:ExternalId": "*"}})", R"({"StringEqualsIfExists": {"sts:ExternalId": "abc123"}})",
                           R"({"Null": {"sts:ExternalId": "false"}})", R"({"StringEqualsIgnoreCase": {"sts:ExternalId": "abc123"}})",
                           R"({"ForAnyValue:StringEquals": {"sts:ExternalId": "abc123"}})"})
    add("TRUST_EXTERNAL_ID_WEAK", true, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + ", \"Condition\": " + weak), "FIX_STRENGTHEN_EXTERNAL_ID");
  add("TRUST_EXTERNAL_ID_WEAK", false, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + R"(, "Condition": {"StringEquals": {"sts:ExternalId": "abc123"}})"));
  add("TRUST_EXTERNAL_ID_WEAK", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"Null": {"sts:ExternalId": "true"}})"));
  add("TRUST_EXTERNAL_ID_INVALID_VALUE", true, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + R"(, "Condition": {"StringEquals": {"sts:ExternalId": "has space"}})"), "FIX_REPLACE_EXTERNAL_ID");
  add("TRUST_EXTERNAL_ID_INVALID_VALUE", true, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + R"(, "Condition": {"StringEquals": {"sts:ExternalId": "x"}})"));
  add("TRUST_EXTERNAL_ID_INVALID_VALUE", false, one(R"("Effect": "Allow", "Principal": {"AWS": "111122223333"}, )" + assume + R"(, "Condition": {"StringEquals": {"sts:ExternalId": "a+b=c,d.e@f:g/h-i_j"}})"));
  add("TRUST_CONDITION_EMPTY", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {}})"), "FIX_FILL_EMPTY_CONDITION");
  add("TRUST_CONDITION_EMPTY", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalTag/team": []}})"));
  add("TRUST_CONDITION_EMPTY", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a"}})"));
  add("TRUST_WILDCARD_WITHOUT_LIKE", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalTag/team": "dev-*"}})"), "");
  add("TRUST_WILDCARD_WITHOUT_LIKE", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringLike": {"aws:PrincipalTag/team": "dev-*"}})"));
  add("TRUST_WILDCARD_WITHOUT_LIKE", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a${*}b"}})"));
  add("TRUST_FORALLVALUES_SINGLE_VALUED", true, gh(R"({"ForAllValues:StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}})"), "FIX_REMOVE_FORALLVALUES");
  add("TRUST_FORALLVALUES_SINGLE_VALUED", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}})"));
  add("TRUST_OIDC_GITHUB_NO_SUB", true, gh("{\"StringEquals\": {" + kAud + R"(, "token.actions.githubusercontent.com:actor": "octocat"}})"), "FIX_ADD_GITHUB_SUB");
  add("TRUST_OIDC_GITHUB_NO_SUB", false, gh("{\"StringEquals\": {" + kAud + R"(, "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}})"));
  add("TRUST_OIDC_GITHUB_SUB_WILDCARD", true, gh("{\"StringEquals\": {" + kAud + R"(}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/*"}})"), "FIX_PIN_GITHUB_SUB");
  add("TRUST_OIDC_GITHUB_SUB_WILDCARD", true, gh("{\"StringEquals\": {" + kAud + R"(}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:*"}})"));
  add("TRUST_OIDC_GITHUB_SUB_WILDCARD", false, gh("{\"StringEquals\": {" + kAud + R"(}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}})"));
  add("TRUST_OIDC_NO_AUD", true, gh(R"({"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}})"), "FIX_ADD_OIDC_AUD");
  add("TRUST_OIDC_NO_AUD", true, one(R"("Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity")"));
  add("TRUST_OIDC_NO_AUD", false, gh("{\"StringEquals\": {" + kAud + R"(, "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}})"));
  const std::string saml = R"("Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::999999999999:saml-provider/Okta"}, )";
  add("TRUST_SAML_NO_AUD", true, one(saml + R"("Action": "sts:AssumeRoleWithSAML")"), "FIX_ADD_SAML_AUD");
  add("TRUST_SAML_NO_AUD", false, one(saml + R"("Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})"));
  add("TRUST_SERVICE_NO_SOURCE", true, one(R"("Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, )" + assume), "FIX_ADD_SOURCE_CONDITION");
  add("TRUST_SERVICE_NO_SOURCE", false, one(R"("Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:SourceAccount": "999999999999"}})"));
  add("TRUST_SERVICE_NO_SOURCE", false, one(R"("Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, )" + assume));
  add("TRUST_NOTPRINCIPAL", true, one(R"("Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::999999999999:user/bob"}, )" + assume), "");
  add("TRUST_NOTPRINCIPAL", false, one(R"("Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:user/bob"}, )" + assume));
  add("TRUST_RESOURCE_ELEMENT", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Resource": "*", )" + assume), "FIX_REMOVE_RESOURCE");
  add("TRUST_RESOURCE_ELEMENT", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume));
  add("TRUST_NON_STS_ACTION", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": ["sts:AssumeRole", "s3:GetObject"])"), "FIX_REMOVE_NON_STS_ACTION");
  add("TRUST_NON_STS_ACTION", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"])"));
  add("TRUST_PRINCIPAL_ARN_WILDCARD", true, one(R"("Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:role/ci-*"}, )" + assume), "FIX_PIN_PRINCIPAL_ARN");
  add("TRUST_PRINCIPAL_ARN_WILDCARD", false, one(R"("Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:role/ci-main"}, )" + assume));
  add("TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL", true, one(saml + assume + R"(, "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})"), "FIX_SET_ACTION_FOR_PRINCIPAL");
  add("TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRoleWithWebIdentity")"));
  add("TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL", false, one(saml + R"("Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"], "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})"));
  add("TRUST_ACTION_WILDCARD", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "sts:*")"), "FIX_NARROW_ACTION");
  add("TRUST_ACTION_WILDCARD", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "*")"));
  add("TRUST_ACTION_WILDCARD", false, one(R"("Effect": "Deny", "Principal": {"AWS": "999999999999"}, "Action": "sts:*")"));
  add("TRUST_REDUNDANT_SESSION_PRINCIPAL", true, one(R"("Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::999999999999:role/path/app", "arn:aws:sts::999999999999:assumed-role/app/s1"]}, )" + assume), "");
  add("TRUST_REDUNDANT_SESSION_PRINCIPAL", false, one(R"("Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::999999999999:role/other", "arn:aws:sts::999999999999:assumed-role/app/s1"]}, )" + assume));
  add("TRUST_MFA_BAD_PATTERN", true, one(R"("Effect": "Deny", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}})"), "");
  add("TRUST_MFA_BAD_PATTERN", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}})"));
  add("TRUST_MFA_BAD_PATTERN", false, one(R"("Effect": "Deny", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})"));
  const std::string st = R"({"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRole"})";
  add("TRUST_DUPLICATE_SID", true, "{\"Version\": \"2012-10-17\", \"Statement\": [" + st + ",\n" + st + "]}", "");
  add("TRUST_DUPLICATE_SID", false, "{\"Version\": \"2012-10-17\", \"Statement\": [" + st + ",\n" + R"({"Sid": "B", "Effect": "Deny", "Principal": "*", "Action": "sts:TagSession"}]})");
  add("TRUST_DUPLICATE_KEY_CASE", true, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a", "aws:principaltag/team": "b"}})"), "");
  add("TRUST_DUPLICATE_KEY_CASE", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume + R"(, "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a"}, "StringLike": {"aws:principaltag/team": "b*"}})"));
  add("TRUST_DUPLICATE_JSON_KEY", true, gh("{\"StringEquals\": {" + kAud + "},\n \"StringEquals\": {\"token.actions.githubusercontent.com:sub\": \"repo:o/r:ref:refs/heads/main\"}}"), "FIX_MERGE_DUPLICATE_KEYS");
  add("TRUST_DUPLICATE_JSON_KEY", false, gh("{\"StringEquals\": {" + kAud + ", \"token.actions.githubusercontent.com:sub\": \"repo:o/r:ref:refs/heads/main\"}}"));
  add("TRUST_EFFECT_INVALID", true, one(R"("Effect": "allow", "Principal": {"AWS": "999999999999"}, )" + assume), "FIX_EFFECT_CASE");
  add("TRUST_EFFECT_INVALID", true, one(R"("Principal": {"AWS": "999999999999"}, )" + assume));
  add("TRUST_EFFECT_INVALID", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume));
  add("TRUST_VERSION_MISSING", true, R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRole"}]})", "FIX_ADD_VERSION");
  add("TRUST_VERSION_MISSING", true, R"({"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRole"}]})");
  add("TRUST_VERSION_MISSING", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume));
  for (const char* bad : {R"({"AWS": "12345678901"})", R"({"AWS": " arn:aws:iam::999999999999:user/a"})", R"({"AWS": "ACCOUNT-B-ID"})",
                          R"({"AWS": 999999999999})", R"({"Service": "ec2"})", R"({"CanonicalUser": "abc"})", R"("arn:aws:iam::999999999999:root")"})
    add("TRUST_INVALID_PRINCIPAL_FORMAT", true, one(std::string(R"("Effect": "Allow", "Principal": )") + bad + ", " + assume));
  add("TRUST_INVALID_PRINCIPAL_FORMAT", false, one(R"("Effect": "Allow", "Principal": {"AWS": ["999999999999", "arn:aws-cn:iam::999999999999:user/a", "arn:aws:sts::999999999999:assumed-role/r/s"], "Service": "ecs-tasks.amazonaws.com"}, )" + assume));
  add("TRUST_MALFORMED_JSON", true, "{\"Version\": \"2012-10-17\",\n\"Statement\": [\n", "");
  add("TRUST_MALFORMED_JSON", false, one(R"("Effect": "Allow", "Principal": {"AWS": "999999999999"}, )" + assume));
  return c;
}

const std::vector<std::string> kAllIds = {
    "TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", "TRUST_PRINCIPAL_WILDCARD_CONDITIONED", "TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID",
    "TRUST_EXTERNAL_ID_WEAK", "TRUST_EXTERNAL_ID_INVALID_VALUE", "TRUST_CONDITION_EMPTY", "TRUST_WILDCARD_WITHOUT_LIKE",
    "TRUST_FORALLVALUES_SINGLE_VALUED", "TRUST_OIDC_GITHUB_NO_SUB", "TRUST_OIDC_GITHUB_SUB_WILDCARD", "TRUST_OIDC_NO_AUD",
    "TRUST_SAML_NO_AUD", "TRUST_SERVICE_NO_SOURCE", "TRUST_NOTPRINCIPAL", "TRUST_RESOURCE_ELEMENT", "TRUST_NON_STS_ACTION",
    "TRUST_PRINCIPAL_ARN_WILDCARD", "TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL", "TRUST_ACTION_WILDCARD",
    "TRUST_REDUNDANT_SESSION_PRINCIPAL", "TRUST_MFA_BAD_PATTERN", "TRUST_DUPLICATE_SID", "TRUST_DUPLICATE_KEY_CASE",
    "TRUST_DUPLICATE_JSON_KEY", "TRUST_EFFECT_INVALID", "TRUST_VERSION_MISSING", "TRUST_INVALID_PRINCIPAL_FORMAT",
    "TRUST_MALFORMED_JSON"};

}  // namespace

TEST_CASE("lint: every finding id has a positive and a negative case, and each case holds") {
  std::set<std::string> positive, negative;
  for (const auto& c : cases()) {
    CAPTURE(c.id);
    CAPTURE(c.expect);
    CAPTURE(c.policy);
    LintOptions o;
    o.role_arn = c.role_arn;
    const LintResult r = lint(parse_trust_policy(c.policy), o);
    const Finding* hit = nullptr;
    for (const auto& f : r.findings)
      if (f.id == c.id) hit = &f;
    if (c.expect) {
      positive.insert(c.id);
      REQUIRE(hit != nullptr);
      CHECK(hit->location.line >= 1);
      CHECK_FALSE(hit->message.empty());
      if (c.fix != "-") CHECK(hit->fix == c.fix);
      if (c.id != "TRUST_VERSION_MISSING" && c.id != "TRUST_MALFORMED_JSON") {
        CHECK(hit->statement >= 0);
        CHECK_FALSE(hit->pointer.empty());
      }
    } else {
      negative.insert(c.id);
      CHECK(hit == nullptr);
      if (c.id != "TRUST_MALFORMED_JSON") CHECK(r.errors.empty());
    }
  }
  for (const auto& id : kAllIds) {
    CAPTURE(id);
    CHECK(positive.count(id) == 1);
    CHECK(negative.count(id) == 1);
  }
  CHECK(kAllIds.size() == 28);
}

TEST_CASE("lint: cross-account is judged against the role's account; without it the message says so") {
  const std::string p = one(R"("Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole")");
  auto without = lint(parse_trust_policy(p));
  REQUIRE(without.findings.size() == 1);
  CHECK(without.findings[0].id == "TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID");
  CHECK(without.findings[0].message.find("possibly external") != std::string::npos);
  CHECK(without.findings[0].severity == Severity::High);
  CHECK(without.findings[0].pointer == "/Statement/0/Principal/AWS");
  CHECK(without.findings[0].location.line == 4);
  LintOptions same;
  same.role_arn = "arn:aws:iam::111122223333:role/x";
  CHECK(lint(parse_trust_policy(p), same).findings.empty());
  // get-role output carries the role's own ARN.
  const std::string get_role = R"({"Role": {"Arn": "arn:aws:iam::111122223333:role/x", "AssumeRolePolicyDocument": )" + p + "}}";
  CHECK(lint(parse_trust_policy(get_role)).findings.empty());
}

TEST_CASE("lint: findings are sorted by severity, then position; parse errors pass through") {
  const std::string p = R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:*", "Resource": "*"}]})";
  auto r = lint(parse_trust_policy(p), {kRole});
  REQUIRE(r.findings.size() >= 3);
  for (std::size_t i = 1; i < r.findings.size(); ++i) CHECK(r.findings[i - 1].severity >= r.findings[i].severity);
  CHECK(r.findings[0].id == "TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED");
  auto bad = lint(parse_trust_policy("not json at all {"));
  CHECK_FALSE(bad.errors.empty());
}

TEST_CASE("lint: severity names round-trip") {
  for (Severity s : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
    Severity back = Severity::Info;
    REQUIRE(parse_severity(severity_name(s), back));
    CHECK(back == s);
  }
  Severity x;
  CHECK_FALSE(parse_severity("severe", x));
}

TEST_CASE("lint: bad and hostile input never crashes and gives a located error") {
  std::string deep_obj;
  for (int i = 0; i < 100000; ++i) deep_obj += "{\"a\":";
  std::string huge = "{\"Version\": \"2012-10-17\", \"Statement\": [";
  for (int i = 0; i < 20000; ++i)
    huge += std::string(i ? "," : "") +
            R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"})";
  huge += "]}";
  const std::string inputs[] = {deep_obj, std::string(100000, '['), "{\"a\": \"\xC0\xAF\"}", std::string("\x89PNG\r\n\x1a\n\0\0", 10),
                                "{\"Statement\": [1, \"x\", null, {\"Effect\": {}}]}", "\"\\\"not json\\\"\"", "---\n- a\n- b\n"};
  for (const auto& in : inputs) {
    const auto r = lint(parse_trust_policy(in), {kRole});
    for (const auto& e : r.errors) CHECK(e.location.line >= 1);
  }
  const auto big = lint(parse_trust_policy(huge), {kRole});
  CHECK(big.errors.empty());
  CHECK(big.findings.size() == 20000);
  CHECK(big.findings.back().location.line == 1);
}
