// rule_categories(): the category switches the page offers, counted per rule.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {
RedactRule rule(const std::string& id, const std::string& category) {
  RedactRule r;
  r.id = id;
  r.category = category;
  return r;
}
}  // namespace

TEST_CASE("rule_categories: distinct names, sorted, with rule counts") {
  struct Case {
    const char* name;
    std::vector<RedactRule> rules;
    std::vector<std::pair<std::string, std::size_t>> want;
  };
  const std::vector<Case> cases = {
      {"empty", {}, {}},
      {"one", {rule("a", "token")}, {{"token", 1}}},
      {"grouped and sorted",
       {rule("a", "token"), rule("b", "aws-identifier"), rule("c", "token"), rule("d", "aws-identifier"),
        rule("e", "generic")},
       {{"aws-identifier", 2}, {"generic", 1}, {"token", 2}}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::vector<RuleCategory> got = rule_categories(c.rules);
    REQUIRE(got.size() == c.want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].name == c.want[i].first);
      CHECK(got[i].rules == c.want[i].second);
    }
  }
}

TEST_CASE("rule_categories: the built-in pack's categories cover every rule") {
  const RuleSet& pack = builtin_rules();
  const std::vector<RuleCategory> got = rule_categories(pack.rules);
  std::size_t total = 0;
  bool aws_identifier = false, aws_credential = false;
  for (const RuleCategory& c : got) {
    CHECK_FALSE(c.name.empty());
    CHECK(c.rules > 0);
    total += c.rules;
    aws_identifier |= c.name == "aws-identifier";
    aws_credential |= c.name == "aws-credential";
  }
  CHECK(total == pack.rules.size());
  CHECK(aws_identifier);
  CHECK(aws_credential);
}
