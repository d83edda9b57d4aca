// Condition operators, one table per family. Each row: operator, key, policy values,
// request values (absent = key not in the request), expected result.
#include <doctest/doctest.h>

#include <optional>

#include "stackengine/simulate.hpp"

using namespace stackengine;

namespace {

ConditionOperator split(std::string_view written) {
  ConditionOperator op;
  op.written = std::string(written);
  std::string_view rest = written;
  for (std::string_view q : {"ForAllValues:", "ForAnyValue:"})
    if (rest.substr(0, q.size()) == q) {
      op.set_qualifier = std::string(q.substr(0, q.size() - 1));
      rest.remove_prefix(q.size());
    }
  if (rest.size() > 8 && rest.substr(rest.size() - 8) == "IfExists") {
    op.if_exists = true;
    rest.remove_suffix(8);
  }
  op.base = std::string(rest);
  op.known = op.base.rfind("String", 0) == 0 || op.base.rfind("Arn", 0) == 0 || op.base.rfind("Numeric", 0) == 0 ||
             op.base.rfind("Date", 0) == 0 || op.base == "Bool" || op.base == "BinaryEquals" ||
             op.base == "IpAddress" || op.base == "NotIpAddress" || op.base == "Null";
  if (op.base == "StringFoo") op.known = false;
  return op;
}

struct Row {
  const char* op;
  const char* key;
  std::vector<std::string> policy;
  std::optional<std::vector<std::string>> request;  // nullopt: key absent
  bool expected;
};

ConditionOutcome run(const Row& row, RequestContext ctx = {}) {
  Condition c;
  c.op = split(row.op);
  c.key = row.key;
  c.values.present = true;
  c.values.values = row.policy;
  if (row.request) ctx.set(row.key, *row.request);
  return evaluate_condition(c, ctx);
}

void check_table(const std::vector<Row>& rows, const RequestContext& base = {}) {
  for (const auto& row : rows) {
    const std::string req = row.request ? (row.request->empty() ? "[]" : row.request->front()) : "<absent>";
    CAPTURE(row.op);
    CAPTURE(row.key);
    CAPTURE(req);
    ConditionOutcome o = run(row, base);
    CHECK(o.matched == row.expected);
    if (!o.matched) CHECK_FALSE(o.message.empty());
  }
}

using V = std::vector<std::string>;
const std::nullopt_t absent = std::nullopt;

}  // namespace

TEST_CASE("String operators: case, wildcards, negation, absent keys") {
  check_table({
      {"StringEquals", "sts:ExternalId", {"Xy7"}, V{"Xy7"}, true},
      {"StringEquals", "sts:ExternalId", {"Xy7"}, V{"xy7"}, false},
      {"StringEquals", "sts:ExternalId", {"a", "Xy7"}, V{"Xy7"}, true},       // values of one key are OR
      {"StringEquals", "sts:ExternalId", {"a*"}, V{"abc"}, false},            // * is literal here
      {"StringEquals", "sts:ExternalId", {"a*"}, V{"a*"}, true},
      {"StringEquals", "sts:ExternalId", {"Xy7"}, absent, false},
      {"StringEqualsIgnoreCase", "sts:ExternalId", {"XY7"}, V{"xy7"}, true},
      {"StringEqualsIgnoreCase", "sts:ExternalId", {"XY8"}, V{"xy7"}, false},
      {"StringNotEquals", "sts:ExternalId", {"a"}, V{"b"}, true},
      {"StringNotEquals", "sts:ExternalId", {"a"}, V{"a"}, false},
      {"StringNotEquals", "sts:ExternalId", {"a"}, absent, true},             // negated: true when absent
      {"StringNotEqualsIgnoreCase", "sts:ExternalId", {"A"}, V{"a"}, false},
      {"StringLike", "sts:ExternalId", {"a?c"}, V{"abc"}, true},
      {"StringLike", "sts:ExternalId", {"a*"}, V{"abc"}, true},
      {"StringLike", "sts:ExternalId", {"A*"}, V{"abc"}, false},              // case-sensitive
      {"StringLike", "sts:ExternalId", {"*"}, V{""}, true},
      {"StringNotLike", "sts:ExternalId", {"a*"}, V{"abc"}, false},
      {"StringNotLike", "sts:ExternalId", {"a*"}, V{"xbc"}, true},
      {"StringNotLike", "sts:ExternalId", {"a*"}, absent, true},
      {"StringEqualsIfExists", "sts:ExternalId", {"a"}, absent, true},
      {"StringEqualsIfExists", "sts:ExternalId", {"a"}, V{"b"}, false},
      {"StringLikeIfExists", "sts:ExternalId", {"a*"}, V{"ab"}, true},
      {"StringFoo", "sts:ExternalId", {"a"}, V{"a"}, false},                  // unknown operator
  });
}

TEST_CASE("Condition keys are case-insensitive") {
  check_table({{"StringEquals", "STS:EXTERNALID", {"a"}, absent, false}});
  RequestContext ctx;
  ctx.set("sts:ExternalId", "a");
  Condition c;
  c.op = split("StringEquals");
  c.key = "STS:externalid";
  c.values.values = {"a"};
  CHECK(evaluate_condition(c, ctx).matched);
}

TEST_CASE("Arn operators: per-segment wildcards, non-ARN values never match") {
  check_table({
      {"ArnLike", "aws:PrincipalArn", {"arn:aws:iam::111111111111:role/ci-*"}, V{"arn:aws:iam::111111111111:role/ci-deploy"}, true},
      {"ArnLike", "aws:PrincipalArn", {"arn:aws:iam::111111111111:role/ci-*"}, V{"arn:aws:iam::111111111111:role/dev"}, false},
      {"ArnEquals", "aws:PrincipalArn", {"arn:aws:iam::*:role/x"}, V{"arn:aws:iam::222222222222:role/x"}, true},
      {"ArnLike", "aws:SourceArn", {"arn:aws:s3:::a*"}, V{"arn:aws:s3:::ab:cd"}, true},
      {"ArnLike", "aws:SourceArn", {"arn:aws:iam::*:*"}, V{"arn:aws:s3:::bucket"}, false},
      {"ArnLike", "aws:SourceArn", {"*"}, V{"hello"}, false},
      {"ArnLike", "aws:SourceArn", {"*"}, V{"arn:aws:s3:::b"}, false},       // per segment: "*" is one
      {"ArnNotLike", "aws:SourceArn", {"*"}, V{"arn:aws:s3:::b"}, false},    // ... and compares with nothing
      {"ArnNotLike", "aws:SourceArn", {"*", "arn:aws:s3:::x"}, V{"arn:aws:s3:::b"}, false},
      {"ArnLike", "aws:SourceArn", {"arn:*:*:*:*:*"}, V{"arn:aws:s3:::b"}, true},
      {"ArnNotLike", "aws:SourceArn", {"arn:*"}, V{"hello"}, false},
      {"ArnNotLike", "aws:SourceArn", {"arn:aws:s3:::x"}, V{"arn:aws:s3:::y"}, true},
      {"ArnNotEquals", "aws:SourceArn", {"arn:aws:s3:::x"}, absent, true},
      {"ArnLike", "aws:SourceArn", {"arn:aws:s3:::x"}, absent, false},
      {"ArnLikeIfExists", "aws:SourceArn", {"arn:aws:s3:::x"}, absent, true},
  });
}

TEST_CASE("Numeric operators") {
  check_table({
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}, V{"50"}, true},
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}, V{"3600"}, false},
      {"NumericLessThanEquals", "aws:MultiFactorAuthAge", {"3600"}, V{"3600"}, true},
      {"NumericGreaterThan", "aws:MultiFactorAuthAge", {"10"}, V{"11"}, true},
      {"NumericGreaterThanEquals", "aws:MultiFactorAuthAge", {"10"}, V{"9"}, false},
      {"NumericEquals", "aws:MultiFactorAuthAge", {"5.0"}, V{"5"}, true},
      {"NumericEquals", "aws:MultiFactorAuthAge", {"abc"}, V{"5"}, false},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"abc"}, V{"5"}, false},  // not comparable
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"4"}, V{"5"}, true},
      {"NumericNotEquals", "aws:MultiFactorAuthAge", {"4"}, absent, true},
      {"NumericLessThan", "aws:MultiFactorAuthAge", {"100"}, absent, false},
      {"NumericLessThanIfExists", "aws:MultiFactorAuthAge", {"100"}, absent, true},
  });
}

TEST_CASE("Date operators: ISO 8601 forms and epoch seconds") {
  check_table({
      {"DateLessThan", "aws:CurrentTime", {"2020-01-01T00:00:00Z"}, V{"2019-01-01T00:00:00Z"}, true},
      {"DateLessThan", "aws:CurrentTime", {"2020-01-01T00:00:00Z"}, V{"2021-01-01T00:00:00Z"}, false},
      {"DateEquals", "aws:CurrentTime", {"2020-01-01"}, V{"2020-01-01T00:00:00Z"}, true},
      {"DateEquals", "aws:CurrentTime", {"2020-01-01T02:00:00+02:00"}, V{"2020-01-01T00:00:00Z"}, true},
      {"DateGreaterThanEquals", "aws:CurrentTime", {"2020-01-01T00:00:00.500Z"}, V{"2020-01-01T00:00:00.5Z"}, true},
      {"DateLessThan", "aws:CurrentTime", {"1577836800"}, V{"2019-01-01T00:00:00Z"}, true},  // epoch (AWS docs)
      {"DateNotEquals", "aws:CurrentTime", {"2020-01-01"}, absent, true},
      {"DateLessThan", "aws:CurrentTime", {"not-a-date"}, V{"2019-01-01T00:00:00Z"}, false},
      {"DateGreaterThan", "aws:CurrentTime", {"2020-13-01"}, V{"2021-01-01T00:00:00Z"}, false},
  });
}

TEST_CASE("Bool and BinaryEquals") {
  check_table({
      {"Bool", "aws:MultiFactorAuthPresent", {"true"}, V{"true"}, true},
      {"Bool", "aws:MultiFactorAuthPresent", {"True"}, V{"true"}, true},
      {"Bool", "aws:MultiFactorAuthPresent", {"true"}, V{"false"}, false},
      {"Bool", "aws:MultiFactorAuthPresent", {"true"}, absent, false},
      {"Bool", "aws:MultiFactorAuthPresent", {"false"}, absent, false},
      {"BoolIfExists", "aws:MultiFactorAuthPresent", {"true"}, absent, true},   // long-term keys (case 24)
      {"Bool", "aws:SecureTransport", {"yes"}, V{"true"}, false},
      {"BinaryEquals", "aws:SecureTransport", {"QmluYXJ5"}, V{"QmluYXJ5"}, true},
      {"BinaryEquals", "aws:SecureTransport", {"QmluYXJ5"}, V{"QmluYXJ6"}, false},
  });
}

TEST_CASE("IpAddress / NotIpAddress: IPv4 and IPv6 CIDR") {
  check_table({
      {"IpAddress", "aws:SourceIp", {"10.0.0.0/8"}, V{"10.1.2.3"}, true},
      {"IpAddress", "aws:SourceIp", {"10.0.0.0/8"}, V{"11.1.2.3"}, false},
      {"IpAddress", "aws:SourceIp", {"203.0.113.7"}, V{"203.0.113.7"}, true},   // bare address = /32
      {"IpAddress", "aws:SourceIp", {"203.0.113.0/25"}, V{"203.0.113.200"}, false},
      {"IpAddress", "aws:SourceIp", {"0.0.0.0/0"}, V{"8.8.8.8"}, true},
      {"IpAddress", "aws:SourceIp", {"2001:db8::/32"}, V{"2001:db8:1::5"}, true},
      {"IpAddress", "aws:SourceIp", {"2001:db8::/32"}, V{"2001:db9::5"}, false},
      {"IpAddress", "aws:SourceIp", {"::ffff:10.0.0.0/104"}, V{"::ffff:10.9.9.9"}, true},
      {"IpAddress", "aws:SourceIp", {"2001:db8::/32"}, V{"10.0.0.1"}, false},  // families differ
      {"NotIpAddress", "aws:SourceIp", {"2001:db8::/32"}, V{"10.0.0.1"}, true},
      {"NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, V{"2001:db8::1"}, true},
      {"IpAddress", "aws:SourceIp", {"10.0.0.0/33"}, V{"10.0.0.1"}, false},    // invalid prefix
      {"IpAddress", "aws:SourceIp", {"10.0.0.0/8"}, V{"10.0.0"}, false},
      {"NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, V{"11.0.0.1"}, true},
      {"NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, V{"10.0.0.1"}, false},
      {"NotIpAddress", "aws:SourceIp", {"10.0.0.0/8"}, absent, true},
      {"IpAddress", "aws:SourceIp", {"10.0.0.0/8"}, absent, false},
  });
}

TEST_CASE("Null: true when absent, false when present") {
  check_table({
      {"Null", "sts:ExternalId", {"true"}, absent, true},
      {"Null", "sts:ExternalId", {"true"}, V{"x"}, false},
      {"Null", "sts:ExternalId", {"false"}, V{"guessable"}, true},  // case 26: any value passes
      {"Null", "sts:ExternalId", {"false"}, absent, false},         // case 27
      {"Null", "sts:ExternalId", {"TRUE"}, absent, true},
      {"Null", "sts:ExternalId", {"true", "false"}, absent, true},
  });
}

TEST_CASE("Set qualifiers: ForAllValues / ForAnyValue, and multivalued keys") {
  check_table({
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a", "b"}, V{"a"}, true},
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a"}, V{"a", "b"}, false},
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a"}, absent, true},        // vacuous truth
      {"ForAllValues:StringEquals", "aws:TagKeys", {"a"}, V{}, true},
      {"ForAllValues:StringEquals", "sts:ExternalId", {"a"}, absent, true},    // case 28
      {"ForAllValues:StringNotEquals", "aws:TagKeys", {"a"}, V{"b", "c"}, true},
      {"ForAllValues:StringNotEquals", "aws:TagKeys", {"a"}, V{"a", "b"}, false},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"a"}, V{"a", "b"}, true},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"c"}, V{"a", "b"}, false},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"a"}, absent, false},
      {"ForAnyValue:StringEquals", "aws:TagKeys", {"a"}, V{}, false},
      {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"a"}, V{"a", "b"}, true},
      {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"a"}, V{"a"}, false},
      {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"a"}, absent, false},
      {"ForAnyValue:StringLike", "aws:TagKeys", {"team-*"}, V{"x", "team-a"}, true},
      {"ForAnyValue:StringEqualsIfExists", "aws:TagKeys", {"a"}, absent, true},  // IfExists (docs)
      {"StringEquals", "aws:TagKeys", {"a"}, V{"a"}, false},                     // set key needs a qualifier
      {"StringNotEquals", "aws:TagKeys", {"c"}, V{"a", "b"}, false},
      {"StringNotLike", "aws:TagKeys", {"x"}, V{}, false},                      // empty set is present
      {"StringNotLike", "aws:TagKeys", {"x"}, absent, true},
      {"StringEqualsIfExists", "aws:TagKeys", {"x"}, V{"x"}, false},
      {"Null", "aws:TagKeys", {"true"}, V{}, false},
      {"Null", "aws:TagKeys", {"false"}, V{}, true},
      {"ForAnyValue:StringEquals", "sts:ExternalId", {"a"}, V{"a"}, true},
  });
}

TEST_CASE("Policy variables: context values, defaults, escapes, unresolved") {
  RequestContext ctx;
  ctx.set("aws:username", "alice");
  ctx.set("aws:PrincipalTag/team", "payments");
  check_table({
                  {"StringEquals", "sts:RoleSessionName", {"${aws:username}"}, V{"alice"}, true},
                  {"StringEquals", "sts:RoleSessionName", {"${aws:username}"}, V{"bob"}, false},
                  {"StringLike", "sts:RoleSessionName", {"${aws:PrincipalTag/team}-*"}, V{"payments-ci"}, true},
                  {"StringEquals", "sts:RoleSessionName", {"${AWS:USERNAME}"}, V{"alice"}, true},
                  {"StringEquals", "sts:RoleSessionName", {"${aws:userid, 'x'}"}, V{"x"}, true},
                  {"StringEquals", "sts:RoleSessionName", {"${aws:userid}"}, V{"${aws:userid}"}, false},
                  {"StringEquals", "sts:RoleSessionName", {"${aws:userid}", "zzz"}, V{"zzz"}, true},
                  {"StringNotLike", "sts:RoleSessionName", {"a${aws:userid}"}, V{"zzz"}, false},  // unresolved: no compare
                  {"StringNotEquals", "sts:RoleSessionName", {"a${aws:userid}", "b"}, V{"zzz"}, false},
                  {"StringEquals", "sts:RoleSessionName", {"a${*}"}, V{"a*"}, true},
                  {"StringLike", "sts:RoleSessionName", {"a${*}"}, V{"ab"}, false},  // escaped * is literal
                  {"StringEquals", "sts:RoleSessionName", {"${$}{x}"}, V{"${x}"}, true},
                  {"StringEquals", "sts:RoleSessionName", {"q${?}"}, V{"q?"}, true},
                  {"ArnLike", "aws:PrincipalArn", {"arn:aws:iam::1:user/${aws:username}"}, V{"arn:aws:iam::1:user/alice"}, true},
                  {"NumericEquals", "aws:MultiFactorAuthAge", {"${aws:username}"}, V{"5"}, false},  // no variables in Numeric
              },
              ctx);
}

TEST_CASE("A failed condition says what would satisfy it") {
  Row row{"StringEquals", "sts:ExternalId", {"acme-prod-pipeline-x7f2"}, std::nullopt, false};
  ConditionOutcome o = run(row);
  CHECK_FALSE(o.matched);
  CHECK_FALSE(o.key_present);
  CHECK(o.satisfy == "send sts:ExternalId = acme-prod-pipeline-x7f2");
  row.request = V{"wrong"};
  o = run(row);
  CHECK(o.satisfy == "send sts:ExternalId = acme-prod-pipeline-x7f2 instead of wrong");
  CHECK(o.request_values == V{"wrong"});
  Row mfa{"Bool", "aws:MultiFactorAuthPresent", {"true"}, std::nullopt, false};
  CHECK(run(mfa).satisfy.find("MFA") != std::string::npos);
  Row null_true{"Null", "sts:ExternalId", {"true"}, V{"x"}, false};
  CHECK(run(null_true).satisfy == "do not send sts:ExternalId");
}

TEST_CASE("wildcard_match and arn_like") {
  CHECK(wildcard_match("sts:Assume*", "sts:AssumeRole"));
  CHECK(wildcard_match("STS:assumerole", "sts:AssumeRole", true));
  CHECK_FALSE(wildcard_match("STS:assumerole", "sts:AssumeRole"));
  CHECK(wildcard_match("a*b*c", "aXXbYYc"));
  CHECK_FALSE(wildcard_match("a*b*c", "aXXbYY"));
  CHECK(wildcard_match(std::string(50, '*') + "x", std::string(5000, 'a') + "x"));
  CHECK(arn_like("arn:aws:iam::*:role/*", "arn:aws:iam::111111111111:role/a/b"));
  CHECK_FALSE(arn_like("arn:aws:iam::*:role/*", "arn:aws:sts::111111111111:assumed-role/a/b"));
}
