#include <doctest/doctest.h>

#include <string>

#include "stackengine/analyze.hpp"

using namespace stackengine;

namespace {
const char* kSeedPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"sts:ExternalId": "acme-prod-pipeline-x7f2"}}
    }
  ]
})";
const char* kSeedCommand =
    "aws sts assume-role --role-arn arn:aws:iam::987654321098:role/cross-account-role --role-session-name dev-session";
const char* kSeedError =
    "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/dev "
    "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::987654321098:role/cross-account-role";
}  // namespace

TEST_CASE("seed scenario: a missing ExternalId ranks first and the command gets --external-id") {
  AnalyzeRequest req;
  req.policy = kSeedPolicy;
  req.caller = kSeedCommand;
  req.error = kSeedError;
  const AnalyzeResult r = analyze(req);
  CHECK(r.input_errors.empty());
  CHECK(r.detected.error_kind == "ERR_ASSUME_ROLE_ACCESS_DENIED");
  CHECK(r.detected.policy_kind == "policy-json");
  CHECK(r.detected.caller_format == "aws-cli");
  CHECK(r.decision == "ImplicitlyDenied");
  REQUIRE_FALSE(r.causes.empty());
  CHECK(r.causes.front().id == "CAUSE_EXTERNAL_ID_MISSING");
  CHECK(r.fixed_caller.changed);
  CHECK(r.fixed_caller.text.find("--external-id \"acme-prod-pipeline-x7f2\"") != std::string::npos);
  // The seed policy is sound: lint has nothing above "low" to say about it.
  for (const auto& f : r.findings) CHECK(f.severity != std::string("critical"));
  CHECK(r.fixed_policy.json.find("acme-prod-pipeline-x7f2") != std::string::npos);
  CHECK_FALSE(r.fixed_policy.terraform.empty());
  CHECK_FALSE(r.fixed_policy.cloudformation_yaml.empty());
}

TEST_CASE("analyze reports lint findings of the pasted policy") {
  AnalyzeRequest req;
  req.policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})";
  req.role_arn = "arn:aws:iam::987654321098:role/cross-account-role";
  const AnalyzeResult r = analyze(req);
  REQUIRE_FALSE(r.findings.empty());
  CHECK(r.findings.front().severity == std::string("critical"));
  CHECK(r.findings.front().location.line == 1);
  CHECK(r.causes.empty());  // nothing failed: no error, no caller
}
