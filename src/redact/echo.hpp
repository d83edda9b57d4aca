// Finds every occurrence of many literal strings of at least kEchoKeyBytes bytes
// (the values already detected, so that none survives elsewhere in the text).
//
// Aho-Corasick over thousands of distinct 20-40 byte secrets builds a trie of
// hundreds of thousands of states per text; instead each value is anchored on one
// of its 8-byte windows, the rarest among all values' windows. A bitset filter over
// a multiplicative hash of the 8 bytes at each position rejects almost every
// position with one load, one multiply and one bit test. At a position that passes,
// each distinct (offset, length) of the values anchored on that key costs a second
// filter test (the candidate's last 8 bytes) and, when it passes, one probe of a flat
// table by a hash of the candidate, so values that share a window (every ARN
// starts "arn:aws:") never turn the scan quadratic.
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
  // `values` must be distinct and outlive the finder; values shorter than
  // kEchoKeyBytes are ignored.
  explicit EchoFinder(const std::vector<std::string_view>& values) : values_(&values) {
    std::size_t n = 0, windows = 0;
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes) ++n, windows += (v.size() - kEchoKeyBytes) / kStride + 2;
    if (n == 0) return;
    WindowCounts uses(windows);
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes) for_each_window(v, [&](std::size_t o) { uses.add(key(v.data() + o)); });

    bits_ = 12;
    while (bits_ < 26 && (std::size_t{1} << bits_) < n * 64) ++bits_;
    // The anchor filter is probed at every position: two bits in one 64-bit word
    // (a blocked Bloom filter) at 16 to 32 bits per value keeps it in L1 (32 KiB for
    // ~8,000 values) with under 1% false positives; one bit in a table 64 times the
    // values was an L2 access per position.
    word_bits_ = 6;
    while (word_bits_ < 24 && (std::size_t{1} << word_bits_) < n / 4) ++word_bits_;
    filter_.assign(std::size_t{1} << word_bits_, 0);
    tails_.assign((std::size_t{1} << bits_) / 64, 0);
    std::size_t slots = 16;
    while (slots < n * 2) slots <<= 1;
    slots_.assign(slots, Slot{0, kEmpty, 0});
    slot_mask_ = slots - 1;
    groups_.reserve(n);
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
      const std::uint64_t h = k * kMul;
      filter_[h >> (64 - word_bits_)] |= filter_bits(h);
      const std::uint64_t t = tail_hash(v.data(), v.size());
      tails_[t >> 6] |= std::uint64_t{1} << (t & 63);
      const std::uint64_t vh = string_hash(v.data(), v.size());
      std::size_t at = static_cast<std::size_t>(vh) & slot_mask_;
      while (slots_[at].value != kEmpty) at = (at + 1) & slot_mask_;
      slots_[at] = Slot{vh, i, static_cast<std::uint32_t>(best)};
      groups_.push_back({k, static_cast<std::uint32_t>(best), static_cast<std::uint32_t>(v.size())});
    }
    // One entry per distinct (key, offset, length), sorted by key; a flat
    // open-addressing table maps a key to its first entry.
    std::sort(groups_.begin(), groups_.end(), [](const Group& a, const Group& b) {
      return a.key != b.key ? a.key < b.key : a.offset != b.offset ? a.offset < b.offset : a.length < b.length;
    });
    groups_.erase(std::unique(groups_.begin(), groups_.end(),
                              [](const Group& a, const Group& b) {
                                return a.key == b.key && a.offset == b.offset && a.length == b.length;
                              }),
                  groups_.end());
    std::size_t cap = 16;
    while (cap < groups_.size() * 2) cap <<= 1;
    table_.assign(cap, 0);
    table_mask_ = cap - 1;
    for (std::uint32_t j = 0; j < groups_.size(); ++j) {
      if (j > 0 && groups_[j - 1].key == groups_[j].key) continue;
      std::size_t t = slot_of(groups_[j].key);
      while (table_[t] != 0) t = (t + 1) & table_mask_;
      table_[t] = j + 1;
    }
  }

  // on_match(value_index, start) for every occurrence (not in order of start).
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    scan_between(text, 0, text.size(), on_match);
  }

  // Only the occurrences that overlap none of `busy` (sorted, non-overlapping
  // [start, end) spans: the detections themselves). The caller drops an occurrence
  // that overlaps a detection anyway, and most occurrences are the detections or
  // lie inside them (an account id inside its ARN), so the text under the spans is
  // not even probed.
  template <typename Span, typename OnMatch>
  void scan_outside(std::string_view text, const std::vector<Span>& busy, OnMatch&& on_match) const {
    scan_outside_part(text, busy, 0, busy.size(), 0, text.size(), on_match);
  }

  // The same over text[lo, hi), whose busy spans are busy[first, last): two threads
  // can take the two halves of a text cut at the start of a busy span (an
  // occurrence across the cut overlaps that span, so none is lost).
  template <typename Span, typename OnMatch>
  void scan_outside_part(std::string_view text, const std::vector<Span>& busy, std::size_t first, std::size_t last,
                         std::size_t lo, std::size_t hi, OnMatch&& on_match) const {
    std::size_t from = lo;
    for (std::size_t i = first; i < last; ++i) {
      const Span& b = busy[i];
      if (b.end <= b.start) continue;  // an empty span covers nothing
      if (b.start > from) scan_between(text, from, b.start, on_match);
      from = std::max<std::size_t>(from, b.end);
    }
    if (from < hi) scan_between(text, from, hi, on_match);
  }

 private:
  // Occurrences that lie inside text[lo, hi).
  template <typename OnMatch>
  void scan_between(std::string_view text, std::size_t lo, std::size_t hi, OnMatch& on_match) const {
    if (groups_.empty() || hi - lo < kEchoKeyBytes) return;
    const char* p = text.data();
    const std::size_t last = hi - kEchoKeyBytes;
    const std::uint64_t* filter = filter_.data();
    const unsigned shift = 64 - word_bits_;
    auto pass = [&](std::size_t i) {
      const std::uint64_t h = key(p + i) * kMul;
      const std::uint64_t bits = filter_bits(h);
      return (filter[h >> shift] & bits) == bits;
    };
    auto check = [&](std::size_t i) {
      const std::uint64_t k = key(p + i);
      std::size_t t = slot_of(k);
      while (table_[t] != 0 && groups_[table_[t] - 1].key != k) t = (t + 1) & table_mask_;
      if (table_[t] == 0) return;
      for (std::size_t j = table_[t] - 1; j < groups_.size() && groups_[j].key == k; ++j) {
        const Group& g = groups_[j];
        if (g.offset > i - lo || g.length > hi - (i - g.offset)) continue;
        const std::size_t at = i - g.offset;
        const std::uint64_t th = tail_hash(p + at, g.length);
        if (!((tails_[th >> 6] >> (th & 63)) & 1)) continue;
        // A value is reported through its own anchor only (another group may see
        // the same bytes at another offset).
        const std::uint64_t vh = string_hash(p + at, g.length);
        for (std::size_t q = static_cast<std::size_t>(vh) & slot_mask_; slots_[q].value != kEmpty; q = (q + 1) & slot_mask_) {
          const Slot& sl = slots_[q];
          if (sl.hash != vh || sl.anchor != g.offset) continue;
          const std::string_view value = (*values_)[sl.value];
          if (value.size() == g.length && std::memcmp(value.data(), p + at, g.length) == 0) {
            on_match(sl.value, at);
            break;
          }
        }
      }
    };
    std::size_t i = lo;
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


  static constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  static constexpr std::size_t kStride = 4;

  // Candidate anchor windows of a value: every 4th offset and the last one.
  template <typename F>
  static void for_each_window(std::string_view v, F&& f) {
    std::size_t o = 0;
    for (; o + kEchoKeyBytes <= v.size(); o += kStride) f(o);
    if (o - kStride != v.size() - kEchoKeyBytes) f(v.size() - kEchoKeyBytes);
  }

  // Approximate counts of candidate windows: saturating byte counters indexed by a
  // hash (collisions only make a window look commoner than it is), sized to the
  // number of windows so that they do not all saturate on a large text.
  class WindowCounts {
   public:
    explicit WindowCounts(std::size_t n) {
      std::size_t cap = 1024;
      while (cap < n * 4 && cap < (std::size_t{1} << 24)) cap <<= 1;
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

  struct Group {
    std::uint64_t key;
    std::uint32_t offset, length;
  };
  // Every value by a hash of its bytes (open addressing, linear probing).
  struct Slot {
    std::uint64_t hash;
    std::uint32_t value, anchor;
  };
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  // A fast hash of a whole candidate: 8-byte words (the last one overlapping).
  static std::uint64_t string_hash(const char* s, std::size_t n) {
    std::uint64_t h = n * kMul;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = (h ^ key(s + i)) * kMul, h ^= h >> 29;
    if (i < n) h = (h ^ key(s + n - 8)) * kMul, h ^= h >> 29;  // n >= 8 always
    return h ^ (h >> 32);
  }

  static std::uint64_t key(const char* at) {
    std::uint64_t k;
    std::memcpy(&k, at, sizeof k);
    return k;
  }
  // The two bits of a key's word: from a remix of the product's bits, whose top
  // bits chose the word.
  static std::uint64_t filter_bits(std::uint64_t h) {
    const std::uint64_t m = h ^ (h >> 29);
    return (std::uint64_t{1} << (m & 63)) | (std::uint64_t{1} << ((m >> 6) & 63));
  }
  // A second filter over a value's last 8 bytes and its length: most candidates of a
  // shared anchor (ARNs of one account) fail here without hashing the whole string.
  std::uint64_t tail_hash(const char* s, std::size_t length) const {
    return ((key(s + length - kEchoKeyBytes) ^ (length * 0xC2B2AE3D27D4EB4Full)) * kMul) >> (64 - bits_);
  }
  std::size_t slot_of(std::uint64_t k) const { return static_cast<std::size_t>((k * kMul) >> 17) & table_mask_; }

  unsigned bits_ = 12;       // of the tail filter
  unsigned word_bits_ = 6;   // log2 of the anchor filter's words
  std::vector<std::uint64_t> filter_;
  std::vector<std::uint64_t> tails_;
  const std::vector<std::string_view>* values_ = nullptr;
  std::vector<Slot> slots_;
  std::size_t slot_mask_ = 0;
  std::vector<Group> groups_;
  std::vector<std::uint32_t> table_;  // group index + 1, 0 = empty
  std::size_t table_mask_ = 0;
};

}  // namespace stackengine::detail
