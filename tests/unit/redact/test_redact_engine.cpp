#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

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

// ---------------------------------------------------------------------------
// Properties: exact round trip on anything, bad input never crashes.

#include <random>

TEST_CASE("random bytes and random UTF-8 round-trip exactly or are refused with an error") {
  std::mt19937 rng(20240601);
  const Redactor redactor;
  Vault vault;
  const char* pieces[] = {"arn:aws:iam::", "318274650193", ":role/", "AKIAZ3MHQ7RX5TLW2KPV", "password=",
                          "\"account_id\": ", "{{AWS_ARN_1}}", "990000000001", "\n", " ", "é", "😀",
                          "-----BEGIN PRIVATE KEY-----\n", "\n-----END PRIVATE KEY-----", "token: ",
                          "Zq81xK7mPLp2Wn5Kv9Hs4Jd6Fb1Gc0Ya3Ue8", "kind: Secret\ndata:\n  k: "};
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      if (round % 2 == 0) {
        text += pieces[rng() % (sizeof(pieces) / sizeof(*pieces))];
        text += (rng() % 2) ? " " : "\n";
      } else {
        text.push_back(static_cast<char>(rng() % 256));  // random bytes: mostly invalid UTF-8
      }
    }
    const RedactResult r = redactor.redact(text, vault);
    if (!r.ok()) {
      CHECK_FALSE(r.error.code.empty());
      CHECK(r.redacted.empty());
      continue;
    }
    CHECK(restore(r.redacted, vault) == text);
    if (round % 2) continue;
    // Survival, on a fresh vault (a shared vault's earlier placeholders may equal
    // values in a later text): no replaced value is left anywhere in the output.
    Vault fresh;
    const RedactResult once = redactor.redact(text, fresh);
    for (const RedactFinding& f : once.findings) {
      const std::string value = text.substr(f.start.offset, f.end.offset - f.start.offset);
      if (f.rule == "aws-arn") continue;  // keeps its public parts by design
      if (value.size() >= 8) CHECK_MESSAGE(once.redacted.find(value) == std::string::npos, f.rule << " [" << value << "]");
    }
  }
}

TEST_CASE("a detected value is replaced wherever else it occurs in the text") {
  Vault vault;
  const std::string in =
      "aws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo\n"
      "# copy for the other job: q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo\n";
  const RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted.find("q7Rk2Lw9") == std::string::npos);
  CHECK(r.findings.size() == 2);
  CHECK(r.findings[0].placeholder == r.findings[1].placeholder);
  CHECK(restore(r.redacted, vault) == in);
}

TEST_CASE("restore works on edited text and ignores unknown placeholders") {
  Vault vault;
  const std::string in = "external_id = \"Zq81-partner-key\"\naccount_id = 318274650193\n";
  const RedactResult r = redact(in, vault);
  REQUIRE(r.findings.size() == 2);
  const std::string answer = "Use " + r.findings[0].placeholder + " in account " + r.findings[1].placeholder +
                             " and keep {{NOT_OURS_1}} as is.";
  CHECK(restore(answer, vault) ==
        "Use Zq81-partner-key in account 318274650193 and keep {{NOT_OURS_1}} as is.");
}

TEST_CASE("placeholders never collide with text already in the input") {
  Vault vault;
  const std::string in = "account_id = 318274650193\nother = 990000000001 {{STS_EXTERNAL_ID_1}}\nexternal_id = abc-123\n";
  const RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  for (const auto& f : r.findings) CHECK(in.find(f.placeholder) == std::string::npos);
  CHECK(restore(r.redacted, vault) == in);
}

TEST_CASE("the vault exports and imports as JSON, and bad vault files are refused") {
  Vault vault;
  const std::string in = "aws_access_key_id = AKIAZ3MHQ7RX5TLW2KPV\narn:aws:iam::318274650193:role/ops\n";
  const RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted.find("AKIAREDACTED") != std::string::npos);  // prefix kept, 20 chars
  VaultImport back = Vault::from_json(vault.to_json());
  REQUIRE(back.ok());
  CHECK(restore(r.redacted, back.vault) == in);
  CHECK(Vault::from_json("{not json").error.code == "VAULT_JSON");
  CHECK(Vault::from_json("{\"version\": 2, \"entries\": []}").error.code == "VAULT_JSON");
  CHECK(Vault::from_json("[1,2]").error.code == "VAULT_JSON");
}

TEST_CASE("labelled style and disabled categories") {
  RedactOptions o;
  o.placeholder_style = PlaceholderStyle::kLabelled;
  o.disabled_categories = {"aws-credential"};
  const Redactor redactor(o);
  Vault vault;
  const std::string in = "account_id = 318274650193\naws_access_key_id = AKIAZ3MHQ7RX5TLW2KPV\n";
  const RedactResult r = redactor.redact(in, vault);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].placeholder == "{{AWS_ACCOUNT_ID_1}}");
  CHECK(r.redacted.find("AKIAZ3MHQ7RX5TLW2KPV") != std::string::npos);
}

TEST_CASE("user rules in gitleaks format load, and RE2-incompatible regexes are per-rule errors") {
  const RuleSet set = load_rules(R"(
[[rules]]
id = "acme-token"
description = "ACME token"
regex = '''acme_[a-z0-9]{16}'''
keywords = ["acme_"]
[rules.allowlist]
stopwords = ["acme_0000000000000000"]

[[rules]]
id = "lookahead"
regex = '''(?=secret)\w+'''

[[rules]]
id = "backref"
regex = '''(a)\1'''
)", "extra.toml");
  REQUIRE(set.rules.size() == 1);
  REQUIRE(set.errors.size() == 2);
  CHECK(set.errors[0].rule == "lookahead");
  CHECK(set.errors[0].code == "RULE_REGEX");
  CHECK(set.errors[0].location.line == 12);
  CHECK(set.errors[0].message.find("lookahead") != std::string::npos);
  CHECK(set.errors[1].rule == "backref");
  const Redactor redactor(RedactOptions{}, {set});
  Vault vault;
  const RedactResult r = redactor.redact("x = acme_k3lm9qr2tz5wx8vb\ny = acme_0000000000000000", vault);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "acme-token");
  CHECK(r.findings[0].placeholder == "{{ACME_TOKEN_1}}");
  CHECK(load_rules("[[rules]\nid=", "broken.toml").errors.at(0).code == "RULES_TOML_SYNTAX");
}

TEST_CASE("50 MB of config text gives a result, not a crash") {
  std::string big;
  const std::string line = "role = arn:aws:iam::318274650193:role/deployer  db = postgres://app:Vn7-kL2mZ9@db/app\n";
  while (big.size() < (50u << 20)) big += line;
  Vault vault;
  const RedactResult r = redact(big, vault);
  REQUIRE(r.ok());
  CHECK(r.findings.size() > 100000);
  CHECK(r.redacted.find("318274650193") == std::string::npos);
  CHECK(r.redacted.find("Vn7-kL2mZ9") == std::string::npos);
}

// A rule runs where its keyword occurs: from the line above the keyword's line to
// the line below its last keyword's line, with shell continuation lines (\ ` ^)
// counting as one line. Filler lines keep each case inside one ~1 KiB block.
TEST_CASE("a keyword's window reaches through continued lines but not past the next line") {
  const Redactor redactor;
  const std::string bearer = "UaEcy27MnUjXiRoxkW7q5zilH2WbRL0duZSnXoXZ";
  const std::string header = "  -H \"Authorization: Bearer " + bearer + "\"";
  struct Case {
    const char* name;
    std::string text;
    bool found;
  };
  const Case cases[] = {
      {"same line", "curl" + header + " https://x\n", true},
      {"next line", "curl -s https://api.test/v1\n" + header + "\n", true},
      {"bash continuation, three lines down",
       "curl -s \\\n  -X POST \\\n  -d '{}' \\\n" + header + " \\\n  https://api.test/v1\n", true},
      {"PowerShell continuation", "curl.exe -s `\n  -X POST `\n" + header + "\n", true},
      {"cmd continuation", "curl -s ^\n  -X POST ^\n" + header + "\n", true},
      // The engine works in ~1 KiB line-aligned blocks: here "curl" ends the first
      // block and its -H line starts the next; the window spills across.
      {"continuation across a block boundary",
       [] {
         std::string filler;
         for (int i = 0; i < 20; ++i) filler += std::string(49, 'y') + "\n";
         return filler;  // 1000 bytes: the curl line below spans byte 1024
       }() + "curl -X GET https://api.test/v1 \\\n" + header + "\n",
       true},
      // No continuation: the header two lines below "curl" is outside its window.
      {"unrelated line two below", "curl -s https://api.test/v1\nsleep 1\n" + header + "\n", false},
  };
  for (const Case& c : cases) {
    bool hit = false;
    for (const Detection& d : redactor.scan(c.text))
      if (redactor.rules()[d.rule_index].id == "curl-auth-header" && c.text.substr(d.start, d.end - d.start) == bearer)
        hit = true;
    INFO(c.name);
    CHECK(hit == c.found);
  }
}

TEST_CASE("progress is reported every 256 KiB, growing, ending at the total") {
  std::string text;
  while (text.size() < (1u << 20)) text += "harmless configuration line, account_id = 123456789012\n";
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  Vault vault;
  const RedactResult r = builtin_redactor().redact(text, vault, {}, [&](std::size_t done, std::size_t total) {
    calls.emplace_back(done, total);
  });
  REQUIRE(r.ok());
  REQUIRE(calls.size() >= 4);  // 1 MiB: three or four in-scan reports and the final one
  for (std::size_t i = 0; i < calls.size(); ++i) {
    CHECK(calls[i].second == text.size());
    if (i > 0) CHECK(calls[i].first > calls[i - 1].first);
  }
  CHECK(calls.back().first == text.size());
  // The same result as without a callback.
  Vault other;
  CHECK(redact(text, other).redacted == r.redacted);
}

TEST_CASE("every finding's location agrees with LineIndex on a large text written in two parts") {
  // Native builds describe the findings on the helper thread while the
  // placeholders are minted, then write the output in two halves on two threads,
  // the second from the middle finding on; from 32 MiB the helper also sizes the
  // output. Line, column, byte and UTF-16 offsets must come out as a fresh LineIndex
  // says, with astral characters (two UTF-16 units), multi-byte text and private
  // keys that span lines near the middle. The output must still restore exactly.
  std::string text;
  const std::string key =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA3Zk8w2p9QyZt7R5pL1mN4bV7cX2zL9kJ5hG8fD3sA6qW1eR0tY\n"
      "Zt7R5pL1mN4bV7cX2zL9kJ5hG8fD3sA6qW1eR0tYMIIEowIBAAKCAQEA3Zk8w2p9Qy\n-----END RSA PRIVATE KEY-----\n";
  for (int i = 0; text.size() < (33u << 20); ++i) {
    text += "2024-10-12T14:49:10Z 😀 é principal=arn:aws:iam::" + std::to_string(100000000000 + i % 97) +
            ":role/team-" + std::to_string(i) + " ok\n";
    if (i % 11 == 0) text += "€ account_id = \"" + std::to_string(300000000000 + i) + "\"\n";
    if (i % 20000 == 0) text += key;
  }
  Vault vault;
  const RedactResult r = redact(text, vault);
  REQUIRE(r.ok());
  REQUIRE(r.findings.size() > 200000);
  const LineIndex lines(text);
  std::size_t checked = 0, multi_line = 0;
  for (const RedactFinding& f : r.findings) {
    for (const SourceLocation* got : {&f.start, &f.end}) {
      const SourceLocation want = lines.locate(got->offset);
      INFO("finding " << f.rule << " at byte " << got->offset);
      CHECK(got->line == want.line);
      CHECK(got->column == want.column);
      CHECK(got->offset_utf16 == want.offset_utf16);
      ++checked;
    }
    multi_line += f.end.line > f.start.line ? 1 : 0;
  }
  CHECK(checked == 2 * r.findings.size());
  CHECK(multi_line > 3);  // the keys were found across their lines
  CHECK(restore(r.redacted, vault) == text);
}
