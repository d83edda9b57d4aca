// startsWithKeyword: a rule that claims every match begins with one of its keywords
// is tried anchored at keyword occurrences only. Two checks keep the claim honest:
//   1. the claim itself: an unanchored search of the rule's regex over every example
//      (its own tps/fps, hand-written edge cases, gitleaks' samples when ../shared is
//      there) finds no match that starts anywhere but at a keyword;
//   2. the engine: the same rules with the flag cleared (searched through keyword
//      windows) give exactly the same detections.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "redact/matchers.hpp"
#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}

bool starts_with_keyword(std::string_view text, std::size_t at, const std::vector<std::string>& keywords) {
  for (const auto& k : keywords)
    if (detail::starts_with_folded(text, at, k)) return true;
  return false;
}

// Texts built to catch an anchored search that differs from a windowed one.
const std::vector<std::string> kEdgeCases = {
    "xarn:aws:iam::318274650193:role/a arn:aws:iam::318274650193:role/b",
    "arn:aws:iam::318274650193:role/a,arn:aws:iam::529384701166:role/b;arn:aws:s3:::bkt",
    "ARN:AWS:iam::318274650193:role/upper arn:aws:iam::318274650193:role/lower",
    "arn:aws:sts::866382928490:assumed-role/arn:aws:iam::529384701166:role/x",
    R"({"aws": "318274650193", "Account": "529384701166", 'aws': '004417820016'})",
    "aws: 318274650193\naws = 529384701166\nawsaccount 004417820016\nAWS_ACCOUNT_ID=661208734955",
    "principal\n  318274650193\nowner-id 529384701166 account number 774109283364",
    "\"sts:ExternalId\": \"Zq81-partner-key\", --external-id x7f2-abc external_id = \"k-99\"",
    "aws sts assume-role --external-id=acme-prod-pipeline-x7f2 --role-arn arn:aws:iam::318274650193:role/r",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA3Zk8w2p9QyZt7R5pL1mN4bV7cX2zL9kJ5hG8fD3sA6qW1eR0tY\n"
    "-----END RSA PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n"
    "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAB\\n"
    "-----END OPENSSH PRIVATE KEY-----",
};

std::vector<std::string> all_examples(const std::vector<RedactRule>& rules) {
  std::vector<std::string> texts = kEdgeCases;
  for (const auto& r : rules) {
    texts.insert(texts.end(), r.tps.begin(), r.tps.end());
    texts.insert(texts.end(), r.fps.begin(), r.fps.end());
  }
  const auto samples = shared_dir() / "corpus" / "gitleaks" / "samples.jsonl";
  if (std::filesystem::exists(samples)) {
    std::ifstream in(samples);
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_object()) texts.push_back(j.value("text", ""));
    }
  } else {
    MESSAGE("gitleaks samples not checked: ../shared/corpus/gitleaks/samples.jsonl not found");
  }
  return texts;
}

using Key = std::tuple<std::size_t, std::size_t, std::size_t>;

std::vector<Key> detections(const Redactor& r, const std::string& text) {
  std::vector<Key> out;
  for (const Detection& d : r.scan(text)) out.emplace_back(d.rule_index, d.start, d.end);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("startsWithKeyword: the built-in rules that claim it") {
  std::vector<const RedactRule*> anchored;
  for (const auto& r : builtin_rules().rules)
    if (r.starts_with_keyword) anchored.push_back(&r);
  // The rules whose keyword is on every few lines of a log must be among them.
  for (const char* id : {"aws-arn", "aws-account-id"})
    CHECK(std::any_of(anchored.begin(), anchored.end(), [&](const RedactRule* r) { return r->id == id; }));
  REQUIRE_FALSE(anchored.empty());

  const std::vector<std::string> texts = all_examples(builtin_rules().rules);
  RE2::Options o;
  o.set_log_errors(false);
  std::size_t matches = 0;
  for (const RedactRule* r : anchored) {
    RE2 re(r->regex, o);
    REQUIRE(re.ok());
    for (const std::string& text : texts) {
      const re2::StringPiece all(text);
      re2::StringPiece m;
      std::size_t pos = 0;
      while (pos <= text.size() && re.Match(all, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
        const std::size_t at = static_cast<std::size_t>(m.data() - text.data());
        INFO("rule " << r->id << ": a match starts at byte " << at << " of: " << text.substr(0, 200));
        CHECK(starts_with_keyword(text, at, r->keywords));
        ++matches;
        pos = at + std::max<std::size_t>(m.size(), 1);
      }
    }
  }
  CHECK(matches > 40);  // the check saw real matches, not an empty corpus
}

TEST_CASE("startsWithKeyword: anchored and windowed searches detect the same") {
  RuleSet flagged;
  flagged.rules = builtin_rules().rules;
  RuleSet windowed = flagged;
  std::size_t cleared = 0;
  for (auto& r : windowed.rules) cleared += r.starts_with_keyword ? 1 : 0, r.starts_with_keyword = false;
  REQUIRE(cleared > 0);
  RedactOptions options;
  options.builtin_rules = false;
  const Redactor anchored(options, {flagged}), plain(options, {windowed});
  REQUIRE(anchored.errors().empty());

  std::vector<std::string> texts = all_examples(builtin_rules().rules);
  std::string joined;  // the examples as one text: occurrences in many blocks
  for (const auto& t : texts) joined += t + "\n";
  texts.push_back(joined);
  std::size_t found = 0;
  for (const std::string& text : texts) {
    const auto a = detections(anchored, text), b = detections(plain, text);
    INFO("text: " << text.substr(0, 200));
    CHECK(a == b);
    found += a.size();
  }
  CHECK(found > 100);
}

TEST_CASE("startsWithKeyword is inferred only when the regex visibly starts with a keyword") {
  struct Case {
    const char* regex;
    const char* keyword;
    bool inferred;
  };
  const Case cases[] = {
      {R"((?i:gocardless)[\w.\- \t]{0,24}=\s*(live_[a-z0-9]{40}))", "gocardless", true},
      {R"(\bxoxb-[0-9]{10,13}-[a-zA-Z0-9-]{24})", "xoxb-", true},
      {R"((?i)\bsk_live_[a-z0-9]{24})", "sk_live", true},
      {R"(glpat-[\w-]{20})", "glpat-", true},
      {R"(https://hooks\.slack\.com/services/[A-Z0-9/]+)", "hooks.slack.com", false},  // keyword later
      {R"((?i:gocardless)[\w]{0,24}|live_[a-z0-9]{40})", "gocardless", false},        // top-level |
      {R"((?i:ab|cd)[0-9]{8})", "ab", false},                                         // group holds a |
      {R"(a?bcd[0-9]{8})", "abcd", false},                                            // optional first byte
      {R"(abc*d[0-9]{8})", "abcd", false},                                            // repeated byte
      {R"([a]bcd[0-9]{8})", "abcd", false},                                           // a class
      {R"(^abcd[0-9]{8})", "abcd", false},                                            // an anchor
      {R"((abcd)[0-9]{8})", "abcd", false},                                           // a capture group
      {R"((?i:abcd)?[0-9]{8})", "abcd", false},                                       // an optional group
      {R"(xyz_abcd[0-9]{8})", "abcd", false},                                         // keyword inside
  };
  for (const Case& c : cases) {
    const std::string toml = std::string("[[rules]]\nid = \"x\"\nregex = '''") + c.regex + "'''\nkeywords = [\"" +
                             c.keyword + "\"]\n";
    const RuleSet set = load_rules(toml, "infer.toml");
    INFO("regex: " << c.regex);
    REQUIRE(set.rules.size() == 1);
    CHECK(set.rules[0].starts_with_keyword == c.inferred);
  }
  // Most of the built-in gitleaks-family rules are of the inferable shape.
  std::size_t flagged = 0;
  for (const auto& r : builtin_rules().rules) flagged += r.starts_with_keyword ? 1 : 0;
  CHECK(flagged > 60);
}
