// FindingTable (redact.hpp): the findings as one array of numbers and a few strings.
#include <string_view>
#include <unordered_map>

#include "stackengine/redact.hpp"

namespace stackengine {
namespace {

// UTF-16 units of valid UTF-8: one per lead byte, two for a four-byte sequence.
std::size_t utf16_units(std::string_view s) {
  std::size_t n = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

// Index of `name` in `list`, added on first sight.
class Names {
 public:
  explicit Names(std::vector<std::string>& list) : list_(list) {}
  std::uint32_t operator()(const std::string& name) {
    const auto [it, added] = index_.try_emplace(name, static_cast<std::uint32_t>(list_.size()));
    if (added) list_.push_back(name);
    return it->second;
  }

 private:
  std::vector<std::string>& list_;
  std::unordered_map<std::string_view, std::uint32_t> index_;  // views of the findings' strings
};

}  // namespace

FindingTable finding_table(const std::vector<RedactFinding>& findings) {
  FindingTable t;
  t.columns.reserve(findings.size() * FindingTable::kColumns);
  Names rule(t.rules), category(t.categories), severity(t.severities);
  std::size_t units = 0;
  for (const RedactFinding& f : findings) {
    const std::size_t from = units;
    units += utf16_units(f.placeholder);
    t.placeholders += f.placeholder;
    const std::size_t row[FindingTable::kColumns] = {
        rule(f.rule),   category(f.category), severity(f.severity), f.start.offset,     f.start.offset_utf16,
        f.start.line,   f.start.column,       f.end.offset,         f.end.offset_utf16, f.end.line,
        f.end.column,   from,                 units};
    for (const std::size_t v : row) t.columns.push_back(static_cast<std::uint32_t>(v));
  }
  return t;
}

std::vector<RedactFinding> table_findings(const FindingTable& t) {
  // Placeholder ranges are UTF-16 units of `placeholders`: walk it once, in order of
  // range start (findings may share one placeholder, so ranges can repeat or go back).
  std::vector<std::size_t> byte_at;  // byte offset of each UTF-16 unit boundary
  byte_at.reserve(t.placeholders.size() + 1);
  for (std::size_t i = 0; i < t.placeholders.size(); ++i) {
    const auto c = static_cast<unsigned char>(t.placeholders[i]);
    if ((c & 0xC0) == 0x80) continue;
    byte_at.push_back(i);
    if (c >= 0xF0) byte_at.push_back(i);  // the second unit of a pair: no boundary of its own
  }
  byte_at.push_back(t.placeholders.size());
  std::vector<RedactFinding> out(t.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint32_t* c = &t.columns[i * FindingTable::kColumns];
    RedactFinding& f = out[i];
    f.rule = t.rules[c[0]];
    f.category = t.categories[c[1]];
    f.severity = t.severities[c[2]];
    f.start = {c[3], c[4], c[5], c[6]};
    f.end = {c[7], c[8], c[9], c[10]};
    f.placeholder.assign(t.placeholders, byte_at[c[11]], byte_at[c[12]] - byte_at[c[11]]);
  }
  return out;
}

}  // namespace stackengine
