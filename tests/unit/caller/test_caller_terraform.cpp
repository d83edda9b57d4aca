// terraform-provider: provider "aws" { assume_role { ... } } and friends.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {
const std::string kProvider =
    "provider \"aws\" {\n"
    "  region = \"eu-west-1\"  # primary\n"
    "  assume_role {\n"
    "    role_arn     = \"arn:aws:iam::111122223333:role/tf\"\n"
    "    session_name = \"terraform\"\n"
    "  }\n"
    "}\n";
}

TEST_CASE("terraform: tolerant parsing of provider blocks") {
  struct Case {
    const char* name;
    std::string text;
    const char* operation;
    std::vector<std::pair<const char*, const char*>> fields;
  };
  const std::vector<Case> cases = {
      {"plain", kProvider, "AssumeRole",
       {{"role_arn", "arn:aws:iam::111122223333:role/tf"}, {"session_name", "terraform"}, {"region", "eu-west-1"}}},
      {"brace on the next line, comments",
       "// the prod account\nprovider \"aws\"\n{\n  /* block comment { */\n  assume_role\n  {\n    # role\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    external_id = \"e-1\"\n  }\n}\n",
       "AssumeRole", {{"role_arn", "arn:aws:iam::111122223333:role/tf"}, {"external_id", "e-1"}}},
      {"heredoc policy and duration",
       "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    policy = <<EOF\n{\"Version\": \"2012-10-17\"}\nEOF\n    duration = \"1h30m\"\n    tags = {\n      team = \"red\"\n    }\n  }\n}\n",
       "AssumeRole", {{"duration_seconds", "5400"}, {"policy", "{\"Version\": \"2012-10-17\"}"}}},
      {"web identity",
       "provider \"aws\" {\n  assume_role_with_web_identity {\n    role_arn = \"arn:aws:iam::111122223333:role/w\"\n    web_identity_token_file = \"/tmp/t\"\n  }\n}\n",
       "AssumeRoleWithWebIdentity", {{"web_identity_token_file", "/tmp/t"}}},
      {"backend assume_role object on a command line",
       "terraform init -backend-config=assume_role={role_arn=\\\"arn:aws:iam::111122223333:role/state\\\"}\n",
       "AssumeRole", {{"role_arn", "arn:aws:iam::111122223333:role/state"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(detect_caller_format(c.text) == "terraform-provider");
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
  CallerParseResult tagged = parse_caller(cases[2].text);
  REQUIRE(tagged.caller()->tags.size() == 1);
  CHECK(tagged.caller()->tags[0].key == "team");
}

TEST_CASE("terraform: negative cases give located errors") {
  CallerParseResult open = parse_caller("provider \"aws\" {\n  assume_role {\n    role_arn = \"x\"\n");
  CHECK(open.error.code == "CALLER_SYNTAX");
  CHECK(open.error.location.line == 2);
  CallerParseResult other = parse_caller_as("provider \"google\" {\n  project = \"p\"\n}\n", "terraform-provider");
  CHECK(other.error.code == "CALLER_NOT_FOUND");
  CallerParseResult deep = parse_caller("provider \"aws\" {\n  x = " + std::string(5000, '[') + "\n}\n");
  CHECK(deep.error.code == "CALLER_TOO_DEEP");
  CHECK(deep.error.location.line == 2);
}

TEST_CASE("terraform: fixes keep alignment, quoting and comments") {
  CallerFixRequest ext;
  ext.external_id = "Ext-9";
  CallerFixResult f = fix_caller(kProvider, ext);
  REQUIRE(f.ok());
  CHECK(f.text ==
        "provider \"aws\" {\n"
        "  region = \"eu-west-1\"  # primary\n"
        "  assume_role {\n"
        "    role_arn     = \"arn:aws:iam::111122223333:role/tf\"\n"
        "    session_name = \"terraform\"\n"
        "    external_id  = \"Ext-9\"\n"
        "  }\n"
        "}\n");
  CHECK(span_text(f.text, f.changes.at(0).span) == "Ext-9");

  CallerFixRequest both;
  both.session_name = "ci";
  both.duration_seconds = 900;
  const std::string with_duration =
      "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    session_name = \"old\"\n    duration = \"1h\"\n  }\n}\n";
  CallerFixResult g = fix_caller(with_duration, both);
  REQUIRE(g.ok());
  CHECK(g.text ==
        "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::111122223333:role/tf\"\n    session_name = \"ci\"\n    duration = \"15m\"\n  }\n}\n");
  CallerParseResult again = parse_caller(g.text);
  CHECK(again.caller()->duration_seconds == 900);
  CHECK(again.caller()->session_name == "ci");

  const std::string cmdline =
      "terraform init -backend-config=assume_role={role_arn=\\\"arn:aws:iam::111122223333:role/state\\\"}\n";
  CallerFixResult h = fix_caller(cmdline, ext);
  REQUIRE(h.ok());
  CHECK(h.text ==
        "terraform init -backend-config=assume_role={role_arn=\\\"arn:aws:iam::111122223333:role/state\\\",external_id=\\\"Ext-9\\\"}\n");
  CHECK(parse_caller(h.text).caller()->external_id == "Ext-9");
}

TEST_CASE("terraform: what the block cannot carry is refused with a reason") {
  CallerFixRequest mfa;
  mfa.token_code = "123456";
  CallerFixResult f = fix_caller(kProvider, mfa);
  REQUIRE(f.ok());
  CHECK(f.text == kProvider);
  CHECK(has_problem(f.problems, "CALLER_FIELD_NOT_SUPPORTED"));
  CallerFixRequest ext;
  ext.external_id = "Ext-9";
  const std::string bare = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n";
  CallerFixResult g = fix_caller(bare, ext);
  REQUIRE(g.ok());
  CHECK(g.text == bare);
  CHECK(has_problem(g.problems, "CALLER_FIELD_NOT_SUPPORTED"));
}
