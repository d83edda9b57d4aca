#include "redact/keywords.hpp"

#include <algorithm>
#include <deque>

namespace stackengine::detail {
namespace {
// Dense tables above this many cells stay sparse (about 16 MiB of uint32).
constexpr std::size_t kDenseCellLimit = 4u << 20;  // also keeps row offsets below 2^31

unsigned char fold(unsigned char c, bool fold_case) {
  return (fold_case && c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}
}  // namespace

KeywordAutomaton::KeywordAutomaton(const std::vector<std::string>& patterns, bool fold_case) {
  // Byte classes: every byte that occurs in a pattern gets its own class (after
  // case folding); all other bytes share class 0, which never starts an edge.
  bool used[256] = {};
  for (const auto& p : patterns)
    for (unsigned char c : p) used[fold(c, fold_case)] = true;
  std::uint8_t next_class = 1;
  std::uint8_t class_of[256] = {};
  for (int c = 0; c < 256; ++c)
    if (used[c]) class_of[c] = next_class++;
  for (int c = 0; c < 256; ++c) byte_class_[c] = class_of[fold(static_cast<unsigned char>(c), fold_case)];
  class_count_ = next_class;

  for (const auto& p : patterns) max_length_ = std::max(max_length_, p.size());
  // Trie.
  std::vector<std::vector<std::pair<std::uint8_t, std::uint32_t>>> kids(1);
  std::vector<std::vector<std::uint32_t>> own(1);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    if (patterns[i].empty()) continue;
    std::uint32_t s = 0;
    for (unsigned char ch : patterns[i]) {
      const std::uint8_t c = byte_class_[ch];
      auto& k = kids[s];
      auto it = std::find_if(k.begin(), k.end(), [&](const auto& e) { return e.first == c; });
      if (it != k.end()) {
        s = it->second;
      } else {
        const auto t = static_cast<std::uint32_t>(kids.size());
        k.emplace_back(c, t);
        kids.emplace_back();
        own.emplace_back();
        s = t;
      }
    }
    own[s].push_back(static_cast<std::uint32_t>(i));
    ++pattern_count_;
  }
  const std::size_t n = kids.size();
  edge_begin_.assign(n + 1, 0);
  for (std::size_t s = 0; s < n; ++s) {
    std::sort(kids[s].begin(), kids[s].end());
    edge_begin_[s + 1] = edge_begin_[s] + static_cast<std::uint32_t>(kids[s].size());
    edges_.insert(edges_.end(), kids[s].begin(), kids[s].end());
  }

  // Failure links and output sets, breadth first so a state's failure target is
  // finished before the state itself.
  fail_.assign(n, 0);
  std::vector<std::vector<std::uint32_t>> out = own;
  std::deque<std::uint32_t> queue;
  for (const auto& [c, t] : kids[0]) {
    (void)c;
    queue.push_back(t);
  }
  std::vector<std::uint32_t> order;
  order.reserve(n);
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    order.push_back(s);
    for (const auto& [c, t] : kids[s]) {
      std::uint32_t f = fail_[s];
      std::uint32_t g;
      while ((g = child(f, c)) == kNone && f != 0) f = fail_[f];
      fail_[t] = (g != kNone && g != t) ? g : 0;
      out[t].insert(out[t].end(), out[fail_[t]].begin(), out[fail_[t]].end());
      queue.push_back(t);
    }
  }
  has_output_.assign(n, 0);
  out_begin_.assign(n + 1, 0);
  for (std::size_t s = 0; s < n; ++s) {
    has_output_[s] = out[s].empty() ? 0 : 1;
    out_begin_[s + 1] = out_begin_[s] + static_cast<std::uint32_t>(out[s].size());
    outputs_.insert(outputs_.end(), out[s].begin(), out[s].end());
  }

  if (n * class_count_ <= kDenseCellLimit) {
    auto entry = [&](std::uint32_t t) { return t * class_count_ | (has_output_[t] ? 0x80000000u : 0u); };
    dense_.assign(n * class_count_, 0);
    // Root row, then every other state in BFS order reusing its failure row.
    for (std::uint32_t c = 0; c < class_count_; ++c) {
      const std::uint32_t t = child(0, static_cast<std::uint8_t>(c));
      dense_[c] = t == kNone ? 0 : entry(t);
    }
    for (std::uint32_t s : order)
      for (std::uint32_t c = 0; c < class_count_; ++c) {
        const std::uint32_t t = child(s, static_cast<std::uint8_t>(c));
        dense_[s * class_count_ + c] = t != kNone ? entry(t) : dense_[fail_[s] * class_count_ + c];
      }
  }
}

std::uint32_t KeywordAutomaton::child(std::uint32_t s, std::uint8_t c) const {
  const auto* b = edges_.data() + edge_begin_[s];
  const auto* e = edges_.data() + edge_begin_[s + 1];
  const auto* it = std::lower_bound(b, e, c, [](const auto& edge, std::uint8_t v) { return edge.first < v; });
  return (it != e && it->first == c) ? it->second : kNone;
}

std::uint32_t KeywordAutomaton::step(std::uint32_t s, std::uint8_t c) const {
  if (c == 0) return 0;  // a byte that occurs in no pattern
  for (;;) {
    const std::uint32_t t = child(s, c);
    if (t != kNone) return t;
    if (s == 0) return 0;
    s = fail_[s];
  }
}

}  // namespace stackengine::detail
