// The echo pass: a detected value is replaced wherever else it occurs. Values that
// begin with their rule's keyword (ARNs) are looked up only at that keyword's
// occurrences outside the detections; these tests put such values where no rule
// detects them (after a word byte, inside longer strings, next to detections) and
// check that none survives, and that restore gives the input back.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

// Every detected value of 8 bytes or more (the echo pass's floor) that still occurs
// in the redacted text.
std::vector<std::string> survivors(const std::string& in, const RedactResult& r) {
  std::vector<std::string> out;
  for (const Detection& d : builtin_redactor().scan(in)) {
    const std::string v = in.substr(d.start, d.end - d.start);
    if (v.size() >= 8 && r.redacted.find(v) != std::string::npos) out.push_back(v);
  }
  return out;
}

}  // namespace

TEST_CASE("an ARN recurring where no rule detects it is still replaced") {
  const std::string arn = "arn:aws:iam::318274650193:role/deploy-bot";
  const std::string in = "principal=" + arn + "\n" +  // detected here
                         "x" + arn + " y_" + arn + "\n" +    // after word bytes: no \b, not detected
                         "9" + arn + "-extra\n" +             // inside a longer string
                         "ARN:AWS:iam::318274650193:role/deploy-bot\n";  // other bytes: not the value
  Vault vault;
  const RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted.find(arn) == std::string::npos);
  CHECK(r.redacted.find("deploy-bot\n") != std::string::npos);  // the upper-case line is another string
  CHECK(survivors(in, r).empty());
  CHECK(restore(r.redacted, vault) == in);
}

TEST_CASE("random texts of repeated ARNs and ids: no detected value survives, restore is exact") {
  std::mt19937 rng(2611);
  const std::vector<std::string> arns = {
      "arn:aws:iam::318274650193:role/deploy-bot",      "arn:aws:sts::866382928490:assumed-role/ops/s-1",
      "arn:aws:s3:::acme-logs/2024/app.log",             "arn:aws:iam::318274650193:role/deploy",
      "arn:aws-cn:lambda:cn-north-1:004417820016:function:f", "arn:aws:iam::318274650193:root"};
  const std::vector<std::string> before = {"", " ", "x", "_", "9", "\"", "=", "\n", "(", "arn:", "AWS:", "principal: "};
  const std::vector<std::string> after = {"", " ", "x", "/more", "\"", ",", "\n", ":1", "-2"};
  const std::vector<std::string> filler = {"account_id = 318274650193\n", "owner 866382928490 ok\n",
                                           "log line without secrets\n", "\"Principal\": {\"AWS\": \"004417820016\"}\n"};
  std::size_t checked = 0;
  for (int round = 0; round < 300; ++round) {
    std::string in;
    const int pieces = 2 + static_cast<int>(rng() % 12);
    for (int i = 0; i < pieces; ++i) {
      if (rng() % 4 == 0)
        in += filler[rng() % filler.size()];
      else
        in += before[rng() % before.size()] + arns[rng() % arns.size()] + after[rng() % after.size()];
    }
    Vault vault;
    const RedactResult r = redact(in, vault);
    REQUIRE(r.ok());
    INFO("input: " << in);
    CHECK(survivors(in, r).empty());
    CHECK(restore(r.redacted, vault) == in);
    checked += r.findings.size();
  }
  CHECK(checked > 1000);
}

TEST_CASE("when the keyword is everywhere outside detections, the general echo pass takes over") {
  // 150,000 undetected "arn:aws" occurrences cost more lookups than the budget: every
  // value then goes to the EchoFinder, with the same result.
  const std::string arn = "arn:aws:iam::318274650193:role/deploy-bot";
  std::string in = "principal=" + arn + "\n";
  for (int i = 0; i < 150000; ++i) in += "xarn:aws:";
  in += "\nx" + arn + "\n";
  Vault vault;
  const RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted.find(arn) == std::string::npos);
  CHECK(r.findings.size() >= 2);
  CHECK(restore(r.redacted, vault) == in);
}
