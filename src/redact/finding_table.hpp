// Pieces of a FindingTable (redact.hpp) shared by finding_table() and the engine's
// output step, which fills a table directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace stackengine::detail {

// UTF-16 units that a byte of valid UTF-8 starts: one per lead byte, two for a
// four-byte sequence's, none for a continuation byte.
inline std::size_t utf16_units_at(unsigned char c) { return (c & 0xC0) == 0x80 ? 0 : c >= 0xF0 ? 2 : 1; }

inline std::size_t utf16_units(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += utf16_units_at(static_cast<unsigned char>(c));
  return n;
}

// A table's name list: index of `name`, added on first sight (so names come in order
// of first use). The names it is given must outlive it (it keeps views of them).
class NameList {
 public:
  explicit NameList(std::vector<std::string>& list) : list_(list) {}
  std::uint32_t operator()(const std::string& name) {
    const auto [it, added] = index_.try_emplace(name, static_cast<std::uint32_t>(list_.size()));
    if (added) list_.push_back(name);
    return it->second;
  }

 private:
  std::vector<std::string>& list_;
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

}  // namespace stackengine::detail
