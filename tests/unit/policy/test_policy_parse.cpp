#include <doctest/doctest.h>

#include <string>

#include "stackengine/policy.hpp"

using namespace stackengine;

namespace {
const char* kPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Vendor",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "ec2.amazonaws.com"},
      "Action": "sts:AssumeRole",
      "Condition": {
        "StringEqualsIfExists": {"sts:ExternalId": "abc-123"},
        "ForAnyValue:StringLike": {"aws:PrincipalTag/team": ["a*", "b"]},
        "Bool": {"aws:MultiFactorAuthPresent": true},
        "StringEquals": {}
      }
    },
    {"Effect": "Deny", "Principal": "*", "NotAction": ["sts:TagSession"], "Resource": "*"}
  ]
})";
}

TEST_CASE("policy: plain policy JSON builds the model with pointers and locations") {
  auto r = parse_trust_policy(kPolicy);
  REQUIRE(r.ok());
  const TrustPolicy& p = r.policy;
  CHECK(p.source == PolicySource::PolicyDocument);
  CHECK(p.has_version);
  CHECK(p.version == "2012-10-17");
  REQUIRE(p.statements.size() == 2);
  REQUIRE(r.all.size() == 1);
  const Statement& s = p.statements[0];
  CHECK(s.pointer == "/Statement/0");
  CHECK(s.location.line == 4);
  CHECK(s.has_sid);
  CHECK(s.sid == "Vendor");
  CHECK(s.effect == "Allow");
  REQUIRE(s.principal.entries.size() == 2);
  CHECK(s.principal.values_of("AWS").size() == 2);
  CHECK(s.principal.entries[0].values.was_list);
  CHECK(s.principal.entries[0].values.pointers[1] == "/Statement/0/Principal/AWS/1");
  CHECK(s.principal.entries[0].values.locations[1].line == 7);
  CHECK(s.principal.values_of("Service") == std::vector<std::string>{"ec2.amazonaws.com"});
  CHECK(s.action.values == std::vector<std::string>{"sts:AssumeRole"});
  CHECK_FALSE(s.action.was_list);
  REQUIRE(s.condition.present);
  REQUIRE(s.condition.conditions.size() == 3);
  const Condition& ext = s.condition.conditions[0];
  CHECK(ext.op.base == "StringEquals");
  CHECK(ext.op.if_exists);
  CHECK(ext.key == "sts:ExternalId");
  CHECK(ext.pointer == "/Statement/0/Condition/StringEqualsIfExists/sts:ExternalId");
  CHECK(ext.location.line == 10);
  CHECK(s.condition.conditions[1].op.set_qualifier == "ForAnyValue");
  CHECK(s.condition.conditions[1].op.base == "StringLike");
  CHECK(s.condition.conditions[2].values.values[0] == "true");
  CHECK(s.condition.conditions[2].values.valid);
  CHECK(s.condition.empty_operators == std::vector<std::string>{"StringEquals"});
  const Statement& d = p.statements[1];
  CHECK(d.principal.wildcard_string);
  CHECK(d.not_action.present);
  CHECK(d.resource.present);
  CHECK(p.canonical_json.find("\"Sid\": \"Vendor\"") != std::string::npos);
}

TEST_CASE("policy: single-object Statement and a JSON string containing the policy") {
  auto r = parse_trust_policy(R"({"Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}})");
  REQUIRE(r.ok());
  CHECK(r.policy.statement_was_object);
  CHECK_FALSE(r.policy.has_version);
  CHECK(r.policy.statements[0].pointer == "/Statement");

  // The inner policy's locations point into the pasted string literal.
  const std::string pasted = "\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\"}]}\"";
  auto s = parse_trust_policy(pasted);
  REQUIRE(s.ok());
  CHECK(s.policy.source == PolicySource::JsonString);
  REQUIRE(s.policy.statements.size() == 1);
  CHECK(s.policy.statements[0].effect == "Allow");
  const std::size_t at = s.policy.statements[0].location.offset;
  CHECK(pasted[at] == '{');
  CHECK(pasted.substr(at, 4) == "{\\\"E");
}

TEST_CASE("policy: get-role output, plain and URL-encoded, maps locations back") {
  const std::string plain = R"({"Role": {"RoleName": "r", "Arn": "arn:aws:iam::987654321098:role/r",
    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}}})";
  auto a = parse_trust_policy(plain);
  REQUIRE(a.ok());
  CHECK(a.policy.source == PolicySource::GetRoleOutput);
  CHECK(a.policy.role_arn == "arn:aws:iam::987654321098:role/r");
  CHECK(a.policy.name == "r");
  CHECK(a.policy.pointer == "/Role/AssumeRolePolicyDocument");
  CHECK(a.policy.statements[0].pointer == "/Statement/0");
  CHECK(a.policy.statements[0].location.line == 2);

  const std::string encoded = R"({"Role": {"Arn": "arn:aws:iam::987654321098:role/r",
"AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A111122223333%3Aroot%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"}})";
  auto b = parse_trust_policy(encoded);
  REQUIRE(b.ok());
  CHECK(b.policy.source == PolicySource::GetRoleOutput);
  CHECK(b.policy.statements[0].principal.values_of("AWS")[0] == "arn:aws:iam::111122223333:root");
  const SourceLocation loc = b.policy.statements[0].principal.entries[0].values.locations[0];
  CHECK(loc.line == 2);
  CHECK(encoded.substr(loc.offset, 3) == "%22");  // the quote that opens the ARN string
}

TEST_CASE("policy: Terraform plan JSON finds every aws_iam_role") {
  const std::string plan = R"({"format_version": "1.2", "resource_changes": [
 {"address": "aws_iam_role.a", "type": "aws_iam_role", "change": {"after": {"assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"}}},
 {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "change": {"after": {}}},
 {"address": "aws_iam_role.c", "type": "aws_iam_role", "change": {"after": {"assume_role_policy": "{\"Statement\":[{\"Effect\":\"Deny\"}]}"}}}]})";
  auto r = parse_trust_policy(plan);
  REQUIRE(r.ok());
  REQUIRE(r.all.size() == 2);
  CHECK(r.policy.source == PolicySource::TerraformPlan);
  CHECK(r.all[0].name == "aws_iam_role.a");
  CHECK(r.all[1].statements[0].effect == "Deny");
  CHECK(r.all[1].statements[0].location.line == 4);
}

TEST_CASE("policy: CloudFormation JSON template with intrinsics") {
  const std::string tpl = R"({"Resources": {
  "Bucket": {"Type": "AWS::S3::Bucket"},
  "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${Vendor}:root"}},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"sts:ExternalId": {"Ref": "ExternalId"}}}}]}}}}})";
  auto r = parse_trust_policy(tpl);
  REQUIRE(r.ok());
  CHECK(r.policy.source == PolicySource::CloudFormationJson);
  CHECK(r.policy.name == "Role");
  CHECK(r.policy.statements[0].principal.values_of("AWS")[0] == "arn:${AWS::Partition}:iam::${Vendor}:root");
  CHECK(r.policy.statements[0].condition.conditions[0].values.values[0] == "${ExternalId}");
  CHECK(r.policy.statements[0].location.line == 5);
}

TEST_CASE("policy: duplicate keys in the policy are reported with policy-relative pointers") {
  auto r = parse_trust_policy(R"({"Statement": [{"Effect": "Allow", "Condition": {
  "StringEquals": {"a:sub": "x"},
  "StringEquals": {"a:aud": "y"}}}]})");
  REQUIRE(r.ok());
  REQUIRE(r.duplicates.size() == 1);
  CHECK(r.duplicates[0].key == "StringEquals");
  CHECK(r.duplicates[0].pointer == "/Statement/0/Condition");
  CHECK(r.duplicates[0].kept.line == 3);
  // The model keeps both, so lint and simulate can see the dropped check.
  CHECK(r.policy.statements[0].condition.conditions.size() == 2);
}

struct ErrorCase {
  std::string name;
  std::string input;
  std::string code;
  std::size_t line;
};

TEST_CASE("policy: bad input gives one located error") {
  std::string deep(100000, '[');
  const ErrorCase cases[] = {
      {"empty", "  \n", "POLICY_EMPTY", 1},
      {"syntax", "{\n\"Statement\": [\n}", "TRUST_MALFORMED_JSON", 3},
      {"deep", deep, "TRUST_MALFORMED_JSON", 1},
      {"binary", std::string("\x7f" "ELF\0\0", 6), "INPUT_BINARY", 1},
      {"utf8", "{\"a\": \"\xff\"}", "INPUT_INVALID_UTF8", 1},
      {"array", "[1, 2]", "POLICY_NOT_FOUND", 1},
      {"no statement", "{\"Version\": \"2012-10-17\"}", "POLICY_NO_STATEMENT", 1},
      {"statement fragment", "{\"Effect\": \"Allow\", \"Principal\": \"*\"}", "POLICY_NOT_FOUND", 1},
      {"hcl", "resource \"aws_iam_role\" \"x\" {\n}", "POLICY_TERRAFORM_HCL", 1},
      {"bad embedded", "\"{\\\"Statement\\\": [}\"", "TRUST_MALFORMED_JSON", 1},
      {"number", "42", "POLICY_NOT_FOUND", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = parse_trust_policy(c.input);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().code == c.code);
    CHECK(r.errors.front().location.line == c.line);
    CHECK_FALSE(r.errors.front().message.empty());
    CHECK(r.all.empty());
  }
}

TEST_CASE("policy: condition operator split") {
  struct Op {
    const char* written;
    const char* set;
    const char* base;
    bool if_exists, known;
  };
  const Op ops[] = {
      {"StringEquals", "", "StringEquals", false, true},
      {"StringLikeIfExists", "", "StringLike", true, true},
      {"ForAllValues:StringEquals", "ForAllValues", "StringEquals", false, true},
      {"ForAnyValue:ArnLikeIfExists", "ForAnyValue", "ArnLike", true, true},
      {"Null", "", "Null", false, true},
      {"NullIfExists", "", "Null", true, false},
      {"StringEqual", "", "StringEqual", false, false},
      {"Foo:StringEquals", "", "Foo:StringEquals", false, false},
  };
  for (const auto& o : ops) {
    CAPTURE(o.written);
    auto op = split_condition_operator(o.written);
    CHECK(op.written == o.written);
    CHECK(op.set_qualifier == o.set);
    CHECK(op.base == o.base);
    CHECK(op.if_exists == o.if_exists);
    CHECK(op.known == o.known);
  }
}

TEST_CASE("policy: CloudFormation YAML with short-form tags, locations in the YAML") {
  const std::string tpl = R"(AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ExternalId:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:${AWS::Partition}:iam::464622532012:root'
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: !Ref ExternalId
              Bool:
                aws:MultiFactorAuthPresent: true
              Null: !If [NoExt, {"sts:ExternalId": "true"}, !Ref AWS::NoValue]
  Other:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          Effect: Allow
          Principal: {Service: [events.amazonaws.com]}
          Action: ['sts:AssumeRole']
)";
  auto r = parse_trust_policy(tpl);
  REQUIRE(r.ok());
  REQUIRE(r.all.size() == 2);
  const Statement& s = r.policy.statements[0];
  CHECK(r.policy.source == PolicySource::CloudFormationYaml);
  CHECK(r.policy.name == "Role");
  CHECK(s.location.line == 12);
  CHECK(s.location.column == 13);
  CHECK(s.principal.values_of("AWS")[0] == "arn:${AWS::Partition}:iam::464622532012:root");
  REQUIRE(s.condition.conditions.size() == 3);
  CHECK(s.condition.conditions[0].values.values[0] == "${ExternalId}");
  CHECK(s.condition.conditions[0].location.line == 18);
  CHECK(s.condition.conditions[1].values.values[0] == "true");
  CHECK(s.condition.conditions[2].op.base == "Null");
  CHECK(r.all[1].statement_was_object);
  CHECK(r.all[1].statements[0].principal.values_of("Service")[0] == "events.amazonaws.com");
}

TEST_CASE("policy: YAML errors are located; plain text is not a policy") {
  auto a = parse_trust_policy("Resources:\n  Role:\n    Type: [unclosed\n");
  REQUIRE_FALSE(a.ok());
  CHECK(a.errors[0].code == "POLICY_YAML_SYNTAX");
  CHECK(a.errors[0].location.line >= 3);
  auto b = parse_trust_policy("just some words");
  REQUIRE_FALSE(b.ok());
  CHECK(b.errors[0].code == "POLICY_NOT_FOUND");
  std::string deep = "a: ";
  deep += std::string(100000, '[');
  auto c = parse_trust_policy(deep);
  REQUIRE_FALSE(c.ok());
  CHECK(c.errors[0].code == "POLICY_YAML_TOO_DEEP");
  auto d = parse_trust_policy("Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
  REQUIRE_FALSE(d.ok());
  CHECK(d.errors[0].code == "POLICY_NOT_FOUND");
  CHECK(d.errors[0].location.line == 2);
}
