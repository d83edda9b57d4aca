// stackengine/text.hpp — input checks and locations shared by every parser.
//
//   stackengine::TextCheck check = stackengine::check_text(input);
//   if (!check.ok()) std::cerr << check.error.message << " at " << check.error.line << ":"
//                              << check.error.column << "\n";
//
// Every public entry point takes text that a user pasted: it may be binary, invalid
// UTF-8 or very large. check_text() turns those into an error value with a location
// instead of letting a parser crash on them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stackengine {

// A position in the user's text. Lines and columns are 1-based; the column counts
// Unicode code points, as editors do. `offset` is a byte offset, `offset_utf16`
// the same position in UTF-16 code units (what JavaScript's String#slice uses).
struct SourceLocation {
  std::size_t offset = 0;
  std::size_t offset_utf16 = 0;
  std::size_t line = 1;
  std::size_t column = 1;
};

struct TextError {
  std::string code;     // stable id, e.g. "INPUT_INVALID_UTF8"
  std::string message;  // a sentence for the user; never contains input bytes
  SourceLocation location;
};

struct TextCheck {
  TextError error;
  bool ok() const { return error.code.empty(); }
};

// Largest input any entry point accepts. Bigger inputs get INPUT_TOO_LARGE.
inline constexpr std::size_t kMaxInputBytes = 256u << 20;

// Rejects NUL bytes (binary input), invalid UTF-8 and oversized input.
TextCheck check_text(std::string_view text);

namespace detail {
// check_text for a text whose bytes before `from` are already known to be ASCII
// without NUL (a faster pass found them so): the same answer, without reading them.
TextCheck check_text_from(std::string_view text, std::size_t from);
}  // namespace detail

// Maps byte offsets to SourceLocation. Build once per text; lookups are O(log lines)
// plus the length of the line prefix.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  SourceLocation locate(std::size_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::vector<std::size_t> line_starts_utf16_;
};

// Maps byte offsets asked for in (almost always) increasing order: a cursor that
// walks forward keeps the whole pass linear even over a 100 MB single line, where
// LineIndex::locate would rescan the line prefix every time. A smaller offset
// restarts from the top.
class ForwardLocator {
 public:
  explicit ForwardLocator(std::string_view text) : text_(text) {}
  SourceLocation locate(std::size_t offset);

 private:
  std::string_view text_;
  SourceLocation cur_;
};

}  // namespace stackengine

namespace stackengine {
// Bytes currently allocated on the C++ heap (mallinfo's uordblks). Tests use it to
// prove that callers free what they are given; in WebAssembly it is the live part of
// linear memory, which itself never shrinks.
std::size_t heap_bytes_in_use();
}  // namespace stackengine
