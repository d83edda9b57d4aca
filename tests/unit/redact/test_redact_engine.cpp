#include <doctest/doctest.h>

#include <string>

#include "stackengine/redact.hpp"

using namespace stackengine;

TEST_CASE("an ARN keeps partition, service and resource type but loses account and name") {
  Vault vault;
  const std::string in = R"({"Principal": {"AWS": "arn:aws:iam::123456789012:role/cross-account-role"}})";
  RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted.find("123456789012") == std::string::npos);
  CHECK(r.redacted.find("cross-account-role") == std::string::npos);
  CHECK(r.redacted.find("arn:aws:iam::") != std::string::npos);
  CHECK(r.redacted.find(":role/") != std::string::npos);
  REQUIRE(r.findings.size() == 1);  // one ARN, one finding; its placeholder is the new ARN
  CHECK(r.findings[0].rule == "aws-arn");
  CHECK(r.findings[0].placeholder.rfind("arn:aws:iam::", 0) == 0);
  CHECK(r.redacted.find(r.findings[0].placeholder) != std::string::npos);
  CHECK(restore(r.redacted, vault) == in);
}

TEST_CASE("the same account id gets the same placeholder everywhere") {
  Vault vault;
  const std::string in =
      "arn:aws:iam::123456789012:root and account_id = 123456789012 and arn:aws-cn:s3::123456789012:x/y";
  RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  REQUIRE(r.findings.size() == 3);
  CHECK(r.findings[1].rule == "aws-account-id");
  const std::string p = r.findings[1].placeholder;
  CHECK(p.size() == 12);
  CHECK(p != "123456789012");
  int count = 0;
  for (std::size_t at = r.redacted.find(p); at != std::string::npos; at = r.redacted.find(p, at + 1))
    ++count;
  CHECK(count == 3);
  CHECK(restore(r.redacted, vault) == in);
}

TEST_CASE("AWS-owned ARNs and longer digit runs are left alone") {
  Vault vault;
  const std::string in = "arn:aws:iam::aws:policy/ReadOnlyAccess 1234567890123";
  RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted == in);
  CHECK(r.findings.empty());
}

TEST_CASE("bad input is refused with a location, not a crash") {
  Vault vault;
  RedactResult bin = redact(std::string("line1\nab\0cd", 12), vault);
  CHECK(bin.error.code == "INPUT_BINARY");
  CHECK(bin.error.location.line == 2);
  CHECK(bin.error.location.column == 3);
  RedactResult utf = redact("ok\n\xC3\x28", vault);
  CHECK(utf.error.code == "INPUT_INVALID_UTF8");
  CHECK(utf.error.location.line == 2);
}

TEST_CASE("locations count code points for columns and UTF-16 units for offsets") {
  Vault vault;
  const std::string in = "é😀 account_id: 123456789012";
  RedactResult r = redact(in, vault);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].start.column == 16);
  CHECK(r.findings[0].start.offset == 19);        // 2 + 4 + 13 bytes
  CHECK(r.findings[0].start.offset_utf16 == 16);  // 1 + 2 + 13 units
}
