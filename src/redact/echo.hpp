// Finds every occurrence of many literal strings of at least kEchoKeyBytes bytes
// (the values already detected, so that none survives elsewhere in the text).
//
// Aho-Corasick over thousands of distinct 20-40 byte secrets builds a trie of
// hundreds of thousands of states per text; instead each value is keyed by its
// rarest 8-byte window: a bitset filter over a multiplicative hash of those bytes rejects
// almost every position with one load, one multiply and one bit test, and the few
// positions that pass are checked against the values sharing that key.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace stackengine::detail {

constexpr std::size_t kEchoKeyBytes = 8;

class EchoFinder {
 public:
  // `values` must outlive the finder; values shorter than kEchoKeyBytes are ignored.
  explicit EchoFinder(const std::vector<std::string_view>& values) : values_(values) {
    // Each value is keyed by its rarest 8-byte window among all values: keying by the
    // first 8 bytes would put every ARN under "arn:aws:".
    // Candidate windows: every 4th offset and the last one.
    std::size_t n = 0, windows = 0;
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes) ++n, windows += (v.size() - kEchoKeyBytes) / kStride + 2;
    WindowCounts uses(windows);
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes) for_each_window(v, [&](std::size_t o) { uses.add(key(v.data() + o)); });
    bits_ = 12;
    while (bits_ < 24 && (std::size_t{1} << bits_) < n * 64) ++bits_;
    filter_.assign((std::size_t{1} << bits_) / 64, 0);
    anchors_.reserve(n);
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      const std::string_view v = values[i];
      if (v.size() < kEchoKeyBytes) continue;
      std::size_t best = 0;
      std::uint32_t best_uses = UINT32_MAX;
      for_each_window(v, [&](std::size_t o) {
        const std::uint32_t u = uses.get(key(v.data() + o));
        if (u < best_uses) best_uses = u, best = o;
      });
      const std::uint64_t k = key(v.data() + best);
      const std::uint64_t h = hash(k);
      filter_[h >> 6] |= std::uint64_t{1} << (h & 63);
      anchors_.push_back({k, i, static_cast<std::uint32_t>(best)});
    }
    // Anchors sorted by key; a flat open-addressing table maps a key to its first.
    std::sort(anchors_.begin(), anchors_.end(), [](const Anchor& a, const Anchor& b) { return a.key < b.key; });
    std::size_t cap = 16;
    while (cap < anchors_.size() * 2) cap <<= 1;
    table_.assign(cap, 0);
    table_mask_ = cap - 1;
    for (std::uint32_t j = 0; j < anchors_.size(); ++j) {
      if (j > 0 && anchors_[j - 1].key == anchors_[j].key) continue;
      std::size_t t = slot_of(anchors_[j].key);
      while (table_[t] != 0) t = (t + 1) & table_mask_;
      table_[t] = j + 1;
    }
  }

  // on_match(value_index, start) for every occurrence (not in order of start).
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (anchors_.empty() || text.size() < kEchoKeyBytes) return;
    const char* p = text.data();
    const std::size_t last = text.size() - kEchoKeyBytes;
    const std::uint64_t* filter = filter_.data();
    const unsigned shift = 64 - bits_;
    auto pass = [&](std::size_t i) {
      const std::uint64_t h = (key(p + i) * kMul) >> shift;
      return (filter[h >> 6] >> (h & 63)) & 1;
    };
    auto check = [&](std::size_t i) {
      const std::uint64_t k = key(p + i);
      std::size_t t = slot_of(k);
      while (table_[t] != 0 && anchors_[table_[t] - 1].key != k) t = (t + 1) & table_mask_;
      if (table_[t] == 0) return;
      for (std::size_t j = table_[t] - 1; j < anchors_.size() && anchors_[j].key == k; ++j) {
        const Anchor& a = anchors_[j];
        const std::string_view value = values_[a.value];
        if (a.offset > i || value.size() > text.size() - (i - a.offset)) continue;
        const std::size_t at = i - a.offset;
        if (std::memcmp(p + at, value.data(), value.size()) == 0) on_match(a.value, at);
      }
    };
    std::size_t i = 0;
    // Four independent filter probes per step keep the loads in flight together.
    for (; i + 3 <= last; i += 4) {
      const bool a = pass(i), b = pass(i + 1), c = pass(i + 2), d = pass(i + 3);
      if (a | b | c | d) [[unlikely]] {
        if (a) check(i);
        if (b) check(i + 1);
        if (c) check(i + 2);
        if (d) check(i + 3);
      }
    }
    for (; i <= last; ++i)
      if (pass(i)) check(i);
  }

 private:
  static constexpr std::size_t kStride = 4;
  template <typename F>
  static void for_each_window(std::string_view v, F&& f) {
    std::size_t o = 0;
    for (; o + kEchoKeyBytes <= v.size(); o += kStride) f(o);
    if (o - kStride != v.size() - kEchoKeyBytes) f(v.size() - kEchoKeyBytes);
  }
  // Approximate counts of candidate windows: saturating byte counters indexed by a
  // hash (collisions only make a window look commoner than it is). Small enough to
  // stay in cache, unlike an exact table of a few hundred thousand keys.
  class WindowCounts {
   public:
    explicit WindowCounts(std::size_t n) {
      std::size_t cap = 1024;
      while (cap < n * 2 && cap < (std::size_t{1} << 18)) cap <<= 1;
      counts_.assign(cap, 0);
      mask_ = cap - 1;
    }
    void add(std::uint64_t k) {
      std::uint8_t& c = counts_[slot(k)];
      c = static_cast<std::uint8_t>(c + (c != 0xff));
    }
    std::uint32_t get(std::uint64_t k) const { return counts_[slot(k)]; }

   private:
    std::size_t slot(std::uint64_t k) const { return static_cast<std::size_t>((k * kMul) >> 23) & mask_; }
    std::vector<std::uint8_t> counts_;
    std::size_t mask_ = 0;
  };
  struct Anchor {
    std::uint64_t key;
    std::uint32_t value, offset;
  };
  std::size_t slot_of(std::uint64_t k) const { return static_cast<std::size_t>((k * kMul) >> 17) & table_mask_; }
  static std::uint64_t key(const char* at) {
    std::uint64_t k;
    std::memcpy(&k, at, sizeof k);
    return k;
  }
  static constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t hash(std::uint64_t k) const { return (k * kMul) >> (64 - bits_); }

  const std::vector<std::string_view>& values_;
  unsigned bits_ = 12;
  std::vector<std::uint64_t> filter_;
  std::vector<Anchor> anchors_;
  std::vector<std::uint32_t> table_;  // anchor index + 1, 0 = empty
  std::size_t table_mask_ = 0;
};

}  // namespace stackengine::detail
