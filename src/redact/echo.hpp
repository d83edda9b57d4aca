// Finds every occurrence of many literal strings of at least kEchoKeyBytes bytes
// (the values already detected, so that none survives elsewhere in the text).
//
//   const EchoFinder echo(values);                  // values: distinct, outlive echo
//   echo.scan(text, [&](std::uint32_t value, std::size_t start) { ... });
//
// Aho-Corasick over thousands of distinct 20-200 byte secrets builds a trie of
// hundreds of thousands of states per text, and even one filter probe at every
// byte of the text costs more than the rest of the pass. Instead the text is
// probed only at every S-th position (stride sampling):
//
//   A value of length L >= W + S - 1 registers S consecutive W-byte windows, at
//   value offsets o..o+S-1. Any occurrence of it, wherever it starts, covers
//   exactly one text position that is a multiple of S among those S offsets, so
//   probing the text only at multiples of S finds every occurrence exactly once.
//
// Values are put in classes by length so that each gets the longest stride its
// length allows (long ARNs: S=16; 12-digit account ids: 4-byte windows, S=8),
// and each class is probed with its own small filter. Doubling S halves the
// probes of the text but doubles the windows registered at build time; S=16
// balances the two for thousands of values on megabytes of text.
//
// A probe is one load, one multiply and one test of two bits in one 64-bit word of
// the class's filter. At a position that passes, each distinct (window, offset,
// length) registered for the window there costs a second filter test (the
// candidate's last 8 bytes and length) and, when it passes, one probe of a flat
// table by a hash of the whole candidate. Values that share windows (every ARN of
// one account) therefore never turn the scan quadratic: the work per position is
// bounded by the distinct (offset, length) pairs of its window, not by how many
// values share it; and the windows of long values are chosen where they are rare.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "redact/hash_table.hpp"

namespace stackengine::detail {

constexpr std::size_t kEchoKeyBytes = 8;

class EchoFinder {
 public:
  // `values` must be distinct and outlive the finder; values shorter than
  // kEchoKeyBytes are ignored.
  explicit EchoFinder(const std::vector<std::string_view>& values) : values_(&values) {
    std::array<std::size_t, kClasses> members{};
    std::size_t n = 0, counted = 0;
    for (auto v : values)
      if (v.size() >= kEchoKeyBytes) ++members[class_of(v.size())], ++n, counted += (v.size() - 8) / kCountStep + 2;
    if (n == 0) return;

    // Each value's anchor: its rarest 8-byte window among those that can start its
    // span (ARNs share "arn:aws:" and their account ids; a common anchor costs a
    // verification wherever another value has it).
    WindowCounts uses(counted);
    for (auto v : values) {
      if (v.size() < kEchoKeyBytes) continue;
      for (std::size_t o = 0; o + 8 <= v.size(); o += kCountStep) uses.add(key(v.data() + o));
      if ((v.size() - 8) % kCountStep != 0) uses.add(key(v.data() + v.size() - 8));
    }
    anchor_.assign(values.size(), 0);
    span_.assign(values.size(), 0);
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      const std::string_view v = values[i];
      if (v.size() < kEchoKeyBytes) continue;
      const Spec& s = kSpecs[class_of(v.size())];
      std::size_t best = 0;
      std::uint32_t best_uses = UINT32_MAX;
      auto consider = [&](std::size_t o) {
        const std::uint32_t u = uses.get(key(v.data() + o));
        if (u <= best_uses) best_uses = u, best = o;
      };
      for (std::size_t o = 0; o + 8 <= v.size(); o += kCountStep) consider(o);
      consider(v.size() - 8);
      anchor_[i] = static_cast<std::uint32_t>(best);
      span_[i] = static_cast<std::uint32_t>(std::min(best, v.size() - s.width - s.stride + 1));
    }

    for (std::size_t c = 0; c < kClasses; ++c)
      if (members[c] != 0) build_class(values, c, members[c]);

    // Every value by a hash of its bytes (open addressing, linear probing), and a
    // filter over each value's last 8 bytes and length.
    std::size_t tail_bits = 12;
    while (tail_bits < 24 && (std::size_t{1} << tail_bits) < n * 16) ++tail_bits;
    tail_shift_ = 64 - static_cast<unsigned>(tail_bits);
    tails_.assign((std::size_t{1} << tail_bits) / 64, 0);
    std::size_t slots = 16;
    while (slots < n * 2) slots <<= 1;
    slots_.assign(slots, Slot{0, kEmpty, 0});
    slot_mask_ = slots - 1;
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      const std::string_view v = values[i];
      if (v.size() < kEchoKeyBytes) continue;
      const std::uint64_t t = tail_hash(v.data(), v.size());
      tails_[t >> 6] |= std::uint64_t{1} << (t & 63);
      const std::uint64_t vh = string_hash(v.data(), v.size());
      std::size_t at = static_cast<std::size_t>(vh) & slot_mask_;
      while (slots_[at].value != kEmpty) at = (at + 1) & slot_mask_;
      slots_[at] = Slot{vh, i, anchor_[i]};
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
    if (slots_.empty() || hi - lo < kEchoKeyBytes) return;
    // The text in chunks that stay in the first-level cache while every class
    // probes them (one pass over the whole text per class would read it from
    // memory several times).
    constexpr std::size_t kChunk = 32 * 1024;
    for (std::size_t from = lo; from < hi; from += kChunk) {
      const std::size_t to = std::min(hi, from + kChunk);
      for (const Class& c : classes_) {
        if (c.groups.empty()) continue;
        if (c.width == 8)
          scan_class<8>(c, text, from, to, lo, hi, on_match);
        else
          scan_class<4>(c, text, from, to, lo, hi, on_match);
      }
    }
  }

  static constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;

  // A length class: values of at least min_length bytes (and shorter than the
  // previous class's) register `stride` windows of `width` bytes. min_length is
  // width + stride - 1, the least that holds `stride` windows. Short values use
  // 4-byte windows so that a 12-byte account id still gets stride 8 (with 8-byte
  // windows it would get 4, and its class alone would cost more probes than all
  // long values together). Values of 15-22 bytes (external ids such as
  // "session-health-4904") get 8-byte windows at the same stride: their 4-byte
  // windows ("sess") recur all over a log, and each recurrence cost a verification
  // (-7% of the echo pass on the bench corpus, natively and in WebAssembly).
  struct Spec {
    std::size_t min_length, stride, width;
  };
  static constexpr std::size_t kClasses = 4;
  static constexpr Spec kSpecs[kClasses] = {{23, 16, 8}, {15, 8, 8}, {11, 8, 4}, {8, 4, 4}};
  static std::size_t class_of(std::size_t length) {
    std::size_t c = 0;
    while (c + 1 < kClasses && length < kSpecs[c].min_length) ++c;
    return c;
  }

  // Values anchored on one key at one offset with one length. Most groups hold one
  // value: its last 8 bytes and index are kept here, so a candidate is rejected or
  // confirmed without touching another table.
  struct Group {
    std::uint64_t key;
    std::uint64_t tail;  // the value's last 8 bytes, when value != kMany
    std::uint32_t offset, length;
    std::uint32_t value;  // kMany: several values, verified through the slots
    std::uint32_t unused;
  };
  static constexpr std::uint32_t kMany = 0xfffffffeu;
  struct Class {
    std::size_t stride = 0, width = 0;
    unsigned filter_shift = 0;  // 64 - log2(filter words)
    std::vector<std::uint64_t> filter;
    unsigned hint_shift = 0;
    std::vector<std::uint32_t> hints;
    unsigned anchor_shift = 0;
    std::vector<std::uint64_t> anchors;
    // Open addressing by the anchor key; groups of one key follow each other in
    // probe order. length 0 = empty.
    std::vector<Group> groups;
    std::size_t groups_mask = 0;
  };

  template <std::size_t W>
  static std::uint64_t load(const char* at) {
    if constexpr (W == 8) {
      std::uint64_t k;
      std::memcpy(&k, at, sizeof k);
      return k;
    } else {
      std::uint32_t k;
      std::memcpy(&k, at, sizeof k);
      return k;
    }
  }
  static std::uint64_t key(const char* at) { return load<8>(at); }
  static std::uint64_t load_width(const char* at, std::size_t width) { return width == 8 ? load<8>(at) : load<4>(at); }

  // Two bits in one 64-bit word: one cache line per probe, and a quarter of the
  // false passes of one bit at the same size.
  static bool filter_test(const std::uint64_t* filter, unsigned shift, std::uint64_t k) {
    const std::uint64_t h = k * kMul;
    const std::uint64_t w = filter[h >> shift];
    const std::uint64_t bits = (std::uint64_t{1} << ((h >> (shift - 6)) & 63)) | (std::uint64_t{1} << ((h >> (shift - 12)) & 63));
    return (w & bits) == bits;
  }
  static void filter_set(std::uint64_t* filter, unsigned shift, std::uint64_t k) {
    const std::uint64_t h = k * kMul;
    filter[h >> shift] |= (std::uint64_t{1} << ((h >> (shift - 6)) & 63)) | (std::uint64_t{1} << ((h >> (shift - 12)) & 63));
  }
  static unsigned filter_for(std::vector<std::uint64_t>& filter, std::size_t keys) {
    std::size_t bits = 12;
    while (bits < 24 && (std::size_t{1} << bits) < keys * 16) ++bits;
    filter.assign((std::size_t{1} << bits) / 64, 0);
    return 64 - static_cast<unsigned>(bits - 6);
  }
  static constexpr std::size_t kHintZero = 15;
  static std::size_t hint_of(const Class& c, std::uint64_t k) {
    return static_cast<std::size_t>(((k ^ (k >> 31)) * 0xC2B2AE3D27D4EB4Full) >> c.hint_shift);
  }
  static std::size_t group_of(const Class& c, std::uint64_t k) { return static_cast<std::size_t>((k * kMul) >> 17) & c.groups_mask; }

  // Approximate counts of windows: saturating byte counters indexed by a hash
  // (collisions only make a window look commoner than it is), sized to the number
  // of windows so that they do not all saturate on a large text.
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

  // Counted windows of a value: every 4th offset and the last one (counting all
  // of them would cost as much as the rest of the build).
  static constexpr std::size_t kCountStep = 4;

  void build_class(const std::vector<std::string_view>& values, std::size_t ci, std::size_t members) {
    Class& c = classes_[ci];
    c.stride = kSpecs[ci].stride;
    c.width = kSpecs[ci].width;
    c.filter_shift = filter_for(c.filter, members * c.stride);
    // Small enough to stay in cache: a collision only merges two masks, and an
    // extra anchor to probe costs one load of text already in cache.
    std::size_t hint_bits = 8;
    while (hint_bits < 16 && (std::size_t{1} << hint_bits) < members * c.stride / 8) ++hint_bits;
    c.hint_shift = 64 - static_cast<unsigned>(hint_bits);
    c.hints.assign(std::size_t{1} << hint_bits, 0);
    c.anchor_shift = filter_for(c.anchors, members);
    std::vector<Group> groups;
    groups.reserve(members);
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      const std::string_view v = values[i];
      if (v.size() < kEchoKeyBytes || class_of(v.size()) != ci) continue;
      const std::size_t a = anchor_[i], first = span_[i];
      for (std::size_t j = 0; j < c.stride; ++j) {
        const std::uint64_t w = load_width(v.data() + first + j, c.width);
        filter_set(c.filter.data(), c.filter_shift, w);
        // anchor - window is in [-15, 15]: bit 15 + anchor - window
        c.hints[hint_of(c, w)] |= std::uint32_t{1} << (kHintZero + a - (first + j));
      }
      const std::uint64_t k = key(v.data() + a);
      filter_set(c.anchors.data(), c.anchor_shift, k);
      groups.push_back({k, key(v.data() + v.size() - 8), static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(v.size()), i, 0});
    }
    // One group per distinct (key, offset, length): values of one length that
    // share their anchor at one offset are one candidate to verify wherever the
    // anchor occurs, however many they are.
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
      return a.key != b.key ? a.key < b.key : a.offset != b.offset ? a.offset < b.offset : a.length < b.length;
    });
    std::size_t distinct = 0;
    for (std::size_t j = 0; j < groups.size(); ++j) {
      if (distinct > 0 && groups[distinct - 1].key == groups[j].key && groups[distinct - 1].offset == groups[j].offset &&
          groups[distinct - 1].length == groups[j].length) {
        groups[distinct - 1].value = kMany;
        continue;
      }
      groups[distinct++] = groups[j];
    }
    groups.resize(distinct);
    std::size_t cap = 16;
    while (cap < distinct * 2) cap <<= 1;
    c.groups.assign(cap, Group{0, 0, 0, 0, 0, 0});
    c.groups_mask = cap - 1;
    for (const Group& g : groups) {
      std::size_t t = group_of(c, g.key);
      while (c.groups[t].length != 0) t = (t + 1) & c.groups_mask;
      c.groups[t] = g;
    }
  }

  // Probes the sampled positions in [from, to) whose window lies in [lo, hi).
  template <std::size_t W, typename OnMatch>
  void scan_class(const Class& c, std::string_view text, std::size_t from, std::size_t to, std::size_t lo,
                  std::size_t hi, OnMatch& on_match) const {
    if (hi - lo < W) return;
    const char* p = text.data();
    const std::size_t stride = c.stride;
    // Positions that are multiples of the stride, with a whole window in the text.
    std::size_t i = (from + stride - 1) / stride * stride;
    const std::size_t end = std::min(to, hi - W + 1);
    const std::uint64_t* filter = c.filter.data();
    const unsigned shift = c.filter_shift;
    // Four independent probes per step keep their loads in flight together.
    for (; i + 3 * stride < end; i += 4 * stride) {
      const std::uint64_t k0 = load<W>(p + i), k1 = load<W>(p + i + stride), k2 = load<W>(p + i + 2 * stride),
                          k3 = load<W>(p + i + 3 * stride);
      const bool a = filter_test(filter, shift, k0), b = filter_test(filter, shift, k1),
                 d = filter_test(filter, shift, k2), e = filter_test(filter, shift, k3);
      if (a | b | d | e) [[unlikely]] {
        if (a) find_anchors(c, text, i, k0, lo, hi, on_match);
        if (b) find_anchors(c, text, i + stride, k1, lo, hi, on_match);
        if (d) find_anchors(c, text, i + 2 * stride, k2, lo, hi, on_match);
        if (e) find_anchors(c, text, i + 3 * stride, k3, lo, hi, on_match);
      }
    }
    for (; i < end; i += stride) {
      const std::uint64_t k = load<W>(p + i);
      if (filter_test(filter, shift, k)) find_anchors(c, text, i, k, lo, hi, on_match);
    }
  }

  // The sampled position i holds one of the `stride` windows of some value; the
  // hint of its key says where that value's anchor can be relative to i.
  template <typename OnMatch>
  void find_anchors(const Class& c, std::string_view text, std::size_t i, std::uint64_t k, std::size_t lo,
                    std::size_t hi, OnMatch& on_match) const {
    std::uint32_t m = c.hints[hint_of(c, k)];
    while (m != 0) {
      const unsigned b = static_cast<unsigned>(__builtin_ctz(m));
      m &= m - 1;
      if (i + b < kHintZero) continue;
      const std::size_t a = i + b - kHintZero;
      if (a + 8 > text.size()) break;
      if (filter_test(c.anchors.data(), c.anchor_shift, key(text.data() + a))) check(c, text, a, i, lo, hi, on_match);
    }
  }

  // Candidates for the anchor key at text position i (sampled: the position that
  // passed the filter).
  template <typename OnMatch>
  void check(const Class& c, std::string_view text, std::size_t i, std::size_t sampled, std::size_t lo, std::size_t hi,
             OnMatch& on_match) const {
    const char* p = text.data();
    const std::uint64_t k = key(p + i);
    for (std::size_t t = group_of(c, k); c.groups[t].length != 0; t = (t + 1) & c.groups_mask) {
      const Group& g = c.groups[t];
      if (g.key != k) continue;
      // The occurrence must lie inside [lo, hi).
      if (i < lo + g.offset || i - g.offset > hi || g.length > hi - (i - g.offset)) continue;
      const std::size_t at = i - g.offset;
      if (g.value != kMany) {
        if (key(p + at + g.length - 8) != g.tail) continue;
        const std::string_view value = (*values_)[g.value];
        if (equal_bytes(value.data(), p + at, g.length)) report(c, g.value, at, sampled, on_match);
        continue;
      }
      const std::uint64_t th = tail_hash(p + at, g.length);
      if (!((tails_[th >> 6] >> (th & 63)) & 1)) continue;
      const std::uint64_t vh = string_hash(p + at, g.length);
      for (std::size_t q = static_cast<std::size_t>(vh) & slot_mask_; slots_[q].value != kEmpty; q = (q + 1) & slot_mask_) {
        const Slot& sl = slots_[q];
        // The value must be anchored here: another value of this length may have
        // the same key at this offset without it being its anchor.
        if (sl.hash != vh || sl.anchor != g.offset) continue;
        const std::string_view value = (*values_)[sl.value];
        if (value.size() == g.length && equal_bytes(value.data(), p + at, g.length)) {
          report(c, sl.value, at, sampled, on_match);
          break;  // values are distinct: no other value has these bytes
        }
      }
    }
  }

  // Only the one sampled position among the value's windows reports an
  // occurrence: another sampled position can reach the same anchor through a
  // window of another value.
  template <typename OnMatch>
  void report(const Class& c, std::uint32_t value, std::size_t at, std::size_t sampled, OnMatch& on_match) const {
    if (sampled - at - span_[value] < c.stride) on_match(value, at);
  }

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
  // A second filter over a value's last 8 bytes and its length: most candidates of
  // a shared window (ARNs of one account) fail here without hashing the whole string.
  std::uint64_t tail_hash(const char* s, std::size_t length) const {
    return ((key(s + length - kEchoKeyBytes) ^ (length * 0xC2B2AE3D27D4EB4Full)) * kMul) >> tail_shift_;
  }

  const std::vector<std::string_view>* values_ = nullptr;
  std::vector<std::uint32_t> anchor_, span_;  // value offsets of the anchor and of the first window
  std::array<Class, kClasses> classes_;
  unsigned tail_shift_ = 52;
  std::vector<std::uint64_t> tails_;
  std::vector<Slot> slots_;
  std::size_t slot_mask_ = 0;
};

}  // namespace stackengine::detail
