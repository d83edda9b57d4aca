// Session tags: added in each format's own syntax, replaced in place when the key is sent.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {
bool sends(const CallerConfig& c, const std::string& key, const std::string& value) {
  for (const CallerTag& t : c.tags)
    if (t.key == key && t.value == value) return true;
  return false;
}
}  // namespace

TEST_CASE("tags: each format adds or replaces session tags in its own syntax") {
  struct Case {
    const char* name;
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"aws-cli: new option", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s",
       "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s --tags Key=team,Value=red"},
      {"aws-cli: replace a value in place", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --tags Key=team,Value=blue Key=env,Value=prod",
       "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --tags Key=team,Value=red Key=env,Value=prod"},
      {"terraform: new tags map",
       "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n  }\n}\n",
       "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    tags = {\n      team = \"red\"\n    }\n  }\n}\n"},
      {"terraform: entry added to a map",
       "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    tags = {\n      env = \"prod\"\n    }\n  }\n}\n",
       "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    tags = {\n      env = \"prod\"\n      team = \"red\"\n    }\n  }\n}\n"},
      {"terraform: value replaced", "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    tags = { team = \"blue\" }\n  }\n}\n",
       "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    tags = { team = \"red\" }\n  }\n}\n"},
      {"boto3: new list", "sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/p', RoleSessionName='p')",
       "sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/p', RoleSessionName='p', Tags=[{'Key': 'team', 'Value': 'red'}])"},
      {"boto3: appended", "sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/p', Tags=[{'Key': 'env', 'Value': 'prod'}])",
       "sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/p', Tags=[{'Key': 'env', 'Value': 'prod'}, {'Key': 'team', 'Value': 'red'}])"},
      {"js: value replaced", "new AssumeRoleCommand({ RoleArn: \"arn:aws:iam::111122223333:role/j\", Tags: [{ Key: \"team\", Value: \"blue\" }] })",
       "new AssumeRoleCommand({ RoleArn: \"arn:aws:iam::111122223333:role/j\", Tags: [{ Key: \"team\", Value: \"red\" }] })"},
      {"java: builder call", "AssumeRoleRequest.builder().roleArn(\"arn:aws:iam::111122223333:role/j\").build()",
       "AssumeRoleRequest.builder().roleArn(\"arn:aws:iam::111122223333:role/j\").tags(Tag.builder().key(\"team\").value(\"red\").build()).build()"},
      {"go: input struct", "client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(\"arn:aws:iam::111122223333:role/g\")})",
       "client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(\"arn:aws:iam::111122223333:role/g\"), Tags: []types.Tag{{Key: aws.String(\"team\"), Value: aws.String(\"red\")}}})"},
  };
  CallerFixRequest req;
  req.tags = {{"team", "red"}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CallerFixResult f = fix_caller(c.in, req);
    REQUIRE_MESSAGE(f.ok(), f.error.message);
    CHECK(f.text == c.out);
    CHECK_FALSE(has_problem(f.problems, "CALLER_FIELD_NOT_SUPPORTED"));
    CallerParseResult again = parse_caller(f.text);
    REQUIRE(again.ok());
    CHECK(sends(*again.caller(), "team", "red"));
    // Asking again changes nothing.
    CallerFixResult twice = fix_caller(f.text, req);
    CHECK(twice.text == f.text);
  }
}

TEST_CASE("tags: formats that cannot carry them say why") {
  CallerFixRequest req;
  req.tags = {{"team", "red"}};
  for (const std::string& text :
       {std::string("[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\ncredential_source = Environment\n"),
        std::string("- uses: aws-actions/configure-aws-credentials@v4\n  with:\n    role-to-assume: arn:aws:iam::111122223333:role/g\n"),
        std::string("aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111122223333:role/W --role-session-name w --web-identity-token t"),
        std::string("aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --tags '[{\"Key\":\"a\",\"Value\":\"b\"}]'")}) {
    CAPTURE(text);
    CallerFixResult f = fix_caller(text, req);
    REQUIRE(f.ok());
    CHECK(f.text == text);
    CHECK(has_problem(f.problems, "CALLER_FIELD_NOT_SUPPORTED"));
  }
  CallerFixRequest bad;
  bad.tags = {{"", "x"}};
  CallerFixResult f = fix_caller("aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R", bad);
  CHECK(has_problem(f.problems, "CALLER_TAG_LIMITS"));
}
