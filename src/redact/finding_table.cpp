// FindingTable (redact.hpp): the findings as one array of numbers and a few strings.
#include "redact/finding_table.hpp"
#include "stackengine/redact.hpp"

namespace stackengine {

FindingTable finding_table(const std::vector<RedactFinding>& findings) {
  FindingTable t;
  t.columns.reserve(findings.size() * FindingTable::kColumns);
  detail::NameList rule(t.rules), category(t.categories), severity(t.severities);
  std::size_t units = 0;
  for (const RedactFinding& f : findings) {
    const std::size_t from = units;
    units += detail::utf16_units(f.placeholder);
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
    // One entry per UTF-16 unit (the second of a pair is no boundary of its own).
    for (std::size_t k = detail::utf16_units_at(static_cast<unsigned char>(t.placeholders[i])); k > 0; --k)
      byte_at.push_back(i);
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
