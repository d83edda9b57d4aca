#include <doctest/doctest.h>

#include <string>

#include "stackengine/render.hpp"

using namespace stackengine;

namespace {
const char* kPolicy = R"({"Statement":[{"Condition":{"StringEquals":{"sts:ExternalId":"x-1"}},"Action":"sts:AssumeRole",
 "Principal":{"AWS":["arn:aws:iam::111111111111:root"]},"Effect":"Allow","Sid":"Audit"}],"Version":"2012-10-17"})";
}

TEST_CASE("canonical JSON uses AWS key order, 2-space indent, and is stable") {
  const std::string expected = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Audit",
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "arn:aws:iam::111111111111:root"
        ]
      },
      "Action": "sts:AssumeRole",
      "Condition": {
        "StringEquals": {
          "sts:ExternalId": "x-1"
        }
      }
    }
  ]
}
)";
  RenderResult r = render_policy(kPolicy, PolicyFormat::Json);
  REQUIRE(r.ok());
  CHECK(r.text == expected);
  CHECK(render_policy(r.text, PolicyFormat::Json).text == expected);  // idempotent
  CHECK(canonical_policy_json(kPolicy) == expected);
}

TEST_CASE("canonical JSON escapes values and survives invalid UTF-8") {
  struct Row {
    std::string input;
    std::string expected_fragment;
  };
  const Row rows[] = {
      {"{\"Id\":\"a\\\"b\\\\c\\n\\u0001\"}", "\"Id\": \"a\\\"b\\\\c\\n\\u0001\""},
      {"{\"Id\":\"caf\xC3\xA9\"}", "\"Id\": \"caf\xC3\xA9\""},
      {"{\"Id\":\"bad\xFF\xFEx\"}", "\"Id\": \"bad\xEF\xBF\xBD\xEF\xBF\xBDx\""},
      {"{\"Id\":\"\xED\xA0\x80\"}", "\"Id\": \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},  // encoded surrogate
      {"{\"Version\":\"2012-10-17\",\"Statement\":{}}", "\"Statement\": {}"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    RenderResult r = render_policy(row.input, PolicyFormat::Json);
    REQUIRE(r.ok());
    CHECK(r.text.find(row.expected_fragment) != std::string::npos);
  }
}

TEST_CASE("bad input gives an error value, not a crash") {
  for (const char* bad : {"", "[1,2]", "{\"a\":", "not json", "\"str\""}) {
    CAPTURE(bad);
    for (PolicyFormat f : {PolicyFormat::Json, PolicyFormat::TerraformDocument, PolicyFormat::TerraformJsonencode,
                           PolicyFormat::CloudFormationYaml, PolicyFormat::CloudFormationJson}) {
      RenderResult r = render_policy(bad, f);
      CHECK_FALSE(r.ok());
      CHECK(r.text.empty());
    }
  }
  CHECK(canonical_policy_json("{") == "");
}

TEST_CASE("terraform data source: statement, principals and condition blocks") {
  RenderResult r = render_policy(kPolicy, PolicyFormat::TerraformDocument);
  REQUIRE(r.ok());
  CHECK(r.text == R"(data "aws_iam_policy_document" "assume_role" {
  version = "2012-10-17"

  statement {
    sid     = "Audit"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111111111111:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["x-1"]
    }
  }
}
)");
  // "Principal": "*" and policy variables that Terraform would otherwise interpolate.
  RenderResult star = render_policy(
      R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole",
          "Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::1:user/${aws:username}"}}}})",
      PolicyFormat::TerraformDocument);
  REQUIRE(star.ok());
  CHECK(star.text.find("type        = \"*\"") != std::string::npos);
  CHECK(star.text.find("$${aws:username}") != std::string::npos);
  // Not expressible: nested value under a condition key.
  CHECK_FALSE(render_policy(R"({"Statement":[{"Condition":{"StringEquals":{"k":{"x":1}}}}]})",
                            PolicyFormat::TerraformDocument).ok());
}

TEST_CASE("terraform jsonencode form quotes keys that are not identifiers") {
  RenderResult r = render_policy(kPolicy, PolicyFormat::TerraformJsonencode);
  REQUIRE(r.ok());
  CHECK(r.text == R"(assume_role_policy = jsonencode({
  Version = "2012-10-17"
  Statement = [
    {
      Sid    = "Audit"
      Effect = "Allow"
      Principal = {
        AWS = ["arn:aws:iam::111111111111:root"]
      }
      Action = "sts:AssumeRole"
      Condition = {
        StringEquals = {
          "sts:ExternalId" = "x-1"
        }
      }
    },
  ]
})
)");
}

TEST_CASE("cloudformation YAML and JSON") {
  RenderResult y = render_policy(kPolicy, PolicyFormat::CloudFormationYaml);
  REQUIRE(y.ok());
  CHECK(y.text == R"(AssumeRolePolicyDocument:
  Version: '2012-10-17'
  Statement:
    - Sid: Audit
      Effect: Allow
      Principal:
        AWS:
          - 'arn:aws:iam::111111111111:root'
      Action: 'sts:AssumeRole'
      Condition:
        StringEquals:
          'sts:ExternalId': x-1
)");
  RenderResult q = render_policy(R"({"Id":"it's","Statement":[{"Sid":"yes","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}}]})",
                                 PolicyFormat::CloudFormationYaml);
  CHECK(q.text.find("Id: 'it''s'") != std::string::npos);
  CHECK(q.text.find("- Sid: 'yes'") != std::string::npos);  // YAML 1.1 boolean word stays a string
  CHECK(q.text.find("'aws:MultiFactorAuthPresent': true") != std::string::npos);
  RenderResult j = render_policy(kPolicy, PolicyFormat::CloudFormationJson);
  REQUIRE(j.ok());
  CHECK(j.text.rfind("{\n  \"AssumeRolePolicyDocument\": {\n    \"Version\": \"2012-10-17\",\n", 0) == 0);
  CHECK(j.text.substr(j.text.size() - 6) == "  }\n}\n");
}

TEST_CASE("format names") {
  PolicyFormat f{};
  CHECK(parse_policy_format("terraform", f));
  CHECK(f == PolicyFormat::TerraformDocument);
  CHECK(parse_policy_format("cloudformation", f));
  CHECK(f == PolicyFormat::CloudFormationYaml);
  CHECK_FALSE(parse_policy_format("xml", f));
}

TEST_CASE("unified diff: hunks, context, and edge cases") {
  struct Row {
    std::string a, b, expected;
  };
  const Row rows[] = {
      {"a\nb\nc\n", "a\nb\nc\n", ""},
      {"a\nb\nc\n", "a\nB\nc\n", "--- original\n+++ fixed\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
      {"", "x\n", "--- original\n+++ fixed\n@@ -0,0 +1 @@\n+x\n"},
      {"x\n", "", "--- original\n+++ fixed\n@@ -1 +0,0 @@\n-x\n"},
      {"a\n", "a", "--- original\n+++ fixed\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n"},
      // Two changes far apart give two hunks; insertion keeps its position.
      {"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n",
       "--- original\n+++ fixed\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8,3 +8,4 @@\n 8\n 9\n 10\n+11\n"},
      // Changes 6 lines apart (= 2 * context) merge into one hunk.
      {"1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n",
       "--- original\n+++ fixed\n@@ -1,8 +1,8 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.a);
    CAPTURE(r.b);
    CHECK(unified_diff(r.a, r.b) == r.expected);
  }
}

TEST_CASE("unified diff is minimal: insertions inside a canonical policy touch only new lines") {
  const std::string a = render_policy(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]})",
                                      PolicyFormat::Json).text;
  const std::string b = render_policy(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
      "Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}]})", PolicyFormat::Json).text;
  const std::string d = unified_diff(a, b);
  CHECK(d.find("-      \"Action\": \"sts:AssumeRole\"\n+      \"Action\": \"sts:AssumeRole\",\n") != std::string::npos);
  CHECK(d.find("+        \"StringEquals\": {\n") != std::string::npos);
  int minus = 0;
  for (std::size_t p = d.find("\n-"); p != std::string::npos; p = d.find("\n-", p + 1)) ++minus;
  CHECK(minus == 1);
}
