// The redaction's first pass over its input: one read of every byte answers three
// questions that used to be three passes.
//
//   - Is the text acceptable (check_text: no NUL, valid UTF-8)? The pass looks for
//     the first byte that is not plain ASCII; only from there on is the text
//     validated byte by byte (a pure ASCII text is never read twice).
//   - Where are its newlines (the scan's line questions, see Newlines in engine.cpp)?
//   - Where are the Minter's fixed parts ("{{", "9900", "REDACTED", "redacted-"), so
//     that a new placeholder is known not to occur in the input (mint.hpp)?
//
// On a text larger than the caches every pass costs a read from memory (about 20 ms
// for 64 MB on the development machine, whatever the pass does with the bytes), so
// the count of passes, not their arithmetic, is what the time follows. Native builds
// take the two halves on two threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "stackengine/text.hpp"

namespace stackengine::detail {

// Positions of a text's newlines, ascending. 32-bit: inputs are at most
// kMaxInputBytes. The buffer is sized for a line every eight bytes up front and
// grows only for denser texts: untouched capacity costs no memory, while a growing
// std::vector's copies and page faults were most of the work on a 64 MB log.
class NewlineIndex {
 public:

  std::size_t size() const { return size_; }
  std::size_t operator[](std::size_t k) const { return at_[k]; }
  const std::uint32_t* begin() const { return at_.get(); }
  const std::uint32_t* end() const { return at_.get() + size_; }

  // For the prescan: room for `more` positions, then push without checks.
  void reserve_more(std::size_t more) {
    if (size_ + more > capacity_) grow(std::max(capacity_ * 2, size_ + more));
  }
  std::uint32_t* tail() { return at_.get() + size_; }
  void added(std::size_t n) { size_ += n; }
  void append(const NewlineIndex& o);

 private:
  void grow(std::size_t capacity);
  std::unique_ptr<std::uint32_t[]> at_;
  std::size_t size_ = 0, capacity_ = 0;
};

// The Minter's standard fixed parts, in the order of Prescan::literal_at.
inline constexpr std::string_view kStandardLiterals[] = {"{{", "9900", "REDACTED", "redacted-"};
inline constexpr std::size_t kStandardLiteralCount = std::size(kStandardLiterals);

struct Prescan {
  TextCheck check;  // exactly what check_text(text) says
  NewlineIndex newlines;
  std::vector<std::size_t> literal_at[kStandardLiteralCount];  // every occurrence, ascending
};

// The whole text; on two threads when `use_threads` and the build has them. The
// answers are the same either way.
Prescan prescan(std::string_view text, bool use_threads);

// The same for a text that arrives in order (ArrivingText): add() the ranges that
// have arrived, one after the other from 0, then finish() does the rest and gives
// exactly what prescan(text, use_threads) gives.
class PrescanParts {
 public:
  PrescanParts();
  ~PrescanParts();
  PrescanParts(PrescanParts&&) noexcept;
  PrescanParts& operator=(PrescanParts&&) noexcept;

  // Positions [done(), to) of `text`, which must hold at least 8 bytes past `to`
  // unless it ends there (the literals are up to 9 bytes long).
  void add(std::string_view text, std::size_t to);
  std::size_t done() const { return done_; }
  Prescan finish(std::string_view text, bool use_threads);

 private:
  struct Part;
  std::unique_ptr<Part> part_;
  std::size_t done_ = 0;
};

}  // namespace stackengine::detail
