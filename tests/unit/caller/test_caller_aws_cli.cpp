// aws-cli: `aws sts assume-role...` command lines in sh, PowerShell and cmd.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {

struct ParseCase {
  const char* name;
  std::string text;
  const char* operation;
  std::vector<std::pair<const char*, const char*>> fields;  // name -> value
};

const std::string kSeed =
    "aws sts assume-role \\\n"
    "  --role-arn arn:aws:iam::987654321098:role/cross-account-role \\\n"
    "  --role-session-name dev-session\n";

}  // namespace

TEST_CASE("aws-cli: parses every quoting, continuation and option style") {
  const std::vector<ParseCase> cases = {
      {"sh backslash continuations", kSeed, "AssumeRole",
       {{"role_arn", "arn:aws:iam::987654321098:role/cross-account-role"}, {"session_name", "dev-session"}}},
      {"--opt=value and quotes",
       "aws sts assume-role --role-arn=\"arn:aws:iam::111122223333:role/R\" --role-session-name='s1' --external-id=ext-1\n",
       "AssumeRole",
       {{"role_arn", "arn:aws:iam::111122223333:role/R"}, {"session_name", "s1"}, {"external_id", "ext-1"}}},
      {"PowerShell backticks",
       "aws sts assume-role `\r\n    --role-arn \"arn:aws:iam::111122223333:role/R\" `\r\n    --role-session-name ps-session\r\n",
       "AssumeRole", {{"role_arn", "arn:aws:iam::111122223333:role/R"}, {"session_name", "ps-session"}}},
      {"cmd carets",
       "aws sts assume-role ^\n  --role-arn arn:aws:iam::111122223333:role/R ^\n  --role-session-name cmd-session ^\n  --external-id \"e-1\"\n",
       "AssumeRole",
       {{"role_arn", "arn:aws:iam::111122223333:role/R"}, {"session_name", "cmd-session"}, {"external_id", "e-1"}}},
      {"environment prefix and global options",
       "AWS_PROFILE=dev AWS_REGION=eu-west-1 aws --output json sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s",
       "AssumeRole", {{"profile", "dev"}, {"region", "eu-west-1"}, {"session_name", "s"}}},
      {"global --profile before the service",
       "aws --profile prod --region us-east-1 sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s",
       "AssumeRole", {{"profile", "prod"}, {"region", "us-east-1"}}},
      {"--cli-input-json",
       "aws sts assume-role --cli-input-json '{\"RoleArn\": \"arn:aws:iam::111122223333:role/R\", \"RoleSessionName\": \"j\", \"ExternalId\": \"x-9\", \"DurationSeconds\": 1800}'",
       "AssumeRole",
       {{"role_arn", "arn:aws:iam::111122223333:role/R"}, {"session_name", "j"}, {"external_id", "x-9"},
        {"duration_seconds", "1800"}}},
      {"MFA, source identity and tags",
       "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s --serial-number arn:aws:iam::111122223333:mfa/alice --token-code 123456 --source-identity alice --tags Key=team,Value=red Key=env,Value=prod --duration-seconds 3600",
       "AssumeRole",
       {{"mfa_serial", "arn:aws:iam::111122223333:mfa/alice"}, {"token_code", "123456"}, {"source_identity", "alice"},
        {"tags", "Key=team,Value=red Key=env,Value=prod"}, {"duration_seconds", "3600"}}},
      {"prompt, comment and a pipe after the command",
       "# assume the deploy role\n$ aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s | jq .Credentials\n",
       "AssumeRole", {{"role_arn", "arn:aws:iam::111122223333:role/R"}}},
      {"web identity", "aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111122223333:role/W --role-session-name w --web-identity-token \"$(cat /var/run/token)\"",
       "AssumeRoleWithWebIdentity", {{"role_arn", "arn:aws:iam::111122223333:role/W"}, {"session_name", "w"}}},
      {"saml", "aws sts assume-role-with-saml --role-arn arn:aws:iam::111122223333:role/S --principal-arn arn:aws:iam::111122223333:saml-provider/P --saml-assertion file://a.b64",
       "AssumeRoleWithSAML", {{"principal_arn", "arn:aws:iam::111122223333:saml-provider/P"}}},
  };
  for (const ParseCase& c : cases) {
    CAPTURE(c.name);
    CHECK(detect_caller_format(c.text) == "aws-cli");
    CallerParseResult r = parse_caller(c.text);
    REQUIRE_MESSAGE(r.ok(), r.error.message);
    const CallerConfig& cfg = *r.caller();
    CHECK(cfg.format == "aws-cli");
    CHECK(cfg.operation == c.operation);
    for (const auto& entry : c.fields) {
      // clang-14 cannot capture structured bindings in CAPTURE's lambda.
      const auto& name = entry.first;
      const auto& value = entry.second;
      CAPTURE(name);
      CHECK(field_value(cfg, name) == value);
      // Every field is located: its span covers the value as written.
      const CallerField* f = cfg.field(name);
      REQUIRE(f != nullptr);
      CHECK(f->span.start.line >= 1);
      CHECK(f->span.end.offset > f->span.start.offset);
    }
  }
}

TEST_CASE("aws-cli: spans point at the value as written") {
  CallerParseResult r = parse_caller(kSeed);
  REQUIRE(r.ok());
  const CallerField* arn = r.caller()->field("role_arn");
  REQUIRE(arn);
  CHECK(span_text(kSeed, arn->span) == "arn:aws:iam::987654321098:role/cross-account-role");
  CHECK(arn->span.start.line == 2);
  CHECK(arn->span.start.column == 14);
  CHECK(span_text(kSeed, arn->key_span) == "--role-arn");
  const std::string quoted = "aws sts assume-role --role-arn \"arn:aws:iam::111122223333:role/R\"";
  CallerParseResult q = parse_caller(quoted);
  REQUIRE(q.ok());
  CHECK(span_text(quoted, q.caller()->field("role_arn")->span) == "\"arn:aws:iam::111122223333:role/R\"");
}

TEST_CASE("aws-cli: secrets are located but never copied") {
  const std::string text =
      "aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111122223333:role/W --role-session-name w --web-identity-token eyJhbGciOiJSUzI1NiJ9.payload.sig";
  CallerParseResult r = parse_caller(text);
  REQUIRE(r.ok());
  const CallerField* tok = r.caller()->field("web_identity_token");
  REQUIRE(tok);
  CHECK(tok->secret);
  CHECK(tok->value.empty());
  CHECK(span_text(text, tok->span).substr(0, 3) == "eyJ");
}

TEST_CASE("aws-cli: negative cases give a located error or a problem, never a crash") {
  struct Neg {
    const char* name;
    std::string text;
    const char* error_code;    // "" when parsing succeeds
    const char* problem_code;  // expected problem, "" for none
  };
  const std::vector<Neg> cases = {
      {"not an sts command", "aws s3 ls s3://bucket\n", "CALLER_NOT_FOUND", ""},
      {"sts but no assume", "aws sts get-caller-identity\n", "CALLER_NOT_FOUND", ""},
      {"unclosed quote", "aws sts assume-role --role-arn \"arn:aws:iam::111122223333:role/R --role-session-name s",
       "CALLER_SYNTAX", ""},
      {"external id with a space", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s --external-id \"a b\"",
       "", "CALLER_EXTERNAL_ID_CHARSET"},
      {"external id too short", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s --external-id x",
       "", "CALLER_EXTERNAL_ID_LENGTH"},
      {"duration out of range", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s --duration-seconds 60",
       "", "CALLER_DURATION_RANGE"},
      {"token code not 6 digits", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name s --serial-number arn:aws:iam::111122223333:mfa/a --token-code 12345",
       "", "CALLER_TOKEN_CODE"},
      {"session name too long",
       "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name " + std::string(65, 'a'), "",
       "CALLER_SESSION_NAME_LENGTH"},
      {"session name with a slash", "aws sts assume-role --role-arn arn:aws:iam::111122223333:role/R --role-session-name a/b", "",
       "CALLER_SESSION_NAME_CHARSET"},
      {"placeholder account", "aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/R --role-session-name s", "",
       "CALLER_ROLE_ARN_FORMAT"},
  };
  for (const Neg& c : cases) {
    CAPTURE(c.name);
    CallerParseResult r = parse_caller(c.text);
    CHECK(r.error.code == c.error_code);
    if (!r.ok()) CHECK(r.error.location.line >= 1);
    if (*c.problem_code) {
      CHECK(has_problem(r.problems, c.problem_code));
      for (const auto& p : r.problems) CHECK(p.location.line >= 1);
    } else if (r.ok()) {
      CHECK(r.problems.empty());
    }
  }
}

TEST_CASE("aws-cli: the seed case gets --external-id in the same continuation style") {
  CallerFixRequest req;
  req.external_id = "7f3c2a-customer-42";
  CallerFixResult f = fix_caller(kSeed, req);
  REQUIRE(f.ok());
  CHECK(f.text ==
        "aws sts assume-role \\\n"
        "  --role-arn arn:aws:iam::987654321098:role/cross-account-role \\\n"
        "  --role-session-name dev-session \\\n"
        "  --external-id \"7f3c2a-customer-42\"\n");
  REQUIRE(f.changes.size() == 1);
  CHECK(f.changes[0].action == "added");
  CHECK(span_text(f.text, f.changes[0].span) == "7f3c2a-customer-42");
  CHECK(f.changes[0].span.start.line == 4);
  CHECK(f.problems.empty());
  CallerParseResult again = parse_caller(f.text);
  REQUIRE(again.ok());
  CHECK(again.caller()->external_id == "7f3c2a-customer-42");
}

TEST_CASE("aws-cli: fixes keep quoting, continuation style and every other byte") {
  struct FixCase {
    const char* name;
    std::string in;
    CallerFixRequest req;
    std::string out;
  };
  auto ext = [](const char* v) {
    CallerFixRequest r;
    r.external_id = v;
    return r;
  };
  CallerFixRequest dur;
  dur.duration_seconds = 3600;
  CallerFixRequest several;
  several.external_id = "e-77";
  several.session_name = "ci-run";
  CallerFixRequest mfa;
  mfa.mfa_serial = "arn:aws:iam::111122223333:mfa/alice";
  mfa.token_code = "654321";
  const std::vector<FixCase> cases = {
      {"one line, before a pipe", "aws sts assume-role --role-arn arn:aws:iam::1:role/R --role-session-name s | jq .\n",
       ext("e-1"), "aws sts assume-role --role-arn arn:aws:iam::1:role/R --role-session-name s --external-id \"e-1\" | jq .\n"},
      {"PowerShell", "aws sts assume-role `\r\n  --role-arn arn:aws:iam::1:role/R `\r\n  --role-session-name s\r\n", ext("e-1"),
       "aws sts assume-role `\r\n  --role-arn arn:aws:iam::1:role/R `\r\n  --role-session-name s `\r\n  --external-id \"e-1\"\r\n"},
      {"cmd", "aws sts assume-role ^\n    --role-arn arn:aws:iam::1:role/R ^\n    --role-session-name s\n", ext("e-1"),
       "aws sts assume-role ^\n    --role-arn arn:aws:iam::1:role/R ^\n    --role-session-name s ^\n    --external-id \"e-1\"\n"},
      {"replace a bare value", "aws sts assume-role --role-arn arn:aws:iam::1:role/R --external-id old-id --role-session-name s",
       ext("new-id"), "aws sts assume-role --role-arn arn:aws:iam::1:role/R --external-id new-id --role-session-name s"},
      {"replace a single-quoted value", "aws sts assume-role --role-arn arn:aws:iam::1:role/R --external-id 'old-id'",
       ext("new-id"), "aws sts assume-role --role-arn arn:aws:iam::1:role/R --external-id 'new-id'"},
      {"replace --opt=value", "aws sts assume-role --role-arn=arn:aws:iam::1:role/R --external-id=\"old\"",
       ext("new-id"), "aws sts assume-role --role-arn=arn:aws:iam::1:role/R --external-id=\"new-id\""},
      {"replace inside --cli-input-json",
       "aws sts assume-role --cli-input-json '{\"RoleArn\": \"arn:aws:iam::1:role/R\", \"ExternalId\": \"old\"}'", ext("new-id"),
       "aws sts assume-role --cli-input-json '{\"RoleArn\": \"arn:aws:iam::1:role/R\", \"ExternalId\": \"new-id\"}'"},
      {"duration is a bare number", kSeed, dur,
       "aws sts assume-role \\\n  --role-arn arn:aws:iam::987654321098:role/cross-account-role \\\n  --role-session-name dev-session \\\n  --duration-seconds 3600\n"},
      {"two fields: one replaced, one added", kSeed, several,
       "aws sts assume-role \\\n  --role-arn arn:aws:iam::987654321098:role/cross-account-role \\\n  --role-session-name ci-run \\\n  --external-id \"e-77\"\n"},
      {"MFA serial and token code", "aws sts assume-role --role-arn arn:aws:iam::1:role/R --role-session-name s", mfa,
       "aws sts assume-role --role-arn arn:aws:iam::1:role/R --role-session-name s --serial-number \"arn:aws:iam::111122223333:mfa/alice\" --token-code 654321"},
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
    if (c.req.duration_seconds) CHECK(again.caller()->duration_seconds == c.req.duration_seconds);
    if (!c.req.token_code.empty()) CHECK(again.caller()->token_code == c.req.token_code);
    for (const CallerChange& ch : f.changes) CHECK(ch.span.end.offset >= ch.span.start.offset);
  }
}

TEST_CASE("aws-cli: a fix that cannot apply explains why and changes nothing") {
  CallerFixRequest bad;
  bad.external_id = "has space";
  CallerFixResult f = fix_caller(kSeed, bad);
  REQUIRE(f.ok());
  CHECK(f.text == kSeed);
  CHECK(has_problem(f.problems, "CALLER_EXTERNAL_ID_CHARSET"));

  CallerFixRequest ext;
  ext.external_id = "e-1";
  const std::string web =
      "aws sts assume-role-with-web-identity --role-arn arn:aws:iam::111122223333:role/W --role-session-name w --web-identity-token t";
  CallerFixResult w = fix_caller(web, ext);
  REQUIRE(w.ok());
  CHECK(w.text == web);
  CHECK(has_problem(w.problems, "CALLER_FIELD_NOT_SUPPORTED"));

  CallerFixRequest chain;
  chain.duration_seconds = 50000;
  CallerFixResult d = fix_caller(kSeed, chain);
  CHECK(d.text == kSeed);
  CHECK(has_problem(d.problems, "CALLER_DURATION_RANGE"));
}

TEST_CASE("aws-cli: an empty fix request renders the input byte for byte") {
  for (const std::string& text : {kSeed, std::string("aws sts assume-role `\r\n  --role-arn x `\r\n  --role-session-name s\r\n")}) {
    CallerFixResult f = fix_caller(text, CallerFixRequest{});
    REQUIRE(f.ok());
    CHECK(f.text == text);
    CHECK(f.changes.empty());
  }
}

TEST_CASE("aws-cli: session tags are added in shorthand and appended to existing ones") {
  CallerFixRequest req;
  req.tags = {{"team", "red"}};
  CallerFixResult f = fix_caller("aws sts assume-role --role-arn arn:aws:iam::1:role/R --role-session-name s", req);
  REQUIRE(f.ok());
  CHECK(f.text == "aws sts assume-role --role-arn arn:aws:iam::1:role/R --role-session-name s --tags Key=team,Value=red");
  CallerFixResult g = fix_caller("aws sts assume-role --role-arn arn:aws:iam::1:role/R --tags Key=a,Value=b --role-session-name s", req);
  REQUIRE(g.ok());
  CHECK(g.text == "aws sts assume-role --role-arn arn:aws:iam::1:role/R --tags Key=a,Value=b Key=team,Value=red --role-session-name s");
  CallerParseResult again = parse_caller(g.text);
  REQUIRE(again.ok());
  REQUIRE(again.caller()->tags.size() == 2);
  CHECK(again.caller()->tags[1].key == "team");
}
