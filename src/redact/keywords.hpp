// Aho-Corasick over bytes: finds every occurrence of a set of literal strings in
// one pass. Used twice: the rules' keyword prefilter (ASCII case-insensitive, like
// gitleaks' lowercase-then-search, without materialising a lowercase copy) and
// restore() (exact bytes, placeholders).
//
// Small automata become a dense DFA over byte classes (one table lookup per input
// byte); large ones (a vault with many thousands of placeholders) keep the sparse
// trie plus failure links, which is still linear in the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "redact/parallel.hpp"

namespace stackengine::detail {

class KeywordAutomaton {
 public:
  KeywordAutomaton() = default;
  KeywordAutomaton(const std::vector<std::string>& patterns, bool fold_case);

  bool empty() const { return pattern_count_ == 0; }

  // Calls on_match(pattern_index, end) for every occurrence; `end` is the offset
  // just past the occurrence in `text`.
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (pattern_count_ == 0) return;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::uint32_t s = 0;
    if (!dense_.empty()) {
      // Entries hold the next state's row offset (state * classes) with the top bit
      // set when that state has output: one dependent load per byte.
      const std::uint32_t* delta = dense_.data();
      const std::uint8_t* cls = byte_class_;
      std::uint32_t row = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t e = delta[row + cls[p[i]]];
        row = e & 0x7fffffffu;
        if (e >> 31) emit(row / class_count_, i + 1, on_match);
      }
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t c = byte_class_[p[i]];
      s = step(s, c);
      if (has_output_[s]) emit(s, i + 1, on_match);
    }
  }

  // 8 bytes: a 64 MB log has over a million occurrences, and the scan reads them
  // several times. find_all is for texts of at most 4 GiB (the redaction takes at
  // most kMaxInputBytes).
  struct Hit {
    std::uint32_t pattern;
    std::uint32_t end;  // offset just past the occurrence
  };

  // Every occurrence in `text`, in order of end. A long text is cut in two halves
  // (two threads in native builds, see parallel.hpp), and each half into four
  // segments that are walked in one loop: four independent table lookups per step
  // instead of one chain of dependent ones, which is what bounds a single walk.
  void find_all(std::string_view text, std::vector<Hit>& hits) const {
    hits.clear();
    if (pattern_count_ == 0) return;
    if (dense_.empty() || text.size() < kLanes * 4096) {
      scan(text, [&](std::uint32_t k, std::size_t end) { hits.push_back({k, static_cast<std::uint32_t>(end)}); });
      return;
    }
    find_rest(text, 0, hits);
  }

  // For a text whose occurrences that end in (0, from] are in `hits` already (an
  // ArrivingText's helper found them): appends the rest, in two halves as find_all
  // does, and returns true; false, with nothing appended, when this automaton has no
  // table for it (find_all must be used then).
  bool find_rest(std::string_view text, std::size_t from, std::vector<Hit>& hits) const {
    if (pattern_count_ == 0 || from >= text.size()) return true;
    if (dense_.empty()) return false;
    const std::size_t mid = from + (text.size() - from) / 2;
    std::vector<Hit> second;
    run_both([&] { find_part(text, from, mid, hits); }, [&] { find_part(text, mid, text.size(), second); },
             text.size() - from >= (std::size_t{1} << 20));
    hits.insert(hits.end(), second.begin(), second.end());
    return true;
  }

  // For a text that arrives in order (ArrivingText): appends the occurrences that end
  // in (from, to], reading from `from - (longest pattern - 1)`; calls over (0, a],
  // (a, b], ..., (y, text.size()] give what find_all(text) gives. False, with nothing
  // appended, when this automaton has no table for it (find_all must be used then).
  bool find_range(std::string_view text, std::size_t from, std::size_t to, std::vector<Hit>& hits) const {
    if (pattern_count_ == 0 || to <= from) return true;
    if (dense_.empty()) return false;
    find_part(text, from, to, hits);
    return true;
  }

 private:
  static constexpr std::size_t kLanes = 4;  // find_part's loop is written out for four

  // Appends the occurrences that end in (from, to] (from == 0: [0, to]), in order of
  // end, reading from `from - (longest pattern - 1)` so one that starts before the
  // cut is still seen whole.
  void find_part(std::string_view text, std::size_t from, std::size_t to, std::vector<Hit>& hits) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::uint32_t* delta = dense_.data();
    const std::uint8_t* cls = byte_class_;
    const std::size_t part = (to - from) / kLanes, overlap = max_length_ > 0 ? max_length_ - 1 : 0;
    // Lane j reports the occurrences that end in (own_from, stop]; it starts reading
    // at the root state `overlap` bytes early.
    std::size_t own_from[kLanes], pos[kLanes], stop[kLanes];
    std::uint32_t row[kLanes] = {};
    std::vector<Hit> lane_hits[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) {
      own_from[j] = from + j * part;
      stop[j] = j + 1 == kLanes ? to : from + (j + 1) * part;
      pos[j] = own_from[j] > overlap ? own_from[j] - overlap : 0;
    }
    auto report = [&](std::size_t j, std::uint32_t r, std::size_t end) {
      if (own_from[j] != 0 && end <= own_from[j]) return;
      const std::uint32_t s = r / class_count_;
      for (std::uint32_t o = out_begin_[s]; o < out_begin_[s + 1]; ++o)
        lane_hits[j].push_back({outputs_[o], static_cast<std::uint32_t>(end)});
    };
    // All lanes but the last have the same length (the last may be a few bytes
    // longer): walk them together with the four states in registers, then finish
    // each lane's tail.
    std::size_t common = stop[0] - pos[0];
    for (std::size_t j = 1; j < kLanes; ++j) common = std::min(common, stop[j] - pos[j]);
    {
      const unsigned char *p0 = p + pos[0], *p1 = p + pos[1], *p2 = p + pos[2], *p3 = p + pos[3];
      std::uint32_t r0 = 0, r1 = 0, r2 = 0, r3 = 0;
      for (std::size_t i = 0; i < common; ++i) {
        const std::uint32_t e0 = delta[r0 + cls[p0[i]]];
        const std::uint32_t e1 = delta[r1 + cls[p1[i]]];
        const std::uint32_t e2 = delta[r2 + cls[p2[i]]];
        const std::uint32_t e3 = delta[r3 + cls[p3[i]]];
        r0 = e0 & 0x7fffffffu;
        r1 = e1 & 0x7fffffffu;
        r2 = e2 & 0x7fffffffu;
        r3 = e3 & 0x7fffffffu;
        if ((e0 | e1 | e2 | e3) >> 31) [[unlikely]] {
          if (e0 >> 31) report(0, r0, pos[0] + i + 1);
          if (e1 >> 31) report(1, r1, pos[1] + i + 1);
          if (e2 >> 31) report(2, r2, pos[2] + i + 1);
          if (e3 >> 31) report(3, r3, pos[3] + i + 1);
        }
      }
      row[0] = r0, row[1] = r1, row[2] = r2, row[3] = r3;
      for (std::size_t j = 0; j < kLanes; ++j) pos[j] += common;
    }
    for (std::size_t j = 0; j < kLanes; ++j)
      for (; pos[j] < stop[j]; ++pos[j]) {
        const std::uint32_t e = delta[row[j] + cls[p[pos[j]]]];
        row[j] = e & 0x7fffffffu;
        if (e >> 31) report(j, row[j], pos[j] + 1);
      }
    for (std::size_t j = 0; j < kLanes; ++j) hits.insert(hits.end(), lane_hits[j].begin(), lane_hits[j].end());
  }

  template <typename OnMatch>
  void emit(std::uint32_t s, std::size_t end, OnMatch& on_match) const {
    for (std::uint32_t j = out_begin_[s]; j < out_begin_[s + 1]; ++j) on_match(outputs_[j], end);
  }
  std::uint32_t step(std::uint32_t s, std::uint8_t c) const;
  std::uint32_t child(std::uint32_t s, std::uint8_t c) const;  // or kNone

  static constexpr std::uint32_t kNone = 0xffffffffu;
  std::size_t pattern_count_ = 0;
  std::size_t max_length_ = 0;
  std::uint8_t byte_class_[256] = {};
  std::uint32_t class_count_ = 1;
  // Sparse trie: edges of state s are edges_[edge_begin_[s] .. edge_begin_[s+1]),
  // sorted by class.
  std::vector<std::uint32_t> edge_begin_;
  std::vector<std::pair<std::uint8_t, std::uint32_t>> edges_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint8_t> has_output_;
  std::vector<std::uint32_t> out_begin_;
  std::vector<std::uint32_t> outputs_;
  std::vector<std::uint32_t> dense_;  // state * class_count_ + class -> state
};

}  // namespace stackengine::detail
