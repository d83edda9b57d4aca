// Native redaction throughput over one corpus file, with recall against the corpus
// manifest (a true-positive sample counts as found when a finding overlaps it).
//
//   build/native/stackengine_bench CORPUS MANIFEST [--repeat N]
//
// Prints one JSON line: {"engine":"native","mb_per_s","recall","peak_mib",...}.
// mb_per_s is the best of N runs; the first run also compiles the built-in pack and
// grows the DFA caches, and is reported as first_run_mb_per_s.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux: KiB
}

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

struct Sample {
  std::size_t start, end;
  bool tp;
};

// Fraction of true-positive samples overlapped by some [start, end) span.
std::pair<double, double> score(const std::vector<Sample>& samples,
                                std::vector<std::pair<std::size_t, std::size_t>> spans) {
  std::sort(spans.begin(), spans.end());
  std::vector<std::size_t> max_end(spans.size());
  std::size_t m = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) max_end[i] = m = std::max(m, spans[i].second);
  int tp = 0, tp_hit = 0, fp = 0, fp_hit = 0;
  for (const Sample& s : samples) {
    auto it = std::lower_bound(spans.begin(), spans.end(), std::make_pair(s.end, std::size_t{0}));
    const std::size_t n = static_cast<std::size_t>(it - spans.begin());
    const bool hit = n > 0 && max_end[n - 1] > s.start;
    (s.tp ? tp : fp) += 1;
    (s.tp ? tp_hit : fp_hit) += hit;
  }
  return {tp ? static_cast<double>(tp_hit) / tp : 0.0, fp ? static_cast<double>(fp_hit) / fp : 0.0};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s CORPUS MANIFEST [--repeat N]\n", argv[0]);
    return 2;
  }
  int repeat = 3;
  for (int i = 3; i < argc; ++i)
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  std::string text, manifest_text;
  if (!read_file(argv[1], text) || !read_file(argv[2], manifest_text)) {
    std::fprintf(stderr, "cannot read %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  const auto manifest = nlohmann::json::parse(manifest_text, nullptr, false);
  if (manifest.is_discarded() || !manifest.contains("samples")) {
    std::fprintf(stderr, "%s is not a corpus manifest\n", argv[2]);
    return 2;
  }
  std::vector<Sample> samples;
  for (const auto& s : manifest["samples"]) {
    const std::size_t at = s.value("byte_offset", std::size_t{0});
    samples.push_back({at, at + s.value("bytes", std::size_t{0}), s.value("kind", "") == "tp"});
  }

  // Best of N whole redactions with the full built-in pack, a fresh vault each time.
  double best = 1e300, first = 0, best_cpu = 1e300;
  RedactResult result;
  for (int i = 0; i < repeat; ++i) {
    Vault vault;
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    RedactResult r = redact(text, vault);
    best_cpu = std::min(best_cpu, cpu_seconds() - c0);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(r);  // the previous run's result is freed outside the timing
    if (i == 0) first = s;
    best = std::min(best, s);
  }
  if (!result.ok()) {
    std::fprintf(stderr, "redact refused the corpus: %s\n", result.error.message.c_str());
    return 1;
  }
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& f : result.findings) spans.emplace_back(f.start.offset, f.end.offset);
  const auto [recall, fp_hit] = score(samples, spans);
  const double mb = static_cast<double>(text.size()) / 1e6;
  nlohmann::ordered_json line = {{"engine", "native"},
                         {"mb_per_s", mb / best},
                         {"recall", recall},
                         {"peak_mib", peak_mib()},
                         {"fp_hit", fp_hit},
                         {"mb", mb},
                         {"seconds", best},
                         {"first_run_mb_per_s", mb / first},
                         {"cpu_mb_per_s", mb / best_cpu},
                         {"findings", result.findings.size()}};
  std::printf("%s\n", line.dump().c_str());

  return 0;
}
