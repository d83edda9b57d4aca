// SDK snippets: boto3, JS v3, Go v2, Java v2.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {
const std::string kBoto3 =
    "import boto3\n"
    "\n"
    "sts = boto3.client(\"sts\", region_name=\"eu-west-1\")\n"
    "response = sts.assume_role(\n"
    "    RoleArn=\"arn:aws:iam::111122223333:role/vendor\",\n"
    "    RoleSessionName=\"boto-session\",  # who we are\n"
    "    DurationSeconds=3600,\n"
    ")\n";
const std::string kJsCommand =
    "import { STSClient, AssumeRoleCommand } from \"@aws-sdk/client-sts\";\n"
    "const client = new STSClient({ region: \"us-east-1\" });\n"
    "const out = await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/x', RoleSessionName: 'js' }));\n";
const std::string kJsTemporary =
    "const credentials = fromTemporaryCredentials({\n"
    "  params: {\n"
    "    RoleArn: \"arn:aws:iam::111122223333:role/x\",\n"
    "    RoleSessionName: \"tmp\",\n"
    "  },\n"
    "  clientConfig: { region: \"us-west-2\" },\n"
    "});\n";
const std::string kGoProvider =
    "cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion(\"us-east-1\"))\n"
    "client := sts.NewFromConfig(cfg)\n"
    "provider := stscreds.NewAssumeRoleProvider(client, \"arn:aws:iam::111122223333:role/x\", func(o *stscreds.AssumeRoleOptions) {\n"
    "\to.RoleSessionName = \"go-session\"\n"
    "\to.Duration = 15 * time.Minute\n"
    "})\n";
const std::string kGoInput =
    "out, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{\n"
    "\tRoleArn:         aws.String(\"arn:aws:iam::111122223333:role/x\"),\n"
    "\tRoleSessionName: aws.String(\"go\"),\n"
    "})\n";
const std::string kJava =
    "AssumeRoleRequest roleRequest = AssumeRoleRequest.builder()\n"
    "        .roleArn(\"arn:aws:iam::111122223333:role/x\")\n"
    "        .roleSessionName(\"java-session\")\n"
    "        .build();\n";

struct Case {
  const char* name;
  std::string text;
  const char* format;
  std::vector<std::pair<const char*, const char*>> fields;
  std::string fixed;  // after adding ExternalId "Ext-1" and DurationSeconds 1800
};
}  // namespace

TEST_CASE("sdk: each snippet is detected, parsed with located fields, and fixed in its own style") {
  const std::vector<Case> cases = {
      {"boto3", kBoto3, "boto3",
       {{"role_arn", "arn:aws:iam::111122223333:role/vendor"}, {"session_name", "boto-session"},
        {"duration_seconds", "3600"}, {"region", "eu-west-1"}},
       "import boto3\n\nsts = boto3.client(\"sts\", region_name=\"eu-west-1\")\nresponse = sts.assume_role(\n"
       "    RoleArn=\"arn:aws:iam::111122223333:role/vendor\",\n    RoleSessionName=\"boto-session\",  # who we are\n"
       "    DurationSeconds=1800,\n    ExternalId=\"Ext-1\",\n)\n"},
      {"JS v3 AssumeRoleCommand", kJsCommand, "js-sdk-v3",
       {{"role_arn", "arn:aws:iam::111122223333:role/x"}, {"session_name", "js"}, {"region", "us-east-1"}},
       "import { STSClient, AssumeRoleCommand } from \"@aws-sdk/client-sts\";\n"
       "const client = new STSClient({ region: \"us-east-1\" });\n"
       "const out = await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/x', "
       "RoleSessionName: 'js', ExternalId: 'Ext-1', DurationSeconds: 1800 }));\n"},
      {"JS v3 fromTemporaryCredentials", kJsTemporary, "js-sdk-v3",
       {{"role_arn", "arn:aws:iam::111122223333:role/x"}, {"session_name", "tmp"}, {"region", "us-west-2"}},
       "const credentials = fromTemporaryCredentials({\n  params: {\n    RoleArn: \"arn:aws:iam::111122223333:role/x\",\n"
       "    RoleSessionName: \"tmp\",\n    ExternalId: \"Ext-1\",\n    DurationSeconds: 1800,\n  },\n"
       "  clientConfig: { region: \"us-west-2\" },\n});\n"},
      {"Go v2 stscreds options", kGoProvider, "go-sdk-v2",
       {{"role_arn", "arn:aws:iam::111122223333:role/x"}, {"session_name", "go-session"}, {"duration_seconds", "900"},
        {"region", "us-east-1"}},
       "cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion(\"us-east-1\"))\nclient := sts.NewFromConfig(cfg)\n"
       "provider := stscreds.NewAssumeRoleProvider(client, \"arn:aws:iam::111122223333:role/x\", func(o *stscreds.AssumeRoleOptions) {\n"
       "\to.RoleSessionName = \"go-session\"\n\to.Duration = 30 * time.Minute\n\to.ExternalID = aws.String(\"Ext-1\")\n})\n"},
      {"Go v2 AssumeRoleInput", kGoInput, "go-sdk-v2",
       {{"role_arn", "arn:aws:iam::111122223333:role/x"}, {"session_name", "go"}},
       "out, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{\n\tRoleArn:         aws.String(\"arn:aws:iam::111122223333:role/x\"),\n"
       "\tRoleSessionName: aws.String(\"go\"),\n\tExternalId: aws.String(\"Ext-1\"),\n\tDurationSeconds: aws.Int32(1800),\n})\n"},
      {"Java v2 builder", kJava, "java-sdk-v2",
       {{"role_arn", "arn:aws:iam::111122223333:role/x"}, {"session_name", "java-session"}},
       "AssumeRoleRequest roleRequest = AssumeRoleRequest.builder()\n        .roleArn(\"arn:aws:iam::111122223333:role/x\")\n"
       "        .roleSessionName(\"java-session\")\n        .externalId(\"Ext-1\")\n        .durationSeconds(1800)\n        .build();\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(detect_caller_format(c.text) == c.format);
    CallerParseResult r = parse_caller(c.text);
    REQUIRE_MESSAGE(r.ok(), r.error.message);
    CHECK(r.caller()->operation == "AssumeRole");
    for (const auto& entry : c.fields) {
      // clang-14 cannot capture structured bindings in CAPTURE's lambda.
      const auto& f = entry.first;
      const auto& v = entry.second;
      CAPTURE(f);
      CHECK(field_value(*r.caller(), f) == v);
      CHECK(r.caller()->field(f)->span.start.line >= 1);
    }
    CHECK(r.problems.empty());
    CallerFixRequest req;
    req.external_id = "Ext-1";
    req.duration_seconds = 1800;
    CallerFixResult fx = fix_caller(c.text, req);
    REQUIRE_MESSAGE(fx.ok(), fx.error.message);
    CHECK(fx.text == c.fixed);
    CallerParseResult again = parse_caller(fx.text);
    REQUIRE(again.ok());
    CHECK(again.caller()->external_id == "Ext-1");
    CHECK(again.caller()->duration_seconds == 1800);
    CHECK(fix_caller(c.text, CallerFixRequest{}).text == c.text);
  }
}

TEST_CASE("sdk: replacing keeps the quote character; variables are expressions, not validated") {
  const std::string py = "sts.assume_role(RoleArn=role_arn, RoleSessionName='s1', ExternalId='old')";
  CallerParseResult r = parse_caller(py);
  REQUIRE(r.ok());
  CHECK_FALSE(r.caller()->field("role_arn")->literal);
  CHECK(r.problems.empty());
  CallerFixRequest req;
  req.external_id = "new-id";
  CHECK(fix_caller(py, req).text == "sts.assume_role(RoleArn=role_arn, RoleSessionName='s1', ExternalId='new-id')");
  const std::string go = "p := stscreds.NewAssumeRoleProvider(client, roleARN)";
  CallerFixResult g = fix_caller(go, req);
  REQUIRE(g.ok());
  CHECK(g.text == "p := stscreds.NewAssumeRoleProvider(client, roleARN, func(o *stscreds.AssumeRoleOptions) { o.ExternalID = aws.String(\"new-id\") })");
  const std::string js = "const input = {\n  RoleArn: ARN, // from env\n  RoleSessionName: `s`\n};\nawait sts.send(new AssumeRoleCommand(input));\n";
  CallerFixResult j = fix_caller(js, req);
  REQUIRE(j.ok());
  CHECK(j.text == "const input = {\n  RoleArn: ARN, // from env\n  RoleSessionName: `s`,\n  ExternalId: \"new-id\"\n};\nawait sts.send(new AssumeRoleCommand(input));\n");
}

TEST_CASE("sdk: negative cases") {
  // Web identity cannot carry an ExternalId.
  const std::string web = "sts.assume_role_with_web_identity(RoleArn='arn:aws:iam::111122223333:role/w', RoleSessionName='w', WebIdentityToken=tok)";
  CallerParseResult r = parse_caller(web);
  REQUIRE(r.ok());
  CHECK(r.caller()->operation == "AssumeRoleWithWebIdentity");
  CHECK(r.caller()->field("web_identity_token")->secret);
  CallerFixRequest req;
  req.external_id = "e-1";
  CallerFixResult f = fix_caller(web, req);
  CHECK(f.text == web);
  CHECK(has_problem(f.problems, "CALLER_FIELD_NOT_SUPPORTED"));
  // Bad literal values are explained.
  CallerParseResult bad = parse_caller("AssumeRoleRequest.builder().roleArn(\"arn:aws:iam::111122223333:role/x\").roleSessionName(\"a b\").durationSeconds(100).build()");
  REQUIRE(bad.ok());
  CHECK(has_problem(bad.problems, "CALLER_SESSION_NAME_CHARSET"));
  CHECK(has_problem(bad.problems, "CALLER_DURATION_RANGE"));
  // No call at all.
  CallerParseResult none = parse_caller_as("import boto3\nprint('hi')\n", "boto3");
  CHECK(none.error.code == "CALLER_NOT_FOUND");
  // Truncated paste: still a value, never a crash.
  CallerParseResult cut = parse_caller("sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/x', RoleSession");
  CHECK(cut.ok());
  // Go token codes come from a TokenProvider.
  CallerFixRequest tok;
  tok.token_code = "123456";
  CallerFixResult t = fix_caller(kGoProvider, tok);
  CHECK(has_problem(t.problems, "CALLER_FIELD_NOT_SUPPORTED"));
}
