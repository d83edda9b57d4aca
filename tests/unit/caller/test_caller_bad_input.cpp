// Bad input of every kind gets a located error value, never a crash, in every format.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "caller/caller_test_support.hpp"
#include "stackengine/caller.hpp"

using namespace stackengine;
using namespace caller_test;

namespace {
const std::vector<std::string> kFormats = {"aws-cli",  "aws-config", "terraform-provider",
                                           "github-actions", "boto3", "js-sdk-v3",
                                           "go-sdk-v2", "java-sdk-v2"};
}

TEST_CASE("bad input: binary, invalid UTF-8 and oversized input are refused with a location") {
  CallerParseResult bin = parse_caller(std::string("aws sts assume-role\n--role-arn \0x", 32));
  CHECK(bin.error.code == "INPUT_BINARY");
  CHECK(bin.error.location.line == 2);
  CallerParseResult utf = parse_caller("aws sts assume-role --role-arn \xC3\x28");
  CHECK(utf.error.code == "INPUT_INVALID_UTF8");
  CHECK(utf.error.location.column >= 1);
  CallerFixRequest req;
  req.external_id = "abc";
  CallerFixResult f = fix_caller(std::string("\0\0\0", 3), req);
  CHECK(f.error.code == "INPUT_BINARY");
  CHECK(detect_caller_format(std::string("\xff\xfe", 2)).empty());
}

TEST_CASE("bad input: nothing recognizable is CALLER_NOT_FOUND at 1:1") {
  for (const std::string& text : {std::string(""), std::string("hello world\n"), std::string("{}"),
                                  std::string("aws s3 cp a b")}) {
    CAPTURE(text);
    CallerParseResult r = parse_caller(text);
    CHECK(r.error.code == "CALLER_NOT_FOUND");
    CHECK(r.error.location.line == 1);
    CHECK(r.error.location.column == 1);
  }
}

TEST_CASE("bad input: hostile text in every format yields a value, not a crash") {
  const std::vector<std::string> hostile = {
      std::string(100000, '{'),
      std::string(100000, '['),
      std::string(100000, '('),
      std::string(50000, '"'),
      std::string(50000, '\\'),
      std::string(50000, '`'),
      std::string(50000, '^'),
      "aws sts assume-role --cli-input-json '" + std::string(20000, '{') + "'",
      "aws sts assume-role --cli-input-json '{\"RoleArn\": " + std::string(20000, '[') + "}'",
      "provider \"aws\" {" + std::string(20000, '{'),
      "[profile a]\nrole_arn = " + std::string(100000, 'x') + "\nsource_profile = a\n",
      "uses: aws-actions/configure-aws-credentials@v4\nwith:\n" + std::string(5000, ' ') + "role-to-assume: x",
      "sts.assume_role(" + std::string(20000, '(') + ")",
      "new AssumeRoleCommand({" + std::string(20000, '{'),
      "AssumeRoleRequest.builder()" + std::string(20000, '.') + "roleArn(\"",
      "stscreds.NewAssumeRoleProvider(client, \"" + std::string(10000, '"'),
  };
  for (const std::string& text : hostile) {
    CAPTURE(text.substr(0, 40));
    CallerParseResult r = parse_caller(text);
    if (!r.ok()) CHECK(r.error.location.line >= 1);
    CallerFixRequest req;
    req.external_id = "abc";
    CallerFixResult f = fix_caller(text, req);
    if (!f.ok()) CHECK(f.text == text);
    for (const std::string& format : kFormats) {
      CallerParseResult a = parse_caller_as(text, format);
      if (!a.ok()) CHECK(!a.error.code.empty());
    }
  }
}

TEST_CASE("bad input: a large command still parses") {
  std::string text = "aws sts assume-role \\\n";
  for (int i = 0; i < 20000; ++i) text += "  --policy-arns arn=arn:aws:iam::aws:policy/ReadOnlyAccess \\\n";
  text += "  --role-arn arn:aws:iam::111122223333:role/R --role-session-name s\n";
  CallerParseResult r = parse_caller(text);
  REQUIRE(r.ok());
  CHECK(r.caller()->role_arn == "arn:aws:iam::111122223333:role/R");
}

TEST_CASE("bad input: text full of near-misses stays linear") {
  // Every `aws` is a candidate command and nothing is `sts`: detection must not rescan.
  std::string many;
  for (int i = 0; i < 400000; ++i) many += "aws aws-cli \\\n";
  CallerParseResult r = parse_caller(many);
  CHECK(r.error.code == "CALLER_NOT_FOUND");
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "- uses: aws-actions/configure-aws-credentials@v4\n";
  CallerParseResult g = parse_caller(lines);
  REQUIRE(g.ok());
  CHECK(g.callers.size() == 20000);
}
