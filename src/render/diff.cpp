#include <algorithm>
#include <string>
#include <vector>

#include "stackengine/render.hpp"

namespace stackengine {
namespace {

struct Lines {
  std::vector<std::string_view> lines;
  bool final_newline = true;
};

Lines split_lines(std::string_view s) {
  Lines out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.lines.push_back(s.substr(start));
      out.final_newline = false;
      break;
    }
    out.lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

enum class Op { Keep, Delete, Insert };
struct Edit {
  Op op;
  std::size_t a;  // index in before (Keep/Delete)
  std::size_t b;  // index in after (Keep/Insert)
};

// Myers' greedy O((N+M)D) shortest edit script. Each round keeps a copy of V so the
// path can be traced back. Above kMaxD rounds (huge rewrites) the texts are treated as
// wholly replaced: still a correct diff, just not a minimal one.
std::vector<Edit> myers(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m;
  constexpr long kMaxD = 2000;
  std::vector<Edit> script;
  auto whole_replace = [&] {
    script.clear();
    for (long i = 0; i < n; ++i) script.push_back({Op::Delete, static_cast<std::size_t>(i), 0});
    for (long j = 0; j < m; ++j) script.push_back({Op::Insert, 0, static_cast<std::size_t>(j)});
    return script;
  };
  if (max == 0) return script;
  const long offset = max + 1;
  std::vector<long> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;
  long found_d = -1;
  for (long d = 0; d <= max; ++d) {
    if (d > kMaxD) return whole_replace();
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x;
      if (k == -d || (k != d && v[static_cast<std::size_t>(offset + k - 1)] < v[static_cast<std::size_t>(offset + k + 1)]))
        x = v[static_cast<std::size_t>(offset + k + 1)];  // step down: insertion
      else
        x = v[static_cast<std::size_t>(offset + k - 1)] + 1;  // step right: deletion
      long y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      v[static_cast<std::size_t>(offset + k)] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
    if (found_d >= 0) break;
  }
  // Walk back from (n, m) through the saved V arrays.
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const std::vector<long>& pv = trace[static_cast<std::size_t>(d)];
    const long k = x - y;
    long prev_k;
    if (k == -d || (k != d && pv[static_cast<std::size_t>(offset + k - 1)] < pv[static_cast<std::size_t>(offset + k + 1)]))
      prev_k = k + 1;
    else
      prev_k = k - 1;
    const long prev_x = pv[static_cast<std::size_t>(offset + prev_k)];
    const long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      script.push_back({Op::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
    if (prev_k == k + 1) script.push_back({Op::Insert, static_cast<std::size_t>(x), static_cast<std::size_t>(--y)});
    else script.push_back({Op::Delete, static_cast<std::size_t>(--x), static_cast<std::size_t>(y)});
  }
  while (x > 0 && y > 0) {
    --x, --y;
    script.push_back({Op::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
  }
  std::reverse(script.begin(), script.end());
  // Within a run of changes, print deletions before insertions (as diff -u does).
  for (std::size_t i = 0; i < script.size();) {
    if (script[i].op == Op::Keep) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < script.size() && script[j].op != Op::Keep) ++j;
    std::stable_partition(script.begin() + static_cast<long>(i), script.begin() + static_cast<long>(j),
                          [](const Edit& e) { return e.op == Op::Delete; });
    i = j;
  }
  return script;
}

std::string range(std::size_t start, std::size_t count) {
  // diff -u: a one-line range omits ",1"; an empty range names the line before it.
  if (count == 1) return std::to_string(start + 1);
  if (count == 0) return std::to_string(start) + ",0";
  return std::to_string(start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_name,
                         std::string_view after_name, int context) {
  if (before == after) return "";
  try {
    const Lines a = split_lines(before), b = split_lines(after);
    // Compare the last lines including their (missing) newline, so a change in the
    // final newline alone is a change.
    std::vector<std::string> a_last, b_last;
    std::vector<std::string_view> av = a.lines, bv = b.lines;
    std::string a_tail, b_tail;
    if (!a.final_newline && !av.empty()) {
      a_tail = std::string(av.back()) + '\0';
      av.back() = a_tail;
    }
    if (!b.final_newline && !bv.empty()) {
      b_tail = std::string(bv.back()) + '\0';
      bv.back() = b_tail;
    }
    const std::vector<Edit> script = myers(av, bv);
    const std::size_t ctx = static_cast<std::size_t>(std::max(0, context));

    std::string out = "--- " + std::string(before_name) + "\n+++ " + std::string(after_name) + "\n";
    std::size_t i = 0;
    while (i < script.size()) {
      while (i < script.size() && script[i].op == Op::Keep) ++i;
      if (i == script.size()) break;
      // Hunk: from ctx lines before this change to ctx lines after the last change that
      // is at most 2*ctx unchanged lines from the previous one.
      std::size_t start = i >= ctx ? i - ctx : 0;
      for (std::size_t k = start; k < i; ++k)
        if (script[k].op != Op::Keep) start = k + 1;
      std::size_t end = i;
      while (true) {
        while (end < script.size() && script[end].op != Op::Keep) ++end;
        std::size_t keep = end;
        while (keep < script.size() && script[keep].op == Op::Keep) ++keep;
        if (keep < script.size() && keep - end <= 2 * ctx) {
          end = keep;
          continue;
        }
        end = std::min(script.size(), end + ctx);
        break;
      }
      std::size_t a_start = 0, b_start = 0, a_count = 0, b_count = 0;
      bool a_set = false, b_set = false;
      for (std::size_t k = start; k < end; ++k) {
        const Edit& e = script[k];
        if (e.op != Op::Insert) {
          if (!a_set) a_start = e.a, a_set = true;
          ++a_count;
        }
        if (e.op != Op::Delete) {
          if (!b_set) b_start = e.b, b_set = true;
          ++b_count;
        }
      }
      // An empty side starts after the lines that precede the hunk on that side.
      if (!a_set) a_start = start < script.size() ? script[start].a : a.lines.size();
      if (!b_set) b_start = start < script.size() ? script[start].b : b.lines.size();
      out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n";
      for (std::size_t k = start; k < end; ++k) {
        const Edit& e = script[k];
        const bool from_a = e.op != Op::Insert;
        const Lines& src = from_a ? a : b;
        const std::size_t idx = from_a ? e.a : e.b;
        out += e.op == Op::Keep ? ' ' : e.op == Op::Delete ? '-' : '+';
        out.append(src.lines[idx]);
        out += '\n';
        if (!src.final_newline && idx + 1 == src.lines.size()) out += "\\ No newline at end of file\n";
      }
      i = end;
    }
    return out;
  } catch (...) {
    return "";
  }
}

}  // namespace stackengine
