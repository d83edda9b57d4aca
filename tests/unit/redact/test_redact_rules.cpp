// Every rule in src/redact/rules/*.toml (ours and the gitleaks families) carries
// its own true and false positives; each rule runs alone on them here.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {
bool detected_by(const Redactor& r, const std::string& id, const std::string& text) {
  for (const Detection& d : r.scan(text))
    if (r.rules()[d.rule_index].id == id) return true;
  return false;
}
}  // namespace

TEST_CASE("the built-in pack loads without errors and every rule is testable") {
  const RuleSet& pack = builtin_rules();
  for (const auto& e : pack.errors) FAIL_CHECK(e.source << ":" << e.location.line << ": " << e.message);
  CHECK(pack.rules.size() >= 10);
  std::set<std::string> ids;
  for (const auto& r : pack.rules) {
    INFO("rule " << r.id << " (" << r.source << ")");
    CHECK(ids.insert(r.id).second);
    CHECK_FALSE(r.keywords.empty());  // no rule may run on every block
    CHECK_FALSE(r.tps.empty());
    CHECK_FALSE(r.description.empty());
  }
}

TEST_CASE("every built-in rule finds its true positives and ignores its false positives") {
  const RuleSet& pack = builtin_rules();
  std::size_t checked = 0;
  for (const auto& rule : pack.rules) {
    RedactOptions o;
    o.only_rules = {rule.id};
    const Redactor alone(o);
    REQUIRE(alone.rules().size() == 1);
    for (const auto& tp : rule.tps) {
      INFO("rule " << rule.id << " (" << rule.source << ") true positive: " << tp);
      CHECK(detected_by(alone, rule.id, tp));
      ++checked;
    }
    for (const auto& fp : rule.fps) {
      INFO("rule " << rule.id << " (" << rule.source << ") false positive: " << fp);
      CHECK_FALSE(detected_by(alone, rule.id, fp));
      ++checked;
    }
  }
  MESSAGE("checked " << checked << " rule examples over " << pack.rules.size() << " rules");
}

TEST_CASE("with the whole pack, no true positive's secret survives redaction") {
  const Redactor all;
  for (const auto& rule : builtin_rules().rules)
    for (const auto& tp : rule.tps) {
      INFO("rule " << rule.id << " true positive: " << tp);
      Vault vault;
      const RedactResult r = all.redact(tp, vault);
      REQUIRE(r.ok());
      CHECK_FALSE(r.findings.empty());
      for (const Detection& d : all.scan(tp)) {
        const std::string secret = tp.substr(d.start, d.end - d.start);
        if (secret.size() >= 6) CHECK(r.redacted.find(secret) == std::string::npos);
      }
      CHECK(restore(r.redacted, vault) == tp);
    }
}
