#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stackengine/aws_error.hpp"

using namespace stackengine;

namespace {

std::string kind_of(const std::string& text) { return error_kind_id(parse_aws_error(text).error.kind); }

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}

struct KindCase {
  const char* name;
  const char* text;
  const char* kind;
};

}  // namespace

TEST_CASE("every kind is recognised from its wording, wrapped or bare") {
  const std::vector<KindCase> cases = {
      {"cli classic",
       "An error occurred (AccessDenied) when calling the AssumeRole operation: User: "
       "arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: "
       "arn:aws:iam::987654321098:role/cross-account-role",
       "ERR_ASSUME_ROLE_ACCESS_DENIED"},
      {"no role trust policy allows",
       "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: sts:AssumeRole because no "
       "role trust policy allows the sts:AssumeRole action",
       "ERR_ASSUME_ROLE_ACCESS_DENIED"},
      {"explicit deny",
       "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: sts:AssumeRole on resource: "
       "arn:aws:iam::123456789012:role/R with an explicit deny in a service control policy",
       "ERR_ASSUME_ROLE_ACCESS_DENIED"},
      {"terraform old", "The role \"arn:aws:iam::111111111111:role/trustedrole\" cannot be assumed.",
       "ERR_ASSUME_ROLE_ACCESS_DENIED"},
      {"web identity", "Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity",
       "ERR_WEB_IDENTITY_NOT_AUTHORIZED"},
      {"oidc provider", "Error: No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com",
       "ERR_OIDC_PROVIDER_NOT_FOUND"},
      {"oidc audience",
       "An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect "
       "token audience",
       "ERR_OIDC_AUDIENCE"},
      {"param validation",
       "An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: "
       "Value 'a b' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression "
       "pattern: [\\w+=,.@:\\/-]*",
       "ERR_PARAMETER_VALIDATION"},
      {"botocore length", "Parameter validation failed:\nInvalid length for parameter RoleSessionName, value: 1, valid range: 2-inf",
       "ERR_PARAMETER_VALIDATION"},
      {"duration",
       "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds "
       "exceeds the MaxSessionDuration set for this role.",
       "ERR_DURATION_EXCEEDS_MAX"},
      {"duration chaining",
       "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds "
       "exceeds the 1 hour session limit for roles assumed by role chaining.",
       "ERR_DURATION_EXCEEDS_MAX"},
      {"duration constraint",
       "1 validation error detected: Value '50000' at 'durationSeconds' failed to satisfy constraint: Member "
       "must have value less than or equal to 43200",
       "ERR_DURATION_EXCEEDS_MAX"},
      {"invalid token",
       "An error occurred (InvalidClientTokenId) when calling the AssumeRole operation: The security token "
       "included in the request is invalid.",
       "ERR_INVALID_CLIENT_TOKEN"},
      {"signature",
       "An error occurred (SignatureDoesNotMatch) when calling the AssumeRole operation: The request signature "
       "we calculated does not match the signature you provided.",
       "ERR_INVALID_CLIENT_TOKEN"},
      {"expired",
       "An error occurred (ExpiredToken) when calling the AssumeRole operation: The security token included in "
       "the request is expired",
       "ERR_EXPIRED_TOKEN"},
      {"root", "An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.",
       "ERR_ROOT_CALLER"},
      {"tag session",
       "User: arn:aws:iam::111111111111:user/deployer is not authorized to perform: sts:TagSession on resource: "
       "arn:aws:iam::111111111111:role/devops",
       "ERR_TAG_SESSION_DENIED"},
      {"source identity",
       "User: arn:aws:sts::111111111111:assumed-role/A/s is not authorized to perform: sts:SetSourceIdentity on "
       "resource: arn:aws:iam::111111111111:role/B",
       "ERR_SET_SOURCE_IDENTITY_DENIED"},
      {"mfa",
       "An error occurred (AccessDenied) when calling the AssumeRole operation: MultiFactorAuthentication failed "
       "with invalid MFA one time pass code.",
       "ERR_MFA"},
      {"malformed", "An error occurred (MalformedPolicyDocument) when calling the CreateRole operation: Has prohibited field Resource",
       "ERR_MALFORMED_POLICY"},
      {"invalid principal",
       "Error: creating IAM Role: MalformedPolicyDocument: Invalid principal in policy: "
       "\"AWS\":\"arn:aws:iam::111111111111:user/gone\"",
       "ERR_MALFORMED_POLICY"},
      {"saml", "Not authorized to perform sts:AssumeRoleWithSAML (Service: AWSSecurityTokenService; Status Code: 403; "
               "Error Code: AccessDenied; Request ID: fe270994-9399-11e7-a47b-d3b1bc4b70cf)",
       "ERR_SAML"},
      {"unknown", "Everything went fine, 3 resources added.", "ERR_UNKNOWN"},
      {"s3 access denied is not sts", "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
       "ERR_UNKNOWN"},
  };
  for (const KindCase& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    CHECK(kind_of(c.text) == std::string(c.kind));
  }
}

TEST_CASE("the seed AccessDenied text yields code, operation, caller, action and resource with locations") {
  const std::string text =
      "An error occurred (AccessDenied) when calling the AssumeRole operation: User: "
      "arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: "
      "arn:aws:iam::987654321098:role/cross-account-role";
  ErrorParseResult r = parse_aws_error(text);
  REQUIRE(r.ok());
  const AwsError& e = r.error;
  CHECK(e.kind == ErrorKind::AssumeRoleAccessDenied);
  CHECK(e.code.value == "AccessDenied");
  CHECK(e.operation.value == "AssumeRole");
  CHECK(e.caller.value == "arn:aws:iam::123456789012:user/dev");
  CHECK(e.action.value == "sts:AssumeRole");
  CHECK(e.resource.value == "arn:aws:iam::987654321098:role/cross-account-role");
  CHECK(e.denial == "classic");
  CHECK(e.source == "aws-cli");
  CHECK(e.message.value.rfind("User: arn:aws:iam::123456789012:user/dev", 0) == 0);
  CHECK(text.substr(e.caller.start.offset, e.caller.end.offset - e.caller.start.offset) == e.caller.value);
  CHECK(text.substr(e.resource.start.offset, e.resource.end.offset - e.resource.start.offset) == e.resource.value);
  CHECK(e.code.start.column == 20);
}

TEST_CASE("Terraform's wrapped diagnostic: margins and line breaks inside the message") {
  const std::string text =
      "\xE2\x94\x82 Error: operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: "
      "7fc04918-fe93-4633-89d1-e1a4f2fe6e1a, api error AccessDenied: User:\n"
      "\xE2\x94\x82 arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_abc/alvin is not authorized to "
      "perform: sts:AssumeRole on resource:\n"
      "\xE2\x94\x82 arn:aws:iam::222222222222:role/TerraformExecutionRoleDev";
  const AwsError e = parse_aws_error(text).error;
  CHECK(e.kind == ErrorKind::AssumeRoleAccessDenied);
  CHECK(e.code.value == "AccessDenied");
  CHECK(e.operation.value == "AssumeRole");
  CHECK(e.status_code.value == "403");
  CHECK(e.request_id.value == "7fc04918-fe93-4633-89d1-e1a4f2fe6e1a");
  CHECK(e.caller.value == "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_abc/alvin");
  CHECK(e.caller.start.line == 2);
  CHECK(e.caller.start.column == 3);
  CHECK(e.resource.value == "arn:aws:iam::222222222222:role/TerraformExecutionRoleDev");
  CHECK(e.resource.start.line == 3);
  CHECK(e.source == "terraform");
}

TEST_CASE("denial variants and the policy type that decided") {
  struct Case {
    const char* text;
    const char* denial;
    const char* policy_type;
    bool explicit_deny;
  };
  const std::vector<Case> cases = {
      {"User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole because no role trust policy "
       "allows the sts:AssumeRole action",
       "no-policy-allows", "role trust", false},
      {"User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r "
       "because no identity-based policy allows the sts:AssumeRole action",
       "no-policy-allows", "identity-based", false},
      {"User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole with an explicit deny in the role "
       "trust policy",
       "explicit-deny", "role trust", true},
      {"User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::2:role/r "
       "with an explicit deny in a permissions boundary",
       "explicit-deny", "permissions boundary", true},
      {"AccessDenied: Not authorized to perform sts:AssumeRole", "generic", "", false},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const AwsError e = parse_aws_error(c.text).error;
    CHECK(e.kind == ErrorKind::AssumeRoleAccessDenied);
    CHECK(e.denial == c.denial);
    CHECK(e.policy_type.value == std::string(c.policy_type));
    CHECK(e.explicit_deny == c.explicit_deny);
  }
}

TEST_CASE("validation errors name the parameter, the value and the constraint") {
  struct Case {
    const char* text;
    const char* parameter;
    const char* value;
    const char* constraint_prefix;
  };
  const std::vector<Case> cases = {
      {"An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: "
       "Value '%20' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: "
       "[\\w+=,.@:\\/-]*",
       "externalId", "%20", "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"},
      {"##[error]1 validation error detected: Value '' at 'externalId' failed to satisfy constraint: Member must "
       "have length greater than or equal to 2",
       "externalId", "", "Member must have length greater than or equal to 2"},
      {"Parameter validation failed:\nInvalid length for parameter ExternalId, value: 1, valid range: 2-inf",
       "ExternalId", "1", "valid range: 2-inf"},
      {"1 validation error detected: Value 'XMode Social' at 'externalId' failed to satisfy constraint: Member "
       "must satisfy regular expression pattern: [\\w+=,.@:\\/-]* (Service: AWSSecurityTokenService; Status Code: "
       "400; Error Code: ValidationError; Request ID: uuid)",
       "externalId", "XMode Social", "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const AwsError e = parse_aws_error(c.text).error;
    CHECK(e.kind == ErrorKind::ParameterValidation);
    CHECK(e.parameter.value == c.parameter);
    CHECK(e.parameter_value.value == c.value);
    CHECK(e.constraint.value == c.constraint_prefix);
  }
}

TEST_CASE("log noise, ANSI colours and python reprs around the message") {
  const std::string text =
      "2024-05-01T12:34:56.1234567Z \x1b[31mERROR\x1b[0m something failed\n"
      "2024-05-01T12:34:56.1234568Z error=ClientError('An error occurred (AccessDenied) when calling the "
      "AssumeRole operation: User: arn:aws:sts::111111111111:assumed-role/R1/s is not authorized to perform: "
      "sts:SetSourceIdentity on resource: arn:aws:iam::111111111111:role/Hub')\n"
      "2024-05-01T12:34:57.0000000Z retrying";
  const AwsError e = parse_aws_error(text).error;
  CHECK(e.kind == ErrorKind::SetSourceIdentityDenied);
  CHECK(e.resource.value == "arn:aws:iam::111111111111:role/Hub");
  CHECK(e.action.value == "sts:SetSourceIdentity");
  CHECK(e.operation.value == "AssumeRole");
  CHECK(e.message.value.find("retrying") == std::string::npos);
}

TEST_CASE("implied operation and provider URL for OIDC errors") {
  const AwsError e =
      parse_aws_error("Error: No OpenIDConnect provider found in your account for https://github.example.net/_services/token")
          .error;
  CHECK(e.kind == ErrorKind::OidcProviderNotFound);
  CHECK(e.oidc_provider.value == "https://github.example.net/_services/token");
  CHECK(e.operation.value == "AssumeRoleWithWebIdentity");
}

TEST_CASE("bad input gives an error value, empty input is flagged, nothing crashes") {
  ErrorParseResult bin = parse_aws_error(std::string("ab\0c", 4));
  CHECK(bin.input_error.code == "INPUT_BINARY");
  ErrorParseResult utf = parse_aws_error("x\n\xC3\x28");
  CHECK(utf.input_error.code == "INPUT_INVALID_UTF8");
  ErrorParseResult empty = parse_aws_error("  \n\t ");
  CHECK(empty.ok());
  CHECK(empty.empty);
  CHECK(empty.error.kind == ErrorKind::Unknown);
  // Truncated shapes must not read past the end.
  for (const char* t : {"An error occurred (", "An error occurred (AccessDenied", "User: x is not authorized to perform",
                        "not authorized to perform: sts:AssumeRole on resource:", "Value 'x' at '",
                        "' failed to satisfy constraint:", "Invalid length for parameter ", "api error ",
                        "No OpenIDConnect provider found in your account for ", "role \" cannot be assumed",
                        "\xE2\x94\x82", "\x1b[", "failed to assume role \""}) {
    CAPTURE(t);
    CHECK_NOTHROW(parse_aws_error(t));
  }
}

TEST_CASE("kind ids round-trip") {
  for (ErrorKind k : all_error_kinds()) {
    ErrorKind back = ErrorKind::Unknown;
    REQUIRE(parse_error_kind(error_kind_id(k), back));
    CHECK(back == k);
  }
  ErrorKind k;
  CHECK_FALSE(parse_error_kind("ERR_NOPE", k));
}

TEST_CASE("every real-world error in ../shared/corpus parses to a kind") {
  const auto path = shared_dir() / "corpus" / "real-world" / "errors" / "errors.jsonl";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: ../shared/corpus not found (set STACKENGINE_SHARED)");
    return;
  }
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    const std::string text = j.at("text").get<std::string>();
    CAPTURE(text);
    const ErrorParseResult r = parse_aws_error(text);
    REQUIRE(r.ok());
    // Every line of the corpus names an STS failure, so none may stay unknown.
    CHECK(r.error.kind != ErrorKind::Unknown);
    // Whatever was located must be where it says.
    for (const ErrorField* f : {&r.error.caller, &r.error.resource, &r.error.code}) {
      if (!f->present() || f->value.find(' ') != std::string::npos) continue;
      if (f->end.offset - f->start.offset == f->value.size())
        CHECK(text.substr(f->start.offset, f->value.size()) == f->value);
    }
    ++n;
  }
  CHECK(n >= 40);
}
