// Finds every occurrence of many literal strings of at least kEchoKeyBytes bytes
// (the values already detected, so that none survives elsewhere in the text).
//
// Aho-Corasick over thousands of distinct 20-40 byte secrets builds a trie of
// hundreds of thousands of states per text; instead each value is keyed by its
// rarest 8-byte window: a bitset filter over a multiplicative hash of those bytes rejects
// almost every position with one load, one multiply and one bit test, and the few
// positions that pass are checked against the values sharing that key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace stackengine::detail {

constexpr std::size_t kEchoKeyBytes = 8;

class EchoFinder {
 public:
  // `values` must outlive the finder; values shorter than kEchoKeyBytes are ignored.
  explicit EchoFinder(const std::vector<std::string_view>& values) : values_(values) {
    // Each value is keyed by its rarest 8-byte window among all values: keying by the
    // first 8 bytes would put every ARN under "arn:aws:".
    std::size_t n = 0, windows = 0;
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes) ++n, windows += v.size() - kEchoKeyBytes + 1;
    WindowCounts uses(windows);
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes)
        for (std::size_t o = 0; o + kEchoKeyBytes <= v.size(); ++o) uses.add(key(v.data() + o));
    bits_ = 12;
    while (bits_ < 24 && (std::size_t{1} << bits_) < n * 64) ++bits_;
    filter_.assign((std::size_t{1} << bits_) / 64, 0);
    by_key_.reserve(n);
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      const std::string_view v = values[i];
      if (v.size() < kEchoKeyBytes) continue;
      std::size_t best = 0;
      std::uint32_t best_uses = UINT32_MAX;
      for (std::size_t o = 0; o + kEchoKeyBytes <= v.size(); ++o) {
        const std::uint32_t u = uses.get(key(v.data() + o));
        if (u < best_uses) best_uses = u, best = o;
      }
      const std::uint64_t k = key(v.data() + best);
      const std::uint64_t h = hash(k);
      filter_[h >> 6] |= std::uint64_t{1} << (h & 63);
      by_key_[k].push_back({i, static_cast<std::uint32_t>(best)});
    }
  }

  // on_match(value_index, start) for every occurrence (not in order of start).
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (by_key_.empty() || text.size() < kEchoKeyBytes) return;
    const char* p = text.data();
    const std::size_t last = text.size() - kEchoKeyBytes;
    const std::uint64_t* filter = filter_.data();
    for (std::size_t i = 0; i <= last; ++i) {
      const std::uint64_t k = key(p + i);
      const std::uint64_t h = hash(k);
      if (!((filter[h >> 6] >> (h & 63)) & 1)) continue;
      const auto it = by_key_.find(k);
      if (it == by_key_.end()) continue;
      for (const Anchor& a : it->second) {
        const std::string_view value = values_[a.value];
        if (a.offset > i || value.size() > text.size() - (i - a.offset)) continue;
        const std::size_t at = i - a.offset;
        if (std::memcmp(p + at, value.data(), value.size()) == 0) on_match(a.value, at);
      }
    }
  }

 private:
  // Exact counts of 8-byte windows: a flat open-addressing table (linear probing),
  // several times faster than std::unordered_map for a few hundred thousand keys.
  class WindowCounts {
   public:
    explicit WindowCounts(std::size_t n) {
      std::size_t cap = 16;
      while (cap < n * 2) cap <<= 1;
      keys_.assign(cap, 0);
      counts_.assign(cap, 0);
      mask_ = cap - 1;
    }
    void add(std::uint64_t k) { ++counts_[slot(k)]; }
    std::uint32_t get(std::uint64_t k) const { return counts_[slot(k)]; }

   private:
    // Key 0 (eight NUL bytes) cannot occur: redacted text has no NUL.
    std::size_t slot(std::uint64_t k) const {
      std::size_t i = static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 20) & mask_;
      while (keys_[i] != k && keys_[i] != 0) i = (i + 1) & mask_;
      return i;
    }
    std::size_t slot(std::uint64_t k) {
      std::size_t i = static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 20) & mask_;
      while (keys_[i] != k && keys_[i] != 0) i = (i + 1) & mask_;
      keys_[i] = k;
      return i;
    }
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> counts_;
    std::size_t mask_ = 0;
  };
  struct Anchor {
    std::uint32_t value, offset;
  };
  static std::uint64_t key(const char* at) {
    std::uint64_t k;
    std::memcpy(&k, at, sizeof k);
    return k;
  }
  std::uint64_t hash(std::uint64_t k) const { return (k * 0x9E3779B97F4A7C15ull) >> (64 - bits_); }

  const std::vector<std::string_view>& values_;
  unsigned bits_ = 12;
  std::vector<std::uint64_t> filter_;
  std::unordered_map<std::uint64_t, std::vector<Anchor>> by_key_;
};

}  // namespace stackengine::detail
