// aws-config: ~/.aws/config and ~/.aws/credentials profiles.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {
const std::string kConfig =
    "[default]\n"
    "region = us-east-1\n"
    "\n"
    "# the deploy role, from the default keys\n"
    "[profile deploy]\n"
    "role_arn = arn:aws:iam::111122223333:role/deploy\n"
    "source_profile = default\n"
    "mfa_serial = arn:aws:iam::444455556666:mfa/alice\n"
    "\n"
    "[profile chained]\n"
    "role_arn = arn:aws:iam::777788889999:role/next\n"
    "source_profile = deploy\n"
    "duration_seconds = 7200\n";
}

TEST_CASE("aws-config: profiles, fields and the source_profile chain") {
  CHECK(detect_caller_format(kConfig) == "aws-config");
  CallerParseResult r = parse_caller(kConfig);
  REQUIRE(r.ok());
  REQUIRE(r.callers.size() == 3);
  const CallerConfig& deploy = *r.caller();
  CHECK(deploy.name == "deploy");
  CHECK(deploy.operation == "AssumeRole");
  CHECK(deploy.role_arn == "arn:aws:iam::111122223333:role/deploy");
  CHECK(deploy.mfa_serial == "arn:aws:iam::444455556666:mfa/alice");
  CHECK(deploy.source_chain == std::vector<std::string>{"default"});
  CHECK_FALSE(deploy.role_chaining);
  CHECK(deploy.field("role_arn")->span.start.line == 6);
  CHECK(deploy.field("role_arn")->span.start.column == 12);
  const CallerConfig& chained = r.callers[2];
  CHECK(chained.source_chain == std::vector<std::string>{"deploy", "default"});
  CHECK(chained.role_chaining);
  CHECK(chained.duration_seconds == 7200);
  // Role chaining caps the session at one hour.
  CHECK(has_problem(r.problems, "CALLER_DURATION_ROLE_CHAINING"));
}

TEST_CASE("aws-config: positive and negative parsing cases") {
  struct Case {
    const char* name;
    std::string text;
    const char* field;
    const char* value;
    const char* problem;  // "" for none expected
  };
  const std::vector<Case> cases = {
      {"credentials file style", "[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n[ops]\nrole_arn=arn:aws:iam::111122223333:role/ops\nsource_profile=dev\n",
       "source_profile", "dev", ""},
      {"aligned equals and CRLF", "[profile a]\r\nrole_arn       = arn:aws:iam::111122223333:role/a\r\nsource_profile = b\r\n[profile b]\r\naws_access_key_id=x\r\n",
       "role_arn", "arn:aws:iam::111122223333:role/a", ""},
      {"sub-section lines are not keys", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\ncredential_source = Environment\ns3 =\n  role_arn = nope\n",
       "role_arn", "arn:aws:iam::111122223333:role/a", ""},
      {"indented snippet", "  # In ~/.aws/config\n  [profile x]\n  role_arn=arn:aws:iam::111122223333:role/x\n  credential_source=Ec2InstanceMetadata\n",
       "credential_source", "Ec2InstanceMetadata", ""},
      {"no source", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\n", "role_arn",
       "arn:aws:iam::111122223333:role/a", "CALLER_CONFIG_NO_SOURCE"},
      {"missing source profile", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = ghost\n",
       "source_profile", "ghost", "CALLER_CONFIG_SOURCE_MISSING"},
      {"cycle", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::111122223333:role/b\nsource_profile = a\n",
       "source_profile", "b", "CALLER_CONFIG_SOURCE_CYCLE"},
      {"both sources", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = a\ncredential_source = Environment\naws_access_key_id = k\n",
       "credential_source", "Environment", "CALLER_CONFIG_SOURCE_CONFLICT"},
      {"bad external id", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\ncredential_source = Environment\nexternal_id = has space\n",
       "external_id", "has space", "CALLER_EXTERNAL_ID_CHARSET"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CallerParseResult r = parse_caller(c.text);
    REQUIRE_MESSAGE(r.ok(), r.error.message);
    CHECK(r.format == "aws-config");
    CHECK(field_value(*r.caller(), c.field) == c.value);
    if (*c.problem) CHECK(has_problem(r.problems, c.problem));
    else CHECK(r.problems.empty());
  }
}

TEST_CASE("aws-config: secrets are located, never copied") {
  CallerParseResult r = parse_caller("[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI\n");
  REQUIRE(r.ok());
  const CallerField* s = r.caller()->field("aws_secret_access_key");
  REQUIRE(s);
  CHECK(s->secret);
  CHECK(s->value.empty());
  CHECK(s->span.start.line == 3);
}

TEST_CASE("aws-config: fixes add a line in the profile's own style or replace in place") {
  struct FixCase {
    const char* name;
    std::string in;
    CallerFixRequest req;
    std::string out;
  };
  CallerFixRequest ext;
  ext.external_id = "Ext-9";
  CallerFixRequest more;
  more.session_name = "alice";
  more.duration_seconds = 1800;
  const std::vector<FixCase> cases = {
      {"after the last key of the role's section", kConfig, ext,
       "[default]\nregion = us-east-1\n\n# the deploy role, from the default keys\n[profile deploy]\n"
       "role_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = default\n"
       "mfa_serial = arn:aws:iam::444455556666:mfa/alice\nexternal_id = Ext-9\n\n[profile chained]\n"
       "role_arn = arn:aws:iam::777788889999:role/next\nsource_profile = deploy\nduration_seconds = 7200\n"},
      {"aligned, CRLF", "[profile a]\r\nrole_arn       = arn:aws:iam::111122223333:role/a\r\nsource_profile = b\r\n", ext,
       "[profile a]\r\nrole_arn       = arn:aws:iam::111122223333:role/a\r\nsource_profile = b\r\nexternal_id    = Ext-9\r\n"},
      {"tight and indented", "  [profile x]\n  role_arn=arn:aws:iam::111122223333:role/x\n  credential_source=Ec2InstanceMetadata", ext,
       "  [profile x]\n  role_arn=arn:aws:iam::111122223333:role/x\n  credential_source=Ec2InstanceMetadata\n  external_id=Ext-9"},
      {"replace in place", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nexternal_id = old\ncredential_source = Environment\n", ext,
       "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nexternal_id = Ext-9\ncredential_source = Environment\n"},
      {"session name and duration", "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\ncredential_source = Environment\n", more,
       "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\ncredential_source = Environment\nrole_session_name = alice\nduration_seconds = 1800\n"},
  };
  for (const FixCase& c : cases) {
    CAPTURE(c.name);
    CallerFixResult f = fix_caller(c.in, c.req);
    REQUIRE_MESSAGE(f.ok(), f.error.message);
    CHECK(f.text == c.out);
    CallerParseResult again = parse_caller(f.text);
    REQUIRE(again.ok());
    if (!c.req.external_id.empty()) CHECK(again.caller()->external_id == c.req.external_id);
    if (!c.req.session_name.empty()) CHECK(again.caller()->session_name == c.req.session_name);
    for (const CallerChange& ch : f.changes) {
      if (!c.req.external_id.empty() && ch.field == "external_id") CHECK(span_text(f.text, ch.span) == c.req.external_id);
    }
  }
}

TEST_CASE("aws-config: what a profile cannot hold is refused with a reason") {
  CallerFixRequest req;
  req.token_code = "123456";
  req.source_identity = "alice";
  CallerFixResult f = fix_caller(kConfig, req);
  REQUIRE(f.ok());
  CHECK(f.text == kConfig);
  CHECK(has_problem(f.problems, "CALLER_FIELD_NOT_SUPPORTED"));
  CallerFixRequest ext;
  ext.external_id = "Ext-9";
  const std::string keys_only = "[dev]\naws_access_key_id = k\n";
  CallerFixResult g = fix_caller(keys_only, ext);
  REQUIRE(g.ok());
  CHECK(g.text == keys_only);
  CHECK(has_problem(g.problems, "CALLER_FIELD_NOT_SUPPORTED"));
}
