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

 private:
  template <typename OnMatch>
  void emit(std::uint32_t s, std::size_t end, OnMatch& on_match) const {
    for (std::uint32_t j = out_begin_[s]; j < out_begin_[s + 1]; ++j) on_match(outputs_[j], end);
  }
  std::uint32_t step(std::uint32_t s, std::uint8_t c) const;
  std::uint32_t child(std::uint32_t s, std::uint8_t c) const;  // or kNone

  static constexpr std::uint32_t kNone = 0xffffffffu;
  std::size_t pattern_count_ = 0;
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
