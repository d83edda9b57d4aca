// A built-in matcher (rule field `matcher`) must do exactly what its rule's regex
// does when anchored at the same position with the same end bound. Checked against
// RE2 on the rule's examples and on generated texts made of an ARN's pieces, mutated
// byte by byte, so that every branch (partition, empty region, 11/12/13-digit
// account, resource stop bytes, \b context, end bound) meets both implementations.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "redact/matchers.hpp"
#include "stackengine/redact.hpp"
#include "stackengine/text.hpp"

using namespace stackengine;

namespace {

const RedactRule* rule_with_matcher(const std::string& name) {
  for (const auto& r : builtin_rules().rules)
    if (r.matcher == name) return &r;
  return nullptr;
}

const RedactRule* rule_with_prefilter(const std::string& name) {
  for (const auto& r : builtin_rules().rules)
    if (r.prefilter == name) return &r;
  return nullptr;
}

// A rule's regex as the engine compiles it (errors go to the test, not to stderr).
std::unique_ptr<RE2> quiet_regex(const std::string& regex) {
  RE2::Options o;
  o.set_log_errors(false);
  return std::make_unique<RE2>(regex, o);
}

// Sometimes drops, duplicates or replaces (with one of `bytes`) one byte.
void mutate(std::string& s, std::mt19937& rng, std::string_view bytes) {
  if (rng() % 3 != 0 || s.empty()) return;
  const std::size_t i = rng() % s.size();
  switch (rng() % 3) {
    case 0: s.erase(i, 1); break;
    case 1: s.insert(i, 1, s[i]); break;
    default: s[i] = bytes[rng() % bytes.size()]; break;
  }
}

// The rule's own examples, then generated texts up to `count`; the engine only ever
// sees valid UTF-8 (check_text refuses the rest), so a mutation that breaks a
// character is dropped.
template <typename Generate>
std::vector<std::string> examples_and(const RedactRule& rule, std::size_t count, Generate&& generate) {
  std::vector<std::string> texts(rule.tps.begin(), rule.tps.end());
  texts.insert(texts.end(), rule.fps.begin(), rule.fps.end());
  while (texts.size() < count)
    if (std::string t = generate(); check_text(t).ok()) texts.push_back(std::move(t));
  return texts;
}

// Generated ARN-like texts: pieces that are valid, nearly valid or wrong.
std::string arn_like(std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  const std::vector<std::string> before = {"", " ", "x", "_", ":", "\"", "=", "9", "é", "\n"};
  const std::vector<std::string> head = {"arn:", "arn:", "arn:", "ARN:", "arn", "arn;", "arn:"};
  const std::vector<std::string> partition = {"aws",       "aws-cn",    "aws-us-gov", "aws-iso", "aws-iso-b",
                                              "aws-iso-e", "aws-iso-f", "aws-eusc",   "aws-x",   "awss",
                                              "aws-iso-",  "aw",        "AWS",        "aws1",    ""};
  const std::vector<std::string> service = {"iam", "s3", "sts", "lambda", "ec2", "", "a-1", "IAM", "s 3", "x:y"};
  const std::vector<std::string> region = {"", "", "us-east-1", "eu-west-2", "us-gov-west-1", "EU", "a b"};
  const std::vector<std::string> account = {"",  "318274650193", "004417820016", "31827465019", "3182746501934",
                                            "aws", "31827465019x", "000000000000"};
  const std::vector<std::string> resource = {"role/deploy",  "root",        "", "bucket/key.txt", "*",
                                             "user/ops/a b", "fn:live",     "q\"x", "k,2", "r;1", "<a>",
                                             "a\\b",         "x]y",         "y)z", "p|q", "é/ü", "t\tu",
                                             "a`b",          "a'b",         "f\fg", "v\rw"};
  const std::vector<std::string> after = {"", " ", "\n", "\"", ",", "x", ")", "]", "\nmore", "\r\n"};
  std::string s = pick(before) + pick(head) + pick(partition) + ":" + pick(service) + ":" + pick(region) + ":" +
                  pick(account) + ":" + pick(resource) + pick(after);
  mutate(s, rng, std::string_view(":-/9a \"\x01", 8));
  return s;
}

}  // namespace

TEST_CASE("matcher arn agrees with the aws-arn regex, anchored, at every position and end bound") {
  const RedactRule* rule = rule_with_matcher("arn");
  REQUIRE(rule != nullptr);
  CHECK(rule->id == "aws-arn");
  const detail::NativeMatcher m = detail::find_matcher("arn");
  REQUIRE(static_cast<bool>(m));
  const std::unique_ptr<RE2> re_ptr = quiet_regex(rule->regex);
  const RE2& re = *re_ptr;
  REQUIRE(re.ok());

  std::mt19937 rng(20261128);
  const std::vector<std::string> texts = examples_and(*rule, 20000, [&] { return arn_like(rng); });

  std::size_t matched = 0, compared = 0;
  for (const std::string& text : texts) {
    const re2::StringPiece all(text);
    for (std::size_t at = 0; at < text.size(); ++at) {
      if (text[at] != 'a') continue;  // the keyword starts "arn:aws"; keep the loop cheap
      // Every end bound, not just the text's end: a window ends at a line end.
      for (std::size_t to = at; to <= text.size(); ++to) {
        re2::StringPiece g;
        const bool re_hit = re.Match(all, at, to, RE2::ANCHOR_START, &g, 1);
        const std::size_t got = m(text, at, to);
        INFO("text: " << text << " at " << at << " to " << to);
        if (re_hit) {
          CHECK(got == g.size());
          // The engine bounds a matcher by the text's end, not the line's: a match
          // must never run over a line end.
          CHECK(g.ToString().find('\n') == std::string::npos);
          ++matched;
        } else {
          CHECK(got == std::string_view::npos);
        }
        ++compared;
      }
    }
  }
  CHECK(matched > 2000);  // plenty of real matches, not only rejections
  CHECK(compared > matched * 3);
}

TEST_CASE("a rule's matcher must be known and needs startsWithKeyword") {
  const auto bad = load_rules(R"(
[[rules]]
id = "x-unknown-matcher"
regex = '''arn:[a-z]+'''
keywords = ["arn:"]
startsWithKeyword = true
matcher = "no-such-matcher"

[[rules]]
id = "x-matcher-not-anchored"
regex = '''arn:[a-z]+'''
keywords = ["arn:"]
matcher = "arn"

[[rules]]
id = "x-matcher-with-group"
regex = '''arn:([a-z]+)'''
keywords = ["arn:"]
startsWithKeyword = true
matcher = "arn"
)", "matchers.toml");
  CHECK(bad.rules.empty());
  REQUIRE(bad.errors.size() == 3);
  for (const auto& e : bad.errors) CHECK(e.code == "RULE_FIELD");
}

namespace {

// Account-id-like texts: a keyword spelling, a suffix, separators, digits, noise.
std::string account_like(std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  const std::vector<std::string> before = {"", " ", "x", "_", ":", "\"", "arn:", "{"};
  const std::vector<std::string> keyword = {"account", "Account", "ACCOUNT", "\"aws\"", "'aws'", "aws", "AWS",
                                            "owner",   "Owner",   "principal", "Principal", "arn:aws", "awsx"};
  const std::vector<std::string> suffix = {"", "_id", "-id", " id", ".id", "id", "_number", "Number", "_no", "_",
                                           "-", "_idx", "s", "_ID", " number"};
  const std::vector<std::string> sep = {"", " ", ":", ": ", " = ", "=", "=>", "\": \"", "\":\"", ": [\"", " [ '",
                                        "\t", "\n", "\r\n  ", ":\n", "'", "\"", "::", " is ", "/", "  :  "};
  const std::vector<std::string> digits = {"318274650193", "004417820016", "31827465019", "3182746501934",
                                           "31827465019x", "x318274650193", "", "iam::318274650193:root"};
  const std::vector<std::string> after = {"", " ", "\"", ",", "x", "1", "\n", "_", "]"};
  std::string s = pick(before) + pick(keyword) + pick(suffix) + pick(sep) + pick(digits) + pick(after);
  mutate(s, rng, " :=\"'[>9a_-.\t\n");
  return s;
}

}  // namespace

TEST_CASE("prefilter account-id never rules out a try where the aws-account-id regex matches") {
  const RedactRule* rule = rule_with_prefilter("account-id");
  REQUIRE(rule != nullptr);
  CHECK(rule->id == "aws-account-id");
  const detail::NativePrefilter check = detail::find_prefilter("account-id");
  REQUIRE(static_cast<bool>(check));
  const std::unique_ptr<RE2> re_ptr = quiet_regex(rule->regex);
  const RE2& re = *re_ptr;
  REQUIRE(re.ok());

  std::mt19937 rng(11282026);
  const std::vector<std::string> texts = examples_and(*rule, 30000, [&] { return account_like(rng); });

  std::size_t matched = 0, ruled_out = 0;
  for (const std::string& text : texts) {
    const re2::StringPiece all(text);
    for (std::size_t at = 0; at < text.size(); ++at) {
      // Every position, as the engine tries every keyword occurrence.
      for (std::size_t to : {text.size(), text.find('\n', at) == std::string::npos ? text.size() : text.find('\n', at) + 1}) {
        const bool hit = re.Match(all, at, to, RE2::ANCHOR_START, nullptr, 0);
        const bool maybe = check(text, at, to);
        INFO("text: " << text << " at " << at << " to " << to);
        if (hit) CHECK(maybe);
        matched += hit;
        ruled_out += !maybe;
      }
    }
  }
  CHECK(matched > 1000);     // many real matches were checked
  CHECK(ruled_out > 30000);  // and the prefilter does rule most tries out
}

TEST_CASE("required_suffix reads the literal an allowlist regex must end the text with, or nothing") {
  struct Case {
    const char* regex;
    const char* suffix;
  };
  const Case cases[] = {
      {R"(^arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*::\*$)", "::*"},
      {R"(abc$)", "abc"},
      {R"(a\.b\/c$)", "a.b/c"},
      {R"(foo.*bar$)", "bar"},
      {R"(\bend$)", "end"},       // \b is an anchor: "end" still ends the text
      {R"(abc\\$)", "abc\\"},     // an escaped backslash, then the anchor
      {R"(abc\$)", ""},           // an escaped $: no anchor at all
      {R"(ab*$)", ""},            // the last byte is repeated
      {R"(a{2}$)", ""},           // a counted repeat
      {R"(\d{4}$)", ""},          // a class
      {R"([a-z]+$)", ""},         // a class
      {R"((abc)$)", ""},          // a group
      {R"(x|abc$)", ""},          // an alternative that does not end so
      {R"((?i)abc$)", ""},        // flags change what the bytes mean
      {R"((?m)abc$)", ""},        // ... and what $ means
      {R"(abc)", ""},             // not anchored
      {R"($)", ""},
  };
  for (const Case& c : cases) {
    INFO("regex: " << c.regex);
    CHECK(detail::required_suffix(c.regex) == c.suffix);
  }
}

TEST_CASE("an allowlist regex never matches a text that lacks its required suffix") {
  // Every allowlist regex of the built-in pack (and of gitleaks.toml when the shared
  // corpus is there) that has a required suffix, on the rule's examples and on
  // generated texts built around the suffix: whenever RE2 finds a match, the text
  // ends with the suffix.
  std::vector<RuleSet> sets = {builtin_rules()};
  const char* env = std::getenv("STACKENGINE_SHARED");
  const std::string shared = env ? env : std::string(SE_SOURCE_DIR) + "/../shared";
  if (std::ifstream in(shared + "/corpus/gitleaks/gitleaks.toml"); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    sets.push_back(load_rules(ss.str(), "gitleaks.toml"));
  } else {
    MESSAGE("gitleaks.toml not found (set STACKENGINE_SHARED): the built-in pack's allowlists only");
  }
  std::mt19937 rng(7);
  std::size_t regexes = 0, matched = 0, ruled_out = 0;
  for (const RuleSet& set : sets)
    for (const RedactRule& rule : set.rules)
      for (const RuleAllowlist& a : rule.allowlists)
        for (const std::string& re_text : a.regexes) {
          const std::string suffix = detail::required_suffix(re_text);
          if (suffix.empty()) continue;
          ++regexes;
          const std::unique_ptr<RE2> re = quiet_regex(re_text);
          REQUIRE(re->ok());
          std::vector<std::string> texts(rule.tps.begin(), rule.tps.end());
          texts.insert(texts.end(), rule.fps.begin(), rule.fps.end());
          const std::size_t examples = texts.size();
          for (std::size_t k = 0; k < 400; ++k) {
            std::string t = examples ? texts[rng() % examples] : std::string("x");
            if (rng() % 2) t = t.substr(0, rng() % (t.size() + 1));
            if (rng() % 2) t += suffix;
            mutate(t, rng, suffix + "x*:$\\");
            texts.push_back(t);
          }
          for (const std::string& t : texts) {
            const bool ends = t.size() >= suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0;
            if (RE2::PartialMatch(t, *re)) {
              ++matched;
              INFO("regex " << re_text << " matched " << t);
              CHECK(ends);
            } else if (!ends) {
              ++ruled_out;
            }
          }
        }
  MESSAGE(regexes << " allowlist regexes with a required suffix; " << matched << " matches, " << ruled_out
                  << " texts ruled out");
  CHECK(regexes >= 1);   // the ARN rule's wildcard allowlist at least
  CHECK(matched > 50);   // the property was tested on real matches
  CHECK(ruled_out > 50);
}
