// finding_table: every finding comes back whole from the columns (names by index,
// the eight location numbers, the placeholder by its UTF-16 range), for a real
// redaction and for placeholders with multi-byte and astral characters.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {
// The UTF-16 units of UTF-8 text, as JavaScript would hold them.
std::u16string utf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += static_cast<std::size_t>(n);
  }
  return out;
}

void check_round_trip(const std::vector<RedactFinding>& findings) {
  const FindingTable t = finding_table(findings);
  REQUIRE(t.size() == findings.size());
  const std::u16string all = utf16(t.placeholders);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const RedactFinding& f = findings[i];
    const std::uint32_t* c = &t.columns[i * FindingTable::kColumns];
    const bool same = t.rules[c[0]] == f.rule && t.categories[c[1]] == f.category && t.severities[c[2]] == f.severity &&
                      c[3] == f.start.offset && c[4] == f.start.offset_utf16 && c[5] == f.start.line &&
                      c[6] == f.start.column && c[7] == f.end.offset && c[8] == f.end.offset_utf16 &&
                      c[9] == f.end.line && c[10] == f.end.column &&
                      all.substr(c[11], c[12] - c[11]) == utf16(f.placeholder);
    if (!same) ++differ;
  }
  CHECK(differ == 0);
}
}  // namespace

TEST_CASE("finding_table: a real redaction's findings come back whole, each name listed once") {
  std::string text;
  for (int i = 0; i < 300; ++i)
    text += "role = arn:aws:iam::" + std::to_string(100000000000 + i % 7) + ":role/app-" + std::to_string(i) +
            " r\xC3\xA9sum\xC3\xA9 \xF0\x9F\x98\x80\naws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Y" +
            std::to_string(100000 + i) + "\n";
  Vault vault;
  const RedactResult r = redact(text, vault);
  REQUIRE(r.ok());
  REQUIRE(r.findings.size() >= 600);
  check_round_trip(r.findings);
  const FindingTable t = finding_table(r.findings);
  CHECK(t.rules.size() >= 2);
  CHECK(t.rules.size() <= 4);
  CHECK(t.severities.size() <= 4);
}

TEST_CASE("finding_table: placeholders with multi-byte and astral characters, and none at all") {
  std::vector<RedactFinding> findings(3);
  findings[0] = {"r1", "c1", "high", {1, 1, 1, 2}, {5, 4, 1, 6}, "\xC3\xA9t\xC3\xA9"};
  findings[1] = {"r2", "c1", "low", {9, 7, 2, 1}, {20, 12, 2, 9}, "\xF0\x9D\x84\x9Ex\xE2\x9C\x93"};
  findings[2] = {"r1", "c2", "high", {30, 20, 3, 1}, {31, 21, 3, 2}, "{{A_1}}"};
  check_round_trip(findings);
  const FindingTable t = finding_table(findings);
  CHECK(t.rules == std::vector<std::string>{"r1", "r2"});
  CHECK(t.columns[1 * FindingTable::kColumns + 11] == 3);   // after "été"
  CHECK(t.columns[1 * FindingTable::kColumns + 12] == 7);   // a pair, "x", "✓"
  CHECK(finding_table({}).size() == 0);
  CHECK(finding_table({}).placeholders.empty());
}

namespace {
bool same_findings(const std::vector<RedactFinding>& a, const std::vector<RedactFinding>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const RedactFinding &x = a[i], &y = b[i];
    if (x.rule != y.rule || x.category != y.category || x.severity != y.severity || x.placeholder != y.placeholder ||
        x.start.offset != y.start.offset || x.start.offset_utf16 != y.start.offset_utf16 ||
        x.start.line != y.start.line || x.start.column != y.start.column || x.end.offset != y.end.offset ||
        x.end.offset_utf16 != y.end.offset_utf16 || x.end.line != y.end.line || x.end.column != y.end.column)
      return false;
  }
  return true;
}
}  // namespace

TEST_CASE("table_findings undoes finding_table, astral placeholders included") {
  std::vector<RedactFinding> findings(3);
  findings[0] = {"r1", "c1", "high", {1, 1, 1, 2}, {5, 4, 1, 6}, "\xC3\xA9t\xC3\xA9"};
  findings[1] = {"r2", "c1", "low", {9, 7, 2, 1}, {20, 12, 2, 9}, "\xF0\x9D\x84\x9Ex\xE2\x9C\x93"};
  findings[2] = {"r1", "c2", "high", {30, 20, 3, 1}, {31, 21, 3, 2}, "{{A_1}}"};
  CHECK(same_findings(table_findings(finding_table(findings)), findings));
  CHECK(table_findings(FindingTable{}).empty());
}

TEST_CASE("FindingsAs::kTable: the same findings as the objects, small and large texts, redact() and ArrivingText") {
  for (const std::size_t copies : {std::size_t{3}, std::size_t{4000}}) {  // one thread; then past 256 KiB
    std::string text;
    for (std::size_t i = 0; i < copies; ++i)
      text += "role = arn:aws:iam::" + std::to_string(100000000000 + i % 7) + ":role/app-" + std::to_string(i % 50) +
              " \xF0\x9F\x98\x80\naws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Y" +
              std::to_string(100000 + i) + "\n";
    CAPTURE(text.size());
    Vault v1, v2, v3;
    const RedactResult objects = builtin_redactor().redact(text, v1);
    const RedactResult table = builtin_redactor().redact(text, v2, {}, {}, FindingsAs::kTable);
    REQUIRE(objects.findings.size() >= copies * 2);
    CHECK(objects.table.size() == 0);
    CHECK(table.findings.empty());
    CHECK(table.redacted == objects.redacted);
    CHECK(same_findings(table_findings(table.table), objects.findings));
    ArrivingText a(builtin_redactor(), text.data(), text.size());
    a.arrived(text.size());
    const RedactResult arrived = a.redact(text.size(), v3, {}, {}, FindingsAs::kTable);
    CHECK(arrived.redacted == objects.redacted);
    CHECK(same_findings(table_findings(arrived.table), objects.findings));
  }
}

TEST_CASE("FindingsAs::kTable with placeholders that are not ASCII (a user's rule labels them)") {
  const RuleSet extra = load_rules(
      "[[rules]]\nid = \"mot-de-passe\"\ndescription = \"test\"\nregex = '''secret=([a-z0-9]{8,})'''\n"
      "keywords = [\"secret=\"]\nplaceholder = \"CL\xC3\x89_\xF0\x9F\x98\x80\"\n",
      "extra.toml");
  REQUIRE(extra.errors.empty());
  const Redactor redactor(RedactOptions{}, {extra});
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += "a secret=abcd" + std::to_string(10000000 + i % 20) + " \xC3\xA9 role arn:aws:iam::123456789012:role/r" +
            std::to_string(i) + "\n";
  Vault v1, v2;
  const RedactResult objects = redactor.redact(text, v1);
  const RedactResult table = redactor.redact(text, v2, {}, {}, FindingsAs::kTable);
  REQUIRE(objects.findings.size() >= 100);
  REQUIRE(objects.redacted.find("{{CL\xC3\x89_\xF0\x9F\x98\x80_1}}") != std::string::npos);
  CHECK(table.redacted == objects.redacted);
  CHECK(same_findings(table_findings(table.table), objects.findings));
}
