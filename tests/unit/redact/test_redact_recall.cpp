// Recall of the built-in pack (no gitleaks.toml loaded) over gitleaks' own rule
// test samples: every true positive should be caught by some rule of ours, and the
// false positives should mostly stay untouched. Prints a table per gitleaks rule id.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}

// Our rule ids follow gitleaks' where the family matches; a few families are split
// into variants whose ids carry a suffix (the keyed form, the other YAML order...).
std::string family_of(std::string id) {
  for (const std::string suffix : {"-by-key", "-data-first", "-lenient"})
    if (id.size() > suffix.size() && id.compare(id.size() - suffix.size(), suffix.size(), suffix) == 0)
      return id.substr(0, id.size() - suffix.size());
  return id;
}

struct Tally {
  int tp = 0, tp_found = 0, tp_same = 0, fp = 0, fp_hit_any = 0, fp_hit_same = 0;
};

}  // namespace

TEST_CASE("built-in pack alone: recall over gitleaks' samples per rule id") {
  const auto samples = shared_dir() / "corpus" / "gitleaks" / "samples.jsonl";
  if (!std::filesystem::exists(samples)) {
    MESSAGE("skipped: ../shared/corpus/gitleaks/samples.jsonl not found (set STACKENGINE_SHARED)");
    return;
  }
  const Redactor redactor;  // built-in pack, default options, no gitleaks.toml
  REQUIRE(redactor.errors().empty());
  const auto& rules = redactor.rules();

  std::map<std::string, Tally> per_rule;
  Tally total;
  std::ifstream in(samples);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    REQUIRE_FALSE(j.is_discarded());
    const std::string id = j.value("rule", "");
    const std::string kind = j.value("kind", "");
    const std::string text = j.value("text", "");
    const std::string path = j.value("path", "");
    bool any = false, same = false;
    for (const Detection& d : redactor.scan(text, path)) {
      any = true;
      if (family_of(rules[d.rule_index].id) == id) same = true;
    }
    for (Tally* t : {&per_rule[id], &total}) {
      if (kind == "tp") {
        ++t->tp;
        t->tp_found += any;
        t->tp_same += same;
      } else {
        ++t->fp;
        t->fp_hit_any += any;
        t->fp_hit_same += same;
      }
    }
  }
  REQUIRE(total.tp > 0);

  // The table: every id with a miss or a false-positive hit, then the totals.
  // "found" = some rule caught the sample (what redaction needs); "same" = a rule of
  // the same family did.
  std::printf("\n%-44s %5s %5s %5s | %4s %7s %8s\n", "gitleaks rule id", "tp", "found", "same", "fp",
              "hit-any", "hit-same");
  int perfect = 0;
  for (const auto& [id, t] : per_rule) {
    if (t.tp_found == t.tp && t.fp_hit_any == 0) {
      ++perfect;
      continue;
    }
    std::printf("%-44s %5d %5d %5d | %4d %7d %8d\n", id.c_str(), t.tp, t.tp_found, t.tp_same, t.fp,
                t.fp_hit_any, t.fp_hit_same);
  }
  const double recall = static_cast<double>(total.tp_found) / total.tp;
  const double fp_any = total.fp ? static_cast<double>(total.fp_hit_any) / total.fp : 0;
  const double fp_same = total.fp ? static_cast<double>(total.fp_hit_same) / total.fp : 0;
  std::printf("(%d more ids with every tp found and no fp hit)\n", perfect);
  std::printf("TP recall %d/%d = %.2f%% (same family %.2f%%); FP hit by any rule %d/%d = %.2f%%, "
              "by the same family %.2f%%\n",
              total.tp_found, total.tp, 100 * recall, 100.0 * total.tp_same / total.tp,
              total.fp_hit_any, total.fp, 100 * fp_any, 100 * fp_same);

  CHECK(recall >= 0.95);
  // A false-positive sample hit by another rule is often a real secret of a sibling
  // family (the cloudflare samples); a hit by the same family is a true miss-fire.
  CHECK(fp_same <= 0.08);
  CHECK(fp_any <= 0.15);
}
