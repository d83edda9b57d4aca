// github-actions: aws-actions/configure-aws-credentials steps.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {
const std::string kKeys =
    "steps:\n"
    "  - name: Configure AWS Credentials\n"
    "    uses: aws-actions/configure-aws-credentials@v4\n"
    "    with:\n"
    "      aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n"
    "      aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n"
    "      role-to-assume: arn:aws:iam::111122223333:role/deploy  # the vendor role\n"
    "      role-session-name: 'ci-run'\n"
    "      aws-region: us-east-1\n"
    "  - run: aws sts get-caller-identity\n";
const std::string kOidc =
    "    steps:\n"
    "      - uses: aws-actions/configure-aws-credentials@v4\n"
    "        with:\n"
    "          role-to-assume: arn:aws:iam::111122223333:role/gha\n"
    "          aws-region: eu-west-1\n";
}  // namespace

TEST_CASE("github-actions: parses steps, quoting and comments") {
  struct Case {
    const char* name;
    std::string text;
    const char* operation;
    std::vector<std::pair<const char*, const char*>> fields;
  };
  const std::vector<Case> cases = {
      {"static keys", kKeys, "AssumeRole",
       {{"role_arn", "arn:aws:iam::111122223333:role/deploy"}, {"session_name", "ci-run"}, {"region", "us-east-1"}}},
      {"OIDC", kOidc, "AssumeRoleWithWebIdentity", {{"role_arn", "arn:aws:iam::111122223333:role/gha"}}},
      {"role chaining and duration",
       "- uses: aws-actions/configure-aws-credentials@v6\n  with:\n    role-to-assume: \"arn:aws:iam::111122223333:role/x\"\n    role-chaining: true\n    role-duration-seconds: 7200\n",
       "AssumeRole", {{"role_arn", "arn:aws:iam::111122223333:role/x"}, {"duration_seconds", "7200"}, {"role_chaining", "true"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(detect_caller_format(c.text) == "github-actions");
    CallerParseResult r = parse_caller(c.text);
    REQUIRE_MESSAGE(r.ok(), r.error.message);
    CHECK(r.caller()->operation == c.operation);
    for (const auto& entry : c.fields) {
      // clang-14 cannot capture structured bindings in CAPTURE's lambda.
      const auto& f = entry.first;
      const auto& v = entry.second;
      CAPTURE(f);
      CHECK(field_value(*r.caller(), f) == v);
    }
  }
  CallerParseResult keys = parse_caller(kKeys);
  CHECK(keys.caller()->name == "Configure AWS Credentials");
  CHECK(span_text(kKeys, keys.caller()->field("session_name")->span) == "'ci-run'");
  CHECK(keys.caller()->field("aws_secret_access_key")->secret);
  CHECK(has_problem(keys.problems, "CALLER_GHA_SESSION_TAGS"));
}

TEST_CASE("github-actions: negative cases") {
  // Another action is not a caller.
  CallerParseResult other = parse_caller_as("- uses: actions/checkout@v4\n", "github-actions");
  CHECK(other.error.code == "CALLER_NOT_FOUND");
  // Role chaining caps the duration at one hour.
  CallerParseResult chain = parse_caller(
      "- uses: aws-actions/configure-aws-credentials@v6\n  with:\n    role-to-assume: arn:aws:iam::111122223333:role/x\n    role-chaining: true\n    role-duration-seconds: 7200\n");
  REQUIRE(chain.ok());
  CHECK(chain.caller()->role_chaining);
  CHECK(has_problem(chain.problems, "CALLER_DURATION_ROLE_CHAINING"));
  // A trailing dot on the role name.
  CallerParseResult dot = parse_caller(
      "- uses: aws-actions/configure-aws-credentials@v2\n  with:\n    role-to-assume: arn:aws:iam::111122223333:role/Deploy.\n");
  CHECK(has_problem(dot.problems, "CALLER_ROLE_ARN_TRAILING_PUNCTUATION"));
}

TEST_CASE("github-actions: fixes add an input at the with: indentation or replace in place") {
  CallerFixRequest ext;
  ext.external_id = "Ext-9";
  CallerFixResult f = fix_caller(kKeys, ext);
  REQUIRE(f.ok());
  CHECK(f.text ==
        "steps:\n"
        "  - name: Configure AWS Credentials\n"
        "    uses: aws-actions/configure-aws-credentials@v4\n"
        "    with:\n"
        "      aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n"
        "      aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n"
        "      role-to-assume: arn:aws:iam::111122223333:role/deploy  # the vendor role\n"
        "      role-session-name: 'ci-run'\n"
        "      aws-region: us-east-1\n"
        "      role-external-id: Ext-9\n"
        "  - run: aws sts get-caller-identity\n");
  CHECK(parse_caller(f.text).caller()->external_id == "Ext-9");

  CallerFixRequest name;
  name.session_name = "deploy-42";
  CallerFixResult g = fix_caller(kKeys, name);
  REQUIRE(g.ok());
  CHECK(g.text.find("role-session-name: 'deploy-42'\n") != std::string::npos);
  CHECK(changed_input_bytes(kKeys, g.text) == std::string("ci-run").size());

  CallerFixRequest dur;
  dur.duration_seconds = 1800;
  CallerFixResult d = fix_caller(kOidc, dur);
  REQUIRE(d.ok());
  CHECK(d.text == kOidc + "          role-duration-seconds: 1800\n");
}

TEST_CASE("github-actions: an OIDC step cannot send an ExternalId, and says so") {
  CallerFixRequest ext;
  ext.external_id = "Ext-9";
  CallerFixResult f = fix_caller(kOidc, ext);
  REQUIRE(f.ok());
  CHECK(f.text == kOidc);
  REQUIRE(has_problem(f.problems, "CALLER_FIELD_NOT_SUPPORTED"));
}
