// gitleaks compatibility, measured on ../shared/corpus/gitleaks (skipped when absent).
//
// How we count (printed by the tests):
//   * gitleaks.toml is loaded through load_rules() — the same loader as --rules —
//     with the built-in pack switched off, so only gitleaks' own 222 rules run.
//   * Each line of samples.jsonl is one text, scanned alone (with its "path" when
//     the line has one, as gitleaks' ValidateWithPaths does).
//   * A true positive counts as detected when scan() reports at least one
//     detection BY THE SAME RULE ID as the sample's "rule" (detections of other
//     rules do not count). Target: 100%.
//   * A false positive counts as flagged when scan() reports a detection by the
//     sample's own rule id (other rules firing on it are gitleaks' behaviour too
//     and are not counted). Target: at most 1% of the false positives.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {
std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}
std::filesystem::path gitleaks_dir() { return shared_dir() / "corpus" / "gitleaks"; }

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Sample {
  std::string rule, kind, text, path;
};
std::vector<Sample> samples() {
  std::vector<Sample> out;
  std::ifstream in(gitleaks_dir() / "samples.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    out.push_back({j.at("rule"), j.at("kind"), j.at("text"), j.value("path", "")});
  }
  return out;
}
}  // namespace

TEST_CASE("gitleaks.toml loads through our loader and its samples behave as in gitleaks") {
  if (!std::filesystem::exists(gitleaks_dir() / "samples.jsonl")) {
    MESSAGE("skipped: ../shared/corpus/gitleaks not found (set STACKENGINE_SHARED)");
    return;
  }
  RuleSet gitleaks = load_rules(slurp(gitleaks_dir() / "gitleaks.toml"), "gitleaks.toml");
  for (const auto& e : gitleaks.errors) FAIL_CHECK(e.location.line << ": " << e.message);
  CHECK(gitleaks.rules.size() == 222);
  RedactOptions o;
  o.builtin_rules = false;
  const Redactor redactor(o, {gitleaks});
  CHECK(redactor.errors().empty());

  std::size_t tp = 0, tp_hit = 0, fp = 0, fp_hit = 0;
  std::map<std::string, std::size_t> missed;
  for (const Sample& s : samples()) {
    bool hit = false;
    for (const Detection& d : redactor.scan(s.text, s.path))
      if (redactor.rules()[d.rule_index].id == s.rule) hit = true;
    if (s.kind == "tp") {
      ++tp;
      if (hit) ++tp_hit; else ++missed[s.rule];
    } else {
      ++fp;
      if (hit) {
        ++fp_hit;
        MESSAGE("false positive flagged by " << s.rule);
      }
    }
  }
  for (const auto& [rule, n] : missed) MESSAGE("missed " << n << " true positive(s) of " << rule);
  MESSAGE("gitleaks.toml: " << tp_hit << "/" << tp << " true positives detected, " << fp_hit << "/" << fp
                            << " false positives flagged");
  CHECK(tp > 6000);
  CHECK(tp_hit == tp);
  CHECK(fp_hit * 100 <= fp);
}

TEST_CASE("every corpus sample round-trips exactly and loses every detected value") {
  if (!std::filesystem::exists(gitleaks_dir() / "samples.jsonl")) {
    MESSAGE("skipped: ../shared/corpus/gitleaks not found (set STACKENGINE_SHARED)");
    return;
  }
  RuleSet gitleaks = load_rules(slurp(gitleaks_dir() / "gitleaks.toml"), "gitleaks.toml");
  const Redactor redactor(RedactOptions{}, {gitleaks});  // built-in pack + gitleaks
  Vault vault;  // one vault for the whole corpus: placeholders must stay unambiguous
  std::size_t texts = 0, findings = 0;
  for (const Sample& s : samples()) {
    const RedactResult r = redactor.redact(s.text, vault, s.path);
    REQUIRE(r.ok());
    ++texts;
    findings += r.findings.size();
    CHECK_MESSAGE(restore(r.redacted, vault) == s.text, "round trip of a " << s.rule << " sample");
    for (const Detection& d : redactor.scan(s.text, s.path)) {
      const std::string value = s.text.substr(d.start, d.end - d.start);
      if (value.size() < 6) continue;  // tiny values also occur as ordinary words
      CHECK_MESSAGE(r.redacted.find(value) == std::string::npos,
                    "a value detected by " << redactor.rules()[d.rule_index].id << " survived in a "
                                           << s.rule << " sample");
    }
  }
  MESSAGE(texts << " corpus texts redacted with " << findings << " findings; all restored byte for byte");
}
