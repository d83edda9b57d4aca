// Shared checks for the caller tests.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "stackengine/caller.hpp"

namespace caller_test {

// The fix keeps every byte outside the changed region: `out` is `in` with [p, in.size()-s)
// replaced, where p and s are the common prefix and suffix. Returns the changed length of `in`.
inline std::size_t changed_input_bytes(std::string_view in, std::string_view out) {
  std::size_t p = 0;
  while (p < in.size() && p < out.size() && in[p] == out[p]) ++p;
  std::size_t s = 0;
  while (s < in.size() - p && s < out.size() - p && in[in.size() - 1 - s] == out[out.size() - 1 - s]) ++s;
  return in.size() - p - s;
}

inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string field_value(const stackengine::CallerConfig& c, std::string_view name) {
  const stackengine::CallerField* f = c.field(name);
  return f ? f->value : std::string("<absent>");
}

inline bool has_problem(const std::vector<stackengine::CallerProblem>& ps, std::string_view code) {
  return std::any_of(ps.begin(), ps.end(), [&](const auto& p) { return p.code == code; });
}

// The value a field's span covers in `text` (quotes included).
inline std::string_view span_text(std::string_view text, const stackengine::CallerSpan& s) {
  return text.substr(s.start.offset, s.end.offset - s.start.offset);
}

}  // namespace caller_test
